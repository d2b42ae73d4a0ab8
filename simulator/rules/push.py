"""`push`: ref kind, branch/tag filters, skip instructions, path filters (fact sheet §2, A.1)."""

from __future__ import annotations

from simulator.core.events import Push
from simulator.core.reasons import Reason, joined
from simulator.rules.decision import Decision
from simulator.rules.filters import check_name, check_paths
from simulator.rules.skip_ci import skip_instruction
from simulator.settings import DEFAULT, Settings
from simulator.workflow.model import EventTrigger, Workflow

MAX_COMMITS = 1000  # §2.10: beyond this, path filters are not evaluated: the workflow runs


def decide_push(workflow: Workflow, push: Push, settings: Settings = DEFAULT) -> Decision:
    trigger = workflow.trigger("push")
    if trigger is None:
        return Decision.no(Reason("trigger.missing", "§1.3", event="push"))
    if push.token == "github_token":
        return Decision.no(Reason("token.pushed", "§7.1"))
    if push.deleted and not settings.push_on_branch_delete:
        return Decision.no(Reason("push.branch_delete", "§2.13"))
    passed: list[Reason] = []
    refused = _ref_filters(trigger, push, settings, passed)
    if refused is not None:
        return refused
    skip = skip_instruction(push.message, settings)
    if skip:
        return Decision.no(Reason("push.skip_ci", "§7.4", marker=skip))
    has_paths = bool(trigger.filter("paths") or trigger.filter("paths-ignore"))
    if push.tag is not None:
        if has_paths:
            passed.append(Reason("push.tag_paths_skipped", "§2.6"))
        return Decision.yes(_joined(passed, "push.tag", "§2.6" if has_paths else "§2.4"))
    if has_paths and push.commits > MAX_COMMITS:
        passed.append(Reason("push.many_commits", "§2.10", commits=push.commits,
                             limit=MAX_COMMITS))  # fmt: skip
        return Decision.yes(joined(passed, "§2.10"))
    paths = check_paths(trigger, push.files, settings)
    if paths is not None:
        if not paths:
            return paths
        passed.append(paths.reason)
    return Decision.yes(_joined(passed, "push.no_filter", "§2.5" if has_paths else "§2.4"))


def _ref_filters(trigger: EventTrigger, push: Push, settings: Settings,
                 passed: list[Reason]) -> Decision | None:  # fmt: skip
    """The ref-kind rule (§2.4) and the branch or tag filter: a "no" Decision, or None with
    what passed appended to `passed`."""
    has_branch = bool(trigger.filter("branches") or trigger.filter("branches-ignore"))
    has_tag = bool(trigger.filter("tags") or trigger.filter("tags-ignore"))
    if push.tag is not None:
        if has_branch and not has_tag:
            return Decision.no(Reason("push.tag_but_branch_filters", "§2.4"))
        flt, name, what = trigger.filter("tags") or trigger.filter("tags-ignore"), push.tag, "tag"
    else:
        if has_tag and not has_branch:
            return Decision.no(Reason("push.branch_but_tag_filters", "§2.4"))
        flt = trigger.filter("branches") or trigger.filter("branches-ignore")
        name, what = push.branch or "", "branch"
    if flt is not None:
        decision = check_name(flt, name, what, settings)
        if not decision:
            return decision
        passed.append(decision.reason)
    return None


def _joined(parts: list[Reason], default: str, fact: str) -> Reason:
    return joined(parts, fact) if parts else Reason(default, fact)
