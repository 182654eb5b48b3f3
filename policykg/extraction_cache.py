"""What the extractor made of each document's text, kept on disk so that re-resolving a store does not extract again.

Every curation decision, its undo and every ``policykg delete`` re-resolve the whole store in load order
(:func:`policykg.reresolve.reapply`), and that meant extracting every stored text again: a merge on the 67 national
work reports took 29 s, of which extraction was more than half, and the time grows with the corpus (a walkthrough,
session 58).  Extraction is a pure function of a document's text and facts (id, title, year, place, level), the
extractor's code and word lists, the models and the tokenizer's version, so its result is kept under a key made of
all of them: any change to one is a different key, and a result is never reused for another input.

The cache is diskcache's :class:`diskcache.Cache` (SQLite, safe across processes, evicting the entries stored
longest ago beyond its size limit) in ``<data_dir>/extraction-cache/``; each value is the pickled
:class:`~policykg.graph.records.DocumentGraph`, zlib-compressed (about 6 bytes per character of text).  A
value that cannot be read is a miss, and a value that cannot be written is left out with a warning: the cache never
changes a result, only how long it takes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import pickle
import zlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from policykg.graph.records import DocumentGraph, SourceDocument

__all__ = ["ExtractionCache", "extractor_fingerprint"]

logger = logging.getLogger(__name__)

#: Distributions whose version can change what the extractor makes of a text (the tokenizer's dictionary and
#: code, the models' reader, the numeral and script conversions).
_DISTRIBUTIONS = ("jieba", "jieba-next", "python-crfsuite", "numpy", "cn2an", "opencc-python-reimplemented")

#: Folders of the package that hold no input of extraction (annotated texts, golds and their readings).
_NOT_EXTRACTION = {"training", "__pycache__"}


def _tree_digest(root: Path) -> str:
    """SHA-256 (hex) over the relative path and bytes of every file under ``root`` but :data:`_NOT_EXTRACTION`."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root)
        if _NOT_EXTRACTION.intersection(rel.parts) or path.suffix in {".pyc", ".lock"}:
            continue
        h.update(str(rel).encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: str) -> str:
    """SHA-256 (hex) of a file's bytes, or ``"absent"``."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "absent"


@lru_cache(maxsize=8)
def extractor_fingerprint(model: str | None) -> str:
    """One string that changes whenever the extractor could make something else of the same text.

    It digests the code and data files of :mod:`policykg.loaders` and :mod:`policykg.graph` (the shipped models
    among them), the versions of :data:`_DISTRIBUTIONS`, and, for a model given by path, that file and the
    relation model beside it (``X.pairs.crfsuite``).  Computed once per process and model (about 0.05 s).

    Args:
        model: the loaders' model argument: ``None`` the shipped models, ``""`` the rules alone, else a path.

    Returns:
        A SHA-256 hex digest.
    """
    from policykg import graph, loaders

    parts = [_tree_digest(Path(loaders.__file__).parent), _tree_digest(Path(graph.__file__).parent)]
    for dist in _DISTRIBUTIONS:
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=absent")
    if model is None:
        parts.append("model=shipped")
    elif model == "":
        parts.append("model=rules")
    else:
        pairs = str(Path(model).with_name(Path(model).stem + ".pairs.crfsuite"))
        parts.append(f"model={_file_digest(model)}/{_file_digest(pairs)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ExtractionCache:
    """Extraction results on disk, keyed by everything extraction reads (see the module's docstring).

    The object pickles to its folder, size limit and fingerprints alone, so it can be handed to worker processes;
    each process opens the folder when it first reads or writes.

    Args:
        directory: the cache's folder (made when first written).
        size_limit_bytes: the most the folder holds (bytes); beyond it, the entries stored longest ago go first.
    """

    def __init__(self, directory: Path, size_limit_bytes: int) -> None:
        self.directory = Path(directory)
        self.size_limit_bytes = int(size_limit_bytes)
        self._cache: Any = None
        self._unwritable = False

    def __getstate__(self) -> dict[str, Any]:
        return {"directory": self.directory, "size_limit_bytes": self.size_limit_bytes}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["directory"], state["size_limit_bytes"])  # type: ignore[misc]

    def key(self, doc: SourceDocument, model: str | None) -> str:
        """The key of ``doc`` read by ``model``: a SHA-256 hex digest of the extractor's fingerprint and every fact
        of the document extraction reads (its text by its content hash); the load order and the length are not
        read, so a stored document and the file it came from have one key."""
        facts = [extractor_fingerprint(model), doc.id, doc.file_name, doc.title, doc.year, doc.place, doc.level,
                 doc.encoding, doc.content_hash]
        return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()

    def _open(self) -> Any:
        if self._cache is None:
            from diskcache import Cache

            self._cache = Cache(str(self.directory), size_limit=self.size_limit_bytes,
                                eviction_policy="least-recently-stored")
        return self._cache

    def get(self, doc: SourceDocument, model: str | None) -> DocumentGraph | None:
        """What extraction made of ``doc`` with ``model`` before, its document ``doc`` itself (its load order as
        now), or ``None`` (never seen, evicted, or unreadable: the reason is logged at DEBUG)."""
        try:
            raw = self._open().get(self.key(doc, model))
            if raw is None:
                return None
            dg = pickle.loads(zlib.decompress(raw))
        except Exception as exc:  # a cache never fails the work it speeds up
            logger.debug("extraction cache %s: %s unreadable (%s)", self.directory, doc.id, exc)
            return None
        if not isinstance(dg, DocumentGraph):
            return None
        dg.document = dataclasses.replace(doc)
        return dg

    def put(self, doc: SourceDocument, model: str | None, dg: DocumentGraph) -> None:
        """Keep ``dg``, what extraction made of ``doc`` with ``model``, before anything resolves or curates it.
        A cache that cannot be written (a read-only or full disk) is warned about once per process and left."""
        if self._unwritable:
            return
        try:
            self._open().set(self.key(doc, model), zlib.compress(pickle.dumps(dg, protocol=5), 1))
        except Exception as exc:
            self._unwritable = True
            logger.warning("extraction cache %s cannot be written (%s); documents are extracted again whenever the "
                           "store is re-resolved", self.directory, exc)

    def close(self) -> None:
        """Close this process's connection to the folder (a later read or write opens it again)."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None
