"""The event dispatcher: scenario events (and the schedules' cron times) at their time, each
decided for every workflow that could consider it (rules/), in the copy GitHub reads.

A "no" becomes a NotTriggered entry with its reason; a "yes" creates a run.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from simulator.core.diagnostics import Pos
from simulator.core.events import (
    TOKEN_NAMES,
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    Schedule,
    deliveries,
    token_of,
)
from simulator.engine.contexts import fake_sha
from simulator.engine.dag import Steps, typed_input
from simulator.engine.decisions import Decisions
from simulator.engine.records import EffectRecord, JobRecord, NotTriggered, RunRecord
from simulator.engine.run_process import RunOrigin, Runs
from simulator.rules.decision import Decision
from simulator.rules.explain import invalid_file
from simulator.scenario.model import ScenarioEvent
from simulator.settings import Settings
from simulator.workflow.model import BrokenWorkflow, Workflow, WorkflowSet

SCHEDULED = Pos("(schedules: true)")  # where events planned from on.schedule come from


class Dispatcher:
    def __init__(self, runs: Runs, workflows: WorkflowSet, listeners: WorkflowSet,
                 settings: Settings, default_branch: str,
                 decisions: Decisions | None = None):  # fmt: skip
        self.runs = runs
        self.decisions = decisions or Decisions(settings)
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
        from simulator.core.cron import fire_times  # croniter and zoneinfo: only for schedules

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
        self.deliver(event, scheduled.label or event.describe(), sha,
                     scenario_event=index if index >= 0 else None)  # fmt: skip

    def deliver(self, event: Event, label: str, sha: str, scenario_event: int | None = None,
                effect: int | None = None) -> list[RunRecord]:  # fmt: skip
        """Every copy of the event GitHub delivers (a pull request activity: both PR events,
        §4.12), decided for each workflow that considers it. Returns the runs started."""
        started = []
        for copy in deliveries(event):
            origin = self.origin(copy, sha, label, scenario_event, effect)
            for wf in self.candidates(copy):
                decision = self.decisions.decide(wf, copy)
                if not decision.fires:
                    self.runs.not_started(NotTriggered(wf.name, wf.rel_path, copy.name,
                                                       self.env.now, decision.reason,
                                                       decision.fact))  # fmt: skip
                    continue
                run = self.runs.create(wf, origin, decision)
                if isinstance(copy, Dispatch):
                    run.inputs = dispatch_inputs(wf, copy)
                started.append(run)
            if copy.name in ("push", "pull_request"):
                for broken in self.workflows.broken:
                    self.invalid_file(broken, copy, origin)
        return started

    def effects(self, run: RunRecord, job: JobRecord, events: tuple[Event, ...]) -> None:
        """A job succeeded and makes events (a push, a dispatch ...): each is delivered now,
        as if made by the token it names (GITHUB_TOKEN starts almost nothing, §7.1)."""
        for i, event in enumerate(events):
            token = token_of(event)
            label = f"{event.describe()} by {run.name}/{job.key} ({TOKEN_NAMES.get(token, token)})"
            index = len(self.runs.effects)
            sha = getattr(event, "sha", "") or fake_sha("effect", run.id, job.key, i)
            started = self.deliver(event, label, sha, effect=index)
            self.runs.effects.append(EffectRecord(self.env.now, label, event.name, run.id,
                                                  job.key, token, tuple(r.id for r in started)))  # fmt: skip

    def origin(self, event: Event, sha: str, label: str, scenario_event: int | None,
               effect: int | None) -> RunOrigin:  # fmt: skip
        payloads = self.runs.payloads
        withheld = isinstance(event, PullRequest) and event.fork and not event.target  # §4.8
        run_sha = payloads.default_sha if self.on_default_branch(event) else sha
        return RunOrigin(event.name, self.head_branch_of(event), run_sha, 0,
                         payloads.event(event, sha), label=label, scenario_event=scenario_event,
                         effect=effect, secrets_withheld=withheld)  # fmt: skip

    def on_default_branch(self, event: Event) -> bool:
        """Runs at the default branch's last commit (§4.7, §6.1): their SHA is that commit's."""
        if isinstance(event, (Push, Dispatch)):
            return False
        if isinstance(event, PullRequest):
            return event.target
        if isinstance(event, OtherEvent):
            return event.event not in ("release", "create", "merge_group") and event.head is None
        return True

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
        """A run's head branch, as `workflow_run.head_branch` shows it downstream."""
        if isinstance(event, Push):
            return event.ref_name
        if isinstance(event, PullRequest):
            return event.head
        if isinstance(event, Dispatch):
            return event.ref
        if isinstance(event, OtherEvent):
            if event.head is not None:  # a review or review comment: the PR's head (§4.6)
                return event.head
            if event.event in ("release", "create", "merge_group") and event.ref:
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
