"""Reports people read: the sync-test report (fr/en), graphs, Mermaid, DOT, HTML."""

import json
import re
from xml.etree import ElementTree as ET

import pydot
import pytest
from cli_helpers import ghasim
from conftest import ROOT
from markdown_it import MarkdownIt

SEED = ROOT / "scenarios" / "mlops-sync"
GOLDEN = ROOT / "tests" / "golden"
SVG = "{http://www.w3.org/2000/svg}"


def report(*args):
    result = ghasim("report", SEED / "sync-test.yml", *args)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_golden(lang):
    assert report("--lang", lang) == (GOLDEN / f"sync-test.report.{lang}.md").read_text("utf-8")


def test_french_report_reproduces_the_seed_sections():
    """The seed's sections, in French throughout: issue T translates the status words and
    the arrow the seed left in English (`✓ success` reads `✓ succès`)."""
    text = report("--lang", "fr")
    for line in [
        "# Résultat du test de synchronisation des workflows",
        "**Date:** 2026-01-13  ",
        "## La synchronisation des workflows fonctionne correctement !",
        "│ 04:16:18  Streamlit UI CI/CD             ✗ échec (lint)         │",
        "│                    ▼ workflow_run déclenché                     │",
        "## Résumé des workflows",
        "| Workflow | Statut | Commentaire |",
        "| **CI Pipeline** | ✓ succès | Point d'entrée |",
        "| **CD - Deploy API** | ✓ succès | Déclenché après CI |",
        "| **MLflow Experiment Tracking** | ⏳ en cours | Déclenché après CI (training en cours) |",
        "| **Streamlit UI CI/CD** | ✗ échec | Déclenché après CI, mais échec lint |",
        "## Architecture des workflows",
        "Push/PR sur master/main",
        "   │ CI │  (lint → test → build-check)",
        "        │ workflow_run (si CI réussit)",
        "## Déclencheurs par workflow",
        "| **CI Pipeline** | Push/PR sur master/main |",
        "| **CD - Deploy API** | Succès de CI |",
        "| **Model Validation Gate** | Succès de MLflow ou DVC |",
        "| **DVC Pipeline** | Push sur `data/**`, `src/data/**`, `dvc.yaml`, etc. (indépendant) |",
    ]:
        assert line in text.splitlines(), line


def test_english_report_says_the_same():
    text = report()
    for line in [
        "## Workflow summary",
        "| **MLflow Experiment Tracking** | ⏳ running | Triggered after CI (training in progress) |",
        "| **Streamlit UI CI/CD** | ✗ failure | Triggered after CI, but failed: job lint |",
        "| **Model Validation Gate** | Success of MLflow or DVC |",
        "| **DVC Pipeline** | Push on `data/**`, `src/data/**`, `dvc.yaml`, etc. (independent) |",
    ]:
        assert line in text.splitlines(), line


def test_success_of_only_when_the_listener_gates_on_success(tmp_path):  # §5.5
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "ci.yml").write_text("name: CI\non: push\njobs: {a: {runs-on: x}}\n")
    (folder / "notify.yml").write_text(
        "name: Notify\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\n"
        "jobs: {a: {runs-on: x}}\n")  # fmt: skip
    (folder / "deploy.yml").write_text(
        "name: Deploy\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\n"
        "jobs:\n  a:\n    runs-on: x\n    if: ${{ github.event.workflow_run.conclusion == 'success' }}\n")  # fmt: skip
    text = ghasim("graph", "--workflows", folder, "--format", "mermaid").out
    assert '"workflow_run: completed · on success"| w1' in text  # w1: Deploy
    assert '"workflow_run: completed"| w2' in text  # w2: Notify, completion only


def test_markdown_renders_tables_and_mermaid():
    tokens = MarkdownIt("commonmark").enable("table").parse(report("--lang", "fr"))
    assert sum(t.type == "table_open" for t in tokens) == 2
    fences = [t for t in tokens if t.type == "fence"]
    assert [t.info for t in fences] == ["", "mermaid", "", "mermaid"]
    header = [t for t in tokens if t.type == "inline"][:1]
    assert header[0].content == "Résultat du test de synchronisation des workflows"


def test_graph_mermaid_golden_and_seed_equivalence():
    text = ghasim("graph", "--workflows", SEED / "workflows", "--format", "mermaid").out
    assert text == (GOLDEN / "mlops-sync.graph.mmd").read_text("utf-8")
    names = {}
    edges = set()
    for line in text.splitlines()[1:]:
        node = re.match(r'^\s*(\w+)\(?\["(.*)"\]\)?$', line)
        if node:
            names[node.group(1)] = node.group(2)
        elif "->" in line:
            parts = line.split()
            edges.add((parts[0], parts[-1]))
    named = {(names[a], names[b]) for a, b in edges}
    # the seed's drawing: push -> CI -> CD, MLflow, Streamlit; MLflow -> Gate; data/** -> DVC
    # (and DVC -> Gate, which the seed's trigger table states)
    assert named == {
        ("Push/PR on master/main", "CI Pipeline"),
        ("Push on data/**, src/data/**, dvc.yaml, etc. (independent)", "DVC Pipeline"),
        ("CI Pipeline", "CD - Deploy API"),
        ("CI Pipeline", "MLflow Experiment Tracking"),
        ("CI Pipeline", "Streamlit UI CI/CD"),
        ("MLflow Experiment Tracking", "Model Validation Gate"),
        ("DVC Pipeline", "Model Validation Gate"),
    }


def test_dot_parses_with_a_dot_parser():
    for folder in ("mlops-sync", "job-semantics"):
        text = ghasim("graph", "--workflows", ROOT / "scenarios" / folder / "workflows",
                      "--format", "dot").out  # fmt: skip
        [graph] = pydot.graph_from_dot_data(text)
        assert graph.get_name() == "workflows"
        assert len(graph.get_edges()) >= 2


def test_text_graph_draws_the_fan_out():
    text = ghasim("graph", "--workflows", SEED / "workflows").out
    assert "        ├─" in text and "│ workflow_run (if CI Pipeline succeeds)" in text
    assert text.splitlines()[0] == "Push/PR on master/main"


def test_run_mermaid_gantt_marks_failures_and_jobs():
    text = ghasim("run", SEED / "sync-test.yml", "--format", "mermaid", "--jobs").out
    assert text.startswith("gantt\n  title Workflow sync test\n")
    assert (
        "  ✗ failure (lint) (run 4) :crit, done, r4, 2026-01-13T04:16:18, 2026-01-13T04:16:48"
        in text
    )
    assert "  training :active, 2026-01-13T04:16:18, 2026-01-13T04:19:00" in text


@pytest.mark.parametrize("command", ["report", "run"])
def test_html_is_well_formed_with_one_bar_per_run(tmp_path, command):
    out = tmp_path / "page.html"
    args = [command, SEED / "data-push.yml", "--format", "html", "-o", out]
    assert ghasim(*args).code == 0
    root = ET.parse(out).getroot()
    assert root.tag == "html"
    assert not root.findall(".//script") and "http://" not in out.read_text().replace(
        "http://www.w3.org/2000/svg", ""
    )  # self-contained: no script, no external resource
    runs = root.findall(f".//{SVG}g[@class='run']")
    assert len(runs) == 7  # the data push makes 7 runs
    assert all(g.find(f"{SVG}title") is not None for g in runs)
    assert len(root.findall(f".//{SVG}path[@class='cause']")) == 5  # one arrow per workflow_run run


def test_unknown_language_is_one_line():
    result = ghasim("report", SEED / "sync-test.yml", "--lang", "de")
    assert result.code == 2 and "Traceback" not in result.err


def english_fragments() -> set[str]:
    """The English texts of both catalogues (messages and reasons) that French renders
    differently: their literal parts of eight characters or more, and every status word."""
    import string

    from simulator.core.reason_texts import CATALOGUE
    from simulator.report.messages import EN, FR

    pieces: set[str] = set()
    templates = [(EN[k], FR.get(k, "")) for k in EN]
    templates += [(v["en"], v.get("fr", "")) for v in CATALOGUE.values()]
    for en, fr in templates:
        if en == fr:
            continue
        for literal, _, _, _ in string.Formatter().parse(en):
            for part in literal.split("'"):
                part = part.strip(" :;,.()[]")
                if len(part) >= 8 and part not in fr:
                    pieces.add(part)
    pieces |= {f"{mark} {word}" for mark, word in (("✓", "success"), ("✗", "failure"),
                                                    ("⏳", "in_progress"), ("⊘", "skipped"))}  # fmt: skip
    return pieces


@pytest.mark.parametrize("scenario", ["sync-test.yml", "full-story.yml"])
def test_the_french_report_holds_no_english_catalogue_entry(scenario):
    text = ghasim("report", SEED / scenario, "--lang", "fr").out
    found = sorted(p for p in english_fragments() if p in text)
    assert not found
    assert "Légende:" in text and "✓ succès" in text


def test_why_shows_a_cause_chain_for_every_run():  # §5.1, §5.6
    out = ghasim("run", SEED / "full-story.yml", "--why").out
    chains = out.split("Why these runs started:\n", 1)[1].split("Not started:", 1)[0]
    lines = chains.strip().splitlines()
    data = json.loads(ghasim("run", SEED / "full-story.yml", "--format", "json").out)
    assert len(lines) == len(data["runs"])
    assert ("  Model Validation Gate ← MLflow Experiment Tracking completed (types: completed) "
            "on main ← CI Pipeline completed (types: completed) on main ← push to branch main "
            "(src/api/app.py)") in lines  # fmt: skip
    for run in data["runs"]:
        assert run["cause_chain"][0] == run["workflow"]
        assert len(run["cause_chain"]) == run["depth"] + 2  # itself, its upstreams, the event


def test_the_arrow_names_the_upstreams_of_a_mixed_wave():
    out = ghasim("run", SEED / "data-push.yml").out
    assert "▼ workflow_run triggered by CI Pipeline, DVC Pipeline" in out
    assert "▼ workflow_run triggered  " in ghasim("run", SEED / "sync-test.yml").out


@pytest.mark.parametrize("lang, more", [("en", "and 17 more"), ("fr", "et 17 autres")])
def test_a_wide_fan_in_keeps_the_timeline_narrow(tmp_path, lang, more):
    """The arrow of a wave fed by many upstreams names three and counts the rest (each row
    still names its own upstream): the box is as wide as its widest line, so naming them all
    made every row as long as the fan-in (6 MB for one push through 200 chains)."""
    from synthetic import chain_copies

    widths = []
    for copies in (20, 40):
        scenario = tmp_path / f"s{copies}.yml"
        scenario.write_text(f"workflows: {chain_copies(copies, tmp_path / str(copies))}\n"
                            "events: [{push: {branch: main, files: [src/api/app.py]}}]\n")  # fmt: skip
        out = ghasim("report", scenario, "--lang", lang).out if lang == "fr" else \
            ghasim("run", scenario).out  # fmt: skip
        widths.append(max(len(line) for line in out.splitlines() if line.startswith("│")))
        arrow = next(line for line in out.splitlines() if "CI Pipeline 0, CI Pipeline 1" in line)
        assert f"CI Pipeline 10 {more.replace('17', str(copies - 3))}" in arrow
        assert "← CI Pipeline 39" in out or copies == 20
    assert widths[0] == widths[1]
