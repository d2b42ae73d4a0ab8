"""[effective-permissions] a job that takes in an outsider's input (a pull request's title or
code, a comment, an untrusted upstream run's artifact or head) and runs with the repository's
default token, because neither the job nor its workflow declares `permissions:`: under the
permissive default (§14.6) every scope is write. Jobs that only run trusted code on trusted
data are not reported. Declare the least the job needs
(`permissions: {contents: read}`), so that a mistake elsewhere does not hand out a write
token. `ghasim audit --explain WORKFLOW` prints each job's effective token and secrets.

Source: GitHub's GITHUB_TOKEN reference (§14.7); GitHub Security Lab, "Keeping your GitHub
Actions and workflows secure".
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.audit.context import AuditContext, applies, finding
from simulator.audit.steps import job_texts, reads_upstream
from simulator.audit.taint import UNTRUSTED
from simulator.audit.world import JobSite
from simulator.core.diagnostics import Diagnostic

ID = "effective-permissions"
TITLE = "A job outsiders reach runs with the repository's default (write) token"
FACT = "§14.7"
SEVERITY = "warning"


def check(ctx: AuditContext) -> Iterator[Diagnostic]:
    seen: set[tuple[str, str]] = set()
    for site in ctx.untrusted_sites():
        privilege = site.privilege
        if not privilege.source.startswith("the repository default") or not privilege.writes:
            continue
        taken = takes_untrusted(site)
        if taken is None:
            continue
        key = (site.workflow.rel_path, site.job.id)
        if key in seen:
            continue
        seen.add(key)
        yield finding(ID, FACT, "warning", site.job.pos,
                      f"takes in {taken} and runs with {privilege.source}: "
                      f"{len(privilege.writes)} scopes can write; declare the permissions it "
                      "needs", site)  # fmt: skip


def takes_untrusted(site: JobSite) -> str | None:
    """What outsider-controlled input the job reads, or None."""
    if site.run.event == "workflow_run":
        taken = reads_upstream(site.job)
        if taken is not None:
            return f"the untrusted upstream run's data ({taken})"
    for text in job_texts(site.job):
        for found in UNTRUSTED.finditer(text):
            if applies(found.group(0), site.run):
                return found.group(0)
    from simulator.audit.steps import checks_out_untrusted

    for step in site.job.steps:
        ref = checks_out_untrusted(step)
        if ref is not None:
            return f"the pull request's code ({ref})"
    return None
