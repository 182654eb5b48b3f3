"""Query and path parameters shared by the routers, validated and documented in the OpenAPI schema."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from policykg.graph.schema import NODE_LABELS, REL_TYPES

__all__ = ["Depth", "EntityLabel", "Label", "LabelList", "Limit", "MentionLabel", "NodeId", "OptionalEntityLabel",
           "OptionalLabel", "SearchText", "TypeList", "Year", "csv_names"]

NodeLabel = Literal["Document", "Section", "Body", "Program", "Goal"]
assert set(NodeLabel.__args__) == set(NODE_LABELS)

_LABEL = "|".join(NODE_LABELS)
_TYPE = "|".join(REL_TYPES)

NodeId = Annotated[str, Path(min_length=1, max_length=300, description="node id, e.g. Program:五星支部创建")]
DocumentId = Annotated[str, Path(min_length=1, max_length=300, description="a loaded document's id (Document:gwr-2024), "
                                                                          "file stem (gwr-2024) or file name")]
Depth = Annotated[int, Query(ge=1, le=3, description="hops from the node (1-3)")]
Limit = Annotated[int, Query(ge=1, le=2000, description="most nodes returned")]
#: Where a page of a list starts: with ``limit``, a client walks the whole list (``X-Total-Count`` says how long).
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows of the list passed over before this page (with "
                                                                "limit: a page; X-Total-Count gives the whole list's length)")]
Label = Annotated[NodeLabel, Query(description="node label")]
#: The year of the documents kept (``/documents``, ``/sentences``, the analytics): one none of them is of answers 400.
Year = Annotated[int | None, Query(ge=1900, le=2100, description="only documents of this year")]
OptionalLabel = Annotated[NodeLabel | None, Query(description="only nodes with this label")]
#: A label of the entity graph the analytics read (sections collapsed: no Section; a walkthrough, session 45, asked
#: for Section and got an empty list, not a refusal).
_EntityLabel = Literal["Document", "Body", "Program", "Goal"]
EntityLabel = Annotated[_EntityLabel, Query(description="entity label (the analytics collapse sections)")]
OptionalEntityLabel = Annotated[_EntityLabel | None, Query(description="only entities with this label")]
#: A label a sentence's mentions can have (a mention names an entity: no Section).
MentionLabel = Annotated[Literal["Document", "Body", "Program", "Goal"] | None,
                         Query(description="only sentences mentioning an entity of this label")]
# comma-separated or repeated (labels=Program,Goal or labels=Program&labels=Goal; spaces after a comma are none of a
# name): the repeated form kept only its last value, and Program, Goal was refused (a walkthrough, session 55)
LabelList = Annotated[list[Annotated[str, Query(pattern=rf"^\s*(?:{_LABEL})\s*(?:,\s*(?:{_LABEL})\s*)*$")]] | None,
                      Query(description="node labels, comma-separated or repeated, e.g. Program,Goal")]
TypeList = Annotated[list[Annotated[str, Query(pattern=rf"^\s*(?:{_TYPE})\s*(?:,\s*(?:{_TYPE})\s*)*$")]] | None,
                     Query(description="relationship types, comma-separated or repeated, e.g. LEADS,SERVES")]
SearchText = Annotated[str, Query(min_length=1, max_length=100, pattern=r"\S",
                                  description="Chinese substring of a name or alias (traditional characters fold; "
                                              "standard short forms such as 发改委, 人社, 住建 also find the names "
                                              "written in full, and back)")]


def csv_names(values: list[str] | None) -> list[str] | None:
    """The names of a list parameter (:data:`LabelList`, :data:`TypeList`) given comma-separated, repeated or both,
    each already validated by its pattern, in order and once each; ``None`` when none is given."""
    names = [n.strip() for v in values or [] for n in v.split(",")]
    return list(dict.fromkeys(names)) or None
