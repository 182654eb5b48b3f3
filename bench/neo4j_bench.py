"""The Neo4j rows of ``make bench`` (bench/run.py), measured when ``NEO4J_URI`` is set.

* ``policykg --store neo4j load`` of the 10x corpus in a child process (one
  process, as the embedded 10x row): the CLI wall clock, its ratio to the
  embedded load of the same corpus (target <= 1.25), and the load rate in
  relationships per second of time spent writing (the ``writing`` seconds the
  load summary prints: time inside the store's write calls, extraction excluded);
* search and neighbourhood (depth 1 and 2) latency over Bolt, in this process,
  with the queries and nodes of the embedded rows;
* the analytics view the API reads (``/diffusion``, ``/analytics/*``): its build over Bolt, then the latency of
  asking for it again with the graph unchanged (one ``revision`` round trip: the view is kept until any writer
  commits, :attr:`policykg.graph.neo4j_store.Neo4jStore.revision`).

The database at ``NEO4J_URI`` is emptied first (as the test suite does).
Without ``NEO4J_URI`` one row says the Neo4j rows are skipped and why.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["neo4j_rows"]

Row = Callable[..., None]


def neo4j_rows(row: Row, corpus: Path, copies: int, embedded_wall_s: float, sample: list[str], queries: list[str],
               latencies: Callable) -> None:
    """Add the Neo4j rows to the benchmark table.

    Args:
        row: ``row(what, value, target)`` of bench/run.py.
        corpus: the 10x corpus folder.
        copies: how many copies it holds (for the labels).
        embedded_wall_s: wall seconds of ``policykg load`` of ``corpus`` into a fresh embedded store (1 process).
        sample: entity ids for the neighbourhood latencies.
        queries: search strings for the search latency.
        latencies: bench/run.py's ``_latencies(call, items) -> {"p50", "p95", "p99"}`` (milliseconds).
    """
    if not os.environ.get("NEO4J_URI") and not os.environ.get("POLICYKG_NEO4J_URI"):
        row("Neo4j rows", "skipped", "NEO4J_URI is not set: no server to measure (set NEO4J_URI, NEO4J_PASSWORD)")
        return
    from policykg.graph.neo4j_connect import open_neo4j
    from policykg.settings import Settings

    settings = Settings(store="neo4j")
    store = open_neo4j(settings)
    try:
        store.clear()  # the bench database is emptied, as the tests' is
    finally:
        store.close()
    cmd = [sys.executable, "-m", "policykg.cli", "--store", "neo4j", "load", str(corpus), "--quiet", "--workers", "1"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"neo4j load failed:\n{proc.stdout}\n{proc.stderr}")
    summary = proc.stdout.strip().splitlines()[0]
    print("   ", summary, flush=True)
    match = re.search(r"writing ([0-9.]+) s", summary)
    write_s = float(match.group(1)) if match else float("nan")
    store = open_neo4j(settings)
    try:
        rels = sum(store.stats()["relationships"].values())
        row(f"Neo4j load {copies}x, 1 process (CLI wall clock)", f"{wall:.1f} s", "")
        row("  ratio to the embedded load of the same corpus", f"{wall / embedded_wall_s:.2f}", "<= 1.25")
        row("  relationships per second of time spent writing",
            f"{rels / write_s:,.0f} ({rels:,} in {write_s:.1f} s)", ">= 20,000")
        p = latencies(lambda q: store.search(q), queries)
        row(f"Neo4j search over Bolt (ms p50/p95, {len(queries)} queries)", f"{p['p50']:.1f} / {p['p95']:.1f}", "")
        for depth in (1, 2):
            p = latencies(lambda nid, d=depth: store.neighbourhood(nid, d), sample)
            row(f"Neo4j neighbourhood depth {depth} over Bolt (ms p50/p95, {len(sample)} nodes)",
                f"{p['p50']:.1f} / {p['p95']:.1f}", "")
        from policykg.api.deps import ViewCache

        views = ViewCache()
        t0 = time.perf_counter()
        views.get(store)
        built_s = time.perf_counter() - t0
        p = latencies(lambda _: views.get(store), list(range(50)))
        kept = "kept" if views.built_for() is not None else "NOT kept: the server did not say its last transaction"
        row("Neo4j analytics view: built over Bolt, then asked again (s; ms p50/p95, 50 asks)",
            f"{built_s:.1f} s; {p['p50']:.1f} / {p['p95']:.1f} ms ({kept})", "kept")
    finally:
        store.close()
