"""Documentation examples are run: what the docs show is what ghasim does."""

import re

from conftest import ROOT

from simulator.engine.simulation import simulate
from simulator.report.timeline import render_timeline
from simulator.scenario.loader import parse_scenario
from simulator.scenario.validate import validate_names
from simulator.workflow.loader import load_folder


def blocks(path, lang):
    text = (ROOT / path).read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_scenarios_md_example_prints_what_the_doc_shows():
    example = blocks("docs/scenarios.md", "yaml")[0]
    expected = blocks("docs/scenarios.md", "text")[0]
    scenario = parse_scenario(example, "docs/scenarios.md", base_dir=ROOT)
    workflows = load_folder(scenario.workflows)
    validate_names(scenario, workflows)
    assert render_timeline(simulate(scenario, workflows)) + "\n" == expected


def test_scenarios_md_key_snippets_parse():
    snippet = blocks("docs/scenarios.md", "yaml")[1]
    scenario = parse_scenario(snippet, "snippet.yml")
    tables = {t.key: t for t in scenario.durations.tables}
    assert tables["CD - Deploy API"].default.low == 120
    outcomes = {t.key: t for t in scenario.outcomes.tables}
    jobs = {key.text: value for key, value in outcomes["Tests"].jobs}
    assert jobs["flaky"].chances == (("failure", 0.2),)


def test_readme_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    assert len(commands) >= 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()  # the README's test command, verbatim
    assert "ghasim run scenarios/" in commands[0]
