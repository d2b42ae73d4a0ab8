"""[chain-depth] workflow_run links past the third level never run (§5.6)."""

from __future__ import annotations

from collections.abc import Iterator

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic
from simulator.rules.workflow_run import MAX_DEPTH

ID = "chain-depth"


def check(ctx: CheckContext) -> Iterator[Diagnostic]:
    for wf, trigger in ctx.listeners():
        level = ctx.levels.get(wf.rel_path, (None, None))[0]
        if level is not None and level > MAX_DEPTH:
            yield Diagnostic(
                trigger.pos,
                f"this workflow is at level {level} of a workflow_run chain "
                f"({' -> '.join(ctx.path_to(wf))}); GitHub stops after {MAX_DEPTH} levels, so "
                "it never runs",
                "error",
                ID,
            )
