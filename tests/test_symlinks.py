"""Symbolic links in .github/workflows are never followed (issue S2, §14.10): GitHub reads a
link itself, not its target, so the file is an invalid workflow there; ghasim says so, and
says plainly when a link leads outside the repository or nowhere. No command reads the
target, and no link ends a command in an internal error (exit 70)."""

from __future__ import annotations

import json
import os

import pytest
from cli_helpers import ghasim
from gitrepo import Repo

OUTSIDE = "name: Secret Outside Name\non: push\njobs:\n  a: {runs-on: x, steps: [{run: x}]}\n"


@pytest.fixture
def repo(tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    (tmp_path / "outside.yml").write_text(OUTSIDE)
    repo.write("shared/inside.yml", OUTSIDE.replace("Secret Outside Name", "Inside"))
    links = {"out.yml": str(tmp_path / "outside.yml"), "loop.yml": "loop.yml",
             "dangling.yml": "missing.yml", "inside.yml": "../../shared/inside.yml"}  # fmt: skip
    for name, target in links.items():
        os.symlink(target, repo.workflows / name)
    return repo


MESSAGES = {
    "out.yml": "outside the repository: not read (§14.10)",
    "loop.yml": "leads nowhere (a loop or a missing target)",
    "dangling.yml": "leads nowhere (a loop or a missing target)",
    "inside.yml": "GitHub does not follow it and reads the link itself",
}


def test_check_reports_each_link_at_its_file(repo):
    result = ghasim("check", "--workflows", repo.workflows, "--format", "json")
    assert result.code == 1, result.err
    assert "Secret Outside Name" not in result.out + result.err
    found = json.loads(result.out)
    text = json.dumps(found, ensure_ascii=False)
    for name, message in MESSAGES.items():
        assert name in text and message in text, name


@pytest.mark.parametrize("command", [["graph"], ["audit"], ["check"],
                                     ["explain", "--event", "push", "--branch", "main",
                                      "--file", "src/app.py"]])  # fmt: skip
def test_no_command_follows_a_link_or_fails_on_one(repo, command):
    result = ghasim(*command, "--workflows", repo.workflows)
    assert result.code in (0, 1), (command, result.err)
    assert "Secret Outside Name" not in result.out + result.err
    assert "Inside" not in result.out.replace("inside.yml", "")  # the inside target unread


def test_outside_a_repository_the_boundary_is_the_folder(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    (tmp_path / "other.yml").write_text(OUTSIDE)
    os.symlink(tmp_path / "other.yml", folder / "x.yml")
    result = ghasim("check", "--workflows", folder)
    assert result.code == 1 and "outside the workflows folder" in result.err + result.out


def test_a_link_at_a_revision_is_a_link_not_yaml(repo):
    """diff reads blobs: a committed link's blob is its target path; never parsed as YAML."""
    from simulator.workflow.from_git import load_at

    for name in ("loop.yml", "dangling.yml", "out.yml"):
        (repo.workflows / name).unlink()
    base = repo.git("rev-parse", "HEAD").strip()
    repo.commit("a linked workflow")
    loaded = load_at(repo.path, "HEAD")
    broken = {b.rel_path: b.diagnostics[0].message for b in loaded.broken}
    assert "a symbolic link to '../../shared/inside.yml'" in broken[
        ".github/workflows/inside.yml"]  # fmt: skip
    result = ghasim("diff", base, "HEAD", "--repo", repo.path)
    assert result.code in (0, 1), result.err


@pytest.mark.parametrize("linked", [".github", ".github/workflows"])
def test_a_workflows_folder_linked_out_of_the_repository_is_not_read(tmp_path, linked):
    """Found by walking up (or under a given repository root), `.github` or its `workflows`
    folder that is a link leading outside is refused, not listed (§14.10)."""
    outside = tmp_path / "elsewhere" / "workflows"
    outside.mkdir(parents=True)
    (outside / "x.yml").write_text(OUTSIDE)
    repo = Repo(tmp_path / "repo")
    link = repo.path / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside if linked.endswith("workflows") else outside.parent, link)
    for args in (["check"], ["graph"], ["check", "--workflows", repo.path]):
        result = ghasim(*args, cwd=repo.path)
        assert result.code == 2, (args, result.out, result.err)
        assert "outside the repository: not read (§14.10)" in result.err
        assert "Secret Outside Name" not in result.out + result.err
