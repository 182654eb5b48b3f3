"""Labels in Neo4j's Cypher made explicit for LadybugDB (a step of :mod:`.cypher_translate`).

On Neo4j every policykg node carries the label ``Node`` and exactly one label of the schema (``Program``…).
LadybugDB has one table per label, so:

* a label expression (``WHERE NOT n:Section``, ``RETURN n:Goal``), which LadybugDB cannot parse, becomes a test
  of ``label(n)``: ``n:Program|Goal`` is ``label(n) IN ['Program', 'Goal']``; ``n:Node`` (or a disjunction naming
  ``Node``) is ``(label(n) IS NOT NULL OR NULL)``, true of a node, null of a null (an OPTIONAL MATCH that found
  nothing; it was ``true``); a conjunction ``n:A:B`` (or ``n:A&B``) of two schema labels holds of no node,
  ``(label(n) IS NULL AND NULL)`` (it was read as a disjunction: ``WHERE n:Node:Program`` kept every node);
* in a node pattern, ``Node`` is dropped (``(n:Node:Program)`` is ``(n:Program)``; ``(n:Program|Node)`` any
  node), and a conjunction of two schema labels (``(n:Program:Goal)``, which LadybugDB matched as either)
  matches nothing: the caller adds ``false`` to the clause's ``WHERE``;
* ``labels(n)`` of a variable is ``['Node', label(n)]``, and null for a null (it was ``['Node', null]``).
"""

from __future__ import annotations

from .cypher_tokens import Tok

__all__ = ["label_predicates", "labels_call", "pattern_labels"]

#: The keywords before the ``{`` of a subquery expression.
_SUBQUERIES = ("EXISTS", "COUNT", "COLLECT")


def _expression(var: str, labels: list[str], conjunction: bool) -> str:
    schema = list(dict.fromkeys(x for x in labels if x != "Node"))
    if (not conjunction and "Node" in labels) or not schema:
        return f"(label({var}) IS NOT NULL OR NULL)"
    if conjunction and len(schema) > 1:
        return f"(label({var}) IS NULL AND NULL)"
    return f"(label({var}) IN [{', '.join(map(repr, schema))}])"


def label_predicates(toks: list[Tok], sig: list[int], match: dict[int, int], patterns: list[tuple[int, int]]) -> None:
    """Rewrite each label expression outside the patterns of MATCH clauses (``patterns``: their sig position
    ranges), maps (``{name: x}``) and pattern predicates (``WHERE (n:Goal)-[:SERVES]-()``), in place; the ``WHERE``
    of an ``EXISTS { }`` or ``COUNT { }`` is no map (``COUNT { (s)-->(x) WHERE x:Program }`` was a parser error)."""
    pos = {ti: k for k, ti in enumerate(sig)}
    braces = [(pos[o], pos[c]) for o, c in match.items()
              if toks[o].text == "{" and not (pos[o] and toks[sig[pos[o] - 1]].upper in _SUBQUERIES)]

    def text(x: int) -> str:
        return toks[sig[x]].text if 0 <= x < len(sig) else ""

    def named(x: int) -> bool:
        return 0 <= x < len(sig) and toks[sig[x]].kind in ("name", "bq")

    for k in range(1, len(sig) - 2):
        if not (named(k) and text(k + 1) == ":" and named(k + 2)) or any(a <= k < b for a, b in patterns) \
                or any(a < k < b for a, b in braces):
            continue
        labels, seps, j = [], set(), k + 1
        while text(j) in (":", "|", "&") and named(j + 1):
            seps.add(text(j) if j > k + 1 else ":")
            labels.append(text(j + 1).strip("`"))
            j += 2
        if text(k - 1) == "(" and (text(k - 2) in ("-", ">", "<") or text(j) == "{"
                                   or (text(j) == ")" and text(j + 1) in ("-", "<"))):
            continue  # a node of a pattern predicate: WHERE (n:Goal)-[:SERVES]-()
        if ("|" in seps and seps != {":", "|"}) or len(seps) > 2:
            continue  # a mixed label expression: left to the engine
        for x in range(k + 1, j):
            toks[sig[x]].text = ""
        var = toks[sig[k]]
        var.text = _expression(var.text, labels, "|" not in seps)


def pattern_labels(toks: list[Tok], sig: list[int], first: int, close: int) -> tuple[list[str], bool]:
    """The labels of the node pattern whose label tokens start at sig position ``first`` (after its variable;
    ``close`` is its ``)``), rewritten in place for LadybugDB; and whether the pattern can match no node.

    A disjunction (``:A|B``) stays, or loses every label when it names ``Node`` (any node); a conjunction
    (``:A:B``, ``:A&B``) keeps its first schema label only, and matches nothing when it names two.
    """
    parts: list[tuple[int, int]] = []  # (separator position, label position)
    x = first
    while x + 1 < close and toks[sig[x]].text in (":", "|", "&") and toks[sig[x + 1]].kind in ("name", "bq"):
        parts.append((x, x + 1))
        x += 2
    labels = [toks[sig[b]].text.strip("`") for _, b in parts]
    schema = [name for name in labels if name != "Node"]
    if any(toks[sig[a]].text == "|" for a, _ in parts):
        if len(schema) == len(labels):
            return schema, False
        keep = None
    else:
        keep = next((p for p, name in zip(parts, labels, strict=True) if name != "Node"), None)
    for a, b in parts:
        if (a, b) == keep:
            toks[sig[a]].text = ":"
        else:
            toks[sig[a]].text = toks[sig[b]].text = ""
    return schema, keep is not None and len(set(schema)) > 1


def labels_call(toks: list[Tok], sig: list[int], k: int, close: int, in_lambda: bool = False) -> None:
    """Rewrite ``labels(x)`` (the name at sig position ``k``, its ``)`` at ``close``): a lone variable's as
    ``(CASE WHEN x IS NULL THEN NULL ELSE ['Node', label(x)] END)``, any other argument's, or one in the body of a
    list comprehension (``in_lambda``: no CASE there, :mod:`.cypher_lists`), as ``['Node', label(…)]``."""
    name = toks[sig[k]]
    if close == k + 3 and toks[sig[k + 2]].kind in ("name", "bq") and not in_lambda:
        var = toks[sig[k + 2]]  # its brackets stay, so later steps still pair them
        name.text = ""
        var.text, var.kind = f"CASE WHEN {var.text} IS NULL THEN NULL ELSE ['Node', label({var.text})] END", "raw"
        return
    name.text = "['Node', label"
    toks[sig[close]].post += "]"
