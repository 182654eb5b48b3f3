"""``shortestPath()`` and ``allShortestPaths()`` of Neo4j's Cypher as LadybugDB's shortest-path patterns (a step of
:mod:`.cypher_translate`).

Neo4j's ``MATCH p = shortestPath((a)-[*..6]-(b))`` finds one shortest path between each pair of ``a`` and ``b``
(``allShortestPaths`` every one of that length); LadybugDB writes it ``MATCH p = (a)-[* SHORTEST 1..6]-(b)`` (``*
ALL SHORTEST``), one path a pair as well.  Both were refused (a researcher asking how a program reaches a goal, a
walkthrough, session 63).  The function and its parentheses are dropped and the relationship's length is written
LadybugDB's way:

* a lower bound other than 1 is refused (Neo4j refuses one above 1; LadybugDB one below);
* no upper bound (``[*]``, the manual's form) is LadybugDB's largest, 30 relationships: a longer shortest path is not
  found (on the national and provincial work reports the longest from a program to any goal is 7);
* a ``WHERE`` of the same ``MATCH`` that names the path or its relationships is refused: Neo4j applies such a test
  while it searches (the shortest path whose nodes pass it), LadybugDB would test the one shortest path it found;
  the relationship types (``[:SERVES|PART_OF*..6]``) or a later ``WITH … WHERE`` say what is meant.
"""

from __future__ import annotations

from collections.abc import Callable

from .cypher_tokens import Tok, UnsupportedConstruct, clause_end

__all__ = ["MOST_HOPS", "shortest_length", "shortest_path"]

#: LadybugDB's largest upper bound of a variable-length or shortest-path relationship.
MOST_HOPS = 30


def shortest_path(toks: list[Tok], sig: list[int], pos: dict[int, int], match: dict[int, int], k: int) \
        -> tuple[int, int, str]:
    """Drop ``shortestPath(`` … ``)`` (the name at sig position ``k``) around its pattern, in place; return the sig
    positions of the pattern's first and last tokens and ``SHORTEST`` or ``ALL SHORTEST``.

    Raises:
        UnsupportedConstruct: the function outside a ``MATCH`` pattern, or a ``WHERE`` of its ``MATCH`` that names
            the path or the relationship (module docstring).
    """
    def text(j: int) -> str:
        return toks[sig[j]].text if 0 <= j < len(sig) else ""

    name = toks[sig[k]]
    kind = "ALL SHORTEST" if name.text.lower() == "allshortestpaths" else "SHORTEST"
    close = pos[match[sig[k + 1]]]
    named = text(k - 1) == "=" and toks[sig[k - 2]].kind in ("name", "bq")
    if not (named or toks[sig[k - 1]].upper == "MATCH" or text(k - 1) == ","):
        raise UnsupportedConstruct(f"{name.text}() outside a MATCH pattern; match it: MATCH p = {name.text}((a)-[*..6]-(b))")
    names = {text(k - 2).strip("`")} if named else set()
    names |= {text(j).strip("`") for j in range(k + 2, close) if text(j - 1) == "[" and toks[sig[j]].kind in ("name", "bq")}
    end = clause_end(toks, sig, k, stop_at_where=True)
    if toks[sig[end]].upper == "WHERE" if end < len(sig) else False:
        w_end = clause_end(toks, sig, end + 1, stop_at_where=False)
        used = sorted({text(j).strip("`") for j in range(end + 1, w_end) if text(j).strip("`") in names
                       and text(j - 1) != "."})
        if used:
            raise UnsupportedConstruct(
                f"a WHERE on the nodes or relationships of {name.text}() ({', '.join(used)}): Neo4j tests it while it "
                "searches, the embedded engine would test the one path it found; name the relationship types in the "
                "pattern ([:SERVES|PART_OF*..6]), or test the one path found in a WITH … WHERE after the MATCH, as "
                "Neo4j reads that too")
    name.text = toks[sig[k + 1]].text = toks[sig[close]].text = ""
    return k + 2, close - 1, kind


def shortest_length(tok: Callable[[int], Tok | None], star: int, close_k: int, kind: str) -> None:
    """Rewrite the length ``*a..b`` of a shortest path's relationship (its ``*`` at sig position ``star``, its ``]`` at
    ``close_k``) as LadybugDB's ``* SHORTEST 1..b`` (``kind``: ``SHORTEST`` or ``ALL SHORTEST``).

    Raises:
        UnsupportedConstruct: a lower bound other than 1, or an upper bound above :data:`MOST_HOPS`.
    """
    parts, x = [], star + 1
    while x < close_k and (getattr(tok(x), "kind", "") == "num" or getattr(tok(x), "text", "") == ".."):
        parts.append(tok(x).text)  # type: ignore[union-attr]
        x += 1
    if not parts:
        lo, hi = "1", str(MOST_HOPS)
    elif len(parts) == 1:
        lo = hi = parts[0]
    else:
        lo = "1" if parts[0] == ".." else parts[0]
        hi = parts[-1] if parts[-1] != ".." else str(MOST_HOPS)
    if lo != "1" or int(hi) > MOST_HOPS:
        raise UnsupportedConstruct(f"a shortest path of {lo}..{hi} relationships (the embedded engine searches from "
                                   f"1 up to {MOST_HOPS}); write [*..{min(int(hi), MOST_HOPS)}]")
    for y in range(star + 1, x):
        tok(y).text = ""  # type: ignore[union-attr]
    tok(star).post += f" {kind} {lo}..{hi}"  # type: ignore[union-attr]
