"""Work on many documents in worker processes, the results in input order with a few jobs in flight, each worker
ending with the process that started it."""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

__all__ = ["IN_FLIGHT", "PARENT_CHECK_S", "in_order"]

#: Jobs in flight per worker process.  The results are taken in input order, and the next job is handed out only once
#: the oldest result is taken: while this process works on one result (a load resolves and writes it) or waits for a
#: long document, a worker that has done the jobs after it waits for work.  At 2 per worker, the 2 workers of a load
#: of the gwr corpus waited 5-6 % of their time (py-spy, 1x); at 4, 3-4 %.  A result is a document's graph and text
#: (a few MB at most), so memory still holds a few documents.
IN_FLIGHT = 4


def in_order(work: Callable[[Any], Any], jobs: Iterable[Any], workers: int) -> Iterator[Any]:
    """``work(job)`` of each job, in input order: in this process (``workers`` 1, or a single job: a pool would only
    add its start-up), else in a pool of ``workers`` processes with at most :data:`IN_FLIGHT` ``* workers`` jobs in
    flight, so memory holds a few documents whatever their number.

    Args:
        work: a function of one job, importable by name (it runs in the worker processes).
        jobs: the jobs, read as the workers take them.
        workers: processes (at most the machine's cores; 1 or less: this process).

    Returns:
        An iterator of the results, in the order of ``jobs``.

    Raises:
        Exception: what ``work`` raises for a job, raised here when its result is reached.
    """
    jobs = iter(jobs)
    head = list(islice(jobs, 2))
    if workers <= 1 or len(head) < 2:
        yield from map(work, chain(head, jobs))
        return
    with ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1), initializer=_exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        pending: deque[Future] = deque()
        for job in chain(head, jobs):
            pending.append(pool.submit(work, job))
            if len(pending) >= IN_FLIGHT * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


#: How often a worker process looks whether the process that started it is still there (seconds).
PARENT_CHECK_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """Run in each worker process as it starts: end it once ``parent`` (the pid of the loading process) is gone.

    A load stopped by ``kill`` (SIGTERM, SIGKILL) runs no clean-up, and the workers of a ``ProcessPoolExecutor``
    wait for work for ever (a walkthrough found two idle workers of 320 MiB each a minute after).  The standard
    library has no parent-death hook but Linux's ``prctl``; a daemon thread that compares ``os.getppid()`` every
    :data:`PARENT_CHECK_S` seconds works wherever workers are forked or spawned.
    """
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="policykg-parent-watch", daemon=True).start()
