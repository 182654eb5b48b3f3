"""The embedded store's Cypher engine: a LadybugDB copy of the graph, on disk in a temporary folder.

LadybugDB (the maintained continuation of Kùzu; PyPI ``ladybug``) is an
embedded graph database with a Cypher front end.  The embedded store keeps
its networkx graph for neighbourhoods, search and analytics; this module keeps
a LadybugDB database that mirrors it, built by a child process from the SQLite
store (:mod:`.cypher_copy`, so the server's memory does not hold the tables)
and, after writes, updated in place by the next Cypher query
(:mod:`.cypher_delta`; loads do not pay for it).

Every user query runs in a ``BEGIN TRANSACTION READ ONLY`` transaction, so the
engine itself refuses writes; the query is first rewritten to Neo4j's
semantics by :mod:`policykg.graph.cypher_translate`.
"""

from __future__ import annotations

import contextlib
import decimal
import json
import logging
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import QueryError, QueryTimeoutError, StoreError, WriteRefusedError

from . import cypher_cache, cypher_delta
from .cypher_access import STRING_INDEXED, unwrap
from .cypher_copy import schema_path
from .cypher_indexes import not_a_list
from .cypher_lists import LAMBDA_SLICE, LONG_LIST
from .cypher_tokens import users_words
from .cypher_translate import translate
from .cypher_union import Joined, check_names, union_parts
from .store import NOTICE_LOGGER, CypherResult

__all__ = ["CypherMirror"]

logger = logging.getLogger(__name__)

#: Changed nodes applied in place, at most, before the copy is rebuilt instead: LadybugDB keeps such
#: changes in memory (automatic checkpoints are off, as one took seconds at 10x), a rebuild frees them.
MAX_CHANGED_NODES = 20_000
#: Most threads one query uses (the machine this runs on has 2 cores; the API serves other requests too).
QUERY_THREADS = 2
#: LadybugDB's page cache in the serving process (the copy lives on disk).
QUERY_BUFFER_POOL_BYTES = 256 * 2**20
#: Seconds past its limit a query the engine has not stopped is waited for before it is left to end alone.
ABANDON_AFTER_S = 0.5
#: Queries left to end alone past their limit, at most, at once (each holds its memory and a core till it ends).
MAX_ABANDONED = 1


class CypherMirror:
    """A LadybugDB copy of a networkx property graph, answering read-only Cypher with Neo4j's semantics.

    Args:
        graph: the store's ``MultiDiGraph`` (nodes with ``label``; edges with ``type``).
        lock: the store's lock, held while ``graph`` is read.
        data_dir: the folder of the SQLite store whose graph ``graph`` is.
        take_changes: called with ``lock`` held, returns the ids of the nodes whose row or
            relationships changed since its last call (and forgets them).
        content_key: called with ``lock`` held, the key of what ``graph`` holds
            (:func:`.cypher_cache.content_key`); a build starts from the copy kept for it in ``data_dir``
            and keeps the one it makes (:mod:`.cypher_cache`).  ``None``: every build is made afresh.

    Thread-safe: :meth:`sync` serialises builds; queries run on their own connections.
    """

    def __init__(self, graph: nx.MultiDiGraph, lock: threading.RLock, data_dir: Path,
                 take_changes: Callable[[], set[str]], content_key: Callable[[], str | None] | None = None) -> None:
        self._graph = graph
        self._content_key = content_key
        self._take_changes = take_changes
        self._schema: dict[str, Any] = {}
        self._applied = 0  # changed nodes applied in place since the copy was built
        self._store_lock = lock
        self._data_dir = data_dir
        self._build_lock = threading.Lock()
        self._db: Any = None
        self._revision: int | None = None
        self._tmp: Any = None
        self._generation = 0
        self._abandoned = threading.BoundedSemaphore(MAX_ABANDONED)

    # ------------------------------------------------------------ building
    def sync(self, revision: int) -> None:
        """Bring the copy up to store ``revision`` unless it is there already.

        The first call builds the copy in a child process from the SQLite store
        (:mod:`.cypher_copy`), which holds every document this store's graph holds
        (each is written to SQLite before it is applied in memory) and may hold later
        ones.  Later calls apply the nodes changed since (``take_changes``) in place
        (:mod:`.cypher_delta`), or rebuild once more than ``MAX_CHANGED_NODES`` have
        been so applied since the build, or when the copy's columns cannot hold them.

        Raises:
            StoreError: the child process failed (its last error lines are in the message).
        """
        import ladybug

        with self._build_lock:
            if self._db is not None and self._revision == revision:
                return
            with self._store_lock:
                changed = self._take_changes()
                self._applied += len(changed)
                delta = (cypher_delta.read(self._graph, changed)
                         if self._db is not None and self._applied <= MAX_CHANGED_NODES else None)
            if delta is not None and cypher_delta.fits(delta, self._schema):
                conn = ladybug.Connection(self._db, num_threads=QUERY_THREADS)
                try:
                    cypher_delta.apply(conn, delta, self._schema)
                    self._revision = revision
                    return
                except RuntimeError as exc:  # rebuilt below
                    logger.warning("updating the Cypher engine's copy failed, rebuilding it: %s", exc)
                finally:
                    conn.close()
            with self._store_lock:
                self._take_changes()  # the new copy holds them
                key = self._content_key() if self._content_key is not None else None
            old, self._db = self._db, self._build(key)
            self._revision, self._applied = revision, 0
            if old is not None:  # queries still running on it keep it open; its files go now
                _remove(old)

    def _build(self, key: str | None = None) -> Any:
        """Open a copy of the graph: the one kept for content ``key`` (:mod:`.cypher_cache`), or one built in a child
        process (it reads the SQLite store itself), then kept for ``key``."""
        import ladybug

        db_path = self._path()
        if key is None or not cypher_cache.fetch(self._data_dir, key, Path(db_path)):
            logging.getLogger(NOTICE_LOGGER).info(
                "building the Cypher engine's copy of the store (once for what the store holds: about 7 s for the 96 "
                "national and provincial reports) ...")
            done = subprocess.run([sys.executable, "-m", "policykg.graph.cypher_copy", str(self._data_dir), db_path],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                _remove_path(Path(db_path))
                raise StoreError(f"building the Cypher engine's copy failed: {done.stderr.strip()[-500:]}")
            if key is not None:
                cypher_cache.keep(self._data_dir, key, Path(db_path))
        self._schema = json.loads(schema_path(db_path).read_text(encoding="utf-8"))
        return ladybug.Database(db_path, max_num_threads=QUERY_THREADS, buffer_pool_size=QUERY_BUFFER_POOL_BYTES)

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
        """Run a read-only query in a read-only transaction; return at most ``row_cap`` rows (``truncated`` when
        there were more).

        The engine stops a query at its limit (``set_query_timeout``), but only between steps: one expression it is
        evaluating, as ``range(1, 100000000)`` (a list built whole, 4.6 s), runs to its end first.  So the query runs
        in a thread of its own, and one still running ``ABANDON_AFTER_S`` past its limit is interrupted and left to
        end alone (its connection closes then) while the caller gets the timeout; at most ``MAX_ABANDONED`` at once,
        beyond which the caller waits for the engine as before, so such queries cannot pile up.  The parts of a
        ``UNION`` run one after the other within that limit and are joined as Neo4j joins them (:mod:`.cypher_union`).

        Raises:
            QueryError: a construct the engine cannot answer as Neo4j would (named), a parameter value the
                engine cannot bind (a list of mixed numbers and strings), a UNION of parts returning different
                columns, or the engine's refusal.
            WriteRefusedError: the engine refused a write.
            QueryTimeoutError: the query ran past ``timeout_s`` seconds (it is interrupted).
        """
        import ladybug

        parts, distinct = union_parts(query)  # each part of a UNION runs on its own (:mod:`.cypher_union`)
        translated = [translate(part, self._schema, params) for part in parts]
        check_names([t.columns or None for t in translated])
        joined = Joined([t.columns for t in translated], distinct)
        conn = ladybug.Connection(self._db, num_threads=QUERY_THREADS)
        outcome: dict[str, Any] = {"part": 0}
        finished = threading.Event()
        state = {"abandoned": False, "done": False}
        state_lock = threading.Lock()
        deadline = time.monotonic() + timeout_s

        def work() -> None:
            try:
                rows: list[list[Any]] = []
                for i, part in enumerate(translated):
                    outcome["part"], left = i, deadline - time.monotonic()
                    if state["abandoned"] or left <= 0:
                        raise QueryTimeoutError(timeout_s)
                    conn.set_query_timeout(max(1, int(left * 1000)))
                    _, got, truncated = _execute(conn, part.text, params, row_cap - len(rows),
                                                 lambda columns, i=i: joined.sink(i, columns))
                    rows += [joined.arrange(i, row) for row in got]
                    if truncated:
                        break
                outcome["value"] = rows, truncated
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc
            finally:
                with state_lock:  # not closed while the caller interrupts it
                    state["done"] = True
                    conn.close()
                    if state["abandoned"]:
                        self._abandoned.release()
                finished.set()

        threading.Thread(target=work, name="policykg-cypher", daemon=True).start()
        if not finished.wait(timeout_s + ABANDON_AFTER_S):
            with state_lock:
                if not state["done"] and self._abandoned.acquire(blocking=False):
                    state["abandoned"] = True
                    with contextlib.suppress(RuntimeError):
                        conn.interrupt()
            if state["abandoned"]:
                raise QueryTimeoutError(timeout_s)
            finished.wait()  # one is left to end alone already: this one is waited for, as the engine stops it
        if "error" in outcome:
            exc = outcome["error"]
            if isinstance(exc, RuntimeError):
                part = outcome["part"]
                raise _engine_error(exc, timeout_s, parts[part], translated[part].columns) from exc
            raise exc
        rows, truncated = outcome["value"]
        return CypherResult(joined.columns, [[_value(v) for v in row] for row in rows], truncated)


def _execute(conn: Any, text: str, params: dict[str, Any], row_cap: int,
             sink: Callable[[list[str]], Callable[[list[Any]], bool]] | None = None
             ) -> tuple[list[str], list[list[Any]], bool]:
    """Run ``text`` on ``conn`` in a read-only transaction: (column names, at most ``row_cap`` rows, whether there
    were more).  ``sink``, given the column names, returns a test of each row: a row failing it is dropped
    (:meth:`.cypher_union.Joined.sink`).

    Raises:
        QueryError: a parameter value the engine cannot bind.
        RuntimeError: the engine's error (:func:`_engine_error` names it).
    """
    conn.execute("BEGIN TRANSACTION READ ONLY")
    try:
        try:
            result = conn.execute(text, params or None)
        except (TypeError, ValueError) as exc:  # the engine's binding of a parameter value, before running
            raise QueryError(f"a query parameter has a value the embedded engine cannot bind (a list must "
                             f"hold values of one type): {str(exc)[:200]}") from exc
        columns = result.get_column_names()
        accept = sink(columns) if sink is not None else None
        rows = []
        while result.has_next() and len(rows) < row_cap:
            row = result.get_next()
            if accept is None or accept(row):
                rows.append(row)
        return columns, rows, result.has_next()
    finally:
        with contextlib.suppress(RuntimeError):  # an interrupted or failed query has ended it already
            conn.execute("ROLLBACK")


def _engine_error(exc: RuntimeError, timeout_s: float, query: str = "", columns: list[str | None] | None = None
                  ) -> QueryError:
    """The error to raise for the engine's ``exc`` on the rewriting of ``query`` (whose RETURN columns are named
    ``columns``): a timeout, a write refused, or the engine's message in the query's own names
    (:func:`.cypher_tokens.users_words`) with the remedy where one is known."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    # a binder's message goes on after its first line (Supported inputs are / the Actual and Expected types:
    # cut there, it stopped mid-sentence, a walkthrough, session 50)
    full = " ".join(line.strip() for line in str(exc).strip().splitlines() if line.strip()) or msg
    msg, full = users_words(msg, columns or [], query), users_words(full, columns or [], query)
    for kind, failure in STRING_INDEXED.items():  # a string indexed where evaluated (:mod:`.cypher_access`)
        if f'Could not convert "{failure}"' in str(exc):
            return QueryError(not_a_list("STRING", kind == "slice"))
    if f'Could not convert "{LONG_LIST}"' in str(exc):  # a lambda reading a long list's fields (:mod:`.cypher_lists`)
        return QueryError(f"a list comprehension or any()/all()/none()/single() reads a property of the elements of a "
                          f"list of more than {LAMBDA_SLICE:,} (the embedded engine answers some of them wrongly past "
                          f"{LAMBDA_SLICE:,}); UNWIND the list and read the property on each row (UNWIND ns AS x WITH "
                          f"x.name AS name …), collect the properties instead of the nodes (collect(n.name)), or use "
                          f"the Neo4j store")
    listed = re.search(r"Function LIST_CONCAT did not receive correct arguments: Actual: *\((.+),INT64\[\]\)", full)
    if listed and "list_concat" not in query.lower():  # the rewriting's check that what is indexed is a list
        return QueryError(not_a_list(listed[1]))
    if "interrupted" in msg.lower() or "timeout" in msg.lower():
        return QueryTimeoutError(timeout_s)
    if "buffer pool is full" in msg:
        return QueryError(f"the query needs more than the embedded engine's {QUERY_BUFFER_POOL_BYTES >> 20} MiB "
                          "of working memory; narrow it (a label, a shorter path, a LIMIT) or use the Neo4j store")
    if "read-only" in msg.lower() or "read only" in msg.lower():
        return WriteRefusedError(f"the embedded engine refused a write (read-only database): {msg}")
    if msg.startswith("Parser exception"):  # a walkthrough (session 45) got "… expected rule iC_Statements"
        return QueryError(f"the query is not Cypher the embedded engine can read: {msg[:300]} (check the "
                          "spelling of clauses and brackets; a keyword used as a name needs backticks, RETURN "
                          "p.name AS `create`)")
    if re.search(r"Cannot find property `?text`?\b", msg):  # a document's text: on Neo4j, not in the copy
        return QueryError("the embedded store's Cypher has no property text (a source document's text is not "
                          "copied to its engine): find the sentences holding a string with policykg sentences "
                          "or GET /sentences (documents, sections, years), or use the Neo4j store, where "
                          "d.text is a property")
    added = re.search(r"given function \+\((\w+\[?\]?),(\w+\[?\]?)\)", msg)
    if added and "STRING" in added.groups() and set(added.groups()) != {"STRING"}:  # Neo4j joins the other's text
        return QueryError(f"the embedded Cypher engine cannot evaluate {added[1]} + {added[2]} where the query "
                          "does not tell both types (a WITH alias, an expression); Neo4j joins a number's text to a "
                          "string: write toString(x) + '…'")
    if re.search(r"has data type STRUCT\(.*\) but expected STRUCT\(", msg):  # maps of other keys in one expression
        return QueryError("the embedded Cypher engine cannot hold maps with different keys in one expression (a CASE, "
                          "coalesce(), a list): give every map the same keys in the same order, or return each map in "
                          "a column of its own; Neo4j answers them as written")
    if re.search(r"has data type \w+(\[\])? but expected \w+(\[\])?\. Implicit cast is not supported", msg):
        return QueryError(f"the embedded Cypher engine could not run the query: {full[:300]} (a list, a CASE and "
                          "coalesce() hold values of one type there, where Neo4j mixes them: make them one type, "
                          "toString(d.year), or return a map {place: d.place, year: d.year} or two columns)")
    if "Lambda paramName" in msg:  # [x IN xs | [y IN ys | x * y]]: the inner lambda cannot see the outer's variable
        return QueryError("the embedded Cypher engine cannot read a list comprehension's variable inside another "
                          "comprehension in its mapping ([x IN xs | [y IN ys | x * y]]); UNWIND the outer list first")
    if "Cannot find property" in msg:  # Neo4j answers null for a property a node lacks
        return QueryError(f"the embedded Cypher engine could not run the query: {full[:600]} (no node or "
                          "relationship of that kind has it; Neo4j would answer null. The properties policykg "
                          "stores are documented in graph/schema.py, as the README's Graph schema says)")
    return QueryError(f"the embedded Cypher engine could not run the query: {full[:600]}")


def _remove(db: Any) -> None:
    """Delete the files of a replaced copy (open handles stay valid until the last query on it ends)."""
    path = Path(getattr(db, "database_path", "") or "")
    if path.name:
        _remove_path(path)


def _remove_path(path: Path) -> None:
    for f in path.parent.glob(path.name + "*"):
        if f.is_file():
            f.unlink(missing_ok=True)
        elif f.is_dir():
            shutil.rmtree(f, ignore_errors=True)


def _value(v: Any) -> Any:
    """A LadybugDB value as the Neo4j store returns it: nodes as their set properties, relationships with ``type``."""
    if isinstance(v, dict):
        dynamic, value = unwrap(v)
        if dynamic:  # n[k] of several types (:mod:`.cypher_access`)
            return _value(value)
        if "_LABEL" in v and "_ID" in v:
            if "_SRC" in v:
                return {"type": v["_LABEL"], **{k: _value(x) for k, x in v.items()
                                                  if not k.startswith("_") and x is not None}}
            return {k: _value(x) for k, x in v.items() if not k.startswith("_") and x is not None}
        keys = {str(k).lower(): k for k in v}
        if "_nodes" in keys and "_rels" in keys:  # a path or a variable-length relationship (_NODES in LadybugDB 0.x)
            return [_value(n) for n in v[keys["_nodes"]]]
        return {str(k): _value(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_value(x) for x in v]
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)
