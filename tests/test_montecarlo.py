"""Monte Carlo that scales (issue P): running statistics, the same figures whatever the
number of processes or the executor, quantiles within 1%, a table and JSON."""

import json
import math
import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from cli_helpers import ghasim
from conftest import ROOT

from simulator.engine.montecarlo import Sketch, run_iterations
from simulator.scenario.prepare import load_for_run

SCENARIO = """\
name: MC
workflows: {workflows}
start: 2026-01-13T04:14:21Z
durations:
  CI Pipeline: {{lint: 20s..40s, test: 1m..2m, build-check: 22s}}
  MLflow Experiment Tracking: {{training: 8m..20m}}
outcomes:
  CI Pipeline: {{test: {{failure: 0.1}}}}
events:
  - push: {{branch: main, files: [src/api/app.py]}}
"""


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "mc.yml"
    path.write_text(SCENARIO.format(workflows=ROOT / "scenarios" / "mlops-sync" / "workflows"))
    return path


def test_one_process_two_processes_and_any_executor_give_the_same_figures(scenario):
    sc, workflows = load_for_run(scenario)
    one = run_iterations(sc, workflows, 600, processes=1)
    two = run_iterations(sc, workflows, 600, processes=2)
    with ThreadPoolExecutor(3) as pool:
        threads = run_iterations(sc, workflows, 600, executor=pool)
    for other in (two, threads):
        assert other.iterations == one.iterations == 600
        assert other.workflows == one.workflows


def test_statistics_are_running_not_kept(scenario):
    sc, workflows = load_for_run(scenario)
    mc = run_iterations(sc, workflows, 2_000, processes=1)
    ci = mc.workflows["CI Pipeline"]
    assert ci.started == 2_000
    assert 0.85 < ci.conclusions["success"] / 2_000 < 0.95  # §: failure chance 0.1
    # a histogram, not the values: buckets stay few whatever the iterations
    assert ci.lead.count == 2_000 and len(ci.lead.buckets) < 100


def test_quantiles_are_within_one_percent():
    rng = random.Random(7)
    values = [rng.uniform(30, 3_000) for _ in range(5_000)]
    sketch = Sketch()
    for v in values:
        sketch.add(v)
    ordered = sorted(values)
    for q in (0.5, 0.9, 0.95, 0.99):
        exact = ordered[math.ceil(q * len(ordered)) - 1]
        assert abs(sketch.quantile(q) - exact) / exact <= 0.01
    assert sketch.statistic("min") == ordered[0] and sketch.statistic("max") == ordered[-1]


def test_the_command_prints_a_table_and_json(scenario):
    text = ghasim("run", scenario, "--iterations", "300", "--processes", "1").out
    assert text.startswith("MC: 300 iterations (seeds 0..299)")
    [row] = [line for line in text.splitlines() if line.startswith("CI Pipeline")]
    assert "100.0%" in row
    data = json.loads(ghasim("run", scenario, "--iterations", "300", "--format", "json").out)
    assert data["schema"] == "ghasim/montecarlo/1" and data["iterations"] == 300
    ci = data["workflows"]["CI Pipeline"]
    assert ci["p_started"] == 1.0 and 0.8 < ci["p_success"] < 1.0
    assert ci["lead_seconds"]["p50"] < ci["lead_seconds"]["p95"]


def test_iterations_are_bounded(scenario):
    result = ghasim("run", scenario, "--iterations", "100001")
    assert result.code == 2 and "100001" in result.err


def _counting_rules(monkeypatch) -> list[int]:
    import simulator.engine.decisions as decisions_module

    calls: list[int] = []
    real = decisions_module.decide
    monkeypatch.setattr(decisions_module, "decide",
                        lambda wf, event, settings: calls.append(1) or real(wf, event, settings))  # fmt: skip
    return calls


def test_a_batch_decides_each_workflow_and_event_once_with_the_same_answers(scenario, monkeypatch):
    """Trigger rules are pure (workflow, event, settings) -> decision, so the iterations of a
    batch share them; the figures are those of iterations that each decide afresh."""
    from simulator.engine.montecarlo import MonteCarlo, simulate_chunk
    from simulator.engine.simulation import simulate

    sc, workflows = load_for_run(scenario)
    afresh = MonteCarlo(seed=sc.seed)
    for i in range(1, 121):
        afresh.add(simulate(sc, workflows, seed=sc.seed + i), [e.at for e in sc.events])
    calls = _counting_rules(monkeypatch)
    batch = simulate_chunk(sc, workflows, None, 1, 121)
    assert batch.workflows == afresh.workflows
    in_batch = len(calls)
    calls.clear()
    simulate_chunk(sc, workflows, None, 1, 2)
    # 120 iterations of one chain make hardly more decisions than one iteration: the new pairs
    # come only from chains that differ (a failed test changes what follows)
    assert 0 < len(calls) <= in_batch < 5 * len(calls)


def test_an_event_that_cannot_be_hashed_is_decided_every_time(monkeypatch):
    from simulator.core.events import OtherEvent
    from simulator.engine.decisions import Decisions
    from simulator.settings import DEFAULT
    from simulator.workflow.parse import parse_workflow

    wf = parse_workflow("on: [watch]\njobs: {a: {runs-on: x, steps: [{run: x}]}}\n", "w.yml",
                        ".github/workflows/w.yml")  # fmt: skip
    memo, calls = Decisions(DEFAULT), _counting_rules(monkeypatch)
    event = OtherEvent("watch", payload={"sender": {"login": "octocat"}})  # a dict: no hash
    assert memo.decide(wf, event).fires and memo.decide(wf, event).fires
    assert len(calls) == 2


def test_progress_is_told_each_chunk_and_none_means_nobody_watches(scenario):
    sc, workflows = load_for_run(scenario)
    told = []
    run_iterations(sc, workflows, 600, processes=1, progress=lambda d, t: told.append((d, t)))
    assert told[0] == (1, 600) and told[-1] == (600, 600)
    assert run_iterations(sc, workflows, 10, processes=1, progress=None).iterations == 10


def test_a_batch_works_out_the_leg_settings_of_a_plain_job_once(scenario, monkeypatch):
    """timeout-minutes, runs-on and continue-on-error written as plain values are the same in
    every iteration (§8.7, §8.8, §12.2): a batch reads them once per job, not once per leg."""
    import simulator.engine.job_plan as job_plan
    from simulator.engine.montecarlo import simulate_chunk

    sc, workflows = load_for_run(scenario)
    calls = []
    real = job_plan.leg_settings
    monkeypatch.setattr(job_plan, "leg_settings", lambda job, value: calls.append(id(job)) or
                        real(job, value))  # fmt: skip
    batch = simulate_chunk(sc, workflows, None, 1, 81)
    assert batch.iterations == 80 and batch.workflows["CI Pipeline"].started == 80
    assert len(calls) == len(set(calls)) >= 5  # each job once, though 80 iterations ran it
