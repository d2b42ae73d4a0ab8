"""Hostile repositories and arguments: git never gets a value as an option, paths are read
exactly (-z), and no command writes to the repository (issue S)."""

import hashlib
import json
import os

import pytest
from cli_helpers import ghasim
from gitrepo import Repo

DATA_WORKFLOW = """\
name: Data
on:
  push:
    paths: ['déjà/**', 'data/**']
jobs:
  build: {runs-on: ubuntu-latest, steps: [{run: echo}]}
"""


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path / "repo").seed()


def snapshot(repo: Repo) -> tuple:
    """Everything a read-only tool must leave alone: work tree status, index bytes, refs, and
    the listing of .git (no lock file, no new object, no worktree, no stash)."""
    git_dir = repo.path / ".git"
    listing = sorted(
        (str(p.relative_to(git_dir)), p.stat().st_size if p.is_file() else -1)
        for p in git_dir.rglob("*")
    )
    index = hashlib.sha256((git_dir / "index").read_bytes()).hexdigest()
    return repo.state(), index, repo.git("for-each-ref"), listing


def test_replay_branch_option_never_reaches_git_as_an_option(repo, tmp_path):
    target = tmp_path / "written-by-git"
    before = snapshot(repo)
    result = ghasim("replay", "--repo", repo.path, "--branch", f"--output={target}")
    assert result.code == 2
    assert "starts with '-'" in result.err and "\n" not in result.err.strip()
    assert not target.exists()
    assert snapshot(repo) == before


def test_a_remote_head_named_like_an_option_is_refused_not_obeyed(repo):
    # A clone whose origin/HEAD points at a branch called `--output=X`: a bare replay used to
    # hand that name to `git log`, which wrote X into the work tree.
    repo.git("update-ref", "refs/remotes/origin/--output=pwned", "HEAD")
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/--output=pwned")
    before = snapshot(repo)
    for args in (["replay"], ["diff"], ["push"]):
        result = ghasim(*args, "--repo", repo.path, cwd=repo.path)
        assert result.code == 2, (args, result.out, result.err)
        assert "refs/remotes/origin/HEAD" in result.err
        assert not (repo.path / "pwned").exists()
    assert snapshot(repo) == before


def test_default_branch_keeps_its_slashes(repo):
    from simulator.core import git

    repo.git("update-ref", "refs/remotes/origin/release/2026", "HEAD")
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/release/2026")
    assert git.default_branch(repo.path) == "release/2026"


def test_revisions_starting_with_a_dash_are_refused(repo, tmp_path):
    target = tmp_path / "out"
    result = ghasim("diff", "--repo", repo.path, "--", f"--output={target}", "HEAD")
    assert result.code == 2 and "starts with '-'" in result.err
    assert not target.exists()


@pytest.mark.parametrize("name", ["déjà/x.py", "déjà/ligne\nsuivante.py", "データ/x.py"])
def test_non_ascii_and_newline_paths_match_paths_filters(repo, name):
    """git C-quotes such names without -z ("d\\303\\251j\\303\\240/x.py"): every paths
    filter silently failed on them, and a newline stopped diff, push and replay."""
    if "データ" in name:
        repo.write(".github/workflows/data.yml", DATA_WORKFLOW.replace("déjà", "データ"))
    else:
        repo.write(".github/workflows/data.yml", DATA_WORKFLOW)
    repo.commit("a data workflow")
    repo.git("checkout", "-q", "-b", "feature/accents")
    repo.write(name, "x")
    repo.commit("touch one odd path")
    before = snapshot(repo)

    pushed = ghasim("push", "--repo", repo.path, "--format", "json")
    assert pushed.code == 0, pushed.err
    assert "Data" in [r["workflow"] for r in json.loads(pushed.out)["runs"]]

    explained = ghasim("explain", "--workflows", repo.workflows, "--repo", repo.path,
                       "--format", "json")  # fmt: skip
    verdicts = {v["workflow"]: v for v in json.loads(explained.out)["verdicts"]}
    assert verdicts["Data"]["triggered"], verdicts["Data"]
    reason = verdicts["Data"]["reason"]["text"]
    assert name in reason or "matches paths" in reason

    replayed = ghasim("replay", "--repo", repo.path, "--branch", "feature/accents", "--format",
                      "json")  # fmt: skip
    assert replayed.code == 0, replayed.err
    assert json.loads(replayed.out)["per_workflow"]["Data"]["runs"] == 1

    diffed = ghasim("diff", "main", "feature/accents", "--repo", repo.path)
    assert diffed.code == 0, diffed.err
    assert snapshot(repo) == before


def test_history_parser_keeps_any_message_and_name():
    from simulator.replay.history import parse_log

    fields = ["", "", "a" * 40, "100", "msg\x1ewith\x1fseparators\n", "\n\nstarts-with-newline",
              "b.py", "", "", "c" * 40, "90", "", ""]  # fmt: skip
    commits = list(parse_log(iter(fields)))
    assert [c.sha[0] for c in commits] == ["a", "c"]
    assert commits[0].message == "msg\x1ewith\x1fseparators"
    assert commits[0].files == ("\nstarts-with-newline", "b.py")
    assert commits[1].files == () and commits[1].message == ""


def test_every_git_reading_command_leaves_the_repository_as_it_was(repo):
    repo.git("checkout", "-q", "-b", "feature/x")
    repo.commit("change", "src/app.py")
    repo.write("src/untracked.py", "x")  # untracked, and an unstaged edit
    (repo.path / "README.md").write_text("edited\n")
    os.utime(repo.path / "README.md", (1, 1))  # stat info differs: tempts an index refresh
    before = snapshot(repo)
    for args in (
        ["push", "--repo", repo.path],
        ["push", "--repo", repo.path, "--uncommitted"],
        ["diff", "--repo", repo.path],
        ["replay", "--repo", repo.path, "--branch", "feature/x"],
        ["explain", "--workflows", repo.workflows, "--repo", repo.path],
        ["check", "--workflows", repo.workflows],
    ):
        result = ghasim(*args, cwd=repo.path)
        assert result.code in (0, 1), (args, result.err)
        assert snapshot(repo) == before, args
