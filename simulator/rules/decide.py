"""One entry point: which rule decides an event for a workflow."""

from __future__ import annotations

from simulator.core.events import (
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    RepositoryDispatch,
    Schedule,
    WorkflowRunEvent,
)
from simulator.rules.decision import Decision
from simulator.rules.dispatch import decide_dispatch, decide_other, decide_repository_dispatch
from simulator.rules.pull_request import decide_pull_request
from simulator.rules.push import decide_push
from simulator.rules.schedule import decide_schedule
from simulator.rules.workflow_run import decide_workflow_run
from simulator.settings import DEFAULT, Settings
from simulator.workflow.model import Workflow


def decide(workflow: Workflow, event: Event, settings: Settings = DEFAULT) -> Decision:
    if isinstance(event, Push):
        return decide_push(workflow, event, settings)
    if isinstance(event, PullRequest):
        return decide_pull_request(workflow, event, settings)
    if isinstance(event, WorkflowRunEvent):
        return decide_workflow_run(workflow, event, settings)
    if isinstance(event, Dispatch):
        return decide_dispatch(workflow, event)
    if isinstance(event, RepositoryDispatch):
        return decide_repository_dispatch(workflow, event)
    if isinstance(event, Schedule):
        return decide_schedule(workflow, event.cron)
    if isinstance(event, OtherEvent):
        return decide_other(workflow, event, settings)
    raise TypeError(f"no rule for {type(event).__name__}")
