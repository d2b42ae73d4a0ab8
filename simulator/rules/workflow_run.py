"""`workflow_run`: upstream name, activity types, head-branch filters, depth (fact sheet §5)."""

from __future__ import annotations

from simulator.core.events import WorkflowRunEvent
from simulator.core.patterns import PatternError, compile_pattern
from simulator.core.reasons import Reason, joined
from simulator.rules.decision import Decision
from simulator.rules.filters import check_name
from simulator.settings import DEFAULT, Settings
from simulator.workflow.event_catalogue import WORKFLOW_RUN_TYPES
from simulator.workflow.model import EventTrigger, Workflow

MAX_DEPTH = 3  # §5.6: A -> B -> C -> D run; E and F never do


def names_upstream(listed: str, event: WorkflowRunEvent, settings: Settings) -> bool:
    """Does an entry of `workflows:` designate the upstream workflow? By name (§5.2); an
    unnamed upstream is named by its path (§1.2), unless `workflow_run_match_path` is off."""
    if listed == event.upstream:
        unnamed = bool(event.upstream_path) and event.upstream == event.upstream_path
        return settings.workflow_run_match_path or not unnamed
    if settings.workflow_run_wildcards and any(c in listed for c in "*?[+"):
        try:
            return compile_pattern(listed).matches(event.upstream)
        except PatternError:
            return False
    return False


def listened_activities(trigger: EventTrigger) -> tuple[str, ...]:
    """The upstream activities a listener fires on: its `types`, else all three (§5.1)."""
    return trigger.types if trigger.types is not None else WORKFLOW_RUN_TYPES


def decide_workflow_run(
    listener: Workflow,
    event: WorkflowRunEvent,
    settings: Settings = DEFAULT,
    on_default_branch: bool = True,
) -> Decision:
    trigger = listener.trigger("workflow_run")
    if trigger is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event="workflow_run"))
    if not any(names_upstream(w, event, settings) for w in trigger.workflows):
        return Decision.no(_name_mismatch(trigger.workflows, event), quiet=True)
    if not on_default_branch:
        return Decision.no(Reason("wr.not_default", "§5.4"))
    types = listened_activities(trigger)
    if event.activity not in types:
        return Decision.no(Reason("wr.type_not_in", "§5.1", activity=event.activity,
                                  types=types), quiet=True)  # fmt: skip
    passed = [Reason("wr.activity", "§5.1", upstream=event.upstream, activity=event.activity)]
    if trigger.types is None:
        passed.append(Reason("wr.all_types", "§5.1"))
    flt = trigger.filter("branches") or trigger.filter("branches-ignore")
    if flt is not None:
        decision = check_name(flt, event.head_branch, "head branch", settings)
        if not decision:
            return Decision.no(Reason(decision.reason.kind, "§5.3", **decision.reason.details))
        passed.append(decision.reason)
    if event.depth > MAX_DEPTH:
        return Decision.no(Reason("wr.depth", "§5.6", depth=event.depth, limit=MAX_DEPTH))
    return Decision.yes(joined(passed, "§5.1"))


def _name_mismatch(listed: tuple[str, ...], event: WorkflowRunEvent) -> Reason:
    path = event.upstream_path
    file_name = path.rsplit("/", 1)[-1] if path else ""
    for entry in listed:
        if entry and entry in (path, file_name) and entry != event.upstream:
            return Reason("wr.file_name", "§5.2", entry=entry, upstream=event.upstream)
    names = ", ".join(f"'{n}'" for n in listed)
    return Reason("wr.names", "§5.2", names=names, upstream=event.upstream)
