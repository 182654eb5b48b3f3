"""The Neo4j store: the official ``neo4j`` driver, batched ``UNWIND`` writes, full-text search.

Documents are written several per transaction (:mod:`policykg.graph.neo4j_write`
describes the write path); replacing or deleting a document stays exact and
a batch is all-or-nothing.  Search uses the ``cjk`` full-text index with the
embedded store's semantics and ranking (:mod:`policykg.graph.search`).  User
queries run in read transactions of a session opened in READ access mode,
so the server itself refuses writes; a timeout and a row cap apply.
``Neo4jStore`` receives a driver; it never reads the environment (see :func:`open_neo4j`).
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Iterator
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from policykg.errors import NotFoundError, QueryError, QueryTimeoutError, StoreError, WriteRefusedError

from . import cypher as Q
from .neo4j_joins import move_batch
from .neo4j_write import delete_batch, document_rows, plan_transactions, write_batch
from .schema import ENTITY_LABELS, Edge, Node, PropertyGraph
from .search import KEYS, LINE, abbreviated_query, lucene_query, search_lucene
from .store import CypherResult, GraphStore, empty_stats

__all__ = ["Neo4jStore", "is_timeout"]

logger = logging.getLogger(__name__)

#: Seconds to wait, when the store opens, for new indexes to come online.
INDEX_WAIT_S = 300


def is_timeout(code: str | None, elapsed_s: float, timeout_s: float) -> bool:
    """Whether a Neo4j error ends a query that ran out of time.

    Args:
        code: the error's Neo4j status code.
        elapsed_s: seconds the query had run when the error arrived.
        timeout_s: the limit it was given.

    Returns:
        True for ``Neo.ClientError.Transaction.TransactionTimedOut`` and
        ``…TransactionTimedOutClientConfiguration``, and for a transaction
        terminated (``…Transaction.Terminated``, ``…LockClientStopped``)
        once the limit has passed (the server's transaction monitor reports
        its timeouts that way in some versions).
    """
    code = code or ""
    if ".Transaction.TransactionTimedOut" in code:
        return True
    return code.endswith((".Transaction.Terminated", ".Transaction.LockClientStopped")) and elapsed_s >= timeout_s


class Neo4jStore(GraphStore):
    """Neo4j 5 store.

    Args:
        driver: an open ``neo4j.Driver``; the store closes it in :meth:`close`.
        database: database name, or ``None`` for the server default.
        batch_size: rows per ``UNWIND`` statement.
        write_batch: documents per write transaction (:meth:`upsert_documents`; the loader hands this many).
    """

    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str | None = None, batch_size: int = 1000,
                 write_batch: int = 50) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.write_batch = write_batch
        self._revision_refused = False  # the server would not say its last transaction (logged once, not asked again)
        with self._session() as s:
            for stmt in Q.CONSTRAINTS:
                s.run(stmt).consume()
            try:
                s.run(Q.AWAIT_INDEXES, timeout_s=INDEX_WAIT_S).consume()
            except Neo4jError as exc:  # reached, but an index is still being built (a large store's first start)
                raise StoreError(f"Neo4j's indexes were not online after {INDEX_WAIT_S} s "
                                 f"({exc.message or exc}); SHOW INDEXES lists them, try again when they are") from exc

    def _session(self, read: bool = False) -> neo4j.Session:
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        try:
            with self._session(read=True) as s:
                return s.execute_read(lambda tx: list(tx.run(query, params)))
        except DriverError as exc:  # the server went away or restarted: the store is unavailable (503), no bug (500)
            raise StoreError(f"cannot read from Neo4j: {exc}") from exc

    @property
    def revision(self) -> int | None:
        """The ID of the last transaction committed to the store's database (``lastCommittedTxn`` of ``SHOW
        DATABASES``, :data:`~policykg.graph.cypher.DATABASE_REVISION`): it moves on with every write, this process's
        or another's, so the API keeps what it derives from the graph (the analytics view,
        :class:`~policykg.api.deps.ViewCache`) until the graph changes, where it had rebuilt it on every request.
        One round trip to the ``system`` database (milliseconds).

        Returns:
            The transaction ID, or ``None`` when the server does not say (a version without the column, a user who
            may not list databases: logged once, and not asked again) or cannot be reached; then nothing derived from
            the store is kept, as before.
        """
        if self._revision_refused:
            return None
        query, params = ((Q.DATABASE_REVISION, {"name": self.database}) if self.database
                         else (Q.HOME_DATABASE_REVISION, {}))
        try:
            with self.driver.session(database="system", default_access_mode=neo4j.READ_ACCESS) as s:
                row = s.run(query, params).single()
        except Neo4jError as exc:
            self._revision_refused = True
            logger.warning("Neo4j does not say its last transaction (%s): the analytics are computed anew for every "
                           "request", exc.message or exc)
            return None
        except DriverError:
            return None
        txn = row["txn"] if row is not None else None
        return int(txn) if txn is not None else None

    # ------------------------------------------------------------ writes
    def upsert_document(self, pg: PropertyGraph, text: str, force: bool = False) -> bool:
        """See :meth:`GraphStore.upsert_document`; one write transaction."""
        return self.upsert_documents([(pg, text)], force)[0]

    def upsert_documents(self, docs: list[tuple[PropertyGraph, str]], force: bool = False) -> list[bool]:
        """See :meth:`GraphStore.upsert_documents`: up to ``write_batch`` documents per write transaction.

        Raises:
            StoreError: a transaction failed and was rolled back (its documents keep their
                previous version; those of earlier transactions stay written).
        """
        rows = [document_rows(pg, text) for pg, text in docs]
        out: list[bool] = []
        for group in plan_transactions(rows, self.write_batch):
            try:
                with self._session() as s:
                    out += s.execute_write(write_batch, group, self.batch_size, force)
            except (Neo4jError, DriverError) as exc:
                names = group[0].doc_id + (f" and {len(group) - 1} more" if len(group) > 1 else "")
                raise StoreError(f"writing {names} to Neo4j failed and was rolled back "
                                 f"({getattr(exc, 'message', None) or exc})") from exc
        return out

    def curation_mark(self) -> str | None:
        """See :meth:`GraphStore.curation_mark`."""
        rows = self._read(Q.CURATION_MARK)
        return rows[0]["fingerprint"] if rows else None

    def set_curation_mark(self, fingerprint: str | None) -> None:
        """See :meth:`GraphStore.set_curation_mark`."""
        try:
            with self._session() as s:
                if fingerprint is None:  # the node goes, so a store without decisions holds no node of its own
                    s.execute_write(lambda tx: tx.run(Q.CURATION_MARK_REMOVE).consume())
                else:
                    s.execute_write(lambda tx: tx.run(Q.CURATION_MARK_SET, fingerprint=fingerprint).consume())
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"marking the store's curation in Neo4j failed ({getattr(exc, 'message', None) or exc})") from exc

    def delete_document(self, doc_id: str) -> None:
        """See :meth:`GraphStore.delete_document`."""
        if not self._read(Q.DOCUMENT_HASHES, ids=[doc_id]):
            self.document(doc_id)  # raises NotFoundError, saying so when doc_id is a cited document
            raise NotFoundError(f"no document with id {doc_id!r}")
        try:
            with self._session() as s:
                s.execute_write(delete_batch, [doc_id], self.batch_size)
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"deleting {doc_id} from Neo4j failed and was rolled back "
                             f"({getattr(exc, 'message', None) or exc})") from exc

    def move_nodes(self, into: dict[str, str], by: dict[str, str]) -> list[str]:
        """See :meth:`GraphStore.move_nodes`: one write transaction (:func:`.neo4j_joins.move_batch`, which checks
        ``into`` first)."""
        try:
            with self._session() as s:
                return s.execute_write(move_batch, into, by, self.batch_size) if into else []
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"joining {len(into)} nodes in Neo4j failed and was rolled back "
                             f"({getattr(exc, 'message', None) or exc})") from exc

    # ------------------------------------------------------------ primitives
    def _nodes(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        return {r["id"]: _node(r) for r in self._read(Q.NODES_BY_ID, ids=ids)}

    def node_properties(self, node_id: str) -> dict[str, Any] | None:
        """See :meth:`GraphStore.node_properties` (the one :data:`~policykg.graph.cypher.NODES_BY_ID` read)."""
        return self._nodes([node_id]).get(node_id)

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
        """See :meth:`GraphStore.search`: candidates from the full-text index, filtered and ranked on the server.

        The ``cjk`` analyzer indexes pairs of ideographs, so it cannot answer
        a substring query by itself: it yields the nodes holding every pair of
        the query (or of its key under the table of standard short forms:
        :func:`~policykg.graph.search.search_lucene`), and
        :data:`~policykg.graph.cypher.SEARCH` keeps those whose name or alias
        (as written or simplified) contains the query, or whose forms under the
        table contain its key, in the embedded store's order.  Queries without two
        adjacent ideographs scan.
        """
        q = self._search_query(q, label, limit)
        key = abbreviated_query(q)
        lucene = search_lucene(q, key)
        params = {"q": q, "lower": q.lower(), "key": None if key is None else key.lower(), "label": label,
                  "limit": limit, "line": LINE, "keys": KEYS}
        if lucene is None:
            return [_node(r) for r in self._read(Q.SEARCH_SCAN, **params)]
        return [_node(r) for r in self._read(Q.SEARCH, lucene=lucene, **params)]

    def sentence_documents(self, q: str, every: bool = True) -> list[str] | None:
        """Source documents the ``document_texts`` full-text index finds holding every ideograph pair of ``q``
        (with ``every`` false, any of them: :func:`~policykg.graph.search.lucene_query`).

        The concordance (:mod:`policykg.graph.concordance`) searches only their
        sentences; ``None`` when ``q`` has no two adjacent ideographs (every
        document is a candidate then).
        """
        lucene = lucene_query(q, every)
        return None if lucene is None else [r["id"] for r in self._read(Q.SENTENCE_DOCUMENTS, lucene=lucene)]

    def _run_cypher(self, query: str, params: dict[str, Any], timeout_s: float, row_cap: int) -> CypherResult:
        # The server enforces the timeout on the transaction, which is an explicit one in a READ session: a managed
        # transaction (execute_read) would retry a transient error (a query over the transaction memory limit) for
        # up to 30 s, running a heavy query several times, each with its own timeout (an audit of the Neo4j path,
        # session 47).  Closing it rolls back: a read has nothing to commit, and the rows past the cap are discarded.
        t0 = time.monotonic()
        try:
            with self._session(read=True) as s:
                tx = s.begin_transaction(timeout=timeout_s)
                try:
                    result = tx.run(query, params)
                    columns = list(result.keys())
                    rows, truncated = [], False
                    for rec in result:
                        if len(rows) >= row_cap:
                            truncated = True
                            break
                        rows.append([_value(v) for v in rec.values()])
                    return CypherResult(columns, rows, truncated)
                finally:
                    with contextlib.suppress(Exception):  # a failed or timed-out transaction: keep the first error
                        tx.close()
        except Neo4jError as exc:
            msg = exc.message or str(exc)
            if is_timeout(exc.code, time.monotonic() - t0, timeout_s):
                # Neo4j's own text ("…Retry your operation in a new transaction…") would mislead here.
                raise QueryTimeoutError(timeout_s) from exc
            # Neo.ClientError.Statement.AccessMode: "Writing in read access mode not allowed…"
            if isinstance(exc, ClientError) and ((exc.code or "").endswith("AccessMode") or "access mode" in msg.lower()):
                raise WriteRefusedError(f"Neo4j refused a write in a read transaction: {msg}") from exc
            raise QueryError(f"Neo4j: {msg}") from exc
        except DriverError as exc:
            raise StoreError(f"cannot read from Neo4j: {exc}") from exc

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

    def stored_graph(self, doc_id: str) -> PropertyGraph | None:
        """See :meth:`GraphStore.stored_graph`: the source node, its sections and its relationships of each type."""
        source = self._nodes([doc_id]).get(doc_id)
        if source is None or source.get("kind") != "source":
            return None
        nodes = [Node(doc_id, "Document", {k: v for k, v in source.items() if k != "label"})]
        for r in self._read(Q.DOCUMENT_SECTIONS, doc_id=doc_id):
            nodes.append(Node(r["id"], "Section", {k: v for k, v in _node(r).items() if k != "label"}))
        edges = [Edge(r["source"], r["target"], t, f"{t}|{doc_id}", dict(r["props"]))
                 for t, statement in Q.DOCUMENT_EDGES.items() for r in self._read(statement, doc_id=doc_id)]
        return PropertyGraph(doc_id, nodes, edges)

    def clear(self) -> None:
        """Delete every policykg node and relationship (batched) and the curation mark, keeping constraints and
        indexes."""
        with self._session() as s:
            s.run(Q.CLEAR_ALL).consume()
            s.run(Q.CURATION_MARK_REMOVE).consume()

    def close(self) -> None:
        """Close the driver."""
        self.driver.close()


def _node(r: neo4j.Record) -> dict[str, Any]:
    """A node dict from a row ``id, label, props`` (props as a map or as ``[key, value]`` pairs)."""
    props = {k: v for k, v in dict(r["props"]).items() if k not in ("text", "aliases_text")}
    if r["label"] in ENTITY_LABELS and props.get("kind") != "source":
        props.setdefault("aliases", [])  # a bulk import leaves empty lists out
        props.setdefault("merged_by", [])
        props.setdefault("curated_by", [])
    return {"label": r["label"], **props}


def _value(v: Any) -> Any:
    """A value of a user's query as the API returns it (JSON): a node as its properties (but the full text), a
    relationship with its ``type``, a path as its nodes, temporal and spatial values as text; a float that JSON cannot
    hold (Neo4j answers ``1/0.0`` with Infinity, ``0.0/0.0`` with NaN) as Cypher's ``toString`` writes it
    (``"Infinity"``, ``"-Infinity"``, ``"NaN"``): the API's JSON encoder had refused it, a 500 (session 63)."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else "Infinity" if v > 0 else "-Infinity"
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


#: The oldest Neo4j release whose Cypher every statement of :mod:`policykg.graph.cypher` is written in: 5.23 brought
