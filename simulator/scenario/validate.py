"""Checks a scenario's names against the workflows, and resolves them: a typo is an error,
never ignored, and after this step every table is keyed by workflow file.

Every name goes through WorkflowSet.resolve, the one lookup that decides what a key names.
"""

from __future__ import annotations

from typing import Any, TypeVar

from msgspec import Struct

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.events import Dispatch, Event
from simulator.scenario.loader import ScenarioError
from simulator.scenario.model import JobKey, Outcome, PerJob, Scenario, Timing, WorkflowTable
from simulator.workflow.calls import local_call_path
from simulator.workflow.model import AmbiguousKey, Workflow, WorkflowSet

T = TypeVar("T")


def resolve_workflow(workflows: WorkflowSet, key: str, pos: Pos, what: str) -> Workflow:
    """The workflow `key` names, or a positioned error naming the nearest one."""
    try:
        found = workflows.resolve(key)
    except AmbiguousKey as exc:
        raise ScenarioError(f"{what}: {exc}", pos) from None
    if found is not None:
        return found
    broken = workflows.broken_named(key)
    if broken is not None:
        raise ScenarioError(f"{what}: workflow '{key}' is invalid: {broken.first_error}", pos)
    raise ScenarioError(f"{what}: no workflow named '{key}'"
                        f"{did_you_mean(key, workflows.names())}", pos)  # fmt: skip


class JobTables(Struct, frozen=True):
    """The scenario's per-job tables for one workflow set, keyed by workflow file."""

    durations: dict[str, WorkflowTable[Timing]]
    outcomes: dict[str, WorkflowTable[Outcome]]
    outputs: dict[str, WorkflowTable[dict[str, Any]]]
    effects: dict[str, WorkflowTable[tuple[Event, ...]]]


def resolve_tables(scenario: Scenario, workflows: WorkflowSet) -> JobTables:
    return JobTables(
        _resolve_table(scenario.durations, "durations", workflows),
        _resolve_table(scenario.outcomes, "outcomes", workflows),
        _resolve_table(scenario.outputs, "outputs", workflows),
        _resolve_table(scenario.effects, "effects", workflows),
    )


def validate_names(scenario: Scenario, workflows: WorkflowSet) -> None:
    resolve_tables(scenario, workflows)
    for key, pos in scenario.label_positions.items():
        resolve_workflow(workflows, key, pos, "labels")
    for scheduled in scenario.events:
        event = scheduled.event
        if isinstance(event, Dispatch):
            check_dispatch(event, scheduled.pos, workflows)


def _resolve_table(
    table: PerJob[T], key: str, workflows: WorkflowSet
) -> dict[str, WorkflowTable[T]]:
    by_file: dict[str, WorkflowTable[T]] = {}
    for entry in table.tables:
        workflow = resolve_workflow(workflows, entry.key, entry.pos, key)
        if workflow.rel_path in by_file:
            other = by_file[workflow.rel_path].key
            raise ScenarioError(f"{key}: '{entry.key}' and '{other}' name the same workflow "
                                f"({workflow.file_name})", entry.pos)  # fmt: skip
        by_file[workflow.rel_path] = entry
        for job_key, _ in entry.jobs:
            _check_job(workflow, job_key.text, key, job_key.pos, workflows)
    return by_file


def _check_job(workflow: Workflow, text: str, key: str, pos: Pos, workflows: WorkflowSet):
    """A job id, a matrix leg `id (a, b)`, a selector `id[k=v]`, or `caller/called`."""
    job_key = JobKey.parse(text, pos)
    job = workflow.jobs.get(job_key.job_id)
    if job is None:
        raise ScenarioError(f"{key}: workflow '{workflow.name}' has no job '{job_key.job_id}'"
                            f"{did_you_mean(job_key.job_id, workflow.jobs)}", pos)  # fmt: skip
    rest = job_key.called_path
    if rest is None:
        return
    path = local_call_path(job)
    if path is None:
        raise ScenarioError(f"{key}: job '{job.id}' of '{workflow.name}' calls no local "
                            f"reusable workflow, so '{text}' names nothing", pos)  # fmt: skip
    called = workflows.find(path)
    if called is not None:
        _check_job(called, rest, key, pos, workflows)


def check_dispatch(event: Dispatch, pos: Pos, workflows: WorkflowSet) -> Workflow:
    """GitHub's API refuses a dispatch to an unknown workflow, one without
    workflow_dispatch, an unknown input or a missing required one (§6.3)."""
    wf = resolve_workflow(workflows, event.workflow, pos, "workflow_dispatch")
    trigger = wf.trigger("workflow_dispatch")
    if trigger is None:
        raise ScenarioError(f"'{wf.name}' has no 'on: workflow_dispatch': it cannot be dispatched",
                            pos)  # fmt: skip
    for name in event.inputs:
        if name not in trigger.inputs:
            raise ScenarioError(f"'{wf.name}' has no input '{name}'"
                                f"{did_you_mean(name, trigger.inputs)}", pos)  # fmt: skip
    for name, spec in trigger.inputs.items():
        if spec.required and spec.default is None and name not in event.inputs:
            raise ScenarioError(f"workflow_dispatch of '{wf.name}' needs input '{name}'", pos)
    return wf
