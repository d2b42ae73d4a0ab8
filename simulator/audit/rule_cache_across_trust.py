"""[cache-across-trust] a run an outsider controls that can write a cache in the default
branch's scope (it runs on the default branch, §14.8: `pull_request_target`, `workflow_run`,
`issue_comment`, and executes the outsider's code), followed in simulated time by a trusted
run (a push, a tag, a release, a dispatch) that restores a matching key: the outsider's files
end up in the trusted build.

Incident: Ultralytics, 2024-12 (a `pull_request_target` job poisoned the cache a release run
restored). Fix: never save caches in jobs that run untrusted code (`actions/cache/restore`
only, or `cache: false` on setup actions), or key trusted caches apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.audit.context import AuditContext, finding, root_event, untrusted_event
from simulator.audit.steps import (
    cache_restore,
    cache_write,
    checks_out_untrusted,
    downloads_artifact,  # fmt: skip
    keys_meet,
)
from simulator.core.diagnostics import Diagnostic
from simulator.core.timeparse import clock

ID = "cache-across-trust"
TITLE = "A cache an outsider can write is restored by a trusted run"
FACT = "§14.8"
SEVERITY = "error"
DEFAULT_BRANCH_SCOPE = ("pull_request_target", "workflow_run", "issue_comment", "issues")


def check(ctx: AuditContext) -> Iterator[Diagnostic]:
    if ctx.cache is None:
        return
    probe, result = ctx.cache
    writers, readers = [], []
    for site in ctx.world.sites(probe, result):
        event = root_event(site.run, result, probe)
        if event is not None and untrusted_event(event):
            if site.run.event in DEFAULT_BRANCH_SCOPE:
                writers.append(site)
        else:
            readers.append(site)
    restores = sorted(((site.record.started_at or 0.0, site, key) for site in readers
                       for step in site.job.steps for key in cache_restore(step)),
                      key=lambda entry: entry[0])  # fmt: skip
    for writer in writers:
        steps = writer.job.steps
        tainted = next((i for i, s in enumerate(steps)
                        if checks_out_untrusted(s) or downloads_artifact(s)), None)  # fmt: skip
        if tainted is None:
            continue
        for step in steps[tainted:]:
            key = cache_write(step)
            if key is None:
                continue
            reader = _first_reader(restores, key, writer.record.started_at or 0.0)
            if reader is None:
                continue
            site, restored = reader
            at = clock(result.start, writer.record.started_at or 0.0)
            later = clock(result.start, site.record.started_at or 0.0)
            yield finding(ID, FACT, "error", step.pos or writer.job.pos,
                          f"saves the cache '{key}' after running the outsider's code (at {at}, "
                          f"in the default branch's scope); at {later}, {site.run.name} (job "
                          f"{site.record.key}, started by {site.run.cause_label or site.run.event}"
                          f") restores '{restored}'", writer)  # fmt: skip
            break


def _first_reader(restores, key: str, after: float):
    """The first trusted restore after `after` whose key meets `key`; `restores` is sorted
    by time once for all writers."""
    for started, site, restored in restores:
        if started > after and keys_meet(key, restored):
            return site, restored
    return None
