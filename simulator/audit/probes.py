"""The events the audit simulates (docs/security.md, "The trust model"): what an outsider can
cause (a fork's pull request, a first-time contributor's, a fork adding a workflow with a
chosen `name:`, a comment or an issue by a non-member) and what maintainers do afterwards
(a push to the default branch, a tag, a release, a dispatch, each schedule)."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct
from msgspec.structs import replace

from simulator.core.diagnostics import Pos
from simulator.core.events import (
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    Repository,
    Schedule,  # fmt: skip
)
from simulator.core.patterns import example_path
from simulator.scenario.loader import DEFAULT_START
from simulator.scenario.model import Scenario, ScenarioEvent
from simulator.workflow.loader import parse_workflow, workflow_set
from simulator.workflow.model import Workflow, WorkflowSet

POS = Pos("(audit)")
ATTACKER = "mallory"
HOUR = 3600.0
OUTSIDER_PR_ACTIONS = ("opened", "synchronize", "reopened", "edited")
MAX_COMMENT_BODIES = 20  # literals `if:` compares comment bodies with, tried one by one


class Probe(Struct):
    """One simulation: a label for findings' paths, a scenario, the workflows the pull request
    brings (None: the default branch's), and whether its events are untrusted."""

    label: str
    scenario: Scenario
    workflows: WorkflowSet | None = None
    untrusted: bool = True
    # the files a fork's pull request adds: a set, since every job site of the probe asks
    # whether its run's file is one of them (a list made the audit quadratic)
    added: frozenset[str] = frozenset()


def _scenario(name: str, repo: Repository, events: Sequence[tuple[float, Event, str]]) -> Scenario:
    return Scenario(name=name, path=None, workflows=None, default_branch=repo.default_branch,
                    start=DEFAULT_START, repository=repo,
                    events=[ScenarioEvent(at, event, POS, label) for at, event, label in events])  # fmt: skip


def _paths(workflows: WorkflowSet, events: tuple[str, ...]) -> tuple[str, ...]:
    """Files a change can touch so that every path filter of `events` passes (an attacker's
    pull request can change any file, so one that no `paths-ignore` lists is among them)."""
    found = {"README.md", "ghasim-probe/any-file.txt"}
    for wf in workflows.workflows:
        for event in events:
            trigger = wf.trigger(event)
            flt = trigger.filter("paths") if trigger else None
            for source in flt.sources if flt else ():
                path = example_path(source)
                if path:
                    found.add(path)
    return tuple(sorted(found))


def fork_pull_request(repo: Repository, files: tuple[str, ...], first_time: bool = False,
                      action: str = "opened") -> PullRequest:  # fmt: skip
    """A pull request from a fork whose head branch is named like the default branch (the
    attacker picks it, and a listener's `branches: [main]` passes, §5.3)."""
    return PullRequest(action=action, base=repo.default_branch, head=repo.default_branch,
                       files=files, fork=True, first_time_contributor=first_time,
                       head_repo=f"{ATTACKER}/{repo.name}", user=ATTACKER,
                       title="Fix typo", number=7)  # fmt: skip


def bases(workflows: WorkflowSet, repo: Repository) -> list[str]:
    """The branches a fork's pull request may target: the default branch, and one name each
    `branches` pattern of a pull request trigger matches (the outsider picks the base)."""
    found = {repo.default_branch: None}
    for wf in workflows.workflows:
        for event in ("pull_request", "pull_request_target"):
            trigger = wf.trigger(event)
            flt = trigger.filter("branches") if trigger else None
            for source in flt.sources if flt else ():
                name = example_path(source)
                if name:
                    found.setdefault(name, None)
    return list(found)[:MAX_BASES]


MAX_BASES = 20


def outsider_actions(workflows: WorkflowSet) -> list[str]:
    """`opened`, and each other activity an outsider causes that some pull request trigger
    lists in its `types` (without `types`, opened, synchronize and reopened are alike, §4.1):
    one simulation per activity that can make a difference, not one per activity."""
    listed = {t for wf in workflows.workflows for event in ("pull_request", "pull_request_target")
              if (trigger := wf.trigger(event)) is not None for t in trigger.types or ()}  # fmt: skip
    return ["opened", *(a for a in OUTSIDER_PR_ACTIONS[1:] if a in listed)]


def untrusted_probes(workflows: WorkflowSet, repo: Repository) -> list[Probe]:
    files = _paths(workflows, ("pull_request", "pull_request_target"))
    pr_label = f"fork pull request ({ATTACKER}/{repo.name})"
    events: list[tuple[float, Event, str]] = []
    actions = outsider_actions(workflows)
    for base in bases(workflows, repo):
        for a in actions:
            pr = replace(fork_pull_request(repo, files, action=a), base=base)
            events.append((len(events) * HOUR, pr, f"{pr_label} {a} into {base}"))
    probes = [Probe(pr_label, _scenario("fork pull request", repo, events)),
              Probe(f"first-time contributor's pull request ({ATTACKER}/{repo.name})",
                    _scenario("first-time contributor", repo,
                              [(0.0, fork_pull_request(repo, files, first_time=True),
                                "first-time contributor's pull request")]))]  # fmt: skip
    names = listened_names(workflows)
    if names:
        probes.append(spoofing_probe(workflows, repo, names, files))
    probes.append(
        Probe(
            "comment or issue by an outsider",
            _scenario("outsider", repo, outsider_events(workflows, repo)),
        )
    )
    return probes


def listened_names(workflows: WorkflowSet) -> list[str]:
    """Every upstream name a workflow_run listener waits for."""
    return list(dict.fromkeys(n for wf in workflows.with_trigger("workflow_run")
                              for n in wf.triggers["workflow_run"].workflows))  # fmt: skip


def spoofing_probe(workflows: WorkflowSet, repo: Repository, names: list[str],
                   files: tuple[str, ...]) -> Probe:  # fmt: skip
    """A fork's pull request that adds one workflow per name in `names`: GitHub runs the pull
    request's copy of the files (§4.6), so the added workflows run, and each one's completion
    reaches every default-branch listener waiting for its name (§13.1). One probe for all the
    names, so the audit stays linear in the workflows."""
    text = ("name: spoof\non: pull_request\n"
            "jobs:\n  spoof:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n")  # fmt: skip
    added = []
    for i, name in enumerate(names):
        file = f"ghasim-audit-spoof-{i + 1}.yml"
        template = parse_workflow(text, f"(added by the fork) {file}", f".github/workflows/{file}")
        assert isinstance(template, Workflow)
        added.append(replace(template, name=name))  # any name, whatever YAML would make of it
    copy = workflow_set(workflows.folder, [*workflows.workflows, *added])
    label = "fork pull request adding workflows named like the listened-to upstreams"
    event = replace(fork_pull_request(repo, files + tuple(w.rel_path for w in added)),
                    deliveries=("pull_request",))  # fmt: skip
    return Probe(label, _scenario(label, repo, [(0.0, event, label)]), copy,
                 added=frozenset(w.rel_path for w in added))  # fmt: skip


def _comment_bodies(workflows: WorkflowSet) -> list[str]:
    """An empty comment, and each literal a condition compares a comment body with (`/deploy`):
    an outsider can write any of them."""
    import re

    bodies = [""]
    for wf in workflows.with_trigger("issue_comment"):
        for job in wf.jobs.values():
            text = job.if_.text if job.if_ is not None else ""
            if "comment.body" in text:
                bodies += re.findall(r"'([^']{1,200})'", text)
    return list(dict.fromkeys(bodies))[:MAX_COMMENT_BODIES]


def outsider_events(workflows: WorkflowSet, repo: Repository) -> list[tuple[float, Event, str]]:
    """Comments on a pull request and on an issue, and an issue, by a non-member."""
    events: list[tuple[float, Event, str]] = []
    for i, body in enumerate(_comment_bodies(workflows)):
        for on_pr in (True, False):
            issue = {"number": 7, "title": "Question", "body": "",
                     "user": {"login": ATTACKER}, "author_association": "NONE"}  # fmt: skip
            if on_pr:
                issue["pull_request"] = {"url": f"https://api.github.com/repos/{repo.full_name}"
                                                "/pulls/7"}  # fmt: skip
            payload = {"issue": issue, "comment": {"body": body, "user": {"login": ATTACKER},
                                                   "author_association": "NONE"},
                       "sender": {"login": ATTACKER, "type": "User"}}  # fmt: skip
            events.append((i * HOUR, OtherEvent("issue_comment", "created", payload=payload,
                                                 number=7, on_pull_request=on_pr),
                           f"comment by an outsider on {'a pull request' if on_pr else 'an issue'}"))  # fmt: skip
    opened = OtherEvent("issues", "opened", number=8, payload={
        "issue": {"number": 8, "title": "Bug", "body": "", "user": {"login": ATTACKER},
                  "author_association": "NONE"}, "sender": {"login": ATTACKER, "type": "User"}})  # fmt: skip
    events.append((0.0, opened, "issue opened by an outsider"))
    return events


def trusted_events(workflows: WorkflowSet, repo: Repository, at: float) -> list[
        tuple[float, Event, str]]:  # fmt: skip
    """What maintainers do: a push to the default branch, a tag push, a release, each dispatch
    (required inputs filled), each schedule."""
    files = _paths(workflows, ("push",))
    events: list[tuple[float, Event, str]] = [
        (at, Push(branch=repo.default_branch, files=files, message="release prep"),
         f"push to {repo.default_branch}"),
        (at + HOUR, Push(tag="v1.0.0", files=files), "push of tag v1.0.0"),
        (at + HOUR, OtherEvent("release", "published", ref="v1.0.0"), "release v1.0.0 published"),
    ]  # fmt: skip
    for wf in workflows.with_trigger("workflow_dispatch"):
        inputs = {n: s.example_value() for n, s in wf.triggers["workflow_dispatch"].inputs.items()
                  if s.required and s.default is None}  # fmt: skip
        events.append((at + 2 * HOUR, Dispatch(wf.file_name, ref=repo.default_branch,
                                               inputs=inputs), f"dispatch of {wf.name}"))  # fmt: skip
    for cron in dict.fromkeys(c.cron for wf in workflows.with_trigger("schedule")
                              for c in wf.triggers["schedule"].crons):  # fmt: skip
        events.append((at + 3 * HOUR, Schedule(cron), f"schedule '{cron}'"))
    return events


def cache_probe(workflows: WorkflowSet, repo: Repository) -> Probe:
    """Outsiders first, maintainers six hours later: the order a poisoned cache needs."""
    files = _paths(workflows, ("pull_request", "pull_request_target"))
    events: list[tuple[float, Event, str]] = [
        (0.0, fork_pull_request(repo, files), f"fork pull request ({ATTACKER}/{repo.name})")
    ]
    events += outsider_events(workflows, repo)
    events += trusted_events(workflows, repo, 6 * HOUR)
    return Probe("outsiders, then maintainers", _scenario("cache", repo, events))


def trusted_probe(workflows: WorkflowSet, repo: Repository) -> Probe:
    """What maintainers do, alone: for `--explain`, the privileges of runs outsiders never
    reach."""
    return Probe("maintainers", _scenario("maintainers", repo, trusted_events(workflows, repo, 0.0)),
                 untrusted=False)  # fmt: skip
