"""[spoofable-upstream] a privileged `workflow_run` listener that a fork can start by adding a
workflow with the same `name:` as its upstream: GitHub runs the pull request's copy of the
workflow files (§4.6) and matches listeners by name only (§5.2), so the fork's workflow's
completion starts the listener in the base repository, with its secrets and default token
(§13.1). Only `github.event.workflow_run.head_repository.full_name == github.repository`
(or `head_repository.fork == false`) stops it; a conclusion check does not.

Reported when the listener takes in the upstream run's data (its artifacts, its head, its
branch or title), and only when no outsider reaches it otherwise: a listener that reads only
the upstream's conclusion runs the default branch's code on the default branch's data, and a
listener whose real upstream runs for forks' pull requests already faces their data (rule
tainted-workflow-run then speaks).

Sources: zizmor issue 1100; uutils/coreutils PR 6974.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.audit.context import AuditContext, finding
from simulator.audit.steps import reads_upstream
from simulator.core.diagnostics import Diagnostic

ID = "spoofable-upstream"
TITLE = "A fork can start a privileged workflow_run listener by naming a workflow like its upstream"
FACT = "§13.1"
SEVERITY = "error"


def check(ctx: AuditContext) -> Iterator[Diagnostic]:
    reached = {run.file for probe, result in ctx.results if not probe.added
               for run in result.runs}  # fmt: skip
    for probe, result in ctx.results:
        if not probe.added:
            continue
        for site in ctx.world.sites(probe, result):
            upstream = result.run(site.run.caused_by)
            if (
                upstream is None
                or upstream.file not in probe.added
                or not site.privilege.privileged
            ):
                continue
            taken = reads_upstream(site.job)
            if taken is None or site.run.file in reached:
                continue
            trigger = site.run.workflow.trigger("workflow_run")
            assert trigger is not None
            index = (
                trigger.workflows.index(upstream.name) if upstream.name in trigger.workflows else 0
            )
            pos = (
                trigger.workflows_pos[index] if index < len(trigger.workflows_pos) else site.job.pos
            )
            yield finding(ID, FACT, "error", pos,
                          f"a fork's workflow named '{upstream.name}' starts this listener, and "
                          f"job {site.record.key} takes in the fork's run ({taken}) with "
                          f"{site.privilege.describe()}; check "
                          "github.event.workflow_run.head_repository.full_name == "
                          "github.repository", site)  # fmt: skip
