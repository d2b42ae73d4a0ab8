"""[syntax] [pattern] [expression] problems found while loading: invalid files, exclusive
filter pairs (§2.2), invalid globs (§3.1), `!`-only lists (§2.3), bad expressions."""

from __future__ import annotations

from simulator.check.context import CheckContext


def check(ctx: CheckContext):
    for broken in ctx.workflows.broken:
        yield from broken.diagnostics
    for wf in ctx.workflows.workflows:
        yield from wf.warnings
