"""How long work says how far it has come: a `Progress` callback, `progress(done, total)`,
called by the library as it goes (files parsed, probes simulated, commits replayed); the
command line draws it as a bar (report/progress.py). `total` is None while unknown."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None]


def silent(done: int, total: int | None = None) -> None:
    """The progress of work nobody watches."""
