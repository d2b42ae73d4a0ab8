"""`push`: ref kind, branch/tag filters, skip instructions, path filters (fact sheet §2, A.1)."""

from __future__ import annotations

from simulator.core.events import Push
from simulator.rules.decision import Decision
from simulator.rules.filters import check_name, check_paths
from simulator.rules.skip_ci import skip_instruction
from simulator.settings import DEFAULT, Settings
from simulator.workflow.model import Workflow

MAX_COMMITS = 1000  # §2.10: beyond this, path filters are not evaluated: the workflow runs


def decide_push(workflow: Workflow, push: Push, settings: Settings = DEFAULT) -> Decision:
    trigger = workflow.trigger("push")
    if trigger is None:
        return Decision.no("no 'push' trigger")
    if push.token == "github_token":
        return Decision.no("pushed with GITHUB_TOKEN: events it causes create no runs", "§7.1")
    if push.deleted and not settings.push_on_branch_delete:
        return Decision.no("a branch deletion starts no push run (setting push_on_branch_delete)",
                           "§2.13")  # fmt: skip

    has_branch = bool(trigger.filter("branches") or trigger.filter("branches-ignore"))
    has_tag = bool(trigger.filter("tags") or trigger.filter("tags-ignore"))
    passed: list[str] = []
    if push.tag is not None:
        if has_branch and not has_tag:
            return Decision.no("only branch filters are defined, so tag pushes never trigger",
                               "§2.4")  # fmt: skip
        flt = trigger.filter("tags") or trigger.filter("tags-ignore")
        if flt is not None:
            decision = check_name(flt, push.tag, "tag", settings)
            if not decision:
                return decision
            passed.append(decision.reason)
    else:
        if has_tag and not has_branch:
            return Decision.no("only tag filters are defined, so branch pushes never trigger",
                               "§2.4")  # fmt: skip
        flt = trigger.filter("branches") or trigger.filter("branches-ignore")
        if flt is not None:
            decision = check_name(flt, push.branch or "", "branch", settings)
            if not decision:
                return decision
            passed.append(decision.reason)

    skip = skip_instruction(push.message, settings)
    if skip:
        return Decision.no(f"the commit message contains {skip}: push runs are skipped", "§7.4")

    has_paths = bool(trigger.filter("paths") or trigger.filter("paths-ignore"))
    if push.tag is not None:
        if has_paths:
            passed.append("path filters are not evaluated for tag pushes")
        return Decision.yes(_joined(passed, "push of a tag"), "§2.6" if has_paths else "§2.4")
    if has_paths and push.commits > MAX_COMMITS:
        passed.append(f"{push.commits} commits pushed (> {MAX_COMMITS}): paths are not checked")
        return Decision.yes(_joined(passed, ""), "§2.10")
    decision = check_paths(trigger, push.files, settings)
    if decision is not None:
        if not decision:
            return decision
        passed.append(decision.reason)
    return Decision.yes(_joined(passed, "push, no filter"), "§2.5" if has_paths else "§2.4")


def _joined(parts: list[str], default: str) -> str:
    return "; ".join(parts) if parts else default
