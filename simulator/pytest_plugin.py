"""pytest plugin: scenario files become test items (`pytest --ghasim scenarios/`).

Opt-in only, with `--ghasim` or the ini setting `ghasim = true`, so it never collects
unrelated YAML. A file is a scenario when it is a mapping with `events` or `expect` and no
`jobs` (workflow files are never collected). A failing scenario reports each failed
expectation with its position and the reason chain, and the timeline diff.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("ghasim")
    group.addoption("--ghasim", action="store_true", help="collect ghasim scenario files as tests")
    group.addoption(
        "--ghasim-update",
        action="store_true",
        help="write each scenario's timeline to <name>.timeline.txt instead of comparing",
    )
    parser.addini("ghasim", type="bool", default=False, help="collect ghasim scenario files")


def _enabled(config) -> bool:
    return bool(config.getoption("ghasim") or config.getini("ghasim"))


def pytest_collect_file(parent, file_path):
    if file_path.suffix not in (".yml", ".yaml") or not _enabled(parent.config):
        return None
    from simulator.testing.suite import is_scenario_file

    if is_scenario_file(file_path):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFailed(Exception):
    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


class ScenarioFile(pytest.File):
    def collect(self):
        yield ScenarioItem.from_parent(self, name=self.path.stem)


class ScenarioItem(pytest.Item):
    def runtest(self):
        from simulator.testing.suite import render_text, run_one

        result = run_one(self.path, update=self.config.getoption("ghasim_update"))
        if not result.ok:
            report = render_text([result]).rsplit("\n", 1)[0]  # without the summary line
            raise ScenarioFailed(report)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScenarioFailed):
            return excinfo.value.report
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, 0, f"ghasim scenario: {self.name}"
