"""The neo4j-admin export, read back the way ``neo4j-admin database import full`` reads it.

The importer's rules (Neo4j 5 operations manual, "CSV header format"): each header
field is ``name:TYPE``; ``name:ID`` is the node id (stored as property ``name``),
``:LABEL`` holds labels split like an array, ``:START_ID``/``:END_ID``/``:TYPE``
make a relationship, ``long``/``double``/``boolean``/``string`` (default) type a
property and ``[]`` marks an array split by ``--array-delimiter``; a quoted ``""``
is an empty string, an empty field no property; with ``--multiline-fields=true``
a quoted field may hold line breaks.  The graph read back must be the one the
store holds, in the shape ``Neo4jStore`` writes (every node also labelled Node).
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

from policykg.graph.export import ARRAY_DELIMITER, neo4j_admin_command, store_graph, write_export


def _csv_rows(text: str) -> list[list[tuple[str, bool]]]:
    """RFC 4180 fields as ``(value, quoted)``: quotes doubled inside quoted fields, line breaks allowed in them."""
    rows: list[list[tuple[str, bool]]] = []
    row: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j, parts = i + 1, []
            while True:
                k = text.index('"', j)
                parts.append(text[j:k])
                if text[k + 1:k + 2] == '"':
                    parts.append('"')
                    j = k + 2
                    continue
                i = k + 1
                break
            row.append(("".join(parts), True))
        else:
            k = i
            while k < n and text[k] not in ",\n":
                k += 1
            row.append((text[i:k], False))
            i = k
        if i >= n or text[i] == "\n":
            rows.append(row)
            row = []
        i += 1
    return rows


_SCALARS = {"string": str, "long": int, "int": int, "short": int, "byte": int, "double": float, "float": float,
            "boolean": lambda v: v == "true"}


def _read(path: Path, delimiter: str) -> list[dict[str, Any]]:
    """Entities of one CSV file: ``{"id"|"start"/"end"/"type", "labels", "props"}`` as the importer builds them."""
    rows = _csv_rows(path.read_text(encoding="utf-8"))
    header = [value for value, quoted in rows[0]]
    assert not any(quoted for _, quoted in rows[0]), "header fields are plain"
    fields = []
    for f in header:
        name, _, kind = f.rpartition(":") if ":" in f else (f, ":", "string")
        fields.append((name, kind))
        assert kind in {"ID", "LABEL", "START_ID", "END_ID", "TYPE"} or kind.removesuffix("[]") in _SCALARS, f
    out = []
    for row in rows[1:]:
        assert len(row) == len(fields), f"{path.name}: a row has {len(row)} fields, the header {len(fields)}"
        item: dict[str, Any] = {"props": {}}
        for (name, kind), (value, quoted) in zip(fields, row, strict=True):
            if kind == "ID":
                item["id"] = value
                if name:
                    item["props"][name] = value
            elif kind == "LABEL":
                item["labels"] = set(value.split(delimiter))
            elif kind in ("START_ID", "END_ID", "TYPE"):
                item[kind.lower().removesuffix("_id")] = value
            elif value == "" and not quoted:
                continue  # an empty field: no property
            elif kind.endswith("[]"):
                item["props"][name] = [_SCALARS[kind[:-2]](x) for x in value.split(delimiter)]
            else:
                item["props"][name] = _SCALARS[kind](value)
        out.append(item)
    return out


def _key(props: dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False)


def test_export_reads_back_as_the_stored_graph_the_way_the_importer_reads_it(seeded, tmp_path):
    nodes, edges, _ = store_graph(seeded, fmt="neo4j-admin")
    paths = write_export(nodes, edges, "neo4j-admin", tmp_path / "bulk")
    command = next(line for line in (tmp_path / "bulk" / "import-command.txt").read_text("utf-8").splitlines()
                   if line.startswith("neo4j-admin "))
    args = shlex.split(command)
    assert args[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]  # the database first (Neo4j 5.19+)
    opts = dict(a.split("=", 1) for a in args[5:] if not a.startswith(("--nodes=", "--relationships=")))
    assert opts["--multiline-fields"] == "true"  # document texts hold line breaks
    code = opts["--array-delimiter"]
    assert code.startswith("U+") and chr(int(code[2:], 16)) == ARRAY_DELIMITER
    files = {p.name for p in paths if p.suffix == ".csv"}
    assert {a.split("=", 1)[1] for a in args if a.startswith(("--nodes=", "--relationships="))} == files

    imported_nodes, imported_rels = {}, []
    for name in sorted(files):
        for item in _read(tmp_path / "bulk" / name, ARRAY_DELIMITER):
            if name.startswith("nodes_"):
                assert item["id"] not in imported_nodes
                imported_nodes[item["id"]] = (item["labels"], item["props"])
            else:
                imported_rels.append((item["start"], item["end"], item["type"], _key(item["props"])))

    # What Neo4jStore holds: no null properties; empty lists are left out by the import (read back as []).
    expected = {n["id"]: ({n["label"], "Node"}, {k: v for k, v in n.items() if k != "label" and v not in (None, [])})
                for n in nodes}
    assert imported_nodes == expected
    assert any(p.get("number") == "" for _, p in imported_nodes.values())  # a quoted "" stays an empty string
    source = next(p for _, p in imported_nodes.values() if p.get("kind") == "source")
    assert "\n" in source["text"] and source["text"] == seeded.document_text(source["id"])
    assert sorted(imported_rels) == sorted(
        (e["source"], e["target"], e["type"],
         _key({k: v for k, v in e.items() if k not in ("source", "target", "type") and v not in (None, [])}))
        for e in edges)
    stats = seeded.stats()
    assert sum(stats["nodes"].values()) == len(imported_nodes)
    assert sum(stats["relationships"].values()) == len(imported_rels)


def test_import_command_raises_the_read_buffer_for_a_large_value():
    small = neo4j_admin_command(["nodes_Goal.csv", "relationships_SERVES.csv"], 1000)
    assert "--read-buffer-size" not in small and "--nodes=nodes_Goal.csv --relationships=relationships_SERVES.csv" in small
    big = neo4j_admin_command(["nodes_Document.csv"], 6 * 1024 * 1024)
    size = int(big.split("--read-buffer-size=")[1].split()[0])
    assert size > 6 * 1024 * 1024
    assert "CREATE CONSTRAINT node_id" in big and "CREATE FULLTEXT INDEX entity_names" in big
