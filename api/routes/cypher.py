"""Read-only Cypher."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..deps import SettingsDep, StoreDep
from ..models import CypherRequest, CypherResponse

router = APIRouter()


@router.post("/cypher", response_model=CypherResponse)
def cypher(store: StoreDep, settings: SettingsDep, body: CypherRequest) -> dict[str, Any]:
    """Run a read-only Cypher query; writes are refused with 400."""
    result = store.cypher(body.query, body.params, settings.cypher_timeout_s, settings.cypher_row_cap)
    return {"columns": result.columns, "rows": result.rows, "truncated": result.truncated}
