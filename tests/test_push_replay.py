"""ghasim push (from the working tree) and ghasim replay (the real history), issue E."""

import json
import subprocess

import pytest
from cli_helpers import ghasim
from gitrepo import Repo

from simulator.replay.cost import PRICES_USD_PER_MINUTE, billable_minutes, category


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path / "repo").seed()


def test_push_takes_branch_files_and_message_from_git(repo):
    repo.git("checkout", "-q", "-b", "feature/data")
    repo.commit("refresh data", "data/raw.csv")
    before = repo.state()
    result = ghasim("push", "--repo", repo.path, "--format", "json")
    assert result.code == 0, result.err
    runs = json.loads(result.out)["runs"]
    # feature branch: CI filters main/master; DVC's paths match data/raw.csv
    assert [r["workflow"] for r in runs] == ["DVC Pipeline"]
    assert runs[0]["head_branch"] == "feature/data"
    assert repo.state() == before


def test_push_overrides_and_uncommitted_changes(repo):
    repo.write("src/data/load.py", "x")  # untracked
    result = ghasim("push", "--repo", repo.path, "--uncommitted", "--format", "json")
    assert [r["workflow"] for r in json.loads(result.out)["runs"]][:2] == [
        "CI Pipeline",
        "DVC Pipeline",
    ]
    result = ghasim("push", "--repo", repo.path, "--file", "docs/x.md", "--format", "json")
    assert "DVC Pipeline" not in [r["workflow"] for r in json.loads(result.out)["runs"]]
    result = ghasim("push", "--repo", repo.path, "--file", "a", "--message", "wip [skip ci]",
                    "--format", "json")  # fmt: skip
    assert json.loads(result.out)["runs"] == []  # §7.4


def test_push_listeners_come_from_the_default_branch(repo):  # §5.4
    repo.git("checkout", "-q", "-b", "feature/x")
    repo.edit(".github/workflows/ci.yml", "branches: [master, main]", "branches: ['**']")
    repo.edit(".github/workflows/cd-api.yml", "    branches: [main]\n", "")
    repo.commit("CI everywhere, CD from any branch")
    runs = json.loads(ghasim("push", "--repo", repo.path, "--file", "src/a.py",
                             "--format", "json").out)["runs"]  # fmt: skip
    names = [r["workflow"] for r in runs]
    assert "CI Pipeline" in names  # the pushed copy of ci.yml counts (§1.10)
    assert "CD - Deploy API" not in names  # main's cd-api.yml still filters branches: [main]


def test_replay_counts_runs_minutes_and_cost(repo):
    for i in range(6):
        repo.commit(f"code {i}", f"src/app{i}.py")
    repo.commit("data", "data/raw.csv")
    repo.commit("docs [skip ci]", "docs/x.md")
    before = repo.state()
    result = ghasim("replay", "--repo", repo.path, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["pushes"] == 9
    per = data["per_workflow"]
    assert per["CI Pipeline"]["runs"] == 8  # 9 pushes, one [skip ci] (§7.4)
    assert per["DVC Pipeline"]["runs"] == 1
    # 3 jobs of 1 minute each per CI run, Linux rate
    assert per["CI Pipeline"]["billable_minutes"] == 24
    assert per["CI Pipeline"]["cost_usd"] == pytest.approx(24 * PRICES_USD_PER_MINUTE["linux"])
    assert data["mode"] == "independent"
    assert repo.state() == before


def test_replay_with_a_scenario_and_prices_and_base(repo, tmp_path):
    for i in range(4):
        repo.commit(f"code {i}", f"src/app{i}.py")
    scenario = tmp_path / "durations.yml"
    scenario.write_text("durations:\n  CI Pipeline: {lint: 30s, test: 2m10s, build-check: 10s}\n"
                        "events: []\n")  # fmt: skip
    prices = tmp_path / "prices.yml"
    prices.write_text("ubuntu-latest: 0.01\n")
    repo.edit(".github/workflows/ci.yml", "  lint:\n", "  lint:\n    if: false\n")
    repo.commit("skip lint", "README.md")
    result = ghasim("replay", "--repo", repo.path, "--scenario", scenario, "--prices", prices,
                    "--base", "HEAD~1", "--format", "json")  # fmt: skip
    data = json.loads(result.out)
    ci = data["per_workflow"]["CI Pipeline"]
    assert ci["runs"] == 6
    # HEAD: lint skipped -> test and build-check skipped too (§8.2): no minutes at all
    assert ci["billable_minutes"] == 0
    base_total = data["base"]["total"]["billable_minutes"]
    # at HEAD~1: per run 1 + 3 + 1 billable minutes (rounded up per job) for CI, plus children
    assert base_total > 0 and data["base"]["saved_billable_minutes"] == base_total
    # the commits are seconds apart: no "per 30 days" figure from such a span (issue S)
    assert data["base"]["saved_billable_minutes_per_30_days"] is None
    assert data["per_30_days"] is None


def test_billing_rounds_each_job_up_and_prices_labels():
    assert [billable_minutes(s) for s in (0, 1, 60, 61, 130)] == [0, 1, 1, 2, 3]
    assert category("ubuntu-latest") == "linux" and category("ubuntu-24.04-arm") == "linux-arm"
    assert category("windows-2022") == "windows" and category("macos-14") == "macos"
    assert category("self-hosted, linux") == "self-hosted" and category("my-pool") is None


def test_replay_errors(repo, tmp_path):
    assert "not inside a git repository" in ghasim("replay", "--repo", tmp_path).err
    result = ghasim("replay", "--repo", repo.path, "--branch", "nope")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    result = ghasim("replay", "--repo", repo.path, "--since", "2000-01-01", "--commits", "3")
    assert result.code == 2 and "not both" in result.err


def test_replay_with_runner_limits_simulates_pushes_together(repo, tmp_path):  # §12.1
    for i in range(4):
        repo.commit(f"code {i}", f"src/app{i}.py")  # all within a second or two: they overlap
    scenario = tmp_path / "limits.yml"
    scenario.write_text("runners: {ubuntu-latest: 1}\nevents: []\n")
    data = json.loads(ghasim("replay", "--repo", repo.path, "--scenario", scenario,
                             "--format", "json").out)  # fmt: skip
    assert data["mode"] == "together"
    assert data["per_workflow"]["CI Pipeline"]["runs"] == 5
    assert data["queue_seconds"]["jobs"]["max"] > 0  # one runner: jobs of later pushes wait


def test_replay_keeps_chains_apart_when_any_job_value_reads_the_commit(repo):
    # the matrix depends on the head commit's message: each push is its own chain
    repo.write(
        ".github/workflows/msg.yml",
        """
name: Msg
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        n: ${{ fromJSON(contains(github.event.head_commit.message, 'big') && '[1,2,3]' || '[1]') }}
""",
    )
    repo.commit("small change", "a.txt")
    repo.commit("big change", "b.txt")
    data = json.loads(ghasim("replay", "--repo", repo.path, "--format", "json").out)
    # 3 pushes: the seed commit and "small" run 1 leg each, "big" runs 3 legs, 1 minute each
    assert data["per_workflow"]["Msg"]["billable_minutes"] == 1 + 1 + 3


def test_replay_extrapolates_only_from_a_day_of_history(repo):
    import os

    for i, day in enumerate((1, 3, 5)):
        env = {
            "GIT_COMMITTER_DATE": f"2026-01-0{day}T10:00:00Z",
            "GIT_AUTHOR_DATE": f"2026-01-0{day}T10:00:00Z",
        }
        repo.write(f"src/app{i}.py", "x")
        repo.git("add", "-A")
        subprocess.run(["git", "commit", "-q", "-m", f"code {i}"], cwd=repo.path, check=True,
                       env={**os.environ, **env})  # fmt: skip
    long = json.loads(ghasim("replay", "--repo", repo.path, "--commits", "3", "--format",
                             "json").out)  # fmt: skip
    assert long["span_days"] == 4.0 and long["per_30_days"]["billable_minutes"] > 0
    short = ghasim("replay", "--repo", repo.path, "--commits", "1")
    assert "Per 30 days: not estimated: the replayed pushes span 0.0 hours" in short.out


def commit_at(repo, message: str, date: str, *touch: str) -> None:
    for rel in touch:
        repo.write(rel, f"{rel} {message}\n")
    repo.git("add", "-A")
    env = {**__import__("os").environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo.path, env=env, check=True)


NIGHTLY = """name: Nightly
on:
  schedule:
    - cron: '0 3 * * *'
jobs:
  build: {runs-on: ubuntu-latest, steps: [{run: make}]}
"""


def test_replay_includes_the_scheduled_runs_of_the_span_or_says_it_does_not(repo):  # §6.1
    repo.write(".github/workflows/nightly.yml", NIGHTLY)
    commit_at(repo, "day 1", "2030-03-01T10:00:00Z", "README.md")
    commit_at(repo, "day 5", "2030-03-05T10:00:00Z", "README.md")
    data = json.loads(ghasim("replay", "--repo", repo.path, "--since", "2030-02-28",
                             "--format", "json").out)  # fmt: skip
    # 03:00 on Mar 2, 3, 4 and 5 fall inside [Mar 1 10:00, Mar 5 10:00]
    assert data["schedules"] == {"included": True, "fires": 4}
    assert data["per_workflow"]["Nightly"]["runs"] == 4
    text = ghasim("replay", "--repo", repo.path, "--since", "2030-02-28").out
    assert "Scheduled runs: included, 4 schedule fire(s)" in text
    off = ghasim("replay", "--repo", repo.path, "--since", "2030-02-28", "--no-schedules")
    assert "Scheduled runs: excluded (--no-schedules)" in off.out
    assert "Nightly" in off.out and json.loads(ghasim(
        "replay", "--repo", repo.path, "--since", "2030-02-28", "--no-schedules", "--format",
        "json").out)["per_workflow"]["Nightly"]["runs"] == 0  # fmt: skip


def test_replay_commits_zero_is_an_error(repo):
    result = ghasim("replay", "--repo", repo.path, "--commits", "0")
    assert result.code == 2 and "--commits: 0 replays nothing" in result.err


def test_push_shows_what_it_breaks_above_the_timeline(repo):  # §5.2
    repo.git("checkout", "-q", "-b", "feature/rename")
    repo.edit(".github/workflows/ci.yml", "name: CI Pipeline", "name: CI")
    repo.commit("rename CI")
    result = ghasim("push", "--repo", repo.path, "--file", "src/a.py", "--branch", "main")
    assert result.code == 0, result.err
    head, timeline = result.out.split("┌", 1)
    assert "This push brings" in head and "[upstream-name]" in head
    assert "no workflow is named 'CI Pipeline' (did you mean 'CI'?)" in head
    assert "Compared with the workflows at main" in head
    assert "- CD - Deploy API no longer starts on this push" in head
    data = json.loads(ghasim("push", "--repo", repo.path, "--file", "src/a.py", "--branch",
                             "main", "--format", "json").out)  # fmt: skip
    assert data["schema"] == "ghasim/push/1"
    assert {f["rule"] for f in data["review"]["findings"]} == {"upstream-name"}
    assert {c["workflow"] for c in data["review"]["changes"] if c["sign"] == "-"} >= {
        "CD - Deploy API", "MLflow Experiment Tracking", "Streamlit UI CI/CD"}  # fmt: skip


def test_push_that_changes_nothing_prints_only_the_timeline(repo):
    result = ghasim("push", "--repo", repo.path, "--file", "src/a.py")
    assert result.out.startswith("┌")
