"""Terminal manners (issue U): workflows found like actionlint, width, colour, help, -o and
--quiet on every command."""

from __future__ import annotations

import re

import pytest
import typer.main
from cli_helpers import ghasim
from conftest import ROOT, SEED_WORKFLOWS
from gitrepo import Repo
from typer.testing import CliRunner

from simulator.cli import app
from simulator.report.cells import width

SYNC = ROOT / "scenarios" / "mlops-sync" / "sync-test.yml"
STORY = ROOT / "scenarios" / "mlops-sync" / "full-story.yml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def commands() -> dict:
    group = typer.main.get_command(app)
    return group.commands  # type: ignore[attr-defined]


# -------------------------------------------------------------------------- discovery


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path / "repo").seed()


@pytest.mark.parametrize("command", ["check", "graph", "explain"])
def test_workflows_are_found_from_any_folder_inside_the_repository(repo, command):
    inner = repo.path / "src" / "deep"
    inner.mkdir(parents=True)
    extra = ["--file", "data/x.csv", "--repo", repo.path] if command == "explain" else []
    result = ghasim(command, *extra, cwd=inner)
    assert result.code == 0, result.err
    assert "DVC Pipeline" in result.out or "workflow files checked" in result.err


def test_a_repository_root_given_as_workflows_means_its_github_workflows(repo, tmp_path):
    result = ghasim("check", "--workflows", repo.path, "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    assert '"files": 6' in result.out


def test_a_folder_with_no_workflow_file_is_an_error_that_says_where_it_looked(repo):
    result = ghasim("check", "--workflows", repo.path / "src", cwd=repo.path)
    assert result.code == 2
    [line] = result.err.splitlines()
    assert "workflows folder not found" in line
    assert f"the nearest .github/workflows is {repo.workflows}" in line
    empty = repo.path / "docs"
    empty.mkdir()
    for command in ("check", "graph"):
        result = ghasim(command, "--workflows", empty)
        assert result.code == 2, command
        assert "no workflow file (*.yml, *.yaml)" in result.err
        assert f"the nearest .github/workflows is {repo.workflows}" in result.err


def test_outside_any_repository_without_workflows_it_fails_loudly(tmp_path):
    result = ghasim("check", cwd=tmp_path)
    assert result.code == 2
    assert "no .github/workflows in" in result.err and "pass --workflows DIR" in result.err
    assert ghasim("graph", cwd=tmp_path).code == 2


def test_a_scenario_whose_workflows_folder_is_empty_is_an_error(tmp_path):
    (tmp_path / "wf").mkdir()
    scenario = tmp_path / "s.yml"
    scenario.write_text("workflows: wf/\nevents: [{push: {files: [a]}}]\n")
    result = ghasim("run", scenario)
    assert result.code == 2
    assert result.err.startswith(f"{scenario}:1:12: ") and "no workflow file" in result.err


def test_a_scenario_without_workflows_key_finds_the_repository_s(repo):
    scenarios = repo.path / "scenarios"
    scenarios.mkdir()
    (scenarios / "push.yml").write_text("events: [{push: {files: [data/a.csv]}}]\n")
    result = ghasim("run", scenarios / "push.yml", "--format", "json")
    assert result.code == 0, result.err
    assert '"workflow": "DVC Pipeline"' in result.out


# -------------------------------------------------------------------------- width


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_timeline_graph_and_explain_never_exceed_columns(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    outputs = {
        "run --jobs": ghasim("run", STORY, "--jobs", "--why").out,
        "graph": ghasim("graph", "--workflows", SEED_WORKFLOWS).out,
        "explain": ghasim(
            "explain",
            "--workflows",
            SEED_WORKFLOWS,
            "--branch",
            "feature/x",
            "--file",
            "src/api/app.py",
        ).out,  # fmt: skip
    }
    for name, text in outputs.items():
        widest = max(width(line) for line in text.splitlines())
        assert widest <= columns, (name, widest)


def test_without_columns_a_pipe_gets_every_cell(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    text = ghasim("run", STORY, "--jobs").out
    assert max(width(line) for line in text.splitlines()) > 80


def test_a_file_output_is_never_shortened(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "50")
    target = tmp_path / "t.txt"
    assert ghasim("run", STORY, "--jobs", "-o", target).code == 0
    assert "MLflow Experiment Tracking" in target.read_text(encoding="utf-8")


# -------------------------------------------------------------------------- colour


def test_color_always_never_and_the_environment(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert ANSI.search(ghasim("run", SYNC, "--color", "always").out)
    assert not ANSI.search(ghasim("run", SYNC).out)  # auto, and not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(ghasim("run", SYNC).out)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(ghasim("run", SYNC).out)  # NO_COLOR wins over FORCE_COLOR
    assert ANSI.search(ghasim("run", SYNC, "--color", "always").out)  # the flag wins over both
    monkeypatch.delenv("NO_COLOR")
    assert not ANSI.search(ghasim("run", SYNC, "--color", "never").out)


def test_coloured_text_is_the_same_text():
    plain = ghasim("run", SYNC).out
    coloured = ghasim("run", SYNC, "--color", "always").out
    assert ANSI.sub("", coloured) == plain


def test_explain_and_check_are_coloured_too(tmp_path):
    out = ghasim("explain", "--workflows", SEED_WORKFLOWS, "--file", "a", "--branch", "main",
                 "--color", "always").out  # fmt: skip
    assert re.search(r"\x1b\[[0-9;]*m✓ fires", out)
    (tmp_path / "l.yml").write_text(
        "on:\n  workflow_run: {workflows: [Nope], types: [completed]}\njobs: {a: {runs-on: x}}\n"
    )
    out = ghasim("check", "--workflows", tmp_path, "--color", "always").out
    assert re.search(r"\x1b\[[0-9;]*m\[upstream-name\]", out)


# -------------------------------------------------------------------------- help


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_h_examples_readable_metavars_o_and_quiet(name):
    result = CliRunner().invoke(app, [name, "-h"])
    assert result.exit_code == 0
    text = result.stdout
    examples = text.split("Examples:", 1)[1].split("Options:", 1)[0]
    assert len([line for line in examples.splitlines() if line.strip().startswith("ghasim ")]) >= 2
    assert not re.search(r"<(list|str|int|path|float|bool)\b|list\[", text, re.I), text
    options = {opt for p in commands()[name].params for opt in p.opts}
    assert {"-o", "--output", "--quiet", "--color"} <= options


def test_shell_completion_is_offered():
    text = CliRunner().invoke(app, ["-h"]).stdout
    assert "--install-completion" in text and "--show-completion" in text


def test_quiet_silences_notes_but_not_errors(tmp_path):
    noisy = ghasim("check", "--workflows", SEED_WORKFLOWS)
    assert "workflow files checked" in noisy.err
    quiet = ghasim("check", "--workflows", SEED_WORKFLOWS, "--quiet")
    assert quiet.err == ""
    failing = ghasim("check", "--workflows", tmp_path / "nope", "--quiet")
    assert failing.code == 2 and "not found" in failing.err


def test_a_usage_error_is_one_line_with_exit_2():
    """The real entry point (not the test runner): an unknown option or a bad choice is one
    line on standard error naming the command and its -h, like every other bad input."""
    import subprocess
    import sys

    for args, words in ((["run", "--bogus", "x"], "ghasim run: No such option: --bogus"),
                        (["audit", "--token-default", "nope"], "ghasim audit: Invalid value"),
                        (["run"], "ghasim run: Missing argument 'SCENARIO'")):  # fmt: skip
        proc = subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True,
                              text=True, cwd=ROOT)  # fmt: skip
        assert proc.returncode == 2, proc.stderr
        [line] = proc.stderr.splitlines()
        assert line.startswith(words) and line.endswith(f"see 'ghasim {args[0]} -h'")
    assert subprocess.run([sys.executable, "-m", "simulator"], capture_output=True, text=True,
                          cwd=ROOT).stdout.startswith("Usage: ")  # fmt: skip


def test_a_command_loads_only_itself_and_the_root_help_lists_them_all():
    """`ghasim run ...` registers only `run` (typer builds every registered command's
    parameters on each call); the root's help, a typo and completion see every command."""
    import subprocess
    import sys

    from simulator.cli import _invoked_module

    assert _invoked_module(["run", "s.yml"]) == "run"
    assert _invoked_module(["--no-cache", "test", "scenarios/"]) == "testing"
    assert _invoked_module(["-h", "run"]) is None
    assert _invoked_module(["--version"]) is None and _invoked_module([]) is None
    assert _invoked_module(["tset"]) is None  # click's "did you mean" needs them all
    shown = subprocess.run([sys.executable, "-m", "simulator", "-h", "run"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    for name in ("explain", "run", "test", "check", "audit", "graph", "replay", "facts"):
        assert f"  {name} " in shown, name
    probe = ("import sys; sys.argv = ['ghasim', 'facts', '5.6']\n"
             "from simulator.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('simulator.cli.')),"
             " file=sys.stderr)\n")  # fmt: skip
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stderr
    assert "simulator.cli.facts" in loaded and "simulator.cli.run" not in loaded


def test_version_builds_no_command():
    import subprocess
    import sys

    from simulator import __version__

    probe = ("import sys; sys.argv = ['ghasim', '--version']\n"
             "from simulator.cli import main\n"
             "try:\n    main()\nexcept SystemExit as exc:\n    print('exit', exc.code, file=sys.stderr)\n"
             "print(sorted(m for m in sys.modules if m.startswith('simulator.cli.')),"
             " file=sys.stderr)\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout == f"ghasim {__version__}\n"
    assert "exit 0" in done.stderr and "['simulator.cli.common']" in done.stderr
