"""Memory settings for building large graphs in Python."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large graph is built.

    Building hundreds of thousands of small dicts and sets triggers collections
    that walk the whole, growing heap; pausing them took opening a 14 M-character
    store from 3.6 s to 2.1 s (bench/run.py).  Reference counting still frees
    memory; the collector's previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
