"""Source documents and their outlines."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from policykg.loaders.read import document_ref

from ..deps import StoreDep
from ..models import DocumentDetail
from ..params import DocumentId

router = APIRouter(prefix="/documents")


@router.get("")
def documents(store: StoreDep) -> list[dict[str, Any]]:
    """Every loaded source document with its file name, title, year and place."""
    return store.documents()


@router.get("/{doc_id:path}", response_model=DocumentDetail)
def document(store: StoreDep, doc_id: DocumentId) -> dict[str, Any]:
    """One source document with its outline (sections in order); the id, the file stem (``gwr2025-北京``) or the
    file name name it, as for ``/sentences?doc=``."""
    return store.document(document_ref(doc_id))
