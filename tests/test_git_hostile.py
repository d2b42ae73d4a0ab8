"""A clone that names programs in its own git config, attributes and hooks: every git-reading
command of ghasim runs none of them and leaves `.git` byte for byte as it was (issue S2).

Each planted setting is first shown to work: plain git, run the way ghasim used to run it,
does run the marker. Then every command runs and no marker may appear."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ghasim
from gitrepo import Repo

# githooks(5): every hook git runs, on the client and the server side.
HOOKS = (
    "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit",
    "prepare-commit-msg", "commit-msg", "post-commit", "pre-rebase", "post-checkout",
    "post-merge", "pre-push", "pre-receive", "update", "proc-receive", "post-receive",
    "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc", "post-rewrite",
    "sendemail-validate", "fsmonitor-watchman", "p4-changelist", "p4-prepare-changelist",
    "p4-post-changelist", "p4-pre-submit", "post-index-change",
)  # fmt: skip

# Every setting git documents as running a program (value: the marker's name).
PROGRAM_SETTINGS = (
    "core.fsmonitor", "gpg.program", "gpg.openpgp.program", "gpg.x509.program",
    "gpg.ssh.program", "gpg.ssh.defaultKeyCommand", "diff.external", "diff.evil.textconv",
    "diff.evil.command", "filter.evil.clean", "filter.evil.smudge", "filter.evil.process",
    "filter.a=b.clean", "merge.evil.driver", "core.pager", "pager.log", "pager.diff",
    "core.editor", "sequence.editor", "core.askPass", "core.sshCommand", "credential.helper",
    "core.alternateRefsCommand", "core.gitProxy", "uploadpack.packObjectsHook",
    "remote.origin.uploadpack", "remote.origin.receivepack",
)  # fmt: skip

WORKTREE_ATTRIBUTES = "* diff=evil filter=evil merge=evil\n*.md filter=a=b\n"


def marker_script(folder: Path, name: str, log: Path) -> Path:
    """A program that logs its run; a filter passes its input through unchanged."""
    script = folder / name.replace("/", "_")
    tail = "exec cat\n" if name.startswith("filter.") else ""
    script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n{tail}')
    script.chmod(0o755)
    return script


def signed_commit(repo: Repo) -> None:
    """HEAD becomes a commit carrying a gpgsig header (invalid: git verifies it anyway)."""
    tree = repo.git("write-tree").strip()
    parent = repo.git("rev-parse", "HEAD").strip()
    body = (f"tree {tree}\nparent {parent}\nauthor A <a@b> 1700000000 +0000\n"
            "committer A <a@b> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n"
            " AAAA\n -----END PGP SIGNATURE-----\n\nsigned change\n")  # fmt: skip
    commit = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"],
                            cwd=repo.path, input=body, capture_output=True, text=True,
                            check=True).stdout.strip()  # fmt: skip
    repo.git("update-ref", "refs/heads/feature/x", commit)


def snapshot(repo: Repo) -> list[tuple[str, str]]:
    """Every path under .git with the hash of its bytes (or of its link target)."""
    git_dir = repo.path / ".git"
    out = []
    for p in sorted(git_dir.rglob("*")):
        if p.is_symlink():
            digest = "link:" + os.readlink(p)
        elif p.is_file():
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            digest = "dir"
        out.append((str(p.relative_to(git_dir)), digest))
    return out


@pytest.fixture(params=["git-dir-hooks", "hooks-path"])
def hostile(request, tmp_path) -> tuple[Repo, Path]:
    repo = Repo(tmp_path / "repo").seed()
    repo.git("checkout", "-q", "-b", "feature/x")
    repo.write(".gitattributes", WORKTREE_ATTRIBUTES)
    repo.commit("change", "src/app.py")
    signed_commit(repo)
    repo.git("reset", "-q", "--hard", "feature/x")
    repo.git("remote", "add", "origin", "https://github.com/octo/hostile.git")
    programs, log = tmp_path / "programs", tmp_path / "ran.log"
    programs.mkdir()
    for key in PROGRAM_SETTINGS:
        value = str(marker_script(programs, key, log))
        repo.git("config", key, f"!{value}" if key == "credential.helper" else value)
    repo.git("config", "log.showSignature", "true")
    repo.git("config", "filter.evil.required", "true")
    repo.git("config", "core.untrackedCache", "true")
    hooks = repo.path / ".git" / "hooks"
    if request.param == "hooks-path":
        hooks = tmp_path / "hooks"
        repo.git("config", "core.hooksPath", str(hooks))
    hooks.mkdir(exist_ok=True)
    for name in HOOKS:
        marker_script(hooks, name, log)
    # Stat-dirty files (same bytes, new times) tempt a refresh, a filter run and the index hook;
    # a real unstaged edit and an untracked file give --uncommitted something to find.
    for rel in ("README.md", "src/app.py"):
        os.utime(repo.path / rel, (1, 1))
    (repo.path / "notes.md").write_text("untracked\n")
    (repo.path / "src" / "app.py").write_text("edited\n")
    return repo, log


def test_the_planted_settings_do_run_programs_under_plain_git(hostile):
    """The suite can fail: git as ghasim used to call it runs the markers."""
    repo, log = hostile
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    for args in (["-c", "core.fsmonitor=false", "log", "-1", "--format=%B"],
                 ["-c", "core.fsmonitor=false", "diff", "--name-only", "HEAD"]):  # fmt: skip
        subprocess.run(["git", *args], cwd=repo.path, env=env, capture_output=True,
                       stdin=subprocess.DEVNULL)  # fmt: skip
    ran = log.read_text()
    assert "gpg.openpgp.program --keyid-format" in ran and "filter.evil.process" in ran
    repo.git("config", "--unset", "filter.evil.process")
    repo.git("config", "--unset", "filter.evil.required")
    subprocess.run(["git", "diff", "--name-only", "HEAD"], cwd=repo.path, capture_output=True,
                   stdin=subprocess.DEVNULL)  # fmt: skip
    ran = log.read_text()
    assert "filter.evil.clean" in ran and "post-index-change" in ran


COMMANDS = (
    ["push"],
    ["push", "--uncommitted"],
    ["push", "--uncommitted", "--branch", "main"],
    ["diff"],
    ["diff", "main", "feature/x"],
    ["replay", "--branch", "feature/x"],
    ["replay", "--branch", "main", "--since", "2000-01-01"],
    ["explain", "--event", "push", "--branch", "main"],
    ["pr"],
    ["check"],
    ["graph"],
    ["audit"],
)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_git_reading_command_runs_a_planted_program_or_writes_git(hostile, args):
    repo, log = hostile
    before = snapshot(repo)
    in_repo = args[0] in ("push", "diff", "replay", "explain", "pr")
    result = ghasim(*args, "--repo" if in_repo else "--workflows",
                    repo.path if in_repo else repo.workflows, cwd=repo.path)  # fmt: skip
    assert result.code in (0, 1), (args, result.out, result.err)
    assert not log.exists(), log.read_text()
    assert snapshot(repo) == before, args


def test_uncommitted_lists_exactly_what_git_diff_head_lists(hostile):
    """Plumbing without a refresh: the stat-only README.md is dropped, the edit and the
    untracked file stay (compared with porcelain `git diff` run on a copy of the repository,
    where refreshing does no harm)."""
    from simulator.core import git

    repo, log = hostile
    files = git.uncommitted_files(repo.path)
    assert sorted(files) == ["notes.md", "src/app.py"]
    assert not log.exists()


def test_uncommitted_keeps_staged_deleted_and_mode_changes(tmp_path):
    from simulator.core import git

    repo = Repo(tmp_path / "repo").seed()
    repo.commit("more", "a.txt", "b.txt", "c.sh")
    repo.write("a.txt", "staged\n")
    repo.git("add", "a.txt")
    (repo.path / "b.txt").unlink()
    (repo.path / "c.sh").chmod(0o755)
    repo.write("README.md", "edited then restored\n")
    repo.git("add", "README.md")
    repo.git("checkout", "HEAD", "--", "README.md")  # index and work tree back to HEAD
    assert sorted(git.uncommitted_files(repo.path)) == ["a.txt", "b.txt", "c.sh"]


def test_action_steps_run_no_planted_program(hostile, tmp_path):
    from test_action import run_step

    repo, log = hostile
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    ghasim_bin = Path(sys.executable).parent / "ghasim"  # the action's venv, installed
    (runner_temp / "ghasim-venv" / "bin").mkdir(parents=True)
    (runner_temp / "ghasim-venv" / "bin" / "ghasim").symlink_to(ghasim_bin)
    before = snapshot(repo)
    code, out, _, err = run_step("ghasim diff", repo.path, runner_temp, BASE="main")
    assert code == 0, err
    assert out["exit-code"] in ("0", "1"), err
    assert not log.exists(), log.read_text()
    assert snapshot(repo) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to give the repository to another user")
def test_dubious_ownership_is_named_with_its_fix(tmp_path):
    """A repository git refuses (safe.directory) is not "not a git repository"."""
    repo = Repo(tmp_path / "repo").seed()
    for path in [repo.path, *repo.path.rglob("*")]:
        os.lchown(path, 4242, 4242)
    env_home = tmp_path / "home"  # no global safe.directory of this machine applies
    env_home.mkdir()
    old = os.environ.get("HOME")
    os.environ["HOME"] = str(env_home)
    try:
        for args in (["push", "--repo", repo.path], ["replay", "--repo", repo.path],
                     ["diff", "--repo", repo.path]):  # fmt: skip
            result = ghasim(*args)
            assert result.code == 2, (args, result.out, result.err)
            assert "git refuses this repository (safe.directory)" in result.err
            assert "git config --global --add safe.directory" in result.err
            assert "Traceback" not in result.err and "not inside a git" not in result.err
    finally:
        os.environ["HOME"] = old or ""


def test_a_work_tree_the_config_points_elsewhere_is_not_read(tmp_path):
    """core.worktree can name any folder (`/`, a home): `push --uncommitted` would list and
    hash files there. ghasim reads a work tree only where the repository's .git is."""
    repo = Repo(tmp_path / "repo").seed()
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    (elsewhere / "private-notes.txt").write_text("secret\n")
    repo.git("config", "core.worktree", str(elsewhere))
    result = ghasim("push", "--uncommitted", "--repo", repo.path, cwd=repo.path)
    assert result.code == 2 and "core.worktree" in result.err
    assert "private-notes" not in result.out + result.err


def test_linked_worktrees_and_submodules_are_still_read(tmp_path):
    from simulator.core import git

    repo = Repo(tmp_path / "repo").seed()
    linked = tmp_path / "linked"
    repo.git("worktree", "add", "-q", str(linked), "-b", "feature/linked")
    assert git.work_tree_top(linked) == linked.resolve()
    outer = Repo(tmp_path / "outer").seed()
    outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(repo.path),
              "sub")  # fmt: skip
    assert git.work_tree_top(outer.path / "sub") == (outer.path / "sub").resolve()
    assert ghasim("push", "--repo", outer.path / "sub", cwd=outer.path / "sub").code in (0, 1)


def test_a_config_naming_too_many_drivers_is_refused_not_cut(tmp_path, monkeypatch):
    """Emptying only the first N driver keys would leave the rest active: refused instead."""
    from simulator.core import git

    repo = Repo(tmp_path / "repo").seed()
    monkeypatch.setattr(git, "_MAX_DRIVER_KEYS", 3)
    for i in range(4):
        repo.git("config", f"filter.f{i}.clean", "cat")
    with pytest.raises(git.GitError, match=r"names \d+ filter, diff or merge drivers"):
        git.tracked_files(repo.path)
