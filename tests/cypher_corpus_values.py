"""Corpus entries (:mod:`cypher_corpus`) for Neo4j 5's arithmetic and operators on values, where the embedded
engine answered otherwise or refused (a researcher's walkthrough over the national and provincial work reports,
session 63).  Expected rows are computed in plain Python from the loaded nodes and relationships."""

from __future__ import annotations

import math

from cypher_expected import Expected, sources


def half_up(x: float) -> float:
    """``round(x)`` as Neo4j 5 rounds: to the nearest integer, a tie towards positive infinity, as a float."""
    return float(math.floor(x + 0.5))


VALUES: list[tuple[str, Expected, bool]] = [
    # round() of a negative tie: -11.5 is -11.0 on Neo4j (the engine rounded away from zero, -12.0); an odd year or
    # character count halved makes one
    ("MATCH (d:Document {kind: 'source'}) WHERE d.year IS NOT NULL "
     "RETURN d.id, round((2000 - d.year) / 2.0) AS r, round(-d.char_count / 2.0, 0) AS r0, round(d.char_count / 2.0) AS up",
     lambda g: [[d["id"], half_up((2000 - d["year"]) / 2), half_up(-d["char_count"] / 2), half_up(d["char_count"] / 2)]
                for d in sources(g) if d.get("year") is not None], False),
    ("MATCH (d:Document {kind: 'source'}) RETURN [x IN [-d.char_count / 2.0, -0.4] | round(x)] AS r",
     lambda g: [[[half_up(-d["char_count"] / 2), 0.0]] for d in sources(g)], False),
]
