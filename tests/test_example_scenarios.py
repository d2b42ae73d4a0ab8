"""The bundled job-semantics scenarios tell the stories their comments promise."""

from conftest import ROOT

from simulator.engine.api import run_scenario

HERE = ROOT / "scenarios" / "job-semantics"


def story(name):
    result = run_scenario(HERE / f"{name}.yml").result
    runs = {r.name: r for r in result.runs}
    return runs, {r: {j.key: j for j in runs[r].jobs} for r in runs}


def test_continue_on_error():  # §8.7
    runs, jobs = story("continue-on-error")
    assert jobs["Tests"]["experimental"].conclusion == "failure"
    assert runs["Tests"].conclusion == "success"
    assert runs["Release"].conclusion == "success"


def test_timeout():  # §8.8, §9.3
    runs, jobs = story("timeout")
    integration = jobs["Tests"]["integration"]
    assert integration.conclusion == "cancelled"
    assert integration.completed_at - integration.started_at == 20 * 60
    assert runs["Tests"].conclusion == "cancelled"
    assert runs["Release"].conclusion == "skipped"


def test_fail_fast():  # §8.11
    runs, jobs = story("fail-fast")
    unit = {k: j.conclusion for k, j in jobs["Tests"].items() if k.startswith("unit")}
    assert sorted(unit.values()) == ["cancelled"] * 3 + ["failure"]
    assert jobs["Tests"]["integration"].conclusion == "skipped"


def test_reusable():  # §6.6
    runs, jobs = story("reusable")
    assert set(runs) == {"Tests", "Release"}  # Build image has no run of its own
    release = jobs["Release"]
    assert release["build/docker"].conclusion == release["build/scan"].conclusion == "success"
    assert release["deploy"].started_at == release["build"].completed_at
