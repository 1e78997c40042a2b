"""Many independent pieces of work (files to check, documents to render) on every core.

A batch of hundreds of documents is spread over a pool of worker processes; a handful is done
in this process, where a pool would cost more than it saves. Either way the results come back
in the order of the work, so a parallel build is identical to a serial one, and the first
failure in that order is the one raised, as the same exception a serial run would raise.

On Linux the workers are forked: they start at once and inherit whatever this process has
already prepared (imported modules, compiled templates). Elsewhere, or when this process runs
threads (forking them is unsafe), workers are spawned; each imports unsubmit anew, which pays
only for large batches. ``UNSUBMIT_PROCESSES`` caps the number of processes (1: no pool).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["POOL_MINIMUM", "map_in_order", "process_count"]

T = TypeVar("T")
R = TypeVar("R")

#: Fewer pieces of work than this stay in this process: a pool (about 20 ms to start and stop,
#: and each worker loads its own locale data) would cost more than it saves.
POOL_MINIMUM = 32
#: Spawned workers import everything again (about a second each): worth it for large batches.
_SPAWN_MINIMUM = 200
_ENVIRONMENT = "UNSUBMIT_PROCESSES"


def process_count() -> int:
    """The processes a batch may use: the cores this process may run on, or the user's cap."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity masks
        cores = os.cpu_count() or 1
    cap = os.environ.get(_ENVIRONMENT, "").strip()
    if cap.isdigit() and int(cap) > 0:
        return min(cores, int(cap))
    return cores


def _start_method() -> str:
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _ignore_interrupts() -> None:
    """Ctrl-C is for this process to handle (it stops the pool); workers stay silent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_in_order(
    func: Callable[[T], R],
    items: Sequence[T],
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, spread over processes when that pays.

    ``func`` must be a module-level function and ``items`` picklable. ``done`` is told how many
    results are in so far, after each one.
    """
    method = _start_method()
    processes = min(process_count(), len(items))
    minimum = POOL_MINIMUM if method == "fork" else _SPAWN_MINIMUM
    results: list[R] = []
    if processes < 2 or len(items) < minimum:
        for item in items:
            results.append(func(item))
            if done is not None:
                done(len(results))
        return results
    chunk = max(1, min(16, len(items) // (processes * 8)))
    with multiprocessing.get_context(method).Pool(processes, _ignore_interrupts) as pool:
        for result in pool.imap(func, items, chunksize=chunk):
            results.append(result)
            if done is not None:
                done(len(results))
    return results
