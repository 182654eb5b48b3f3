"""The embedded store: a networkx ``MultiDiGraph`` in memory, persisted in SQLite.

Each source document is one row of ``documents`` (its property graph as
JSON, its text and content hash), written in one SQLite transaction, so a
crash in the middle of a load loses nothing already loaded and never leaves
half a document.  Opening the store replays the rows in load order.

Read-only Cypher runs through ``grand-cypher`` (a Cypher interpreter over
networkx graphs).  The supported subset: ``MATCH`` patterns with labels,
relationship types and variable-length hops, ``WHERE`` with comparisons,
``CONTAINS``/``STARTS WITH``/``ENDS WITH``, ``IN``, ``AND``/``OR``/``NOT``,
``RETURN`` (``DISTINCT``, ``AS``, ``count``/``sum``/``avg``/``min``/``max``/``collect``,
``id``, ``type``, ``size``, ``toLower``, ``toUpper``, ``coalesce``),
``ORDER BY``, ``SKIP``, ``LIMIT``.  No write clause exists in that grammar;
``$name`` parameters are bound as literals (strings JSON-quoted); aggregate
names are accepted in any case.  A query enumerates at most
:data:`MATCH_CAP` matches; a query past its timeout is abandoned (its worker
thread finishes in the background: Python threads cannot be killed).
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import NotFoundError, QueryError, QueryTimeoutError, StoreError

from .schema import ENTITY_LABELS, Edge, Node, PropertyGraph, aggregate_entity
from .store import CypherResult, GraphStore, empty_stats, paused_gc

__all__ = ["EmbeddedStore"]

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    text TEXT NOT NULL
);
"""
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
#: Most pattern matches one embedded Cypher query enumerates (aggregates count at most this many).
MATCH_CAP = 1_000_000


class EmbeddedStore(GraphStore):
    """networkx + SQLite store (the default).

    Args:
        data_dir: folder for ``graph.sqlite`` (created if missing).

    Raises:
        StoreError: the database cannot be opened or is not a policykg store.
    """

    name = "embedded"

    def __init__(self, data_dir: Path | str) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / "graph.sqlite"
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the embedded store ({exc})") from exc
        self._lock = threading.RLock()
        self.graph = nx.MultiDiGraph()
        self._owned: dict[str, tuple[list[str], list[tuple[str, str, str]]]] = {}
        self._hashes: dict[str, str] = {}
        self._revision = 0
        self._entity_cache: tuple[int, list[dict[str, Any]]] | None = None
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cypher")
        rows = self._db.execute("SELECT doc_id, content_hash, payload FROM documents ORDER BY seq").fetchall()
        with paused_gc():
            for doc_id, content_hash, payload in rows:
                self._apply(_decode(doc_id, payload))
                self._hashes[doc_id] = content_hash
            self._refresh()
        logger.info("opened %s: %d documents, %d nodes", self.path, len(rows), self.graph.number_of_nodes())

    # ------------------------------------------------------------ writes
    def upsert_document(self, pg: PropertyGraph, text: str) -> bool:
        """See :meth:`GraphStore.upsert_document`; one SQLite transaction per document."""
        content_hash = next((n.props.get("content_hash") for n in pg.nodes if n.id == pg.doc_id), "") or ""
        with self._lock:
            if self._hashes.get(pg.doc_id) == content_hash:
                return False
            payload = json.dumps(
                {"nodes": [[n.id, n.label, n.props] for n in pg.nodes],
                 "edges": [[e.source, e.target, e.type, e.key, e.props] for e in pg.edges]},
                ensure_ascii=False,
            )
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("DELETE FROM documents WHERE doc_id = ?", (pg.doc_id,))
                self._db.execute(
                    "INSERT INTO documents (doc_id, seq, content_hash, payload, text) "
                    "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents), ?, ?, ?)",
                    (pg.doc_id, content_hash, payload, text),
                )
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(f"writing {pg.doc_id} failed and was rolled back ({exc})") from exc
            touched = self._retract(pg.doc_id)
            touched += self._apply(pg)
            self._hashes[pg.doc_id] = content_hash
            self._refresh(touched)
            self._revision += 1
        return True

    def delete_document(self, doc_id: str) -> None:
        """See :meth:`GraphStore.delete_document`."""
        with self._lock:
            if doc_id not in self._hashes:
                raise NotFoundError(f"no document with id {doc_id!r}")
            with self._db:
                self._db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            self._refresh(self._retract(doc_id))
            del self._hashes[doc_id]
            self._revision += 1

    def _apply(self, pg: PropertyGraph) -> list[str]:
        g = self.graph
        owned_nodes, owned_edges, touched = [], [], []
        for n in pg.nodes:
            if n.label in ("Section",) or (n.label == "Document" and n.id == pg.doc_id):
                g.add_node(n.id, label=n.label, __labels__={n.label}, **n.props)
                owned_nodes.append(n.id)
            elif n.id not in g:
                g.add_node(n.id, label=n.label, __labels__={n.label}, **n.props)
                touched.append(n.id)
            else:
                touched.append(n.id)
        g.add_edges_from((e.source, e.target, e.key, {"type": e.type, "__labels__": {e.type}, **e.props})
                         for e in pg.edges)
        owned_edges = [(e.source, e.target, e.key) for e in pg.edges]
        self._owned[pg.doc_id] = (owned_nodes, owned_edges)
        return touched

    def _retract(self, doc_id: str) -> list[str]:
        nodes, edges = self._owned.pop(doc_id, ([], []))
        touched = []
        for u, v, k in edges:
            if self.graph.has_edge(u, v, k):
                self.graph.remove_edge(u, v, k)
                touched.append(v)
        self.graph.remove_nodes_from(nodes)
        return [t for t in touched if t in self.graph]

    def _refresh(self, ids: list[str] | None = None) -> None:
        """Recompute the aggregates of entity nodes ``ids`` (``None``: all, in one pass) and drop unmentioned ones."""
        g = self.graph
        by_target: dict[str, list[dict[str, Any]]] | None = None
        if ids is None:
            by_target = {}
            for _, v, d in g.edges(data=True):
                if d["type"] == "MENTIONS":
                    by_target.setdefault(v, []).append(d)
            ids = [n for n, d in g.nodes(data=True) if d["label"] in ENTITY_LABELS]
        for nid in set(ids):
            if nid not in g or g.nodes[nid]["label"] not in ENTITY_LABELS or g.nodes[nid].get("kind") == "source":
                continue
            if by_target is not None:
                mentions = by_target.get(nid, [])
            else:
                mentions = [d for _, _, d in g.in_edges(nid, data=True) if d["type"] == "MENTIONS"]
            if not mentions:
                g.remove_node(nid)
            else:
                g.nodes[nid].update(aggregate_entity(g.nodes[nid]["name"], mentions))

    # ------------------------------------------------------------ primitives
    def _nodes(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        g = self.graph
        return {i: _public(g.nodes[i]) for i in ids if i in g}

    def _incident(self, ids: list[str], types: list[str] | None) -> list[dict[str, Any]]:
        g, out, seen = self.graph, [], set()
        for i in ids:
            if i not in g:
                continue
            for u, v, k, d in [*g.out_edges(i, keys=True, data=True), *g.in_edges(i, keys=True, data=True)]:
                if (u, v, k) in seen or (types and d["type"] not in types):
                    continue
                seen.add((u, v, k))
                out.append({"source": u, "target": v, **_public(d)})
        return out

    def _entities(self, label: str | None) -> Iterator[dict[str, Any]]:
        """Entity node dicts, kept per store revision: search reads them on every query, and walking
        every node (sections included) took most of a search's time at corpus scale."""
        with self._lock:
            cached = self._entity_cache
            if cached is None or cached[0] != self._revision:
                ents = [_public(d) for _, d in self.graph.nodes(data=True)
                        if d["label"] in ENTITY_LABELS and d.get("kind") != "source"]
                cached = self._entity_cache = (self._revision, ents)
        for n in cached[1]:  # shared: callers copy what they hand out (GraphStore.search, top_entities)
            if label is None or n["label"] == label:
                yield n

    def iter_nodes(self, labels: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """See :meth:`GraphStore.iter_nodes`."""
        with self._lock:
            nodes = [_public(d) for _, d in self.graph.nodes(data=True)  # props hold "id"
                     if labels is None or d["label"] in labels]
        yield from nodes

    def iter_edges(self, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """See :meth:`GraphStore.iter_edges`."""
        with self._lock:
            edges = [{"source": u, "target": v, **_public(d)} for u, v, d in self.graph.edges(data=True)
                     if types is None or d["type"] in types]
        yield from edges

    @property
    def revision(self) -> int:
        """Writes made through this store object (see :attr:`GraphStore.revision`)."""
        return self._revision

    def _run_cypher(self, query: str, params: dict[str, Any], timeout_s: float, row_cap: int) -> CypherResult:
        from grandcypher import GrandCypher

        bound = _bind(query, params)  # GraphStore.cypher has already refused writes
        # grand-cypher's limit bounds the matches it enumerates (so COUNT would stop there): keep it far
        # above any row cap; the row cap itself applies to the returned rows below.
        future = self._pool.submit(lambda: GrandCypher(self.graph, limit=MATCH_CAP).run(bound))
        try:
            result = future.result(timeout=timeout_s)
        except FutureTimeout as exc:
            raise QueryTimeoutError(timeout_s) from exc  # abandoned: its thread finishes in the background
        except Exception as exc:  # grand-cypher raises lark and plain exceptions on bad input
            raise QueryError(f"the embedded Cypher engine could not run the query: {_short(exc)}") from exc
        columns = [str(c) for c in result]
        values = [list(v) for v in result.values()]
        n = min((len(v) for v in values), default=0)
        rows = [[_jsonable(values[c][r]) for c in range(len(columns))] for r in range(min(n, row_cap))]
        return CypherResult(columns, rows)

    # ------------------------------------------------------------ reads
    def stats(self) -> dict[str, dict[str, int]]:
        """See :meth:`GraphStore.stats`."""
        out = empty_stats()
        out["nodes"].update(Counter(d["label"] for _, d in self.graph.nodes(data=True)))
        out["relationships"].update(Counter(d["type"] for _, _, d in self.graph.edges(data=True)))
        return out

    def documents(self) -> list[dict[str, Any]]:
        """See :meth:`GraphStore.documents`."""
        return sorted((_public(self.graph.nodes[d]) for d in self._hashes if d in self.graph), key=lambda n: n["id"])

    def document_text(self, doc_id: str) -> str | None:
        """See :meth:`GraphStore.document_text`."""
        row = self._db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        """Close the SQLite connection."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._db.close()


def _decode(doc_id: str, payload: str) -> PropertyGraph:
    data = json.loads(payload)
    return PropertyGraph(doc_id, [Node(*n) for n in data["nodes"]], [Edge(*e) for e in data["edges"]])


def _public(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "__labels__"}


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items() if k != "__labels__"}
    if isinstance(v, set | frozenset):
        return sorted(_jsonable(x) for x in v)
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)


def _bind(query: str, params: dict[str, Any]) -> str:
    """Bind ``$name`` parameters as Cypher literals (grand-cypher has no parameters)."""

    query = _upper_aggregates(query)

    def literal(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in params:
            raise QueryError(f"parameter ${name} is not given")
        value = params[name]
        if isinstance(value, bool) or value is None:
            return {True: "TRUE", False: "FALSE", None: "NULL"}[value]
        if isinstance(value, int | float):
            return repr(value)
        if isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, list) and all(isinstance(x, str | int | float) for x in value):
            return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in value) + "]"
        raise QueryError(f"parameter ${name} must be a string, number, boolean, null or list of those")

    return _PARAM.sub(literal, query)


_AGGREGATE = re.compile(r"\b(count|sum|avg|min|max|collect)\s*\(", re.IGNORECASE)
_QUOTED = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`")


def _upper_aggregates(query: str) -> str:
    """Write aggregate function names in upper case outside string literals.

    Cypher function names are case-insensitive; grand-cypher's grammar only
    knows ``COUNT(``, ``SUM(``…, so ``count(p)`` would not parse.
    """
    out, pos = [], 0
    for m in _QUOTED.finditer(query):
        out.append(_AGGREGATE.sub(lambda a: a.group(1).upper() + "(", query[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_AGGREGATE.sub(lambda a: a.group(1).upper() + "(", query[pos:]))
    return "".join(out)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]
