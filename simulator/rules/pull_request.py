"""`pull_request` and `pull_request_target` (fact sheet §4, A.2)."""

from __future__ import annotations

from simulator.core.events import PullRequest
from simulator.core.reasons import Reason, Term, joined
from simulator.rules.decision import Decision
from simulator.rules.filters import check_name, check_paths
from simulator.rules.skip_ci import skip_instruction
from simulator.settings import DEFAULT, Settings
from simulator.workflow.event_catalogue import PULL_REQUEST_DEFAULT_TYPES
from simulator.workflow.model import Workflow


def decide_pull_request(
    workflow: Workflow, pr: PullRequest, settings: Settings = DEFAULT
) -> Decision:
    trigger = workflow.trigger(pr.name)
    if trigger is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event=pr.name))
    types = trigger.types if trigger.types is not None else PULL_REQUEST_DEFAULT_TYPES
    if pr.action not in types:
        which = Term("types" if trigger.types is not None else "default types")
        return Decision.no(Reason("pr.type_not_in", "§4.1", action=pr.action, which=which,
                                  types=types))  # fmt: skip
    approval = False
    if pr.token == "github_token":
        if pr.target or pr.action not in PULL_REQUEST_DEFAULT_TYPES:
            return Decision.no(Reason("token.made", "§7.1"))
        approval = True  # §4.9 / §7.2
    if pr.merge_conflict and not pr.target:
        return Decision.no(Reason("pr.conflict", "§4.5"))
    passed: list[Reason] = [Reason("pr.type_in", "§4.1", action=pr.action)]
    flt = trigger.filter("branches") or trigger.filter("branches-ignore")
    if flt is not None:
        decision = check_name(flt, pr.base, "base branch", settings)  # §4.2: the BASE branch
        if not decision:
            return Decision.no(Reason(decision.reason.kind, "§4.2", **decision.reason.details))
        passed.append(decision.reason)
    if not pr.target:
        skip = skip_instruction(pr.message, settings)
        if skip:
            return Decision.no(Reason("pr.skip_ci", "§7.4", marker=skip))
    paths = check_paths(trigger, pr.files, settings)  # §4.3: the whole PR's diff
    if paths is not None:
        if not paths:
            return paths
        passed.append(paths.reason)
    if approval:
        passed.append(Reason("pr.awaits_approval", "§4.9"))
    elif pr.first_time_contributor and not pr.target:  # §4.8: a maintainer must approve it
        approval = True
        passed.append(Reason("pr.first_time", "§4.8"))
    return Decision.yes(joined(passed, "§4.8" if approval else "§4.2"), awaits_approval=approval)
