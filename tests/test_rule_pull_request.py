"""pull_request and pull_request_target (fact sheet §4, §7)."""

from conftest import wf

from simulator.core.events import PullRequest
from simulator.rules.pull_request import decide_pull_request

JOBS = "jobs: {a: {runs-on: x}}\n"


def test_default_types_are_opened_synchronize_reopened():  # §4.1
    w = wf("on: pull_request\n" + JOBS)
    for action in ("opened", "synchronize", "reopened"):
        assert decide_pull_request(w, PullRequest(action=action)).fires
    d = decide_pull_request(w, PullRequest(action="closed"))
    assert not d.fires and d.fact == "§4.1"
    w2 = wf("on:\n  pull_request:\n    types: [closed]\n" + JOBS)
    assert decide_pull_request(w2, PullRequest(action="closed")).fires


def test_branches_filter_the_base_branch():  # §4.2
    w = wf("on:\n  pull_request:\n    branches: [main]\n" + JOBS)
    assert decide_pull_request(w, PullRequest(base="main", head="feature/x")).fires
    assert not decide_pull_request(w, PullRequest(base="dev", head="main")).fires


def test_paths_use_the_whole_pr_diff():  # §4.3
    w = wf("on:\n  pull_request:\n    paths: ['src/**']\n" + JOBS)
    assert decide_pull_request(w, PullRequest(files=("README.md", "src/a.py"))).fires
    assert not decide_pull_request(w, PullRequest(files=("README.md",))).fires


def test_merge_conflict_blocks_pull_request_not_target():  # §4.5
    pr = PullRequest(merge_conflict=True)
    assert not decide_pull_request(wf("on: pull_request\n" + JOBS), pr).fires
    target = PullRequest(merge_conflict=True, target=True)
    assert decide_pull_request(wf("on: pull_request_target\n" + JOBS), target).fires


def test_skip_ci_applies_to_pull_request_not_target():  # §7.4
    pr = PullRequest(message="x [skip ci]")
    assert not decide_pull_request(wf("on: pull_request\n" + JOBS), pr).fires
    target = PullRequest(message="x [skip ci]", target=True)
    assert decide_pull_request(wf("on: pull_request_target\n" + JOBS), target).fires


def test_github_token_pull_request_awaits_approval():  # §4.9, §7.2
    d = decide_pull_request(wf("on: pull_request\n" + JOBS), PullRequest(token="github_token"))
    assert d.fires and d.awaits_approval
    d = decide_pull_request(
        wf("on: pull_request_target\n" + JOBS), PullRequest(token="github_token", target=True)
    )
    assert not d.fires
