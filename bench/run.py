"""policykg benchmark: one run, one table (``make bench``).

Measures, on one machine in one run:

* the floor: ``jieba.cut`` (no HMM) with policykg's user dictionary over the corpus text;
* ``policykg load`` into the embedded store at 1x and 10x (copies of every file
  under distinct document ids), single process and with N worker processes:
  characters per second, ratio to the floor, wall time 10x / 1x, peak RSS;
* ``policykg serve`` at 10x: time to the first answered request, peak RSS,
  neighbourhood (depth 1 and 2, 1,000 random entities), search (200 Chinese
  queries) and sentence search (the same queries) latency over HTTP; then the
  first Cypher query (it builds the engine's copy), Cypher neighbourhood latency
  and the peak RSS with Cypher; then one ``policykg query`` process, which starts from the copy the server kept;
* a load test at 1x (bench/loadtest.py, locust): 50 clients, 5,000 mixed requests;
* in-process at 10x: neighbourhood and search latency, pyvis view generation
  for a 300-node neighbourhood, centrality and communities;
* the first betweenness of a large store (bench/betweenness.py: the corpus and ``gwr2025`` beside it, about 24,000
  entities): on the command line, in process, and over HTTP at once and 20 s after a server's start;
* with ``NEO4J_URI`` set (bench/neo4j_bench.py; the database is emptied): ``policykg
  --store neo4j load`` at 10x, its ratio to the embedded load, relationships per
  second of time spent writing, search and neighbourhood latency over Bolt.
  Without it, one row says those rows are skipped.

Writes the table to ``bench/results.md`` (with the core count and the date)
and prints it.  Generated corpora and stores go under ``bench/out/`` (ignored by git).

Usage: python bench/run.py --corpus ../shared/corpus/gwr [--copies 10] [--workers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _percentiles(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(x * 1000 for x in samples_s)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": statistics.median(ms), "p95": q[94], "p99": q[98]}


def _latencies(call, items) -> dict[str, float]:
    """Call ``call(item)`` for each item, one after another; return p50/p95/p99 in milliseconds."""
    lat = []
    for item in items:
        t = time.perf_counter()
        call(item)
        lat.append(time.perf_counter() - t)
    return _percentiles(lat)


def _run_load(data_dir: Path, corpus: Path, workers: int) -> tuple[float, float]:
    """Run ``policykg load`` in a child process; return (wall seconds, peak RSS in MiB of the largest process)."""
    shutil.rmtree(data_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "policykg.cli", "--data-dir", str(data_dir), "load", str(corpus), "--quiet",
           "--workers", str(workers)]
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:  # not a pipe: waiting on a full pipe would hang
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        log.seek(0)
        out = log.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"load failed:\n{out}")
    print("   ", out.strip().splitlines()[0], flush=True)
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def _make_copies(corpus: Path, out: Path, copies: int) -> Path:
    target = out / f"corpus-x{copies}"
    files = sorted(corpus.glob("*.txt"))
    if target.is_dir() and len(list(target.glob("*.txt"))) == copies * len(files):
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for i in range(copies):
        for f in files:
            shutil.copyfile(f, target / f"{f.stem}__copy{i}.txt")
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(data_dir: Path, timeout_s: float = 120) -> tuple[subprocess.Popen, str, float]:
    """Start ``policykg serve`` on a free loopback port; return (process, base URL, seconds to the first answer)."""
    port = _free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--data-dir", str(data_dir), "serve", "--host",
                             "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return proc, base, time.perf_counter() - t0
        except httpx.TransportError:
            pass
        if time.perf_counter() - t0 > timeout_s or proc.poll() is not None:
            proc.kill()
            raise SystemExit(f"serve did not answer within {timeout_s:g} s")
        time.sleep(0.05)


def _vm_hwm_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder of .txt documents (1x)")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--results", type=Path, default=HERE / "results.md")
    ap.add_argument("--queries", type=int, default=1000, help="random entities per neighbourhood depth")
    args = ap.parse_args()

    from policykg.graph import analytics as A
    from policykg.graph import centrality as C
    from policykg.graph.embedded import EmbeddedStore
    from policykg.loaders.lexicon import _tags, reference_tokenizer
    from policykg.viz.pages import render_view

    corpus = args.corpus.resolve()
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"{corpus}: no .txt files")
    args.out.mkdir(parents=True, exist_ok=True)
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars1 = sum(map(len, texts))
    rows: list[tuple[str, str, str]] = []

    def row(what: str, value: str, target: str = "") -> None:
        rows.append((what, value, target))
        print(f"{what:<58} {value:>22}  {target}", flush=True)

    print(f"corpus: {len(files)} files, {chars1:,} characters (1x); {args.copies}x = {chars1 * args.copies:,}")
    # ---- floor
    tok = reference_tokenizer()  # jieba itself: the floor stays jieba.cut, whatever the loader uses
    _tags()
    t0 = time.perf_counter()
    for text in texts:
        for _ in tok.cut(text, HMM=False):
            pass
    floor = chars1 / (time.perf_counter() - t0)
    row("floor: jieba.cut (no HMM, policykg user dictionary)", f"{floor:,.0f} chars/s")

    # ---- loads
    x1 = _make_copies(corpus, args.out, 1)  # the same .txt files as the floor, nothing else of the folder
    x10 = _make_copies(corpus, args.out, args.copies)
    chars10 = chars1 * args.copies
    w1, rss1 = _run_load(args.out / "store-x1", x1, 1)
    r1 = chars1 / w1
    row("load 1x, 1 process (CLI wall clock, with start-up)", f"{r1:,.0f} chars/s", "")
    row("  ratio to the floor", f"{r1 / floor:.2f}", ">= 0.50")
    w10, rss10 = _run_load(args.out / "store-x10", x10, 1)
    r10 = chars10 / w10
    row(f"load {args.copies}x, 1 process", f"{r10:,.0f} chars/s", "")
    row("  ratio to the floor", f"{r10 / floor:.2f}", ">= 0.50")
    row(f"  wall time {args.copies}x / 1x", f"{w10 / w1:.2f} ({w10:.1f} s / {w1:.1f} s)", f"<= {1.2 * args.copies:g}")
    row(f"  peak RSS, load {args.copies}x", f"{rss10:,.0f} MiB", "< 2048 MiB")
    row("  peak RSS, load 1x", f"{rss1:,.0f} MiB", "")
    wn, rssn = _run_load(args.out / "store-x10-workers", x10, args.workers)
    rn = chars10 / wn
    row(f"load {args.copies}x, {args.workers} worker processes", f"{rn:,.0f} chars/s", "")
    # what `policykg load` gives by default on this machine (one worker per core, at most 4)
    row("  ratio to the floor", f"{rn / floor:.2f}", ">= 0.50")
    row(f"  speed-up over 1 process ({os.cpu_count()} cores)", f"{rn / r10:.2f}x", f"~{args.workers}x")
    row(f"  peak RSS of the largest process, {args.workers} workers", f"{rssn:,.0f} MiB", "< 2048 MiB")

    # ---- serve at 10x
    store_dir = args.out / "store-x10"
    server, base, started = _serve(store_dir)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            row(f"serve {args.copies}x: start to first answered request", f"{started:.2f} s", "<= 5 s")
            store = EmbeddedStore(store_dir)
            gc.collect()
            gc.freeze()  # as `serve` does after opening its store (api/main.py)
            entities = sorted(n["id"] for n in store.iter_nodes(["Body", "Program", "Goal", "Document"])
                              if n.get("kind") != "source")
            rng = random.Random(0)
            sample = [rng.choice(entities) for _ in range(args.queries)]
            names = [n["name"] for n in store.iter_nodes(["Body", "Program", "Goal"])]
            queries = []
            for name in rng.sample(names, min(200, len(names))):
                k = rng.randint(2, min(4, len(name)))
                i = rng.randint(0, len(name) - k)
                queries.append(name[i:i + k])
            for depth in (1, 2):
                p = _latencies(lambda nid, d=depth: client.get(f"/nodes/{nid}/neighbourhood",
                                                               params={"depth": d}).raise_for_status(), sample)
                row(f"HTTP neighbourhood depth {depth} (ms p50/p95/p99, {len(sample)} nodes)",
                    f"{p['p50']:.1f} / {p['p95']:.1f} / {p['p99']:.1f}", "p95 < 50 ms" if depth == 2 else "")
            p = _latencies(lambda q: client.get("/search", params={"q": q}).raise_for_status(), queries)
            row(f"HTTP search (ms p50/p95, {len(queries)} queries)", f"{p['p50']:.1f} / {p['p95']:.1f}", "p95 < 50 ms")
            # Sentence search (concordance): the server builds the sentence index (sentences.sqlite) in the
            # background at start-up; the first query waits for what is left of it. Then the same 200
            # substrings (2-4 characters: pairs from the two-character index, longer ones from the trigram index).
            t = time.perf_counter()
            # the wait is what this row measures: at 10x it exceeds the client's 30 s
            client.get("/sentences", params={"q": queries[0]}, timeout=900).raise_for_status()
            row(f"HTTP sentence search: first query (waits for the index built at start-up, {args.copies}x)",
                f"{time.perf_counter() - t:.1f} s", "once per store")
            p = _latencies(lambda q: client.get("/sentences", params={"q": q}).raise_for_status(), queries)
            row(f"HTTP sentence search (ms p50/p95, {len(queries)} queries, 50 hits and the total each)",
                f"{p['p50']:.1f} / {p['p95']:.1f}", "p95 < 50 ms")
            for i, (path, params) in enumerate([("/analytics/central", {"measure": "pagerank"}),
                                                 ("/analytics/central", {"measure": "pagerank"}),
                                                 ("/analytics/central", {"measure": "betweenness"}),
                                                 ("/analytics/communities", {})]):
                t = time.perf_counter()
                client.get(path, params=params).raise_for_status()
                what = "first call" if i == 0 else "view cached"
                row(f"HTTP {path} {params.get('measure', '')} ({what})",
                    f"{(time.perf_counter() - t) * 1000:.0f} ms", "< 1 s")
            row(f"peak RSS, serve {args.copies}x", f"{_vm_hwm_mib(server.pid):,.0f} MiB", "< 2048 MiB")
            # Cypher last: its first query builds the engine's copy (graph/cypher_mirror.py)
            t = time.perf_counter()
            client.post("/cypher", json={"query": "MATCH (n) RETURN count(*)"}, timeout=900).raise_for_status()
            row("HTTP Cypher, first query (builds the engine's copy)", f"{time.perf_counter() - t:.1f} s", "")
            p = _latencies(lambda nid: client.post("/cypher", json={"query": "MATCH (n {id: $id})--(m) RETURN m.id",
                                                                    "params": {"id": nid}}).raise_for_status(),
                           sample[:200])
            row("HTTP Cypher neighbourhood depth 1 (ms p50/p95/p99, 200 nodes)",
                f"{p['p50']:.1f} / {p['p95']:.1f} / {p['p99']:.1f}", "")
            row(f"peak RSS, serve {args.copies}x, Cypher included", f"{_vm_hwm_mib(server.pid):,.0f} MiB", "< 2048 MiB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    # a later process starts from the copy the server kept in the data folder (graph/cypher_cache.py)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policykg.cli", "--data-dir", str(store_dir), "query",
                    "MATCH (n) RETURN count(*)"], capture_output=True, check=True)
    row(f"CLI policykg query at {args.copies}x, the kept copy (whole process: start, open, copy, query)",
        f"{time.perf_counter() - t:.1f} s", "")

    # ---- load test: 50 clients, 5,000 mixed requests, against the gwr corpus (1x)
    server, base, _ = _serve(args.out / "store-x1")
    try:
        out = subprocess.run([sys.executable, str(HERE / "loadtest.py"), "--host", base, "--users", "50",
                              "--requests", "5000"], capture_output=True, text=True, check=True).stdout
        lt = json.loads(out.strip().splitlines()[-1])
        row(f"load test: {lt['users']} clients, {lt['requests']:,} mixed requests (1x)",
            f"{lt['failures']} errors, {lt['requests_per_s']:.0f} req/s", "0 errors")
        row("  latency under that load (ms p50/p95/p99)", f"{lt['p50_ms']:.0f} / {lt['p95_ms']:.0f} / {lt['p99_ms']:.0f}")
    finally:
        server.terminate()
        server.wait(timeout=30)

    # ---- in-process at 10x
    for depth in (1, 2):
        p = _latencies(lambda nid, d=depth: store.neighbourhood(nid, d), sample)
        row(f"in-process neighbourhood depth {depth} (ms p50/p95/p99)",
            f"{p['p50']:.2f} / {p['p95']:.2f} / {p['p99']:.2f}", "p95 < 20 ms" if depth == 2 else "")
    p = _latencies(store.search, queries)
    row("in-process search (ms p50/p95)", f"{p['p50']:.2f} / {p['p95']:.2f}", "p95 < 50 ms")
    hub = max(entities[:: max(1, len(entities) // 400)],
              key=lambda n: len(store.neighbourhood(n, 2, limit=300).nodes))
    sg = store.neighbourhood(hub, 2, limit=300)
    t = time.perf_counter()
    render_view(sg.to_dict(), hub, hub)
    row(f"pyvis view of a {len(sg.nodes)}-node neighbourhood", f"{(time.perf_counter() - t) * 1000:.0f} ms",
        "< 500 ms")
    t = time.perf_counter()
    view = A.entity_view(store)
    gc.freeze()  # as the API does with its cached view
    row(f"entity view for analytics ({view.graph.number_of_nodes():,} entities)",
        f"{(time.perf_counter() - t) * 1000:.0f} ms", "")
    for measure in C.MEASURES:
        t = time.perf_counter()
        C.central(view, "Program", measure, 20)
        row(f"analytics: central Programs by {measure}", f"{(time.perf_counter() - t) * 1000:.0f} ms", "< 1 s")
    t = time.perf_counter()
    C.communities(view, "Program")
    row("analytics: communities (Louvain)", f"{(time.perf_counter() - t) * 1000:.0f} ms", "< 1 s")
    store.close()

    # ---- the first betweenness of a large store: the national and provincial reports (bench/betweenness.py)
    sys.path.insert(0, str(HERE))
    from betweenness import betweenness_rows

    large = [corpus, *(c for c in [corpus.parent / "gwr2025"] if c.is_dir())]
    betweenness_rows(row, args.out / "store-betweenness", large)

    # ---- Neo4j (when NEO4J_URI is set): load rate of the 10x corpus, search and neighbourhood over Bolt
    from neo4j_bench import neo4j_rows

    neo4j_rows(row, x10, args.copies, w10, sample, queries, _latencies)

    today = dt.date.today().isoformat()
    lines = [f"# policykg benchmark ({today})", "",
             f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. Corpus: {corpus.name}, "
             f"{len(files)} files, {chars1:,} characters at 1x, {chars10:,} at {args.copies}x "
             "(copies under distinct document ids). All figures from one run of `make bench`.", "",
             "| measure | value | target |", "|---|---:|---|"]
    lines += [f"| {w} | {v} | {t} |" for w, v, t in rows]
    args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {args.results}")


if __name__ == "__main__":
    main()
