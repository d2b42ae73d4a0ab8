"""The event dispatcher: scenario events (and the schedules' cron times) at their time, each
decided for every workflow that could consider it (rules/), in the copy GitHub reads.

A "no" becomes a NotTriggered entry with its reason; a "yes" creates a run.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from simulator.core.cron import fire_times
from simulator.core.diagnostics import Pos
from simulator.core.events import Dispatch, Event, PullRequest, Push, Schedule
from simulator.engine.contexts import event_payload, fake_sha
from simulator.engine.dag import Steps, typed_input
from simulator.engine.records import NotTriggered
from simulator.engine.run_process import RunOrigin, Runs
from simulator.rules.decide import decide
from simulator.rules.decision import Decision
from simulator.rules.explain import invalid_file
from simulator.scenario.model import ScenarioEvent
from simulator.settings import Settings
from simulator.workflow.model import BrokenWorkflow, Workflow, WorkflowSet

SCHEDULED = Pos("(schedules: true)")  # where events planned from on.schedule come from


class Dispatcher:
    def __init__(self, runs: Runs, workflows: WorkflowSet, listeners: WorkflowSet,
                 settings: Settings, default_branch: str):  # fmt: skip
        self.runs = runs
        self.env = runs.env
        self.workflows = workflows  # the copy at the pushed commit / merge result (§1.10)
        self.listeners = listeners  # the default branch's copy (§4.7, §5.4, §6.1)
        self.settings = settings
        self.default_branch = default_branch

    def plan(self, events: list[ScenarioEvent]) -> None:
        for index, scheduled in enumerate(events):
            self.env.process(self.fire(index, scheduled))

    def plan_schedules(self, start: datetime, horizon: float) -> None:
        """Every cron time of the default branch's schedules before `horizon` (§6.5)."""
        end = start + timedelta(seconds=horizon)
        fired: dict[float, list[str]] = {}
        for wf in self.listeners.workflows:
            trigger = wf.trigger("schedule")
            for entry in trigger.crons if trigger else ():
                for when in fire_times(entry.cron, entry.timezone, start, end):
                    fired.setdefault((when - start).total_seconds(), []).append(entry.cron)
        for offset in sorted(fired):
            for cron in dict.fromkeys(fired[offset]):
                self.env.process(self.fire(-1, ScenarioEvent(offset, Schedule(cron), SCHEDULED)))

    def fire(self, index: int, scheduled: ScenarioEvent) -> Steps:
        yield self.env.timeout(scheduled.at)
        event = scheduled.event
        sha = getattr(event, "sha", "") or fake_sha("event", index, scheduled.at, event)
        label = scheduled.label or event.describe()
        origin = RunOrigin(event.name, self.head_branch_of(event), sha, 0,
                           event_payload(event, sha), label=label,
                           scenario_event=index if index >= 0 else None)  # fmt: skip
        for wf in self.candidates(event):
            decision = decide(wf, event, self.settings)
            if not decision.fires:
                self.runs.not_started(NotTriggered(wf.name, wf.rel_path, event.name,
                                                   self.env.now, decision.reason, decision.fact))  # fmt: skip
                continue
            run = self.runs.create(wf, origin, decision)
            if isinstance(event, Dispatch):
                run.inputs = dispatch_inputs(wf, event)
        if event.name in ("push", "pull_request"):
            for broken in self.workflows.broken:
                self.invalid_file(broken, event, origin)

    def invalid_file(self, broken: BrokenWorkflow, event: Event, origin: RunOrigin) -> None:
        """§1.11 [U]: GitHub shows a failed "Invalid workflow file" run for a push; with the
        `startup_failure` setting ghasim creates it (no job, conclusion startup_failure)."""
        reason = invalid_file(broken)
        if self.settings.invalid_workflow != "startup_failure":
            self.runs.not_started(NotTriggered(broken.name or broken.rel_path, broken.rel_path,
                                               event.name, self.env.now, reason, "§1.11"))  # fmt: skip
            return
        placeholder = Workflow(broken.path, broken.rel_path, broken.name or broken.rel_path,
                               broken.name is not None, {}, {})  # fmt: skip
        run = self.runs.create(placeholder, origin, Decision.yes(reason))
        run.reason = reason

    def candidates(self, event: Event) -> list[Workflow]:
        """Workflows that consider the event: those with a trigger for it, in the right copy."""
        if isinstance(event, (Push, PullRequest)) and not getattr(event, "target", False):
            pool = self.workflows
        else:
            pool = self.listeners
        if isinstance(event, Dispatch):  # the others are not its target: nothing to report
            target = pool.find(event.workflow)
            return [target] if target is not None and target.trigger(event.name) else []
        return pool.with_trigger(event.name)

    def head_branch_of(self, event: Event) -> str:
        if isinstance(event, Push):
            return event.ref_name
        if isinstance(event, PullRequest):
            return event.head
        if isinstance(event, Dispatch):
            return event.ref
        return self.default_branch


def dispatch_inputs(wf: Workflow, event: Dispatch) -> dict[str, Any]:
    """`inputs.*` of a dispatched run (§6.3): given values or defaults, booleans and numbers
    kept as such (`github.event.inputs.*` stays all strings)."""
    trigger = wf.trigger("workflow_dispatch")
    out: dict[str, Any] = {}
    for name, spec in (trigger.inputs if trigger else {}).items():
        value = event.inputs.get(name, spec.default)
        if spec.type == "boolean" or (spec.type == "number" and value is not None):
            value = typed_input(value, spec.type)
        elif value is None:
            value = ""
        out[name] = value
    return out
