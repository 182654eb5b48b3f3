"""Response and request models of the API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ChoiceRow", "ChoicesResponse", "CypherRequest", "CypherResponse", "EntityRow", "ErrorResponse", "NodeDetail",
           "StatsResponse", "SubgraphResponse"]


class EntityRow(BaseModel):
    """One entity offered to a client: those a name names (300), those like a name no entity has (404)."""

    id: str
    label: str
    name: str | None = None
    documents: int = Field(description="the documents mentioning it (its doc_count)")


class ChoiceRow(EntityRow):
    """One entity a name asked for names (300 Multiple Choices), or one like a name or id no entity has (404)."""

    address: str = Field(description="the address asked, with this entity's id in place of the name")


class ErrorResponse(BaseModel):
    """Every error policykg itself answers (400, 404, 503): one message, never a stack trace; a 404 for an unknown
    name or id lists the entities it suggests in ``suggestions`` too (they are named in the message)."""

    detail: str
    suggestions: list[ChoiceRow] | None = Field(None, description="a 404's entities like the name or id asked, best "
                                                "first, as the message names them, each with its address")


class ChoicesResponse(BaseModel):
    """The answer to a name several entities have or write as an alias (300): none is taken, the asker chooses one by
    its id."""

    detail: str
    candidates: list[ChoiceRow]


class StatsResponse(BaseModel):
    nodes: dict[str, int]
    relationships: dict[str, int]
    #: the Document nodes split: ``loaded`` (source documents, as ``/documents`` lists them) and ``cited``
    documents: dict[str, int]


class SubgraphResponse(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool = False
    #: nodes no edge of the answer touches: reached through nodes the labels filter leaves out (sections, documents)
    unlinked: int = 0


class NodeDetail(BaseModel):
    node: dict[str, Any]
    #: a page of the mentions: ``mention_limit`` of them from ``mention_offset`` on, of ``mention_total``
    mentions: list[dict[str, Any]]
    forms_by_document: dict[str, list[str]]
    merges_by_document: dict[str, list[str]] = {}
    mention_total: int = Field(0, description="how many mentions the node has (mentions lists a page of them)")
    mention_limit: int = Field(0, description="most mentions listed on this page")
    mention_offset: int = Field(0, description="mentions passed over before this page")
    first_mention_by_document: dict[str, int] = Field(default_factory=dict, description=(
        "document id -> character offset of the node's first mention there, over every mention"))
    document_total: int = Field(0, description="how many documents mention the node (the per-document answers, "
                                               "node.merged_by, forms_by_document, merges_by_document and "
                                               "first_mention_by_document, list a page of them)")
    document_limit: int = Field(0, description="most documents listed on this page")
    document_offset: int = Field(0, description="documents passed over before this page")


class DocumentDetail(BaseModel):
    document: dict[str, Any]
    outline: list[dict[str, Any]]


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: no min_length: "" answered 422 where "   " answered 400, "the query is empty" (a user walkthrough)
    query: str = Field(max_length=10_000, description="a read-only Cypher query (an empty one answers 400)")
    params: dict[str, Any] = Field(default_factory=dict)


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(False, description="true when the query had more rows than POLICYKG_CYPHER_ROW_CAP "
                                               "let through (add LIMIT or narrow the query)")
