"""`workflow_run`: upstream name, activity types, head-branch filters, depth (fact sheet §5)."""

from __future__ import annotations

from simulator.core.events import WorkflowRunEvent
from simulator.core.patterns import PatternError, compile_pattern
from simulator.rules.decision import Decision
from simulator.rules.filters import check_name
from simulator.settings import DEFAULT, Settings
from simulator.workflow.event_catalogue import WORKFLOW_RUN_TYPES
from simulator.workflow.model import Workflow

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


def decide_workflow_run(
    listener: Workflow,
    event: WorkflowRunEvent,
    settings: Settings = DEFAULT,
    on_default_branch: bool = True,
) -> Decision:
    trigger = listener.trigger("workflow_run")
    if trigger is None:
        return Decision.no("no 'workflow_run' trigger")
    if not any(names_upstream(w, event, settings) for w in trigger.workflows):
        return Decision.no(_name_mismatch(trigger.workflows, event), "§5.2", quiet=True)
    if not on_default_branch:
        return Decision.no("the listener is not on the default branch: workflow_run only uses "
                           "the default-branch copy", "§5.4")  # fmt: skip
    types = trigger.types if trigger.types is not None else WORKFLOW_RUN_TYPES
    if event.activity not in types:
        return Decision.no(f"activity '{event.activity}' is not in its types [{', '.join(types)}]",
                           "§5.1", quiet=True)  # fmt: skip
    passed = [f"'{event.upstream}' {event.activity}"]
    if trigger.types is None:
        passed.append("no types: requested, in_progress and completed all fire (§5.1)")
    flt = trigger.filter("branches") or trigger.filter("branches-ignore")
    if flt is not None:
        decision = check_name(flt, event.head_branch, "head branch", settings)
        if not decision:
            return Decision.no(decision.reason, "§5.3")
        passed.append(decision.reason)
    if event.depth > MAX_DEPTH:
        return Decision.no(
            f"chain level {event.depth}: workflow_run chains stop after {MAX_DEPTH} levels", "§5.6"
        )
    return Decision.yes("; ".join(passed), "§5.1")


def _name_mismatch(listed: tuple[str, ...], event: WorkflowRunEvent) -> str:
    names = ", ".join(f"'{n}'" for n in listed)
    base = f"listens to {names}, not '{event.upstream}'"
    path = event.upstream_path
    file_name = path.rsplit("/", 1)[-1] if path else ""
    for entry in listed:
        if entry and entry in (path, file_name) and entry != event.upstream:
            return (f"'{entry}' is a file name: workflow_run matches the workflow's name "
                    f"'{event.upstream}'")  # fmt: skip
    return base
