"""The job-DAG executor: a run's jobs as simpy processes.

A true DAG (each job waits only for its own needs), `if:` with status functions over every
ancestor (§8.4), matrix legs with fail-fast and max-parallel (§8.10, §8.11), timeouts that
cancel (§8.8), continue-on-error (§8.7), job concurrency (§10), runner capacity (§12.1), and
local reusable workflows inlined in the caller's run (§6.6).

Everything it needs from the world comes in a JobWorld: no back reference to the simulation.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator
from contextlib import ExitStack
from typing import Any

import simpy
from msgspec import Struct, field

from simulator.core.diagnostics import GhasimError
from simulator.core.events import Event
from simulator.core.reasons import Reason, Term
from simulator.core.timeparse import format_duration
from simulator.engine.clock import AllDone, Capacity
from simulator.engine.conclusion import aggregate_result
from simulator.engine.concurrency import Groups, Member
from simulator.engine.conditions import JobStatus, Verdict, decide_condition
from simulator.engine.job_plan import JobPlan, JobSetup, LegSettings, leg_settings
from simulator.engine.live import LiveRun
from simulator.engine.matrix import MatrixError, expand, leg_name
from simulator.engine.records import JobRecord, RunRecord
from simulator.engine.runners import RunnerPools
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.template import evaluate_template, parse_condition
from simulator.expressions.values import to_number, truthy
from simulator.settings import Settings
from simulator.workflow.calls import local_call_path
from simulator.workflow.model import Expr, Job, Workflow, WorkflowSet, is_evaluated

STARTED = ("queued", "pending", "in_progress")  # a leg process past its first line
NO_CONTEXTS: dict[str, Any] = {}  # what a job that reads no context is given (read only)

Steps = Generator[simpy.Event, Any, Any]


class JobWorld(Struct):
    """What jobs need from the world: the clock, chance, shared capacity, the scenario's data."""

    env: simpy.Environment
    rng: random.Random
    groups: Groups
    pools: RunnerPools
    settings: Settings
    plan: JobPlan
    workflows: WorkflowSet  # where local reusable workflows are found
    vars: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, Any] = field(default_factory=dict)
    # what happens to the events a job makes when it succeeds (the dispatcher delivers them)
    on_effects: Callable[[RunRecord, JobRecord, tuple[Event, ...]], None] | None = None


class JobState(Struct):
    """One job of one DAG while it runs: `done` (its process) ends when its result is known."""

    job: Job
    done: simpy.Event | None = None
    result: str | None = None
    outputs: dict[str, Any] = field(default_factory=dict)
    records: list[JobRecord] = field(default_factory=list)


class Scope(Struct):
    """Where a DAG runs: the top workflow of a run, or a called workflow inside it."""

    workflow: Workflow
    prefix: str = ""  # "call-tests/" for jobs of a reusable workflow called by job call-tests
    inputs: dict[str, Any] = field(default_factory=dict)
    title: str = ""  # "Call tests / ": how GitHub shows the jobs of a called workflow

    def key(self, job_id: str) -> str:
        return f"{self.prefix}{job_id}"


class Leg(Struct, frozen=True):
    """A matrix leg (or a plain job) ready to queue: what it will do once it has a runner."""

    settings: LegSettings
    duration: float
    result: str


class LegGroup(Struct):
    """The legs of one matrix job, for fail-fast (§8.11)."""

    fail_fast: bool
    members: list[tuple[JobRecord, simpy.Process]] = field(default_factory=list)
    stopped: Reason | None = None

    def cancel_others(self, failed: JobRecord, why: Reason) -> None:
        self.stopped = why
        for record, proc in self.members:
            if record is not failed and record.status in STARTED and proc.is_alive:
                proc.interrupt(why)


def not_run(conclusion: str, cause: object) -> Reason:
    """`skipped: needs.lint failed`, `cancelled: timed out after 10m ...`, or the bare word."""
    if cause is None:
        return Reason("job.plain", None, conclusion=Term(conclusion))
    if not isinstance(cause, Reason):
        cause = Reason("job.error", None, message=str(cause))
    return Reason("job.not_run", cause.fact, conclusion=Term(conclusion), cause=cause)


class JobDag:
    def __init__(self, world: JobWorld, run: RunRecord, live: LiveRun):
        self.world = world
        self.env = world.env
        self.run = run
        self.live = live

    # ------------------------------------------------------------------ the DAG

    def run_dag(self, scope: Scope, anchor: JobRecord | None = None) -> Steps:
        """A generator: runs every job of `scope.workflow`, returns {job_id: JobState}."""
        states: dict[str, JobState] = {}
        now, caller = self.env.now, scope.prefix.rstrip("/") or None
        for job_id, job in scope.workflow.jobs.items():
            record = JobRecord(scope.key(job_id), job_id, self.display_name(job, {}, scope),
                               created_at=now, caller=caller)  # fmt: skip
            states[job_id] = JobState(job, records=[record])
        self.insert_records([r for s in states.values() for r in s.records], after=anchor)
        if len(states) == 1:  # a one-job workflow: the job runs in the run's own process
            yield from self.job_process(scope, states, next(iter(states)))
            return states
        for jid, state in states.items():  # a job's process ends when its result is known
            state.done = self.env.process(self.job_process(scope, states, jid))
        yield all_of(self.env, [state.done for state in states.values()])
        return states

    def insert_records(self, records: list[JobRecord], after: JobRecord | None) -> None:
        jobs = self.run.jobs
        index = jobs.index(after) + 1 if after is not None and after in jobs else len(jobs)
        jobs[index:index] = records

    def replace_record(self, old: JobRecord, new: list[JobRecord]) -> None:
        index = self.run.jobs.index(old)
        self.run.jobs[index : index + 1] = new

    @staticmethod
    def ancestors(states: dict[str, JobState], job_id: str) -> dict[str, str]:
        """Every transitive ancestor's result: what success() and failure() read (§8.4)."""
        seen: dict[str, str] = {}
        stack = list(states[job_id].job.needs)
        while stack:
            need = stack.pop()
            if need in seen or need not in states:
                continue
            seen[need] = states[need].result or "skipped"
            stack.extend(states[need].job.needs)
        return seen

    def reads_contexts(self, job: Job) -> bool:
        """Whether an expression of the job reads its contexts: its `if:`, its strategy, its
        concurrency, a reusable call's inputs or a computed leg value. Most jobs have none,
        and their contexts are not built."""
        return (job.if_ is not None or job.strategy is not None or job.concurrency is not None
                or (job.uses is not None and local_call_path(job) is not None)
                or self.world.plan.fixed_leg_settings(job) is None)  # fmt: skip

    def contexts(self, scope: Scope, states: dict[str, JobState], job: Job) -> dict[str, Any]:
        # no copies: expressions only read their contexts, and a need's outputs are final
        needs = {
            n: {"result": states[n].result, "outputs": states[n].outputs}
            for n in job.needs
            if n in states
        }
        return {
            "github": self.live.github,
            "needs": needs,
            "vars": self.world.vars,
            "inputs": scope.inputs,
            "secrets": self.live.secrets,
        }

    def job_process(self, scope: Scope, states: dict[str, JobState], job_id: str) -> Steps:
        state = states[job_id]
        job = state.job
        placeholder = state.records[0]
        if job.needs:
            yield all_of(self.env, [states[n].done for n in job.needs if n in states])
        status = JobStatus(self.live.cancelled, self.ancestors(states, job_id))
        contexts = self.contexts(scope, states, job) if self.reads_contexts(job) else None
        condition = parse_condition(job.if_.text) if job.if_ is not None else None
        verdict = decide_condition(condition, contexts or NO_CONTEXTS, status)
        if not verdict.runs:
            self.finish_unstarted(placeholder, verdict)
            state.result = placeholder.result
            return
        try:
            if job.uses is not None and local_call_path(job):
                yield from self.call_local(scope, state, placeholder, contexts)
            else:
                yield from self.run_legs(scope, state, placeholder, contexts)
        except GhasimError as exc:
            placeholder.status, placeholder.conclusion = "completed", "failure"
            placeholder.result = "failure"
            placeholder.reason = Reason("job.error", None, message=exc.message)
            placeholder.completed_at = self.env.now
            state.result = "failure"

    def finish_unstarted(self, record: JobRecord, verdict: Verdict) -> None:
        conclusion = "cancelled" if self.live.cancelled else "skipped"
        if verdict.error:
            conclusion = "failure"
        record.status, record.conclusion, record.result = "completed", conclusion, conclusion
        record.completed_at = self.env.now
        record.reason = not_run(conclusion, verdict.reason)

    def display_name(self, job: Job, matrix: dict[str, Any], scope: Scope) -> str:
        if isinstance(job.name, Expr):
            try:
                return scope.title + str(evaluate_template(job.name.text, {
                    "github": self.live.github, "matrix": matrix, "inputs": scope.inputs,
                    "vars": self.world.vars, "needs": {}, "strategy": {},
                }))  # fmt: skip
            except ExpressionError:
                return scope.title + job.id
        return scope.title + (job.name or job.id)

    # ------------------------------------------------------------------ values of a job

    def evaluate(self, value: Any, contexts: dict[str, Any]) -> Any:
        """A job value: an Expr or a string with `${{ }}` is evaluated, anything else kept."""
        if not is_evaluated(value):
            return value
        text, pos = (value.text, value.pos) if isinstance(value, Expr) else (value, None)
        try:
            return evaluate_template(text, contexts)
        except ExpressionError as exc:
            raise GhasimError(f"cannot evaluate '{text}': {exc.message}", pos) from None

    def legs_of(self, job: Job, contexts: dict[str, Any]) -> list[dict[str, Any]]:
        if job.strategy is None or job.strategy.matrix is None:
            return [{}]
        matrix = self.evaluate(job.strategy.matrix, contexts)
        if isinstance(matrix, str):
            raise GhasimError(f"job '{job.id}': the matrix expression gave a string, not a mapping")
        if not isinstance(matrix, dict):
            raise GhasimError(f"job '{job.id}': the matrix is not a mapping")
        try:
            matrix = {k: self.evaluate(v, contexts) for k, v in matrix.items()}
            return expand(matrix) or [{}]
        except MatrixError as exc:
            raise GhasimError(f"job '{job.id}': {exc}", job.strategy.pos) from None
        except ExpressionError as exc:  # a value too deeply nested to compare its legs
            raise GhasimError(f"job '{job.id}': matrix: {exc.message}", job.strategy.pos) from None

    # ------------------------------------------------------------------ matrix legs

    def run_legs(self, scope: Scope, state: JobState, placeholder: JobRecord, contexts) -> Steps:
        if state.job.strategy is None:  # most jobs: one leg, whose record is the placeholder
            placeholder.created_at = self.env.now
            state.records = [placeholder]
            leg_contexts = None  # built only for a job whose expressions read them
            if contexts is not None:
                leg_contexts = with_leg(contexts, {}, fail_fast=True, index=0, total=1)
            yield from self.leg_process(scope, state, placeholder, leg_contexts, None,
                                        LegGroup(False))  # fmt: skip
        else:
            yield from self.matrix_legs(scope, state, placeholder, contexts)
        records = state.records
        state.result = aggregate_result([r.result or "skipped" for r in records],
                                        self.world.settings)  # fmt: skip
        for record in records:  # outputs of the last leg that completed successfully (§6.6)
            if record.result == "success":
                state.outputs.update(record.outputs)

    def matrix_legs(self, scope: Scope, state: JobState, placeholder: JobRecord,
                    contexts) -> Steps:  # fmt: skip
        """The legs of a job with a strategy, under its fail-fast and max-parallel."""
        job = state.job
        strategy = job.strategy
        assert strategy is not None
        legs = self.legs_of(job, contexts)
        fail_fast = truthy(self.evaluate(strategy.fail_fast, contexts))
        max_parallel = self.evaluate(strategy.max_parallel, contexts)
        limiter = None
        number = to_number(max_parallel) if max_parallel else 0.0
        if 0 < number < len(legs):  # NaN, infinity, or as many as the legs: no limit
            limiter = Capacity(self.env, max(1, int(number)))
        if len(legs) == 1 and not legs[0]:  # no matrix: the job's record is its one leg's
            placeholder.created_at = self.env.now
            records = [placeholder]
        else:
            records = [self.leg_record(scope, job, placeholder, values) for values in legs]
            self.replace_record(placeholder, records)
        state.records = records
        group = LegGroup(fail_fast and len(records) > 1)
        processes: list[simpy.Process] = []
        for record, values in zip(records, legs, strict=True):
            leg_contexts = with_leg(contexts, values, fail_fast, len(processes), len(legs))
            leg = self.leg_process(scope, state, record, leg_contexts, limiter, group)
            if len(records) == 1:  # the leg runs in the job's own process (and alone in its
                yield from leg  # group: fail-fast has no sibling to cancel)
                return
            proc = self.env.process(leg)
            group.members.append((record, proc))
            processes.append(proc)
        yield all_of(self.env, processes)

    def leg_record(self, scope: Scope, job: Job, placeholder: JobRecord,
                   values: dict[str, Any]) -> JobRecord:  # fmt: skip
        key = scope.key(leg_name(job.id, values)) if values else placeholder.key
        name = self.display_name(job, values, scope)
        if values and not isinstance(job.name, Expr):
            name = leg_name(name, values)
        return JobRecord(key, job.id, name, created_at=self.env.now, matrix=values or None,
                         caller=placeholder.caller)  # fmt: skip

    def prepare_leg(self, job: Job, contexts: dict[str, Any] | None, setup: JobSetup) -> Leg:
        settings = self.world.plan.fixed_leg_settings(job)
        if settings is None:  # a value with an expression: the job's contexts were built
            assert contexts is not None
            settings = leg_settings(job, lambda value: self.evaluate(value, contexts))
        rng = self.world.rng
        return Leg(settings, setup.timing.sample(rng), setup.outcome.sample(rng))

    def leg_process(self, scope: Scope, state: JobState, record: JobRecord, contexts,
                    limiter: simpy.Resource | None, group: LegGroup) -> Steps:  # fmt: skip
        job = state.job
        setup = self.world.plan.setup(self.run.workflow, scope.workflow, bool(scope.prefix),
                                      record)  # fmt: skip
        leg = self.prepare_leg(job, contexts, setup)
        record.continue_on_error = leg.settings.continue_on_error
        record.status, record.ready_at = "queued", self.env.now
        assert self.env.active_process is not None
        self.live.active[record.key] = (self.env.active_process, job, record)
        result, reason = yield from self.attempt(job, record, contexts, limiter, group, leg)
        self.finish_leg(record, leg, result, reason, setup.outputs, group)
        if record.result == "success" and setup.effects and self.world.on_effects is not None:
            self.world.on_effects(self.run, record, setup.effects)

    def attempt(self, job: Job, record: JobRecord, contexts, limiter: simpy.Resource | None,
                group: LegGroup, leg: Leg) -> Steps:  # fmt: skip
        """Queue for capacity, run for the leg's duration or until a limit cancels it.
        Returns (result, reason)."""
        member = None
        try:
            if group.stopped:  # fail-fast fired before this leg even queued
                raise simpy.Interrupt(group.stopped)
            queues = limiter is not None or job.concurrency is not None
            if not queues and not self.world.pools.limits(leg.settings.runner):
                return (yield from self.execute(record, leg))  # most legs: nothing to wait for
            with ExitStack() as stack:
                if limiter is not None:
                    yield stack.enter_context(limiter.request())
                if job.concurrency is not None:
                    member = yield from self.enter_job_group(job, record, contexts)
                waits = self.world.pools.requests(leg.settings.runner, stack)
                if waits:
                    yield all_of(self.env, waits)
                return (yield from self.execute(record, leg))
        except simpy.Interrupt as stop:
            return "cancelled", not_run("cancelled", stop.cause)
        finally:
            self.live.active.pop(record.key, None)
            if member is not None:
                self.world.groups.leave(member[0], member[1])

    def execute(self, record: JobRecord, leg: Leg) -> Steps:
        """The leg on its runner: its duration, or a timeout that cancels it (§8.8)."""
        settings = leg.settings
        record.status, record.started_at = "in_progress", self.env.now
        record.runner = settings.runner
        runner_limit = settings.runner_limit_minutes
        limit = min(settings.timeout_minutes, runner_limit) * 60
        if leg.duration > limit:  # cancelled at the limit, not failed
            yield self.env.timeout(limit)
            why = "timeout-minutes" if settings.timeout_minutes <= runner_limit else "runner limit"
            timeout = Reason("job.timeout", "§8.8", limit=format_duration(limit), why=Term(why))
            return "cancelled", not_run("cancelled", timeout)
        yield self.env.timeout(leg.duration)
        return leg.result, None

    def finish_leg(self, record: JobRecord, leg: Leg, result: str, reason: Reason | None,
                   outputs: dict[str, Any], group: LegGroup) -> None:  # fmt: skip
        coe = leg.settings.continue_on_error
        record.status, record.conclusion, record.completed_at = "completed", result, self.env.now
        record.result = "success" if result == "failure" and coe else result  # §8.7
        if result == "failure" and reason is None:
            reason = Reason("job.failed_coe", "§8.7") if coe else Reason("job.failed", "§8.2")
        record.reason = reason
        if result == "success":
            record.outputs = outputs
        if result == "failure" and not coe and group.fail_fast:  # §8.11
            group.cancel_others(record, Reason("job.fail_fast", "§8.11", job=record.key))

    def enter_job_group(self, job: Job, record: JobRecord, contexts) -> Steps:
        conc = job.concurrency
        assert conc is not None
        name = str(self.evaluate(conc.group, contexts))
        cancel = truthy(self.evaluate(conc.cancel_in_progress, contexts))
        proc = self.env.active_process
        member = Member(
            f"job {record.key} of run #{self.run.id}",
            lambda why: proc.interrupt(why) if proc is not None and proc.is_alive else None,
            self.env.event(),
        )
        self.world.groups.enter(name, member, cancel, conc.queue)
        if not member.admitted.triggered:
            record.status = "pending"
            yield member.admitted
        return (name, member)

    # ------------------------------------------------------------------ reusable workflows

    def resolve_call(self, job: Job) -> Workflow:
        """The workflow a local `uses:` names (checked to exist when the folder was loaded)."""
        path = local_call_path(job)
        found = self.world.workflows.find(path) if path else None
        if found is None:
            raise GhasimError(f"job '{job.id}' calls {path}, which is not loaded", job.uses_pos)
        return found

    def call_local(self, scope: Scope, state: JobState, placeholder: JobRecord, contexts) -> Steps:
        """Jobs of a local reusable workflow run inside this run (§6.6): no run of their own.
        The call was checked when the folder was loaded (simulator.workflow.calls)."""
        job = state.job
        called = self.resolve_call(job)
        inputs = self.call_inputs(job, called, contexts)
        placeholder.status, placeholder.started_at = "in_progress", self.env.now
        inner = Scope(called, f"{scope.key(job.id)}/", inputs, title=f"{placeholder.name} / ")
        states = yield from self.run_dag(inner, anchor=placeholder)
        results = [s.result or "skipped" for s in states.values()]
        state.result = aggregate_result(results, self.world.settings)
        placeholder.status, placeholder.completed_at = "completed", self.env.now
        placeholder.conclusion = placeholder.result = state.result
        if state.result != "success":
            bad = [s.records[0].key for s in states.values() if s.result == state.result]
            called_jobs = Reason("job.called", "§6.6", jobs=", ".join(bad[:3])) if bad else None
            placeholder.reason = not_run(state.result, called_jobs)
        state.outputs = self.call_outputs(called, states, inputs)

    def call_inputs(self, job: Job, called: Workflow, contexts) -> dict[str, Any]:
        """`inputs` of the called workflow: given `with:` values, else defaults, typed."""
        trigger = called.trigger("workflow_call")
        inputs: dict[str, Any] = {}
        for name, spec in (trigger.inputs if trigger else {}).items():
            if name in job.with_:
                value = self.evaluate(job.with_[name], contexts)
            elif spec.default is not None:
                value = self.evaluate(spec.default, contexts)
            else:
                value = {"boolean": False, "number": 0}.get(spec.type, "")
            inputs[name] = typed_input(value, spec.type)
        return inputs

    def call_outputs(self, called: Workflow, states: dict[str, JobState],
                     inputs: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
        trigger = called.trigger("workflow_call")
        jobs = {jid: {"result": s.result, "outputs": s.outputs} for jid, s in states.items()}
        contexts = {"github": self.live.github, "jobs": jobs, "inputs": inputs,
                    "vars": self.world.vars}  # fmt: skip
        out = {}
        for name, value in (trigger.outputs if trigger else {}).items():
            try:
                out[name] = self.evaluate(value, contexts)
            except GhasimError:
                out[name] = None
        return out


def with_leg(contexts: dict[str, Any], matrix: dict[str, Any], fail_fast: bool, index: int,
             total: int) -> dict[str, Any]:  # fmt: skip
    """A job's contexts with a leg's `matrix` and `strategy` (§8.10)."""
    return {**contexts, "matrix": matrix,
            "strategy": {"fail-fast": fail_fast, "job-index": index, "job-total": total,
                         "max-parallel": total}}  # fmt: skip


def typed_input(value: Any, kind: str) -> Any:
    """An input value as its declared type sees it (booleans and numbers kept)."""
    if kind == "boolean":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    if kind == "number":
        return to_number(value)
    return value


def all_of(env: simpy.Environment, events: list[Any]) -> simpy.Event:
    """The event of all `events` done; one event stands for itself (no condition to build:
    most jobs need one job, most waits are for one thing)."""
    return events[0] if len(events) == 1 else AllDone(env, events)
