"""One lookup decides what a workflow key names (issue A, item 2): `explain` and the engine
agree on which workflows an event starts, and a dispatch may name a workflow any way ghasim
shows it."""

import json

import pytest
from cli_helpers import ghasim
from conftest import make_scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus import CORPUS

from simulator.core.events import Dispatch, OtherEvent, PullRequest, Push, Schedule
from simulator.diff.standard import example_path
from simulator.engine.simulation import simulate
from simulator.rules.explain import explain
from simulator.scenario.model import Scenario, ScenarioEvent
from simulator.workflow.loader import load_folder

DEPLOY = """\
name: Deploy
on:
  workflow_dispatch:
    inputs:
      env: {type: choice, options: [staging, prod], default: staging}
jobs:
  go: {runs-on: ubuntu-latest, steps: [{run: echo}]}
"""


@pytest.mark.parametrize("key", ["Deploy", "deploy.yml", ".github/workflows/deploy.yml", "SHOWN"])
def test_a_dispatch_may_name_the_workflow_as_ghasim_shows_it(tmp_path, key):
    """The path ghasim prints used to pass validation and then start nothing."""
    shown = str(tmp_path / "workflows" / "deploy.yml")
    key = shown if key == "SHOWN" else key
    path = make_scenario(tmp_path, {"deploy.yml": DEPLOY},
                         f"events: [{{workflow_dispatch: {{workflow: '{key}'}}}}]\n")  # fmt: skip
    result = ghasim("run", path, "--format", "json")
    assert result.code == 0, result.err
    assert [r["workflow"] for r in json.loads(result.out)["runs"]] == ["Deploy"]
    explained = ghasim("explain", "--workflows", tmp_path / "workflows", "--event",
                       "workflow_dispatch", "--workflow", key, "--format", "json")  # fmt: skip
    assert [v["triggered"] for v in json.loads(explained.out)["verdicts"]] == [True]


FOLDERS = sorted(p for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
LOADED = {}


def loaded(folder):
    if folder not in LOADED:
        LOADED[folder] = load_folder(folder)
    return LOADED[folder]


def candidate_paths(workflows) -> list[str]:
    paths = {"README.md", "src/main.py", "data/raw.csv", "docs/index.md"}
    for wf in workflows.workflows:
        for trigger in wf.triggers.values():
            for key in ("paths", "paths-ignore"):
                flt = trigger.filter(key)
                for source in flt.sources if flt else ():
                    found = example_path(source)
                    if found:
                        paths.add(found)
    return sorted(paths)


@st.composite
def corpus_events(draw):
    folder = draw(st.sampled_from(FOLDERS))
    workflows = loaded(folder)
    names = [w.file_name for w in workflows.workflows] or ["none.yml"]
    files = tuple(draw(st.lists(st.sampled_from(candidate_paths(workflows)), max_size=3)))
    branch = draw(st.sampled_from(["main", "master", "develop", "release/1.0", "feature/x"]))
    event = draw(st.one_of(
        st.builds(Push, branch=st.just(branch), files=st.just(files),
                  message=st.sampled_from(["", "fix [skip ci]"])),
        st.builds(Push, tag=st.sampled_from(["v1.0.0", "nightly"]), files=st.just(files)),
        st.builds(PullRequest, action=st.sampled_from(["opened", "closed", "labeled"]),
                  base=st.just(branch), files=st.just(files),
                  target=st.booleans()),
        st.builds(Dispatch, workflow=st.sampled_from(names), ref=st.just(branch)),
        st.builds(Schedule, cron=st.none()),
        st.builds(OtherEvent, event=st.sampled_from(["issues", "release", "issue_comment"]),
                  action=st.sampled_from([None, "opened", "published", "created"])),
    ))  # fmt: skip
    return folder, workflows, event


@pytest.mark.skipif(not FOLDERS, reason="the shared corpus is absent")
@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(corpus_events())
def test_explain_and_the_engine_agree_on_what_starts(case):
    folder, workflows, event = case
    said = {v.file.rsplit("/", 1)[-1] for v in explain(workflows, event) if v.triggered}
    scenario = Scenario(name="agree", path=None, workflows=None, max_runs=500,
                        events=[ScenarioEvent(0.0, event, None)])  # fmt: skip
    result = simulate(scenario, workflows)
    started = {r.workflow.file_name for r in result.runs if r.caused_by is None}
    assert started == said, (folder.name, event)
