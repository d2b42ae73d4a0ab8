"""[pwn-request] a `pull_request_target` job (or one started by an outsider's comment) that
checks out the pull request's head or merge ref and then runs code from it, with a write
token or secrets: the fork's code runs with the base repository's privileges
(`pull_request_target` always runs the default branch's workflow, §14.3, with a read/write
token even for forks, §14.7).

Incident: GitHub Security Lab, "Preventing pwn requests"; the Nx "s1ngularity" compromise
(GHSA-cxm3-wv7p-598c). Fix: build the pull request in a `pull_request` workflow (no secrets,
read-only token) and publish from a `workflow_run` listener that treats its artifact as data;
or check out only the base.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.audit.context import AuditContext, finding
from simulator.audit.steps import checks_out_untrusted, runs_code
from simulator.core.diagnostics import Diagnostic

ID = "pwn-request"
TITLE = "A privileged run checks out a fork's code and runs it"
FACT = "§13.2"
SEVERITY = "error"
EVENTS = ("pull_request_target", "issue_comment")


def check(ctx: AuditContext) -> Iterator[Diagnostic]:
    for site in ctx.untrusted_sites():
        if site.run.event not in EVENTS or not site.privilege.privileged:
            continue
        steps = site.job.steps
        for i, step in enumerate(steps):
            ref = checks_out_untrusted(step)
            if ref is None:
                continue
            executed = next((runs_code(s) for s in steps[i + 1 :] if runs_code(s)), None)
            if executed is None:
                continue
            yield finding(ID, FACT, "error", step.pos or site.job.pos,
                          f"checks out the pull request's code ({ref}) and {executed} with "
                          f"{site.privilege.describe()}", site)  # fmt: skip
            break
