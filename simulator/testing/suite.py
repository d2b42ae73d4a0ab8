"""`ghasim test`: run scenario files as regression tests (expectations + golden timelines)."""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from simulator.core.diagnostics import GhasimError
from simulator.core.escape import json_document
from simulator.core.yaml_loader import YMap, load_yaml_file
from simulator.engine.montecarlo import run_iterations
from simulator.report.timeline import render_timeline
from simulator.scenario.prepare import load_for_run
from simulator.testing.expectations import Failure, evaluate, parse_expect
from simulator.workflow.model import WorkflowSet

SCENARIO_KEYS = ("events", "expect")


@dataclass
class ScenarioResult:
    path: Path
    name: str = ""
    checks: int = 0
    iterations: int = 1
    failures: list[Failure] = field(default_factory=list)
    golden_diff: str | None = None
    golden_written: bool = False
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and self.golden_diff is None and self.error is None

    def to_json(self) -> dict:
        return {
            "file": str(self.path),
            "name": self.name,
            "ok": self.ok,
            "checks": self.checks,
            "iterations": self.iterations,
            "error": self.error,
            "failures": [
                {
                    "expectation": f.check.describe(),
                    "actual": f.actual,
                    "why": f.why,
                    "position": str(f.check.pos),
                }  # fmt: skip
                for f in self.failures
            ],
            "timeline_diff": self.golden_diff,
        }


def is_scenario_file(path: Path) -> bool:
    """A YAML mapping with `events` or `expect` and no `jobs` (so workflow files never count)."""
    if path.suffix not in (".yml", ".yaml"):
        return False
    try:
        doc = load_yaml_file(path)
    except GhasimError:
        return False
    return isinstance(doc, YMap) and "jobs" not in doc and any(k in doc for k in SCENARIO_KEYS)


def discover(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.y*ml")) if is_scenario_file(p))
        else:
            raise GhasimError(f"no such file or folder: {path}")
    return found


def golden_path(scenario: Path) -> Path:
    return scenario.with_name(scenario.stem + ".timeline.txt")


def run_one(
    path: Path,
    *,
    update: bool = False,
    workflows_dir: Path | None = None,
    default_workflows: WorkflowSet | None = None,
) -> ScenarioResult:
    started = time.perf_counter()
    outcome = ScenarioResult(path)
    try:
        scenario, workflows = load_for_run(path, workflows_dir)
        outcome.name = scenario.name
        checks = parse_expect(scenario, workflows)
        outcome.checks = len(checks)
        outcome.iterations = scenario.iterations
        runs = run_iterations(scenario, workflows, scenario.iterations, default_workflows)
        outcome.failures = evaluate(checks, runs, scenario, workflows)
        assert runs.first is not None
        timeline = render_timeline(runs.first, jobs=True) + "\n"
        golden = golden_path(path)
        if update:
            if not golden.exists() or golden.read_text(encoding="utf-8") != timeline:
                golden.write_text(timeline, encoding="utf-8")
                outcome.golden_written = True
        elif golden.exists():
            expected = golden.read_text(encoding="utf-8")
            if expected != timeline:
                outcome.golden_diff = "".join(
                    difflib.unified_diff(
                        expected.splitlines(keepends=True),
                        timeline.splitlines(keepends=True),
                        fromfile=str(golden),
                        tofile="simulated now",
                    )
                )
    except GhasimError as exc:
        outcome.error = str(exc)
    outcome.seconds = time.perf_counter() - started
    return outcome


def render_text(results: list[ScenarioResult]) -> str:
    lines = []
    for r in results:
        mark = "✓" if r.ok else "✗"
        detail = f"{r.checks} check{'s' if r.checks != 1 else ''}"
        if r.iterations > 1:
            detail += f", {r.iterations} iterations"
        if r.golden_written:
            detail += ", timeline written"
        lines.append(f"{mark} {r.path}  {r.name}  ({detail})")
        if r.error:
            lines.append(f"    error: {r.error}")
        for failure in r.failures:
            lines.append(f"    {failure.check.pos}: expected {failure}")
        if r.golden_diff:
            lines.append("    the timeline changed:")
            lines.extend("      " + line for line in r.golden_diff.rstrip("\n").split("\n"))
    failed = sum(not r.ok for r in results)
    total = len(results)
    lines.append(f"{total} scenario{'s' if total != 1 else ''}, "
                 + (f"{failed} failed" if failed else "all passed"))  # fmt: skip
    return "\n".join(lines)


def render_json(results: list[ScenarioResult]) -> str:
    return json_document([r.to_json() for r in results])


def render_junit(results: list[ScenarioResult]) -> str:
    suite = ET.Element("testsuite", name="ghasim", tests=str(len(results)),
                       failures=str(sum(bool(r.failures or r.golden_diff) for r in results)),
                       errors=str(sum(bool(r.error) for r in results)),
                       time=f"{sum(r.seconds for r in results):.3f}")  # fmt: skip
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=str(r.path.parent),
                             name=r.name or r.path.name, file=str(r.path),
                             time=f"{r.seconds:.3f}")  # fmt: skip
        if r.error:
            ET.SubElement(case, "error", message=r.error).text = r.error
        for failure in r.failures:
            message = f"expected {failure}"
            ET.SubElement(case, "failure", message=message).text = f"{failure.check.pos}: {message}"
        if r.golden_diff:
            ET.SubElement(case, "failure", message="the timeline changed").text = r.golden_diff
    ET.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode")
