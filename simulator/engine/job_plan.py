"""What the scenario says about each job: duration, outcome and outputs, looked up by the
run's workflow file (tables resolved once, before the clock starts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from msgspec import Struct

from simulator.core.events import Event
from simulator.engine.records import JobRecord
from simulator.engine.runners import execution_limit_minutes, runner_label
from simulator.expressions.values import to_number, truthy
from simulator.scenario.model import Outcome, Scenario, Timing, WorkflowTable
from simulator.scenario.validate import JobTables, resolve_tables
from simulator.workflow.model import Job, Workflow, WorkflowSet, is_evaluated

T = TypeVar("T")
DEFAULT_TIMEOUT_MINUTES = 360  # §8.8


class LegSettings(Struct, frozen=True):
    """What a job's own values say of each of its legs (§8.7, §8.8, §12.2)."""

    timeout_minutes: float
    continue_on_error: bool
    runner: str  # a stable label for runs-on
    runner_limit_minutes: float  # the runner's execution limit, which timeout-minutes cannot lift


def leg_settings(job: Job, value: Callable[[Any], Any]) -> LegSettings:
    """The settings of a job's legs, its values read through `value` (which evaluates the
    ones with `${{ }}` in the leg's contexts)."""
    timeout = value(job.timeout_minutes)
    label = runner_label(value(job.runs_on)) or ("(reusable)" if job.uses else "")
    return LegSettings(
        timeout_minutes=to_number(timeout) if timeout is not None else DEFAULT_TIMEOUT_MINUTES,
        continue_on_error=truthy(value(job.continue_on_error)),
        runner=label,
        runner_limit_minutes=execution_limit_minutes(label),
    )


class JobSetup(Struct, frozen=True):
    """What the scenario says of one job: duration, outcome, outputs, the events it makes."""

    timing: Timing
    outcome: Outcome
    outputs: dict[str, Any]
    effects: tuple[Event, ...] = ()  # events the job makes when it succeeds


class JobPlan:
    def __init__(self, scenario: Scenario, workflows: WorkflowSet):
        self.tables: JobTables = resolve_tables(scenario, workflows)
        self.default_duration = scenario.default_duration
        # a plan serves every iteration of a batch: a job outside a matrix is looked up once
        # (the key holds the workflows themselves, so their ids stay theirs)
        self._found: dict[tuple[Any, ...], tuple[Workflow, Workflow, JobSetup]] = {}
        self._fixed: dict[int, tuple[Job, LegSettings | None]] = {}

    def fixed_leg_settings(self, job: Job) -> LegSettings | None:
        """The job's leg settings when none of its values needs the contexts (most jobs):
        worked out once for every iteration. None when one is an expression."""
        found = self._fixed.get(id(job))
        if found is None:  # the job is kept in the entry, so its id stays its own
            values = (job.timeout_minutes, job.runs_on, job.continue_on_error)
            fixed = None if any(map(is_evaluated, values)) else leg_settings(job, _as_written)
            found = self._fixed[id(job)] = (job, fixed)
        return found[1]

    def setup(self, run_workflow: Workflow, scope_workflow: Workflow, inside_call: bool,
              record: JobRecord) -> JobSetup:  # fmt: skip
        if record.matrix:  # a leg: its values take part in the lookup
            return self._setup(run_workflow, scope_workflow, inside_call, record)
        key = (id(run_workflow), id(scope_workflow), inside_call, record.key, record.job_id)
        found = self._found.get(key)
        if found is None:
            found = (run_workflow, scope_workflow,
                     self._setup(run_workflow, scope_workflow, inside_call, record))  # fmt: skip
            self._found[key] = found
        return found[2]

    def _setup(self, run_workflow: Workflow, scope_workflow: Workflow, inside_call: bool,
               record: JobRecord) -> JobSetup:  # fmt: skip
        """By the run's workflow and the job's key (a leg selector first), else, inside a
        reusable call, by the called workflow and its own job id, else the workflow's
        default, else the scenario's."""
        inner_keys = (record.key.rsplit("/", 1)[-1], record.job_id)

        def find(tables: dict[str, WorkflowTable[T]]) -> T | None:
            top = tables.get(run_workflow.rel_path)
            if top is not None:
                hit = top.lookup((record.key, record.job_id), record.job_id, record.matrix)
                if hit is not None:
                    return hit
            callee = tables.get(scope_workflow.rel_path) if inside_call else None
            if callee is not None:
                hit = callee.lookup(inner_keys, record.job_id, None)
                if hit is not None:
                    return hit
                if callee.default is not None:
                    return callee.default
            return top.default if top is not None else None

        return JobSetup(
            find(self.tables.durations) or self.default_duration,
            find(self.tables.outcomes) or Outcome(),
            find(self.tables.outputs) or {},
            find(self.tables.effects) or (),
        )


def _as_written(value: Any) -> Any:
    return value
