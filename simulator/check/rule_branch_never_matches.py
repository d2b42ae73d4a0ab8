"""[branch-never-matches] a listener's `branches` filter that no upstream run can pass (§5.3).

Runs started by workflow_run run on the default branch (§5.7): a level-2 listener filtering on
a feature branch never runs. Upstreams started only by pushes to listed branches are checked
against those branches.
"""

from __future__ import annotations

from simulator.check.context import CheckContext, only_workflow_run
from simulator.core.diagnostics import Diagnostic
from simulator.rules.filters import check_name
from simulator.settings import DEFAULT
from simulator.workflow.model import Workflow

ID = "branch-never-matches"
TITLE = "A workflow_run listener's branches filter no upstream run can pass"
FACT = "§5.3"
GLOB = set("*?+[]!\\")
DEFAULT_BRANCH_EVENTS = {"workflow_run", "schedule", "repository_dispatch", "workflow_dispatch"}


def head_branches(wf: Workflow, default_branch: str) -> tuple[set[str] | None, str]:
    """The head branches runs of `wf` can have (None: any), and why."""
    if only_workflow_run(wf):
        return {default_branch}, f"'{wf.name}' only runs from workflow_run, on '{default_branch}'"
    branches: set[str] = set()
    for event, trigger in wf.triggers.items():
        if event in DEFAULT_BRANCH_EVENTS - {"workflow_dispatch"}:
            branches.add(default_branch)
            continue
        flt = trigger.filter("branches")
        literal = flt is not None and not any(GLOB & set(s) for s in flt.sources)
        if event == "push" and flt is not None and literal and not trigger.filter("tags"):
            branches.update(flt.sources)
            continue
        return None, ""
    return branches, f"'{wf.name}' only runs on {', '.join(sorted(branches))}"


def check(ctx: CheckContext):
    for listener, trigger in ctx.listeners():
        flt = trigger.filter("branches") or trigger.filter("branches-ignore")
        if flt is None:
            continue
        upstreams = [up for up, _, _ in ctx.upstream.get(listener.rel_path, [])]
        if not upstreams:
            continue
        reasons = []
        for upstream in upstreams:
            branches, why = head_branches(upstream, ctx.default_branch)
            if branches is None or any(check_name(flt, b, "branch", DEFAULT) for b in branches):
                break
            reasons.append(why)
        else:
            yield Diagnostic(flt.pos, f"{flt.describe()} can never match: {'; '.join(reasons)}",
                             "error", ID)  # fmt: skip
