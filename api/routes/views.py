"""Pages of the working loop: an entity's diffusion chart, a document to read, a comparison of two sides."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from policykg.errors import NotFoundError
from policykg.graph.assembly import first_mentions
from policykg.graph.compare import compare, comparison_csv, side_option, sides
from policykg.loaders.outline import sentences
from policykg.loaders.read import document_ref
from policykg.viz.research import render_compare, render_diffusion, render_reader

from ..deps import StoreDep, ViewDep
from ..downloads import attachment, file_part
from ..naming import ENTITY_RESPONSES, follow
from ..params import DocumentId, NodeId, Year
from .analytics import DocumentPatterns, diffusion_query, within_answer

router = APIRouter(tags=["pages"])

#: A year of a document (1900 to 2100), or empty: the compare page's form sends its year fields empty for any year.
_YEAR = r"^(?:19\d\d|20\d\d|2100)?$"
Side = Annotated[str | None, Query(max_length=300, description="a source document id or a place")]


@router.get("/entities/{node_id:path}/diffusion", response_class=HTMLResponse, responses=ENTITY_RESPONSES)
def diffusion_page(request: Request, view: ViewDep, store: StoreDep, node_id: NodeId,
                   form: Annotated[str | None, Query(max_length=200, description="the name asked for, when it is an "
                                                     "alias of the entity (set by the redirect from a name)")] = None,
                   documents: DocumentPatterns = None, year: Year = None) -> Response:
    """An entity's adoption over time: documents by year, one row per level and place, first adopter marked; then
    the documents that write its name where it was not extracted (each sentence linked in the reader) and the
    entities whose names hold its name.  An id no entity has whose name another entity writes (``Goal:乡村振兴`` of
    ``Goal:乡村振兴战略``), or the old id of an entity a curation decision renamed, retyped or merged, redirects (307)
    there, and the page then says how many of the documents write the name asked for; a rejected entity's id answers
    410.  ``documents`` and ``year`` keep some documents, as the diffusion answer does."""
    query = diffusion_query(form, node_id.rpartition(":")[2], documents, year)
    if (moved := follow(request, view, node_id, "/entities/{}/diffusion", query)) is not None:
        return moved
    answer = within_answer(request, view, store, node_id, form, documents, year)
    # each document's row opens the reader at the entity's first mention (it opened the document's top: a
    # walkthrough, session 65, had to search a 20,000-character report for the sentence)
    return HTMLResponse(render_diffusion(answer, first_mentions(store.get_node(answer["node"]["id"])["mentions"])))


@router.get("/read/{doc_id:path}", response_class=HTMLResponse)
def read(store: StoreDep, doc_id: DocumentId) -> str:
    """A source document to read (its id, file stem or file name); ``#s-<offset>`` marks the sentence starting at
    that offset."""
    doc_id = document_ref(doc_id)
    doc = store.document(doc_id)["document"]
    text = store.document_text(doc_id)
    if text is None:
        raise NotFoundError(f"no text stored for {doc_id!r}")
    return render_reader(doc, text, [(s.start, s.end) for s in sentences(text)])


@router.get("/compare", response_class=HTMLResponse, responses={200: {"content": {"text/html": {}, "text/csv": {},
                                                                                  "application/json": {}}}})
def compare_page(view: ViewDep, a: Side = None, b: Side = None,
                 year: Annotated[str | None, Query(pattern=_YEAR, description="only a place's "
                                                   "documents of this year (a document given by id is kept); the "
                                                   "page's form sends it empty for any year; a year none of the "
                                                   "place's documents is of answers 400, naming their years")] = None,
                 b_year: Annotated[str | None, Query(pattern=_YEAR, description="B's year when "
                                                     "it differs from A's (one place in two years); 400 as for "
                                                     "year")] = None,
                 format: Annotated[Literal["html", "csv", "json"], Query()] = "html") -> Response:
    """Entities in common and unique to each of two documents or places, by label (HTML, CSV or JSON); each side
    says the years of its documents, ``year`` keeps a place's documents of one year (``b_year``: B's, when it
    differs).  A side that is neither a loaded document nor a place answers 404; a year that keeps none of a place's
    documents, 400 naming the place's years (the page with its form, as for any refusal)."""
    if format != "html" and not (a and b):  # the page offers its form; a file or JSON needs both sides
        raise ValueError(f"format={format} needs both sides: ?a=…&b=… (a source document id or a place each)")
    year_n, b_year_n = int(year) if year else None, int(b_year) if b_year else None
    error, status = None, 200
    try:
        result = compare(view, a, b, year_n, b_year_n) if a and b else None
    except (ValueError, NotFoundError) as exc:
        if format != "html":
            raise
        # the page keeps its form with the reason above it (a walkthrough, session 55: the reason alone replaced it)
        result, error, status = None, str(exc), 404 if isinstance(exc, NotFoundError) else 400
    if format == "csv" and result is not None:
        # named for its sides and years: every comparison was saved as comparison.csv (a walkthrough, session 62)
        sides_named = [file_part(side["side"] + (f"-{years[0]}" if len(years := side["years"]) == 1 and years[0]
                                                 and str(years[0]) not in side["side"] else ""))
                       for side in (result["a"], result["b"])]
        return Response("\ufeff" + comparison_csv(result), media_type="text/csv; charset=utf-8",
                        headers=attachment(f"comparison-{sides_named[0]}-{sides_named[1]}.csv"))
    if format == "json" and result is not None:
        from fastapi.responses import JSONResponse

        return JSONResponse(result)
    options = sides(view)
    return HTMLResponse(render_compare(options, result, side_option(options, a or ""), side_option(options, b or ""),
                                       year_n, b_year_n, error), status_code=status)
