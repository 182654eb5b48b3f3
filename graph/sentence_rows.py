"""The sentences of a stored document as rows to search, and a search hit in keyword-in-context form.

Shared by the sentence index of the embedded store (:mod:`policykg.graph.sentence_index`) and the scan of
other stores (:mod:`policykg.graph.concordance`), so both answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .names import match_key, matching_text, to_simplified
from .schema import check_label
from .store import GraphStore

__all__ = ["CONTEXT", "QUOTE_MARKS", "SentenceRow", "check_query", "document_rows", "find", "fold_case", "hit", "keeps",
           "quoted", "unquoted"]

#: Characters of context kept on each side of the match (within the sentence).
CONTEXT = 40
#: Quotation marks, as the sentences' copy prints them (straight and corner ones are curly there).  A query without
#: them matches the text with or without them: canonical names drop them (guide rule 2), so 五星支部创建, the name
#: policykg shows, finds “五星”支部创建; a query with them matches them as written.
QUOTE_MARKS = "“”‘’"
_UNQUOTE = str.maketrans("", "", QUOTE_MARKS)


def fold_case(text: str) -> str:
    """``text`` with its ASCII capitals made small, of the same length (offsets into it are offsets into ``text``):
    how a query and a sentence are compared (GDP, gdp and Gdp find the same sentences; gdp found none: a walkthrough).
    Other letters are kept (SQLite's ``lower()``, which the sentence index applies, folds ASCII only).  ``bytes.lower``
    folds exactly A-Z, about eight times as fast as a ``str.translate`` table (every sentence scanned is folded per
    query: 7 against 55 ms over 0.7 million characters)."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def quoted(q: str) -> bool:
    """Whether the (folded) query ``q`` holds a quotation mark, so that it matches them as written."""
    return any(c in QUOTE_MARKS for c in q)


def unquoted(text: str) -> str:
    """``text`` without its quotation marks (:data:`QUOTE_MARKS`)."""
    return text.translate(_UNQUOTE)


def find(matching: str, q: str) -> tuple[int, int, int] | None:
    """Where the folded query ``q`` first stands in ``matching`` (a sentence's copy), or ``None``.

    Returns:
        ``(start, end, occurrences)``, offsets (characters) into ``matching``; a query without quotation marks is
        found with the text's marks skipped (:data:`QUOTE_MARKS`), the span then running from its first character
        to its last, an opening mark right before it taken in when the span holds the closing one (“五星”支部创建);
        ASCII letters match regardless of case (:func:`fold_case`).
    """
    matching, q = fold_case(matching), fold_case(q)
    if quoted(q):
        at = matching.find(q)
        return None if at < 0 else (at, at + len(q), matching.count(q))
    bare = unquoted(matching)
    at = bare.find(q)
    if at < 0:
        return None
    if len(bare) == len(matching):
        return at, at + len(q), bare.count(q)
    kept = [i for i, ch in enumerate(matching) if ch not in QUOTE_MARKS]
    start, end = kept[at], kept[at + len(q) - 1] + 1
    if start and matching[start - 1] in "“‘" and any(ch in "”’" for ch in matching[start:end]):
        start -= 1
    return start, end, bare.count(q)


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


def sentence_form(text: str) -> str:
    """The copy of ``text`` sentences are searched in, of the same length: the copy extraction reads
    (:func:`policykg.graph.names.matching_text`) with full-width ＋ made +, as names are written (guide rule 2)."""
    return matching_text(text).replace("＋", "+")


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
    matching = sentence_form(text)
    rows, i, j = [], 0, 0
    for sent in sentences(text, matching):
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
    """A search hit: ``row`` with its first occurrence of ``q`` (simplified; :func:`find`) in context, and its document.

    Returns:
        ``{"doc_id", "title", "year", "place", "level", "section_id", "section",
        "sentence_start", "sentence_end", "sentence", "left", "match", "right",
        "start", "end", "occurrences", "entities", "mention"}``; ``start``/``end``
        are the match's offsets in the document, ``mention`` the id of an entity
        mentioned there under that name (same :func:`~policykg.graph.names.match_key`;
        ``None`` when the phrase is not a mention of an entity of that name).
    """
    at, end, occurrences = find(row.matching, q) or (0, 0, 0)
    key = fold_case(match_key(q))
    exact = next((m["id"] for m in row.entities if m["start"] < row.start + end and m["end"] > row.start + at
                  and key in (fold_case(match_key(m["surface"])), fold_case(match_key(m["name"])))), None)
    return {"doc_id": row.doc_id, "title": doc.get("title"), "year": doc.get("year"), "place": doc.get("place"),
            "level": doc.get("level"), "section_id": row.section_id, "section": row.section,
            "sentence_start": row.start, "sentence_end": row.end, "sentence": row.text,
            "left": row.text[max(0, at - CONTEXT):at], "match": row.text[at:end], "right": row.text[end:end + CONTEXT],
            "start": row.start + at, "end": row.start + end, "occurrences": occurrences,
            "entities": list(row.entities), "mention": exact}


def _lone_quotes(q: str) -> str:
    """``q`` with a straight double quote the folding left at its start made an opening mark and one left at its end a
    closing mark (the folding makes curly only a pair of them): ``"两新`` and ``两新"`` find what “两新 and 两新” find.
    Left straight, they matched no sentence and said nothing of the marks, where ``/search`` reads them as marks (a
    first-use walkthrough: ``policykg sentences '"两新'`` found 0 of the 55)."""
    if q.startswith('"'):
        q = "“" + q[1:]
    if q.endswith('"'):
        q = q[:-1] + "”"
    return q


def check_query(q: str, label: str | None, limit: int, offset: int) -> str:
    """``q`` stripped and folded as sentences are (:func:`policykg.graph.names.matching_text`: simplified script,
    full-width letters and digits made ASCII, straight or corner quotes made curly, half-width clause marks and
    brackets by Chinese words made full-width, full-width plus made ASCII: ２０２５年, "两个确立", 乡村振兴, (试行) and
    人工智能＋ find what 2025年, “两个确立”, 乡村振兴， （试行） and 人工智能+ do; the case of ASCII letters is kept here
    and ignored in matching, :func:`fold_case`), after the checks of
    :func:`policykg.graph.concordance.search_sentences`.  A query without quotation marks matches the text with or
    without them (:func:`find`).

    Raises:
        ValueError: as listed there.
    """
    q = _lone_quotes(sentence_form(to_simplified(q.strip())))
    if not q:
        raise ValueError("the sentence query is empty")
    if not unquoted(q).strip():
        raise ValueError("the sentence query holds only quotation marks")
    if "\n" in q:
        raise ValueError("the sentence query holds a line break; sentences never do")
    if "\x00" in q:  # SQLite's full-text query parser would stop at it ("unterminated string")
        raise ValueError("the sentence query holds a NUL character; sentences never do")
    if not 1 <= limit <= 10_000 or offset < 0:
        raise ValueError("limit must be between 1 and 10000 and offset at least 0")
    if label is not None:
        check_label(label)
    return q


def keeps(row: SentenceRow, q: str, label: str | None) -> bool:
    """Whether ``row`` holds ``q`` (simplified; with or without quotation marks unless ``q`` has some: :func:`find`;
    ASCII letters in any case: :func:`fold_case`) and, with ``label``, mentions an entity of that label."""
    q, matching = fold_case(q), fold_case(row.matching)
    held = q in matching if quoted(q) else q in unquoted(matching)
    return held and (label is None or any(m["label"] == label for m in row.entities))
