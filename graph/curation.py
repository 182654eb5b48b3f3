"""Curation: a researcher's decisions about entities, kept in a human-editable TOML file.

The file (``POLICYKG_CURATION_FILE``, default ``<data dir>/curation.toml``)
holds one ``[[decision]]`` table per decision, applied in file order whenever
documents are loaded (:mod:`policykg.graph.curation_apply`), so a correction
survives re-extraction, a changed version of a document and a fresh load::

    [[decision]]
    id = "d1"
    action = "merge"            # A and B are one entity
    label = "Program"
    names = ["红色物业", "红色物业建设"]
    canonical = "红色物业"        # the canonical name of the merged node

    [[decision]]
    id = "d2"
    action = "rename"           # a new canonical name (the old one stays an alias)
    label = "Program"
    name = "五星支部创建"
    canonical = "五星支部"

    [[decision]]
    action = "retype"           # Program -> Goal
    label = "Program"
    name = "乡村振兴"
    to = "Goal"

    [[decision]]
    action = "reject"           # never an entity again, in any document (label optional: any label)
    name = "工作"

    [[decision]]
    action = "reject"           # this node is no entity: the mentions resolution puts on it leave
    node = "Program:机构改革"      # (the explorer's panel writes it, with the node's other names as names)

    [[decision]]
    action = "add"              # every occurrence of the name becomes a mention
    label = "Program"
    name = "党建引领"

    [[decision]]
    action = "detach"           # an alias merged into a node wrongly becomes its own entity
    label = "Program"
    name = "红色物业"
    alias = "红色物业管理"

A ``reject`` with ``name`` is a decision about the name: it takes the name out wherever it is extracted, before
resolution, also where another node holds it as an alias.  A ``reject`` with ``node`` is a decision about that node,
as a rename or retype is: it takes out the entities the resolution puts on the node and no other (rejected from the
panel, Program:机构改革 had taken 浙江's 机构改革, an alias of Program:政府机构改革 there).  A file written before ``node``
holds every reject as ``label``/``name`` (those from the panel with ``names`` too): each is read, and applied, as a
reject of its names, as it was; write ``node = "<Label>:<name>"`` in place of ``label`` and ``name`` to make it a
reject of the node.

Names are compared by :func:`policykg.graph.names.match_key` (quotation marks, traditional characters and a trailing
建设/创建/工作 do not matter).  ``id`` is optional when editing by hand: a missing one is derived from the decision's
content, so it stays the same across loads.  Every node and relationship a decision changed records its id in ``curated_by``.
``last_id = n`` at the top of the file (written by policykg) keeps the number of the last ``d<n>`` given, so the id of
an undone decision is never given to another.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from policykg.errors import CurationBusyError, CurationError

from .curation_decision import ACTIONS, Decision, make_decision

__all__ = ["ACTIONS", "Curation", "Decision", "changing", "make_decision", "readable", "text_hash", "versioned_hash"]

_HEADER = ("# policykg curation decisions, applied in order whenever documents are loaded\n"
           "# (see policykg/graph/curation.py for every action). Edit freely, then: policykg curate apply\n")

#: The header of a decision table in a curation file (``[[decision]]``, spaces allowed).
_TABLE_HEADER = re.compile(r"^\s*\[\[\s*decision\s*\]\]")


def _next_id(issued: int, decisions: list[Decision]) -> int:
    """The ``n`` of the next ``d<n>`` id: one more than ``issued`` (``last_id``) or the largest ``d<n>`` of
    ``decisions``."""
    return 1 + max([issued, *(int(d.id[1:]) for d in decisions if d.id[:1] == "d" and d.id[1:].isdigit())])


class Curation:
    """The decisions of one curation file, in file order.

    Args:
        path: the TOML file; a missing file means no decisions (it is created by :meth:`add`).

    Raises:
        CurationError: the file is not valid TOML or a decision is malformed (the message names the file, the decision
            and the reason)."""

    def __init__(self, path: Path | str | None = None, decisions: list[Decision] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.decisions: list[Decision] = list(decisions or [])
        #: ``(decision id, name key)`` of what the decisions acted on while documents were curated with this object
        #: (:mod:`policykg.graph.curation_apply`; key ``""`` for the decision as a whole), so a decision or a merged
        #: name that matched nothing can be reported (:func:`policykg.reresolve.reapply`).
        self.acted: set[tuple[str, str]] = set()
        #: the number of the last ``d<n>`` id given (``last_id`` in the file): an undone decision's id is never given
        #: again, so ``curated_by`` and a researcher's notes keep naming one decision (a walkthrough, session 55)
        self.issued = 0
        if decisions is None and self.path is not None and self.path.exists():
            self.decisions = self._read()

    def _read(self) -> list[Decision]:
        assert self.path is not None
        try:
            text = self.path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CurationError(f"{self.path}: cannot read the curation file ({exc})") from exc
        tables, issued = data.get("decision", []), data.get("last_id", 0)
        if not isinstance(tables, list) or set(data) - {"decision", "last_id"}:
            raise CurationError(f"{self.path}: expected only [[decision]] tables (and last_id)")
        if not isinstance(issued, int) or issued < 0:
            raise CurationError(f"{self.path}: last_id must be a whole number, the last decision id given (d<n>)")
        self.issued = issued
        # each decision named by its place and the line of its [[decision]] header: a hand-edited file's errors had
        # given the place alone (a walkthrough, session 58)
        lines = [k + 1 for k, line in enumerate(text.splitlines()) if _TABLE_HEADER.match(line)]
        where = [f"{self.path}, decision {i + 1}" + (f" (line {lines[i]})" if len(lines) == len(tables) else "")
                 for i in range(len(tables))]
        out = [make_decision(t, where[i]) for i, t in enumerate(tables)]
        ids = [d.id for d in out]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup:
            first, second = (k for k, i in enumerate(ids) if i == dup)
            raise CurationError(f"{where[first]} and {where[second].removeprefix(f'{self.path}, ')} have the same id "
                                f"{dup!r}; give one of them another (d{_next_id(issued, out)})")
        return out

    @property
    def fingerprint(self) -> str:
        """12 hex digits that change whenever a decision changes (``""`` without decisions)."""
        if not self.decisions:
            return ""
        raw = json.dumps([d.to_dict() for d in self.decisions], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]

    def get(self, decision_id: str) -> Decision | None:
        """The decision with this id, or ``None``."""
        return next((d for d in self.decisions if d.id == decision_id), None)

    def add(self, raw: dict[str, Any]) -> Decision:
        """Validate a decision, give it the next free id ``d<n>`` and append it to the file.

        The file is rewritten through a temporary file and an atomic rename; comments and the layout of what is
        already there are kept (tomlkit).

        Returns:
            The decision as stored.

        Raises:
            CurationError: the decision is malformed, or the file cannot be written.
        """
        import tomlkit

        n = 1 + self._highest()
        decision = make_decision({**{k: v for k, v in raw.items() if v not in (None, "", [])}, "id": f"d{n}"},
                                 "the new decision")
        if self.path is None:
            self.decisions.append(decision)
            return decision
        try:
            text = self.path.read_text(encoding="utf-8") if self.path.exists() else _HEADER
            doc = tomlkit.parse(text)
            if not isinstance(doc.get("decision"), tomlkit.items.AoT):  # none yet, or `decision = []` (see remove)
                kept = [dict(t) for t in doc.pop("decision", [])]
                doc.append("decision", tomlkit.aot())
                for t in kept:
                    doc["decision"].append(tomlkit.item(t))
            doc["decision"].append(tomlkit.item(decision.to_dict()))
            doc["last_id"] = n
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
            os.replace(tmp, self.path)
        except (OSError, tomlkit.exceptions.TOMLKitError) as exc:
            raise CurationError(f"{self.path}: cannot write the curation file ({exc})") from exc
        self.decisions.append(decision)
        self.issued = n
        return decision

    def _highest(self) -> int:
        """The largest ``n`` of a ``d<n>`` id given: ``last_id``, or a decision's id when larger (0 without one)."""
        return _next_id(self.issued, self.decisions) - 1

    def remove(self, decision_id: str) -> Decision:
        """Take the decision ``decision_id`` out of the file (through a temporary file and an atomic rename, the rest
        of the file kept as it is) and out of this object; the ids of the others do not change.

        Returns:
            The decision removed.

        Raises:
            CurationError: no decision has this id (the message lists those there are), or the file cannot be
                written (then nothing is removed).
        """
        import tomlkit

        decision = self.get(decision_id)
        if decision is None:
            there = ", ".join(d.id for d in self.decisions) or "none"
            raise CurationError(f"no curation decision {decision_id!r} (the decisions: {there})")
        if self.path is not None:
            try:
                doc = tomlkit.parse(self.path.read_text(encoding="utf-8"))
                tables = doc["decision"]
                # a decision written by hand without an id has the one its content gives (make_decision)
                index = next(i for i, t in enumerate(tables)
                             if make_decision(t.unwrap(), f"{self.path}, decision {i + 1}").id == decision_id)
                del tables[index]
                if not tables:  # tomlkit writes an empty array of tables `decision = []`, which the next add broke
                    del doc["decision"]
                doc["last_id"] = self._highest()  # the removed id too: never given again
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
                os.replace(tmp, self.path)
            except (OSError, KeyError, StopIteration, tomlkit.exceptions.TOMLKitError) as exc:
                raise CurationError(f"{self.path}: cannot remove decision {decision_id} ({exc!r})") from exc
        self.issued = self._highest()
        self.decisions.remove(decision)
        return decision


def text_hash(content_hash: str) -> str:
    """The text's hash of a stored ``content_hash`` (:func:`versioned_hash` without its curation fingerprint)."""
    return content_hash.split("+", 1)[0]


def versioned_hash(text_hash: str, fingerprint: str) -> str:
    """The ``content_hash`` of a document resolved under a curation: its text's hash, ``+<fingerprint>`` when curated
    (:func:`policykg.graph.schema.to_property_graph` writes a digest of the document's graph in place of the
    fingerprint; a store written before the curation mark holds the fingerprint: :func:`policykg.reresolve.text_hashes`)."""
    return f"{text_hash}+{fingerprint}" if fingerprint else text_hash


def readable(path: Path | str) -> Curation | None:
    """The curation file at ``path``, or ``None`` when it is broken: for the notes on an old id
    (:func:`.curation_notes.moved_note`, :func:`.curation_notes.emptied_note`), which leave a broken file to be
    reported where it is applied."""
    try:
        return Curation(path)
    except CurationError:
        return None


@contextmanager
def changing(path: Path, wait_s: float | None = None, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of the curation file ``path`` while this process reads it, records or takes out a decision and
    re-applies it to the store: another process doing the same (a second terminal, the server) waits until it is done.

    Two ``policykg curate`` commands run at once had read the file before either wrote it, so both gave their
    decision the same id and the file was then refused everywhere, and a decision recorded while another was being
    applied was missing from the store (a walkthrough, session 58).  The lock is ``<path>.lock`` (py-filelock's
    :class:`filelock.FileLock`: an OS lock, released when the process ends, however it ends).

    Args:
        path: the curation file.
        wait_s: seconds to wait for the lock (``None``: as long as it takes).
        waiting: called once when the lock is held by another process, before waiting for it (to say so).

    Raises:
        CurationBusyError: ``wait_s`` passed and another process still holds the lock; nothing was changed.
        CurationError: the lock file cannot be made in the curation file's folder.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock")
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if waiting is not None:
                waiting()
            lock.acquire(timeout=-1 if wait_s is None else wait_s)
    except Timeout:
        raise CurationBusyError(f"{path}: another process is changing the curation (recording or taking out a "
                                f"decision, or re-applying the file) and has not finished after {wait_s:g} s; "
                                "try again when it has") from None
    except OSError as exc:
        raise CurationError(f"{path}: cannot lock the curation file ({exc.strerror or exc})") from exc
    try:
        yield
    finally:
        lock.release()
