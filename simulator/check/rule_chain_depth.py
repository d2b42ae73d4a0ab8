"""[chain-depth] workflow_run links past the third level never run (§5.6)."""

from __future__ import annotations

from collections.abc import Iterator

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic, Severity
from simulator.rules.workflow_run import MAX_DEPTH

ID = "chain-depth"
TITLE = "A workflow_run link past the third level never runs"
FACT = "§5.6"


def check(ctx: CheckContext) -> Iterator[Diagnostic]:
    for wf, trigger in ctx.listeners():
        level = ctx.levels.get(wf.rel_path, (None, None))[0]
        if level is None or level <= MAX_DEPTH:
            continue
        path = ctx.path_to(wf)
        manual = [name for name in path[1:-1] if _dispatchable(ctx, name)]
        severity: Severity = "error"
        ending = "so it never runs"
        if manual:
            severity, ending = "warning", (
                f"so it never runs after the events that start {path[0]}; it runs only when "
                f"{' or '.join(manual)} is dispatched")  # fmt: skip
        yield Diagnostic(
            trigger.pos,
            f"this workflow is at level {level} of a workflow_run chain ({' -> '.join(path)}); "
            f"GitHub stops after {MAX_DEPTH} levels, {ending}",
            severity,
            ID,
        )


def _dispatchable(ctx: CheckContext, name: str) -> bool:
    return any(w.trigger("workflow_dispatch") for w in ctx.by_name.get(name, []))
