"""Builds the LadybugDB copy of the embedded store's graph, in a child process of the server.

The child opens the SQLite store read-only, replays it into a networkx graph
exactly as the server does on start-up (so the copy equals what a fresh store
answers), turns it into one Parquet file per table and bulk-copies those into
a new LadybugDB database.  None of this touches the server's memory: the
server only starts the child (``python -m policykg.graph.cypher_copy DATA_DIR
DB_PATH``) and opens the finished database.

Schema of the copy: one node table per label, every node table with the same
columns (the union of node properties over all labels and the schema's own, so ``n.year`` on a
Program is null as on Neo4j, and ``p.name`` of a store with no Program is no error); one relationship table per
type, over the (source label, target label) pairs present, or for a type no relationship has yet, over the pairs
:mod:`.schema` gives it (so ``MATCH ()-[r:PART_OF]->()`` counts 0 in a store without one, as on Neo4j).  The
networkx-only attribute ``label`` and the SQLite-only document text are not copied (Neo4j has the
label as a label, and ``labels(n)``/``label(n)`` answer it).  The column types
are written beside the database (``DB_PATH.schema.json``) for the server,
which updates the copy in place after small changes (:mod:`.cypher_mirror`).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from .schema import NODE_LABELS, REL_ENDS, REL_TYPES

__all__ = ["HIDDEN_EDGE", "HIDDEN_NODE", "arrow_table", "build", "column_type", "quote", "scalar_type", "schema_path"]

HIDDEN_NODE = {"label"}
HIDDEN_EDGE = {"type"}
#: Properties every node table has, whatever is stored (:mod:`.schema`'s documented ones that queries name most).
SCHEMA_NODE_PROPERTIES = frozenset({"id", "name", "aliases", "doc_count", "mention_count", "kind", "title", "year",
                                    "place", "level", "heading", "number", "outline_level"})
#: Most threads the bulk copy uses (the machine this runs on has 2 cores).
BUILD_THREADS = 2
#: LadybugDB's page cache while the copy is built (a bulk copy holds a table's pages).
BUILD_BUFFER_POOL_BYTES = 512 * 2**20


def column_type(values: Any) -> str:
    """The LadybugDB type of a property, from its first value that is not null or an empty list.

    Args:
        values: the property's values (any iterable; ``None`` for unset).

    Returns:
        ``BOOLEAN``, ``INT64``, ``DOUBLE`` or ``STRING``, with ``[]`` for lists. Every
        property of the schema holds one type (graph/schema.py); a list with no
        element anywhere is typed ``STRING[]``, a property never set ``STRING``.
    """
    empty_list = False
    for v in values:
        if v is None:
            continue
        if isinstance(v, list | tuple | set):
            if v:
                return scalar_type(next(iter(v))) + "[]"
            empty_list = True
            continue
        return scalar_type(v)
    return "STRING[]" if empty_list else "STRING"


def scalar_type(v: Any) -> str:
    """The LadybugDB type of a value that is no list: ``BOOLEAN``, ``INT64``, ``DOUBLE``, else ``STRING``."""
    if isinstance(v, bool):
        return "BOOLEAN"
    if isinstance(v, int):
        return "INT64"
    if isinstance(v, float):
        return "DOUBLE"
    return "STRING"


def arrow_table(columns: dict[str, list[Any]], types: dict[str, str]) -> Any:
    """A ``pyarrow.Table`` of ``columns`` (name -> values), typed by ``types`` (name -> LadybugDB type).

    Columns missing from ``types`` (a relationship's ``from`` and ``to``) are strings.
    """
    import pyarrow as pa

    base = {"BOOLEAN": pa.bool_(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "STRING": pa.string()}

    def arrow(t: str) -> Any:
        return pa.list_(base[t[:-2]]) if t.endswith("[]") else base[t]

    return pa.table({p: pa.array([list(v) if isinstance(v, set) else v for v in vals],
                                 type=arrow(types.get(p, "STRING"))) for p, vals in columns.items()})


def quote(name: str) -> str:
    """``name`` as a Cypher identifier in backquotes."""
    return "`" + name.replace("`", "``") + "`"


def schema_path(db_path: str | Path) -> Path:
    """Where the column types of the copy at ``db_path`` are kept (removed with the copy's files)."""
    return Path(str(db_path) + ".schema.json")


def _tables(g: nx.MultiDiGraph) -> tuple[dict[str, dict[str, list[Any]]], dict[str, Any]]:
    """Column lists per node label and per relationship type (with its endpoint-label pairs)."""
    props: set[str] = set()
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, d in g.nodes(data=True):
        by_label[d["label"]].append(d)
        props.update(d)
    props = (props | SCHEMA_NODE_PROPERTIES) - HIDDEN_NODE
    node_tables: dict[str, dict[str, list[Any]]] = {}
    for label in NODE_LABELS:
        rows = by_label.get(label, [])
        node_tables[label] = {p: [r.get(p) for r in rows] for p in sorted(props | {"id"}, key=lambda p: (p != "id", p))}
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    eprops: set[str] = set()
    nodes = g.nodes
    for u, v, d in g.edges(data=True):
        by_type[d["type"]].append((u, v, d))
        pairs[d["type"]].add((nodes[u]["label"], nodes[v]["label"]))
        eprops.update(d)
    eprops = (eprops | {"doc_id"}) - HIDDEN_EDGE
    rel_tables: dict[str, Any] = {}
    for t in REL_TYPES:
        rows = by_type.get(t, [])
        cols = {"from": [u for u, _, _ in rows], "to": [v for _, v, _ in rows]}
        cols.update({p: [d.get(p) for _, _, d in rows] for p in sorted(eprops)})
        rel_tables[t] = (sorted(pairs[t]) if rows else list(REL_ENDS[t]), cols,
                         [(nodes[u]["label"], nodes[v]["label"]) for u, v, _ in rows])
    return node_tables, rel_tables


def _plan(g: nx.MultiDiGraph, stage: Path) -> tuple[list[str], dict[str, Any]]:
    """Write the graph's tables as Parquet under ``stage``; return the CREATE/COPY statements and the schema."""
    import pyarrow.parquet as pq

    node_tables, rel_tables = _tables(g)
    plan: list[str] = []
    schema: dict[str, Any] = {"nodes": {}, "rels": {}}

    def stage_table(name: str, table: Any, options: str = "") -> None:
        file = stage / f"{len(plan)}.parquet"
        pq.write_table(table, file, compression="none")
        plan.append(f"COPY {quote(name)} FROM '{file}'{options}")  # the path is ours, never input

    # a property a label never sets takes the type other labels give it (n.year is an INT64 null on a Program)
    everywhere = {p: column_type(v for cols in node_tables.values() for v in cols.get(p, ()))
                  for p in next(iter(node_tables.values()), {})}
    for label, cols in node_tables.items():
        types = {p: column_type(vals) if any(v is not None for v in vals) else everywhere[p] for p, vals in cols.items()}
        types["id"] = "STRING"
        schema["nodes"][label] = types
        spec = ", ".join(f"{quote(p)} {t}" for p, t in types.items())
        plan.append(f"CREATE NODE TABLE {quote(label)}({spec}, PRIMARY KEY (id))")
        if cols["id"]:
            stage_table(label, arrow_table(cols, types))
        cols.clear()  # free each table's lists once it is written
    rel_everywhere = {p: column_type(v for _, cols, _ in rel_tables.values() for v in cols.get(p, ()))
                      for p in next(iter(rel_tables.values()), (None, {}, None))[1] if p not in ("from", "to")}
    for rel_type, (pairs, cols, row_pairs) in rel_tables.items():
        types = {p: column_type(vals) if any(v is not None for v in vals) else rel_everywhere[p]
                 for p, vals in cols.items() if p not in ("from", "to")}
        schema["rels"][rel_type] = {"pairs": [list(p) for p in pairs], "types": types}
        spec = ", ".join([f"FROM {quote(a)} TO {quote(b)}" for a, b in pairs]
                         + [f"{quote(p)} {t}" for p, t in types.items()])
        plan.append(f"CREATE REL TABLE {quote(rel_type)}({spec})")
        for a, b in pairs if row_pairs else ():  # a type with no relationship yet: its table, empty
            keep = [i for i, rp in enumerate(row_pairs) if rp == (a, b)]
            stage_table(rel_type, arrow_table({p: [vals[i] for i in keep] for p, vals in cols.items()}, types),
                        f" (from='{a}', to='{b}')" if len(pairs) > 1 else "")
    return plan, schema


def build(data_dir: str | Path, db_path: str | Path) -> None:
    """Build a new LadybugDB database at ``db_path`` from the embedded store in ``data_dir``, opened read-only.

    Writes ``schema_path(db_path)`` (JSON: ``{"nodes": {label: {property: type}},
    "rels": {type: {"pairs": [[from label, to label], ...], "types": {property: type}}}}``), and the content key of
    the rows read (:func:`.cypher_cache.content_key`) to ``cypher_cache.key_path(db_path)`` for a store with an id.

    Raises:
        StoreError: the store cannot be opened.
        RuntimeError: LadybugDB refused a statement.
    """
    import ladybug

    from .cypher_cache import key_path
    from .embedded import EmbeddedStore

    store = EmbeddedStore(data_dir, read_only=True)
    key = store.content_key()
    stage = Path(str(db_path) + ".stage")
    stage.mkdir()
    try:
        plan, schema = _plan(store.graph, stage)
        store.close()
        del store
        db = ladybug.Database(str(db_path), max_num_threads=BUILD_THREADS, buffer_pool_size=BUILD_BUFFER_POOL_BYTES)
        conn = ladybug.Connection(db)
        for statement in plan:
            conn.execute(statement)
        conn.close()
        db.close()
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    schema_path(db_path).write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    if key is not None:
        key_path(db_path).write_text(key, encoding="utf-8")


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
