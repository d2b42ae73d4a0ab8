"""Documentation examples are run: what the docs show is what ghasim does.

Every page goes through one mechanism (tests/doc_examples.py): its `sh` blocks run in a
sandbox, and a `text` block right after one is compared with the output.
"""

import re

import pytest
from conftest import ROOT
from doc_examples import check_page, read_page, runnable

from simulator.scenario.loader import parse_scenario


def blocks(path, lang):
    text = (ROOT / path).read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


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


PAGES = sorted([*(ROOT / "docs").glob("*.md"), ROOT / "README.md",
                ROOT / "scenarios" / "pitfalls" / "README.md"])  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_shown_output_is_what_ghasim_prints(page, tmp_path):
    problems = check_page(page, tmp_path)
    assert not problems, "\n\n".join(problems)


def test_the_tutorial_runs_every_command_and_checks_their_outputs():
    page = read_page(ROOT / "docs" / "tutorial.md")
    shell = [b for b in page.blocks if b.lang == "sh"]
    checked = [b for b in shell if b.expected is not None]
    assert len(checked) >= 8
    assert all(runnable(b) for b in shell[1:])  # all but the install block


def test_the_readme_timeline_is_the_first_command_s_output():
    from cli_helpers import ghasim

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"```text\n(.*?)\n```", readme, flags=re.S)[0]
    assert ghasim("run", ROOT / "scenarios/mlops-sync/sync-test.yml").out.rstrip("\n") == shown


def test_cli_md_shows_every_command_s_help():
    from simulator.cli import COMMANDS

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for module in COMMANDS:
        name = "test" if module == "testing" else module
        assert f"## ghasim {name}\n\n```sh\nghasim {name} --help\n```\n\n```text\n" in page, name


def test_the_teaching_pages_exist_and_link_each_other():
    for page in ("tutorial.md", "concepts.md", "faq.md", "cli.md"):
        assert (ROOT / "docs" / page).exists()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("docs/tutorial.md", "docs/concepts.md", "docs/faq.md", "docs/cli.md",
                 "scenarios/pitfalls/"):  # fmt: skip
        assert page in readme, page
