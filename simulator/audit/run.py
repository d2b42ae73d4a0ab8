"""`ghasim audit` as one call: load, simulate the probes, run every rule, sort the findings."""

from __future__ import annotations

import inspect

from msgspec import Struct, field

from simulator.audit import (
    rule_cache_across_trust,
    rule_effective_permissions,
    rule_pwn_request,
    rule_spoofable_upstream,
    rule_tainted_workflow_run,  # fmt: skip
    rule_untrusted_interpolation,
)
from simulator.audit.context import AuditContext
from simulator.audit.probes import cache_probe, untrusted_probes
from simulator.audit.world import World
from simulator.core.diagnostics import Diagnostic, RuleInfo, Severity
from simulator.core.events import Repository
from simulator.core.progress import Progress, silent
from simulator.workflow.model import WorkflowSet

RULES = (
    rule_tainted_workflow_run,
    rule_spoofable_upstream,
    rule_pwn_request,
    rule_untrusted_interpolation,
    rule_cache_across_trust,
    rule_effective_permissions,
)


class Audit(Struct):
    workflows: WorkflowSet
    findings: list[Diagnostic] = field(default_factory=list)
    context: AuditContext | None = None
    notes: list[str] = field(default_factory=list)


def audit_workflows(workflows: WorkflowSet, repository: Repository,
                    token_default: str = "permissive", progress: Progress = silent) -> Audit:  # fmt: skip
    """Every rule over the simulated probes; findings sorted by position, one per place.
    `progress(probes simulated, probes)` follows the simulations (the bulk of the work)."""
    world = World(workflows, repository, token_default)
    ctx = AuditContext(world)
    probes = list(untrusted_probes(workflows, repository))
    for done, probe in enumerate(probes, 1):
        result = world.run(probe)
        if result is not None:
            ctx.results.append((probe, result))
        progress(done, len(probes))
    if any(_saves_cache(wf) for wf in workflows.workflows):
        probe = cache_probe(workflows, repository)
        result = world.run(probe)
        ctx.cache = (probe, result) if result is not None else None
    found: dict[tuple, Diagnostic] = {}
    for rule in RULES:
        for diag in rule.check(ctx):
            found.setdefault((diag.kind, diag.pos), diag)
    findings = sorted(found.values(), key=lambda d: (d.pos.file, d.pos.line, d.pos.col, d.kind))
    return Audit(workflows, findings, ctx, world.notes)


def _saves_cache(wf) -> bool:
    from simulator.audit.steps import cache_write

    return any(cache_write(s) is not None for j in wf.jobs.values() for s in j.steps)


def rules() -> list[RuleInfo]:
    out = []
    for module in RULES:
        severity: Severity = "warning" if module.SEVERITY == "warning" else "error"
        out.append(RuleInfo(module.ID, module.TITLE, module.FACT,
                            inspect.cleandoc(module.__doc__ or ""), severity))  # fmt: skip
    return out
