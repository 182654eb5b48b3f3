"""Corpus entries (:mod:`cypher_corpus`) for Neo4j's ``shortestPath()`` and ``allShortestPaths()`` (refused by the
embedded engine until a researcher's walkthrough, session 63, asked how a program reaches the bodies and goals of
the reports).  Expected rows are computed in plain Python from the loaded nodes and relationships: a breadth-first
search over the relationships, each relationship a step either way unless the pattern gives a direction, and the
shortest paths counted one per sequence of relationships (parallel ones, stated by two documents, are two)."""

from __future__ import annotations

from collections import defaultdict, deque

from cypher_expected import Expected, Graph


def shortest(g: Graph, start: str, types: set[str] | None = None, directed: bool = False,
             most: int = 30) -> dict[str, tuple[int, int]]:
    """Node id -> (length of its shortest paths from ``start``, how many there are), within ``most`` steps."""
    steps: dict[str, list[str]] = defaultdict(list)
    for e in g.edges:
        if types is None or e["type"] in types:
            steps[e["source"]].append(e["target"])
            if not directed:
                steps[e["target"]].append(e["source"])
    found, queue = {start: (0, 1)}, deque([start])
    while queue:
        at = queue.popleft()
        depth, ways = found[at]
        if depth == most:
            continue
        for nxt in steps[at]:  # one entry per relationship, so parallel relationships add paths
            if nxt not in found:
                found[nxt] = (depth + 1, ways)
                queue.append(nxt)
            elif found[nxt][0] == depth + 1:
                found[nxt] = (depth + 1, found[nxt][1] + ways)
    del found[start]
    return found


def _program(g: Graph, name: str) -> str:
    return g.by_name("Program", name)["id"]


PATHS: list[tuple[str, Expected, bool]] = [
    # one shortest path a pair, any relationship either way, no bound given (the manual's [*])
    ("MATCH (a:Program {name: '红色物业'}) MATCH p = shortestPath((a)-[*]-(b:Body)) RETURN b.name, length(p)",
     lambda g: [[g.nodes[n]["name"], d] for n, (d, _) in shortest(g, _program(g, "红色物业")).items()
                if g.label(n) == "Body"], False),
    # every shortest path, bounded
    ("MATCH p = allShortestPaths((a:Program {name: '红色物业'})-[*..4]-(b:Goal)) RETURN b.name, length(p), count(*)",
     lambda g: [[g.nodes[n]["name"], d, ways] for n, (d, ways) in shortest(g, _program(g, "红色物业"), most=4).items()
                if g.label(n) == "Goal"], False),
    # typed and directed: each Goal a Program serves is one step away
    ("MATCH (p:Program) MATCH path = shortestPath((p)-[:SERVES|PART_OF*..3]->(g:Goal)) "
     "RETURN p.name, g.name, length(path) AS hops, nodes(path)[0].id = p.id AND nodes(path)[-1].id = g.id AS ends",
     lambda g: [[p["name"], g.nodes[n]["name"], d, True] for p in g.of("Program")
                for n, (d, _) in shortest(g, p["id"], {"SERVES", "PART_OF"}, directed=True, most=3).items()
                if g.label(n) == "Goal"], False),
]
