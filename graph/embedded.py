"""The embedded store: a networkx ``MultiDiGraph`` in memory, persisted in SQLite.

Each source document is one row of ``documents`` (its property graph as
JSON, its text and content hash), written in one SQLite transaction, so a
crash in the middle of a load loses nothing already loaded and never leaves
half a document.  Opening the store replays the rows in load order, or loads
the snapshot a writer left at closing (:mod:`policykg.graph.snapshot`) and
replays only the rows written since.

Read-only Cypher runs on a LadybugDB copy of the graph
(:mod:`policykg.graph.cypher_mirror`), built by a child process from the SQLite
file and brought up to date after writes by the first query that needs it;
queries are rewritten to Neo4j's semantics or refused naming the construct (:mod:`policykg.graph.cypher_translate`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import NotFoundError, StoreError

from . import cypher_cache, snapshot
from .cypher_mirror import CypherMirror
from .embedded_graph import GraphUpkeep, public
from .embedded_rows import content_hash as row_hash
from .embedded_rows import decode as decode_row
from .embedded_rows import payload as row_payload
from .memory import paused_gc
from .node_moves import check_moves, relabel
from .schema import MentionTally, PropertyGraph
from .store import CypherResult, GraphStore, empty_stats

__all__ = ["DB_FILE", "EmbeddedStore"]

#: The embedded store's database file in its data folder (beside ``graph.snapshot`` and ``sentences.sqlite``).
DB_FILE = "graph.sqlite"

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('last_seq', (SELECT COALESCE(MAX(seq), 0) FROM documents));
INSERT OR IGNORE INTO meta VALUES ('store_id', random());
CREATE TABLE IF NOT EXISTS marks (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class EmbeddedStore(GraphUpkeep, GraphStore):
    """networkx + SQLite store (the default).

    Args:
        data_dir: folder for ``graph.sqlite`` (created if missing, unless ``read_only``).
        read_only: open an existing store for reading only (SQLite refuses writes); the
            Cypher engine's builder (:mod:`.cypher_copy`) opens the server's store so.
        keep_cypher_copy: start the Cypher engine's copy from, and keep it in, ``data_dir/cypher-copy/``
            (:mod:`.cypher_cache`); ``False`` builds a copy afresh in each process and leaves that folder alone.

    Raises:
        StoreError: the database cannot be opened or is not a policykg store.
    """

    name = "embedded"

    def __init__(self, data_dir: Path | str, read_only: bool = False, keep_cypher_copy: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self._read_only = read_only
        self.path = self.data_dir / DB_FILE
        try:
            if read_only:
                self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                           check_same_thread=False, isolation_level=None)
            else:
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
        self._tally: dict[str, MentionTally] = {}  # entity node -> its MENTIONS, counted (see _refresh)
        self._hashes: dict[str, str] = {}
        self._seqs: dict[str, int] = {}  # document id -> seq of the row the graph holds (the snapshot's key)
        self._snapshot_key: dict[str, int] | None = None  # what the snapshot file holds, when known
        self._revision = 0
        self._entity_cache: tuple[int, list[dict[str, Any]]] | None = None
        self._changed: set[str] = set()  # node ids changed since the Cypher copy last took them
        self._data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        self._following: threading.Event | None = None
        self._follower: threading.Thread | None = None
        rows = self._db.execute("SELECT doc_id, seq, content_hash FROM documents ORDER BY seq").fetchall()
        try:  # a store made before the meta table (read-only opens do not create it) has no snapshot
            self._store_id = self._db.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()[0]
        except (sqlite3.Error, TypeError):
            self._store_id = None
        with paused_gc():
            replayed = self._open(rows)
        self._changed.clear()
        self._mirror = CypherMirror(self.graph, self._lock, self.data_dir, self.take_changes,
                                    self.content_key if keep_cypher_copy else None)
        logger.info("opened %s: %d documents (%d replayed), %d nodes", self.path, len(rows), replayed,
                    self.graph.number_of_nodes())

    def _open(self, rows: list[tuple[str, int, str]]) -> int:
        """Build the graph of the stored documents ``rows`` (id, seq, content hash in load order).

        From the snapshot when there is one, replaying only the documents written or deleted
        since it was taken; otherwise by replaying every document.  Returns the documents replayed.
        """
        snap = None if self._store_id is None else snapshot.load(self.data_dir / snapshot.FILE_NAME)
        if snap is not None and snap[1][0] != self._store_id:  # left from another database file of that name
            snap = None
        if snap is not None:
            key, (_store_id, self.graph, self._owned, self._tally) = snap
            self._snapshot_key = key
            self._seqs = dict(key)
            self._hashes = {d: h for d, _, h in rows if d in key}  # a rewritten row's hash is set when replayed
        _retracted, replayed, touched = self._catch_up(rows)
        self._refresh(touched)
        return replayed

    def _catch_up(self, rows: list[tuple[str, int, str]]) -> tuple[int, int, list[str]]:
        """Make the graph hold exactly the stored rows ``rows`` (id, seq, content hash in load order).

        Documents whose row is gone or was rewritten (another ``seq``) are retracted; rows the
        graph does not hold are replayed (each was written whole, in its own transaction).  Used
        when opening (after the snapshot, if any) and by :meth:`refresh`.

        Returns:
            The numbers of documents retracted and replayed, and the entity ids touched (for ``_refresh``).
        """
        on_disk = {doc_id: seq for doc_id, seq, _ in rows}
        stale = [d for d, seq in self._seqs.items() if on_disk.get(d) != seq]
        touched: list[str] = []
        for doc_id in stale:
            touched += self._retract(doc_id)
            self._hashes.pop(doc_id, None)
            del self._seqs[doc_id]
        todo = [(d, seq, h) for d, seq, h in rows if self._seqs.get(d) != seq]
        for doc_id, seq, content_hash in todo:
            row = self._db.execute("SELECT payload FROM documents WHERE doc_id = ? AND seq = ?", (doc_id, seq)).fetchone()
            if row is None:  # rewritten or deleted since ``rows`` was read: the next look takes it in
                continue
            touched += self._apply(decode_row(doc_id, row[0]))
            self._hashes[doc_id] = content_hash
            self._seqs[doc_id] = seq
        return len(stale), len(todo), touched

    def save_snapshot(self) -> bool:
        """Write the in-memory graph to ``graph.snapshot`` unless the file already holds it (see :mod:`.snapshot`).

        :meth:`close` calls it; ``policykg load`` thereby leaves a store that opens in about a
        quarter of the time.  Returns ``True`` when a file was written.
        """
        with self._lock:
            if self._read_only or self._store_id is None or self._snapshot_key == self._seqs:
                return False
            key = dict(self._seqs)
            written = snapshot.save(self.data_dir / snapshot.FILE_NAME, key,
                                    (self._store_id, self.graph, self._owned, self._tally))
            if written:
                self._snapshot_key = key
            return written

    # ------------------------------------------------------------ writes
    def upsert_document(self, pg: PropertyGraph, text: str, force: bool = False) -> bool:
        """See :meth:`GraphStore.upsert_document`; one SQLite transaction per document."""
        content_hash = row_hash(pg)
        with self._lock:
            if not force and self._hashes.get(pg.doc_id) == content_hash:
                return False
            payload = row_payload(pg)
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("DELETE FROM documents WHERE doc_id = ?", (pg.doc_id,))
                seq = self._next_seq()
                self._db.execute(
                    "INSERT INTO documents (doc_id, seq, content_hash, payload, text) VALUES (?, ?, ?, ?, ?)",
                    (pg.doc_id, seq, content_hash, payload, text),
                )
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(f"writing {pg.doc_id} failed and was rolled back ({exc})") from exc
            self._refresh(self._hold(pg, content_hash, seq))
            self._revision += 1
        return True

    def _next_seq(self) -> int:
        """A seq never used before, even after deletions ((document id, seq) names one version); within a transaction."""
        return self._db.execute("UPDATE meta SET value = value + 1 WHERE key = 'last_seq' RETURNING value").fetchone()[0]

    def _hold(self, pg: PropertyGraph, content_hash: str, seq: int) -> list[str]:
        """Put the version ``pg`` just written in place of the document's in memory; return the node ids it touched."""
        touched = self._retract(pg.doc_id)
        touched += self._apply(pg)
        self._hashes[pg.doc_id] = content_hash
        self._seqs[pg.doc_id] = seq
        return touched

    def move_nodes(self, into: dict[str, str], by: dict[str, str]) -> list[str]:
        """See :meth:`GraphStore.move_nodes`: the rows of the documents with a relationship on a joined node take their
        graph changed (:func:`.node_moves.relabel`) and a new ``seq`` each, in one SQLite transaction (their text stays
        as it is); the graph in memory follows them."""
        check_moves(into)
        with self._lock:
            docs = sorted({d["doc_id"] for old in into if old in self.graph
                           for _, _, d in (*self.graph.in_edges(old, data=True), *self.graph.out_edges(old, data=True))})
            graphs = []
            for doc_id in docs:
                row = self._db.execute("SELECT payload FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
                if row is not None:
                    graphs.append(relabel(decode_row(doc_id, row[0]), into, by))
            if not graphs:
                return []
            hashes = [row_hash(pg) for pg in graphs]
            seqs: list[int] = []
            try:
                self._db.execute("BEGIN IMMEDIATE")
                for pg, content_hash in zip(graphs, hashes, strict=True):
                    seqs.append(self._next_seq())
                    self._db.execute("UPDATE documents SET seq = ?, content_hash = ?, payload = ? WHERE doc_id = ?",
                                     (seqs[-1], content_hash, row_payload(pg), pg.doc_id))
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(f"joining {len(into)} nodes in {len(graphs)} documents failed and was rolled back "
                                 f"({exc})") from exc
            touched = list(into)
            for pg, content_hash, seq in zip(graphs, hashes, seqs, strict=True):
                touched += self._hold(pg, content_hash, seq)
            self._refresh(touched)
            self._revision += 1
        return [pg.doc_id for pg in graphs]

    def delete_document(self, doc_id: str) -> None:
        """See :meth:`GraphStore.delete_document`."""
        with self._lock:
            if doc_id not in self._hashes:
                self.document(doc_id)  # raises NotFoundError, saying so when doc_id is a cited document
                raise NotFoundError(f"no document with id {doc_id!r}")
            with self._db:
                self._db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            self._refresh(self._retract(doc_id))
            del self._hashes[doc_id]
            self._seqs.pop(doc_id, None)
            self._revision += 1

    def curation_mark(self) -> str | None:
        """See :meth:`GraphStore.curation_mark`; a row of the ``marks`` table (none in a store made before it)."""
        try:
            row = self._db.execute("SELECT value FROM marks WHERE key = 'curation'").fetchone()
        except sqlite3.OperationalError:  # a store made before the table, opened read-only
            return None
        return row[0] if row else None

    def set_curation_mark(self, fingerprint: str | None) -> None:
        """See :meth:`GraphStore.set_curation_mark`."""
        try:
            with self._lock, self._db:
                if fingerprint is None:
                    self._db.execute("DELETE FROM marks WHERE key = 'curation'")
                else:
                    self._db.execute("INSERT OR REPLACE INTO marks VALUES ('curation', ?)", (fingerprint,))
        except sqlite3.Error as exc:
            raise StoreError(f"marking the store's curation failed ({exc})") from exc

    # ------------------------------------------------------------ other writers
    def refresh(self) -> bool:
        """Take in the documents other processes wrote, replaced or deleted since this store last looked.

        SQLite's ``data_version`` tells, at the cost of one statement, whether
        another connection has committed; only then are the stored rows' ``seq``
        (a new one for every write) compared with the ones in memory and the
        documents that differ replayed (each was written whole, in its own transaction).

        Returns:
            ``True`` when the graph changed (the revision moved on).
        """
        with self._lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if version == self._data_version:
                return False
            self._data_version = version
            rows = self._db.execute("SELECT doc_id, seq, content_hash FROM documents ORDER BY seq").fetchall()
            retracted, replayed, touched = self._catch_up(rows)
            if not retracted and not replayed:
                return False
            self._refresh(touched)
            self._revision += 1
            logger.info("took in %d documents written elsewhere; %d retracted", replayed, retracted)
            return True

    def follow_writers(self, interval_s: float = 0.25) -> None:
        """Call :meth:`refresh` every ``interval_s`` seconds in a background thread until :meth:`close`.

        ``policykg serve`` does this, so a ``policykg load`` into the same data
        directory is visible to the running server within about ``interval_s``
        plus the time to replay the new documents.
        """
        if self._following is not None:
            return
        stop = self._following = threading.Event()

        def loop() -> None:
            while not stop.wait(interval_s):
                try:
                    self.refresh()
                except (sqlite3.Error, StoreError) as exc:  # the next round tries again
                    logger.warning("following other writers: %s", exc)

        self._follower = threading.Thread(target=loop, daemon=True, name="follow-writers")
        self._follower.start()

    def take_changes(self) -> set[str]:
        """The ids of the nodes whose properties or relationships changed since the last call (then forgotten).

        The Cypher engine's copy calls it, with the store's lock held, to update itself in place.
        """
        with self._lock:
            changed, self._changed = self._changed, set()
        return changed

    def content_key(self) -> str | None:
        """The key of what the graph holds, for the kept Cypher copy (:func:`.cypher_cache.content_key`)."""
        with self._lock:
            return cypher_cache.content_key(self._store_id, self._seqs)

    @property
    def revision(self) -> int:
        """Writes made through this store object (see :attr:`GraphStore.revision`)."""
        return self._revision

    def _run_cypher(self, query: str, params: dict[str, Any], timeout_s: float, row_cap: int) -> CypherResult:
        # GraphStore.cypher has already refused writes; the engine's read-only transaction is the enforcement.
        self._mirror.sync(self._revision)
        return self._mirror.run(query, params, timeout_s, row_cap)

    # ------------------------------------------------------------ reads
    def stats(self) -> dict[str, dict[str, int]]:
        """See :meth:`GraphStore.stats`."""
        out = empty_stats()
        out["nodes"].update(Counter(d["label"] for _, d in self.graph.nodes(data=True)))
        out["relationships"].update(Counter(d["type"] for _, _, d in self.graph.edges(data=True)))
        return out

    def documents(self) -> list[dict[str, Any]]:
        """See :meth:`GraphStore.documents`."""
        return sorted((public(self.graph.nodes[d]) for d in self._hashes if d in self.graph), key=lambda n: n["id"])

    def document_text(self, doc_id: str) -> str | None:
        """See :meth:`GraphStore.document_text`."""
        row = self._db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def stored_graph(self, doc_id: str) -> PropertyGraph | None:
        """See :meth:`GraphStore.stored_graph`: the row written, decoded."""
        row = self._db.execute("SELECT payload FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return decode_row(doc_id, row[0]) if row else None

    def close(self) -> None:
        """Stop following other writers (waiting for a :meth:`refresh` under way: closing the SQLite
        connection while the follower's statement runs on it crashed the process); write the snapshot if the
        graph changed (:meth:`save_snapshot`); close the Cypher engine's copy and the SQLite connection."""
        if self._following is not None:
            self._following.set()
            if self._follower is not None and self._follower is not threading.current_thread():
                self._follower.join()
        with self._lock:
            self.save_snapshot()
            self._mirror.close()
            self._db.close()
