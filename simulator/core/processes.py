"""Worker processes for work that splits into independent pieces (Monte Carlo iterations,
parsing a big folder): how many cores there are, and a pool of forked workers.

Fork is used where the platform has it: the workers start with ghasim already imported,
in milliseconds. Where it has not (Windows), workers are spawned and import everything
again: Monte Carlo, whose chunks are long, still spreads; a folder's parse stays in one
process (`can_fork_workers`).

Interrupts stop at once: a worker ignores SIGINT (Ctrl-C reaches the whole process group; the
parent decides), exits by itself when its parent is gone, and a pool left by an exception
(KeyboardInterrupt, Terminated) cancels its pending work and terminates its workers within
STOP_SECONDS instead of letting them finish their chunks."""

from __future__ import annotations

import os
from concurrent.futures import Executor
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

STOP_SECONDS = 1.0  # a terminated worker gets this long to go before it is killed
PARENT_POLL_SECONDS = 0.2  # how often a worker looks whether its parent is still there


class Terminated(BaseException):
    """SIGTERM arrived (`timeout`, `docker stop`, a CI runner cancelling): unwinds like
    KeyboardInterrupt, so pools stop and temporary files go; the command exits 143."""


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


@cache
def _pool_class() -> type[ProcessPoolExecutor]:
    # built on first use: importing the process pool costs start-up time most commands skip
    from concurrent.futures import ProcessPoolExecutor

    class Pool(ProcessPoolExecutor):
        """A process pool whose `with` block, left by an exception, stops the workers."""

        def __exit__(self, kind: Any, exc: Any, tb: Any) -> bool:
            if kind is not None:
                stop_pool(self)
                return False
            return bool(super().__exit__(kind, exc, tb))

    return Pool


def process_pool(processes: int) -> ProcessPoolExecutor:
    """A pool of `processes` workers, forked where the platform allows."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if _has_fork() else None)
    return _pool_class()(max_workers=processes, mp_context=context, initializer=_worker_start,
                 initargs=(os.getpid(),))  # fmt: skip


def stop_pool(pool: Executor) -> None:
    """Pending work cancelled, workers terminated (killed after STOP_SECONDS), no wait for
    running chunks. Any executor is cancelled; a process pool's workers are also stopped."""
    import threading
    import time

    _quiet_cancelled_futures(threading)
    processes: list[Any] = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(STOP_SECONDS)


def _quiet_cancelled_futures(threading: Any) -> None:
    """The pool's manager thread, finding its workers gone (a signal to the whole group), sets
    an error on futures this stop already cancelled, and CPython 3.11 to 3.13 prints that
    InvalidStateError as a thread's traceback: noise about work nobody waits for."""
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook
    if getattr(previous, "ghasim_quiet", False):
        return

    def hook(args: Any) -> None:
        if not issubclass(args.exc_type, InvalidStateError):
            previous(args)

    hook.ghasim_quiet = True  # type: ignore[attr-defined]
    threading.excepthook = hook


def _worker_start(parent: int) -> None:
    """In a new worker: leave Ctrl-C to the parent, and go when the parent goes."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)  # orphaned: the parent was killed and can no longer read a result
