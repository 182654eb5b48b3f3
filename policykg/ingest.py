"""Load files into a store: read -> outline -> extract (workers) -> resolve -> store (this process).

Reading and extraction may run in worker processes; resolution and writing
always run here, in input order, so the result does not depend on the
number of workers.  A file that fails is reported and skipped; nothing
already in the store changes because of it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from policykg.errors import LoadError
from policykg.graph.records import DocumentGraph
from policykg.graph.resolve import EntityIndex, resolve_document
from policykg.graph.schema import to_property_graph
from policykg.graph.store import GraphStore
from policykg.loaders.pipeline import process_file
from policykg.loaders.read import SUPPORTED_SUFFIXES

__all__ = ["LoadReport", "expand_paths", "extract_paths", "load_paths"]

logger = logging.getLogger(__name__)


@dataclass
class LoadReport:
    """What a load did: documents written, unchanged, failed (with reasons), characters, seconds."""

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chars: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One paragraph for the terminal."""
        rate = self.chars / self.seconds if self.seconds else 0.0
        lines = [f"loaded {len(self.loaded)}, unchanged {len(self.unchanged)}, failed {len(self.failed)} "
                 f"({self.chars:,} characters in {self.seconds:.1f} s, {rate:,.0f} characters/s)"]
        lines += [f"  failed: {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the supported files below them (sorted); keep files as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(p)
    return out


def _work(args: tuple[Path, int]) -> DocumentGraph | LoadError:
    path, max_bytes = args
    try:
        return process_file(path, max_bytes)
    except LoadError as exc:
        return exc
    except Exception as exc:  # one bad file must never stop a folder load
        logger.exception("unexpected error while reading %s", path)
        return LoadError(str(path), f"could not be processed ({type(exc).__name__}: {exc})")


def extract_paths(paths: list[Path], workers: int = 1, max_bytes: int = 20 * 1024 * 1024
                  ) -> Iterator[tuple[Path, DocumentGraph | LoadError]]:
    """Yield ``(path, DocumentGraph or LoadError)`` in input order, streaming.

    Args:
        paths: files to read.
        workers: processes for reading and extraction (1 = this process).
        max_bytes: larger files are refused.
    """
    jobs = [(p, max_bytes) for p in paths]
    if workers <= 1 or len(paths) <= 1:
        for job in jobs:
            yield job[0], _work(job)
        return
    with ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1)) as pool:
        yield from zip(paths, pool.map(_work, jobs, chunksize=1), strict=True)


def load_paths(store: GraphStore, paths: list[Path], workers: int = 1, max_bytes: int = 20 * 1024 * 1024,
               progress: bool = True, on_document: Callable[[DocumentGraph], None] | None = None) -> LoadReport:
    """Load files into ``store``, one atomic write per document.

    Args:
        store: the target store.
        paths: files or folders (folders are expanded to .txt/.md files).
        workers: extraction processes.
        max_bytes: size limit per file (bytes).
        progress: show a progress bar (documents and characters per second).
        on_document: called with each resolved document graph (e.g. to write JSONL).

    Returns:
        A :class:`LoadReport`; failed files are listed, never raised.
    """
    files = expand_paths(paths)
    report = LoadReport()
    index = EntityIndex()
    for nid, label, forms in store.entity_names():
        index.add(nid, label, forms)
    t0 = time.perf_counter()
    bar = tqdm(total=len(files), unit="doc", disable=not progress, dynamic_ncols=True)
    for _path, result in extract_paths(files, workers, max_bytes):
        if isinstance(result, LoadError):
            report.failed.append((result.path, result.reason))
        else:
            dg = resolve_document(result, index)
            written = store.upsert_document(to_property_graph(dg), dg.document.text)
            (report.loaded if written else report.unchanged).append(dg.document.id)
            report.chars += dg.document.char_count
            if on_document:
                on_document(dg)
        bar.update(1)
        elapsed = time.perf_counter() - t0
        bar.set_postfix_str(f"{report.chars / elapsed if elapsed else 0:,.0f} chars/s", refresh=False)
    bar.close()
    report.seconds = time.perf_counter() - t0
    return report
