"""The graph schema, documented once, and the mapping from records to it.

Node labels
-----------
``Document``  a source document (``kind="source"``: file_name, title, year, place,
              level (国, 省, 市, 区, 县 or null), char_count, content_hash, load_order, genre: the genre the
              models read it as, or none) or a document it cites (``kind="cited"``).
``Section``   a node of a source document's outline: number, heading, outline_level (its depth: 0 the
              preamble, 1 一、, 2 （一）, 3 1., 4 （1）; not ``level``, which on a Document is 国, 省…: each
              property name holds one type, as the embedded store's Cypher engine needs), start, end.
``Body``      an organisation or organ (党中央, 区委组织部, 两新工委, 基层党组织).
``Program``   a nameable initiative (“五星”支部创建, 揭榜挂帅, 红色物业).
``Goal``      an end-state, strategy or guiding requirement (乡村振兴, 两个确立).

Every entity node (Body, Program, Goal, cited Document) has ``id``
(``<Label>:<canonical name>``), ``name``, ``aliases`` (list), ``doc_count``,
``mention_count``, ``merged_by`` (entity resolution: which document joined
the node by which rule or score) and ``curated_by`` (the curation decisions
that changed it, :mod:`policykg.graph.curation`); the last five are aggregated
from its MENTIONS relationships by :func:`aggregate_entity`, so replacing a
document recomputes them.

Relationship types
------------------
``HAS_SECTION`` Document->Section, Section->Section (outline).
``MENTIONS``    Section->entity; ``count``, ``surfaces``, ``starts``, ``ends``,
                ``sentences``, ``forms`` (names this document uses for the
                entity), ``resolution`` (why it joined the node), when the document
                named it in several ways ``merges`` (each form another entity of the
                document had before it joined this one, with why: ``"兰州新区综保区: a
                name and a part of it …"``) and, when a curation decision changed the
                entity, ``curated_by``.
``LEADS``       Body->Program; ``CITES`` Document->Document;
``SERVES``      Program->Goal; ``PART_OF`` Program->Program.  These four carry
                provenance lists ``section_ids``, ``sentences``, ``starts``, ``ends``,
                one entry per stating sentence: ``starts``/``ends`` are the sentence's
                offsets, but for ``CITES`` those of the cited title itself (each
                mention of it, in the sentence given; a reader links it as
                ``/read/{doc}#at-{start}``, which finds the sentence holding it).

Every relationship has ``doc_id``: the source document that states it, so a
document's facts can be replaced or deleted exactly.  A fact relationship an
applied curation decision changed (one of its ends) has ``curated_by`` too.
A source document's ``content_hash`` is the SHA-256 of its text; written under curation decisions, it is followed by
``+<digest>`` of everything the document writes (:func:`version_digest`), so two versions of a document have the same
hash exactly when they write the same graph: a store skips the write of a version it holds
(:meth:`policykg.graph.store.GraphStore.upsert_document`), and a decision rewrites only the documents it changes
(:func:`policykg.reresolve.reapply`).  Its ``graph_hash`` is a digest of what the document says
(:func:`content_digest`: every node and relationship but the properties recording how it was resolved and curated),
which changes when its entities are resolved to other nodes with the same text (caches of what a document says, such
as the sentence index, follow it), and not when a decision only marks them: a re-application counts by it the
documents whose graph changed.  (Written before session 68, it was a digest of the relationships' types and ends
alone, :func:`relationship_digest`, or there was none: such a version is compared by its stored graph,
:func:`unordered_digest`.)  The digests are computed in :mod:`.digests`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .digests import content_digest, relationship_digest, unordered_digest, version_digest
from .records import DocumentGraph, Mention

__all__ = [
    "ENTITY_LABELS",
    "FACT_ENDS",
    "FACT_TYPES",
    "NODE_LABELS",
    "REL_ENDS",
    "REL_TYPES",
    "Edge",
    "MentionTally",
    "Node",
    "PropertyGraph",
    "aggregate_entity",
    "check_label",
    "check_rel_type",
    "content_digest",
    "merged_by_within",
    "node_id",
    "relationship_digest",
    "to_property_graph",
    "unordered_digest",
    "version_digest",
]

ENTITY_LABELS = ("Body", "Program", "Goal", "Document")
NODE_LABELS = ("Document", "Section", "Body", "Program", "Goal")
FACT_TYPES = ("LEADS", "SERVES", "PART_OF", "CITES")
REL_TYPES = ("HAS_SECTION", "MENTIONS", *FACT_TYPES)
#: (source label, target label) each extracted fact type allows (the guide's Relations table); a curation retype
#: that breaks them drops the relationship.
FACT_ENDS = {"LEADS": ("Body", "Program"), "SERVES": ("Program", "Goal"), "PART_OF": ("Program", "Program")}
#: (source label, target label) pairs each relationship type joins, as the docstring above lists them.
REL_ENDS: dict[str, tuple[tuple[str, str], ...]] = {
    **{t: (ends,) for t, ends in FACT_ENDS.items()}, "CITES": (("Document", "Document"),),
    "HAS_SECTION": (("Document", "Section"), ("Section", "Section")),
    "MENTIONS": tuple(("Section", label) for label in ENTITY_LABELS),
}


def check_label(label: str) -> str:
    """Return ``label`` if it is a node label of the schema, else raise ``ValueError``."""
    if label not in NODE_LABELS:
        raise ValueError(f"unknown node label {label!r}; expected one of {', '.join(NODE_LABELS)}")
    return label


def check_rel_type(rel_type: str) -> str:
    """Return ``rel_type`` if it is a relationship type of the schema, else raise ``ValueError``."""
    if rel_type not in REL_TYPES:
        raise ValueError(f"unknown relationship type {rel_type!r}; expected one of {', '.join(REL_TYPES)}")
    return rel_type


def node_id(label: str, name: str) -> str:
    """Return the stable, readable id of a node: ``"<label>:<name>"`` (``Program:五星支部创建``)."""
    return f"{label}:{name}"


@dataclass(slots=True)
class Node:
    """A node as both stores write it: id, one label, scalar or list properties."""

    id: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Edge:
    """A relationship as both stores write it.

    ``key`` is unique among the edges between the same two nodes
    (``"<type>|<doc_id>"``), so writing the same document twice is idempotent.
    """

    source: str
    target: str
    type: str
    key: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class PropertyGraph:
    """The nodes and edges one source document contributes to the graph."""

    doc_id: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def _evidence_props(evidence: list[Mention]) -> dict[str, Any]:
    return {
        "section_ids": [m.section_id for m in evidence],
        "sentences": [m.sentence for m in evidence],
        "starts": [m.start for m in evidence],
        "ends": [m.end for m in evidence],
    }


def to_property_graph(dg: DocumentGraph) -> PropertyGraph:
    """Map a resolved :class:`DocumentGraph` to the nodes and edges of the schema.

    Entities must carry ``node_id`` (set by :func:`policykg.graph.resolve.resolve_document`).
    Entity node properties written here are the per-document ones (id, name);
    the stores recompute aggregates with :func:`aggregate_entity`.

    Returns:
        A :class:`PropertyGraph` whose nodes are the document, its sections and
        its entities, and whose edges all carry ``doc_id``.
    """
    doc = dg.document
    pg = PropertyGraph(doc_id=doc.id)
    pg.nodes.append(
        Node(
            doc.id,
            "Document",
            {
                "id": doc.id,
                "name": doc.title or doc.file_name,
                "kind": "source",
                "file_name": doc.file_name,
                "title": doc.title,
                "year": doc.year,
                "place": doc.place,
                "level": doc.level,
                "char_count": doc.char_count,
                "content_hash": doc.content_hash,
                "encoding": doc.encoding,
                "load_order": doc.load_order,
                "folder_key": doc.folder_key,
                "genre": dg.genre,
            },
        )
    )
    for s in dg.sections:
        pg.nodes.append(
            Node(
                s.id,
                "Section",
                {
                    "id": s.id,
                    # a part with a number and no title (一 alone on its line) is named by its number alone: "一 " had
                    # kept the space that joins a number to its heading (session 63)
                    "name": " ".join(x for x in (s.number, s.heading) if x),
                    "doc_id": s.doc_id,
                    "number": s.number,
                    "heading": s.heading,
                    "outline_level": s.level,
                    "start": s.start,
                    "end": s.end,
                },
            )
        )
        pg.edges.append(Edge(s.parent_id or doc.id, s.id, "HAS_SECTION", f"HAS_SECTION|{doc.id}", {"doc_id": doc.id}))
    by_name: dict[tuple[str, str], str] = {}
    for e in dg.entities:
        nid = e.node_id or node_id(e.label, e.name)
        by_name[(e.label, e.name)] = nid
        props: dict[str, Any] = {"id": nid, "name": nid.split(":", 1)[1]}
        if e.label == "Document":
            props["kind"] = "cited"
        pg.nodes.append(Node(nid, e.label, props))
        per_section: dict[str, list[Mention]] = {}
        for m in e.mentions:
            per_section.setdefault(m.section_id, []).append(m)
        for sid, ms in per_section.items():
            pg.edges.append(
                Edge(
                    sid,
                    nid,
                    "MENTIONS",
                    f"MENTIONS|{doc.id}",
                    {
                        "doc_id": doc.id,
                        "count": len(ms),
                        "surfaces": [m.surface for m in ms],
                        "starts": [m.start for m in ms],
                        "ends": [m.end for m in ms],
                        "sentences": [m.sentence for m in ms],
                        "forms": e.forms(),
                        "resolution": e.resolution,
                        **({"merges": [f"{form}: {why}" for form, why in e.merged.items()]} if e.merged else {}),
                        **({"curated_by": list(e.curated_by)} if e.curated_by else {}),
                    },
                )
            )
        if e.label == "Document":
            pg.edges.append(
                Edge(doc.id, nid, "CITES", f"CITES|{doc.id}", {"doc_id": doc.id, **_evidence_props(e.mentions)})
            )
    for r in dg.relations:
        src = by_name.get((r.source_label, r.source))
        dst = by_name.get((r.target_label, r.target))
        if src is None or dst is None or src == dst:
            continue
        props = {"doc_id": doc.id, **_evidence_props(r.evidence)}
        if r.curated_by:
            props["curated_by"] = list(r.curated_by)
        pg.edges.append(Edge(src, dst, r.type, f"{r.type}|{doc.id}", props))
    pg.nodes[0].props["graph_hash"] = content_digest(pg)  # the source document's node comes first
    if "+" in doc.content_hash:  # written under curation decisions: the text's hash and what the document writes
        pg.nodes[0].props["content_hash"] = f"{doc.content_hash.split('+', 1)[0]}+{version_digest(pg)}"
    return pg


def aggregate_entity(name: str, mention_edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Compute an entity node's aggregate properties from its MENTIONS edges.

    Args:
        name: the node's canonical name.
        mention_edges: property dicts of every MENTIONS edge pointing at the node.

    Returns:
        ``{"aliases": [...], "doc_count": int, "mention_count": int, "merged_by": [...],
        "curated_by": [...]}``;
        aliases are sorted, exclude ``name`` and are the union of every
        document's forms; ``merged_by`` lists, sorted, why documents joined the
        node (``"<doc id> <reason>"``, reason ``exact``, ``rule:goal-form``,
        ``fuzzy:<score>`` or ``curated:<decision id>``; the document that created
        the node is not listed); ``curated_by`` is the sorted union of the
        decisions recorded on its MENTIONS.
    """
    tally = MentionTally()
    for p in mention_edges:
        tally.add(p)
    return tally.aggregate(name)


def merged_by_within(merged_by: list[str], documents: set[str] | frozenset[str]) -> list[str]:
    """The entries of an entity's ``merged_by`` (``"<doc id> <reason>"``, :func:`aggregate_entity`; a reason holds no
    space, a document id may) whose document is one of ``documents``, in their order."""
    return [m for m in merged_by if m.rpartition(" ")[0] in documents]


def _count(table: dict[str, int], keys, step: int) -> None:
    for k in keys:
        n = table.get(k, 0) + step
        if n:
            table[k] = n
        else:
            del table[k]


class MentionTally:
    """What the MENTIONS edges of one entity node say, counted so that edges can come and go.

    :func:`aggregate_entity` of the edges added and not removed since, without reading them
    again: the embedded store keeps one per entity node, so a document written touches only
    its own mentions, however many documents mention the same entity.

    Attributes:
        edges: the number of edges counted.
    """

    __slots__ = ("count", "curated", "docs", "edges", "forms", "merged")

    def __init__(self) -> None:
        self.forms: dict[str, int] = {}
        self.docs: dict[str, int] = {}
        self.merged: dict[str, int] = {}
        self.curated: dict[str, int] = {}
        self.count = 0
        self.edges = 0

    def add(self, p: dict[str, Any], step: int = 1) -> None:
        """Count the MENTIONS edge with properties ``p`` (``step=-1``: discount one counted before)."""
        _count(self.forms, p.get("forms", []), step)
        _count(self.curated, p.get("curated_by") or [], step)
        _count(self.docs, (p["doc_id"],), step)
        self.count += step * int(p.get("count", 0))
        if p.get("resolution", "new") != "new":
            _count(self.merged, (f"{p['doc_id']} {p['resolution']}",), step)
        self.edges += step

    def aggregate(self, name: str) -> dict[str, Any]:
        """The node's aggregate properties (see :func:`aggregate_entity`)."""
        return {"aliases": sorted(f for f in self.forms if f != name), "doc_count": len(self.docs),
                "mention_count": self.count, "merged_by": sorted(self.merged), "curated_by": sorted(self.curated)}
