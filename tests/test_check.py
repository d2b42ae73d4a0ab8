"""`ghasim check`: each rule finds its problem in a fixture; clean chains report nothing."""

import json
import subprocess
import textwrap

import pytest
from cli_helpers import ghasim
from conftest import ROOT

J = "jobs: {a: {runs-on: x}}\n"


def listener(name, upstreams, extra="    types: [completed]\n"):
    return f"name: {name}\non:\n  workflow_run:\n    workflows: [{upstreams}]\n{extra}{J}"


def check(tmp_path, files, *args):
    folder = tmp_path / "wf"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text))
    result = ghasim("check", "--workflows", folder, "--format", "json", *args)
    return result.code, json.loads(result.out)["findings"]


def kinds(found):
    return [(d["rule"], d["severity"]) for d in found]


def test_seed_and_example_chains_are_clean():
    for folder in ("mlops-sync", "job-semantics"):
        result = ghasim("check", "--workflows", ROOT / "scenarios" / folder / "workflows")
        assert result.code == 0 and result.out == "", result.out


def test_unknown_upstream_name_with_did_you_mean(tmp_path):  # §5.2
    code, found = check(tmp_path, {"ci.yml": f"name: CI Pipeline\non: push\n{J}",
                                   "cd.yml": listener("CD", "CI Pipline")})  # fmt: skip
    assert code == 1
    [d] = found
    assert d["rule"] == "upstream-name" and d["severity"] == "error"
    assert d["message"].startswith(
        "no workflow is named 'CI Pipline' (did you mean 'CI Pipeline'?)"
    )
    assert (d["position"]["line"], d["position"]["column"]) == (4, 17)


def test_file_name_instead_of_workflow_name(tmp_path):  # §5.2
    code, [d] = check(tmp_path, {"ci.yml": f"name: CI Pipeline\non: push\n{J}",
                                 "cd.yml": listener("CD", "ci.yml")})  # fmt: skip
    assert d["message"] == ("'ci.yml' is a file name: workflow_run matches names; use the "
                            "workflow's name 'CI Pipeline'")  # fmt: skip


def test_chain_deeper_than_three_levels(tmp_path):  # §5.6
    files = {"a.yml": f"name: A\non: push\n{J}"}
    for up, down in zip("ABCD", "BCDE", strict=True):
        files[f"{down.lower()}.yml"] = listener(down, up)
    code, found = check(tmp_path, files)
    [d] = [d for d in found if d["rule"] == "chain-depth"]
    assert d["position"]["file"].endswith("e.yml") and "level 4" in d["message"]
    assert "A -> B -> C -> D -> E" in d["message"]


def test_cycle(tmp_path):
    files = {"a.yml": f"name: A\non:\n  push:\n  workflow_run:\n    workflows: [B]\n    types: [completed]\n{J}",
             "b.yml": listener("B", "A")}  # fmt: skip
    code, found = check(tmp_path, files)
    [d] = [d for d in found if d["rule"] == "cycle"]
    assert "A -> B -> A" in d["message"] or "B -> A -> B" in d["message"]


def test_level_two_branch_filter_on_a_feature_branch_never_matches(tmp_path):  # §5.7
    files = {
        "a.yml": f"name: A\non: push\n{J}",
        "b.yml": listener("B", "A"),
        "c.yml": listener("C", "B", "    types: [completed]\n    branches: [feature/*]\n"),
        "d.yml": listener("D", "B", "    types: [completed]\n    branches: [main]\n"),
    }
    code, found = check(tmp_path, files)
    [d] = [d for d in found if d["rule"] == "branch-never-matches"]
    assert d["position"]["file"].endswith("c.yml")
    assert "'B' only runs from workflow_run, on 'main'" in d["message"]


def test_branch_filter_against_push_branches(tmp_path):  # §5.3
    files = {"a.yml": f"name: A\non:\n  push:\n    branches: [main]\n{J}",
             "b.yml": listener("B", "A", "    types: [completed]\n    branches: [release]\n")}  # fmt: skip
    code, [d] = check(tmp_path, files)
    assert d["rule"] == "branch-never-matches" and "'A' only runs on main" in d["message"]


def test_load_problems_are_reported_with_their_rule(tmp_path):  # §2.2, §2.3, §3.1
    files = {
        "pairs.yml": f"on:\n  push:\n    branches: [a]\n    branches-ignore: [b]\n{J}",
        "glob.yml": f"on:\n  push:\n    paths: ['a[]']\n{J}",
        "bang.yml": f"on:\n  push:\n    branches: ['!main']\n{J}",
    }
    code, found = check(tmp_path, files)
    assert code == 1
    assert sorted(kinds(found)) == [
        ("filter", "error"),
        ("pattern", "error"),
        ("pattern", "warning"),
    ]


def test_workflow_run_without_types_is_a_warning(tmp_path):  # §5.1
    code, [d] = check(tmp_path, {"a.yml": f"name: A\non: push\n{J}",
                                 "b.yml": listener("B", "A", "")})  # fmt: skip
    assert code == 0 and (d["rule"], d["severity"]) == ("workflow-run-types", "warning")


def test_required_check_with_a_paths_filter(tmp_path):  # §2.11
    files = {"t.yml": f"name: Tests\non:\n  pull_request:\n    paths: ['src/**']\n{J}"}
    (tmp_path / "c.yml").write_text("required_checks: [Tests]\n")
    code, [d] = check(tmp_path, files, "--config", tmp_path / "c.yml")
    assert d["rule"] == "required-check-filtered" and "stays Pending" in d["message"]


def test_paths_that_match_no_file_in_the_repository(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "d.yml").write_text(f"name: D\non:\n  push:\n    paths: ['data/**', 'dvc.yml']\n{J}")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("1")
    git("init", "-q")
    git("add", ".")
    result = ghasim("check", "--workflows", folder)
    assert result.out.strip().endswith("[path-matches-nothing] warning: on.push.paths: 'dvc.yml' "
                                       "matches no file in the repository (a typo, or a folder that moved?)")  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_text_format_is_file_line_col_rule(tmp_path, fmt):
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "b.yml").write_text(listener("B", "Nope"))
    result = ghasim("check", "--workflows", folder, "--format", fmt)
    if fmt == "text":
        assert result.out.startswith(
            f"{folder / 'b.yml'}:4:17: [upstream-name] no workflow is named 'Nope'"
        )
    else:
        document = json.loads(result.out)
        assert document["schema"] == "ghasim/check/1"
        [finding] = document["findings"]
        assert set(finding) == {"rule", "severity", "message", "position"}
        assert finding["position"] == {"file": str(folder / "b.yml"), "line": 4, "column": 17}


def test_the_library_call_takes_a_folder_as_text_or_path(tmp_path):
    from simulator.check.run import check_folder

    files = {"a.yml": "name: A\non: push\n" + J, "b.yml": listener("B", "Nope")}
    code, findings = check(tmp_path, files)
    for folder in (str(tmp_path / "wf"), tmp_path / "wf"):
        loaded, diagnostics = check_folder(folder)
        assert len(loaded.workflows) == 2
        assert [d.message for d in diagnostics] == [f["message"] for f in findings]
