"""ghasim diff across real git revisions (issue E), and reading workflows at a revision."""

import json

import pytest
from cli_helpers import ghasim
from gitrepo import Repo


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo").seed()
    r.git("checkout", "-q", "-b", "feature/change")
    return r


def diff(repo, *args):
    result = ghasim("diff", "--repo", repo.path, *args)
    return result


def changes(repo, *args):
    result = diff(repo, "--format", "json", *args)
    assert result.code in (0, 1), result.err
    data = json.loads(result.out)
    return data, {s["scenario"]: s for s in data["scenarios"]}


def test_same_workflows_no_change_exit_0(repo):
    result = diff(repo, "--fail-on-change")
    assert result.code == 0, result.out
    # terraform's one line, not one "no change" line per probe
    assert result.out.splitlines()[2:] == ["No changes. ghasim compared 6 workflow files over 8 "
                                           "probes."]  # fmt: skip


def test_changed_paths_filter(repo):  # §2.7
    repo.edit(".github/workflows/dvc.yml", "      - 'data/**'\n", "      - 'data/processed/**'\n")
    before = repo.state()
    result = diff(repo, "--fail-on-change")
    assert result.code == 1
    assert ("  - DVC Pipeline no longer starts on push to main touching data/probe: none of the "
            "changed files (data/probe) match paths [data/processed/**, src/data/**, dvc.yaml, "
            "params.yaml] (§2.7)") in result.out.splitlines()  # fmt: skip
    assert "      before: data/probe matches paths 'data/**'" in result.out.splitlines()
    # the plan comes first: one line per workflow, the commonest reason, then the summary
    lines = result.out.splitlines()
    assert lines[2].startswith("- DVC Pipeline: no longer starts in 2 of ")
    assert "because none of the changed files (data/probe) match paths" in lines[2]
    assert lines[2].endswith("(probe: push to main touching data/probe)")  # the probe kept
    assert any(line.startswith("Plan: 0 start now, 1 no longer start, ") for line in lines)
    assert repo.state() == before  # never modifies the repository
    assert diff(repo).code == 0  # without --fail-on-change, a change is not a failure


def test_renamed_workflow_breaks_the_chain(repo):  # §5.2
    repo.edit(".github/workflows/ci.yml", "name: CI Pipeline", "name: CI")
    repo.commit("rename CI")
    data, scenarios = changes(repo, "HEAD~1", "HEAD")
    main_push = scenarios["push to main touching README.md"]
    stopped = {c["workflow"]: c for c in main_push["changes"] if c["kind"] == "stops"}
    # the three direct listeners, and the gate that MLflow no longer reaches
    assert set(stopped) == {"CD - Deploy API", "MLflow Experiment Tracking", "Streamlit UI CI/CD",
                            "Model Validation Gate"}  # fmt: skip
    assert stopped["CD - Deploy API"]["why_after"] == {
        "text": "it listens to 'CI Pipeline', which is no workflow's name (did you mean 'CI'?)",
        "kind": "all", "fact": "§5.2"}  # fmt: skip
    rolled = {(w["workflow"], w["sign"]): w for w in data["workflows"]}
    assert rolled[("CD - Deploy API", "-")]["of"] == len(scenarios)
    [renamed] = [e for e in data["edits"] if e["kind"] == "renamed"]
    assert renamed["file"] == ".github/workflows/ci.yml"
    assert renamed["text"].startswith("renamed 'CI Pipeline' → 'CI': its check names change")


def test_listener_edited_only_on_the_branch_waits_for_the_merge(repo):  # §5.4
    repo.edit(
        ".github/workflows/cd-api.yml",
        "    branches: [main]\n",
        "    branches: [main, 'feature/**']\n",
    )
    data, scenarios = changes(repo)
    # on a feature-branch push, main's copy of the listener is used: nothing changes yet ...
    feature = scenarios["push to feature/ghasim-probe"]
    assert feature["changes"] == []
    assert any("CD - Deploy API (cd-api.yml) is edited on this branch" in n
               and "takes effect only once merged" in n for n in feature["notes"])  # fmt: skip
    # ... but the PR's CI run (head branch feature/...) would deploy after the merge? no: the
    # PR scenario is pre-merge too, so it is unchanged and says so as well
    pr = scenarios["pull request feature/ghasim-probe -> main"]
    assert pr["changes"] == [] and pr["notes"]


def test_removed_branches_filter(repo):  # §2.4
    repo.edit(".github/workflows/ci.yml", "  push:\n    branches: [master, main]\n", "  push:\n")
    repo.commit("CI on every push")
    data, scenarios = changes(repo, "main", "HEAD", "--fail-on-change")
    started = {c["workflow"] for c in scenarios["push to feature/ghasim-probe"]["changes"]
               if c["kind"] == "starts"}  # fmt: skip
    assert started == {"CI Pipeline"}
    tag = scenarios["push of tag v1.0.0"]  # §2.4: no filter at all -> tags trigger too
    assert {c["workflow"] for c in tag["changes"] if c["kind"] == "starts"} == {"CI Pipeline"}
    assert diff(repo, "main", "HEAD", "--fail-on-change").code == 1


def test_markdown_for_a_pr_comment(repo):
    repo.edit(".github/workflows/dvc.yml", "      - 'data/**'\n", "      - 'data/processed/**'\n")
    text = diff(repo, "--format", "markdown").out
    assert text.startswith("### ghasim: workflow trigger changes\n")
    # every name, pattern and path a code span (`src/**` must not render as bold)
    assert ("| \\- | `DVC Pipeline` | no longer starts | 2 of 10 | none of the changed files "
            "(`data/probe`) match paths `data/processed/**, src/data/**, dvc.yaml, params.yaml`"
            ) in text  # fmt: skip
    assert "```diff\n- DVC Pipeline: no longer starts in 2 of 10 probes" in text
    assert "| `DVC Pipeline` | 1 run | not started | none of the changed files" in text
    assert "```mermaid\nflowchart TD" in text
    assert "class w2,w4 changed" in text  # DVC Pipeline and the gate it no longer reaches


def test_scenarios_dir_runs_on_both_sides(repo, tmp_path):
    scenarios = tmp_path / "sc"
    scenarios.mkdir()
    (scenarios / "data.yml").write_text(
        "name: data push\nevents:\n  - push: {branch: main, files: [data/raw.csv]}\n"
    )
    repo.edit(".github/workflows/dvc.yml", "      - 'data/**'\n", "      - 'data/processed/**'\n")
    data, scenarios_out = changes(repo, "--scenarios", str(scenarios))
    [change, *_] = scenarios_out["data push"]["changes"]
    assert (change["workflow"], change["kind"]) == ("DVC Pipeline", "stops")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope"], "unknown revision 'nope'"),
        (["main", "also-nope"], "unknown revision 'also-nope'"),
    ],
)
def test_bad_revision_is_one_line_exit_2(repo, args, words):
    result = diff(repo, *args)
    assert result.code == 2 and words in result.err and len(result.err.splitlines()) == 1


def test_not_a_git_repository(tmp_path):
    result = ghasim("diff", "--repo", tmp_path)
    assert result.code == 2
    assert (
        result.err.strip()
        == f"{tmp_path} is not inside a git repository: ghasim diff compares git revisions"
    )


def test_missing_workflows_folder_at_a_revision(repo):
    repo.git("rm", "-r", "-q", ".github")
    repo.commit("drop the workflows")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.code == 2 and "no .github/workflows/ folder at HEAD" in result.err


def test_diff_reports_the_audit_findings_a_change_adds_or_removes(tmp_path):  # §13.1, §13.3
    from test_check_golden import AUDIT, workflows_of

    repo = Repo(tmp_path / "audit-repo")
    repo.workflows.parent.mkdir(parents=True)
    workflows_of(AUDIT / "tainted-workflow-run-guarded.yml", repo.workflows)
    base = repo.commit("guarded listener")
    guard = ("      github.event.workflow_run.conclusion == 'success' &&\n"
             "      github.event.workflow_run.head_repository.full_name == github.repository\n")  # fmt: skip
    repo.edit(".github/workflows/preview.yml", guard,
              "      github.event.workflow_run.conclusion == 'success'\n")  # fmt: skip
    head = repo.commit("drop the head-repository check")
    result = ghasim("diff", "--repo", repo.path, base, head, "--format", "plan")
    assert "Security (ghasim audit): this change" in result.out
    assert "+ [tainted-workflow-run] fork pull request (mallory/" in result.out
    data = json.loads(ghasim("diff", "--repo", repo.path, base, head, "--format", "json").out)
    assert {d["rule"] for d in data["audit"]["added"]} == {"tainted-workflow-run"}
    back = json.loads(ghasim("diff", "--repo", repo.path, head, base, "--format", "json").out)
    assert {d["rule"] for d in back["audit"]["removed"]} == {"tainted-workflow-run"}
