"""`pull_request` and `pull_request_target` (fact sheet §4, A.2)."""

from __future__ import annotations

from simulator.core.events import PullRequest
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
        return Decision.no(f"no '{pr.name}' trigger")
    types = trigger.types if trigger.types is not None else PULL_REQUEST_DEFAULT_TYPES
    if pr.action not in types:
        why = "types" if trigger.types is not None else "default types"
        return Decision.no(f"activity '{pr.action}' is not in its {why} [{', '.join(types)}]",
                           "§4.1")  # fmt: skip
    approval = False
    if pr.token == "github_token":
        if pr.target or pr.action not in PULL_REQUEST_DEFAULT_TYPES:
            return Decision.no("made with GITHUB_TOKEN: events it causes create no runs", "§7.1")
        approval = True  # §4.9 / §7.2
    if pr.merge_conflict and not pr.target:
        return Decision.no("the pull request has a merge conflict: no pull_request run", "§4.5")
    passed: list[str] = [f"activity '{pr.action}' is in its types"]
    flt = trigger.filter("branches") or trigger.filter("branches-ignore")
    if flt is not None:
        decision = check_name(flt, pr.base, "base branch", settings)  # §4.2: the BASE branch
        if not decision:
            return Decision.no(decision.reason, "§4.2")
        passed.append(decision.reason)
    if not pr.target:
        skip = skip_instruction(pr.message, settings)
        if skip:
            return Decision.no(f"the head commit message contains {skip}", "§7.4")
    decision = check_paths(trigger, pr.files, settings)  # §4.3: the whole PR's diff
    if decision is not None:
        if not decision:
            return decision
        passed.append(decision.reason)
    if approval:
        passed.append("made with GITHUB_TOKEN: the run waits for approval")
    return Decision.yes("; ".join(passed), "§4.9" if approval else "§4.2",
                        awaits_approval=approval)  # fmt: skip
