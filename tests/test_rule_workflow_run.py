"""The workflow_run rule alone (fact sheet §5); propagation is tested with the engine."""

from conftest import wf

from simulator.core.events import WorkflowRunEvent
from simulator.rules.workflow_run import decide_workflow_run
from simulator.settings import Settings

JOBS = "jobs: {a: {runs-on: x}}\n"


def listener(body: str = "    workflows: [CI Pipeline]\n"):
    return wf("on:\n  workflow_run:\n" + body + JOBS)


def test_matches_upstream_by_name():  # §5.2
    assert decide_workflow_run(listener(), WorkflowRunEvent("CI Pipeline")).fires
    d = decide_workflow_run(listener(), WorkflowRunEvent("CI"))
    assert not d.fires and d.fact == "§5.2"


def test_a_file_name_does_not_match_and_the_reason_says_so():  # §5.2
    w = listener("    workflows: [ci.yml]\n")
    event = WorkflowRunEvent("CI Pipeline", upstream_path=".github/workflows/ci.yml")
    d = decide_workflow_run(w, event)
    assert not d.fires
    assert "'ci.yml' is a file name" in d.reason and "'CI Pipeline'" in d.reason


def test_unnamed_upstream_is_matched_by_its_path():  # §5.2 [U], §1.2
    w = listener("    workflows: [.github/workflows/build.yml]\n")
    assert decide_workflow_run(w, WorkflowRunEvent(".github/workflows/build.yml")).fires


def test_default_types_are_all_three():  # §5.1
    w = listener()
    for activity in ("requested", "in_progress", "completed"):
        d = decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", activity))
        assert d.fires and "all fire" in d.reason


def test_types_narrow_the_activities():  # §5.1
    w = listener("    workflows: [CI Pipeline]\n    types: [completed]\n")
    assert decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", "completed")).fires
    assert not decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", "requested")).fires


def test_fires_whatever_the_conclusion():  # §5.5
    w = listener()
    for conclusion in ("success", "failure", "cancelled", "skipped"):
        assert decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", conclusion=conclusion))


def test_branches_filter_the_upstream_head_branch():  # §5.3
    w = listener("    workflows: [CI Pipeline]\n    branches: [main]\n")
    assert decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", head_branch="main")).fires
    d = decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", head_branch="feature/x"))
    assert not d.fires and d.fact == "§5.3"
    w2 = listener("    workflows: [CI Pipeline]\n    branches-ignore: ['feature/**']\n")
    assert not decide_workflow_run(w2, WorkflowRunEvent("CI Pipeline", head_branch="feature/x"))


def test_listener_must_be_on_the_default_branch():  # §5.4
    d = decide_workflow_run(listener(), WorkflowRunEvent("CI Pipeline"), on_default_branch=False)
    assert not d.fires and d.fact == "§5.4"


def test_depth_limit_three_levels():  # §5.6: A -> B -> C -> D run; E, F do not
    w = listener()
    for depth in (1, 2, 3):
        assert decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", depth=depth)).fires
    for depth in (4, 5):
        d = decide_workflow_run(w, WorkflowRunEvent("CI Pipeline", depth=depth))
        assert not d.fires and d.fact == "§5.6"


def test_wildcards_in_workflows_are_a_setting():  # §5.2 [U]
    w = listener("    workflows: ['CI *']\n")
    assert not decide_workflow_run(w, WorkflowRunEvent("CI Pipeline")).fires
    assert decide_workflow_run(
        w, WorkflowRunEvent("CI Pipeline"), Settings(workflow_run_wildcards=True)
    ).fires
