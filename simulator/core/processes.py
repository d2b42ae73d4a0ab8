"""Worker processes for work that splits into independent pieces (Monte Carlo iterations,
parsing a big folder): how many cores there are, and a pool of forked workers.

Fork is used where the platform has it: the workers start with ghasim already imported,
in milliseconds. Where it has not (Windows), workers are spawned and import everything
again: Monte Carlo, whose chunks are long, still spreads; a folder's parse stays in one
process (`can_fork_workers`)."""

from __future__ import annotations

import os
from concurrent.futures import Executor


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _has_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def can_fork_workers() -> bool:
    """Forked workers are available: the platform has fork and this process is not itself
    a daemonic worker (which may not have children)."""
    import multiprocessing

    return _has_fork() and not multiprocessing.current_process().daemon


def process_pool(processes: int) -> Executor:
    """A pool of `processes` workers, forked where the platform allows."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if _has_fork() else None)
    return ProcessPoolExecutor(max_workers=processes, mp_context=context)
