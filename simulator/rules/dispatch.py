"""`workflow_dispatch`, `repository_dispatch` and the other events (fact sheet §6)."""

from __future__ import annotations

from simulator.core.events import Dispatch, OtherEvent, RepositoryDispatch
from simulator.core.reasons import Reason
from simulator.rules.decision import Decision
from simulator.rules.filters import check_name
from simulator.settings import DEFAULT, Settings
from simulator.workflow.event_catalogue import EVENTS
from simulator.workflow.model import Workflow


def decide_dispatch(workflow: Workflow, event: Dispatch) -> Decision:
    if workflow.trigger("workflow_dispatch") is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event="workflow_dispatch"))
    if not workflow.answers_to(event.workflow):
        return Decision.no(Reason("dispatch.not_target", "§6.3", target=event.workflow))
    # §6.3: no branch filters; GITHUB_TOKEN may dispatch (§7.1).
    return Decision.yes(Reason("dispatch.ok", "§6.3", ref=event.ref))


def decide_repository_dispatch(workflow: Workflow, event: RepositoryDispatch) -> Decision:
    trigger = workflow.trigger("repository_dispatch")
    if trigger is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event="repository_dispatch"))
    if trigger.types is not None and event.event_type not in trigger.types:
        return Decision.no(Reason("repository_dispatch.type_not_in", "§6.4",
                                  type=event.event_type, types=trigger.types))  # fmt: skip
    return Decision.yes(Reason("repository_dispatch.ok", "§6.4", type=event.event_type))


def decide_other(workflow: Workflow, event: OtherEvent, settings: Settings = DEFAULT) -> Decision:
    trigger = workflow.trigger(event.event)
    if trigger is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event=event.event))
    if event.token == "github_token":
        return Decision.no(Reason("token.caused", "§7.1"))
    spec = EVENTS[event.event]
    types = spec.effective_types(trigger.types)
    if event.action is not None and types is not None and event.action not in types:
        return Decision.no(Reason("other.type_not_in", "§1.4", action=event.action, types=types))
    flt = trigger.filter("branches") or trigger.filter("branches-ignore")
    if event.event == "merge_group" and flt is not None and event.base is not None:
        decision = check_name(flt, event.base, "base branch", settings)  # §6.2: the queue's base
        if not decision:
            return decision
    return Decision.yes(Reason("other.ok", "§1.4", event=event.describe()))
