"""The first betweenness ranking of a large store (``make bench``; alone: ``python bench/betweenness.py``).

A store of the national and the provincial reports (``../shared/corpus/gwr`` and ``../shared/corpus/gwr2025``, about
24,000 entities: more than the 5,000 measured exactly, so the ranking is the seeded estimate) is loaded afresh, then:

* ``policykg central --measure betweenness``, the whole process (start, open, view, ranking), as a researcher runs it;
* in process: the entity view, then the first ranking, then a second (read from the view);
* over HTTP: ``GET /analytics/central?measure=betweenness`` as soon as a fresh ``policykg serve`` answers, and again
  from a fresh server 20 s after its start (what the start-up prepared); the answer's ``X-Betweenness`` header.

Usage: python bench/betweenness.py [--corpus DIR ...] [--data DIR (a store already loaded)]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPORA = [ROOT.parent / "shared" / "corpus" / "gwr", ROOT.parent / "shared" / "corpus" / "gwr2025"]


def _load(data: Path, corpora: list[Path]) -> None:
    import shutil

    shutil.rmtree(data, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "policykg.cli", "--data-dir", str(data), "load", *map(str, corpora),
                    "--quiet"], check=True, capture_output=True)


def _first_over_http(data: Path, wait_s: float) -> tuple[float, str]:
    """Seconds of the first betweenness request to a fresh server over ``data``, sent ``wait_s`` after it answers
    (``wait_s`` 0: at once), and the answer's ``X-Betweenness`` header."""
    from run import _serve

    server, base, _ = _serve(data)
    try:
        time.sleep(wait_s)
        t = time.perf_counter()
        r = httpx.get(base + "/analytics/central", params={"measure": "betweenness"}, timeout=600)
        r.raise_for_status()
        return time.perf_counter() - t, r.headers.get("x-betweenness", "(no header)")
    finally:
        server.terminate()
        server.wait(timeout=30)


def betweenness_rows(row: Callable[..., None], data: Path, corpora: list[Path] | None = None) -> None:
    """Measure the first betweenness of the store at ``data`` (loaded afresh from ``corpora`` when given) and report
    each figure through ``row(what, value, target)``."""
    from policykg.graph import analytics as A
    from policykg.graph import centrality as C
    from policykg.graph.embedded import EmbeddedStore

    if corpora:
        t = time.perf_counter()
        _load(data, corpora)
        row(f"betweenness store: load {' + '.join(c.name for c in corpora)}", f"{time.perf_counter() - t:.1f} s", "")
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "policykg.cli", "--data-dir", str(data), "central", "--measure",
                          "betweenness"], capture_output=True, text=True, check=True)
    cli = time.perf_counter() - t
    store = EmbeddedStore(data, read_only=True)
    try:
        t = time.perf_counter()
        view = A.entity_view(store)
        built = time.perf_counter() - t
        n, m = view.graph.number_of_nodes(), view.graph.number_of_edges()
        row("betweenness store: entities / links of the entity graph", f"{n:,} / {m:,}", "")
        row("  CLI policykg central --measure betweenness (whole process)", f"{cli:.1f} s", "")
        row("    what it said", out.stderr.strip().splitlines()[-1][:60] if out.stderr.strip() else "(nothing)", "")
        row("  in process: entity view", f"{built * 1000:.0f} ms", "")
        for what in ("first ranking", "second ranking (kept with the view)"):
            t, cpu = time.perf_counter(), time.process_time()  # CPU time too: the machine is shared
            C.central(view, "Program", "betweenness", 20)
            row(f"  in process: {what} (wall / CPU)",
                f"{(time.perf_counter() - t) * 1000:.0f} / {(time.process_time() - cpu) * 1000:.0f} ms", "< 1 s")
    finally:
        store.close()
    for wait_s, what in ((0.0, "as soon as the server answers"), (20.0, "20 s after the server answers")):
        took, header = _first_over_http(data, wait_s)
        row(f"  HTTP first betweenness, {what}", f"{took * 1000:.0f} ms", "< 1 s")
    row("  X-Betweenness", header[:60], "")


def main() -> None:
    sys.path.insert(0, str(HERE))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", help="a folder of documents (repeatable)")
    ap.add_argument("--data", type=Path, help="a store already loaded (nothing is loaded)")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args()

    def row(what: str, value: str, target: str = "") -> None:
        print(f"{what:<62} {value:>24}  {target}", flush=True)

    if args.data:
        betweenness_rows(row, args.data)
    else:
        betweenness_rows(row, args.out / "store-betweenness", [c.resolve() for c in args.corpus or CORPORA])


if __name__ == "__main__":
    main()
