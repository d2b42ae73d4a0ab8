"""`ghasim pr` (issue D): the pull request the current branch would open, its check names, the
required checks it leaves Pending (§2.11), what differs from the default branch's workflows,
pull_request_target from the default branch's copy (§4.7, §14.3); and `push` with nothing to
push says so."""

from __future__ import annotations

import json

from cli_helpers import ghasim
from gitrepo import Repo


def feature(tmp_path) -> Repo:
    repo = Repo(tmp_path / "repo").seed()
    repo.write(".ghasim.yml", "required_checks: [lint, deploy-ui]\n")
    repo.commit("required checks")
    repo.git("checkout", "-q", "-b", "feature/x")
    repo.commit("some code", "src/app.py")
    return repo


def test_the_pull_request_runs_ci_and_leaves_a_required_check_pending(tmp_path):
    repo = feature(tmp_path)
    result = ghasim("pr", "--repo", repo.path, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["pull_request"] == {"base": "main", "head": "feature/x", "files": ["src/app.py"]}
    names = {(c["workflow"], c["name"]) for c in data["review"]["checks"]}
    assert ("CI Pipeline", "lint") in names
    # deploy-ui is reported by a workflow_run listener, which does not run for a pull request
    assert data["review"]["pending"] == ["deploy-ui"]
    text = ghasim("pr", "--repo", repo.path).out
    assert text.startswith("! required check 'deploy-ui' stays Pending")
    assert "CI Pipeline (pull_request): lint, test, build-check" in text


def test_an_edited_trigger_is_compared_with_the_default_branch(tmp_path):
    repo = feature(tmp_path)
    repo.edit(".github/workflows/ci.yml", "  pull_request:\n    branches: [master, main]\n",
              "  pull_request:\n    branches: [master, main]\n    paths: ['docs/**']\n")  # fmt: skip
    repo.commit("CI on docs only")
    data = json.loads(ghasim("pr", "--repo", repo.path, "--format", "json").out)
    assert [(c["workflow"], c["kind"]) for c in data["review"]["changes"]] == [
        ("CI Pipeline", "stops")
    ]
    assert set(data["review"]["pending"]) == {"lint", "deploy-ui"}


def test_pull_request_target_uses_the_default_branchs_copy(tmp_path):  # §14.3
    repo = feature(tmp_path)
    repo.write(".github/workflows/label.yml", "name: Labeler\non: pull_request_target\n"
               "jobs:\n  label: {runs-on: x, steps: [{run: y}]}\n")  # fmt: skip
    repo.commit("a labeler, on the branch only")
    data = json.loads(ghasim("pr", "--repo", repo.path, "--format", "json").out)
    assert "Labeler" not in {r["workflow"] for r in data["runs"]}


def test_nothing_to_merge_and_nothing_to_push_say_so(tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    result = ghasim("pr", "--repo", repo.path)
    assert result.code == 2 and "nothing to merge into main" in result.err
    pushed = ghasim("push", "--repo", repo.path, cwd=repo.path)
    assert pushed.code == 0 and pushed.out.startswith("Nothing to push: main has no change")
