"""The Neo4j store: the official ``neo4j`` driver, UNWIND-batched MERGE.

A document is written in one transaction (its old facts deleted, its nodes
and edges merged in batches of ``batch_size`` rows, entity aggregates
recomputed).  User queries run in read transactions of a session opened in
READ access mode, so the server itself refuses writes; a timeout and a
row cap apply.  ``Neo4jStore`` receives a driver; it never reads the
environment (see :func:`open_neo4j`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

from policykg.errors import ConfigError, NotFoundError, QueryError, StoreError, WriteRefusedError

from . import cypher as Q
from .schema import ENTITY_LABELS, PropertyGraph, aggregate_entity
from .store import CypherResult, GraphStore, empty_stats

__all__ = ["Neo4jStore", "open_neo4j"]

logger = logging.getLogger(__name__)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore(GraphStore):
    """Neo4j 5 store.

    Args:
        driver: an open ``neo4j.Driver``; the store closes it in :meth:`close`.
        database: database name, or ``None`` for the server default.
        batch_size: rows per ``UNWIND`` statement.
    """

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str | None = None, batch_size: int = 1000) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        with self._session() as s:
            for stmt in Q.CONSTRAINTS:
                s.run(stmt).consume()

    def _session(self, read: bool = False) -> neo4j.Session:
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        with self._session(read=True) as s:
            return s.execute_read(lambda tx: list(tx.run(query, params)))

    # ------------------------------------------------------------ writes
    def upsert_document(self, pg: PropertyGraph, text: str) -> bool:
        """See :meth:`GraphStore.upsert_document`; one write transaction per document."""
        content_hash = next((n.props.get("content_hash") for n in pg.nodes if n.id == pg.doc_id), "")
        rows = self._read(Q.DOCUMENT_HASH, doc_id=pg.doc_id)
        if rows and rows[0]["hash"] == content_hash:
            return False
        node_rows: dict[str, list[dict[str, Any]]] = {}
        for n in pg.nodes:
            owned = n.label == "Section" or n.id == pg.doc_id
            props = dict(n.props, text=text) if n.id == pg.doc_id else dict(n.props)
            node_rows.setdefault(n.label, []).append({"id": n.id, "props": _clean(props), "owned": owned})
        edge_rows: dict[str, list[dict[str, Any]]] = {}
        for e in pg.edges:
            edge_rows.setdefault(e.type, []).append(
                {"source": e.source, "target": e.target, "doc_id": e.props["doc_id"], "props": _clean(e.props)})
        entity_ids = [n.id for n in pg.nodes if n.label in ENTITY_LABELS and n.id != pg.doc_id]

        def work(tx: neo4j.ManagedTransaction) -> None:
            touched = tx.run(Q.TOUCHED_BY_DOCUMENT, doc_id=pg.doc_id).single()["ids"]
            for stmt in Q.DELETE_DOCUMENT_FACTS:
                tx.run(stmt, doc_id=pg.doc_id).consume()
            for label, rows_ in node_rows.items():
                for chunk in _chunks(rows_, self.batch_size):
                    tx.run(Q.NODE_MERGE[label], rows=chunk).consume()
            for t, rows_ in edge_rows.items():
                for chunk in _chunks(rows_, self.batch_size):
                    tx.run(Q.EDGE_MERGE[t], rows=chunk).consume()
            _refresh(tx, sorted(set(touched) | set(entity_ids)), self.batch_size)

        try:
            with self._session() as s:
                s.execute_write(work)
        except Neo4jError as exc:
            raise StoreError(f"writing {pg.doc_id} to Neo4j failed and was rolled back ({exc.message})") from exc
        return True

    def delete_document(self, doc_id: str) -> None:
        """See :meth:`GraphStore.delete_document`."""
        if not self._read(Q.DOCUMENT_HASH, doc_id=doc_id):
            raise NotFoundError(f"no document with id {doc_id!r}")

        def work(tx: neo4j.ManagedTransaction) -> None:
            touched = tx.run(Q.TOUCHED_BY_DOCUMENT, doc_id=doc_id).single()["ids"]
            for stmt in Q.DELETE_DOCUMENT_FACTS:
                tx.run(stmt, doc_id=doc_id).consume()
            tx.run(Q.DELETE_DOCUMENT_NODE, doc_id=doc_id).consume()
            _refresh(tx, touched, self.batch_size)

        with self._session() as s:
            s.execute_write(work)

    # ------------------------------------------------------------ primitives
    def _nodes(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        return {r["id"]: _node(r) for r in self._read(Q.NODES_BY_ID, ids=ids)}

    def _incident(self, ids: list[str], types: list[str] | None) -> list[dict[str, Any]]:
        if not ids:
            return []
        return [{"source": r["source"], "target": r["target"], "type": r["type"], **r["props"]}
                for r in self._read(Q.INCIDENT, ids=ids, types=types or None)]

    def iter_nodes(self, labels: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """See :meth:`GraphStore.iter_nodes`."""
        for r in self._read(Q.ALL_NODES, labels=labels):
            yield _node(r)

    def iter_edges(self, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """See :meth:`GraphStore.iter_edges`."""
        for r in self._read(Q.ALL_EDGES, types=types):
            yield {"source": r["source"], "target": r["target"], "type": r["type"], **r["props"]}

    def search(self, q: str, label: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """See :meth:`GraphStore.search`; filtered and ranked on the server."""
        q = self._search_query(q, label, limit)
        return [_node(r) for r in self._read(Q.SEARCH, q=q, label=label, limit=limit)]

    def _run_cypher(self, query: str, params: dict[str, Any], timeout_s: float, row_cap: int) -> CypherResult:
        # The server enforces the timeout on the transaction; a Query object with a
        # timeout is only accepted by session.run (auto-commit), not inside execute_read.
        @neo4j.unit_of_work(timeout=timeout_s)
        def work(tx: neo4j.ManagedTransaction) -> CypherResult:
            result = tx.run(query, params)
            columns = list(result.keys())
            rows = []
            for rec in result:
                if len(rows) >= row_cap:
                    break
                rows.append([_value(v) for v in rec.values()])
            return CypherResult(columns, rows)

        try:
            with self._session(read=True) as s:
                return s.execute_read(work)
        except ClientError as exc:
            msg = exc.message or str(exc)
            # Neo.ClientError.Statement.AccessMode: "Writing in read access mode not allowed…"
            if (exc.code or "").endswith("AccessMode") or "access mode" in msg.lower():
                raise WriteRefusedError(f"Neo4j refused a write in a read transaction: {msg}") from exc
            raise QueryError(f"Neo4j: {msg}") from exc
        except Neo4jError as exc:
            raise QueryError(f"Neo4j: {exc.message or exc}") from exc

    # ------------------------------------------------------------ reads
    def stats(self) -> dict[str, dict[str, int]]:
        """See :meth:`GraphStore.stats`."""
        out = empty_stats()
        out["nodes"].update({r["key"]: r["n"] for r in self._read(Q.STATS_NODES)})
        out["relationships"].update({r["key"]: r["n"] for r in self._read(Q.STATS_RELS)})
        return out

    def documents(self) -> list[dict[str, Any]]:
        """See :meth:`GraphStore.documents`."""
        return [_node(r) for r in self._read(Q.DOCUMENTS)]

    def document_text(self, doc_id: str) -> str | None:
        """See :meth:`GraphStore.document_text`."""
        rows = self._read(Q.DOCUMENT_TEXT, doc_id=doc_id)
        return rows[0]["text"] if rows else None

    def clear(self) -> None:
        """Delete every policykg node and relationship (batched), keeping constraints and indexes."""
        with self._session() as s:
            s.run(Q.CLEAR_ALL).consume()

    def close(self) -> None:
        """Close the driver."""
        self.driver.close()


def _refresh(tx: neo4j.ManagedTransaction, ids: list[str], batch: int) -> None:
    rows = []
    for r in tx.run(Q.ENTITY_MENTIONS, ids=ids):
        mentions = [m for m in r["mentions"] if m]
        if mentions:
            agg = aggregate_entity(r["name"], mentions)
            rows.append({"id": r["id"], "aliases_text": " ".join(agg["aliases"]), **agg})
    for chunk in _chunks(rows, batch):
        tx.run(Q.AGGREGATE_SET, rows=chunk).consume()
    tx.run(Q.DELETE_UNMENTIONED, ids=ids).consume()


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties cannot be null: drop ``None`` values."""
    return {k: v for k, v in props.items() if v is not None}


def _node(r: neo4j.Record) -> dict[str, Any]:
    props = {k: v for k, v in r["props"].items() if k not in ("text", "aliases_text")}
    if r["label"] in ENTITY_LABELS and props.get("kind") != "source":
        props.setdefault("aliases", [])
    return {"label": r["label"], **props}


def _value(v: Any) -> Any:
    if isinstance(v, neo4j.graph.Node):
        return {k: x for k, x in dict(v).items() if k not in ("text", "aliases_text")}
    if isinstance(v, neo4j.graph.Relationship):
        return {"type": v.type, **dict(v)}
    if isinstance(v, neo4j.graph.Path):
        return [_value(n) for n in v.nodes]
    if isinstance(v, list):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)


def open_neo4j(settings: Any) -> Neo4jStore:
    """Connect to Neo4j with the settings' URI and credentials.

    Raises:
        ConfigError: no URI, or the default password outside a development environment.
        StoreError: the server cannot be reached or refuses the credentials.
    """
    from policykg.settings import DEFAULT_NEO4J_PASSWORD

    if not settings.neo4j_uri:
        raise ConfigError("the neo4j store needs NEO4J_URI (e.g. bolt://127.0.0.1:7687)")
    if settings.neo4j_password == DEFAULT_NEO4J_PASSWORD and settings.environment != "development":
        raise ConfigError("refusing the default Neo4j password outside a development environment; set NEO4J_PASSWORD")
    driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password))
    try:
        driver.verify_connectivity()
        return Neo4jStore(driver, settings.neo4j_database, settings.batch_size)
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        driver.close()
        raise StoreError(f"cannot reach Neo4j at {settings.neo4j_uri}: {exc}") from exc
