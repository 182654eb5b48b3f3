"""Sentence search (concordance): every sentence holding a string, as keyword in context.

A hit is one sentence (as the outline splits it: :func:`policykg.loaders.outline.sentences`,
the same sentences mentions are recorded in) holding the query, with its first
occurrence cut into ``left`` / ``match`` / ``right`` context, the number of
occurrences, its document (title, year, place, level), section heading, and
the entities mentioned in it.  Matching is on a simplified-script copy of the
text (traditional characters fold, offsets unchanged), ASCII letters in either case
(:func:`~policykg.graph.sentence_rows.fold_case`: ``gdp`` finds GDP), so ``match`` quotes the
text as written; a query without quotation marks skips the text's marks
(:func:`~policykg.graph.sentence_rows.find`: 五星支部创建 finds “五星”支部创建).
Hits come in document-id order, then sentence order.

Where the sentences come from:

* embedded store: :class:`SentenceIndex`, an SQLite FTS5 table with the
  ``trigram`` tokenizer in ``sentences.sqlite`` beside the graph.  A query of
  three characters or more is answered from the index of the sentences without their quotation marks (the trigram index
  finds substrings); one of two letters, digits or ideographs from a second
  FTS5 table holding each sentence's overlapping pairs as tokens; other
  queries (one character, a pair with punctuation) scan the sentence table.  The index follows
  the store: documents whose content hash changed are re-indexed, removed ones
  dropped, before a query that comes after a write.
* Neo4j: the ``document_texts`` full-text index (``cjk`` analyzer, pairs of
  ideographs) yields the documents holding every ideograph pair of the query
  (any of them for a query without quotation marks, which a text's marks may split),
  and their sentences are searched here (queries without two adjacent
  ideographs consider every document).
* any other store: every document is searched.

All three build a document's sentence rows with :func:`document_rows`, so
they answer alike.
"""

from __future__ import annotations

import csv
import weakref
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from policykg.loaders.read import document_ref

from .analytics import EntityView, diffusion
from .document_patterns import NoDocumentMatches, matching_documents
from .names import match_key
from .scope_errors import PatternKeepsNothing, ScopeConflict, YearKeepsNothing
from .sentence_index import SentenceIndex, sentence_index
from .sentence_rows import CONTEXT, SentenceRow, check_query, document_rows, hit, keeps, quoted, unquoted
from .store import GraphStore

__all__ = ["CONTEXT", "CSV_COLUMNS", "ScopeConflict", "SentenceIndex", "SentenceRow", "document_rows", "document_scope",
           "excerpt", "hit", "kept_documents", "search_sentences", "sentence_index", "write_csv"]


@lru_cache(maxsize=4096)
def _cached_rows(store_key: int, doc_id: str, content_hash: str, store_ref: Any) -> tuple[SentenceRow, ...]:
    return tuple(document_rows(store_ref(), doc_id))


def _scan(store: GraphStore, q: str, candidates: list[str] | None, scope: list[str] | None, year: int | None,
          label: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Search the sentences of candidate documents here (Neo4j after its full-text index, other stores)."""
    docs = {d["id"]: d for d in store.documents()}
    ids = sorted(docs if candidates is None else set(candidates) & set(docs))
    ids = [i for i in ids if (scope is None or i in scope) and (year is None or docs[i].get("year") == year)]
    ref = weakref.ref(store)
    found: list[tuple[SentenceRow, dict[str, Any]]] = []
    for i in ids:
        rows = _cached_rows(id(store), i, docs[i].get("content_hash") or "", ref)
        found += [(r, docs[i]) for r in rows if keeps(r, q, label)]
    return {"total": len(found), "hits": [hit(r, q, d) for r, d in found[offset:offset + limit]]}


def _year_runs(years: Sequence[int]) -> str:
    """``1954–1960, 1964, 1978–2025``: sorted years written as runs."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def document_scope(store: GraphStore, doc: str | None = None, documents: Sequence[str] | None = None,
                   year: int | None = None) -> list[str] | None:
    """The ids of the loaded documents a sentence search reads, checked against what is loaded.

    Args:
        store: any store.
        doc: one document: its id, file stem or file name (:func:`~policykg.loaders.read.document_ref`).
        documents: shell-style patterns of ids or titles (``gwr2025-*``), as the diffusion's ``documents``
            (:func:`~policykg.graph.analytics.matching_documents`).
        year: the year the documents kept must be of; checked only (the search filters by it).

    Returns:
        The ids ``doc`` and ``documents`` keep, sorted, or ``None`` when neither is given (every document).

    Raises:
        NotFoundError: ``doc`` names no loaded document (:meth:`GraphStore.document` names those it may have meant).
        PatternKeepsNothing: (a ValueError) a pattern of ``documents`` matches no loaded document.
        YearKeepsNothing: (a ValueError) none of the documents kept is of ``year`` (the message gives their years: a
            year no document has answered "0 sentences", as if none of them held the string; a walkthrough, session 62).
        ScopeConflict: (a ValueError) ``doc`` is a loaded document no pattern of ``documents`` matches.

    The three are :class:`~policykg.graph.scope_errors.ScopeError`: ``words(names)`` names the parameters as the caller
    does (``--documents``, ``--year``).
    """
    if doc is None and not documents and year is None:
        return None
    return _scope(store, {d["id"]: d for d in store.documents()}, doc, documents, year)


def _scope(store: GraphStore, loaded: dict[str, dict[str, Any]], doc: str | None, documents: Sequence[str] | None,
           year: int | None) -> list[str] | None:
    """:func:`document_scope` over the loaded documents ``loaded`` (id -> document), read by the caller."""
    keep = set(loaded)
    if doc is not None:
        doc = document_ref(doc)
        store.document(doc)
        keep = {doc}
    if documents:
        try:
            matched = matching_documents(loaded, documents)
        except NoDocumentMatches as exc:
            raise PatternKeepsNothing(exc.pattern, exc.words) from None
        if doc is not None and doc not in matched:  # answered "0 sentences" (a walkthrough, session 64)
            raise ScopeConflict(doc, documents, len(matched))
        keep &= matched
    if year is not None and keep and not any(loaded[d].get("year") == year for d in keep):
        years = sorted({y for d in keep if (y := loaded[d].get("year")) is not None})
        one = doc if doc is not None else (  # one document kept is named, as --doc names it
            f"the one document matching {' or '.join(map(repr, documents))}, {next(iter(keep))}," if len(keep) == 1
            and documents else None)
        if one is not None:
            have = f" (it is of {years[0]})" if years else " (of no known year)"
            raise YearKeepsNothing(year, f"{one} is not of {year}{have}")
        which = (f"none of the {len(keep):,} documents matching {' or '.join(map(repr, documents))} is" if documents
                 else "no loaded document is")
        raise YearKeepsNothing(year, f"{which} of {year}" + (f"; their years: {_year_runs(years)}" if years else ""))
    return None if doc is None and not documents else sorted(keep)


def kept_documents(store: GraphStore, documents: Sequence[str] | None = None, year: int | None = None,
                   loaded: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The loaded documents that ``documents`` patterns and ``year`` keep, in the order of ``loaded`` (``GET
    /documents``, ``policykg documents``).

    Args:
        store: any store.
        documents, year: as :func:`document_scope`.
        loaded: ``store.documents()`` when the caller has read it already (read here otherwise).

    Raises:
        ValueError: as :func:`document_scope` (a pattern no loaded document matches, a year none of those kept is of).
    """
    loaded = store.documents() if loaded is None else loaded
    scope = _scope(store, {d["id"]: d for d in loaded}, None, documents, year)
    return [d for d in loaded if (scope is None or d["id"] in scope) and (year is None or d.get("year") == year)]


def search_sentences(store: GraphStore, q: str, doc: str | None = None, year: int | None = None,
                     label: str | None = None, limit: int = 50, offset: int = 0,
                     documents: Sequence[str] | None = None) -> dict[str, Any]:
    """Every sentence holding ``q``, as keyword in context (module docstring).

    Args:
        store: any store.
        q: the string to find (traditional characters fold to simplified).
        doc: only this source document: its id, file stem or file name (:func:`~policykg.loaders.read.document_ref`).
        year: only documents of this year.
        label: only sentences that mention an entity of this label.
        limit, offset: the page of hits (1-10,000; 0 or more).
        documents: only the documents whose id or title matches one of these shell-style patterns (``gwr2025-*``),
            as the diffusion's ``documents`` (the API's ``documents`` had been ignored here: every sentence came back).

    Returns:
        ``{"q", "total", "limit", "offset", "hits": [...]}`` (hits: :func:`hit`), and ``"hint"`` when a query with
        quotation marks finds none that the same query without them would find, and when one holding a straight
        double quote (``以旧"换新``) finds none (:func:`_straight_hint`).

    Raises:
        ValueError: empty query, a line break or NUL character in it, unknown label, limit or offset out of range;
            a pattern matching no loaded document, a year none of the documents searched is of
            (:func:`document_scope`).
        NotFoundError: ``doc`` names no loaded document (the message names those it may have meant:
            :meth:`GraphStore.document`).
    """
    q = check_query(q, label, limit, offset)
    scope = document_scope(store, doc, documents, year)
    index = sentence_index(store)
    if index is not None:
        out = index.search(store, q, scope, year, label, limit, offset)
    else:
        # a query without quotation marks matches texts that split it with some (“五星”支部): any of its pairs
        candidates = store.sentence_documents(q, quoted(q)) if hasattr(store, "sentence_documents") else None
        out = _scan(store, q, candidates, scope, year, label, limit, offset)
    if not out["total"] and '"' in q:  # check_query left it straight: inside the query, not one of a pair
        out = {**out, "hint": _straight_hint(store, q, doc, year, label, documents)}
    elif not out["total"] and quoted(q):  # check_query refused a query of marks alone
        # a term pasted with its quotation marks (“低空经济”) matched none as written, silently (a walkthrough, session 49)
        bare = search_sentences(store, unquoted(q), doc, year, label, 1, 0, documents)["total"]
        if bare:
            out = {**out, "hint": f"quotation marks are matched as written: without them, {bare:,} sentences hold "
                                  f"{unquoted(q)!r}"}
    return {"q": q, "limit": limit, "offset": offset, **out}


def _straight_hint(store: GraphStore, q: str, doc: str | None, year: int | None, label: str | None,
                   documents: Sequence[str] | None) -> str:
    """The hint of a query holding a straight double quote that finds no sentence (``以旧"换新``: 0 and not a word, a
    walkthrough, session 64): the texts write “…”, never ``"``; so how many sentences hold the query without it and
    with it made curly (opening, then closing, in turn), those that hold some.

    Args:
        q: the query as :func:`~policykg.graph.sentence_rows.check_query` returns it (a quote at its start or end is
            curly already); the other arguments as :func:`search_sentences` (the same scope is searched).

    Returns:
        ``a straight quote (") is matched as written and the texts write “…”: without it, 12 sentences hold '以旧换新'``
        (and ``; 3 hold '…“…'`` for each curly form some sentence holds).
    """
    def total(text: str) -> int:
        return search_sentences(store, text, doc, year, label, 1, 0, documents)["total"]

    bare = q.replace('"', "")
    first, *rest = q.split('"')  # each straight quote made curly, opening and closing by turns, from either mark
    curly = dict.fromkeys(first + "".join(marks[i % 2] + p for i, p in enumerate(rest)) for marks in ("“”", "”“"))
    held = [f"{n:,} hold {c!r}" for c in curly if (n := total(c))]
    n = total(bare) if unquoted(bare).strip() else 0
    return (f'a straight quote (") is matched as written and the texts write “…”: without it, {n:,} '
            f"sentence{'s' if n != 1 else ''} hold{'s' if n == 1 else ''} {bare!r}" + "".join(f"; {h}" for h in held))


#: Columns of the concordance CSV (API and CLI).
CSV_COLUMNS = ["doc_id", "title", "year", "place", "level", "section", "left", "match", "right", "occurrences",
               "start", "end", "sentence", "entities", "mention"]


def write_csv(hits: list[dict[str, Any]], out: Any) -> None:
    """Write concordance hits as CSV (:data:`CSV_COLUMNS`; entities as ``Label:name`` joined by ``;``; ``mention``
    the entity the matched phrase is, empty when none: the JSON's ``mention``, which the CSV lacked until session 51)."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for h in hits:
        w.writerow([*(h[c] for c in CSV_COLUMNS[:-2]), ";".join(dict.fromkeys(m["id"] for m in h["entities"])),
                    h.get("mention") or ""])


def written_elsewhere(store: GraphStore, forms: list[str], counted: set[str], limit: int | None = None
                      ) -> list[dict[str, Any]]:
    """The documents that write one of an entity's ``forms`` in a sentence but are not among ``counted`` (the
    documents where it was extracted): where a diffusion count may be short.  A form is found as written anywhere,
    inside a longer name too (以旧换新 in 二手住房以旧换新), so each document comes with its first sentence to judge,
    and with the other entities the form was extracted as there, under that very name: Goal:农业转移人口市民化 (海南)
    was "written, not extracted" in 20 reports that each extract Program:农业转移人口市民化, a walkthrough, session 69.

    Args:
        store: any store.
        forms: the entity's name, then its aliases (a name of one character and aliases of two are skipped: 五星 of
            “五星”支部创建 is in “五星”创评活动 too).
        counted: source document ids to leave out.
        limit: at most this many documents, earliest first (``None``: all).

    Returns:
        ``[{"doc_id", "title", "year", "place", "level", "form", "sentence", "sentence_start", "at", "sentences": int,
        "extracted_as": [entity id, ...]}]``, by year (unknown last), then id; ``sentence_start`` is the first
        sentence's offset (characters) in the document's text, ``at`` where the form stands in it (characters from its
        start), ``sentences`` counts the document's sentences holding a form, ``extracted_as`` the entities a form is a
        mention of in those sentences (the hits' ``mention``: the same name, another node), in the order found, empty
        when the extractor found none there.
    """
    found: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, int]] = set()
    for form in dict.fromkeys(f for k, f in enumerate(forms) if len(f) >= (2 if k == 0 else 3)):
        for h in _every_hit(store, form):
            if h["doc_id"] in counted or (h["doc_id"], h["sentence_start"]) in seen:
                continue
            seen.add((h["doc_id"], h["sentence_start"]))
            row = found.setdefault(h["doc_id"], {k: h[k] for k in ("doc_id", "title", "year", "place", "level")}
                                   | {"form": form, "sentence": h["sentence"], "sentence_start": h["sentence_start"],
                                      "at": h["start"] - h["sentence_start"], "sentences": 0, "extracted_as": []})
            row["sentences"] += 1
            if h.get("mention") and h["mention"] not in row["extracted_as"]:
                row["extracted_as"].append(h["mention"])
    rows = sorted(found.values(), key=lambda r: (r["year"] is None, r["year"] or 0, r["doc_id"]))
    return rows[:limit]


def excerpt(sentence: str, at: int, width: int = 70) -> str:
    """``sentence`` cut to ``width`` characters around offset ``at`` (where :func:`written_elsewhere` found the form),
    ``…`` where it was cut; the whole sentence when it is short enough.  The command line had cut it at its 69th
    character, so a long sentence of 上海 listed as writing 以旧换新 showed no 以旧换新 (a first-use walkthrough)."""
    if len(sentence) <= width:
        return sentence
    lo = max(0, at - width // 5)  # a fifth of the room before the name, the rest after it
    if lo == 0:
        return sentence[:width - 1] + "…"
    if len(sentence) - lo <= width - 1:
        return "…" + sentence[len(sentence) - (width - 1):]
    return "…" + sentence[lo:lo + width - 2] + "…"


def diffusion_answer(view: EntityView, store: GraphStore, node_id: str, form: str | None = None) -> dict[str, Any]:
    """:func:`~policykg.graph.analytics.diffusion` of ``node_id`` with ``written_elsewhere``: the documents that write
    its name or an alias where it was not extracted (:func:`written_elsewhere`); what ``policykg diffusion``,
    ``/programs/{id}/diffusion`` and the diffusion page show.

    Args:
        view: the store's entity view, or the view of some of its documents (:meth:`~.analytics.EntityView.within`):
            the documents outside it are neither counted nor listed as writing the name.
        store: the store (its sentences are searched).
        node_id: the entity.
        form: the name the researcher asked for, when it is an alias of the entity rather than its name: the answer
            then also says which of the documents write that form (``"form"``).  One document that names a program in
            full and by a wider name makes the two one entity (乡镇机构改革 and 机构改革 of gwr-2007), so the documents
            counted for ``Program:机构改革`` are 30 while 6 write 乡镇机构改革 (a walkthrough, session 45).

    Returns:
        The :func:`~policykg.graph.analytics.diffusion` answer with ``written_elsewhere``, ``first_written`` (the
        earliest of them when it is older than the first adopter, else ``None``: :func:`_first_written`) and, when
        ``form`` is an alias (not the entity's name, by :func:`~policykg.graph.names.match_key`), ``"form": {"name"
        (as the documents write it most), "asked" (as given), "documents": [document ids writing it, in the answer's
        order], "first_year", "last_year"}``.

    Raises:
        NotFoundError: no entity has this id.
    """
    result = diffusion(view, node_id)
    node = result["node"]
    elsewhere = written_elsewhere(store, [node.get("name") or "", *(node.get("aliases") or [])],
                                {d["id"] for d in result["documents"]})
    result["written_elsewhere"] = [w for w in elsewhere if w["doc_id"] in view.documents]  # a view of some documents
    result["first_written"] = _first_written(result)
    key = match_key(form or "")
    if key and key != match_key(node.get("name") or ""):
        docs = [d for d in result["documents"] if any(match_key(f) == key for f in d["forms"])]
        years = [d["year"] for d in docs if d["year"] is not None]
        # the form as the documents write it (asked 鄉村振興, they write 乡村振兴: a walkthrough, session 50)
        written = Counter(f for d in docs for f in d["forms"] if match_key(f) == key).most_common(1)
        result["form"] = {"name": written[0][0] if written else form, "asked": form, "documents": [d["id"] for d in docs],
                          "first_year": min(years, default=None), "last_year": max(years, default=None)}
    return result


def _first_written(result: dict[str, Any]) -> dict[str, Any] | None:
    """The earliest document of ``result["written_elsewhere"]`` when it is older than the first adopter (or when no
    document counted has a year): the name was written before the document the answer calls its first adopter, where
    it was not extracted as this entity.  A walkthrough (session 65) read "以旧换新 … first adopter Document:gwr-2022"
    while the list below it began with the reports of 2010 and 2011 writing 家电以旧换新; ``None`` otherwise."""
    dated = [w for w in result["written_elsewhere"] if w["year"] is not None]
    if not dated:
        return None
    first = result["first_year"]
    return dated[0] if first is None or dated[0]["year"] < first else None


def _every_hit(store: GraphStore, q: str, page: int = 10_000) -> Iterator[dict[str, Any]]:
    """Every sentence hit of ``q``, a page of :func:`search_sentences` at a time."""
    offset, total = 0, None
    while total is None or offset < total:
        result = search_sentences(store, q, limit=page, offset=offset)
        total = result["total"]
        yield from result["hits"]
        offset += page
