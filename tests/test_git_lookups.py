"""Where ghasim asks git about the folder it was given: one call each, None outside a work
tree, never a value from the user's global configuration."""

from __future__ import annotations

import subprocess

from gitrepo import Repo

from simulator.core import git


def test_work_tree_top_from_any_folder_inside(tmp_path):
    repo = Repo(tmp_path / "r")
    (repo.path / "a" / "b").mkdir(parents=True)
    assert git.work_tree_top(repo.path / "a" / "b") == repo.path.resolve()
    assert git.work_tree_top(repo.path) == repo.path.resolve()


def test_work_tree_top_is_none_outside_a_work_tree(tmp_path):
    repo = Repo(tmp_path / "r")
    assert git.work_tree_top(repo.path / ".git") is None  # inside .git: no work tree
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    assert git.work_tree_top(bare) is None
    plain = tmp_path / "plain"
    plain.mkdir()
    assert git.work_tree_top(plain) is None
    assert git.work_tree_top(tmp_path / "missing") is None


def test_work_tree_top_keeps_spaces_at_the_end_of_a_name(tmp_path):
    repo = Repo(tmp_path / "name ends in a space ")
    assert git.work_tree_top(repo.path) == repo.path.resolve()


def test_repository_name_reads_the_origin_remote(tmp_path):
    repo = Repo(tmp_path / "r")
    assert git.repository_name(repo.path) is None  # no remote
    repo.git("remote", "add", "origin", "https://github.com/octo/app.git")
    assert git.repository_name(repo.path) == "octo/app"
    (repo.path / "sub").mkdir()
    assert git.repository_name(repo.path / "sub") == "octo/app"


def test_repository_name_ignores_a_remote_in_the_global_configuration(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text('[remote "origin"]\n\turl = git@github.com:glob/al.git\n')
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    plain = tmp_path / "plain"
    plain.mkdir()
    assert git.repository_name(plain) is None
    assert git.repository_name(Repo(tmp_path / "r").path) is None


def test_without_git_installed_the_lookups_answer_none(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "r")
    repo.git("remote", "add", "origin", "https://github.com/octo/app.git")
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert git.work_tree_top(repo.path) is None
    assert git.repository_name(repo.path) is None
