"""A finished simulation is freed by reference counting, not left to the cyclic collector.

Monte Carlo drops a simulation every iteration. While each one was a reference cycle (simpy's
environment bound to itself, the effects hook, a nested function calling itself), about a
tenth of the time went to the collector and every iteration's objects waited in memory for
it. These tests count what the collector finds: nothing, for every bundled scenario that runs
to its end, and for the limits and queues those scenarios leave out.
"""

import gc
import json
import math
import textwrap

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from simulator.engine.montecarlo import run_iterations
from simulator.engine.simulation import simulate
from simulator.expressions.values import to_json
from simulator.scenario.prepare import default_copy, load_for_run

SCENARIOS = sorted(
    p
    for p in (ROOT / "scenarios").rglob("*.yml")
    if "workflows" not in p.parts and p.parent.name not in ("fork-pr", "default-branch")
)


def cyclic_garbage(action) -> list[str]:
    """The type names of the objects only the cyclic collector could free after `action`."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        action()
        gc.collect()
        return sorted(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def load(path):
    scenario, workflows = load_for_run(path, None)
    return scenario, workflows, default_copy(scenario)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT / "scenarios")))
def test_a_finished_simulation_leaves_no_cycle(path):
    scenario, workflows, default = load(path)
    if scenario.until is not None:
        # stopped clocks keep processes suspended on events: cycles by nature, freed by the
        # collector; Monte Carlo's iterations (the ones that repeat) mostly run to the end
        pytest.skip("stops the clock with runs still going")
    assert cyclic_garbage(lambda: simulate(scenario, workflows, default, 3)) == []


def test_limits_queues_and_cancellations_leave_no_cycle(tmp_path):
    """Runner capacity, max-parallel, job and run concurrency with cancel-in-progress, a
    timeout, fail-fast and effects: the paths the bundled stories do not all take."""
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "ci.yml").write_text(textwrap.dedent("""\
        name: CI
        on: push
        concurrency: {group: ci, cancel-in-progress: true}
        jobs:
          unit:
            runs-on: ubuntu-latest
            timeout-minutes: 3
            strategy: {max-parallel: 1, matrix: {n: [1, 2, 3]}}
            steps: [{run: x}]
          deploy:
            needs: unit
            if: ${{ always() && toJSON(needs) != '' }}
            runs-on: self-hosted
            concurrency: {group: "deploy-${{ github.ref }}"}
            steps: [{run: x}]
        """))  # fmt: skip
    (tmp_path / "s.yml").write_text(textwrap.dedent("""\
        workflows: workflows/
        runners: {ubuntu-latest: 1}
        max_parallel_jobs: 2
        durations: {CI: {unit: 1m..5m, deploy: 1m}}
        outcomes: {CI: {"unit (3)": {failure: 0.5}}}
        events:
          - push: {branch: main, files: [a.py]}
          - {at: 30s, push: {branch: main, files: [b.py]}}
          - {at: 40s, push: {branch: main, files: [c.py]}}
        """))  # fmt: skip
    scenario, workflows, default = load(tmp_path / "s.yml")
    result = simulate(scenario, workflows, default, 1)
    conclusions = {r.conclusion for r in result.runs}
    assert "cancelled" in conclusions and len(result.runs) == 3  # the queue was exercised
    assert cyclic_garbage(lambda: simulate(scenario, workflows, default, 1)) == []


def test_monte_carlo_iterations_leave_no_cycle():
    scenario, workflows, default = load(ROOT / "scenarios" / "mlops-sync" / "mlflow-fails.yml")
    assert cyclic_garbage(lambda: run_iterations(scenario, workflows, 20, default,
                                                 processes=1)) == []  # fmt: skip


def json_value():
    scalars = (st.none() | st.booleans() | st.integers(-(10**25), 10**25)
               | st.floats(allow_nan=True, allow_infinity=True) | st.text())  # fmt: skip
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)  # fmt: skip


def engine_numbers(v):
    """Integral numbers as the engine prints them (toJSON's one difference from json)."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return int(v) if math.isfinite(v) and float(v).is_integer() and abs(v) < 1e21 else v
    if isinstance(v, dict):
        return {k: engine_numbers(x) for k, x in v.items()}
    return [engine_numbers(x) for x in v]


@given(json_value())
def test_to_json_writes_what_json_writes(value):
    """toJSON() writes its own text (json's indenting writer is a cycle per call): the same
    text as `json.dumps(indent=2, ensure_ascii=False)`, character for character."""
    assert to_json(value) == json.dumps(engine_numbers(value), indent=2, ensure_ascii=False)


def test_to_json_leaves_no_cycle():
    assert cyclic_garbage(lambda: to_json({"a": [1, 2.5, {"b": None}], "c": "é"})) == []
