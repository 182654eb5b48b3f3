"""``WITH … ORDER BY`` before an aggregation made explicit for LadybugDB (a step of :mod:`.cypher_translate`).

``WITH … ORDER BY k LIMIT n`` (or ``SKIP``) before a clause that aggregates: LadybugDB cut the rows without sorting
them (``UNWIND [3,1,2,5,4] AS x WITH x ORDER BY x DESC LIMIT 2 RETURN sum(x)`` answered 4, Neo4j 9: the top-N idiom
aggregated the wrong rows); a pass-through ``WITH * ORDER BY k LIMIT <all>`` follows it.  A ``WITH … ORDER BY k``
without a cut (the manual's idiom for a sorted ``collect()``) LadybugDB refused ("ORDER BY must be followed by SKIP
or LIMIT"): it gets ``LIMIT <all>``, and the same pass-through before an aggregation.
"""

from __future__ import annotations

from .cypher_tokens import Tok, clause_end

__all__ = ["ordered_cuts"]

_AGGREGATES = {"count", "sum", "avg", "min", "max", "collect", "percentilecont", "percentiledisc", "stdev", "stdevp"}
#: The LIMIT of a clause that keeps every row (the largest 64-bit integer).
_ALL_ROWS = 2**63 - 1


def ordered_cuts(toks: list[Tok], sig: list[int]) -> None:
    """Follow each ``WITH … ORDER BY keys [SKIP/LIMIT …]`` whose next clause aggregates with
    ``WITH * ORDER BY keys LIMIT <all>`` (module docstring: LadybugDB otherwise drops the sort before the cut),
    and give an ``ORDER BY`` without ``SKIP`` or ``LIMIT`` the cut ``LIMIT <all>``.

    Args:
        toks: the query's tokens (the ``post`` of some is written); ``sig`` the indexes of those that are not white
            space.
    """
    n, k = len(sig), 0
    while k < n:
        if toks[sig[k]].upper != "WITH" or (k and toks[sig[k - 1]].upper in ("STARTS", "ENDS")):
            k += 1
            continue
        marks: dict[str, int] = {}
        end = clause_end(toks, sig, k + 1, stop_at_where=True)
        while end < n and toks[sig[end]].upper in ("ORDER", "SKIP", "LIMIT", "WHERE"):
            word = toks[sig[end]].upper
            marks.setdefault(word, end)
            end = clause_end(toks, sig, end + 2 if word == "ORDER" else end + 1, stop_at_where=True)
        if "ORDER" in marks:
            after = [v for v in marks.values() if v > marks["ORDER"]]
            stop = min(after) if after else end
            if marks["ORDER"] + 2 >= stop:  # no keys (WITH x ORDER BY): the engine names the syntax error
                k = end
                continue
            keys = "".join(t.pre + t.text + t.post for t in toks[sig[marks["ORDER"] + 2]:sig[stop - 1] + 1])
            if "SKIP" not in marks and "LIMIT" not in marks:  # LadybugDB refused an ORDER BY without a cut
                toks[sig[stop - 1]].post += f" LIMIT {_ALL_ROWS}"
            if end < n and toks[sig[end]].upper in ("WITH", "RETURN") and _aggregates(toks, sig, end + 1):
                toks[sig[end - 1]].post += f" WITH * ORDER BY {keys.strip()} LIMIT {_ALL_ROWS}"
        k = end


def _aggregates(toks: list[Tok], sig: list[int], k: int) -> bool:
    """Whether the clause starting at sig position ``k`` calls an aggregating function."""
    end = clause_end(toks, sig, k, stop_at_where=True)
    return any(toks[sig[j]].kind == "name" and toks[sig[j]].text.lower() in _AGGREGATES
               and j + 1 < len(sig) and toks[sig[j + 1]].text == "(" for j in range(k, end))
