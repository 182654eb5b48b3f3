"""The embedded store's sentence index: SQLite FTS5 beside the graph (:class:`SentenceIndex`).

A query of three characters or more is answered from the ``trigram`` table (it finds substrings); one of two
letters, digits or ideographs from a second FTS5 table holding each sentence's overlapping pairs as tokens;
other queries scan the sentence table.  ``python -m policykg.graph.sentence_index DATA_DIR INDEX`` brings an
index file up to date from a store opened read-only (:meth:`SentenceIndex.sync_apart` runs it).
"""

from __future__ import annotations

import json
import logging
import operator
import os
import re
import sqlite3
import subprocess
import sys
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .sentence_rows import SentenceRow, document_rows, fold_case, hit, quoted, unquoted
from .store import NOTICE_LOGGER, GraphStore

__all__ = ["APART_MIN_DOCUMENTS", "FREQUENT", "NOTICE_MIN_DOCUMENTS", "TRIGRAM", "SentenceIndex", "sentence_index"]

#: The version of the rows the index holds; an index file of another version is emptied and rebuilt on open.
#: 2 (session 39): a sentence's ``matching`` copy is :func:`~policykg.graph.names.matching_text`'s, not only simplified;
#: 3: and its full-width ＋ is + (:func:`~policykg.graph.sentence_rows.sentence_form`).
#: 4 (session 41): the full-text tables index ``bare``, the copy without quotation marks, so a query without them
#: finds the text with them (:func:`~policykg.graph.sentence_rows.find`).
INDEX_VERSION = 4
#: Shortest query the trigram index can answer; shorter ones scan.
TRIGRAM = 3
#: Seconds a write to the index waits for another process writing it (SQLite's busy timeout) before it fails.
WRITE_WAIT_S = 600.0
#: Above this many hits, a page is read in (document, offset) order from the table's index (no sort of every hit).
FREQUENT = 2000


def _version(doc: dict[str, Any]) -> str:
    """What an indexed document's rows follow: its text and curation (``content_hash``) and the nodes its mentions
    were resolved to (``graph_hash``: a delete resolves the other documents again with their text unchanged)."""
    return f"{doc.get('content_hash') or ''}/{doc.get('graph_hash') or ''}"


class SentenceIndex:
    """The embedded store's sentence index: SQLite FTS5 (trigram tokenizer) in ``<data dir>/sentences.sqlite``.

    Derived data: it can be deleted at any time and is rebuilt from the store.

    Args:
        path: the index file (created when missing).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # a writer waits for another process indexing the same store (about a minute at 10x) instead of failing
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=WRITE_WAIT_S)
        if self._db.execute("PRAGMA user_version").fetchone()[0] != INDEX_VERSION:  # rows of another reading
            self._db.executescript("""
                DROP TABLE IF EXISTS sentences_fts; DROP TABLE IF EXISTS sentences_bigrams;
                DROP TABLE IF EXISTS sentences; DROP TABLE IF EXISTS docs;
            """)
            self._db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        self._db.executescript("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, meta TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sentences (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER,
                "end" INTEGER, section_id TEXT, section TEXT, text TEXT, matching TEXT, labels TEXT, entities TEXT,
                bare TEXT);
            CREATE INDEX IF NOT EXISTS sentences_doc ON sentences (doc_id, start);
            CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(bare, content='sentences',
                content_rowid='id', tokenize='trigram');
            CREATE VIRTUAL TABLE IF NOT EXISTS sentences_bigrams USING fts5(grams, content='', tokenize='unicode61');
        """)
        self._lock = threading.Lock()
        self._revision: int | None = None

    def sync(self, store: GraphStore) -> int:
        """Bring the index up to date with ``store``; return the number of documents (re)indexed or dropped."""
        with self._lock:
            rev = store.revision
            if rev is not None and rev == self._revision:
                return 0
            stored = {d["id"]: d for d in store.documents()}
            # the write lock first, then what the index holds: a second process (the CLI beside a server building the
            # index) waits for the first and then finds the work done, where both had read the same backlog and the
            # second failed on a document the first had added (a walkthrough, session 46: UNIQUE constraint failed)
            self._db.execute("BEGIN IMMEDIATE")
            try:
                have = dict(self._db.execute("SELECT doc_id, content_hash FROM docs"))
                stale = [i for i in have if i not in stored or have[i] != _version(stored[i])]
                todo = [i for i in stored if have.get(i) != _version(stored[i])]
                if len(todo) >= NOTICE_MIN_DOCUMENTS:
                    logging.getLogger(NOTICE_LOGGER).info(
                        "indexing the sentences of %s documents for sentence search (once; about 7 s for the 96 "
                        "national and provincial reports) ...", f"{len(todo):,}")
                for doc_id in stale:
                    self._drop(doc_id)
                for doc_id in todo:
                    self._add(store, stored[doc_id])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._revision = rev
            return len(set(stale) | set(todo))

    def _pending(self, store: GraphStore) -> int:
        """How many of ``store``'s documents are missing from the index or changed since indexed."""
        have = dict(self._db.execute("SELECT doc_id, content_hash FROM docs"))
        return sum(have.get(d["id"]) != _version(d) for d in store.documents())

    def sync_apart(self, store: GraphStore) -> int:
        """:meth:`sync`, with a large backlog indexed by a child process that opens the store read-only.

        Building the index of a 14 M-character store takes about a minute of Python; in a thread of
        the server it would hold the interpreter lock against the requests answered meanwhile
        (start-up and neighbourhood latency at 10x).  A child process runs on the other core
        instead.  With fewer than :data:`APART_MIN_DOCUMENTS` pending documents, or when the child
        fails (its error is logged), the work is done here.

        Returns:
            The number of documents (re)indexed or dropped by the final in-process :meth:`sync`
            (0 when the child did everything).
        """
        data_dir = getattr(store, "data_dir", None)
        with self._lock:
            if data_dir is not None and self._pending(store) >= APART_MIN_DOCUMENTS:
                done = subprocess.run([sys.executable, "-m", "policykg.graph.sentence_index", str(data_dir),
                                       str(self.path)], capture_output=True, text=True, check=False)
                if done.returncode:
                    _log.warning("sentence index: the child process failed (%s); indexing in the server",
                                 done.stderr.strip().splitlines()[-1:] or done.returncode)
        return self.sync(store)

    def _drop(self, doc_id: str) -> None:
        self._db.execute("INSERT INTO sentences_fts(sentences_fts, rowid, bare) "
                         "SELECT 'delete', id, bare FROM sentences WHERE doc_id = ?", (doc_id,))
        self._db.executemany("INSERT INTO sentences_bigrams(sentences_bigrams, rowid, grams) VALUES ('delete', ?, ?)",
                             [(i, _bigrams(m)) for i, m in
                              self._db.execute("SELECT id, bare FROM sentences WHERE doc_id = ?", (doc_id,))])
        self._db.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
        self._db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    def _add(self, store: GraphStore, doc: dict[str, Any]) -> None:
        meta = {k: doc.get(k) for k in ("title", "year", "place", "level")}
        self._db.execute("INSERT INTO docs VALUES (?, ?, ?)",
                         (doc["id"], _version(doc), json.dumps(meta, ensure_ascii=False)))
        rows = document_rows(store, doc["id"])
        first = self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0]
        ids = range(first, first + len(rows))  # rowids given, so each table takes the document in one statement
        bare = [unquoted(r.matching) for r in rows]
        self._db.executemany(
            'INSERT INTO sentences (id, doc_id, start, "end", section_id, section, text, matching, labels, entities, '
            "bare) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(i, r.doc_id, r.start, r.end, r.section_id, r.section, r.text, r.matching,
              "|" + "|".join(sorted({m["label"] for m in r.entities})) + "|", json.dumps(r.entities, ensure_ascii=False), b)
             for i, r, b in zip(ids, rows, bare, strict=True)])
        self._db.executemany("INSERT INTO sentences_fts (rowid, bare) VALUES (?, ?)", zip(ids, bare, strict=True))
        self._db.executemany("INSERT INTO sentences_bigrams (rowid, grams) VALUES (?, ?)",
                             [(i, _bigrams(b)) for i, b in zip(ids, bare, strict=True)])

    def search(self, store: GraphStore, q: str, docs: Sequence[str] | None = None, year: int | None = None,
               label: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """See :func:`search_sentences` (``q`` already folded and checked; ``docs``: the ids of the documents
        searched, ``None`` for all: :func:`~policykg.graph.concordance.document_scope`)."""
        self.sync(store)
        # the full-text tables hold the copies without quotation marks (INDEX_VERSION 4): a query with them is looked
        # up without them there, then matched as written
        # ASCII letters in any case (fold_case): the full-text tables fold them already, SQLite's lower() folds ASCII only
        column, bare = ("s.matching", unquoted(q)) if quoted(q) else ("s.bare", q)
        where = [f"instr(lower({column}), :folded) > 0", "(:docs IS NULL OR s.doc_id IN (SELECT value FROM json_each(:docs)))",
                 "(:label IS NULL OR instr(s.labels, '|' || :label || '|') > 0)",
                 "(:year IS NULL OR json_extract(d.meta, '$.year') = :year)"]
        source = "sentences s JOIN docs d ON d.doc_id = s.doc_id"
        params: dict[str, Any] = {"q": q, "folded": fold_case(q),
                                  "docs": None if docs is None else json.dumps(list(docs)), "label": label,
                                  "year": year, "limit": limit, "offset": offset}
        if len(bare) >= TRIGRAM:
            source = "sentences_fts f JOIN sentences s ON s.id = f.rowid JOIN docs d ON d.doc_id = s.doc_id"
            where.insert(0, "sentences_fts MATCH :phrase")
            params["phrase"] = '"' + bare.replace('"', '""') + '"'
        elif len(bare) == 2 and _bigrams(bare) == bare:
            source = "sentences_bigrams b JOIN sentences s ON s.id = b.rowid JOIN docs d ON d.doc_id = s.doc_id"
            where.insert(0, "sentences_bigrams MATCH :phrase")
            params["phrase"] = f'"{bare}"'
        cond = " AND ".join(where)
        columns = 's.doc_id, s.section_id, s.section, s.start, s."end", s.text, s.matching, s.entities, d.meta'
        table = source.split(" ", 1)[0]
        with self._lock:
            if table != "sentences" and docs is None and year is None and label is None and _exact(q) and bare == q:
                # The index's own count is exact here; a frequent string (thousands of sentences) is paged by
                # walking the (document, offset) index and keeping index hits, which stops after one page,
                # instead of sorting every hit.
                total = self._db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH :phrase",
                                         params).fetchone()[0]
                if total > FREQUENT:
                    rows = self._db.execute(
                        f"SELECT {columns} FROM sentences s INDEXED BY sentences_doc JOIN docs d ON d.doc_id = s.doc_id "
                        f"WHERE s.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :phrase) "
                        "AND instr(s.bare, :q) > 0 ORDER BY s.doc_id, s.start LIMIT :limit OFFSET :offset",
                        params).fetchall()
                else:
                    rows = self._db.execute(f"SELECT {columns} FROM {source} WHERE {cond} ORDER BY s.doc_id, s.start "
                                            "LIMIT :limit OFFSET :offset", params).fetchall()
            else:  # the total rides along with the page (one pass); a page past the end counts apart
                rows = self._db.execute(f"SELECT {columns}, count(*) OVER () FROM {source} WHERE {cond} "
                                        "ORDER BY s.doc_id, s.start LIMIT :limit OFFSET :offset", params).fetchall()
                total = rows[0][9] if rows else self._db.execute(f"SELECT count(*) FROM {source} WHERE {cond}",
                                                                  params).fetchone()[0]
        hits = [hit(SentenceRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7]))), q,
                    json.loads(r[8])) for r in rows]
        return {"total": total, "hits": hits}

    def close(self) -> None:
        """Close the index file."""
        self._db.close()


def _exact(q: str) -> bool:
    """Whether the FTS tables match ``q`` exactly (they fold the case and accents of Latin letters only)."""
    return not any(c.isalpha() and ord(c) < 0x2E80 for c in q)


def _bigrams(text: str) -> str:
    """Overlapping pairs of letters, digits or ideographs, space-separated: the tokens of the two-character index.

    A query of exactly two such characters is one token of it (the trigram
    index needs three); pairs holding punctuation or spaces are left out.
    """
    return " ".join(" ".join(map(operator.add, run, run[1:])) for run in _ALNUM_RUN.findall(text))


#: Runs of two or more letters, digits or ideographs: ``[^\W_]`` is exactly what ``str.isalnum`` accepts.
_ALNUM_RUN = re.compile(r"[^\W_]{2,}")


_INDEXES: weakref.WeakKeyDictionary[GraphStore, SentenceIndex] = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()
_log = logging.getLogger(__name__)
#: Pending documents from which :meth:`SentenceIndex.sync_apart` hands the work to a child process.
APART_MIN_DOCUMENTS = 20
#: Documents to index from which :meth:`SentenceIndex.sync` says so (:data:`~policykg.graph.store.NOTICE_LOGGER`).
NOTICE_MIN_DOCUMENTS = 20


def sentence_index(store: GraphStore) -> SentenceIndex | None:
    """The :class:`SentenceIndex` of an embedded store (one per store object), or ``None`` for other stores."""
    data_dir = getattr(store, "data_dir", None)
    if store.name != "embedded" or data_dir is None:
        return None
    with _INDEX_LOCK:
        index = _INDEXES.get(store)
        if index is None:
            index = _INDEXES[store] = SentenceIndex(Path(data_dir) / "sentences.sqlite")
        return index


def _main(argv: list[str]) -> None:
    """``python -m policykg.graph.sentence_index DATA_DIR INDEX``: bring the index file up to date with
    the embedded store in ``DATA_DIR``, opened read-only (:meth:`SentenceIndex.sync_apart`)."""
    from .embedded import EmbeddedStore

    if hasattr(os, "nice"):
        os.nice(10)  # background work: the server's requests come first on a busy machine
    store = EmbeddedStore(argv[0], read_only=True)
    index = SentenceIndex(argv[1])
    try:
        index.sync(store)
    finally:
        index.close()
        store.close()


if __name__ == "__main__":
    _main(sys.argv[1:])
