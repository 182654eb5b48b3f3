"""The store interface both backends implement, and the factory that picks one.

A store holds the property graph of every loaded document.  Each document
is written atomically (a backend may put several in one transaction); reads return plain dicts (JSON-ready).  The
reads are written once on top of four small primitives each backend provides: the neighbourhood walk in
:mod:`.neighbourhood` (whose ``Subgraph``, ``unlinked``, ``MAX_DEPTH`` and ``MAX_NODES`` this module re-exports), a
node's mentions and a document's outline in :mod:`.assembly`, search ranking here with :mod:`.search`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policykg.errors import QueryError

from . import assembly
from . import neighbourhood as walk
from .neighbourhood import MAX_DEPTH, MAX_NODES, Subgraph, unlinked
from .query_checks import check_has_clause, check_parameters, check_read_only
from .schema import ENTITY_LABELS, FACT_TYPES, NODE_LABELS, REL_TYPES, PropertyGraph, check_label

__all__ = ["MAX_DEPTH", "MAX_NODES", "NOTICE_LOGGER", "CypherResult", "GraphStore", "Subgraph", "check_read_only",
           "open_store", "unlinked"]

#: The logger of a store's notices of a slow step the user waits through (building the Cypher copy or the sentence
#: index): the CLI prints them to stderr as plain lines whatever the log level (``policykg.cli``).
NOTICE_LOGGER = "policykg.notice"

#: Most entities one search returns (the API lists at most 200 and asks for one more to tell a cut list).
MAX_SEARCH = 1000


@dataclass
class CypherResult:
    """Columns and rows of a read-only Cypher query (values JSON-ready); ``truncated`` is true when the query
    had more rows than the row cap let through (``POLICYKG_CYPHER_ROW_CAP``)."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False


class GraphStore(ABC):
    """A property-graph store of policykg documents.

    Node dicts carry ``id``, ``label`` and the node's properties; edge dicts
    carry ``source``, ``target``, ``type`` and the edge's properties.
    """

    name = "abstract"

    # ------------------------------------------------------------ writes
    @abstractmethod
    def upsert_document(self, pg: PropertyGraph, text: str, force: bool = False) -> bool:
        """Write one document's graph atomically, replacing its previous version.

        Args:
            pg: the document's nodes and edges (entity ids already resolved).
            text: the document's text (kept for provenance and ``GET /documents/{id}``).
            force: write it even when the stored version has its content hash (its entities were resolved
                anew: :func:`policykg.curate.reapply` for a delete or a replacement).

        Returns:
            ``False`` when the stored version has the same content hash (nothing written; never with ``force``).

        Raises:
            StoreError: the write failed; the store holds the previous version.
        """

    #: Documents the loader hands to :meth:`upsert_documents` at once (1: one write per document).
    write_batch: int = 1

    def upsert_documents(self, docs: list[tuple[PropertyGraph, str]], force: bool = False) -> list[bool]:
        """Write several documents, each replacing its previous version; the loader's entry point.

        Each document is written whole or not at all; a backend may group
        documents into one transaction (Neo4j), so a failure can leave out
        the other documents of that transaction as well, never a part of one.
        This default writes them one by one with :meth:`upsert_document`.

        Args:
            docs: ``(property graph, text)`` per document, in load order; a
                document id may occur twice (the later version wins).
            force: as for :meth:`upsert_document`.

        Returns:
            One flag per document, in input order: ``False`` when the stored
            version already had its content hash (nothing written).

        Raises:
            StoreError: a write failed; documents written before it stay written.
        """
        return [self.upsert_document(pg, text, force) for pg, text in docs]

    @abstractmethod
    def move_nodes(self, into: dict[str, str], by: dict[str, str]) -> list[str]:
        """Join nodes to others in place: every relationship of a node of ``into`` goes to the node it joins, and the
        joined node goes; one transaction, all or nothing (:mod:`.node_joins` calls it after a load).

        Each relationship stays its document's (``doc_id``; a later delete or replacement of that document takes it
        away), changed as :func:`.node_moves.relabel_edges` says: the document's MENTIONS of both nodes from one part
        of the text become one with the mentions (surfaces, offsets, sentences), forms, merges and curation decisions
        (``curated_by``) of both, its reason ``one-entity:<document of by>`` where the document had made the joined
        node (``one-entity`` where that is the document itself); two facts between the same nodes become one with the
        evidence of both, and a fact between two nodes that are one now goes.  The aggregates of each node that stays
        (aliases, ``doc_count``, ``mention_count``, ``merged_by``, ``curated_by``) are those of all its MENTIONS then,
        and each document changed takes the hashes of :func:`.node_moves.joined_hashes` (its text is not written
        again).

        Args:
            into: joined node id -> the id of the node it joins (an entity node of the same label; no joined node is
                itself a node others join).  A joined node the store does not hold is passed over.
            by: joined node id -> the document naming the two as one (a missing one: the document itself).

        Returns:
            The ids of the documents whose relationships moved, sorted.

        Raises:
            StoreError: the write failed and was rolled back (the store holds the nodes as before).
            ValueError: a node of ``into`` is also a node others join, or joins itself.
        """

    @abstractmethod
    def delete_document(self, doc_id: str) -> None:
        """Remove a document and exactly its facts; entities no document mentions any more disappear.

        Raises:
            NotFoundError: no such document.
        """

    @abstractmethod
    def curation_mark(self) -> str | None:
        """The fingerprint of the curation decisions every stored document was last resolved under, or ``None``.

        :func:`policykg.reresolve.reapply` takes the mark away before it writes a document and sets it when every
        document is written, so a store whose re-resolution was stopped midway has none, and the next load resolves
        it again (:func:`policykg.reresolve.text_hashes`).  A store written before the mark has none either.

        Returns:
            The fingerprint (``""``: resolved without decisions), or ``None``.
        """

    @abstractmethod
    def set_curation_mark(self, fingerprint: str | None) -> None:
        """Set the mark :meth:`curation_mark` reads (``None`` takes it away); one small write, no document's.

        Raises:
            StoreError: the write failed.
        """

    # ------------------------------------------------------------ primitives
    @abstractmethod
    def _nodes(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Return node dicts of the ids that exist."""

    @abstractmethod
    def node_properties(self, node_id: str) -> dict[str, Any] | None:
        """The stored properties of one node, whatever its label, read alone (no mention, section or relationship).

        Unlike :meth:`get_node`, which reads the node's mentions and raises for an id the store lacks, this answers
        ``None`` for such an id: a reader that must go on without the node (``GET /curation?node=`` lists the
        decisions about the id of an entity a decision rejected) asks this.

        Args:
            node_id: the node's id (``Program:红色物业``).

        Returns:
            ``{"label": str, "id": str, ...properties}`` (an entity's ``name``, ``aliases``, ``doc_count``,
            ``curated_by`` …; a source document's without its text), or ``None`` when no node has ``node_id``.

        Raises:
            StoreError: the store cannot be read.
        """

    @abstractmethod
    def _incident(self, ids: list[str], types: list[str] | None) -> list[dict[str, Any]]:
        """Return every edge (either direction) touching one of ``ids``, optionally of ``types``."""

    @abstractmethod
    def iter_nodes(self, labels: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """Yield every node dict (``id``, ``label``, properties), optionally only of ``labels``.

        Source documents come without their text (see :meth:`document_text`).
        """

    @abstractmethod
    def iter_edges(self, types: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """Yield every edge dict (``source``, ``target``, ``type``, properties), optionally only of ``types``."""

    @property
    def revision(self) -> int | None:
        """A number that changes whenever the graph is written: by this store object (the embedded store), or by any
        writer (Neo4j: the database's last committed transaction); ``None`` when a change could go unseen (then
        derived results must not be cached)."""
        return None

    def follow_writers(self, interval_s: float = 0.25) -> None:  # noqa: B027 -- deliberately nothing by default
        """Make writes by other processes visible to this store object without reopening it.

        The default does nothing: a server-backed store (Neo4j) sees them already.
        The embedded store polls its database (see ``EmbeddedStore.follow_writers``).
        """

    @abstractmethod
    def _run_cypher(self, query: str, params: dict[str, Any], timeout_s: float, row_cap: int) -> CypherResult:
        """Run a read-only query on the backend's engine."""

    @abstractmethod
    def stats(self) -> dict[str, dict[str, int]]:
        """Return ``{"nodes": {label: count}, "relationships": {type: count}}`` (every schema name present)."""

    @abstractmethod
    def documents(self) -> list[dict[str, Any]]:
        """Return the source documents (node dicts), ordered by id."""

    @abstractmethod
    def document_text(self, doc_id: str) -> str | None:
        """Return a source document's text, or ``None``."""

    @abstractmethod
    def stored_graph(self, doc_id: str) -> PropertyGraph | None:
        """A stored document's graph as the store holds it, for comparing a version written before session 68 with a
        new one (:func:`policykg.graph.schema.unordered_digest`; its ``graph_hash`` does not tell:
        :func:`policykg.reresolve.reapply`).

        Returns:
            Its source node, sections and relationships (the embedded store: every node written, in the order
            written; Neo4j: the entity nodes only as the relationships' ends, in no order), or ``None`` when no source
            document has this id.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the store's resources."""

    def stats_with_documents(self) -> dict[str, dict[str, int]]:
        """:meth:`stats` and ``"documents": {"loaded": n, "cited": m}``, the Document nodes split into the documents
        loaded and those they cite (a count of 560 Documents beside 67 listed by ``/documents`` puzzled a walkthrough
        of an API client, session 59)."""
        counts = self.stats()
        loaded = len(self.documents())
        return {**counts, "documents": {"loaded": loaded, "cited": counts["nodes"].get("Document", 0) - loaded}}

    # ------------------------------------------------------------ reads written once
    def _entities(self, label: str | None) -> Iterator[dict[str, Any]]:
        """Yield node dicts of entity nodes (Body, Program, Goal, cited Document), optionally of one label."""
        for n in self.iter_nodes([label] if label else list(ENTITY_LABELS)):
            if n.get("kind") != "source":
                yield n

    def get_node(self, node: str) -> dict[str, Any]:
        """Return a node with its mentions (document, section, sentence, offsets), forms per document and, per document
        that named it in several ways, the within-document merges that made them one (``merges_by_document``).

        Raises:
            NotFoundError: no node has this id.
        """
        return assembly.node_mentions(self, node)

    def neighbourhood(self, node: str, depth: int = 1, labels: list[str] | None = None,
                      types: list[str] | None = None, limit: int = 200) -> Subgraph:
        """Breadth-first neighbourhood of a node, edges taken in either direction.

        Args:
            node: the centre's id.
            depth: 1 to 3 hops.
            labels: return only nodes with these labels (the centre is always
                returned); the walk still passes through other nodes.
            types: follow only relationships of these types.
            limit: most nodes returned (1 to 2000); nearer nodes first, then those joined to the hop before by
                more relationships, ties by id.

        Raises:
            NotFoundError: no node has this id.
            ValueError: depth, limit, a label or a type is out of range.
        """
        return walk.neighbourhood(self, node, depth, labels, types, limit)

    def view_neighbourhood(self, node: str, depth: int = 1, limit: int = 150) -> Subgraph:
        """The neighbourhood a view draws when no label or type is chosen: entities, cited documents and fact
        relationships (the explorer's defaults; the sections of a node named in 121 of them had filled the 150
        nodes at depth 1, so depth 2 and 3 drew the same page); for a node with no fact, where it is mentioned
        (sections, MENTIONS).  Arguments and errors as for :meth:`neighbourhood`."""
        sg = self.neighbourhood(node, depth, list(ENTITY_LABELS), list(FACT_TYPES), limit)
        return sg if len(sg.nodes) > 1 else self.neighbourhood(node, depth, None, None, limit)

    def search(self, q: str, label: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """Entities whose name or an alias contains ``q`` (Chinese substring, traditional folded), or, when ``q``
        holds a form of the table of standard short forms, contains it under that table (发改委 finds 省发展改革委,
        人社厅 省人力资源和社会保障厅, 发展改革委 市发改委).

        Ranked: the nodes ``q`` itself matches before those it matches only under the table; within each, by
        documents mentioning the node (most first), then exact name match, then mentions (most first), then
        shorter name, then id (:mod:`policykg.graph.search` defines both, once for every store).

        Returns:
            Up to ``limit`` node dicts (``id``, ``label``, ``name``, ``aliases``, ``doc_count``, …), best first.

        Raises:
            ValueError: empty query, unknown label or limit outside 1..:data:`MAX_SEARCH`.
        """
        from .search import abbreviated_query, matches, matches_abbreviated, rank_key

        q = self._search_query(q, label, limit)
        key = abbreviated_query(q)
        ranked = []
        for n in self._entities(label):
            forms = [n["name"], *n.get("aliases", [])]
            if matches(q, forms):
                ranked.append((rank_key(n, q), n))
            elif key is not None and matches_abbreviated(key, forms):
                ranked.append((rank_key(n, q, abbreviated=True), n))
        ranked.sort(key=lambda pair: pair[0])
        return [dict(n) for _, n in ranked[:limit]]

    @staticmethod
    def _search_query(q: str, label: str | None, limit: int) -> str:
        """Validate search arguments; return the query folded as names are stored (:func:`.names.search_form`)."""
        from .names import search_form

        folded = search_form(q)
        if not folded:
            raise ValueError("the search query holds only quotation marks" if q.strip() else "the search query is empty")
        q = folded
        if not 1 <= limit <= MAX_SEARCH:
            raise ValueError(f"limit must be between 1 and {MAX_SEARCH}")
        if label is not None:
            check_label(label)
        return q

    def cypher(self, query: str, params: dict[str, Any] | None = None, timeout_s: float = 10.0,
               row_cap: int = 1000) -> CypherResult:
        """Run a read-only Cypher query.

        Raises:
            WriteRefusedError: the query would write.
            QueryError: malformed, unsupported by this store's engine, timed out, or using a parameter
                ``params`` does not give.
        """
        if not query or not query.strip():
            raise QueryError("the query is empty")
        check_has_clause(query)
        check_read_only(query)  # a clear message first; Neo4j's read access mode is the enforcement
        check_parameters(query, params or {})
        query = query.rstrip().rstrip(";")  # a statement's closing semicolon, as a shell or a script writes it
        return self._run_cypher(query, params or {}, timeout_s, row_cap)

    def document(self, doc_id: str) -> dict[str, Any]:
        """Return a source document node with its outline (sections in document order).

        Raises:
            NotFoundError: no such source document.
        """
        return assembly.document_outline(self, doc_id)

    def top_entities(self, label: str, limit: int = 15) -> list[dict[str, Any]]:
        """Entities of ``label`` mentioned in the most documents (then most mentions, then id)."""
        check_label(label)
        nodes = sorted(self._entities(label), key=lambda n: (-n.get("doc_count", 0), -n.get("mention_count", 0),
                                                              n["id"]))
        return [dict(n) for n in nodes[:limit]]

    def entity_names(self) -> Iterator[tuple[str, str, list[str]]]:
        """Yield ``(id, label, [name, *aliases])`` of every entity node (for the resolver's index)."""
        for n in self._entities(None):
            yield n["id"], n["label"], [n["name"], *n.get("aliases", [])]


def empty_stats() -> dict[str, dict[str, int]]:
    """Return stats with every schema label and type at zero."""
    return {"nodes": dict.fromkeys(NODE_LABELS, 0), "relationships": dict.fromkeys(REL_TYPES, 0)}


def open_store(settings: Any) -> GraphStore:
    """Open the store named by ``settings.store`` (``"embedded"`` or ``"neo4j"``).

    Raises:
        ConfigError: unknown store name, or Neo4j settings missing or unsafe.
        StoreError: the store cannot be opened or reached.
    """
    from policykg.errors import ConfigError

    if settings.store == "embedded":
        from .embedded import EmbeddedStore

        return EmbeddedStore(settings.data_dir, keep_cypher_copy=settings.keep_cypher_copy)
    if settings.store == "neo4j":
        from .neo4j_connect import open_neo4j

        return open_neo4j(settings)
    raise ConfigError(f"unknown store {settings.store!r}; expected 'embedded' or 'neo4j'")
