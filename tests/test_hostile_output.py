"""Outputs that cannot be escaped (issue S, item 5): a workflow name holding a Markdown fence
and heading, HTML, a table pipe, terminal escape sequences, a carriage return, Mermaid
syntax and a bidi override stays inert in every output language."""

import json
import re
from xml.etree import ElementTree as ET

import pydot
import pytest
from cli_helpers import ghasim
from conftest import ROOT
from markdown_it import MarkdownIt

from simulator.core import escape

HOSTILE = ROOT / "tests" / "hostile" / "names"
SCENARIO = HOSTILE / "scenario.yml"
EVIL = (
    "Evil ```\n# Injected heading\n<script>alert(1)</script> |cell| \x1b[31mred\x1b]0;pwned\x07"
    " \r%% --> ; \u202eexe.txt"
)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_terminal_safe(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text).group())


@pytest.mark.parametrize(
    "args",
    [
        ["run", SCENARIO, "--jobs", "--why"],
        ["report", SCENARIO],
        ["check", "--workflows", HOSTILE / "workflows"],
        ["graph", "--workflows", HOSTILE / "workflows"],
        ["explain", "--workflows", HOSTILE / "workflows", "--file", "a.py", "--branch", "main"],
    ],
)
def test_no_control_character_reaches_the_terminal(args):
    result = ghasim(*args)
    assert result.code in (0, 1), result.err
    assert_terminal_safe(result.out)
    assert_terminal_safe(result.err)
    if args[0] != "check":  # (the folder is well wired: check has nothing to say)
        assert "\\x1b[31m" in result.out + result.err  # shown, visibly


def test_timeline_keeps_one_row_per_run():
    out = ghasim("run", SCENARIO).out
    rows = [line for line in out.splitlines() if re.match(r"│ \d\d:\d\d:\d\d  ", line)]
    assert len(rows) == 2 and "Evil ```\\x0a# Injected heading" in rows[0]
    widths = {len(line) for line in out.splitlines() if line.startswith(("│", "┌", "└"))}
    assert len(widths) == 1  # the box stays a box


def test_markdown_report_cannot_be_escaped():
    text = ghasim("report", SCENARIO).out
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("Injected" in h for h in headings), headings
    assert not any(t.type.startswith("html") for t in tokens)
    fences = [t for t in tokens if t.type == "fence"]
    prose = [t.content for t in tokens if t.type == "inline"]
    assert not any("<script>" in p for p in prose)  # in code blocks it is only text
    assert any("&lt;script&gt;" in p or "<script>" not in p for p in prose)
    assert [f.info for f in fences].count("mermaid") == 2  # every block still closes
    timeline = next(f for f in fences if "Evil" in f.content and f.info == "")
    assert "Listener" in timeline.content  # the fence did not end at the name's backticks
    page = MarkdownIt("commonmark").enable("table").render(text)
    cells = re.findall(r"<td>(.*?)</td>", page, flags=re.S)
    evil = [c for c in cells if "Evil" in c]
    assert evil and all("|cell|" in c and "exe.txt" in c for c in evil)  # no row was split


def test_mermaid_gantt_keeps_one_section_per_run():
    text = ghasim("run", SCENARIO, "--format", "mermaid").out
    sections = [line for line in text.splitlines() if line.strip().startswith("section")]
    assert len(sections) == 2
    for line in text.splitlines()[1:]:
        assert "%%" not in line and ";" not in line.split(":", 1)[0], line


def test_mermaid_flowchart_labels_are_quoted_safely():
    text = ghasim("graph", "--workflows", HOSTILE / "workflows", "--format", "mermaid").out
    for line in text.splitlines()[1:]:
        assert line.startswith("  ") and line.count('"') % 2 == 0, line
        assert "<script>" not in line


def test_html_and_dot_stay_well_formed():
    page = ghasim("report", SCENARIO, "--format", "html").out
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    assert not root.findall(".//script")
    dot = ghasim("graph", "--workflows", HOSTILE / "workflows", "--format", "dot").out
    (graph,) = pydot.graph_from_dot_data(dot)
    assert len(graph.get_nodes()) >= 3


def test_json_round_trips_the_exact_name():
    data = json.loads(ghasim("run", SCENARIO, "--format", "json").out)
    assert data["runs"][0]["workflow"] == EVIL


def test_check_keeps_one_diagnostic_per_line(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "l.yml").write_text(
        'name: L\non:\n  workflow_run:\n    workflows: ["nobody\\nhere \\e[31m"]\n'
        "jobs: {a: {runs-on: x, steps: [{run: y}]}}\n"
    )
    result = ghasim("check", "--workflows", folder)
    lines = result.out.splitlines()
    assert len(lines) == 2 and all(line.startswith(str(folder)) for line in lines), lines


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        (escape.markdown_code, "a ``` b", "````a ``` b````"),
        (escape.markdown_text, "**x** <b>", "\\*\\*x\\*\\* &lt;b&gt;"),
        (escape.markdown_text, "workflow_run _x_", "workflow_run \\_x\\_"),
        (escape.one_line, "a\nb\x1b[0m", "a\\x0ab\\x1b[0m"),
        (escape.mermaid_label, 'a"b;c%%d#e', "a#quot;b#59;c#37;#37;d#35;e"),
        (escape.github_data, "50% done\nnext", "50%25 done%0Anext"),
    ],
)
def test_escape_functions(function, text, expected):
    assert function(text) == expected


def test_markdown_fence_outgrows_backticks_in_the_content():
    block = escape.markdown_fence("x ````` y")
    assert block.startswith("``````\n") and block.endswith("\n``````")
