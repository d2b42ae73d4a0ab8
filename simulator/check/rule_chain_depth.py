"""[chain-depth] workflow_run links past the third level never run (§5.6)."""

from __future__ import annotations

from simulator.check.context import CheckContext
from simulator.core.diagnostics import Diagnostic
from simulator.rules.workflow_run import MAX_DEPTH

ID = "chain-depth"


def levels(ctx: CheckContext) -> dict[str, tuple[int, list[str]]]:
    """The lowest chain level of each reachable workflow, with one path that reaches it.

    Level 0: started by anything but workflow_run; a listener is one level below its upstream.
    """
    best: dict[str, tuple[int, list[str]]] = {}
    frontier = []
    for wf in ctx.workflows.workflows:
        if any(event != "workflow_run" for event in wf.triggers):
            best[wf.rel_path] = (0, [wf.name])
            frontier.append(wf)
    while frontier:
        nxt = []
        for upstream in frontier:
            level, path = best[upstream.rel_path]
            for up, listener, _ in ctx.edges:
                if up is upstream and listener.rel_path not in best:
                    best[listener.rel_path] = (level + 1, [*path, listener.name])
                    nxt.append(listener)
        frontier = nxt
    return best


def check(ctx: CheckContext):
    for wf in ctx.listeners():
        level, path = levels(ctx).get(wf.rel_path, (None, []))
        if level is not None and level > MAX_DEPTH:
            yield Diagnostic(
                wf.trigger("workflow_run").pos,
                f"this workflow is at level {level} of a workflow_run chain "
                f"({' -> '.join(path)}); GitHub stops after {MAX_DEPTH} levels, so it never runs",
                "error",
                ID,
            )
