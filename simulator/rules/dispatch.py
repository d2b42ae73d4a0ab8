"""`workflow_dispatch`, `repository_dispatch` and the other events (fact sheet §6)."""

from __future__ import annotations

from simulator.core.events import Dispatch, OtherEvent, RepositoryDispatch
from simulator.rules.decision import Decision
from simulator.workflow.event_catalogue import EVENTS
from simulator.workflow.model import Workflow


def decide_dispatch(workflow: Workflow, event: Dispatch) -> Decision:
    if workflow.trigger("workflow_dispatch") is None:
        return Decision.no("no 'workflow_dispatch' trigger")
    if not workflow.answers_to(event.workflow):
        return Decision.no(f"the dispatch targets '{event.workflow}', not this workflow")
    # §6.3: no branch filters; GITHUB_TOKEN may dispatch (§7.1).
    return Decision.yes(f"dispatched on {event.ref} (no branch filters apply)", "§6.3")


def decide_repository_dispatch(workflow: Workflow, event: RepositoryDispatch) -> Decision:
    trigger = workflow.trigger("repository_dispatch")
    if trigger is None:
        return Decision.no("no 'repository_dispatch' trigger")
    if trigger.types is not None and event.event_type not in trigger.types:
        return Decision.no(f"event type '{event.event_type}' is not in its types "
                           f"[{', '.join(trigger.types)}]", "§6.4")  # fmt: skip
    return Decision.yes(f"event type '{event.event_type}' accepted", "§6.4")


def decide_other(workflow: Workflow, event: OtherEvent) -> Decision:
    trigger = workflow.trigger(event.event)
    if trigger is None:
        return Decision.no(f"no '{event.event}' trigger")
    if event.token == "github_token":
        return Decision.no("caused with GITHUB_TOKEN: events it causes create no runs", "§7.1")
    spec = EVENTS[event.event]
    types = spec.effective_types(trigger.types)
    if event.action is not None and types is not None and event.action not in types:
        return Decision.no(f"activity '{event.action}' is not in its types [{', '.join(types)}]",
                           "§1.4")  # fmt: skip
    return Decision.yes(f"'{event.describe()}' is one of its triggers", "§1.4")
