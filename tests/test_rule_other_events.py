"""workflow_dispatch, repository_dispatch, schedule and the other events (fact sheet §6)."""

from conftest import wf

from simulator.core.events import Dispatch, OtherEvent, RepositoryDispatch, Schedule
from simulator.rules.decide import decide

JOBS = "jobs: {a: {runs-on: x}}\n"


def test_dispatch_fires_for_its_workflow_without_branch_filters():  # §6.3
    w = wf("name: Deploy\non:\n  workflow_dispatch:\n  push:\n    branches: [main]\n" + JOBS)
    assert decide(w, Dispatch("Deploy", ref="feature/x")).fires
    assert decide(w, Dispatch("wf.yml", ref="main")).fires
    assert not decide(w, Dispatch("Other")).fires


def test_dispatch_by_github_token_still_runs():  # §7.1
    w = wf("name: D\non: workflow_dispatch\n" + JOBS)
    assert decide(w, Dispatch("D", token="github_token")).fires


def test_repository_dispatch_types():  # §6.4
    w = wf("on:\n  repository_dispatch:\n    types: [deploy]\n" + JOBS)
    assert decide(w, RepositoryDispatch("deploy")).fires
    assert not decide(w, RepositoryDispatch("other")).fires


def test_schedule_matches_its_cron():  # §6.5
    w = wf("on:\n  schedule:\n    - cron: '0 3 * * *'\n" + JOBS)
    assert decide(w, Schedule("0 3 * * *")).fires
    assert not decide(w, Schedule("0 4 * * *")).fires


def test_other_events_apply_types():  # §1.4
    w = wf("on:\n  issues:\n    types: [labeled]\n" + JOBS)
    assert decide(w, OtherEvent("issues", "labeled")).fires
    assert not decide(w, OtherEvent("issues", "opened")).fires
    assert not decide(w, OtherEvent("issues", "labeled", token="github_token")).fires  # §7.1
