"""Checks a scenario's names against the workflows: a typo is an error, never ignored."""

from __future__ import annotations

from simulator.core.diagnostics import Pos, did_you_mean
from simulator.core.events import Dispatch
from simulator.scenario.loader import ScenarioError
from simulator.scenario.model import PerJob, Scenario
from simulator.workflow.model import Workflow, WorkflowSet


def validate_names(scenario: Scenario, workflows: WorkflowSet) -> None:
    for table, key in ((scenario.durations, "durations"), (scenario.outcomes, "outcomes"),
                       (scenario.outputs, "outputs")):  # fmt: skip
        _check_table(table, key, workflows)
    names = [w.name for w in workflows.workflows]
    for key, pos in scenario.label_positions.items():
        if workflows.find(key) is None:
            raise ScenarioError(f"labels: no workflow named '{key}'{did_you_mean(key, names)}", pos)
    for scheduled in scenario.events:
        event = scheduled.event
        if isinstance(event, Dispatch):
            _check_dispatch(event, scheduled.pos, workflows)


def _check_table(table: PerJob, key: str, workflows: WorkflowSet) -> None:
    names = [w.name for w in workflows.workflows]
    for (wf_key, job_key), pos in table.positions.items():
        workflow = workflows.find(wf_key)
        if workflow is None:
            broken = next((b for b in workflows.broken if wf_key in (b.name, b.file_name)), None)
            if broken is not None:
                raise ScenarioError(f"{key}: workflow '{wf_key}' is invalid: "
                                    f"{broken.first_error}", pos)  # fmt: skip
            raise ScenarioError(f"{key}: no workflow named '{wf_key}'{did_you_mean(wf_key, names)}",
                                pos)  # fmt: skip
        if job_key is None or job_key == "*":
            continue
        _check_job(workflow, job_key, key, pos, workflows)


def _check_job(workflow: Workflow, job_key: str, key: str, pos: Pos, workflows: WorkflowSet):
    """A job id, a matrix leg `id (a, b)`, a selector `id[k=v]`, or `caller/called`."""
    head = job_key
    for sep in (" (", "[", "/"):
        head = head.split(sep, 1)[0]
    job = workflow.jobs.get(head)
    if job is None:
        raise ScenarioError(f"{key}: workflow '{workflow.name}' has no job '{head}'"
                            f"{did_you_mean(head, workflow.jobs)}", pos)  # fmt: skip
    if "/" in job_key and not job_key.startswith(head + " ("):
        if not (job.uses and job.uses.startswith("./")):
            raise ScenarioError(f"{key}: job '{head}' of '{workflow.name}' calls no local "
                                "reusable workflow, so '{job_key}' names nothing", pos)  # fmt: skip
        called = workflows.find(job.uses.split("@", 1)[0].removeprefix("./"))
        if called is not None:
            rest = job_key.split("/", 1)[1]
            _check_job(called, rest, key, pos, workflows)


def _check_dispatch(event: Dispatch, pos: Pos, workflows: WorkflowSet) -> None:
    """GitHub's API refuses a dispatch to an unknown workflow, one without
    workflow_dispatch, an unknown input or a missing required one (§6.3)."""
    wf = workflows.find(event.workflow)
    if wf is None:
        names = [w.name for w in workflows.workflows]
        raise ScenarioError(f"workflow_dispatch of unknown workflow '{event.workflow}'"
                            f"{did_you_mean(event.workflow, names)}", pos)  # fmt: skip
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
