"""`ghasim test`: run scenario files as regression tests (expectations + golden timelines)."""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path
from xml.etree import ElementTree as ET

from msgspec import Struct, field

from simulator.core.diagnostics import GhasimError
from simulator.core.escape import schema_document
from simulator.core.files import write_atomically
from simulator.core.yaml_loader import YMap, load_yaml_file
from simulator.engine.montecarlo import run_iterations
from simulator.report.timeline import render_timeline
from simulator.scenario.prepare import default_copy, load_for_run
from simulator.testing.expectations import Failure, evaluate, parse_expect
from simulator.workflow.model import WorkflowSet

SCENARIO_KEYS = ("events", "expect")


class ScenarioResult(Struct):
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
                    "position": f.check.pos.to_json(),
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
        default_workflows = default_workflows or default_copy(scenario)
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
                write_atomically(golden, timeline)
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
    failed = sum(not r.ok for r in results)
    return schema_document("test", {"scenarios": len(results), "failed": failed,
                                    "results": [r.to_json() for r in results]})  # fmt: skip


def classname(path: Path) -> str:
    """A JUnit classname: the scenario's folder as a dotted name (`scenarios.pitfalls.x`), as
    JUnit readers group test cases by package."""
    parts = [p for p in path.with_suffix("").parts if p not in ("", ".", "/")]
    return ".".join(p.replace(".", "_") for p in parts[:-1]) or "scenarios"


def render_junit(results: list[ScenarioResult]) -> str:
    """One test case per scenario, with at most one <failure> (most readers keep only the
    first): every failed expectation in its message and text, the golden-timeline diff in
    <system-out>."""
    suite = ET.Element("testsuite", name="ghasim", tests=str(len(results)),
                       failures=str(sum(bool(r.failures or r.golden_diff) for r in results)),
                       errors=str(sum(bool(r.error) for r in results)),
                       time=f"{sum(r.seconds for r in results):.3f}")  # fmt: skip
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=classname(r.path),
                             name=r.name or r.path.name, file=str(r.path),
                             time=f"{r.seconds:.3f}")  # fmt: skip
        if r.error:
            ET.SubElement(case, "error", message=_xml(r.error)).text = _xml(r.error)
            continue
        problems = [f"{f.check.pos}: expected {f}" for f in r.failures]
        if r.golden_diff:
            problems.append("the timeline changed (the diff is in system-out)")
        if problems:
            message = "; ".join(p.split(": ", 1)[-1] for p in problems)
            failure = ET.SubElement(case, "failure", message=_xml(message),
                                    type="ghasim.expectation")  # fmt: skip
            failure.text = _xml("\n".join(problems))
        if r.golden_diff:
            ET.SubElement(case, "system-out").text = _xml(r.golden_diff)
    ET.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode")


def _xml(text: str) -> str:
    """Text XML can hold: a name from a repository may carry characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
