"""Typed records at the loader -> graph boundary.

The loaders produce one :class:`DocumentGraph` per source file; the graph
side resolves and stores it.  All offsets are character offsets (Python
``str`` indices) into :attr:`SourceDocument.text`, the decoded text with
line endings normalised to ``\\n``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["DocumentGraph", "Entity", "Mention", "Relation", "Section", "SourceDocument"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity (or the sentence behind a relation) in a document.

    Attributes:
        doc_id: id of the source document (``Document:<file stem>``).
        section_id: id of the innermost :class:`Section` holding the sentence.
        start, end: character offsets of ``surface`` in the document text
            (``text[start:end] == surface``).
        surface: the text as written.
        sentence: the whole sentence holding the mention.
        sentence_start: character offset of ``sentence`` in the document text.
    """

    doc_id: str
    section_id: str
    start: int
    end: int
    surface: str
    sentence: str
    sentence_start: int


@dataclass(slots=True)
class Entity:
    """A distinct Body, Program, Goal or cited Document within one document.

    Attributes:
        label: node label, one of ``Body``, ``Program``, ``Goal``, ``Document``.
        name: canonical name (annotation guide, rule 2).
        aliases: other surface forms used in the document (normalised, no duplicates).
        mentions: every occurrence, in text order.
        resolution: why this entity joined an existing node across documents
            (``"new"``, ``"exact"``, ``"rule:<name>"`` or ``"fuzzy:<score>"``, or ``"curated:<decision id>"`` when a
            curation decision alone put it on its node); set by :mod:`policykg.graph.resolve`.
        curated_by: ids of the curation decisions that changed this entity
            (:mod:`policykg.graph.curation`), in the order they applied.
        merged: form -> why, for each form another entity of the document had before it was merged
            into this one (:mod:`policykg.graph.document_merges`; shown by ``policykg extract --explain``).
        retyped_from: the labels a curation ``retype`` took it from, in order (set during resolution by
            :func:`policykg.graph.curation_apply.forced_node`, which follows the decisions in file order).
    """

    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    resolution: str = "new"
    node_id: str = ""
    curated_by: list[str] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    retyped_from: list[str] = field(default_factory=list)

    def forms(self) -> list[str]:
        """Return the canonical name followed by the aliases."""
        return [self.name, *[a for a in self.aliases if a != self.name]]


@dataclass(slots=True)
class Relation:
    """A LEADS, SERVES or PART_OF fact stated in one sentence.

    ``source``/``target`` are canonical names of entities of the same
    document; ``evidence`` holds the sentence(s) it was read from (a
    :class:`Mention` whose surface is the sentence); ``curated_by`` the
    curation decisions that changed one of its ends.
    """

    type: str
    source: str
    source_label: str
    target: str
    target_label: str
    evidence: list[Mention] = field(default_factory=list)
    curated_by: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A node of the document outline (一、 / （一） / 1. / （1） or a heading line).

    Attributes:
        id: ``Section:<doc stem>/<path>``, e.g. ``Section:002_f94/3.11``.
        number: the number as written (``三``, ``（一）``, ``11``) or ``""``.
        heading: the heading text (first sentence of a numbered item).
        level: 0 for the preamble, 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
        start, end: character span of the section's own text.
        parent_id: id of the enclosing section, or ``None`` under the document.
    """

    id: str
    doc_id: str
    number: str
    heading: str
    level: int
    start: int
    end: int
    parent_id: str | None = None


@dataclass(slots=True)
class SourceDocument:
    """A loaded source file and the facts it states about itself.

    Attributes:
        year: the year the document is of, or ``None`` (unknown).
        place: the place it names first (``金川区``, masked ``**市`` as written), or ``None``.
        level: the level it speaks for (省, 市, 区, 县: from 我区, 全县…), or ``None``.
        char_count: length of ``text`` in characters.
        content_hash: SHA-256 (hex) of ``text`` encoded as UTF-8.
        load_order: when the document was first loaded into its store (1, 2, …; ``None`` before it is stored):
            every rewrite of the store's documents resolves them in this order (:func:`policykg.reresolve.reapply`), so
            a curation decision reproduces the nodes the loads made and changes only what it decides.
        folder_key: the folder the file was loaded from, as the first 16 hex digits of the SHA-256 of its resolved
            path (not the path itself, which the API would show), or ``None`` (not loaded from a file, or stored
            before session 59): a file of the same name in another folder is not taken for a new version of it
            (:func:`policykg.ingest.load_paths`).
    """

    id: str
    file_name: str
    title: str
    year: int | None
    place: str | None
    char_count: int
    content_hash: str
    text: str
    encoding: str = "utf-8"
    level: str | None = None
    load_order: int | None = None
    folder_key: str | None = None


@dataclass(slots=True)
class DocumentGraph:
    """Everything extracted from one source document."""

    document: SourceDocument
    sections: list[Section] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: the genre the models read the text as (:func:`policykg.loaders.genre.genre_name`: ``"organisation work"``),
    #: or ``None`` when none is read apart; stored on the Document node as ``genre``
    genre: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict of the whole record."""
        return asdict(self)
