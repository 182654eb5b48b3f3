"""The embedded store's Cypher engine: an in-memory LadybugDB copy of the graph.

LadybugDB (the maintained continuation of Kùzu; PyPI ``ladybug``) is an
embedded graph database with a Cypher front end.  The embedded store keeps
its networkx graph for neighbourhoods, search and analytics; this module keeps
a LadybugDB database in memory that mirrors it, built in bulk from Arrow
tables and rebuilt whenever the store's revision has moved on (the rebuild is
done by the first Cypher query after a write, so loads do not pay for it).

Every user query runs in a ``BEGIN TRANSACTION READ ONLY`` transaction, so the
engine itself refuses writes; the query is first rewritten to Neo4j's
semantics by :mod:`policykg.graph.cypher_translate`.

Schema of the copy: one node table per label, every node table with the same
columns (the union of node properties over all labels, so ``n.year`` on a
Program is null as on Neo4j); one relationship table per type, over the
(source label, target label) pairs present.  The networkx-only attribute
``label`` and the SQLite-only document text are not copied (Neo4j has the
label as a label, and ``labels(n)``/``label(n)`` answer it).
"""

from __future__ import annotations

import contextlib
import decimal
import json
import shutil
import subprocess
import sys
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import QueryError, QueryTimeoutError, StoreError, WriteRefusedError

from .cypher_translate import COLUMN_PREFIX, INTERNAL_PREFIX, translate
from .schema import NODE_LABELS
from .store import CypherResult

__all__ = ["CypherMirror"]

_HIDDEN_NODE = {"label", "__labels__"}
_HIDDEN_EDGE = {"type", "__labels__"}
#: Most threads one query uses (the machine this runs on has 2 cores; the API serves other requests too).
QUERY_THREADS = 2
#: LadybugDB's page cache while the copy is built, in a child process (a bulk copy holds a table's pages).
BUILD_BUFFER_POOL_BYTES = 512 * 2**20
#: LadybugDB's page cache in the serving process, which opens the copy read-only (it lives on disk).
QUERY_BUFFER_POOL_BYTES = 256 * 2**20


def _column_type(values: list[Any]) -> str:
    """The LadybugDB type of a property, from its first value that is not null or an empty list.

    Every property of the schema holds one type (graph/schema.py); a list
    with no element anywhere is typed ``STRING[]``, a property never set ``STRING``.
    """
    empty_list = False
    for v in values:
        if v is None:
            continue
        if isinstance(v, list | tuple | set):
            if v:
                return _scalar(next(iter(v))) + "[]"
            empty_list = True
            continue
        return _scalar(v)
    return "STRING[]" if empty_list else "STRING"


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "BOOLEAN"
    if isinstance(v, int):
        return "INT64"
    if isinstance(v, float):
        return "DOUBLE"
    return "STRING"


def _arrow_type(pa: Any, column_type: str) -> Any:
    base = {"BOOLEAN": pa.bool_(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "STRING": pa.string()}
    if column_type.endswith("[]"):
        return pa.list_(base[column_type[:-2]])
    return base[column_type]


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


class CypherMirror:
    """A LadybugDB copy of a networkx property graph, answering read-only Cypher with Neo4j's semantics.

    Args:
        graph: the store's ``MultiDiGraph`` (nodes with ``label``; edges with ``type``).
        lock: the store's lock, held while the copy is (re)built from ``graph``.

    Not thread-safe by itself for building; :meth:`run` serialises builds and
    runs queries on their own connections.
    """

    def __init__(self, graph: nx.MultiDiGraph, lock: threading.RLock) -> None:
        self._graph = graph
        self._store_lock = lock
        self._build_lock = threading.Lock()
        self._db: Any = None
        self._revision: int | None = None
        self._tmp: Any = None
        self._generation = 0

    # ------------------------------------------------------------ building
    def sync(self, revision: int) -> None:
        """Rebuild the copy unless it already reflects store ``revision``."""
        with self._build_lock:
            if self._db is not None and self._revision == revision:
                return
            with self._store_lock:  # a consistent snapshot of the graph
                node_tables, rel_tables = self._tables()
            old, self._db = self._db, self._build(node_tables, rel_tables)
            self._revision = revision
            if old is not None:  # queries still running on it keep it open; its files go now
                _remove(old)

    def _tables(self) -> tuple[dict[str, dict[str, list[Any]]], dict[str, Any]]:
        """Column lists per node label and per relationship type (with its endpoint-label pairs)."""
        g = self._graph
        props: set[str] = set()
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _, d in g.nodes(data=True):
            by_label[d["label"]].append(d)
            props.update(d)
        props -= _HIDDEN_NODE
        node_tables: dict[str, dict[str, list[Any]]] = {}
        for label in NODE_LABELS:
            rows = by_label.get(label, [])
            node_tables[label] = {p: [r.get(p) for r in rows] for p in sorted(props, key=lambda p: (p != "id", p))}
        by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
        eprops: set[str] = set()
        nodes = g.nodes
        for u, v, d in g.edges(data=True):
            su, sv = nodes[u]["label"], nodes[v]["label"]
            by_type[d["type"]].append((u, v, d))
            pairs[d["type"]].add((su, sv))
            eprops.update(d)
        eprops -= _HIDDEN_EDGE
        rel_tables: dict[str, Any] = {}
        for t, rows in by_type.items():
            cols = {"from": [u for u, _, _ in rows], "to": [v for _, v, _ in rows]}
            cols.update({p: [d.get(p) for _, _, d in rows] for p in sorted(eprops)})
            rel_tables[t] = (sorted(pairs[t]), cols, [(nodes[u]["label"], nodes[v]["label"]) for u, v, _ in rows])
        return node_tables, rel_tables

    def _build(self, node_tables: dict[str, dict[str, list[Any]]], rel_tables: dict[str, Any]) -> Any:
        """Write the tables as Parquet, bulk-copy them in a child process, open the result read-only."""
        import ladybug
        import pyarrow as pa
        import pyarrow.parquet as pq

        db_path = Path(self._path())
        stage = db_path.with_suffix(".stage")
        stage.mkdir()
        plan: list[str] = []

        def stage_table(name: str, table: Any, options: str = "") -> None:
            file = stage / f"{len(plan)}.parquet"
            pq.write_table(table, file, compression="none")
            plan.append(f"COPY {_quote(name)} FROM '{file}'{options}")  # the path is ours, never input

        # a property a label never sets takes the type other labels give it (n.year is an INT64 null on a Program)
        everywhere = {p: _column_type([v for cols in node_tables.values() for v in cols.get(p, ())])
                      for p in next(iter(node_tables.values()), {})}
        for label, cols in node_tables.items():
            types = {p: _column_type(vals) if any(v is not None for v in vals) else everywhere[p] for p, vals in cols.items()}
            types["id"] = "STRING"
            spec = ", ".join(f"{_quote(p)} {t}" for p, t in types.items())
            plan.append(f"CREATE NODE TABLE {_quote(label)}({spec}, PRIMARY KEY (id))")
            if cols["id"]:
                stage_table(label, pa.table({p: pa.array(vals, type=_arrow_type(pa, types[p])) for p, vals in cols.items()}))
        rel_everywhere = {p: _column_type([v for _, cols, _ in rel_tables.values() for v in cols.get(p, ())])
                          for p in next(iter(rel_tables.values()), (None, {}, None))[1] if p not in ("from", "to")}
        for rel_type, (pairs, cols, row_pairs) in rel_tables.items():
            types = {p: _column_type(vals) if any(v is not None for v in vals) else rel_everywhere[p]
                     for p, vals in cols.items() if p not in ("from", "to")}
            spec = ", ".join([f"FROM {_quote(a)} TO {_quote(b)}" for a, b in pairs]
                             + [f"{_quote(p)} {t}" for p, t in types.items()])
            plan.append(f"CREATE REL TABLE {_quote(rel_type)}({spec})")
            for a, b in pairs:
                keep = [i for i, rp in enumerate(row_pairs) if rp == (a, b)]
                table = pa.table({p: pa.array([vals[i] for i in keep],
                                              type=pa.string() if p in ("from", "to") else _arrow_type(pa, types[p]))
                                  for p, vals in cols.items()})
                stage_table(rel_type, table, f" (from='{a}', to='{b}')" if len(pairs) > 1 else "")
        (stage / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", __name__, str(db_path), str(stage / "plan.json")],
                              capture_output=True, text=True)
        shutil.rmtree(stage, ignore_errors=True)
        if done.returncode != 0:
            raise StoreError(f"building the Cypher engine's copy failed: {done.stderr.strip()[-500:]}")
        return ladybug.Database(str(db_path), read_only=True, max_num_threads=QUERY_THREADS,
                                buffer_pool_size=QUERY_BUFFER_POOL_BYTES)

    def close(self) -> None:
        """Drop the copy and its temporary folder."""
        with self._build_lock:
            self._db = None
            if self._tmp is not None:
                self._tmp.cleanup()
                self._tmp = None

    def _path(self) -> str:
        """A fresh folder for the next copy (the previous one is removed once replaced)."""
        import tempfile

        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="policykg-cypher-")
        self._generation += 1
        return str(Path(self._tmp.name) / f"g{self._generation}.lbug")

    # ------------------------------------------------------------ queries
    def run(self, query: str, params: dict[str, Any], timeout_s: float, row_cap: int) -> CypherResult:
        """Run a read-only query in a read-only transaction; return at most ``row_cap`` rows.

        Raises:
            QueryError: a construct the engine cannot answer as Neo4j would (named), or the engine's refusal.
            WriteRefusedError: the engine refused a write.
            QueryTimeoutError: the query ran past ``timeout_s`` seconds (it is interrupted).
        """
        import ladybug

        translated = translate(query)
        conn = ladybug.Connection(self._db, num_threads=QUERY_THREADS)
        try:
            conn.set_query_timeout(max(1, int(timeout_s * 1000)))
            conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                result = conn.execute(translated.text, params or None)
                columns = result.get_column_names()
                rows = []
                while result.has_next() and len(rows) < row_cap:
                    rows.append(result.get_next())
            finally:
                with contextlib.suppress(RuntimeError):  # an interrupted or failed query has ended it already
                    conn.execute("ROLLBACK")
        except RuntimeError as exc:
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if "interrupted" in msg.lower() or "timeout" in msg.lower():
                raise QueryTimeoutError(timeout_s) from exc
            if "buffer pool is full" in msg:
                raise QueryError(f"the query needs more than the embedded engine's {QUERY_BUFFER_POOL_BYTES >> 20} MiB "
                                 "of working memory; narrow it (a label, a shorter path, a LIMIT) or use the "
                                 "Neo4j store") from exc
            if "read-only" in msg.lower() or "read only" in msg.lower():
                raise WriteRefusedError(f"the embedded engine refused a write (read-only database): {msg}") from exc
            raise QueryError(f"the embedded Cypher engine could not run the query: {msg[:300]}") from exc
        finally:
            conn.close()
        keep = [i for i, c in enumerate(columns) if not c.startswith(INTERNAL_PREFIX)]
        if not translated.columns:  # RETURN *: Neo4j orders the columns by name
            keep.sort(key=lambda i: columns[i])
        names = [translated.columns[int(c[len(COLUMN_PREFIX):])] if c.startswith(COLUMN_PREFIX) else c
                 for c in (columns[i] for i in keep)]
        return CypherResult(names, [[_value(row[i]) for i in keep] for row in rows])


def _remove(db: Any) -> None:
    """Delete the files of a replaced copy (open handles stay valid until the last query on it ends)."""
    path = Path(getattr(db, "database_path", "") or "")
    if path.name:
        for f in path.parent.glob(path.name + "*"):
            if f.is_file():
                f.unlink(missing_ok=True)


def _value(v: Any) -> Any:
    """A LadybugDB value as the Neo4j store returns it: nodes as their set properties, relationships with ``type``."""
    if isinstance(v, dict):
        if "_LABEL" in v and "_ID" in v:
            if "_SRC" in v:
                return {"type": v["_LABEL"], **{k: _value(x) for k, x in v.items()
                                                  if not k.startswith("_") and x is not None}}
            return {k: _value(x) for k, x in v.items() if not k.startswith("_") and x is not None}
        if "_nodes" in v and "_rels" in v:  # a path or a variable-length relationship
            return [_value(n) for n in v["_nodes"]]
        return {str(k): _value(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_value(x) for x in v]
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)


def _run_plan(db_path: str, plan_file: str) -> None:
    """Execute a build plan (CREATE and COPY statements) into a new database at ``db_path``; the child's entry."""
    import ladybug

    db = ladybug.Database(db_path, max_num_threads=QUERY_THREADS, buffer_pool_size=BUILD_BUFFER_POOL_BYTES)
    conn = ladybug.Connection(db)
    for statement in json.loads(Path(plan_file).read_text(encoding="utf-8")):
        conn.execute(statement)
    conn.close()
    db.close()


if __name__ == "__main__":
    _run_plan(sys.argv[1], sys.argv[2])
