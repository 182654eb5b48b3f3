"""Sentence search (concordance): every sentence holding a string, as JSON or CSV."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from policykg.graph.concordance import search_sentences, write_csv

from ..deps import StoreDep
from ..downloads import attachment, file_part
from ..params import MentionLabel, Year
from .analytics import DocumentPatterns

router = APIRouter(tags=["sentences"])


@router.get("/sentences", responses={200: {"content": {"application/json": {}, "text/csv": {}}}})
def sentences(store: StoreDep,
              q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S",
                                      description="the string to find (traditional characters fold)")],
              doc: Annotated[str | None, Query(max_length=300, description="only this document: its id, file stem "
                                                                  "or file name")] = None,
              year: Year = None,
              label: MentionLabel = None, documents: DocumentPatterns = None,
              limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
              offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
              format: Annotated[Literal["json", "csv"], Query(description="csv: a download")] = "json") -> Any:
    """Every sentence holding q, as keyword in context (left, match, right), with document, section heading,
    year, place and the entities mentioned in it; the total count (of a CSV download, in the header
    ``X-Total-Count``); label keeps sentences mentioning an entity of that label, ``documents`` the documents whose
    id or title matches a pattern (as for the diffusion).  A year none of the documents searched is of, and a pattern
    no loaded document matches, answer 400 naming what there is (a year no document has answered 0 sentences), and so
    does a ``doc`` that no pattern of ``documents`` matches, naming both."""
    result = search_sentences(store, q, doc, year, label, limit, offset, documents)
    if format == "csv":
        buf = io.StringIO()
        write_csv(result["hits"], buf)
        return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={**attachment(f"sentences-{file_part(result['q'])}.csv"),
                                 "X-Total-Count": str(result["total"])})
    return result
