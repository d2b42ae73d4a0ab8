"""Why a workflow did not run, or concluded as it did: the reason chain, in one sentence;
and the "Not started" list below a timeline (`--why`).

Model Validation Gate concluded skipped: job validate skipped: if evaluated false: ...
(github.event.workflow_run.conclusion = 'failure'); started by MLflow Experiment
Tracking, which concluded failure (failed: job train)
"""

from __future__ import annotations

from simulator.core.diagnostics import did_you_mean
from simulator.core.escape import one_line
from simulator.core.reasons import Reason, joined
from simulator.core.timeparse import clock
from simulator.engine.records import RunRecord, SimulationResult
from simulator.workflow.model import WorkflowSet

MAX_HOPS = 4


def why_not_run(
    name: str,
    result: SimulationResult,
    workflows: WorkflowSet,
    via: str | None = None,
    hops: int = 0,
) -> Reason:
    """Why `name` did not start (or, with `via`, did not start after `via`): a
    `why.not_started` reason whose cause holds the parts."""
    wf = workflows.find(name)
    entries = [n for n in result.not_triggered if n.workflow == name]
    if via is not None:
        entries = [n for n in entries if n.caused_by and _name(result, n.caused_by) == via]
    if entries:
        cited = [Reason("fact.cited", n.fact, reason=n.reason, cited=n.fact) if n.fact
                 else n.reason for n in entries]  # fmt: skip
        return _not_started(name, list(dict.fromkeys(cited))[:2])
    if wf is None:
        return Reason("why.no_workflow", None, name=name)
    trigger = wf.trigger("workflow_run")
    if trigger is None:
        events = ", ".join(wf.triggers) or "nothing"
        return _not_started(name, [Reason("why.no_event", None, events=events)])
    upstreams = [via] if via is not None else list(trigger.workflows)
    parts: list[Reason] = []
    for upstream in upstreams:
        if not workflows.by_name(upstream):
            parts.append(Reason("why.not_a_name", "§5.2", upstream=upstream,
                                hint=did_you_mean(upstream, workflows.names())))  # fmt: skip
        elif not result.runs_of(upstream):
            deeper = (
                why_not_run(upstream, result, workflows, hops=hops + 1) if hops < MAX_HOPS else None
            )
            parts.append(Reason("why.upstream_missing", None, upstream=upstream,
                                deeper=Reason("why.nested", None, reason=deeper) if deeper else None))  # fmt: skip
        else:
            types = ", ".join(trigger.types or ()) or "all"
            parts.append(Reason("why.never_activity", "§5.1", upstream=upstream, types=types))
    return _not_started(name, parts)


def _not_started(name: str, parts: list[Reason]) -> Reason:
    return Reason("why.not_started", None, name=name, cause=joined(parts))


def why_concluded(run: RunRecord, result: SimulationResult) -> str:
    """`X concluded failure: failed: job lint; ...; started by Y, which concluded ...`."""
    if run.status != "completed":
        text = f"{run.name} is {run.status}"
    else:
        text = f"{run.name} concluded {run.conclusion}"
        if run.reason:
            text += f" ({run.reason})"
    notes = [
        f"job {j.key} {j.reason}"
        for j in run.jobs
        if j.conclusion in ("failure", "cancelled", "skipped") and j.reason and not j.caller
    ]
    if notes:
        text += ": " + "; ".join(notes[:2])
    upstream = result.run(run.caused_by)
    if upstream is not None:
        text += f"; started by {upstream.name}, which concluded {upstream.conclusion}"
        if upstream.reason:
            text += f" ({upstream.reason})"
    return text


def _name(result: SimulationResult, run_id: int) -> str | None:
    run = result.run(run_id)
    return run.name if run else None


REPOSITORY_READS = ("github.repository", "github.repository_owner", "github.event.repository")


def repository_note(result: SimulationResult) -> str | None:
    """When the repository was assumed, the jobs a condition on it skipped (their result
    depends on a name ghasim does not know)."""
    if not result.repository.assumed:
        return None
    skipped = []
    for run in result.runs:
        for job in run.jobs:
            cause = job.reason.cause if job.reason is not None else None
            expression = str(cause.details.get("expression", "")) if cause is not None else ""
            if job.conclusion == "skipped" and any(r in expression for r in REPOSITORY_READS):
                skipped.append(f"{run.name}/{job.key}")
    if not skipped:
        return None
    shown = ", ".join(dict.fromkeys(skipped[:5])) + (", ..." if len(skipped) > 5 else "")
    return (f"the repository is assumed to be {result.repository.full_name} (no 'repository:' "
            f"in the scenario, no git remote): skipped because their condition reads the "
            f"repository name: {shown}; set 'repository: owner/name' (or --repository)")  # fmt: skip


def cause_chain(run: RunRecord, result: SimulationResult) -> list[str]:
    """Why `run` started, from itself up to the scenario event: `Model Validation Gate`,
    `MLflow Experiment Tracking completed (types: completed) on main`, `CI Pipeline
    completed on main`, `push to branch main (src/api/app.py)`. Linear in the chain's length."""
    links = [run.name]
    current: RunRecord | None = run
    seen: set[int] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        upstream = result.run(current.caused_by)
        if upstream is not None:
            trigger = current.workflow.trigger("workflow_run")
            types = f" (types: {', '.join(trigger.types)})" if trigger and trigger.types else ""
            links.append(f"{upstream.name} {current.activity or 'completed'}{types} "
                         f"on {upstream.head_branch}")  # fmt: skip
            current = upstream
            continue
        if current.effect is not None and current.effect < len(result.effects):
            effect = result.effects[current.effect]
            links.append(effect.label)
            current = result.run(effect.run)
            if current is not None:
                links.append(current.name)
            continue
        links.append(current.cause_label or current.event)
        current = None
    return links


def render_started(result: SimulationResult) -> str:
    """`Why these runs started:` one cause chain per run, `←` read as "because of"."""
    if not result.runs:
        return ""
    counts: dict[str, int] = {}
    for run in result.runs:
        counts[run.name] = counts.get(run.name, 0) + 1
    lines = ["Why these runs started:"]
    for run in result.runs:
        chain = [one_line(link) for link in cause_chain(run, result)]
        if counts[run.name] > 1:
            chain[0] += f" (run #{run.id})"
        lines.append("  " + " ← ".join(chain))
    return "\n".join(lines)


def render_not_triggered(result: SimulationResult) -> str:
    if not result.not_triggered:
        return "Every workflow that listens to these events started."
    lines = ["Not started:"]
    for item in result.not_triggered:
        via = f" (after run #{item.caused_by} {item.activity})" if item.caused_by else ""
        fact = f" ({item.fact})" if item.fact else ""
        lines.append(f"  {clock(result.start, item.at)}  {one_line(item.workflow)} on {item.event}"
                     f"{via}: {one_line(item.reason)}{fact}")  # fmt: skip
    return "\n".join(lines)
