"""One JSON convention (issue U, docs/json.md): every document is an object naming its schema
`ghasim/<command>/1`, validated here against docs/schemas/<command>.schema.json; positions are
{file, line, column}; reasons carry their fact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer.main
from cli_helpers import ghasim
from conftest import ROOT, SEED_WORKFLOWS
from gitrepo import Repo
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from simulator.cli import app

SCHEMAS = ROOT / "docs" / "schemas"
STORY = ROOT / "scenarios" / "mlops-sync" / "full-story.yml"


def registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def validate(document: dict, command: str) -> None:
    schema = json.loads((SCHEMAS / f"{command}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, registry=registry()).iter_errors(document))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def document(*args, code=(0, 1)) -> dict:
    result = ghasim(*args)
    assert result.code in code, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict) and next(iter(data)) == "schema"
    return data


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    r = Repo(tmp_path_factory.mktemp("json") / "repo").seed()
    r.git("checkout", "-q", "-b", "feature/data")
    r.edit(".github/workflows/ci.yml", "name: CI Pipeline", "name: CI")
    r.commit("rename CI", "data/raw.csv")
    return r


def audit_fixture(tmp_path: Path) -> Path:
    """The pwn-request golden case's workflows, in a folder."""
    from test_check_golden import AUDIT, workflows_of

    folder = tmp_path / "audit-wf"
    if not folder.exists():
        workflows_of(AUDIT / "pwn-request.yml", folder)
    return folder


def documents(repo: Repo, tmp_path: Path) -> dict[str, dict]:
    broken = tmp_path / "wf"
    broken.mkdir(exist_ok=True)
    (broken / "a.yml").write_text(
        "on:\n  workflow_run: {workflows: [Nope]}\njobs: {a: {runs-on: x}}\n"
    )
    (broken / "b.yml").write_text("on: push\njobs:\n  a: [\n")
    return {
        "explain": document(
            "explain",
            "--workflows",
            SEED_WORKFLOWS,
            "--file",
            "data/x.csv",
            "--branch",
            "main",
            "--format",
            "json",
        ),  # fmt: skip
        "run": document("run", STORY, "--jobs", "--format", "json"),
        "montecarlo": document(
            "run", STORY, "--iterations", "5", "--processes", "1", "--format", "json"
        ),  # fmt: skip
        "test": document("test", ROOT / "scenarios" / "mlops-sync", "--format", "json"),
        "check": document("check", "--workflows", broken, "--format", "json"),
        "graph": document("graph", "--workflows", SEED_WORKFLOWS, "--format", "json"),
        "diff": document("diff", "--repo", repo.path, "main", "HEAD", "--format", "json"),
        "push": document("push", "--repo", repo.path, "--format", "json"),
        "pr": document("pr", "--repo", repo.path, "--format", "json"),
        "replay": document("replay", "--repo", repo.path, "--format", "json"),
        "facts": document("facts", "5", "--format", "json"),
        "audit": document("audit", "--workflows", audit_fixture(tmp_path), "--format", "json"),
    }


def test_every_document_matches_its_schema(repo, tmp_path):
    for command, data in documents(repo, tmp_path).items():
        assert data["schema"] == f"ghasim/{command}/1"
        validate(data, command)


def test_every_json_format_has_a_schema_and_is_tested_here():
    """A command that prints JSON must have its schema file (and so its place above)."""
    group = typer.main.get_command(app)
    with_json = set()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if param.name == "format" and "json" in getattr(param.type, "choices", ()):
                with_json.add(name)
    assert with_json
    schemas = {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")}
    assert with_json <= schemas, with_json - schemas


def walk(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, (*path, i))


def test_positions_are_objects_and_reasons_carry_facts(repo, tmp_path):
    for command, data in documents(repo, tmp_path).items():
        for path, value in walk(data):
            key = path[-1] if path else None
            assert key not in ("filepath", "pos"), (command, path)
            if key == "position":
                assert set(value) == {"file", "line", "column"}, (command, path)
            if key in ("reason", "trigger_reason", "why_after", "why_before") and value:
                assert set(value) == {"text", "kind", "fact"}, (command, path)
    check = documents(repo, tmp_path)["check"]
    rules = {f["rule"] for f in check["findings"]}
    assert {"upstream-name", "syntax"} <= rules


def test_a_broken_schema_would_be_caught():
    """The validation is real: a document missing a required key fails."""
    data = document("graph", "--workflows", SEED_WORKFLOWS, "--format", "json")
    del data["edges"]
    with pytest.raises(AssertionError):
        validate(data, "graph")
