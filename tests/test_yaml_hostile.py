"""YAML as GitHub reads it, against hostile documents (issue S, item 4): cycles, alias bombs,
YAML 1.2 characters and keys, sizes. Each case gives one positioned error, quickly."""

import pytest
from call_count import count_calls
from cli_helpers import ghasim
from conftest import broken, wf

from simulator.core.yaml_loader import (
    MAX_EXPANDED_VALUES,
    TypedKey,
    YamlError,
    load_yaml,
)

CYCLE_MATRIX = """\
name: Cycle
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix: &m {a: [1], b: [*m]}
    steps: [{run: echo}]
"""


@pytest.mark.parametrize(
    "text",
    [CYCLE_MATRIX, "on: push\nenv: &e {self: *e}\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n"],
)
def test_a_self_referencing_alias_is_refused_with_its_position(text):
    result = broken(text)
    (diag,) = result.diagnostics
    assert "cycle" in diag.message
    assert diag.pos.line in (2, 7)


def test_cycles_are_refused_by_every_command(tmp_path):
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "cycle.yml").write_text(CYCLE_MATRIX)
    checked = ghasim("check", "--workflows", folder)
    assert checked.code == 1
    assert "cycle.yml:7:" in checked.out and "cycle" in checked.out
    scenario = tmp_path / "s.yml"
    scenario.write_text("workflows: workflows\nevents: [{push: {branch: main}}]\n")
    ran = ghasim("run", str(scenario))
    assert ran.code in (0, 1) and "cycle.yml:7:" in ran.err
    assert "internal error" not in ran.err


def test_an_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):  # 10**11 values once expanded
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")

    def refused() -> YamlError:
        with pytest.raises(YamlError) as caught:
            load_yaml("\n".join(lines) + "\n", "bomb.yml")
        return caught.value

    error, calls = count_calls(refused)
    assert calls < 20_000  # refused before expanding: counted work (623 calls today)
    assert f"{MAX_EXPANDED_VALUES:,}" in error.message and error.pos.line > 1


def test_shared_aliases_below_the_bound_load():
    doc = load_yaml("base: &b {x: 1}\nuse: [*b, *b, *b]\n", "ok.yml")
    assert doc["use"][0] is doc["base"]


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_nel_ls_ps_are_characters_not_line_breaks(char):
    """YAML 1.1 (PyYAML) breaks lines at NEL, LS and PS; YAML 1.2 does not."""
    doc = load_yaml(f'name: "a{char}b"\nplain: c{char}d\nlast: here\n', "chars.yml")
    assert doc["name"] == f"a{char}b" and doc["plain"] == f"c{char}d"
    assert doc.key_pos["last"].line == 3


def test_numbers_strings_and_booleans_are_distinct_keys():
    doc = load_yaml('env:\n  1: a\n  "1": b\n  true: c\n  "true": d\n', "keys.yml")
    env = doc["env"]
    assert len(env) == 4
    assert env["1"] == "b" and env["true"] == "d"
    assert env[TypedKey("1", "number")] == "a" and env[TypedKey("true", "bool")] == "c"
    assert str(next(iter(env))) == "1"


def test_true_as_an_event_key_is_not_on():
    """§1.6: `true:` does not work as a trigger key on GitHub."""
    result = broken("on:\n  true: {}\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n")
    assert "unknown event 'true'" in result.diagnostics[0].message


def test_duplicates_still_refused_per_type():
    with pytest.raises(YamlError, match="defined twice"):
        load_yaml("env:\n  1: a\n  01: b\n", "dup.yml")


def test_a_workflow_file_over_500_kb_starts_no_run(tmp_path):
    """§14.1: 150,000 jobs (or 20 MB) never reach the parser."""
    text = "on: push\njobs:\n" + "".join(
        f"  j{i}: {{runs-on: x, steps: [{{run: y}}]}}\n" for i in range(150_000)
    )
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "huge.yml").write_text(text)
    (folder / "ok.yml").write_text("on: push\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n")
    result, calls = count_calls(
        lambda: ghasim("explain", "--workflows", folder, "--file", "a.py", "--branch", "main")
    )
    assert calls < 20_000  # the big file is never parsed: counted work (787 calls today)
    assert "huge.yml: the file is" in result.err and "500 KB" in result.err
    assert "1 of 2 workflows start" in result.out


def test_a_small_workflow_still_loads_after_these_checks():
    assert wf("on: push\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n").jobs


def test_a_huge_scenario_file_is_refused_before_it_is_read(tmp_path):
    scenario = tmp_path / "big.yml"
    scenario.write_text("events:\n" + "  - {push: {branch: main}}\n" * 300_000)
    result = ghasim("run", scenario)
    assert result.code == 2
    assert "ghasim reads at most" in result.err and result.err.count("\n") == 1


class _Stat:
    def __init__(self, size):
        import stat

        self.st_size = size
        self.st_mode = stat.S_IFREG | 0o644


@pytest.mark.parametrize("seen", [0, 10])  # a file that grew after fstat; /proc reports 0
def test_a_file_that_grew_since_fstat_is_read_whole(tmp_path, monkeypatch, seen):
    """§14.1: the read asks for what fstat saw and one byte more, then reads on to the cap."""
    from simulator.workflow import loader

    text = b"on: push\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n"
    (tmp_path / "ci.yml").write_bytes(text)
    monkeypatch.setattr(loader.os, "fstat", lambda fd: _Stat(seen))
    assert loader.read_source(str(tmp_path / "ci.yml"), "ci.yml") == (
        text,
        str(tmp_path / "ci.yml"),
        "ci.yml",
    )


def test_a_file_that_grew_past_500_kb_since_fstat_is_refused(tmp_path, monkeypatch):
    from simulator.workflow import loader
    from simulator.workflow.loader import MAX_WORKFLOW_BYTES
    from simulator.workflow.model import BrokenWorkflow

    (tmp_path / "ci.yml").write_bytes(b"#" * (MAX_WORKFLOW_BYTES + 4096))
    monkeypatch.setattr(loader.os, "fstat", lambda fd: _Stat(100))
    found = loader.read_source(str(tmp_path / "ci.yml"), "ci.yml")
    assert isinstance(found, BrokenWorkflow)
    assert (
        f"{MAX_WORKFLOW_BYTES + 1:,} bytes" in found.diagnostics[0].message
    )  # read to the cap only


def test_an_if_with_a_chain_thousands_of_links_long_is_simulated_not_crashed(tmp_path):
    """Within GitHub's 21,000 characters an `if:` may nest thousands of levels (member access
    and `==` chains are free of its depth limit): every command reads it in a loop."""
    flows = tmp_path / ".github" / "workflows"
    flows.mkdir(parents=True)
    chain = "github" + ".b" * 6_000 + " == 'x'"
    compare = " == ".join(["github.sha"] * 1_400)
    (flows / "w.yml").write_text(
        "name: W\non: push\njobs:\n"
        f'  a: {{runs-on: ubuntu-latest, if: "{chain}", steps: [{{run: x}}]}}\n'
        f'  b: {{runs-on: ubuntu-latest, if: "{compare}", steps: [{{run: x}}]}}\n'
    )
    (tmp_path / "s.yml").write_text(f"workflows: {flows}\nevents:\n  - push: {{files: [x]}}\n")
    for args in (["run", tmp_path / "s.yml", "--jobs"], ["check", "--workflows", flows],
                 ["audit", "--workflows", flows]):  # fmt: skip
        result = ghasim(*args)
        assert result.code == 0 and "internal error" not in result.err, result.err
    out = ghasim("run", tmp_path / "s.yml", "--jobs", "--format", "json").out
    assert out.count('"conclusion": "skipped"') >= 3  # the run and both jobs: if was false


def test_json_too_deep_for_an_if_or_a_matrix_fails_that_job(tmp_path):  # §8.3
    """toJSON of a value nested 900 deep cannot be written: the `if:` errors and the matrix
    cannot be compared, so those jobs fail, as a condition GitHub cannot evaluate does."""
    flows = tmp_path / ".github" / "workflows"
    flows.mkdir(parents=True)
    deep = "[" * 900 + "]" * 900
    (flows / "w.yml").write_text(
        "name: W\non: push\njobs:\n"
        f"  a: {{runs-on: x, if: \"toJSON(fromJSON('{deep}')) != ''\", steps: [{{run: x}}]}}\n"
        f"  b: {{runs-on: x, strategy: {{matrix: {{v: \"${{{{ fromJSON('[{deep}]') }}}}\"}}}},"
        " steps: [{run: x}]}\n"
        "  c: {runs-on: x, steps: [{run: x}]}\n"
    )
    (tmp_path / "s.yml").write_text(f"workflows: {flows}\nevents:\n  - push: {{files: [x]}}\n")
    result = ghasim("run", tmp_path / "s.yml", "--jobs", "--format", "json")
    assert result.code == 0 and "internal error" not in result.err, result.err
    import json

    [run] = json.loads(result.out)["runs"]
    conclusions = {job["id"]: job["conclusion"] for job in run["jobs"]}
    assert conclusions == {"a": "failure", "b": "failure", "c": "success"}


def test_nesting_too_deep_to_compose_points_at_its_deepest_line(tmp_path):
    """Some 600 levels pass libyaml's own limit but not the composer's recursion: the error
    names the file, the line and the column where the deepest collection starts."""
    deep = "[" * 600 + "]" * 600
    path = tmp_path / "s.yml"
    path.write_text(f"events:\n  - push: {{files: [x]}}\nvars:\n  v: {deep}\n")
    result = ghasim("run", path)
    assert result.code == 2
    assert f"{path}:4:" in result.err and "nesting too deep" in result.err, result.err
    line, column = result.err.split(f"{path}:", 1)[1].split(":")[:2]
    assert (int(line), int(column)) == (4, 6 + 599)  # the 600th '[' of line 4
