"""Property (issue S, item 3): scenario files built from the documented keys, with wrong types
and extreme values, end in a positioned error or a simulation, never in an internal error.

10,000 generated files go through what `ghasim run` does (parse, check names, simulate,
render); a sample of them goes through the command itself to see its exit codes.
"""

import math

import yaml
from call_count import count_calls
from cli_helpers import ghasim
from conftest import SEED_WORKFLOWS, simulate_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.diagnostics import GhasimError
from simulator.engine.simulation import simulate
from simulator.report.render import render_run
from simulator.scenario.loader import TOP_KEYS, parse_scenario
from simulator.scenario.validate import validate_names
from simulator.workflow.loader import load_folder

WORKFLOWS = load_folder(SEED_WORKFLOWS)
NAMES = ["CI Pipeline", "DVC Pipeline", "ci.yml", "Nope", "MLflow Experiment Tracking"]
EXTREMES = st.sampled_from([
    None, True, False, 0, -1, 1, 7, 10**400, -(10**400), 0.5, -0.0, 1e308, math.nan, math.inf,
    -math.inf, "", "x", "0s", "90s", "1m30s", "2h", "36d", "99999h", "-5s", "1s..2s", "5s..1s",
    "25:00:00", "04:16:18", "2026-01-13T04:14:21Z", "9999-12-31T23:59:59Z", "1969-01-01",
    "success", "failure", "failed", "pat", "github_token", "main", "feature/x", "\x1b[31m",
    "\u0085", "a" * 300, [], {}, [1, "a"], ["a", "b"], {"a": 1}, {"failure": 0.5},
    {"failure": 2}, {"lint": "1m"}, {"*": "30s"},
])  # fmt: skip
VALUES = EXTREMES  # flat draws keep 10,000 examples within CI's minute
EVENT_FIELDS = ["branch", "tag", "files", "message", "token", "commits", "deleted", "sha",
                "action", "base", "head", "merge_conflict", "number", "merged", "workflow",
                "ref", "inputs", "type", "payload", "cron", "name", "bogus"]  # fmt: skip
EVENT = st.fixed_dictionaries(
    {"kind": st.sampled_from(["push", "pull_request", "pull_request_target", "workflow_dispatch",
                              "repository_dispatch", "schedule", "event", "bogus"]),
     "fields": st.dictionaries(st.sampled_from(EVENT_FIELDS), VALUES, max_size=4),
     "at": st.one_of(st.none(), EXTREMES)}
)  # fmt: skip
TABLE = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=2)
SCENARIO = st.fixed_dictionaries(
    {},
    optional={
        **{key: VALUES for key in TOP_KEYS if key not in ("events", "workflows", "expect")},
        "durations": TABLE, "outcomes": TABLE, "outputs": TABLE, "labels": TABLE,
        "settings": st.dictionaries(st.sampled_from(
            ["queue_delay", "matrix_result_precedence", "invalid_workflow", "ref_case_sensitive",
             "nope"]), VALUES, max_size=2),
        "events": st.lists(EVENT, max_size=3),
    },
)  # fmt: skip


def scenario_text(doc: dict) -> str:
    events = doc.pop("events", None)
    body = {"workflows": "unused", **doc}
    if events is not None:
        body["events"] = [
            {e["kind"]: e["fields"], **({"at": e["at"]} if e["at"] is not None else {})}
            for e in events
        ]
    return yaml.dump(body, Dumper=yaml.CSafeDumper, allow_unicode=True, width=10_000)


def outcome(text: str) -> str:
    """What `ghasim run` does with the text: 'ok', or 'error' with a position."""
    try:
        scenario = parse_scenario(text, "generated.yml")
        validate_names(scenario, WORKFLOWS)
        result = simulate(scenario, WORKFLOWS)
        render_run(result, "text", why=True)
    except GhasimError as exc:
        assert exc.pos is not None and exc.pos.line > 0, str(exc)
        return "error"
    return "ok"


@settings(max_examples=10_000, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(SCENARIO)
def test_generated_scenarios_never_end_in_an_internal_error(doc):
    text = scenario_text(doc)
    _, calls = count_calls(lambda: outcome(text))  # any other exception fails: an exit 70
    assert calls < 50_000  # bounded work for any one file, counted (the most seen: 3,126)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(SCENARIO)
def test_the_command_exits_0_or_2_with_a_position(tmp_path_factory, doc):
    folder = tmp_path_factory.mktemp("s")
    path = folder / "s.yml"
    path.write_text(scenario_text(doc), encoding="utf-8")
    result = ghasim("run", path, "--workflows", SEED_WORKFLOWS)
    assert result.code in (0, 2), result.err
    if result.code == 2:
        assert result.err.startswith(f"{path}:"), result.err


# A `payload:` may put anything where ghasim builds an object it reads back (the run's ref,
# its actor, the pull requests a workflow_run lists): every event that takes a payload, with
# values of every shape at those names, simulates and renders without an internal error.
PAYLOAD_WORKFLOWS = {
    "all.yml": """\
        name: All
        on: [release, merge_group, issues, issue_comment, pull_request_review,
             pull_request_review_comment, repository_dispatch, watch]
        concurrency: {group: "g-${{ github.ref }}-${{ github.head_ref }}-${{ github.actor }}"}
        jobs:
          a:
            if: github.actor != 'x' && toJSON(github) != '' && github.event.number != 0
            runs-on: ${{ github.event.sender.login == 'x' && 'a' || 'b' }}
            steps: [{run: x}]
        """,
    "down.yml": """\
        name: Down
        on: {workflow_run: {workflows: [All], types: [requested, completed]}}
        jobs:
          d:
            if: github.event.workflow_run.pull_requests[0].number > 0
            runs-on: ubuntu-latest
            steps: [{run: x}]
        """,
}  # fmt: skip
PAYLOAD_NAMES = ["release", "merge_group", "sender", "pull_request", "issue", "comment",
                 "repository", "ref", "ref_type", "action", "number", "inputs", "head", "base",
                 "repo", "full_name", "fork", "tag_name", "login", "head_ref"]  # fmt: skip
PAYLOAD_VALUE = st.recursive(
    st.sampled_from([None, True, 0, -1, 10**6, 1.5, "", "x", "refs/heads/x"]),
    lambda inner: st.lists(inner, max_size=2)
    | st.dictionaries(st.sampled_from(PAYLOAD_NAMES), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip
PAYLOAD_EVENTS = [
    "release: {tag: v1}", "event: {name: release, action: published}",
    "event: {name: merge_group, action: checks_requested}", "event: {name: issues}",
    "event: {name: issue_comment, action: created}", "event: {name: watch}",
    "pull_request_review: {head: f}", "pull_request_review_comment: {head: f}",
    "repository_dispatch: {type: t}",
]  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(
    st.sampled_from(PAYLOAD_EVENTS),
    st.dictionaries(st.sampled_from(PAYLOAD_NAMES), PAYLOAD_VALUE, min_size=1, max_size=4),
)
def test_any_payload_simulates_without_an_internal_error(tmp_path_factory, event, payload):
    folder = tmp_path_factory.mktemp("p")
    event_doc = yaml.safe_load(event)
    kind, fields = next(iter(event_doc.items()))
    fields["payload"] = payload
    scenario = yaml.dump({"events": [{kind: fields}]}, Dumper=yaml.CSafeDumper)
    try:
        result = simulate_text(folder, PAYLOAD_WORKFLOWS, scenario)
    except GhasimError as exc:  # a value the scenario loader refuses: said with a position
        assert exc.pos is not None, str(exc)
        return
    assert [r.name for r in result.runs][:1] == ["All"]
    render_run(result, "text", why=True)
