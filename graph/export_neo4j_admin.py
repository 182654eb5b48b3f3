"""The neo4j-admin export: CSV files ``neo4j-admin database import full`` (Neo4j 5) reads, and the commands to run.

``nodes_<Label>.csv`` with ``id:ID`` and ``:LABEL``, ``relationships_<TYPE>.csv`` with ``:START_ID``, ``:END_ID``,
``:TYPE``; arrays and labels split by U+001F, text always quoted (``""`` is an empty string, an empty field no
property); the imported graph has the same shape as one written by ``Neo4jStore`` (every node also labelled
``Node``).  Split from :mod:`policykg.graph.export`, which calls :func:`write_neo4j_admin` for ``--format neo4j-admin``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["ARRAY_DELIMITER", "neo4j_admin_command", "write_neo4j_admin"]

#: What separates the items of an array, and the labels of a node, in a cell (the importer's --array-delimiter).
ARRAY_DELIMITER = "\x1f"

_NEO4J_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _neo4j_column(name: str, values: list[Any]) -> str:
    """Header of one neo4j-admin column: ``name:long``, ``name:string[]`` … from the values it holds."""
    sample = next((v for v in values if v is not None and v != []), "")
    if isinstance(sample, list):
        inner = next((x for v in values if isinstance(v, list) for x in v), "")
        return f"{name}:{_NEO4J_TYPES.get(type(inner), 'string')}[]"
    return f"{name}:{_NEO4J_TYPES.get(type(sample), 'string')}"


def _neo4j_cell(value: Any, where: str) -> Any:
    """One neo4j-admin value: ``None`` (no property), a number, or text (arrays joined by U+001F)."""
    if value is None or value == []:
        return None  # the importer stores no property for an empty field; Neo4jStore reads a missing list as []
    if isinstance(value, list):
        cells = [str(x).lower() if isinstance(x, bool) else str(x) for x in value]
        if any(ARRAY_DELIMITER in c for c in cells):
            raise ValueError(f"{where}: a value holds the array delimiter U+001F")
        return ARRAY_DELIMITER.join(cells)
    return str(value).lower() if isinstance(value, bool) else value


def _neo4j_line(cells: list[Any]) -> str:
    """One CSV line as neo4j-admin reads it: text always quoted (so ``""`` is an empty string, and
    leading spaces, commas, quotes and line breaks survive), numbers bare, an empty field for no value."""
    out = []
    for c in cells:
        if c is None:
            out.append("")
        elif isinstance(c, int | float):
            out.append(repr(c))
        else:
            out.append('"' + str(c).replace('"', '""') + '"')
    return ",".join(out) + "\n"


#: neo4j-admin's default --read-buffer-size (bytes): it must hold the largest single value.
_READ_BUFFER = 4 * 1024 * 1024


def write_neo4j_admin(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], out: Path) -> list[Path]:
    """Write the folder ``neo4j-admin database import full`` reads: ``nodes_<Label>.csv`` and
    ``relationships_<TYPE>.csv`` (header ``name:type`` per property, arrays split by U+001F), and
    ``import-command.txt`` (:func:`neo4j_admin_command`).

    Args:
        nodes, edges: node and edge dicts as the stores return them.
        out: the folder (made if missing).

    Returns:
        The files written, ``import-command.txt`` last.

    Raises:
        ValueError: a value holds the array delimiter U+001F (naming the node or edge).
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    largest = 0

    def write(path: Path, header: list[str], body: list[list[Any]]) -> None:
        nonlocal largest
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(",".join(header) + "\n")  # header fields are plain names:types, never quoted
            for cells in body:
                largest = max([largest, *(len(str(c).encode("utf-8")) for c in cells if isinstance(c, str))])
                f.write(_neo4j_line(cells))
        written.append(path)

    by_label: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        by_label.setdefault(n["label"], []).append(n)
    for label, rows in sorted(by_label.items()):
        keys = sorted({k for r in rows for k in r} - {"id", "label"})
        header = ["id:ID", *[_neo4j_column(k, [r.get(k) for r in rows]) for k in keys], ":LABEL"]
        # :LABEL is split like an array, by the --array-delimiter given to the importer; Node first, so the importer
        # makes its label token first and labels(n) reads ['Node', label] as in a store policykg wrote (Neo4j orders
        # a node's labels by token id: a review, session 57)
        write(out / f"nodes_{label}.csv", header,
              [[r["id"], *[_neo4j_cell(r.get(k), r["id"]) for k in keys], f"Node{ARRAY_DELIMITER}{label}"]
               for r in rows])
    by_type: dict[str, list[dict[str, Any]]] = {}
    for e in edges:
        by_type.setdefault(e["type"], []).append(e)
    for rel_type, rows in sorted(by_type.items()):
        keys = sorted({k for r in rows for k in r} - {"source", "target", "type"})
        header = [":START_ID", *[_neo4j_column(k, [r.get(k) for r in rows]) for k in keys], ":END_ID", ":TYPE"]
        write(out / f"relationships_{rel_type}.csv", header,
              [[r["source"], *[_neo4j_cell(r.get(k), r["source"]) for k in keys], r["target"], rel_type]
               for r in rows])
    command = out / "import-command.txt"
    command.write_text(neo4j_admin_command([p.name for p in written], largest), encoding="utf-8")
    return [*written, command]


def neo4j_admin_command(files: list[str], largest_value_bytes: int = 0, database: str = "neo4j") -> str:
    """The commands that import an export folder into Neo4j 5 (the text of ``import-command.txt``).

    Args:
        files: the CSV file names (``nodes_*.csv``, ``relationships_*.csv``).
        largest_value_bytes: UTF-8 size of the largest value; above 4 MiB a ``--read-buffer-size`` is added.
        database: the database to (re)create.

    Returns:
        Shell lines with comments: stop Neo4j, import (replacing the database), start, create the
        constraint and indexes (``policykg --store neo4j`` also creates them when it connects).
    """
    nodes = [f"--nodes={f}" for f in files if f.startswith("nodes_")]
    rels = [f"--relationships={f}" for f in files if f.startswith("relationships_")]
    options = ['--array-delimiter="U+001F"', "--multiline-fields=true", "--overwrite-destination=true"]
    if largest_value_bytes + 1024 > _READ_BUFFER:
        options.append(f"--read-buffer-size={largest_value_bytes + 1024 * 1024}")
    from .cypher import CONSTRAINTS

    return "\n".join([
        "# Neo4j 5: run in this folder on the Neo4j server, with Neo4j stopped.",
        "# --overwrite-destination replaces the database; --multiline-fields because document texts hold line breaks.",
        "neo4j stop",
        f"neo4j-admin database import full {database} " + " ".join([*options, *nodes, *rels]),
        "neo4j start",
        "# then, in cypher-shell (policykg --store neo4j creates them too when it connects):",
        *(f"# {stmt};" for stmt in CONSTRAINTS),
    ]) + "\n"
