"""Source documents and their outlines."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from policykg.graph.concordance import kept_documents
from policykg.loaders.read import document_ref

from ..deps import StoreDep
from ..models import DocumentDetail
from ..params import DocumentId, Year
from .analytics import DocumentPatterns

router = APIRouter(prefix="/documents")


@router.get("")
def documents(store: StoreDep, documents: DocumentPatterns = None, year: Year = None) -> list[dict[str, Any]]:
    """Every loaded source document with its file name, title, year and place; ``documents`` keeps those whose id or
    title matches one of its patterns (as ``policykg documents PATTERN``), ``year`` those of that year (both were
    ignored: every document came back).  A pattern no document matches, or a year none of those kept is of, answers
    400 (:func:`~policykg.graph.concordance.kept_documents`)."""
    return kept_documents(store, documents, year)


@router.get("/{doc_id:path}", response_model=DocumentDetail)
def document(store: StoreDep, doc_id: DocumentId) -> dict[str, Any]:
    """One source document with its outline (sections in order); the id, the file stem (``gwr2025-北京``) or the
    file name name it, as for ``/sentences?doc=``."""
    return store.document(document_ref(doc_id))
