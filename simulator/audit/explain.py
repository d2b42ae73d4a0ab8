"""`ghasim audit --explain WORKFLOW`: in each probe where the workflow runs, each job's
effective token, secrets and where they come from (rule effective-permissions' data)."""

from __future__ import annotations

from simulator.audit.probes import trusted_probe
from simulator.audit.run import Audit
from simulator.core.diagnostics import GhasimError
from simulator.core.escape import one_line
from simulator.workflow.model import AmbiguousKey


def explain_workflow(audit: Audit, key: str) -> str:
    try:
        target = audit.workflows.resolve(key)
    except AmbiguousKey as exc:
        raise GhasimError(f"--explain: {exc}") from None
    if target is None:
        from simulator.core.diagnostics import did_you_mean

        names = [w.name for w in audit.workflows.workflows]
        raise GhasimError(f"--explain: no workflow '{key}'{did_you_mean(key, names)}")
    assert audit.context is not None
    lines = [f"{one_line(target.name)} ({target.rel_path}) in the audit's probes:"]
    shown = 0
    results = list(audit.context.results)
    world = audit.context.world
    maintainers = trusted_probe(audit.workflows, world.repository)
    trusted = world.run(maintainers)
    if trusted is not None:
        results.append((maintainers, trusted))
    for probe, result in results:
        for site in audit.context.world.sites(probe, result):
            if site.run.workflow.rel_path != target.rel_path:
                continue
            shown += 1
            p = site.privilege
            token = ", ".join(f"{s}: {lvl}" for s, lvl in p.token if lvl != "none") or "none"
            trust = "untrusted" if probe.untrusted else "trusted"
            lines.append(f"  [{trust}] {' → '.join(one_line(x) for x in site.path())}")
            lines.append(f"      token: {token}")
            lines.append(f"      secrets: {', '.join(p.secrets) or 'none'}; from {p.source}")
    if not shown:
        lines.append("  no job of it runs for any probe (outsiders cannot reach it, or every "
                     "job is skipped by its guard)")  # fmt: skip
    return "\n".join(lines)
