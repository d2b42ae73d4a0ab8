"""Runs and their lifecycle: requested -> (pending) -> queued -> in_progress -> completed.

`Runs.create` records a run and starts its process; the process enters the run's
concurrency group (§10), waits GitHub's queue delay, runs the job DAG, concludes (§9.3) and
publishes each state change on the workflow_run bus (A.3).
"""

from __future__ import annotations

import itertools
from typing import Any

from msgspec import Struct

from simulator.core.diagnostics import GhasimError
from simulator.core.reasons import Reason
from simulator.core.timeparse import iso
from simulator.engine.bus import WorkflowRunBus
from simulator.engine.conclusion import run_conclusion
from simulator.engine.concurrency import Member
from simulator.engine.conditions import JobStatus, decide_condition
from simulator.engine.contexts import Payloads
from simulator.engine.dag import STARTED, JobDag, JobWorld, Scope, Steps
from simulator.engine.live import LiveRun
from simulator.engine.records import EffectRecord, NotTriggered, RunRecord
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.template import evaluate_template, parse_condition
from simulator.expressions.values import to_string, truthy
from simulator.rules.decision import Decision
from simulator.workflow.model import Workflow


class RunBudgetExceeded(Exception):
    """The scenario's `max_runs` was reached: the simulation stops where it is."""


class RunOrigin(Struct, frozen=True):
    """Why a run exists: the event (or upstream run) that created it."""

    event: str
    head_branch: str
    sha: str
    depth: int
    payload: dict[str, Any]
    label: str = ""
    caused_by: int | None = None
    activity: str | None = None
    scenario_event: int | None = None
    upstream_conclusion: str | None = None
    effect: int | None = None  # index of the job effect that made the event
    secrets_withheld: bool = False  # a fork's pull_request: no secrets, read-only token (§4.8)


class Runs:
    def __init__(self, world: JobWorld, bus: WorkflowRunBus, payloads: Payloads,
                 start_iso: str, max_runs: int):  # fmt: skip
        self.world = world
        self.env = world.env
        self.bus = bus
        self.payloads = payloads
        self.default_branch = payloads.repo.default_branch
        self.default_sha = payloads.default_sha
        self.start_iso = start_iso
        self.max_runs = max_runs
        self.records: list[RunRecord] = []
        self.not_triggered: list[NotTriggered] = []
        self.effects: list[EffectRecord] = []
        self.live: dict[int, LiveRun] = {}
        self.ids = itertools.count(1)
        self.run_numbers: dict[str, int] = {}

    # ------------------------------------------------------------------ creation

    def create(self, wf: Workflow, origin: RunOrigin, decision: Decision) -> RunRecord:
        if len(self.records) >= self.max_runs:
            raise RunBudgetExceeded()
        number = self.run_numbers.get(wf.rel_path, 0) + 1
        self.run_numbers[wf.rel_path] = number
        run = RunRecord(
            id=next(self.ids), workflow=wf, event=origin.event, head_branch=origin.head_branch,
            head_sha=origin.sha, depth=origin.depth, created_at=self.env.now,
            activity=origin.activity, caused_by=origin.caused_by, cause_label=origin.label,
            scenario_event=origin.scenario_event, trigger_reason=decision.reason,
            payload=origin.payload, run_number=number,
            upstream_conclusion=origin.upstream_conclusion, effect=origin.effect,
            secrets_withheld=origin.secrets_withheld,
        )  # fmt: skip
        self.records.append(run)
        secrets = {"GITHUB_TOKEN": "***"} if origin.secrets_withheld else self.world.secrets
        live = LiveRun(self.payloads.github(run), self.env.event(), secrets=secrets)
        self.live[run.id] = live
        self.env.process(self.lifecycle(run, live, decision.awaits_approval))
        return run

    def not_started(self, item: NotTriggered) -> None:
        self.not_triggered.append(item)

    # ------------------------------------------------------------------ the lifecycle

    def lifecycle(self, run: RunRecord, live: LiveRun, awaits_approval: bool) -> Steps:
        self.emit(run, "requested")
        if awaits_approval:  # §4.8, §4.9: it needs a maintainer's approval to go on
            run.status, run.conclusion, run.completed_at = (
                "completed",
                "action_required",
                self.env.now,
            )
            run.reason = Reason("run.awaits_approval", "§4.8")
            self.emit(run, "completed")
            return
        member = None
        if run.workflow.concurrency is not None:
            member = self.enter_group(run, live)
            if not member[1].admitted.triggered:
                run.status = "pending"  # §10.6
                yield member[1].admitted | live.cancel_event
        if not live.cancelled and self.world.settings.queue_delay:
            yield self.env.timeout(self.world.settings.queue_delay) | live.cancel_event
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
            yield from JobDag(self.world, run, live).run_dag(Scope(run.workflow, inputs=run.inputs))
        conclusion, reason = run_conclusion(run.jobs, live.cancelled, self.world.settings)
        run.status, run.conclusion, run.completed_at = "completed", conclusion, self.env.now
        run.reason = run.reason or reason
        if member is not None:
            self.world.groups.leave(*member)
        self.emit(run, "completed")

    def enter_group(self, run: RunRecord, live: LiveRun) -> tuple[str, Member]:
        conc = run.workflow.concurrency
        assert conc is not None
        contexts = {"github": live.github, "inputs": run.payload.get("inputs", {}),
                    "vars": self.world.vars}  # fmt: skip
        try:
            name = to_string(_value(conc.group, contexts))
            cancel = truthy(_value(conc.cancel_in_progress, contexts))
        except ExpressionError as exc:
            raise GhasimError(f"{run.workflow.path}: concurrency: {exc.message}") from None
        run.concurrency_group = name
        member = Member(f"{run.name} #{run.run_number}", lambda why: self.cancel(run, why),
                        self.env.event())  # fmt: skip
        self.world.groups.enter(name, member, cancel, conc.queue)
        return name, member

    def cancel(self, run: RunRecord, reason: Reason) -> None:
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

    # ------------------------------------------------------------------ workflow_run

    def emit(self, run: RunRecord, activity: str) -> None:
        origin = None  # one workflow_run event, one payload, for all the listeners it starts
        for listener, decision in self.bus.publish(run, activity, self.env.now,
                                                   self.not_triggered):  # fmt: skip
            origin = origin or self.listener_origin(run, activity)
            self.create(listener, origin, decision)

    def listener_origin(self, upstream: RunRecord, activity: str) -> RunOrigin:
        # §5.7: the listener runs on the default branch, so its head_branch is that branch
        return RunOrigin(
            "workflow_run", self.default_branch, self.default_sha, upstream.depth + 1,
            self.payloads.workflow_run(upstream, activity, self.start_iso),
            label=f"{upstream.name} {activity}", caused_by=upstream.id, activity=activity,
            scenario_event=upstream.scenario_event, upstream_conclusion=upstream.conclusion,
        )  # fmt: skip


def _value(value: Any, contexts: dict[str, Any]) -> Any:
    text = getattr(value, "text", value)
    if isinstance(text, str) and "${{" in text:
        return evaluate_template(text, contexts)
    return text


__all__ = ["RunBudgetExceeded", "RunOrigin", "Runs", "iso"]
