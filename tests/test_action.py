"""The composite action's shell steps, run as GitHub runs them (bash -eo pipefail), in real
repositories: its own venv under RUNNER_TEMP, its outputs written even when ghasim errors, a
shallow clone named as such, a required-input dispatch workflow never crying wolf."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from gitrepo import Repo

from simulator.core.yaml_loader import decode_text, load_yaml

DISPATCH = """name: Deploy to K3s
on:
  workflow_dispatch:
    inputs:
      environment: {type: choice, required: true, options: [staging, production]}
      version: {type: string, required: true}
      dry-run: {type: boolean, required: true}
      replicas: {type: number, required: true}
jobs:
  deploy: {runs-on: ubuntu-latest, steps: [{run: ./deploy.sh}]}
"""


def steps() -> dict[str, dict]:
    action = load_yaml(decode_text((ROOT / "action.yml").read_bytes()), "action.yml")
    return {s.get("name") or s.get("id"): s for s in action["runs"]["steps"]}


def outside(runner_temp: Path) -> tuple[Path, Path]:
    """The job's HOME and TMPDIR, beside RUNNER_TEMP: the action must write into neither."""
    home, tmp = runner_temp.parent / "home", runner_temp.parent / "tmp"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    return home, tmp


def run_step(name: str, cwd: Path, runner_temp: Path, **env: str) -> tuple[int, dict, str, str]:
    """Runs one step's script; returns its exit code, its outputs, the summary and stderr."""
    home, tmp = outside(runner_temp)
    script = runner_temp / f"{name.replace(' ', '-')}.sh"
    script.write_text(steps()[name]["run"])
    outputs, summary = runner_temp / "output.txt", runner_temp / "summary.md"
    outputs.write_text("")
    summary.write_text("")
    full_env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(home), "TMPDIR": str(tmp),
                "RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(outputs),
                "GITHUB_STEP_SUMMARY": str(summary), "BASE": "", "SCENARIOS": "",
                "FAIL_ON_CHANGE": "false", **env}  # fmt: skip
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                          cwd=cwd, env=full_env, capture_output=True, text=True)  # fmt: skip
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
    return proc.returncode, values, summary.read_text(), proc.stderr


def listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size if p.is_file() else -1)
                  for p in folder.rglob("*"))  # fmt: skip


@pytest.fixture(scope="module")
def action_path(tmp_path_factory):
    """The action's files as actions/checkout leaves them (a copy: a build must not touch it)."""
    import shutil

    folder = tmp_path_factory.mktemp("action")
    for name in ("pyproject.toml", "README.md", "action.yml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "simulator", folder / "simulator",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    return folder, listing(folder)


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory, action_path):
    """RUNNER_TEMP with ghasim installed by the action's own install step (from this tree)."""
    temp = tmp_path_factory.mktemp("runner-temp")
    code, _, _, err = run_step("Install ghasim in its own environment", temp, temp,
                               ACTION_PATH=str(action_path[0]), PYTHON=sys.executable)  # fmt: skip
    assert code == 0, err
    return temp


def test_nothing_is_written_outside_runner_temp(runner_temp, action_path, tmp_path):
    """Install and diff (with its parse cache) write under RUNNER_TEMP only: not into HOME,
    TMPDIR, the action's own folder, or the repository (issue S2)."""
    repo = Repo(tmp_path / "repo").seed()
    base = repo.commit("docs", "README.md")
    repo.edit(".github/workflows/dvc.yml", "      - 'data/**'\n", "      - 'data/processed/**'\n")
    repo.commit("narrow DVC")
    before = listing(repo.path)
    for _ in range(2):  # cold, then warm from the parse cache
        code, out, _, err = run_step("ghasim diff", repo.path, runner_temp, BASE=base)
        assert code == 0 and out["exit-code"] == "1", err
    home, tmp = outside(runner_temp)
    assert listing(home) == [] and listing(tmp) == []
    assert listing(action_path[0]) == action_path[1]
    assert listing(repo.path) == before
    assert list((runner_temp / "ghasim-cache").glob("*.pack"))  # the cache is where it should be


def test_install_uses_its_own_venv_under_runner_temp(runner_temp):
    assert (runner_temp / "ghasim-venv" / "bin" / "ghasim").exists()
    assert "update-environment" in steps()["python"]["with"]  # the job's Python stays


def test_a_required_input_dispatch_workflow_on_identical_revisions_is_no_change(
    runner_temp, tmp_path
):
    repo = Repo(tmp_path / "repo").seed()
    repo.write(".github/workflows/deploy.yml", DISPATCH)
    base = repo.commit("add the deploy workflow")
    repo.commit("docs only", "README.md")
    code, out, summary, err = run_step("ghasim diff", repo.path, runner_temp, BASE=base,
                                       FAIL_ON_CHANGE="true")  # fmt: skip
    assert code == 0, err
    assert out["changed"] == "false" and out["exit-code"] == "0"
    assert out["report"].startswith(str(runner_temp))  # nothing written into the workspace
    assert "no change in" in summary and "No changes. ghasim compared" in summary
    assert repo.git("status", "--porcelain") == ""


def test_a_shallow_clone_errors_with_the_fetch_depth_hint_and_still_sets_outputs(
    runner_temp, tmp_path
):
    origin = Repo(tmp_path / "origin").seed()
    base = origin.commit("second", "README.md")
    origin.commit("third", "README.md")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin.path}", str(clone)],
                   check=True)  # fmt: skip
    code, out, summary, err = run_step("ghasim diff", clone, runner_temp, BASE=base)
    assert code == 2
    assert out == {"changed": "false", "exit-code": "2", "detailed-exitcode": "1",
                   "report": str(runner_temp / "ghasim-diff.md")}  # fmt: skip
    assert "fetch-depth: 0" in err and "fetch-depth: 0" in summary
    assert "could not compare the workflows" in summary


def test_an_erroring_ghasim_sets_the_outputs_and_fails_the_step(runner_temp, tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    code, out, summary, err = run_step("ghasim diff", repo.path, runner_temp,
                                       BASE="no-such-<b>-revision")  # fmt: skip
    assert code == 2 and out["exit-code"] == "2" and out["changed"] == "false"
    assert "unknown revision" in err
    assert "&lt;b&gt;" in summary and "<b>" not in summary  # escaped in the summary


def test_without_ghasim_installed_the_outputs_say_so(tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    code, out, summary, _ = run_step("ghasim diff", repo.path, tmp_path)
    assert code == 127 and out["exit-code"] == "127" and "not installed" in summary


def test_a_change_is_reported_and_fails_only_when_asked(runner_temp, tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    base = repo.git("rev-parse", "HEAD").strip()
    repo.edit(".github/workflows/dvc.yml", "      - 'data/**'\n", "      - 'data/processed/**'\n")
    repo.commit("narrow DVC")
    code, out, summary, _ = run_step("ghasim diff", repo.path, runner_temp, BASE=base)
    assert code == 0 and out["changed"] == "true" and out["exit-code"] == "1"
    assert out["detailed-exitcode"] == "2"  # ghasim ran with --detailed-exitcode (terraform's)
    assert "```diff\n- DVC Pipeline: no longer starts" in summary
    code, _, _, _ = run_step("ghasim diff", repo.path, runner_temp, BASE=base,
                             FAIL_ON_CHANGE="true")  # fmt: skip
    assert code == 1


def test_a_base_that_looks_like_an_option_is_a_revision(runner_temp, tmp_path):
    """`--` before the revisions: BASE=--help once printed the help and exited 0."""
    repo = Repo(tmp_path / "repo").seed()
    code, out, _, err = run_step("ghasim diff", repo.path, runner_temp, BASE="--help")
    assert code == 2 and out["exit-code"] == "2"
    assert "starts with '-'" in err
