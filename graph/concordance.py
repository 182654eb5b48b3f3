"""Sentence search (concordance): every sentence holding a string, as keyword in context.

A hit is one sentence (as the outline splits it: :func:`policykg.loaders.outline.sentences`,
the same sentences mentions are recorded in) holding the query, with its first
occurrence cut into ``left`` / ``match`` / ``right`` context, the number of
occurrences, its document (title, year, place, level), section heading, and
the entities mentioned in it.  Matching is on a simplified-script copy of the
text (traditional characters fold, offsets unchanged), so ``match`` quotes the
text as written.  Hits come in document-id order, then sentence order.

Where the sentences come from:

* embedded store: :class:`SentenceIndex`, an SQLite FTS5 table with the
  ``trigram`` tokenizer in ``sentences.sqlite`` beside the graph.  A query of
  three characters or more is answered from the index (the trigram index
  finds substrings); one of two letters, digits or ideographs from a second
  FTS5 table holding each sentence's overlapping pairs as tokens; other
  queries (one character, a pair with punctuation) scan the sentence table.  The index follows
  the store: documents whose content hash changed are re-indexed, removed ones
  dropped, before a query that comes after a write.
* Neo4j: the ``document_texts`` full-text index (``cjk`` analyzer, pairs of
  ideographs) yields the documents holding every ideograph pair of the query,
  and their sentences are searched here (queries without two adjacent
  ideographs consider every document).
* any other store: every document is searched.

All three build a document's sentence rows with :func:`document_rows`, so
they answer alike.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .names import match_key, simplified_for_matching, to_simplified
from .schema import check_label
from .store import GraphStore

__all__ = ["CONTEXT", "CSV_COLUMNS", "SentenceIndex", "SentenceRow", "document_rows", "hit", "search_sentences",
           "write_csv"]

#: Characters of context kept on each side of the match (within the sentence).
CONTEXT = 40
#: Shortest query the trigram index can answer; shorter ones scan.
TRIGRAM = 3
#: Above this many hits, a page is read in (document, offset) order from the table's index (no sort of every hit).
FREQUENT = 2000


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One sentence of a stored document, ready to be searched.

    Attributes:
        doc_id, section_id, section: where it is (section heading as the outline names it).
        start, end: character offsets of the sentence in the document text.
        text: the sentence as written; matching: its simplified-script copy (same length).
        entities: ``{"id", "label", "name", "surface", "start", "end"}`` per mention inside it.
    """

    doc_id: str
    section_id: str
    section: str
    start: int
    end: int
    text: str
    matching: str
    entities: tuple[dict[str, Any], ...]


def document_rows(store: GraphStore, doc_id: str) -> list[SentenceRow]:
    """The sentence rows of one stored source document (empty when it has no text).

    Raises:
        NotFoundError: no such source document.
    """
    from policykg.loaders.outline import sentences

    text = store.document_text(doc_id) or ""
    outline = store.document(doc_id)["outline"]
    sections = sorted((s.get("start", 0), s["id"], s.get("name") or s.get("heading") or "") for s in outline)
    mentions: list[dict[str, Any]] = []
    for e in store._incident([s[1] for s in sections], ["MENTIONS"]):
        if e.get("doc_id") != doc_id:
            continue
        label, _, name = e["target"].partition(":")
        for surface, s, t in zip(e.get("surfaces", []), e.get("starts", []), e.get("ends", []), strict=False):
            mentions.append({"id": e["target"], "label": label, "name": name, "surface": surface, "start": s, "end": t})
    mentions.sort(key=lambda m: (m["start"], m["end"], m["id"]))
    matching = simplified_for_matching(text)
    rows, i, j = [], 0, 0
    for sent in sentences(text):
        while i + 1 < len(sections) and sections[i + 1][0] <= sent.start:
            i += 1
        while j < len(mentions) and mentions[j]["start"] < sent.start:
            j += 1
        k, inside = j, []
        while k < len(mentions) and mentions[k]["start"] < sent.end:
            inside.append(mentions[k])
            k += 1
        sec = sections[i] if sections else (0, "", "")
        rows.append(SentenceRow(doc_id, sec[1], sec[2], sent.start, sent.end, sent.text,
                                matching[sent.start:sent.end], tuple(inside)))
    return rows


def hit(row: SentenceRow, q: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A search hit: ``row`` with its first occurrence of ``q`` (simplified) in context, and its document.

    Returns:
        ``{"doc_id", "title", "year", "place", "level", "section_id", "section",
        "sentence_start", "sentence_end", "sentence", "left", "match", "right",
        "start", "end", "occurrences", "entities", "mention"}``; ``start``/``end``
        are the match's offsets in the document, ``mention`` the id of an entity
        mentioned there under that name (same :func:`~policykg.graph.names.match_key`;
        ``None`` when the phrase is not a mention of an entity of that name).
    """
    at = row.matching.find(q)
    end = at + len(q)
    key = match_key(q)
    exact = next((m["id"] for m in row.entities if m["start"] < row.start + end and m["end"] > row.start + at
                  and key in (match_key(m["surface"]), match_key(m["name"]))), None)
    return {"doc_id": row.doc_id, "title": doc.get("title"), "year": doc.get("year"), "place": doc.get("place"),
            "level": doc.get("level"), "section_id": row.section_id, "section": row.section,
            "sentence_start": row.start, "sentence_end": row.end, "sentence": row.text,
            "left": row.text[max(0, at - CONTEXT):at], "match": row.text[at:end], "right": row.text[end:end + CONTEXT],
            "start": row.start + at, "end": row.start + end, "occurrences": row.matching.count(q),
            "entities": list(row.entities), "mention": exact}


def _query(q: str, label: str | None, limit: int, offset: int) -> str:
    q = to_simplified(q.strip())
    if not q:
        raise ValueError("the sentence query is empty")
    if "\n" in q:
        raise ValueError("the sentence query holds a line break; sentences never do")
    if "\x00" in q:  # SQLite's full-text query parser would stop at it ("unterminated string")
        raise ValueError("the sentence query holds a NUL character; sentences never do")
    if not 1 <= limit <= 10_000 or offset < 0:
        raise ValueError("limit must be between 1 and 10000 and offset at least 0")
    if label is not None:
        check_label(label)
    return q


def _keep(row: SentenceRow, q: str, label: str | None) -> bool:
    return q in row.matching and (label is None or any(m["label"] == label for m in row.entities))


class SentenceIndex:
    """The embedded store's sentence index: SQLite FTS5 (trigram tokenizer) in ``<data dir>/sentences.sqlite``.

    Derived data: it can be deleted at any time and is rebuilt from the store.

    Args:
        path: the index file (created when missing).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.executescript("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, meta TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sentences (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER,
                "end" INTEGER, section_id TEXT, section TEXT, text TEXT, matching TEXT, labels TEXT, entities TEXT);
            CREATE INDEX IF NOT EXISTS sentences_doc ON sentences (doc_id, start);
            CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(matching, content='sentences',
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
            have = dict(self._db.execute("SELECT doc_id, content_hash FROM docs"))
            stale = [i for i in have if i not in stored or have[i] != stored[i].get("content_hash")]
            todo = [i for i in stored if have.get(i) != stored[i].get("content_hash")]
            self._db.execute("BEGIN")
            try:
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
        return sum(have.get(d["id"]) != d.get("content_hash") for d in store.documents())

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
                done = subprocess.run([sys.executable, "-m", "policykg.graph.concordance", str(data_dir),
                                       str(self.path)], capture_output=True, text=True, check=False)
                if done.returncode:
                    _log.warning("sentence index: the child process failed (%s); indexing in the server",
                                 done.stderr.strip().splitlines()[-1:] or done.returncode)
        return self.sync(store)

    def _drop(self, doc_id: str) -> None:
        self._db.execute("INSERT INTO sentences_fts(sentences_fts, rowid, matching) "
                         "SELECT 'delete', id, matching FROM sentences WHERE doc_id = ?", (doc_id,))
        self._db.executemany("INSERT INTO sentences_bigrams(sentences_bigrams, rowid, grams) VALUES ('delete', ?, ?)",
                             [(i, _bigrams(m)) for i, m in
                              self._db.execute("SELECT id, matching FROM sentences WHERE doc_id = ?", (doc_id,))])
        self._db.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
        self._db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    def _add(self, store: GraphStore, doc: dict[str, Any]) -> None:
        meta = {k: doc.get(k) for k in ("title", "year", "place", "level")}
        self._db.execute("INSERT INTO docs VALUES (?, ?, ?)",
                         (doc["id"], doc.get("content_hash") or "", json.dumps(meta, ensure_ascii=False)))
        for r in document_rows(store, doc["id"]):
            labels = "|" + "|".join(sorted({m["label"] for m in r.entities})) + "|"
            cur = self._db.execute(
                'INSERT INTO sentences (doc_id, start, "end", section_id, section, text, matching, labels, entities) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.doc_id, r.start, r.end, r.section_id, r.section, r.text, r.matching, labels,
                 json.dumps(r.entities, ensure_ascii=False)))
            self._db.execute("INSERT INTO sentences_fts (rowid, matching) VALUES (?, ?)", (cur.lastrowid, r.matching))
            self._db.execute("INSERT INTO sentences_bigrams (rowid, grams) VALUES (?, ?)", (cur.lastrowid,
                                                                                           _bigrams(r.matching)))

    def search(self, store: GraphStore, q: str, doc: str | None = None, year: int | None = None,
               label: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """See :func:`search_sentences` (``q`` already folded and checked)."""
        self.sync(store)
        where = ["instr(s.matching, :q) > 0", "(:doc IS NULL OR s.doc_id = :doc)",
                 "(:label IS NULL OR instr(s.labels, '|' || :label || '|') > 0)",
                 "(:year IS NULL OR json_extract(d.meta, '$.year') = :year)"]
        source = "sentences s JOIN docs d ON d.doc_id = s.doc_id"
        params: dict[str, Any] = {"q": q, "doc": doc, "label": label, "year": year, "limit": limit, "offset": offset}
        if len(q) >= TRIGRAM:
            source = "sentences_fts f JOIN sentences s ON s.id = f.rowid JOIN docs d ON d.doc_id = s.doc_id"
            where.insert(0, "sentences_fts MATCH :phrase")
            params["phrase"] = '"' + q.replace('"', '""') + '"'
        elif len(q) == 2 and _bigrams(q) == q:
            source = "sentences_bigrams b JOIN sentences s ON s.id = b.rowid JOIN docs d ON d.doc_id = s.doc_id"
            where.insert(0, "sentences_bigrams MATCH :phrase")
            params["phrase"] = f'"{q}"'
        cond = " AND ".join(where)
        columns = 's.doc_id, s.section_id, s.section, s.start, s."end", s.text, s.matching, s.entities, d.meta'
        table = source.split(" ", 1)[0]
        with self._lock:
            if table != "sentences" and doc is None and year is None and label is None and _exact(q):
                # The index's own count is exact here; a frequent string (thousands of sentences) is paged by
                # walking the (document, offset) index and keeping index hits, which stops after one page,
                # instead of sorting every hit.
                total = self._db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH :phrase",
                                         params).fetchone()[0]
                if total > FREQUENT:
                    rows = self._db.execute(
                        f"SELECT {columns} FROM sentences s INDEXED BY sentences_doc JOIN docs d ON d.doc_id = s.doc_id "
                        f"WHERE s.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :phrase) "
                        "AND instr(s.matching, :q) > 0 ORDER BY s.doc_id, s.start LIMIT :limit OFFSET :offset",
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
    return " ".join(text[i:i + 2] for i in range(len(text) - 1) if text[i].isalnum() and text[i + 1].isalnum())


_INDEXES: weakref.WeakKeyDictionary[GraphStore, SentenceIndex] = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()
_log = logging.getLogger(__name__)
#: Pending documents from which :meth:`SentenceIndex.sync_apart` hands the work to a child process.
APART_MIN_DOCUMENTS = 20


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


@lru_cache(maxsize=4096)
def _cached_rows(store_key: int, doc_id: str, content_hash: str, store_ref: Any) -> tuple[SentenceRow, ...]:
    return tuple(document_rows(store_ref(), doc_id))


def _scan(store: GraphStore, q: str, candidates: list[str] | None, doc: str | None, year: int | None,
          label: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Search the sentences of candidate documents here (Neo4j after its full-text index, other stores)."""
    docs = {d["id"]: d for d in store.documents()}
    ids = sorted(docs if candidates is None else set(candidates) & set(docs))
    ids = [i for i in ids if (doc is None or i == doc) and (year is None or docs[i].get("year") == year)]
    ref = weakref.ref(store)
    found: list[tuple[SentenceRow, dict[str, Any]]] = []
    for i in ids:
        rows = _cached_rows(id(store), i, docs[i].get("content_hash") or "", ref)
        found += [(r, docs[i]) for r in rows if _keep(r, q, label)]
    return {"total": len(found), "hits": [hit(r, q, d) for r, d in found[offset:offset + limit]]}


def search_sentences(store: GraphStore, q: str, doc: str | None = None, year: int | None = None,
                     label: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Every sentence holding ``q``, as keyword in context (module docstring).

    Args:
        store: any store.
        q: the string to find (traditional characters fold to simplified).
        doc: only this source document id.
        year: only documents of this year.
        label: only sentences that mention an entity of this label.
        limit, offset: the page of hits (1-10,000; 0 or more).

    Returns:
        ``{"q", "total", "limit", "offset", "hits": [...]}`` (hits: :func:`hit`).

    Raises:
        ValueError: empty query, a line break or NUL character in it, unknown label, limit or offset out of range.
    """
    q = _query(q, label, limit, offset)
    index = sentence_index(store)
    if index is not None:
        out = index.search(store, q, doc, year, label, limit, offset)
    else:
        candidates = store.sentence_documents(q) if hasattr(store, "sentence_documents") else None
        out = _scan(store, q, candidates, doc, year, label, limit, offset)
    return {"q": q, "limit": limit, "offset": offset, **out}


#: Columns of the concordance CSV (API and CLI).
CSV_COLUMNS = ["doc_id", "title", "year", "place", "level", "section", "left", "match", "right", "start", "end",
               "sentence", "entities"]


def write_csv(hits: list[dict[str, Any]], out: Any) -> None:
    """Write concordance hits as CSV (:data:`CSV_COLUMNS`; entities as ``Label:name`` joined by ``;``)."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for h in hits:
        w.writerow([*(h[c] for c in CSV_COLUMNS[:-1]), ";".join(dict.fromkeys(m["id"] for m in h["entities"]))])


def _main(argv: list[str]) -> None:
    """``python -m policykg.graph.concordance DATA_DIR INDEX``: bring the index file up to date with
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
