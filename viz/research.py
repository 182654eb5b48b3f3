"""Pages of the researcher's working loop: a document to read, an entity's diffusion chart, a comparison.

Rendered with the same Jinja environment as the other pages (every name and
sentence escaped); data for scripts travels as JSON in non-executed script
elements (:func:`policykg.viz.pages.safe_json`); the chart is drawn by Chart.js,
vendored in ``viz/static`` and served by the API (works offline).
"""

from __future__ import annotations

from typing import Any

from .pages import LABEL_STYLE, _env, safe_json

__all__ = ["LEVEL_ORDER", "diffusion_chart", "render_compare", "render_diffusion", "render_reader"]

#: Levels from the top down; the chart's rows follow it (unknown level last).  The national documents are of level
#: 国 (:func:`policykg.loaders.metadata.find_level`): their row was drawn last, under every province (a walkthrough,
#: session 55), with 中央 the level's older name.
LEVEL_ORDER = ("国", "中央", "省", "市", "区", "县", "乡", "镇")


def _place(doc: dict[str, Any]) -> str:
    """A document's place as a page says it: 全国 for a national document of no place (it read "place unknown")."""
    return doc.get("place") or ("全国" if doc.get("level") in ("国", "中央") else "place unknown")


def _group(doc: dict[str, Any]) -> str:
    return f"{doc.get('level') or '?'} · {_place(doc)}"


def diffusion_chart(result: dict[str, Any]) -> dict[str, Any]:
    """The chart's data from :func:`policykg.graph.analytics.diffusion`.

    Returns:
        ``{"groups": [row labels, top to bottom], "points": [{"x", "year", "y": group, "doc", "title",
        "forms", "first"}], "undated": int, "years": [first, last] | None}``: one point per
        document of known year; rows are ``level · place``, ordered by level
        (:data:`LEVEL_ORDER`) then by the year the place first used it.  Documents of one row and year are
        spread around it (``x`` a fraction of a year apart, ``year`` the year itself): drawn on one spot, a click
        opened one of them only (an explorer walkthrough, session 57).
    """
    first = (result.get("first_adopter") or {}).get("id")
    dated = [d for d in result["documents"] if d.get("year") is not None]
    start: dict[str, int] = {}
    for d in dated:
        start[_group(d)] = min(start.get(_group(d), d["year"]), d["year"])

    def rank(g: str) -> tuple[int, int, str]:
        level = g.split(" · ", 1)[0]
        return (LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER), start[g], g)

    groups = sorted(start, key=rank)
    same: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for d in dated:
        same.setdefault((_group(d), d["year"]), []).append(d)
    points = [{"x": round(d["year"] + (k - (len(ds) - 1) / 2) * 0.2, 2), "year": d["year"], "y": group, "doc": d["id"],
               "title": d.get("title") or d["id"], "forms": d.get("forms", []), "first": d["id"] == first}
              for (group, _), ds in same.items() for k, d in enumerate(ds)]
    years = [result["first_year"], result["last_year"]] if dated else None
    return {"groups": groups, "points": points, "undated": len(result["documents"]) - len(dated), "years": years}


def render_diffusion(result: dict[str, Any], first_at: dict[str, int] | None = None) -> str:
    """The diffusion page of one entity (``/entities/{id}/diffusion``).

    Args:
        result: the diffusion answer (:func:`~policykg.graph.concordance.diffusion_answer`).
        first_at: document id -> character offset of the entity's first mention in it
            (:func:`policykg.graph.assembly.first_mentions`): each document's row and dot on the chart open the reader
            at that sentence (``/read/{id}#at-<offset>``), else at the top.
    """
    chart = diffusion_chart(result)
    for point in chart["points"]:  # a click on a dot opens the reader there too (it opened the document's top)
        point["at"] = (first_at or {}).get(point["doc"])
    return _env().get_template("diffusion.html").render(
        r=result, node=result["node"], chart=chart, chart_json=safe_json(chart), first_at=first_at or {},
        first_place=_place(result["first_adopter"]) if result.get("first_adopter") else "",
        color=LABEL_STYLE.get(result["node"]["label"], {}).get("color", "#777"))


def render_reader(doc: dict[str, Any], text: str, sentences: list[tuple[int, int]]) -> str:
    """A source document to read, each sentence an element ``#s-<start>`` (``/read/{id}#s-120`` shows one).

    Args:
        doc: the source document node.
        text: its text.
        sentences: ``(start, end)`` of each sentence, in order.
    """
    pieces, pos = [], 0
    for s, e in sentences:
        if s > pos:
            pieces.append({"text": text[pos:s]})
        pieces.append({"text": text[s:e], "id": f"s-{s}"})
        pos = e
    if pos < len(text):
        pieces.append({"text": text[pos:]})
    return _env().get_template("reader.html").render(doc=doc, pieces=pieces, place=_place(doc))


def render_compare(options: dict[str, Any], result: dict[str, Any] | None, a: str, b: str, year: int | None = None,
                   b_year: int | None = None, error: str | None = None) -> str:
    """The comparison page: a form choosing two documents or places (and a year for places), and the entities by
    label, or ``error`` above the form when the two sides chosen cannot be compared."""
    return _env().get_template("compare.html").render(options=options, r=result, a=a, b=b, year=year, b_year=b_year,
                                                      legend=LABEL_STYLE, error=error)
