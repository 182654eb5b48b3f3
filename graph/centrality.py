"""Centrality and communities of the entity graph (:class:`~policykg.graph.analytics.EntityView`): which entities
hold the graph together, and which groups of entities belong together.

Degree and PageRank are networkx's; betweenness and Louvain communities are igraph's (C, the same measures in a
fraction of the time: on the entity graph of the gwr corpus at 10x, 11,062 entities and 14,584 links, exact betweenness
takes 1.9 s where networkx took 175 s, and Louvain 0.03 s where networkx took about 1 s).  Results are deterministic for
the same graph: the graph is handed to igraph in node-id order, ties are broken by node id, and Louvain and sampled
betweenness use a fixed seed (:data:`SEED`).
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from typing import TYPE_CHECKING, Any

import igraph as ig
import networkx as nx

from .memory import paused_gc
from .schema import check_label

if TYPE_CHECKING:
    from .analytics import EntityView

__all__ = ["MEASURES", "SECONDS_PER_PATH_STEP", "SEED", "announce", "betweenness_note", "betweenness_scores",
           "betweenness_seconds", "betweenness_sources", "central", "communities", "duration", "warm"]

SEED = 42
#: Centrality measures and their definitions (shown in the API documentation).
MEASURES = {
    "degree": "degree centrality: the share of other entities an entity is linked to "
              "(by a stated fact or a shared sentence), networkx.degree_centrality",
    "pagerank": "PageRank over the weighted entity graph (damping 0.85), networkx.pagerank",
    "betweenness": "betweenness centrality: the share of shortest paths between other entities that pass "
                   "through it; exact up to 5,000 entities, above that estimated from 2,500 source nodes (seeded; "
                   "sources= sets how many, 0 all of them), igraph's Graph.betweenness.  The estimate's 20 most central "
                   "Programs of the gwr corpus at 10x hold 15-17 of the exact 20; the header X-Betweenness says which "
                   "the answer is, exact or estimated, and from how many sources",
}
#: Up to this many entities betweenness is exact by default (about 0.4 s on the 2-core bench machine).
EXACT_UP_TO = 5000
#: Source nodes of the default estimate above :data:`EXACT_UP_TO` entities.  Measured on the gwr corpus at 10x
#: (11,062 entities; exact 1.9 s): 300 sources (0.05 s) hold 6-9 of the exact 20 most central Programs over seeds 42, 1
#: and 2, 1,000 (0.16 s) 13-16, 2,500 (0.4 s) 15-17, 3,000 (0.5 s) 16-18; networkx's 100, the former default, held 2-8.
_BETWEENNESS_SAMPLE = 2500
#: What betweenness costs per source node and per node or link of the graph (seconds): igraph runs one breadth-first
#: search from each source over every node and link.  Measured on the 2-core bench machine: about 7 ns on the gwr corpus
#: at 10x (11,062 sources over 25,646 nodes and links: 1.9 s); kept at twice that, so an estimate errs long.
SECONDS_PER_PATH_STEP = 1.5e-8


#: Source nodes a betweenness is timed on before a bounded request runs it (:func:`measured_seconds_per_source`).
PROBE_SOURCES = 32
_IGRAPH_RNG = threading.Lock()  # igraph draws from one process-wide random generator


def _igraph(g: nx.Graph) -> tuple[list[str], ig.Graph]:
    """``g``'s nodes in id order and the same graph in igraph (undirected, vertex ``i`` is node ``i``, each link's
    ``weight`` kept, 1 when it has none)."""
    # the collector paused: the tuples made here had it walk the whole heap again and again (0.6 of the 0.7 s this
    # took over the 43,622 links of the national and provincial reports; a profile, session 63)
    with paused_gc():
        nodes = sorted(g)
        number = {n: i for i, n in enumerate(nodes)}
        links = sorted((*sorted((number[a], number[b])), w) for a, b, w in g.edges(data="weight", default=1))
        h = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in links])
        h.es["weight"] = [w for _, _, w in links]
    return nodes, h


def _converted(view: EntityView) -> tuple[list[str], ig.Graph]:
    """:func:`_igraph` of the view's graph, made once per view (the probe of a bounded request and every page of a
    betweenness ranking read the same)."""
    if ("igraph",) not in view.memo:
        with view.lock:
            if ("igraph",) not in view.memo:
                view.memo[("igraph",)] = _igraph(view.graph)
    return view.memo[("igraph",)]


def betweenness_scores(view: EntityView, k: int | None) -> dict[str, float]:
    """Betweenness of every entity of ``view`` (:func:`_betweenness`: exact for ``k=None``, else estimated from ``k``
    seeded source nodes), computed once per view and kept with it; requests asking for it together wait for one
    computation (two at once had each run it, the two cores shared).

    Returns:
        entity id -> betweenness, networkx's normalisation (the share of the pairs of other entities whose shortest
        paths pass through it, 0 to 1).
    """
    key = ("betweenness", k)
    if key not in view.memo:
        converted = _converted(view)
        with view.lock:
            if key not in view.memo:
                view.memo[key] = _betweenness(view.graph, k, converted)
    return view.memo[key]


def announce(view: EntityView) -> threading.Event | None:
    """Mark the default betweenness of ``view`` as on its way when it is an estimate (more than :data:`EXACT_UP_TO`
    entities), before anyone else reads the view: a request for it then waits for :func:`warm` instead of timing a
    probe beside it.

    Returns:
        The event :func:`warm` sets once it is computed, or ``None`` when the default is exact (not warmed).
    """
    if (k := betweenness_sources(view.graph.number_of_nodes(), None)) is None:
        return None
    return view.memo.setdefault(("warming", "betweenness", k), threading.Event())


def warm(view: EntityView) -> None:
    """Compute the default betweenness of ``view`` when it is an estimate (more than :data:`EXACT_UP_TO` entities:
    2.4 s over the 23,829 entities of the national and provincial reports), so the first request for it reads it (the
    API calls this in the background with the view it builds at start-up and after its own writes).  Below, the exact
    measure takes under half a second and is left to the first request."""
    if (done := announce(view)) is None:
        return
    try:
        betweenness_scores(view, betweenness_sources(view.graph.number_of_nodes(), None))
    finally:
        done.set()


def betweenness_note(entities: int, sources: int | None) -> str:
    """What a betweenness ranking over ``entities`` asked with ``sources`` (as :func:`central`) is, for a client:
    ``exact; sources=4030; entities=4030`` or ``estimated; sources=2500; entities=23829; seed=42`` (the API's header
    ``X-Betweenness``)."""
    k = betweenness_sources(entities, sources)
    return f"exact; sources={entities}; entities={entities}" if k is None else \
        f"estimated; sources={k}; entities={entities}; seed={SEED}"


def _betweenness(g: nx.Graph, k: int | None, converted: tuple[list[str], ig.Graph] | None = None) -> dict[str, float]:
    """Betweenness of every node of ``g``, normalised as networkx's (the share of the pairs of other nodes whose
    shortest paths pass through it): exact for ``k=None``, else estimated from ``k`` source nodes drawn with
    :data:`SEED` from the nodes in id order, scaled by ``n / k`` (Brandes and Pich's estimator, as networkx's ``k``).
    ``converted``: ``g`` already handed to igraph (:func:`_igraph`)."""
    nodes, h = converted or _igraph(g)
    n = len(nodes)
    if k is None or k >= n:
        raw = h.betweenness(directed=False)
    else:
        chosen = sorted(random.Random(SEED).sample(range(n), k))
        raw = [b * n / k for b in h.betweenness(directed=False, sources=chosen)]
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {node: raw[i] * scale for i, node in enumerate(nodes)}


def measured_seconds_per_source(g: nx.Graph, converted: tuple[list[str], ig.Graph] | None = None) -> float:
    """Seconds one source node of :func:`central`'s betweenness takes on ``g`` here and now, timed over
    :data:`PROBE_SOURCES` sources (seeded).  A bound from :data:`SECONDS_PER_PATH_STEP` alone let a request expected
    to take 30 s run 55 s on a machine busy with other work (a walkthrough of an API client, session 59)."""
    import time

    nodes, h = converted or _igraph(g)  # the time of the searches alone, not of handing the graph to igraph
    k = min(PROBE_SOURCES, len(nodes))
    t0 = time.perf_counter()
    h.betweenness(directed=False, sources=sorted(random.Random(SEED).sample(range(len(nodes)), k)))
    return (time.perf_counter() - t0) / max(1, k)


def betweenness_seconds(nodes: int, links: int, sources: int | None) -> float:
    """About how long :func:`central`'s betweenness takes (seconds) over a graph of ``nodes`` and ``links`` from
    ``sources`` source nodes (``None``: every node, exact)."""
    return (sources or nodes) * (nodes + links) * SECONDS_PER_PATH_STEP


def duration(seconds: float) -> str:
    """``about 15 s``, ``about 3 min``, ``about 2.5 h``: an estimate for a message."""
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    if seconds < 5400:
        return f"about {round(seconds / 60)} min"
    return f"about {seconds / 3600:.1f} h"


def betweenness_sources(entities: int, sources: int | None) -> int | None:
    """How many source nodes :func:`central`'s betweenness samples over ``entities`` nodes when asked for ``sources``
    (``None``: :data:`_BETWEENNESS_SAMPLE` above :data:`EXACT_UP_TO` entities; 0: all), or ``None`` when it uses every
    node (exact)."""
    if sources is None:
        return _BETWEENNESS_SAMPLE if entities > EXACT_UP_TO else None
    return sources if 0 < sources < entities else None


def entity_count(view: EntityView, label: str) -> int:
    """How many entities of ``label`` the entity graph holds (what :func:`central` ranks, all pages together)."""
    return sum(1 for _, d in view.graph.nodes(data=True) if d["label"] == label)


def central(view: EntityView, label: str = "Program", measure: str = "degree", limit: int = 20,
            sources: int | None = None, max_seconds: float | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """The most central entities of ``label`` in the entity graph.

    The measure is computed over the whole entity graph (every label), then
    the entities of ``label`` are ranked (score descending, ties by id).

    What is exact and what is estimated: degree and PageRank are always exact (networkx).  Betweenness is exact up to
    :data:`EXACT_UP_TO` entities (5,000) and when ``sources`` is 0 or at least the number of entities; above 5,000 it
    is by default estimated from 2,500 source nodes (pivots) drawn with :data:`SEED` from the nodes in id order, every
    shortest path from them counted and the sums scaled by entities / pivots (Brandes and Pich; the same draw every
    time, so the same ranking): over the 23,829 entities of the national and provincial reports its 20 most central
    Programs, Bodies and Goals hold 18, 18 and 17 of the exact 20 (session 63; the exact measure takes 15 s there).
    :func:`betweenness_note` says which, for a client.  Each betweenness is computed once per view and kept with it
    (:func:`betweenness_scores`); the API computes the default estimate of a large store when it builds the view
    (:func:`warm`), so its first request reads it.

    Args:
        sources: betweenness only: how many source nodes its paths are sampled from (``None``: 2,500 when the graph
            has more than 5,000 entities, else all; 0 or at least the number of entities: all, exact: 1.9 s on the
            11,062 entities of the gwr corpus at 10x).
        offset: how many of the ranking to pass over first (a page: ``offset`` to ``offset + limit``; the ranking
            is the same from call to call, betweenness too, its sample being seeded).
        max_seconds: refuse a betweenness expected to take longer (``None``: no bound), as
            :func:`measured_seconds_per_source` times a few sources on this machine as it is now (the estimate of
            :func:`betweenness_seconds` for a run of a few sources).
            The API sets one: exact betweenness over the 27,000 entities of the national and provincial reports ran
            for nine minutes; a bound on the number of sources alone let 2,000 of them run 77 s on 23,792 entities
            and refused the exact measure that takes 15 s on 4,030 (a walkthrough, session 57).

    Returns:
        ``[{"id", "label", "name", "score", "degree", "doc_count"}]``.

    Raises:
        ValueError: unknown measure or label, limit outside 1..1,000, negative sources, a betweenness expected to
            take more than ``max_seconds``.
    """
    if sources is not None and sources < 0:
        raise ValueError("sources must be 0 (all) or more")
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; expected one of {', '.join(MEASURES)}")
    check_label(label)
    if not 1 <= limit <= 1000:
        raise ValueError("limit must be between 1 and 1000")
    g = view.graph
    if g.number_of_nodes() == 0:
        return []
    if measure == "degree":
        scores = nx.degree_centrality(g)
    elif measure == "pagerank":
        scores = nx.pagerank(g, weight="weight")
    else:
        n, m = g.number_of_nodes(), g.number_of_edges()
        k = betweenness_sources(n, sources)
        per_source = betweenness_seconds(n, m, 1)
        key = ("betweenness", k)
        if key not in view.memo and (warming := view.memo.get(("warming", *key))) is not None:
            # this very ranking being warmed (start-up): wait for it rather than time a probe beside it (sharing the
            # process, the probe ran ten times slower and the request was refused with 400)
            warming.wait()
        if key in view.memo:  # a later page of the same ranking, or the one warmed
            max_seconds = None
        elif max_seconds is not None and (k or n) > 4 * PROBE_SOURCES:  # bounded: timed here, a few sources (cheap)
            per_source = measured_seconds_per_source(g, _converted(view))
        if max_seconds is not None and (took := per_source * (k or n)) > max_seconds:
            most = max(1, int(max_seconds / per_source))
            raise ValueError(f"betweenness from {k or n:,} source nodes (of {n:,} entities) would take "
                             f"{duration(took)} here, more than the {max_seconds:g} s a request may take; give sources= "
                             f"at most {most:,} (a sample), or run `policykg central --measure betweenness --sources 0` "
                             "for the exact measure")
        scores = betweenness_scores(view, k)
    ranked = sorted((n for n in g if g.nodes[n]["label"] == label), key=lambda n: (-scores[n], n))
    return [{"id": n, "label": label, "name": g.nodes[n].get("name"), "score": round(scores[n], 6),
             "degree": g.degree(n), "doc_count": g.nodes[n].get("doc_count", 0)} for n in ranked[offset:offset + limit]]


def communities(view: EntityView, label: str = "Program", limit: int = 20, members: int = 15,
                resolution: float = 1.0, offset: int = 0) -> list[dict[str, Any]]:
    """The communities ``offset`` to ``offset + limit`` of :func:`community_list` (``id`` is the place in the whole
    list, so pages join; limit and members must be 1..1,000, raising ValueError otherwise)."""
    if not (1 <= limit <= 1000 and 1 <= members <= 1000):
        raise ValueError("limit and members must be between 1 and 1000")
    return community_list(view, label, members, resolution)[offset:offset + limit]


def community_list(view: EntityView, label: str = "Program", members: int = 15,
                   resolution: float = 1.0) -> list[dict[str, Any]]:
    """Communities of the entity graph (Louvain, seeded) as seen from the entities of ``label``.

    The communities are those of the whole graph; ``label`` says which of their members are listed (by weighted
    degree inside the community, then id) and orders them: those with most members of ``label`` first, so
    ``label=Body`` gives the groups of organs that work together and ``label=Program`` the families of programs.
    The theme of each is the Goal with the highest weighted degree inside it, or its highest-degree member when it
    holds no Goal.

    Returns:
        ``[{"id": int, "size": int, "theme": {...}, "members": [...], "counts": {label: n}}]``: ``members`` of
        ``label`` only, ``counts`` of every label, ``size`` all members; most members of ``label`` first (then the
        largest, then by the first member's id).

    Raises:
        ValueError: unknown label.
    """
    check_label(label)
    key = ("communities", label, members, resolution)
    if key not in view.memo:  # a client walking the list page by page had it computed for every page (session 59)
        view.memo[key] = _community_list(view, label, members, resolution)
    return view.memo[key]


def _community_list(view: EntityView, label: str, members: int, resolution: float) -> list[dict[str, Any]]:
    g = view.graph
    if g.number_of_nodes() == 0:
        return []
    found = [set(c) for c in _louvain(g, resolution)]
    out = []
    for group in found:
        if not any(g.nodes[n]["label"] == label for n in group):
            continue
        # weighted degree inside the community (the view has no self-loops: analytics._bump)
        strength = {n: sum(d["weight"] for m, d in g.adj[n].items() if m in group) for n in group}
        ordered = sorted(group, key=lambda n: (-strength[n], n))
        goals = [n for n in ordered if g.nodes[n]["label"] == "Goal"]
        theme = goals[0] if goals else ordered[0]
        out.append({
            "size": len(group),
            "theme": _brief(g, theme, strength[theme]),
            "members": [_brief(g, n, strength[n]) for n in ordered if g.nodes[n]["label"] == label][:members],
            "counts": dict(sorted(Counter(g.nodes[n]["label"] for n in group).items())),
        })
    out.sort(key=lambda c: (-c["counts"][label], -c["size"], c["members"][0]["id"]))
    return [{"id": i, **c} for i, c in enumerate(out)]


def _louvain(g: nx.Graph, resolution: float) -> list[list[str]]:
    """Louvain communities of ``g`` (seeded), the same in every process.

    networkx's Louvain iterates Python sets of nodes, whose order for strings changes with each process's hash
    seed (``PYTHONHASHSEED``): run over node ids, three runs of ``policykg communities`` over the national and
    provincial reports gave a first community of 2,086, 1,984 and 1,880 members (a walkthrough, session 54).  So it
    runs in igraph (:meth:`igraph.Graph.community_multilevel`, seeded) over the nodes numbered in sorted order and the
    edges added in sorted order.  An entity that shares no sentence or relation with another is a community of its
    own, and Louvain is run on the others (over the 96 reports, 5,073 of 23,760 entities).

    Returns:
        The communities as lists of node ids, each sorted; the largest first (ties by first id), then the isolated
        entities in id order.
    """
    linked = g.subgraph([n for n in g if g.degree(n)])
    nodes, h = _igraph(linked)
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(SEED))
        try:
            found = h.community_multilevel(weights="weight", resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
    groups = sorted((sorted(nodes[i] for i in c) for c in found), key=lambda c: (-len(c), c[0]))
    return groups + [[n] for n in sorted(g) if not g.degree(n)]


def _brief(g: nx.Graph, n: str, strength: float) -> dict[str, Any]:
    return {"id": n, "label": g.nodes[n]["label"], "name": g.nodes[n].get("name"), "strength": strength}
