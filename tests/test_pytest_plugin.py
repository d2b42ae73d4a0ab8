"""The pytest plugin: opt-in, one item per scenario file, readable failures."""

import textwrap

pytest_plugins = ["pytester"]

WORKFLOW = "name: CI\non: push\njobs: {lint: {runs-on: x}}\n"
GOOD = "workflows: wf/\nevents:\n  - push: {files: [a]}\nexpect:\n  CI: {runs: 1}\n"
BAD = "workflows: wf/\nevents:\n  - push: {files: [a]}\nexpect:\n  CI: {runs: 2}\n"


def setup(pytester):
    pytester.mkdir("wf")
    (pytester.path / "wf" / "ci.yml").write_text(WORKFLOW)
    (pytester.path / "good.yml").write_text(GOOD)
    (pytester.path / "bad.yml").write_text(BAD)
    (pytester.path / "other.yml").write_text("just: data\n")


def test_scenarios_are_collected_only_when_asked(pytester):
    setup(pytester)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes()  # nothing collected without --ghasim
    result = pytester.runpytest("--ghasim", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)  # workflow and other YAML files are not items


def test_a_failure_reports_the_expectation_and_why(pytester):
    setup(pytester)
    result = pytester.runpytest("--ghasim", "bad.yml")
    result.stdout.fnmatch_lines(["*bad.yml:5:8: expected CI: runs 2: got 1 run*"])


def test_ini_setting_enables_it(pytester):
    setup(pytester)
    pytester.makeini(
        textwrap.dedent("""
        [pytest]
        ghasim = true
    """)
    )
    pytester.runpytest("good.yml").assert_outcomes(passed=1)
