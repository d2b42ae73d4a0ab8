"""The simpy world: the only stateful part of ghasim.

Scenario events create runs (through the pure trigger rules); each run is a process:
created (`requested`) -> queued / pending (concurrency) -> `in_progress` -> `completed`.
Every state change is offered to the default-branch `workflow_run` listeners (A.3), which
may create runs one level deeper, up to the three-level limit (§5.6).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

import simpy

from simulator.core.cron import fire_times
from simulator.core.diagnostics import GhasimError, Pos
from simulator.core.events import (
    Dispatch,
    Event,
    PullRequest,
    Push,
    Schedule,
    WorkflowRunEvent,
)
from simulator.core.timeparse import clock, iso
from simulator.engine.conclusion import run_conclusion
from simulator.engine.concurrency import Groups, Member
from simulator.engine.conditions import JobStatus, decide_condition
from simulator.engine.contexts import event_payload, fake_sha, github_context, workflow_run_payload
from simulator.engine.jobs import STARTED, JobRunner, Scope
from simulator.engine.records import JobRecord, NotTriggered, RunRecord, SimulationResult
from simulator.engine.runners import RunnerPools
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.template import evaluate_template, parse_condition
from simulator.expressions.values import truthy
from simulator.rules.decide import decide
from simulator.rules.decision import Decision
from simulator.rules.workflow_run import decide_workflow_run, names_upstream
from simulator.scenario.model import Outcome, Scenario, ScenarioEvent, Timing, WorkflowTable
from simulator.scenario.validate import resolve_tables
from simulator.workflow.calls import local_call_path
from simulator.workflow.event_catalogue import WORKFLOW_RUN_TYPES
from simulator.workflow.model import Job, Workflow, WorkflowSet

T = TypeVar("T")
SCHEDULED = Pos("(schedules: true)")  # where events planned from on.schedule come from


class RunBudgetExceeded(Exception):
    """The scenario's `max_runs` was reached: the simulation stops where it is."""


@dataclass
class LiveRun:
    """A run's mutable state while the simulation runs (records keep the results)."""

    github: dict[str, Any]
    cancelled: bool = False
    cancel_event: simpy.Event | None = None
    active: dict[str, tuple[simpy.Process, Job, JobRecord]] = field(default_factory=dict)


class Simulation:
    def __init__(
        self,
        scenario: Scenario,
        workflows: WorkflowSet,
        default_workflows: WorkflowSet | None = None,
        seed: int | None = None,
    ):
        self.scenario = scenario
        self.settings = scenario.settings
        self.workflows = workflows
        # workflow_run, schedule and dispatch listeners come from the default branch (§5.4, §6.1)
        self.listeners = default_workflows or workflows
        self.env = simpy.Environment()
        self.rng = random.Random(scenario.seed if seed is None else seed)
        self.groups = Groups(self.env)
        self.pools = RunnerPools(self.env, scenario.runners, scenario.max_parallel_jobs)
        self.runs: list[RunRecord] = []
        self.not_triggered: list[NotTriggered] = []
        self.live: dict[int, LiveRun] = {}
        self.ids = itertools.count(1)
        self.run_numbers: dict[str, int] = {}
        self.default_sha = fake_sha("default-branch", scenario.default_branch)
        self.tables = resolve_tables(scenario, workflows)

    # ------------------------------------------------------------------ driving the clock

    def simulate(self) -> SimulationResult:
        for index, scheduled in enumerate(self.scenario.events):
            self.env.process(self.fire(index, scheduled))
        if self.scenario.schedules and self.scenario.until is not None:
            self.plan_schedules(self.scenario.until)
        until = self.scenario.until
        notes: list[str] = []
        try:
            if until is None:
                self.env.run()
            else:
                self.env.run(until=until)
                while self.env.peek() == until:  # include what happens exactly at the snapshot
                    self.env.step()
        except RunBudgetExceeded:
            notes.append(self.budget_note())
        return SimulationResult(
            start=self.scenario.start,
            runs=self.runs,
            not_triggered=self.not_triggered,
            until=until,
            end=self.env.now,
            default_branch=self.scenario.default_branch,
            scenario_name=self.scenario.name,
            notes=notes,
        )

    def budget_note(self) -> str:
        """Where the run budget stopped the clock, and through which workflows it fanned out."""
        counts: dict[str, int] = {}
        for run in self.runs:
            counts[run.name] = counts.get(run.name, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        through = ", ".join(f"{name} ({count:,} runs)" for name, count in top)
        return (f"more than {self.scenario.max_runs:,} runs (max_runs): stopped at "
                f"{clock(self.scenario.start, self.env.now)}; the chain fans out through "
                f"{through}")  # fmt: skip

    def plan_schedules(self, horizon: float) -> None:
        start = self.scenario.start
        end = start + timedelta(seconds=horizon)
        fired: dict[float, list[str]] = {}
        for wf in self.listeners.workflows:
            trigger = wf.trigger("schedule")
            for entry in trigger.crons if trigger else ():
                for when in fire_times(entry.cron, entry.timezone, start, end):
                    fired.setdefault((when - start).total_seconds(), []).append(entry.cron)
        for offset in sorted(fired):
            for cron in dict.fromkeys(fired[offset]):
                scheduled = ScenarioEvent(offset, Schedule(cron), SCHEDULED)
                self.env.process(self.fire(-1, scheduled))

    # ------------------------------------------------------------------ scenario events

    def fire(self, index: int, scheduled: ScenarioEvent):
        yield self.env.timeout(scheduled.at)
        event = scheduled.event
        sha = getattr(event, "sha", "") or fake_sha("event", index, scheduled.at, event)
        label = scheduled.label or event.describe()
        for wf in self.candidates(event):
            decision = decide(wf, event, self.settings)
            if not decision.fires:
                self.not_triggered.append(NotTriggered(
                    wf.name, wf.rel_path, event.name, self.env.now, decision.reason,
                    decision.fact))  # fmt: skip
                continue
            run = self.create_run(
                wf, event.name, self.head_branch_of(event), sha, 0, event_payload(event, sha),
                decision, label=label, scenario_event=index if index >= 0 else None,
            )  # fmt: skip
            if isinstance(event, Dispatch):
                run.inputs = dispatch_inputs(wf, event)
        if event.name in ("push", "pull_request"):
            for broken in self.workflows.broken:
                self.invalid_file(broken, event, sha, label, index)

    def invalid_file(self, broken, event: Event, sha: str, label: str, index: int) -> None:
        """§1.11 [U]: GitHub shows a failed "Invalid workflow file" run for a push; with the
        `startup_failure` setting ghasim creates it (no job, conclusion startup_failure)."""
        reason = f"invalid workflow file: {broken.first_error}"
        if self.settings.invalid_workflow != "startup_failure":
            self.not_triggered.append(NotTriggered(broken.name or broken.rel_path, broken.rel_path,
                                                   event.name, self.env.now, reason, "§1.11"))  # fmt: skip
            return
        placeholder = Workflow(broken.path, broken.rel_path, broken.name or broken.rel_path,
                               broken.name is not None, {}, {})  # fmt: skip
        run = self.create_run(placeholder, event.name, self.head_branch_of(event), sha, 0,
                              event_payload(event, sha), Decision.yes(reason, "§1.11"),
                              label=label, scenario_event=index if index >= 0 else None)  # fmt: skip
        run.reason = reason

    def candidates(self, event: Event) -> list[Workflow]:
        """Workflows that consider the event: those with a trigger for it, in the right copy."""
        if isinstance(event, (Push, PullRequest)) and not getattr(event, "target", False):
            pool = self.workflows  # the files at the pushed commit / merge result (§1.10)
        else:
            pool = self.listeners  # default-branch copy (§4.7, §6.1)
        out = [wf for wf in pool.workflows if wf.trigger(event.name) is not None]
        if isinstance(event, Dispatch):  # the others are not its target: nothing to report
            out = [wf for wf in out if wf.answers_to(event.workflow)]
        return out

    def head_branch_of(self, event: Event) -> str:
        if isinstance(event, Push):
            return event.ref_name
        if isinstance(event, PullRequest):
            return event.head
        if isinstance(event, Dispatch):
            return event.ref
        return self.scenario.default_branch

    # ------------------------------------------------------------------ runs

    def create_run(
        self,
        wf: Workflow,
        event_name: str,
        head_branch: str,
        sha: str,
        depth: int,
        payload: dict[str, Any],
        decision: Decision,
        *,
        label: str = "",
        caused_by: int | None = None,
        activity: str | None = None,
        scenario_event: int | None = None,
        upstream_conclusion: str | None = None,
    ) -> RunRecord:
        if len(self.runs) >= self.scenario.max_runs:
            raise RunBudgetExceeded()
        number = self.run_numbers.get(wf.rel_path, 0) + 1
        self.run_numbers[wf.rel_path] = number
        run = RunRecord(
            id=next(self.ids), workflow=wf, event=event_name, head_branch=head_branch,
            head_sha=sha, depth=depth, created_at=self.env.now, activity=activity,
            caused_by=caused_by, cause_label=label, scenario_event=scenario_event,
            trigger_reason=decision.reason, payload=payload, run_number=number,
            upstream_conclusion=upstream_conclusion,
        )  # fmt: skip
        self.runs.append(run)
        live = LiveRun(github_context(run, self.scenario.default_branch))
        live.cancel_event = self.env.event()
        self.live[run.id] = live
        self.env.process(self.run_process(run, live, decision.awaits_approval))
        return run

    def run_process(self, run: RunRecord, live: LiveRun, awaits_approval: bool):
        self.emit(run, "requested")
        if awaits_approval:  # §4.9: created, but it waits for a maintainer's approval
            run.status, run.reason = "waiting", "waits for approval (made with GITHUB_TOKEN)"
            return
        member = None
        if run.workflow.concurrency is not None:
            member = self.enter_run_group(run, live)
            if member is not None and not member[1].admitted.triggered:
                run.status = "pending"  # §10.6
                yield member[1].admitted | live.cancel_event
        if not live.cancelled and self.settings.queue_delay:
            yield self.env.timeout(self.settings.queue_delay) | live.cancel_event
        if not run.workflow.jobs:  # an invalid file's placeholder: it never starts (§1.11)
            run.status, run.conclusion, run.completed_at = (
                "completed",
                "startup_failure",
                self.env.now,
            )
            self.emit(run, "completed")
            return
        if not live.cancelled:
            run.status, run.started_at = "in_progress", self.env.now
            self.emit(run, "in_progress")
            runner = JobRunner(self, run, live)
            yield from runner.run_dag(Scope(run.workflow, inputs=run.inputs))
        conclusion, reason = run_conclusion(run.jobs, live.cancelled, self.settings)
        run.status, run.conclusion, run.completed_at = "completed", conclusion, self.env.now
        run.reason = run.reason or reason
        if member is not None:
            self.groups.leave(*member)
        self.emit(run, "completed")

    def enter_run_group(self, run: RunRecord, live: LiveRun) -> tuple[str, Member] | None:
        conc = run.workflow.concurrency
        contexts = {"github": live.github, "inputs": run.payload.get("inputs", {}),
                    "vars": self.scenario.vars}  # fmt: skip
        try:
            name = _text(conc.group, contexts)
            cancel = truthy(_value(conc.cancel_in_progress, contexts))
        except ExpressionError as exc:
            raise GhasimError(f"{run.workflow.path}: concurrency: {exc.message}") from None
        run.concurrency_group = name
        member = Member(f"{run.name} #{run.run_number}", lambda why: self.cancel_run(run, why),
                        self.env.event())  # fmt: skip
        self.groups.enter(name, member, cancel, conc.queue)
        return name, member

    def cancel_run(self, run: RunRecord, reason: str) -> None:
        """Cancel a run (§8.9): running jobs whose `if` no longer holds are cancelled."""
        live = self.live[run.id]
        if live.cancelled or run.status == "completed":
            return
        live.cancelled = True
        run.reason = reason
        if not live.cancel_event.triggered:
            live.cancel_event.succeed()
        for proc, job, record in list(live.active.values()):
            condition = parse_condition(job.if_.text) if job.if_ is not None else None
            keeps = decide_condition(condition, {"github": live.github},
                                     JobStatus(True, {})).runs  # fmt: skip
            if not keeps and record.status in STARTED and proc.is_alive:
                proc.interrupt(reason)

    # ------------------------------------------------------------------ workflow_run (A.3)

    def emit(self, run: RunRecord, activity: str) -> None:
        event = WorkflowRunEvent(
            upstream=run.name, activity=activity, head_branch=run.head_branch,
            depth=run.depth + 1, conclusion=run.conclusion, upstream_event=run.event,
            upstream_path=run.file, head_sha=run.head_sha, upstream_run_id=run.id,
        )  # fmt: skip
        for listener in self.listeners.workflows:
            trigger = listener.trigger("workflow_run")
            if trigger is None:
                continue
            if not any(names_upstream(w, event, self.settings) for w in trigger.workflows):
                continue
            types = trigger.types if trigger.types is not None else WORKFLOW_RUN_TYPES
            if activity not in types:
                continue  # not worth a "not triggered" line: it never listened to this activity
            decision = decide_workflow_run(listener, event, self.settings)
            if not decision.fires:
                self.not_triggered.append(NotTriggered(
                    listener.name, listener.rel_path, "workflow_run", self.env.now,
                    decision.reason, decision.fact, caused_by=run.id, activity=activity))  # fmt: skip
                continue
            payload = workflow_run_payload(run, activity, iso(self.scenario.start))
            # §5.7: the listener runs on the default branch, so its head_branch is that branch
            self.create_run(
                listener, "workflow_run", self.scenario.default_branch, self.default_sha,
                run.depth + 1, payload, decision, label=f"{run.name} {activity}",
                caused_by=run.id, activity=activity, scenario_event=run.scenario_event,
                upstream_conclusion=run.conclusion,
            )  # fmt: skip

    # ------------------------------------------------------------------ scenario data

    def resolve_call(self, job: Job) -> Workflow:
        """The workflow a local `uses:` names (checked to exist when the folder was loaded)."""
        path = local_call_path(job)
        found = next((w for w in self.workflows.workflows if w.rel_path == path), None)
        if found is None:
            raise GhasimError(f"job '{job.id}' calls {path}, which is not loaded", job.uses_pos)
        return found

    def job_setup(
        self, scope: Scope, record: JobRecord, run_workflow: Workflow
    ) -> tuple[Timing, Outcome, dict]:
        """Duration, outcome and outputs the scenario sets for a job (or a matrix leg): by the
        run's workflow and the job's key, else (inside a reusable call) by the called
        workflow and its own job id, else the workflow's default, else the scenario's."""
        inner_keys = (record.key.rsplit("/", 1)[-1], record.job_id)

        def find(tables: dict[str, WorkflowTable[T]]) -> T | None:
            top = tables.get(run_workflow.rel_path)
            if top is not None:
                hit = top.lookup((record.key, record.job_id), record.job_id, record.matrix)
                if hit is not None:
                    return hit
            callee = tables.get(scope.workflow.rel_path) if scope.prefix else None
            if callee is not None:
                hit = callee.lookup(inner_keys, record.job_id, None)
                if hit is not None:
                    return hit
                if callee.default is not None:
                    return callee.default
            return top.default if top is not None else None

        timing = find(self.tables.durations) or self.scenario.default_duration
        outcome = find(self.tables.outcomes) or Outcome()
        outputs = find(self.tables.outputs) or {}
        return timing, outcome, outputs


def dispatch_inputs(wf: Workflow, event: Dispatch) -> dict[str, Any]:
    """`inputs.*` of a dispatched run (§6.3): given values or defaults, booleans and numbers
    kept as such (`github.event.inputs.*` stays all strings)."""
    from simulator.expressions.values import to_number

    trigger = wf.trigger("workflow_dispatch")
    out: dict[str, Any] = {}
    for name, spec in (trigger.inputs if trigger else {}).items():
        value = event.inputs.get(name, spec.default)
        if spec.type == "boolean":
            value = value if isinstance(value, bool) else str(value).lower() == "true"
        elif spec.type == "number" and value is not None:
            value = to_number(value)
        elif value is None:
            value = ""
        out[name] = value
    return out


def _text(value: Any, contexts: dict[str, Any]) -> str:
    from simulator.expressions.values import to_string

    return to_string(_value(value, contexts))


def _value(value: Any, contexts: dict[str, Any]) -> Any:
    text = getattr(value, "text", value)
    if isinstance(text, str) and "${{" in text:
        return evaluate_template(text, contexts)
    return text


def simulate(
    scenario: Scenario,
    workflows: WorkflowSet,
    default_workflows: WorkflowSet | None = None,
    seed: int | None = None,
) -> SimulationResult:
    return Simulation(scenario, workflows, default_workflows, seed).simulate()
