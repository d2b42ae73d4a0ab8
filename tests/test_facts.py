"""`ghasim facts` (issue T): every fact number ghasim cites can be looked up, and the data is
the fact sheet's and docs/semantics.md's, checked here."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest
from cli_helpers import ghasim
from conftest import ROOT

from simulator.core.facts import facts, lookup

TOKEN = re.compile(r"§(\d+\.\d+)")


def builder():
    spec = importlib.util.spec_from_file_location("build_facts", ROOT / "tools" / "build_facts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cited() -> dict[str, set[str]]:
    """Every fact number cited by the code (reasons, rules, checks), the docs and the
    scenarios' READMEs, with where."""
    out: dict[str, set[str]] = {}
    files = [*ROOT.joinpath("simulator").rglob("*.py"), *ROOT.joinpath("docs").glob("*.md"),
             ROOT / "README.md", *ROOT.joinpath("scenarios").rglob("*.md"),
             *ROOT.joinpath("scenarios").rglob("*.yml")]  # fmt: skip
    for path in files:
        for number in TOKEN.findall(path.read_text(encoding="utf-8")):
            out.setdefault(number, set()).add(str(path.relative_to(ROOT)))
    return out


def test_every_cited_fact_number_resolves():
    known = facts()
    missing = {n: sorted(where) for n, where in cited().items() if n not in known}
    assert not missing


def test_every_reason_the_code_builds_cites_a_known_fact():
    """Walks every Reason(kind, fact) the code constructs: the fact exists, the kind is in the
    catalogue."""
    import ast

    from simulator.core.reason_texts import CATALOGUE

    seen = 0
    for path in ROOT.joinpath("simulator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Reason"):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if args and isinstance(args[0], str):
                assert args[0] in CATALOGUE, (path, args[0])
                seen += 1
            if len(args) > 1 and isinstance(args[1], str):
                assert args[1].removeprefix("§") in facts(), (path, args[1])
    assert seen > 50


def test_what_ghasim_does_is_what_docs_semantics_says():
    build = builder()
    semantics = (ROOT / "docs" / "semantics.md").read_text(encoding="utf-8")
    does = build.what_ghasim_does(semantics)
    for number, fact in facts().items():
        assert list(fact.ghasim) == does.get(number, []), number
    for number, fact in build.own_facts(semantics).items():
        assert facts()[number].text == fact["text"]


def test_the_texts_are_the_fact_sheet_s():
    sheet = build_sheet = builder().SHEET
    if not sheet.exists():
        pytest.skip(f"the fact sheet is not here ({build_sheet})")
    for fact in builder().read_sheet(sheet).values():
        assert facts()[fact["number"]].text == fact["text"], fact["number"]


def test_facts_prints_the_depth_limit_with_its_source():
    result = ghasim("facts", "5.6")
    assert result.code == 0
    assert result.out.startswith("§5.6  `workflow_run`  [documented]")
    assert "you cannot chain more than three levels" in result.out
    assert "at most three levels: A → B → C → D run, E never (§5.6)" in result.out
    assert "https://github.com/github/docs/blob/main/content/actions/reference/" \
           "workflows-and-actions/events-that-trigger-workflows.md" in result.out  # fmt: skip


def test_facts_searches_words_and_sections_and_fails_clearly():
    assert [f.number for f in lookup("§5")][:3] == ["5.1", "5.2", "5.3"]
    result = ghasim("facts", "skip", "ci")
    assert result.code == 0 and "§7.4" in result.out
    data = json.loads(ghasim("facts", "concurrency", "--format", "json").out)
    assert data["schema"] == "ghasim/facts/1" and data["facts"]
    missing = ghasim("facts", "99.9")
    assert missing.code == 2 and "no fact matches '99.9'" in missing.err
