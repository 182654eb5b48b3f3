"""Compare two documents or two places: the entities they share and those unique to each, by label.

A side is a source document (its id, ``Document:…``), a pattern of documents' ids or titles (``gwr2025-*``, as
``--documents`` reads it: every document it matches) or a place (a document's
``place`` as stored, e.g. ``金川区``, or without its level word, ``金川``: every document of that place; the national
documents, of level 国 and no place, are the place :data:`NATIONAL`, also named 国 as ``policykg documents`` shows
them, or 国家).  An entity
belongs to a side when one of the side's documents mentions it.  Computed on
the analytics :class:`~policykg.graph.analytics.EntityView`, so both stores
answer alike.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from policykg.errors import NotFoundError

from .analytics import EntityView
from .document_patterns import matching_documents
from .merging import resolution_words
from .names import to_simplified
from .schema import ENTITY_LABELS
from .scope_errors import given
from .sentence_rows import fold_case, sentence_form, unquoted
from .store import GraphStore

__all__ = ["API_PARAMS", "NATIONAL", "compare", "comparison_csv", "place_documents", "side_option", "sides",
           "written_across"]

#: The place the national documents (level 国, no place of their own) are compared as: ``compare 国 国 --year 2024
#: --b-year 2025`` and ``compare 全国 浙江`` were refused as naming no place, though ``policykg documents`` shows 国 in
#: the place column of the national reports (a walkthrough).
NATIONAL = "全国"


def _national_words() -> tuple[str, ...]:
    """The words that name :data:`NATIONAL` (``graph/data/resolution.toml [place] national_words``: the level
    ``policykg documents`` shows, 全国 and 国家)."""
    return resolution_words("place", "national_words")


def _place(doc: dict[str, Any]) -> str | None:
    """The place ``doc`` (a document dict of the view) is compared under: its ``place``, :data:`NATIONAL` for a
    national document without one, else ``None``."""
    return doc.get("place") or (NATIONAL if doc.get("level") == "国" else None)


def _listed(places: set[str] | list[str]) -> list[str]:
    """``places`` sorted, :data:`NATIONAL` first (the error's list of 12 and the form's options had left it out or last)."""
    return sorted(places, key=lambda p: (p != NATIONAL, p))


def sides(view: EntityView) -> dict[str, list[dict[str, Any]]]:
    """What can be compared: ``{"documents": [{"id", "title", "year", "place"}], "places": [{"place", "documents"}]}``
    (places as :func:`_place` reads them, :data:`NATIONAL` first)."""
    docs = sorted(view.documents.values(), key=lambda d: d["id"])
    places: dict[str, int] = {}
    for d in docs:
        if place := _place(d):
            places[place] = places.get(place, 0) + 1
    return {"documents": [{k: d.get(k) for k in ("id", "title", "year", "place")} for d in docs],
            "places": [{"place": p, "documents": places[p]} for p in _listed(list(places))]}


#: What makes a side a pattern of document ids or titles (``gwr2025-*``), read as ``--documents`` reads one.
_PATTERN = re.compile(r"[*?\[]")

#: A people of one character and 族 (壮族, 藏族), named before 自治区/州/县; the longer names are in ``[place] long_peoples``.
_ONE_PEOPLE = re.compile(r"[\u4e00-\u9fff]族$")


def _bare(place: str) -> str:
    """``place`` without the level word it closes with, and for an autonomous area without the peoples named before
    it (广西壮族自治区 -> 广西, 新疆维吾尔自治区 -> 新疆; a walkthrough, session 54, found 广西, 宁夏 and 新疆 refused by
    /compare while 内蒙古 was read), when a name of two characters or more is left.  The level words and the longer
    peoples' names are ``graph/data/resolution.toml [place] level_endings`` and ``long_peoples``, read longest first."""
    long_peoples = resolution_words("place", "long_peoples")
    for end in resolution_words("place", "level_endings"):
        if place.endswith(end) and len(place) - len(end) >= 2:
            bare = place[:-len(end)]
            while end.startswith("自治"):  # the peoples, last first: 湘西土家族苗族 -> 湘西土家族 -> 湘西
                people = next((p for p in long_peoples if bare.endswith(p)), None) or (
                    bare[-2:] if _ONE_PEOPLE.search(bare) else None)
                if people is None or len(bare) - len(people) < 2:
                    break
                bare = bare[:-len(people)]
            return bare
    return place


def _named(side: str, doc_ids: Any, places: Any) -> tuple[str | None, list[str]]:
    """What ``side`` names: ``(document id, [])`` for a document id (``Document:`` may be left out), else ``(None,
    places)``, the places of ``places`` it names, as stored (上海市) or without its level word (上海), or
    ``[NATIONAL]`` for 国, 全国 or 国家 when ``places`` holds it."""
    side = side.strip()
    for doc_id in (side, f"Document:{side}"):
        if doc_id in doc_ids:
            return doc_id, []
    # as search reads names: 廣東 is 广东, and spaces around it are none of it (a walkthrough, session 55: a 404)
    side = to_simplified(side)
    if side in _national_words() and NATIONAL in places:
        return None, [NATIONAL]
    return None, [side] if side in places else [p for p in places if _bare(p) == _bare(side)]


def place_documents(documents: dict[str, dict[str, Any]], word: str) -> tuple[str, list[str]] | None:
    """The place ``word`` names among ``documents`` (id -> source document node) as :func:`compare` reads a side
    (广东 and 广东省 name 广东省, 国 and 全国 the national documents: :data:`NATIONAL`), and the ids of its documents,
    sorted; ``None`` when it names no place of them, or more than one."""
    places = {p for d in documents.values() if (p := _place(d))}
    _doc, named = _named(word, {}, places)
    if len(named) != 1:
        return None
    return named[0], sorted(i for i, d in documents.items() if _place(d) == named[0])


def side_option(options: dict[str, list[dict[str, Any]]], side: str) -> str:
    """The value of the form's option (:func:`sides`) that ``side`` names as :func:`compare` reads it: a document id
    with its ``Document:``, a place as stored (广东 -> 广东省); ``side`` itself when none does.  The compare page had
    selected no option for 广东, so both lists showed their first place and pressing Compare again compared 上海市
    with itself (an explorer walkthrough, session 51)."""
    doc_id, named = _named(side, {d["id"] for d in options["documents"]}, [p["place"] for p in options["places"]])
    return doc_id or (named[0] if len(named) == 1 else side)


#: How :func:`compare`'s messages name its two years: the API's query parameters.  The command line passes its options'
#: names (``--year``, ``--b-year``): it had told a user of ``policykg compare`` to leave out ``year=`` (session 63).
API_PARAMS = {"year": "year", "b_year": "b_year"}


def _read_side(view: EntityView, side: str) -> tuple[str | None, list[str], bool]:
    """How ``side`` is read: ``(document id, [], False)`` for a document, ``(None, places, False)`` for the places it
    names (:func:`_named`), ``(None, [], True)`` for a pattern of ids or titles (:data:`_PATTERN`: it holds a mark of
    one and names no loaded document and no place; a masked place, ``**市`` or ``**``, is a place)."""
    doc_id, named = _named(side, view.documents, {p for d in view.documents.values() if (p := _place(d))})
    return doc_id, named, doc_id is None and not named and bool(_PATTERN.search(side))


def _documents(view: EntityView, side: str, year: int | None = None, param: str = "year") -> list[str]:
    """The documents of ``side``: a document id (``Document:`` may be left out), the documents whose id or title a
    pattern matches (``gwr2025-*``: :func:`~policykg.graph.document_patterns.matching_documents`), else every
    document of that place,
    as stored (上海市) or without its level word (上海) when that names one place only (国 or 全国: the national
    documents, :func:`_place`), of ``year`` when given (the
    parameter ``param`` gave it, as its caller names it); of a place with dated documents, those of no known year are
    left out.

    Raises:
        NotFoundError: ``side`` is neither a document id nor a place of a loaded document, or is a pattern matching no
            document (:class:`~policykg.graph.document_patterns.NoDocumentMatches`).
        ValueError: the place, or the documents of the pattern, have no document of ``year`` (the message names
            ``param`` and their years).
    """
    doc_id, named, pattern = _read_side(view, side)
    if doc_id is not None:
        return [doc_id]
    if pattern:  # the documents a pattern keeps, as for diffusion --documents (a walkthrough, session 65: the 2025
        # provincial reports against the national report of 2024, 'gwr2025-*', were refused as no place)
        kept = sorted(matching_documents(view.documents, [side.strip()]))
        dated = [i for i in kept if year is None or view.documents[i].get("year") == year]
        if not dated:
            have = sorted({y for i in kept if (y := view.documents[i].get("year")) is not None})
            raise ValueError(f"{given(param, year)}: none of the {len(kept)} documents matching {side!r} is of {year}"
                             + (f" (their years: {', '.join(map(str, have))})" if have else ""))
        return dated
    if len(named) != 1:
        places = {p for d in view.documents.values() if (p := _place(d))}
        some = "、".join(_listed(places)[:12]) + ("…" if len(places) > 12 else "")
        raise NotFoundError(f"{side!r} is neither a loaded document id nor the place of a loaded document"
                            + (f" (it could be {' or '.join(sorted(named))})" if named else
                               f" (places: {some})" if places else "")
                            + "; a pattern ('gwr2025-*') compares the documents it matches")
    docs = sorted(i for i, d in view.documents.items() if _place(d) == named[0])
    # a place's documents of no known year are left out beside dated ones: 广东 pooled the undated report of 1921 with
    # its work report of 2025 (a walkthrough, session 55); the answer's years say which were kept
    known = [i for i in docs if view.documents[i].get("year") is not None] or docs
    dated = [i for i in known if year is None or view.documents[i].get("year") == year]
    if not dated:
        # a filter value, not a missing document: 400, not the 404 of an unknown side (it answered 404)
        have = sorted({y for i in docs if (y := view.documents[i].get("year")) is not None})
        which = (f"its years: {', '.join(map(str, have))}; give one of them or leave {param} out" if have else
                 f"none of its documents has a known year: leave {param} out")
        raise ValueError(f"{given(param, year)}: no document of {named[0]} is of {year} ({which})")
    return dated


def compare(view: EntityView, a: str, b: str, year: int | None = None, b_year: int | None = None,
            params: dict[str, str] = API_PARAMS) -> dict[str, Any]:
    """Entities in common and unique to each of two sides.

    Args:
        view: the analytics view of a store.
        a, b: each a source document id, a pattern of ids or titles (``gwr2025-*``) or a place.
        year: keep only a place's documents of this year (a place of reports of many years pooled the 1921 report of
            广东 with its 2025 one: a walkthrough, session 50); a side given as a document is kept whatever its year.
        b_year: B's year when it differs from A's (one place in two years: ``a=广东, b=广东, year=2021, b_year=2025``).
        params: how the caller names ``year`` and ``b_year``, for the messages (:data:`API_PARAMS`, or the command
            line's ``{"year": "--year", "b_year": "--b-year"}``).

    Returns:
        ``{"a": {"side", "documents", "years"}, "b": {...}, "year", "labels": {label: {"common": [...],
        "only_a": [...], "only_b": [...]}}}`` (``years``: the years of the side's documents, ascending, ``None`` last
        for an unknown one); each entity ``{"id", "name", "a": mentions, "b": mentions}``, most mentioned (both sides
        together) first, then by id.

    Raises:
        NotFoundError: a side is neither a document id nor a place of a loaded document.
        ValueError: the two sides are the same documents, ``year`` or ``b_year`` is given for a side that is a
            document (it would be ignored), or a place has no document of ``year`` (``b_year``).
    """
    is_doc_a, is_doc_b = (_named(side, view.documents, [])[0] is not None for side in (a, b))
    # a year keeps a place's documents: year A's (and B's without b_year), b_year B's; given for documents only, it was
    # echoed back as if it had kept some (a user walkthrough)
    unused = []
    if year is not None and is_doc_a and (is_doc_b or b_year is not None):
        unused.append(params["year"])
    if b_year is not None and is_doc_b:
        unused.append(params["b_year"])
    if unused:
        raise ValueError(f"{' and '.join(unused)} appl{'ies' if len(unused) == 1 else 'y'} only when comparing places: "
                         "a side given as a document is compared whatever its year; leave "
                         f"{'it' if len(unused) == 1 else 'them'} out")
    docs_a = _documents(view, a, year, params["year"])
    docs_b = _documents(view, b, year, params["year"]) if b_year is None else _documents(view, b, b_year, params["b_year"])
    b_year = year if b_year is None else b_year
    if docs_a == docs_b:
        places = not (is_doc_a or is_doc_b)  # a place of one document was called "the same document" (a user walkthrough)
        if places and any(_read_side(view, side)[2] for side in (a, b)):  # a pattern is no place (it was called one)
            ids = ", ".join(d.partition(":")[2] for d in docs_a[:3]) + (", …" if len(docs_a) > 3 else "")
            n = len(docs_a)
            raise ValueError(f"{a!r} and {b!r} name the same {n} document{'' if n == 1 else 's'} ({ids}); choose two "
                             f"different ones to compare (one place or pattern in two years: {given(params['year'])} "
                             f"for A, {given(params['b_year'])} for B)")
        raise ValueError(f"{a!r} and {b!r} are the same {'place' if places else 'document'}; choose two different ones "
                         "to compare" + (f" (one place in two years: {given(params['year'])} for A, "
                                         f"{given(params['b_year'])} for B)" if places else ""))
    counts: dict[str, list[int]] = {}
    for nid, per_doc in view.mentions.items():
        ca = sum(m["count"] for d, m in per_doc.items() if d in docs_a)
        cb = sum(m["count"] for d, m in per_doc.items() if d in docs_b)
        if ca or cb:
            counts[nid] = [ca, cb]
    labels: dict[str, dict[str, list[dict[str, Any]]]] = {
        label: {"common": [], "only_a": [], "only_b": []} for label in ENTITY_LABELS}
    for nid, (ca, cb) in sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0])):
        node = view.graph.nodes[nid]
        group = "common" if ca and cb else "only_a" if ca else "only_b"
        labels[node["label"]][group].append({"id": nid, "name": node.get("name"), "a": ca, "b": cb})
    def years(docs: list[str]) -> list[int | None]:
        found = {view.documents[d].get("year") for d in docs}
        return sorted(y for y in found if y is not None) + ([None] if None in found else [])

    return {"a": {"side": a, "documents": docs_a, "years": years(docs_a)},
            "b": {"side": b, "documents": docs_b, "years": years(docs_b)}, "year": year,
            "b_year": b_year, "labels": labels}


def written_across(store: GraphStore, result: dict[str, Any], limit: int | None = None) -> dict[str, Any]:
    """Mark each entity found on one side only with how often the other side's texts write its name: ``"written_a"``
    on the entities only in B, ``"written_b"`` on those only in A (occurrences, 0 when none), in place.  A walkthrough
    (session 65) read ``compare gwr-2019 gwr-2024``: 改革开放 "only in A" 6/0, while the 2024 report writes it three
    times (——改革开放向纵深推进, 全面深化改革开放), extracted there as another entity or not at all; the count says
    where an "only" is the extractor's and not the text's.  The name is found as :mod:`~policykg.graph.concordance`
    finds it: in the sentences' copy (traditional script folded, ASCII in any case, the text's quotation marks skipped:
    五星支部创建 in “五星”支部创建), inside longer names too.

    Args:
        store: the store compared (the documents' texts are read from it).
        result: a :func:`compare` answer.
        limit: mark only the first ``limit`` rows of each group (those a caller shows; ``None``: all).  Counting every
            row of ``compare gwr-2024 'gwr2025-*'`` (8,635 only in B) over 29 texts took 0.46 s for ten rows shown.

    Returns:
        ``result``, its ``only_a`` and ``only_b`` rows (the first ``limit``) each with ``written_b`` or ``written_a``.
    """
    texts = {side: [unquoted(fold_case(sentence_form(store.document_text(d) or "")))
                    for d in result[side]["documents"]] for side in ("a", "b")}
    for groups in result["labels"].values():
        for group, other in (("only_a", "b"), ("only_b", "a")):
            for row in groups[group][:limit]:
                name = unquoted(fold_case(sentence_form(row["name"] or "")))
                row[f"written_{other}"] = sum(t.count(name) for t in texts[other]) if len(name) >= 2 else 0
    return result


def comparison_csv(result: dict[str, Any]) -> str:
    """The comparison as CSV: ``label, group, id, name, mentions_a, mentions_b`` (group ``common``/``only_a``/``only_b``)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["label", "group", "id", "name", f"mentions in {result['a']['side']}", f"mentions in {result['b']['side']}"])
    for label, groups in result["labels"].items():
        for group, rows in groups.items():
            for r in rows:
                w.writerow([label, group, r["id"], r["name"], r["a"], r["b"]])
    return buf.getvalue()
