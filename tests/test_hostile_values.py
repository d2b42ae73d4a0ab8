"""Every value GitHub accepts, no internal error (issue S2): integers of any size, floats,
NaN and infinities in every numeric field and in expressions; text that is not UTF-8 named
at its line and column. GitHub reads every number as a double, so an integer past a
double's range is infinite there, and here."""

from __future__ import annotations

import pytest
from cli_helpers import ghasim

HUGE = "9" * 5000  # past a double, and past Python's 4,300-digit int() limit
LARGE = "9" * 400  # past a double, within int()

WORKFLOW = f"""\
name: Numbers
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    timeout-minutes: 1e308
    continue-on-error: ${{{{ {LARGE} > 1 }}}}
    strategy:
      max-parallel: {LARGE}
      matrix:
        n: [{HUGE}, {LARGE}, -{LARGE}, 1e999, .nan, -.inf, 1.5, 0x{LARGE}]
        include: [{{n: {HUGE}, extra: .nan}}]
    steps: [{{run: "echo ${{{{ matrix.n }}}}"}}]
  b:
    needs: a
    runs-on: ubuntu-latest
    if: "${{{{ {HUGE} == 1e999 && fromJSON('{HUGE}') > 0 && toJSON(fromJSON('[{HUGE}]')) != '' }}}}"
    timeout-minutes: ${{{{ fromJSON('{HUGE}') }}}}
    continue-on-error: ${{{{ fromJSON('{LARGE}') > 0 }}}}
    strategy:
      max-parallel: ${{{{ fromJSON('{HUGE}') }}}}
      matrix: {{x: [1, 2]}}
    steps: [{{run: "echo ${{{{ format('{{0}}', fromJSON('{HUGE}')) }}}}"}}]
  c:
    runs-on: ubuntu-latest
    strategy:
      max-parallel: ${{{{ fromJSON('NaN') }}}}
      matrix: {{x: [1, 2]}}
    steps: [{{run: x}}]
"""


@pytest.fixture
def folder(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "numbers.yml").write_text(WORKFLOW)
    scenario = tmp_path / "s.yml"
    scenario.write_text("workflows: .github/workflows\n"
                        "events:\n  - push: {branch: main, files: [x.py]}\n")  # fmt: skip
    return workflows, scenario


@pytest.mark.parametrize("command", [["check"], ["graph"], ["audit"], ["explain", "--event",
                                     "push", "--branch", "main", "--file", "x.py"]])  # fmt: skip
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_no_command_fails_on_any_number(folder, command, cache):
    workflows, _ = folder
    for _ in range(2):  # cold, then from the parse cache
        result = ghasim(*cache, *command, "--workflows", workflows)
        assert result.code == 0, (command, result.out, result.err)


@pytest.mark.parametrize("iterations", ["1", "20"])
def test_the_run_simulates_every_number(folder, iterations):
    _, scenario = folder
    result = ghasim("run", scenario, "--iterations", iterations)
    assert result.code == 0, result.err
    assert "Numbers" in result.out


def test_a_huge_integer_reads_as_a_double_would():
    from simulator.core.yaml_loader import load_yaml

    doc = load_yaml(f"a: {HUGE}\nb: -{LARGE}\nc: 0x{LARGE}\nd: 12\n", "x.yml", github_numbers=True)
    assert doc == {"a": float("inf"), "b": float("-inf"), "c": float("inf"), "d": 12}


def test_text_that_is_not_utf8_is_named_at_its_line_and_column(tmp_path):
    workflows = tmp_path / "wf"
    workflows.mkdir()
    (workflows / "latin.yml").write_bytes(b"name: x\non: push\njobs:\n  a: {runs-on: caf\xe9}\n")
    result = ghasim("check", "--workflows", workflows)
    assert result.code == 1
    assert "latin.yml:4:19: [syntax] not UTF-8 text (byte 41: 0xe9)" in result.out
    scenario = tmp_path / "s.yml"
    scenario.write_bytes(b"workflows: wf\r\nevents:\r\n  - push: {branch: \xff}\r\n")
    result = ghasim("run", scenario)
    assert result.code == 2 and "s.yml:3:20:" in result.err and "not UTF-8" in result.err
