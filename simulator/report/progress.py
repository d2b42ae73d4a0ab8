"""A progress bar for work that can take more than a second: on standard error when it is a
terminal (never in a log or a redirection), never when asked to be quiet, and only once the
work has lasted a second (a quick command never flashes a bar)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from simulator.core.progress import silent

SHOW_AFTER = 1.0  # seconds of work before the bar appears


@contextmanager
def progress_bar(total: int | None, label: str, enabled: bool = True,
                 show_after: float = SHOW_AFTER) -> Iterator[Callable[..., None]]:  # fmt: skip
    """Yields `update(done, total=None)` (a total learned on the way replaces the first one;
    None counts without a bar's end); a rich bar on a terminal, a no-op otherwise."""
    if not enabled or (total is not None and total <= 1) or not sys.stderr.isatty():
        yield silent
        return
    started = time.monotonic()
    with ExitStack() as stack:
        shown: list[Any] = []  # [bar, task] once it is on screen

        def update(done: int, new_total: int | None = None) -> None:
            nonlocal total
            total = new_total if new_total is not None else total
            if not shown:
                if time.monotonic() - started < show_after:
                    return
                shown.extend(_open(stack, label, total))
            bar, task = shown
            bar.update(task, completed=done, total=total)

        yield update


def _open(stack: ExitStack, label: str, total: int | None) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = stack.enter_context(Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), transient=True, console=Console(stderr=True)))  # fmt: skip
    return bar, bar.add_task(label, total=total)
