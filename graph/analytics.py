"""What researchers ask of the graph: diffusion and co-occurrence (centrality and communities: :mod:`.centrality`).

Everything here is computed with networkx from an :class:`EntityView`, a
snapshot of one store built by :func:`entity_view` from the store's
``iter_nodes``/``iter_edges``, so both stores give the same answers.

The entity graph
----------------
An undirected weighted ``networkx.Graph`` whose nodes are the entities
(Body, Program, Goal and cited Document) and whose sections are collapsed:
two entities are joined when

* a stated fact links them (LEADS, SERVES, PART_OF): weight 1 per document
  stating it, or
* they co-occur in one sentence: weight 1 per sentence (``CO_OCCURS``).

``CO_OCCURS`` is a computed view, not a stored relationship: the stored
graph holds only what the documents state, and co-occurrence is derived
from the MENTIONS relationships (document, section and sentence of every
mention) whenever it is asked for.  Programs that share a section but no
sentence are counted separately (``sections``) in :func:`related`.

Results are deterministic for the same graph: ties are broken by node id.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any
from urllib.parse import quote

import networkx as nx

from policykg.errors import NotFoundError

from .document_patterns import matching_documents
from .memory import paused_gc
from .schema import ENTITY_LABELS, check_label
from .store import GraphStore

__all__ = [
    "EntityView",
    "diffusion",
    "diffusion_summary",
    "entity_view",
    "matching_documents",
    "related",
]

_FACTS = ("LEADS", "SERVES", "PART_OF")


@dataclass
class EntityView:
    """A snapshot of a store for analytics.

    Attributes:
        graph: the entity graph (module docstring); node attributes are the
            node dicts of the store.
        documents: source document id -> node dict (title, year, place, level).
        mentions: entity id -> source document id -> ``{"forms": [...], "count": int}``.
        sentences: ``(doc id, section id, sentence)`` -> entity ids mentioned in it.
        sections: ``(doc id, section id)`` -> entity ids mentioned in it.
        facts: the stated facts (LEADS, SERVES, PART_OF) between entities, one ``(doc id, source id, target id,
            type)`` per relationship as the store holds them (one per document stating it), in the store's order.
    """

    graph: nx.Graph
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    sentences: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    sections: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    facts: list[tuple[str, str, str, str]] = field(default_factory=list)
    _names: dict[str, list[str]] | None = field(default=None, repr=False)
    #: results computed once per view, by what they were asked (:func:`.centrality.community_list`)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)
    #: held while a result of ``memo`` is computed, so requests asking for it together compute it once
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def node(self, node_id: str) -> dict[str, Any]:
        """Return an entity's node dict.

        Raises:
            NotFoundError: no entity has this id.
        """
        if node_id not in self.graph:
            # the address itself, where it said /documents/ID
            loaded = (f" (a loaded document, not an entity: /documents/{quote(node_id, safe=':')} shows it)"
                      if node_id in self.documents else "")
            raise NotFoundError(f"no entity with id {node_id!r}{loaded}")
        return self.graph.nodes[node_id]

    def named(self, name: str, label: str | None = None) -> list[str]:
        """Ids of the entities (of ``label``, when given) whose name or an alias is ``name``, most documented first.

        Names compare as the stores match them (:func:`~policykg.graph.names.match_key`: simplified script, quotation
        marks and spaces dropped, a closing 建设/工作 …), so ``“两重”`` finds ``Program:两重`` and ``乡村振兴`` finds the
        ``Goal:乡村振兴战略`` that writes it as an alias.  Empty when none does.
        """
        from .names import match_key

        key = match_key(name)
        if not key:
            return []
        index = self._named_index()
        hits = [i for i in index.get(key, ()) if label is None or self.graph.nodes[i].get("label") == label]
        return sorted(hits, key=lambda i: (-(self.graph.nodes[i].get("doc_count") or 0), i))

    def within(self, doc_ids: set[str]) -> EntityView:
        """This view with the source documents ``doc_ids`` only: their mentions, sentences and sections (a diffusion
        over the national work reports alone, not the congress reports and provincial reports beside them).  The
        entity graph and its links stay whole; an entity none of them mentions keeps its node, with no document.

        Returns:
            A new view sharing the graph and the node dicts.
        """
        mentions = {}
        for nid, per_doc in self.mentions.items():
            if kept := {d: m for d, m in per_doc.items() if d in doc_ids}:
                mentions[nid] = kept
        return EntityView(self.graph, {d: n for d, n in self.documents.items() if d in doc_ids}, mentions,
                          {k: v for k, v in self.sentences.items() if k[0] in doc_ids},
                          {k: v for k, v in self.sections.items() if k[0] in doc_ids},
                          [f for f in self.facts if f[0] in doc_ids], self._names)

    def matching(self, patterns: Sequence[str]) -> set[str]:
        """Ids of the source documents whose id (``Document:gwr-2024`` or ``gwr-2024``) or title matches one of
        ``patterns``, shell-style patterns as :func:`fnmatch.fnmatchcase` reads them (``gwr-*``, ``*政府工作报告*``).

        Raises:
            NotFoundError: a pattern matches no source document (the message says what to write instead:
                :class:`~policykg.graph.document_patterns.NoDocumentMatches`).
        """
        return matching_documents(self.documents, patterns)

    def _named_index(self) -> dict[str, list[str]]:
        if self._names is None:
            from .names import match_key

            names: dict[str, list[str]] = {}
            for i, n in self.graph.nodes(data=True):
                for form in {match_key(f) for f in [n.get("name") or "", *(n.get("aliases") or [])] if f}:
                    names.setdefault(form, []).append(i)
            self._names = names
        return self._names


def entity_view(store: GraphStore) -> EntityView:
    """Read a store once and build the :class:`EntityView` every analysis uses.

    Cost: one pass over the store's nodes and its MENTIONS, LEADS, SERVES and
    PART_OF relationships (about 0.5 s for the gwr corpus on the embedded store).
    """
    with paused_gc():
        return _build_view(store)


def _build_view(store: GraphStore) -> EntityView:
    g = nx.Graph()
    view = EntityView(g)
    for n in store.iter_nodes(list(ENTITY_LABELS)):
        if n.get("kind") == "source":
            view.documents[n["id"]] = n
        else:
            g.add_node(n["id"], **n)
    for e in store.iter_edges(["MENTIONS", *_FACTS]):
        if e["type"] == "MENTIONS":
            target, doc = e["target"], e["doc_id"]
            if target not in g:
                continue
            per_doc = view.mentions.setdefault(target, {}).setdefault(doc, {"forms": e.get("forms", []), "count": 0})
            per_doc["count"] += int(e.get("count", 0))
            view.sections.setdefault((doc, e["source"]), set()).add(target)
            for sentence in set(e.get("sentences", [])):
                view.sentences.setdefault((doc, e["source"], sentence), set()).add(target)
        elif e["source"] in g and e["target"] in g:
            view.facts.append((e["doc_id"], e["source"], e["target"], e["type"]))
            _bump(g, e["source"], e["target"], e["type"])
    for ids in view.sentences.values():
        for a, b in combinations(sorted(ids), 2):
            _bump(g, a, b, "CO_OCCURS")
    return view


def _bump(g: nx.Graph, a: str, b: str, kind: str) -> None:
    if a == b:
        return
    if g.has_edge(a, b):
        d = g.edges[a, b]
        d["weight"] += 1
        d["kinds"][kind] = d["kinds"].get(kind, 0) + 1
    else:
        g.add_edge(a, b, weight=1, kinds={kind: 1})


# ---------------------------------------------------------------- diffusion


def _year_key(doc: dict[str, Any]) -> tuple[bool, int, str]:
    year = doc.get("year")
    return (year is None, year or 0, doc["id"])


def diffusion(view: EntityView, node_id: str) -> dict[str, Any]:
    """How one entity spread: the source documents that mention it, ordered by year.

    Returns:
        ``{"node": {...}, "documents": [{"id", "title", "year", "place", "level",
        "forms", "mentions"}], "first_adopter": {...} | None, "first_year", "last_year", "first_year_documents",
        "undated_documents", "variants": [...]}`` (``variants``: the entities whose name holds this one's or lies
        inside it, :func:`variants`); documents of unknown year come last (``undated_documents`` counts them: any may
        be older than the first adopter); the first adopter is the earliest document of known year (ties by id:
        ``first_year_documents`` says how many share that year), ``None`` when no year is known.

    Raises:
        NotFoundError: no entity has this id.
    """
    node = view.node(node_id)
    rows = []
    for doc_id, m in view.mentions.get(node_id, {}).items():
        doc = view.documents.get(doc_id, {"id": doc_id})
        rows.append({"id": doc_id, "title": doc.get("title"), "year": doc.get("year"), "place": doc.get("place"),
                     "level": doc.get("level"), "forms": m["forms"], "mentions": m["count"]})
    rows.sort(key=_year_key)
    years = [r["year"] for r in rows if r["year"] is not None]
    first = rows[0] if years else None
    first_year = min(years, default=None)
    return {"node": node, "documents": rows, "first_adopter": first, "first_year": first_year,
            "last_year": max(years, default=None), "first_year_documents": years.count(first_year) if years else 0,
            "undated_documents": len(rows) - len(years), "variants": variants(view, node_id)}


def variants(view: EntityView, node_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Other entities whose name holds this entity's name or an alias (of three characters or more), or, of the same
    label, lies inside its name (民生实事: 20件民生实事; 零基预算改革: 中央部门零基预算改革试点): the nodes a diffusion answer
    did not count, kept apart by the resolver (a count, a qualifier, another head), which a researcher may judge part
    of the program studied.
    ``limit``: at most this many, those adding most documents first.

    Returns:
        ``[{"id", "label", "name", "documents": int, "not_counted": int}]``: ``documents`` mention the variant,
        ``not_counted`` of them do not mention ``node_id``; by ``not_counted``, then ``documents`` (most first), then
        id.  Names compare by :func:`~policykg.graph.names.match_key` (at least two characters).

    Raises:
        NotFoundError: no entity has this id.
    """
    from .names import match_key

    node = view.node(node_id)
    own = match_key(node.get("name") or "")
    # not the parts of an alias: a walkthrough (session 45) found 增发国债 a "variant" of 高标准农田 by an alias,
    # 增发国债高标准农田
    keys = {k for k in [own] if len(k) >= 2} | {k for a in node.get("aliases") or [] if len(k := match_key(a)) >= 3}
    counted = set(view.mentions.get(node_id, {}))
    out = []
    for other, docs in view.mentions.items():
        n = view.graph.nodes[other]
        name = match_key(n.get("name") or "")
        # a name inside this one's is a variant of the same label only (Body:物业 is no form of Program:红色物业: an
        # explorer walkthrough, session 57)
        inside = len(own) >= 2 and name in own and n.get("label") == node.get("label")
        if other == node_id or n.get("label") == "Document" or len(name) < 2 or not (any(k in name for k in keys) or inside):
            continue
        out.append({"id": other, "label": n.get("label"), "name": n.get("name"), "documents": len(docs),
                    "not_counted": len(set(docs) - counted)})
    out.sort(key=lambda r: (-r["not_counted"], -r["documents"], r["id"]))
    return out[:limit]


def diffusion_summary(view: EntityView, min_documents: int = 2, label: str | None = None,
                      limit: int | None = 200) -> list[dict[str, Any]]:
    """Entities found in at least ``min_documents`` source documents, most widespread first.

    Returns:
        ``[{"id", "label", "name", "documents": int, "first_year", "last_year",
        "years": [...]}]`` sorted by documents (most first), then first year, then id; the first ``limit`` (all for
        ``None``, which the API and the command line count before listing part).

    Raises:
        ValueError: ``min_documents`` below 1, ``limit`` outside 1..10,000 or an unknown label.
    """
    if min_documents < 1:
        raise ValueError("min_documents must be at least 1")
    if limit is not None and not 1 <= limit <= 10_000:
        raise ValueError("limit must be between 1 and 10000")
    if label is not None:
        check_label(label)
    out = []
    for nid, per_doc in view.mentions.items():
        node = view.graph.nodes[nid]
        if len(per_doc) < min_documents or (label and node["label"] != label):
            continue
        years = sorted({y for d in per_doc if (y := view.documents.get(d, {}).get("year")) is not None})
        out.append({"id": nid, "label": node["label"], "name": node.get("name"), "documents": len(per_doc),
                    "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
                    "years": years})
    out.sort(key=lambda r: (-r["documents"], r["first_year"] is None, r["first_year"] or 0, r["id"]))
    return out[:limit] if limit is not None else out


def related(view: EntityView, node_id: str, label: str = "Program", limit: int | None = 20) -> list[dict[str, Any]]:
    """Entities of ``label`` that co-occur with ``node_id``: in one sentence, one section, one document.

    Returns:
        ``[{"id", "name", "sentences": int, "sections": int, "documents": int}]``,
        most shared sentences first, then sections, then id; the first ``limit`` (all for ``None``).

    Raises:
        NotFoundError: no entity has this id.
        ValueError: unknown label.
    """
    view.node(node_id)
    check_label(label)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in view.sentences.values():
        if node_id in ids:
            for other in ids - {node_id}:
                counts[other]["sentences"] += 1
    docs: dict[str, set[str]] = defaultdict(set)
    for (doc, _sec), ids in view.sections.items():
        if node_id in ids:
            for other in ids - {node_id}:
                counts[other]["sections"] += 1
                docs[other].add(doc)
    out = [{"id": o, "name": view.graph.nodes[o].get("name"), "sentences": c["sentences"], "sections": c["sections"],
            "documents": len(docs[o])}
           for o, c in counts.items() if view.graph.nodes[o]["label"] == label]
    out.sort(key=lambda r: (-r["sentences"], -r["sections"], r["id"]))
    return out if limit is None else out[:limit]


# ---------------------------------------------------------------- centrality and communities
