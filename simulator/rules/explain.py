"""`ghasim explain`: for one event, every workflow of a folder, fires or not, and why."""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from simulator.core.events import Event, WorkflowRunEvent, deliveries
from simulator.core.reasons import Reason, reason_json
from simulator.rules.decide import decide
from simulator.rules.decision import Decision
from simulator.rules.job_gates import every_first_job_skips
from simulator.settings import DEFAULT, Settings
from simulator.workflow.model import BrokenWorkflow, Workflow, WorkflowSet


class Verdict(Struct, frozen=True):
    """One workflow's answer to one event, as `ghasim explain` prints it."""

    workflow: str
    file: str
    event: str
    triggered: bool
    reason: Reason
    fact: str | None = None
    activity: str | None = None
    awaits_approval: bool = False
    invalid: bool = False
    note: Reason | None = None  # what happens next (every job will be skipped ...)

    def to_json(self) -> dict:
        reason = reason_json(self.reason) or {}
        reason["fact"] = reason.get("fact") or self.fact
        data = {
            "workflow": self.workflow,
            "file": self.file,
            "event": self.event,
            "triggered": self.triggered,
            "reason": reason,
        }
        if self.activity is not None:
            data["activity"] = self.activity
        if self.awaits_approval:
            data["awaits_approval"] = True
        if self.invalid:
            data["invalid"] = True
        if self.note is not None:
            data["note"] = reason_json(self.note)
        return data


def to_json(event: Event, verdicts: list[Verdict], folder: str) -> dict:
    """The body of `ghasim explain --format json` (schema ghasim/explain/1)."""
    return {"event": event.name, "description": event.describe(), "workflows_folder": folder,
            "started": sum(v.triggered for v in verdicts),
            "verdicts": [v.to_json() for v in verdicts]}  # fmt: skip


def _next(wf: Workflow, event: Event, decision: Decision, repository: str | None
          ) -> Reason | None:  # fmt: skip
    """For a listener that fires on a concluded upstream: will any of its jobs run (§5.5)?"""
    if (decision.fires and isinstance(event, WorkflowRunEvent) and event.activity == "completed"
            and event.conclusion
            and every_first_job_skips(wf, event.conclusion, repository)):  # fmt: skip
        return Reason("wr.all_jobs_skip", "§5.5", conclusion=event.conclusion)
    return None


def invalid_file(broken: BrokenWorkflow) -> Reason:
    return Reason("file.invalid", "§1.11", error=str(broken.first_error))


def explain(workflows: WorkflowSet, event: Event, settings: Settings = DEFAULT,
            repository: str | None = None) -> list[Verdict]:  # fmt: skip
    activity = event.activity if isinstance(event, WorkflowRunEvent) else None
    if isinstance(event, WorkflowRunEvent) and not event.upstream_path:
        upstream = workflows.by_name(event.upstream)
        if upstream:  # lets the rule say "'ci.yml' is a file name" to listeners that list it
            event = replace(event, upstream_path=upstream[0].rel_path)
    verdicts = []
    copies = deliveries(event)  # a pull request activity reaches both PR events (§4.12)
    for wf in workflows.workflows:
        listening = [c for c in copies if wf.trigger(c.name) is not None]
        if not listening and len(copies) > 1:
            names = " or ".join(f"'{c.name}'" for c in copies)
            missing = Decision.no(Reason("trigger.missing_any", "§4.12", events=names))
            verdicts.append(Verdict(wf.name, wf.path, event.name, False, missing.reason))
            continue
        for copy in listening or copies:
            decision = decide(wf, copy, settings)
            verdicts.append(Verdict(wf.name, wf.path, copy.name, decision.fires,
                                    decision.reason, decision.fact, activity,
                                    decision.awaits_approval,
                                    note=_next(wf, copy, decision, repository)))  # fmt: skip
    for broken in workflows.broken:
        verdicts.append(
            Verdict(
                broken.name or broken.rel_path,
                broken.path,
                event.name,
                False,
                invalid_file(broken),
                "§1.11",
                activity,
                invalid=True,
            )
        )
    return sorted(verdicts, key=lambda v: v.file)
