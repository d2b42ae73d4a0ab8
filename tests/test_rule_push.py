"""The push rule (fact sheet §2, §7, appendix A.1)."""

import pytest
from conftest import wf

from simulator.core.events import Push
from simulator.rules.push import decide_push
from simulator.settings import Settings

JOBS = "jobs: {a: {runs-on: x}}\n"


def push_wf(on_push: str):
    return wf(f"on:\n  push:\n{on_push}{JOBS}")


def fires(workflow, **push):
    return decide_push(workflow, Push(**push)).fires


def test_no_filter_runs_for_branches_and_tags():  # §2.4
    w = wf("on: push\n" + JOBS)
    assert fires(w, branch="anything", files=("a",))
    assert fires(w, tag="v1", files=())


def test_only_branch_filters_means_tags_never_trigger():  # §2.4
    w = push_wf("    branches: [main]\n")
    d = decide_push(w, Push(tag="v1.0"))
    assert not d.fires and d.fact == "§2.4"
    assert fires(w, branch="main", files=("a",))


def test_only_tag_filters_means_branches_never_trigger():  # §2.4
    w = push_wf("    tags: ['v*']\n")
    assert not fires(w, branch="main", files=("a",))
    assert fires(w, tag="v1.0")
    assert not fires(w, tag="release-1")


def test_branches_ignore_alone_also_blocks_tags():  # §2.4
    w = push_wf("    branches-ignore: [dev]\n")
    assert not fires(w, tag="v1")
    assert not fires(w, branch="dev", files=("a",))
    assert fires(w, branch="main", files=("a",))


def test_tags_ignore():  # §2.1
    w = push_wf("    tags-ignore: ['v*-rc']\n")
    assert fires(w, tag="v1")
    assert not fires(w, tag="v1-rc")


def test_branches_and_paths_must_both_pass():  # §2.5
    w = push_wf("    branches: [main]\n    paths: ['src/**']\n")
    assert fires(w, branch="main", files=("src/a.py",))
    assert not fires(w, branch="main", files=("docs/a.md",))
    assert not fires(w, branch="dev", files=("src/a.py",))


def test_paths_not_evaluated_for_tags():  # §2.6
    w = push_wf("    paths: ['src/**']\n")
    d = decide_push(w, Push(tag="v1", files=("docs/x.md",)))
    assert d.fires and d.fact == "§2.6"


def test_paths_need_one_included_file():  # §2.7
    w = push_wf("    paths: ['sub-project/**', '!sub-project/docs/**']\n")
    assert fires(w, branch="m", files=("sub-project/index.js",))
    assert fires(w, branch="m", files=("sub-project/src/index.js",))
    assert not fires(w, branch="m", files=("sub-project/docs/readme.md",))
    assert fires(w, branch="m", files=("sub-project/docs/readme.md", "sub-project/a.js"))


def test_paths_ignore_skips_only_when_every_file_is_ignored():  # §2.7
    w = push_wf("    paths-ignore: ['docs/**']\n")
    assert not fires(w, branch="m", files=("docs/a.md", "docs/b.md"))
    assert fires(w, branch="m", files=("docs/a.md", "src/a.py"))


def test_zero_changed_files_does_not_run_a_path_filtered_workflow():  # §2.9
    w = push_wf("    paths: ['**']\n")
    d = decide_push(w, Push(branch="main", files=()))
    assert not d.fires and d.fact == "§2.9"
    assert fires(wf("on: push\n" + JOBS), branch="main", files=())  # no path filter: runs


def test_only_first_300_files_count():  # §2.10
    w = push_wf("    paths: ['src/**']\n")
    files = tuple(f"docs/{i}.md" for i in range(300)) + ("src/late.py",)
    d = decide_push(w, Push(branch="main", files=files))
    assert not d.fires and "first 300" in d.reason
    assert fires(w, branch="main", files=files[1:])  # now src/late.py is the 300th


def test_more_than_1000_commits_always_runs():  # §2.10
    w = push_wf("    paths: ['src/**']\n")
    assert not fires(w, branch="main", files=("docs/a",), commits=1000)
    d = decide_push(w, Push(branch="main", files=("docs/a",), commits=1001))
    assert d.fires and d.fact == "§2.10"


@pytest.mark.parametrize(
    "message",
    [
        "fix [skip ci]",
        "[ci skip] x",
        "wip [no ci]",
        "[skip actions] y",
        "z [actions skip]",
        "subject\n\nbody\n\nskip-checks: true",
        "subject\n\nskip-checks:true",
    ],
)
def test_skip_instructions_suppress_push_runs(message):  # §7.4
    w = wf("on: push\n" + JOBS)
    d = decide_push(w, Push(branch="main", files=("a",), message=message))
    assert not d.fires and d.fact == "§7.4"


def test_skip_checks_must_be_a_trailer():  # §7.4
    w = wf("on: push\n" + JOBS)
    assert fires(w, branch="main", files=("a",), message="skip-checks: true")
    assert fires(w, branch="main", files=("a",), message="s\n\nskip-checks: true\nSigned-off-by: x")


def test_skip_ci_case_is_a_setting():  # §7.4 [U]
    w = wf("on: push\n" + JOBS)
    push = Push(branch="main", files=("a",), message="[SKIP CI]")
    assert decide_push(w, push).fires
    assert not decide_push(w, push, Settings(skip_ci_case_sensitive=False)).fires


def test_github_token_push_triggers_nothing():  # §7.1
    w = wf("on: push\n" + JOBS)
    d = decide_push(w, Push(branch="main", files=("a",), token="github_token"))
    assert not d.fires and d.fact == "§7.1"
    assert fires(w, branch="main", files=("a",), token="app")


def test_ref_case_sensitivity_is_a_setting():  # §2.15 [U]
    w = push_wf("    branches: [main]\n")
    assert not fires(w, branch="Main", files=("a",))
    assert decide_push(w, Push(branch="Main", files=("a",)), Settings(ref_case_sensitive=False))


def test_negation_in_ignore_list_is_a_setting():  # §2.7 [U]
    w = push_wf("    paths-ignore: ['docs/**', '!docs/api/**']\n")
    push = Push(branch="m", files=("docs/api/x.md",))
    assert decide_push(w, push).fires  # default: re-included, as act does
    assert not decide_push(w, push, Settings(ignore_list_negation="ignored")).fires


def test_reason_names_the_matching_pattern():
    w = push_wf("    paths: ['data/**', 'dvc.yaml']\n")
    d = decide_push(w, Push(branch="main", files=("src/a.py", "data/raw.csv")))
    assert d.reason == "data/raw.csv matches paths 'data/**'"
