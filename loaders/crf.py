"""Viterbi decoding of a crfsuite model for every sentence of a document at once.

python-crfsuite tags one sentence per call from feature *strings*: encoding
them, copying them into C++ and looking each one up in the model's attribute
dictionary took most of a load's time (23 million strings on the gwr corpus).
This module reads the same model file (crfsuite's binary format: a label and
an attribute dictionary, then the state and transition weights) and computes
what crfsuite's tagger computes, from attribute ids, with numpy over a whole
document:

* the state score of a token for a label is the sum of the weights of its
  attributes' features for that label, added in the order of the token's
  attributes, which is crfsuite's own order of additions, so the sums are the
  same floating-point numbers; an attribute the model does not know adds
  nothing in crfsuite and adds 0.0 here (the zero row :attr:`CrfModel.none`);
* Viterbi keeps, for each label, the first best predecessor and then the first
  best last label, as crfsuite's strict ``<`` comparisons do.

So the tags are crfsuite's bit for bit (a test compares them on real text), and
so are the marginal probabilities of :meth:`CrfModel.marginals`, computed
with crfsuite's forward-backward in its order of operations.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse

__all__ = ["CrfModel", "read_model"]

_HEADER = struct.Struct("<4sI4s9I")  # magic, size, type, version, #features, #labels, #attributes, 5 offsets
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
#: Most weights (tokens x slots x labels) :meth:`CrfModel.scores` sums without a sparse matrix: below it,
#: gathering and adding them is cheaper than building the matrix (about 10 microseconds against 80 for a
#: sentence's three pairs of mentions; even at about 10,000).
_DENSE_MAX = 10_000


def _strings(buf: bytes, offset: int) -> list[str]:
    """The strings of the CQDB dictionary at ``offset``, by id (crfsuite's cqdb.c: header, backward array)."""
    if buf[offset:offset + 4] != b"CQDB":
        raise ValueError(f"no string dictionary at byte {offset}")
    _size, _flag, _order, count, backward = struct.unpack_from("<5I", buf, offset + 4)
    out = []
    for rec in struct.unpack_from(f"<{count}I", buf, offset + backward):
        _id, size = struct.unpack_from("<2I", buf, offset + rec)
        out.append(buf[offset + rec + 8:offset + rec + 7 + size].decode("utf-8"))  # size counts the NUL
    return out


@dataclass(eq=False)
class CrfModel:
    """The weights of a linear-chain CRF model file.

    Attributes:
        labels: label names by label id.
        attributes: attribute string -> row of :attr:`state`.
        state: state-feature weights, one row per attribute of the file and a last row (:attr:`none`), all zeros,
            that stands for an absent or unknown attribute: ``(len(attributes) + 1, len(labels))`` as read.
        transition: ``(L, L)`` weight of moving from label ``i`` to label ``j``.
    """

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transition: np.ndarray

    @property
    def none(self) -> int:
        """The row of :attr:`state` that stands for an absent attribute: its last row, all zeros, which no attribute
        has, in a model as read and in a folded one alike (:meth:`folded` drops attributes and keeps every row, so
        ``len(attributes)`` there is a kept attribute's row: until session 72 that attribute, 理论|研讨会 after a
        token in the organisation-work genre's model, was read as an empty slot and its weights lost); a sum leaves
        it out all the same (:meth:`scores`)."""
        return len(self.state) - 1

    def ids(self, features: Iterable[str]) -> list[int]:
        """Rows of the attributes in ``features`` the model knows, in their order."""
        get = self.attributes.get
        return [i for i in map(get, features) if i is not None]

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """State scores ``(n, L)`` of ``n`` tokens.

        Args:
            rows: ``(n, slots)`` ints: for every token, the rows of :attr:`state` of its attributes,
                in their order, :attr:`none` where a slot is empty.

        The tokens' attributes become the rows of a sparse matrix, in slot order, and its
        product with :attr:`state` adds each token's weights in that order (scipy's CSR
        product walks a row's entries as stored, from 0.0; ``1.0 * w`` is ``w``), as crfsuite
        does: the same sums, bit for bit (a test compares them).  A few tokens (a sentence's pairs
        of mentions: at most :data:`_DENSE_MAX` weights in all) are summed without the sparse matrix,
        whose construction costs more than their sums: the weights of every slot, gathered, are added
        slot after slot (``np.add.accumulate``), an empty slot adding 0.0 (``x + 0.0`` is ``x``), so the
        sums are the same numbers.
        """
        present = rows != self.none
        if rows.shape[1] and rows.size * len(self.labels) <= _DENSE_MAX:
            # an empty slot adds 0.0, not the weights of a row it names (:attr:`none`'s are zeros, kept so by :meth:`folded`)
            weights = np.where(present[:, :, None], self.state[rows], 0.0)
            return np.ascontiguousarray(np.add.accumulate(weights, axis=1)[:, -1])
        starts = np.concatenate([[0], np.cumsum(present.sum(axis=1))])
        attrs = rows[present]  # row-major: each token's attributes in slot order
        tokens = scipy.sparse.csr_matrix((np.ones(len(attrs)), attrs, starts), shape=(len(rows), len(self.state)))
        return np.ascontiguousarray(tokens @ self.state)

    def viterbi(self, scores: np.ndarray, lengths: Sequence[int]) -> list[list[str]]:
        """The best label sequence of each sentence.

        Args:
            scores: state scores ``(sum(lengths), L)``, sentences one after another.
            lengths: tokens per sentence (each at least 1).

        Returns:
            One list of label names per sentence, in the order of ``lengths``.
        """
        if not len(lengths):
            return []
        lens = np.asarray(lengths, dtype=np.int64)
        starts = np.cumsum(lens) - lens
        order = np.argsort(-lens, kind="stable")  # longest first: the sentences still running are a prefix
        lens_o, starts_o = lens[order], starts[order]
        running = np.searchsorted(-lens_o, -np.arange(int(lens_o[0]) + 1), side="left")  # sentences longer than t
        n_labels = len(self.labels)
        back = np.zeros(scores.shape, dtype=np.int64)  # best predecessor of (token, label)
        last = np.empty((len(lens), n_labels))  # scores at each sentence's last token
        # flat index in `cand` of (sentence s, from 0, to j): s * L * L + j; `from` adds from * L (np.take of the
        # flat array is cheaper than np.take_along_axis, the same elements)
        at = np.arange(len(lens))[:, None] * (n_labels * n_labels) + np.arange(n_labels)[None, :]
        cur = scores[starts_o]
        for t in range(1, int(lens_o[0])):
            r = running[t]
            last[r:running[t - 1]] = cur[r:]
            cand = cur[:r, :, None] + self.transition[None, :, :]  # (sentence, from, to)
            best = cand.argmax(axis=1)
            rows = starts_o[:r] + t
            back[rows] = best
            cur = cand.take(best * n_labels + at[:r]) + scores[rows]  # the maximum, read at `best`
        last[:len(cur)] = cur
        # trace back all sentences at once, from the longest one's end
        y = last.argmax(axis=1)
        path = np.empty(len(scores), dtype=np.int64)
        path[starts_o + lens_o - 1] = y
        back = back.ravel()
        for t in range(int(lens_o[0]) - 1, 0, -1):
            r = running[t]
            rows = starts_o[:r] + t
            y[:r] = back.take(rows * n_labels + y[:r])  # back[rows, y]
            path[rows - 1] = y[:r]
        names = list(map(self.labels.__getitem__, path.tolist()))
        return [names[s:s + n] for s, n in zip(starts.tolist(), lens.tolist(), strict=True)]


    def marginals(self, scores: np.ndarray, lengths: Sequence[int], label: str) -> np.ndarray:
        """The marginal probability of ``label`` at every token, as crfsuite's ``marginal`` gives it.

        crfsuite's forward-backward with scaling (crf1d_context.c), step by step in its order of
        operations, every sentence at once: exponentials by the C library's ``exp`` (python-crfsuite
        builds crfsuite without its SSE approximation; a test compares the results bit for bit),
        sums over labels from left to right (``np.add.accumulate``).

        Args:
            scores: state scores ``(sum(lengths), L)``, sentences one after another.
            lengths: tokens per sentence (each at least 1).
            label: a label of the model.

        Returns:
            ``(sum(lengths),)`` probabilities.
        """
        if not len(lengths):
            return np.zeros(0)
        lens = np.asarray(lengths, dtype=np.int64)
        starts = np.cumsum(lens) - lens
        order = np.argsort(-lens, kind="stable")
        lens_o, starts_o = lens[order], starts[order]
        running = np.searchsorted(-lens_o, -np.arange(int(lens_o[0]) + 1), side="left")
        trans = self.exp_transition
        state = np.fromiter(map(math.exp, scores.ravel().tolist()), dtype=float, count=scores.size).reshape(scores.shape)
        alpha, beta, scale = np.empty(scores.shape), np.empty(scores.shape), np.empty(len(scores))

        def normalise(cur: np.ndarray, rows: np.ndarray) -> None:
            total = np.add.accumulate(cur, axis=1)[:, -1]
            scale[rows] = np.divide(1.0, total, out=np.ones_like(total), where=total != 0)
            alpha[rows] = cur * scale[rows][:, None]

        normalise(state[starts_o], starts_o)
        for t in range(1, int(lens_o[0])):
            rows = starts_o[:running[t]] + t
            # cur[j] = sum over i, in order, of alpha[t-1][i] * trans[i][j]; then times state[t][j]
            cur = np.add.accumulate(alpha[rows - 1][:, :, None] * trans[None, :, :], axis=1)[:, -1, :]
            normalise(cur * state[rows], rows)
        ends = starts_o + lens_o - 1
        beta[ends] = scale[ends][:, None]
        for t in range(int(lens_o[0]) - 2, -1, -1):
            rows = starts_o[:running[t + 1]] + t
            row = beta[rows + 1] * state[rows + 1]
            # cur[i] = sum over j, in order, of trans[i][j] * row[j]
            cur = np.add.accumulate(trans[None, :, :] * row[:, None, :], axis=2)[:, :, -1]
            beta[rows] = cur * scale[rows][:, None]
        k = self.labels.index(label)
        return alpha[:, k] * beta[:, k] / scale

    def folded(self, *prefixes: str) -> CrfModel:
        """This model with each attribute ``prefix + a`` added into ``a``, for each of ``prefixes`` in turn: a model
        fitted with feature copies (:func:`policykg.loaders.train.fit`'s adapted documents, a genre's documents)
        read as if every token carried them.

        A token with attribute ``a`` then scores ``w(a) + w(prefix + a)`` for each label, what crfsuite gives it
        when the token also carries ``prefix + a`` (equal up to the order of the floating-point additions); a copy
        whose attribute the model does not otherwise know takes that attribute's place.  The model is unchanged
        when no attribute starts with any of ``prefixes``.

        Returns:
            A new model (or this one when there is nothing to fold); the transitions are shared.
        """
        model = self
        for prefix in prefixes:
            model = model._folded(prefix)
        return model

    def _folded(self, prefix: str) -> CrfModel:
        """:meth:`folded` for one prefix."""
        copies = [(a, i) for a, i in self.attributes.items() if a.startswith(prefix)]
        if not copies:
            return self
        state = self.state.copy()
        attributes = {a: i for a, i in self.attributes.items() if not a.startswith(prefix)}
        for a, i in copies:
            base = attributes.get(a[len(prefix):])
            if base is None:
                attributes[a[len(prefix):]] = i
            else:
                state[base] += state[i]
        return CrfModel(self.labels, attributes, state, self.transition)

    @cached_property
    def exp_transition(self) -> np.ndarray:
        """``exp`` of :attr:`transition`, by the C library's ``exp`` as crfsuite takes it."""
        return np.array([[math.exp(x) for x in row] for row in self.transition.tolist()])


@lru_cache(maxsize=8)
def read_model(path: str) -> CrfModel:
    """Read a crfsuite model file (``lCRF``/``FOMC``, as python-crfsuite writes it); cached per path.

    Raises:
        OSError: the file cannot be read.
        ValueError: it is not a crfsuite linear-chain model.
    """
    buf = Path(path).read_bytes()
    if len(buf) < _HEADER.size:
        raise ValueError(f"{path}: not a crfsuite model (too short)")
    magic, _size, kind, _version, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, _lref, _aref = \
        _HEADER.unpack_from(buf)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a crfsuite linear-chain model")
    labels, attrs = _strings(buf, off_labels), _strings(buf, off_attrs)
    if (len(labels), len(attrs)) != (n_labels, n_attrs) or buf[off_feat:off_feat + 4] != b"FEAT":
        raise ValueError(f"{path}: inconsistent crfsuite model")
    count = struct.unpack_from("<I", buf, off_feat + 8)[0]
    feats = np.frombuffer(buf, dtype=_FEATURE, count=count, offset=off_feat + 12)
    state = np.zeros((n_attrs + 1, n_labels))
    transition = np.zeros((n_labels, n_labels))
    s, t = feats[feats["type"] == 0], feats[feats["type"] == 1]
    state[s["src"], s["dst"]] = s["weight"]
    transition[t["src"], t["dst"]] = t["weight"]
    return CrfModel(tuple(labels), {a: i for i, a in enumerate(attrs)}, state, transition)
