"""`ghasim explain` on the seed chain, its JSON contract and its bad-input handling."""

import json

import pytest
from cli_helpers import ghasim
from conftest import SEED_WORKFLOWS

W = ["--workflows", str(SEED_WORKFLOWS)]


def explain_json(*args):
    result = ghasim("explain", *W, "--format", "json", *args)
    assert result.code == 0, result.err
    return {row["workflow"]: row for row in json.loads(result.out)["verdicts"]}


def fired(rows):
    return sorted(name for name, row in rows.items() if row["triggered"])


def test_code_push_to_main_starts_only_ci():  # §2.4, §2.7
    rows = explain_json("--event", "push", "--branch", "main", "--file", "src/api/app.py")
    assert fired(rows) == ["CI Pipeline"]
    assert "none of the changed files" in rows["DVC Pipeline"]["reason"]["text"]


def test_data_push_to_main_starts_ci_and_dvc():  # §2.7
    rows = explain_json("--event", "push", "--branch", "main", "--file", "data/raw.csv")
    assert fired(rows) == ["CI Pipeline", "DVC Pipeline"]
    assert rows["DVC Pipeline"]["reason"]["text"] == "data/raw.csv matches paths 'data/**'"


def test_feature_branch_push_starts_only_path_filtered_dvc():  # §2.4, §3.5
    rows = explain_json("--event", "push", "--branch", "feature/x", "--file", "data/a.csv")
    assert fired(rows) == ["DVC Pipeline"]
    assert (
        rows["CI Pipeline"]["reason"]["text"]
        == "branch 'feature/x' matches none of branches [master, main]"
    )


def test_tag_push():  # §2.4, §2.6
    rows = explain_json("--event", "push", "--tag", "v1.0", "--file", "src/app.py")
    assert fired(rows) == ["DVC Pipeline"]
    assert rows["CI Pipeline"]["reason"]["fact"] == "§2.4"
    assert rows["DVC Pipeline"]["reason"]["fact"] == "§2.6"


def test_json_rows_have_the_contract_fields():
    rows = explain_json("--event", "push", "--branch", "main", "--file", "a")
    for row in rows.values():
        assert {"workflow", "file", "event", "triggered", "reason"} <= set(row)
        assert row["event"] == "push" and isinstance(row["triggered"], bool)


def test_workflow_run_event_is_reachable():  # §5.1, §5.6
    args = [
        "--event",
        "workflow_run",
        "--upstream",
        "CI Pipeline",
        "--activity",
        "completed",
        "--head-branch",
        "main",
    ]
    rows = explain_json(*args, "--depth", "1")
    assert fired(rows) == ["CD - Deploy API", "MLflow Experiment Tracking", "Streamlit UI CI/CD"]
    rows = explain_json(*args, "--depth", "4")
    assert fired(rows) == []
    assert rows["CD - Deploy API"]["reason"]["fact"] == "§5.6"


def test_text_output_is_a_table():
    result = ghasim("explain", *W, "--event", "push", "--branch", "main", "--file", "data/x")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "push to branch main (data/x):"
    assert any(line.startswith("  ✓ fires    DVC Pipeline") for line in lines)
    assert lines[-1] == "2 of 6 workflows start."


def test_no_file_outside_git_asks_for_file(tmp_path):
    result = ghasim("explain", *W, "--event", "push", "--branch", "main", "--repo", tmp_path)
    assert result.code == 2
    assert "--file" in result.err and "not a git repository" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_no_file_inside_git_uses_head_diff(tmp_path):
    import subprocess

    def run(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    run("init", "-q", "-b", "main")
    run("config", "user.email", "t@e"), run("config", "user.name", "t")
    (tmp_path / "README.md").write_text("x")
    run("add", "."), run("commit", "-qm", "first")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "raw.csv").write_text("1")
    run("add", "."), run("commit", "-qm", "add data")
    rows = explain_json("--event", "push", "--repo", str(tmp_path))
    assert fired(rows) == ["CI Pipeline", "DVC Pipeline"]  # branch main from git, data/raw.csv


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        ({}, ["--workflows", "NOPE"], "workflows folder not found: NOPE"),
        (
            {"ok.yml": "on: push\njobs: {a: {runs-on: x}}\n"},
            ["--event", "pushh"],
            "--event: unknown event 'pushh' (did you mean 'push'?)",
        ),
    ],
)
def test_bad_arguments_are_one_line(tmp_path, files, args, expected):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = ghasim("explain", "--workflows", str(tmp_path), "--file", "a", *args)
    assert result.code == 2
    assert result.err.strip() == expected
    assert "Traceback" not in result.err + result.out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on: push\njobs:\n  a: [\n", ":4:1: YAML syntax error"),
        (
            "on:\n  push:\n    branches: [a]\n    branches-ignore: [b]\njobs: {a: {runs-on: x}}\n",
            ":4:5: 'branches' and 'branches-ignore' cannot both be used",
        ),
        (
            "on:\n  push:\n    paths: ['[z-a]']\njobs: {a: {runs-on: x}}\n",
            ":3:15: invalid pattern '[z-a]' in paths: invalid range",
        ),
        ("on: push\njobs:\n  'a b': {runs-on: x}\n", ":3:3: invalid job id 'a b'"),
    ],
)
def test_broken_file_is_reported_and_the_others_still_decided(tmp_path, text, expected):
    (tmp_path / "bad.yml").write_text(text)
    (tmp_path / "good.yml").write_text("name: Good\non: push\njobs: {a: {runs-on: x}}\n")
    result = ghasim(
        "explain",
        "--workflows",
        str(tmp_path),
        "--event",
        "push",
        "--branch",
        "main",
        "--file",
        "a",
        "--format",
        "json",
    )
    assert result.code == 1
    [line] = result.err.strip().splitlines()
    assert line.startswith(str(tmp_path / "bad.yml") + ":") and expected in line, line
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in json.loads(result.out)["verdicts"]}
    assert rows["good.yml"]["triggered"] is True
    assert rows["bad.yml"]["triggered"] is False and rows["bad.yml"]["invalid"] is True
