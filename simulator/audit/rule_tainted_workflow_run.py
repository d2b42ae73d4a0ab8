"""[tainted-workflow-run] a `workflow_run` listener, started by a run an outsider controls
(a fork's pull request), that downloads that run's artifact (`actions/download-artifact` with
`run-id`, `dawidd6/action-download-artifact`, the REST API) or checks out its head
(`head_sha`, `head_branch`), then runs code or writes `GITHUB_ENV`/`GITHUB_PATH`, with a
write token, secrets or `id-token: write`: the listener runs the base repository's workflow
with its privileges (§5.9, §13.2) on the fork's output.

Incident: artifact poisoning in rust-lang's workflows (Legit Security, 2022-12). Fix: treat
the artifact as data (never execute it, never write it to GITHUB_ENV), unpack it outside the
workspace, and check `github.event.workflow_run.head_repository.full_name ==
github.repository` before privileged steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.audit.context import AuditContext, finding
from simulator.audit.steps import checks_out_untrusted, downloads_artifact, runs_code, writes_env
from simulator.core.diagnostics import Diagnostic

ID = "tainted-workflow-run"
TITLE = "A privileged workflow_run listener runs what an untrusted upstream produced"
FACT = "§13.3"
SEVERITY = "error"


def check(ctx: AuditContext) -> Iterator[Diagnostic]:
    for site in ctx.untrusted_sites():
        if site.run.event != "workflow_run" or not site.privilege.privileged:
            continue
        steps = site.job.steps
        for i, step in enumerate(steps):
            taken = downloads_artifact(step)
            what = f"downloads the upstream run's artifact ({taken})" if taken else None
            ref = checks_out_untrusted(step) if taken is None else None
            if ref is not None:
                what = f"checks out the upstream run's head ({ref})"
            if what is None:
                continue
            later = steps[i + 1 :]
            used = next((runs_code(s) for s in later if runs_code(s)), None)
            if any(writes_env(s) for s in later):
                used = "writes to GITHUB_ENV/GITHUB_PATH (what later steps run with)"
            if used is None:
                continue
            yield finding(ID, FACT, "error", step.pos or site.job.pos,
                          f"{what}, then {used}, with {site.privilege.describe()}", site)  # fmt: skip
            break
