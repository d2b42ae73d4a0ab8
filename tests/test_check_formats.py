"""`ghasim check --format sarif|github` (issue U): SARIF 2.1.0 for code scanning, annotations
for pull requests; positions of list items are the item's own."""

from __future__ import annotations

import json

import sarif_check
from cli_helpers import ghasim
from gitrepo import Repo

LISTENER = (
    "on:\n  workflow_run:\n    workflows: [Nope]\n    types: [completed]\njobs: {a: {runs-on: x}}\n"
)


def test_sarif_validates_and_names_rules_and_relative_paths(tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    repo.write(".github/workflows/listener.yml", LISTENER)
    repo.write(".github/workflows/broken.yml", "on: push\njobs:\n  a: [\n")
    result = ghasim("check", "--format", "sarif", cwd=repo.path / ".github")
    assert result.code == 1, result.err
    log = json.loads(result.out)
    sarif_check.validate(log)
    [run] = log["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"upstream-name", "syntax", "chain-depth"} <= set(rules)
    assert all(r["help"]["text"] and r["shortDescription"]["text"]
               for r in run["tool"]["driver"]["rules"])  # fmt: skip
    by_rule = {r["ruleId"]: r for r in run["results"]}
    upstream = by_rule["upstream-name"]
    location = upstream["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": ".github/workflows/listener.yml",
                                            "uriBaseId": "%SRCROOT%"}  # fmt: skip
    assert location["region"] == {"startLine": 3, "startColumn": 17}
    assert rules[upstream["ruleIndex"]] == "upstream-name"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.path.resolve().as_uri() + "/"


def test_sarif_validator_rejects_what_the_standard_does():
    import pytest

    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "level": "error"}]}]}  # fmt: skip
    sarif_check.validate(good)
    for bad in ({"version": "2.1.0", "runs": [{"results": []}]},  # no tool
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                               "results": [{"message": {"text": "m"},
                                                            "level": "fatal"}]}]},
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "bogus": 1}}}]}):  # fmt: skip
        with pytest.raises(AssertionError):
            sarif_check.validate(bad)


def test_github_annotations_are_escaped_workflow_commands(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "l,1.yml").write_text(LISTENER.replace("Nope", '"a:b\\nc"'))
    result = ghasim("check", "--workflows", folder, "--format", "github")
    assert result.code == 1
    [line] = result.out.splitlines()
    assert line.startswith(f"::error file={folder}/l%2C1.yml,line=3,col=17,"
                           "title=ghasim check [upstream-name]::")  # fmt: skip
    assert "a:b%0Ac" in line  # the message's newline cannot start a new command


def test_a_path_filter_finding_points_at_its_item(tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    repo.write(".github/workflows/p.yml",
               "on:\n  push:\n    paths:\n      - 'src/**'\n      - 'nowhere/**'\n"
               "jobs: {a: {runs-on: x}}\n")  # fmt: skip
    repo.commit("p", "src/a.py")
    result = ghasim("check", "--format", "json", cwd=repo.path)
    [finding] = [f for f in json.loads(result.out)["findings"]
                 if f["rule"] == "path-matches-nothing"
                 and f["position"]["file"].endswith("p.yml")]  # fmt: skip
    assert (finding["position"]["line"], finding["position"]["column"]) == (5, 9)
