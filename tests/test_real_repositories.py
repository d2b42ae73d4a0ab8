"""Real repositories give GitHub's answers (issue H). Each test names the documentation it
is written from: the fact sheet's number, GitHub's docs (github/docs), or the webhook
reference."""

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from cli_helpers import ghasim
from conftest import make_scenario, simulate_text
from gitrepo import Repo

from simulator.core.cron import fire_times

J = "jobs: {a: {runs-on: ubuntu-latest, steps: [{run: x}]}}\n"
GATED = """\
name: Publish
on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    if: github.repository == 'octo/app'
    steps: [{run: ./publish.sh}]
  owner:
    runs-on: ubuntu-latest
    if: github.repository_owner == 'octo' && github.event.repository.full_name == 'octo/app'
    steps: [{run: echo}]
"""


def jobs_of(result, name):
    return {j.key: j.conclusion for r in result.runs_of(name) for j in r.jobs}


# 1. Repository identity: contexts docs (github.repository, github.repository_owner) and the
#    webhook `repository` object.
def test_repository_set_runs_the_repository_gated_jobs(tmp_path):
    result = simulate_text(tmp_path, {"p.yml": GATED},
                           "repository: octo/app\nevents: [{push: {branch: main}}]\n")  # fmt: skip
    assert jobs_of(result, "Publish") == {"publish": "success", "owner": "success"}


def test_without_repository_why_says_which_jobs_the_name_skipped(tmp_path):
    path = make_scenario(tmp_path, {"p.yml": GATED}, "events: [{push: {branch: main}}]\n")
    out = ghasim("run", path, "--why").out
    assert "the repository is assumed to be example/repo" in out
    assert "Publish/publish" in out and "Publish/owner" in out


def test_the_git_remote_names_the_repository(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.git("remote", "add", "origin", "git@github.com:octo/app.git")
    repo.write(".github/workflows/p.yml", GATED)
    repo.write("s.yml", "workflows: .github/workflows\nevents: [{push: {branch: main}}]\n")
    data = json.loads(ghasim("run", repo.path / "s.yml", "--format", "json").out)
    assert {j["id"]: j["conclusion"] for j in data["runs"][0]["jobs"]} == {
        "publish": "success", "owner": "success"}  # fmt: skip


@pytest.mark.parametrize("event", ["push: {branch: release}", "pull_request: {base: release}",
                                   "event: {name: issues, action: opened}"])  # fmt: skip
def test_default_branch_is_the_repositorys_everywhere(tmp_path, event):
    """Webhook `repository.default_branch`: missing for non-push events, `main` for pushes."""
    wf = ("name: W\non: [push, pull_request, issues]\njobs:\n  a:\n    runs-on: x\n"
          "    if: github.event.repository.default_branch == 'trunk'\n"
          "    steps: [{run: x}]\n")  # fmt: skip
    result = simulate_text(tmp_path, {"w.yml": wf},
                           f"default_branch: trunk\nevents: [{{{event}}}]\n")  # fmt: skip
    assert set(jobs_of(result, "W").values()) == {"success"}


# 2. One pull request activity reaches both PR events (§4.12, EV pull_request_target).
BOTH = {
    "pr.yml": "name: PR Build\non: pull_request\n" + J,
    "target.yml": "name: Labeler\non: pull_request_target\n" + J,
}


def test_a_pull_request_reaches_pull_request_and_pull_request_target(tmp_path):
    result = simulate_text(tmp_path, BOTH, "events: [{pull_request: {head: feature/x}}]\n")
    events = {r.name: r.event for r in result.runs}
    assert events == {"PR Build": "pull_request", "Labeler": "pull_request_target"}
    labeler = result.runs_of("Labeler")[0]
    assert labeler.payload["pull_request"]["head"]["ref"] == "feature/x"


def test_explain_pull_request_reports_both_kinds(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    for name, text in BOTH.items():
        (folder / name).write_text(text)
    out = ghasim("explain", "--workflows", folder, "--event", "pull_request").out
    assert "2 of 2 workflows start" in out and "no 'pull_request' trigger" not in out


def test_one_of_the_two_can_still_be_sent_alone(tmp_path):
    result = simulate_text(tmp_path, BOTH, "events: [{pull_request: {to: pull_request}}]\n")
    assert [r.name for r in result.runs] == ["PR Build"]


# 3 and 4. workflow_run payload (webhook workflow_run object, §5.10): pull_requests lists
#    the pull request, except when its head is in a fork.
LISTENER = """\
name: Report
on:
  workflow_run: {workflows: [PR Build], types: [completed]}
concurrency: report-${{ github.event.workflow_run.pull_requests[0].number }}
jobs:
  a:
    runs-on: x
    if: github.event.workflow_run.head_repository.full_name == github.repository
    steps: [{run: x}]
"""


def test_workflow_run_pull_requests_and_head_repository(tmp_path):
    files = {"pr.yml": BOTH["pr.yml"], "report.yml": LISTENER}
    result = simulate_text(tmp_path, files, "repository: octo/app\nevents:\n"
                           "  - pull_request: {number: 7, to: pull_request}\n"
                           "  - pull_request: {number: 8, to: pull_request, fork: true, "
                           "head_repo: eve/app}\n")  # fmt: skip
    own, fork = result.runs_of("Report")
    assert own.payload["workflow_run"]["pull_requests"][0]["number"] == 7
    assert own.concurrency_group == "report-7"
    assert fork.payload["workflow_run"]["pull_requests"] == []
    assert fork.payload["workflow_run"]["head_repository"]["full_name"] == "eve/app"
    assert jobs_of(result, "Report") == {"a": "skipped"} or {j.conclusion for j in fork.jobs} == {
        "skipped"}  # fmt: skip
    assert {j.conclusion for j in own.jobs} == {"success"}


# 5. A first-time contributor's fork PR: the run completes with action_required (§4.8).
def test_first_time_contributor_runs_complete_with_action_required(tmp_path):
    files = {**BOTH, "after.yml": "name: After\non:\n  workflow_run: {workflows: [PR Build], "
             "types: [completed]}\njobs:\n  a:\n    runs-on: x\n    if: "
             "github.event.workflow_run.conclusion == 'action_required'\n    steps: [{run: x}]\n"}  # fmt: skip
    result = simulate_text(tmp_path, files,
                           "events: [{pull_request: {fork: true, first_time_contributor: true}}]\n")  # fmt: skip
    [pr] = result.runs_of("PR Build")
    assert (pr.status, pr.conclusion, pr.jobs) == ("completed", "action_required", [])
    assert result.runs_of("Labeler")[0].conclusion == "success"  # pull_request_target runs
    assert jobs_of(result, "After") == {"a": "success"}  # listeners see action_required


def test_a_forks_pull_request_run_has_no_secrets(tmp_path):  # §4.8
    caller = ("name: W\non: [pull_request, pull_request_target]\njobs:\n  call:\n"
              "    uses: ./.github/workflows/called.yml\n"
              "    with: {key: '${{ secrets.DEPLOY_KEY }}'}\n")  # fmt: skip
    called = ("on:\n  workflow_call:\n    inputs: {key: {type: string}}\njobs:\n  deploy:\n"
              "    runs-on: x\n    if: inputs.key != ''\n    steps: [{run: x}]\n")  # fmt: skip
    result = simulate_text(tmp_path, {"w.yml": caller, "called.yml": called},
                           "secrets: {DEPLOY_KEY: k}\nevents: [{pull_request: {fork: true}}]\n")  # fmt: skip
    by_event = {r.event: r for r in result.runs}
    assert by_event["pull_request"].secrets_withheld
    assert jobs_of_run(by_event["pull_request"]) == {"call": "skipped", "call/deploy": "skipped"}
    assert jobs_of_run(by_event["pull_request_target"])["call/deploy"] == "success"


def jobs_of_run(run):
    return {j.key: j.conclusion for j in run.jobs}


# 6. pull_request_review runs on the PR's head branch and merge ref (EV pull_request_review).
def test_review_runs_on_the_pull_requests_head_and_merge_ref(tmp_path):
    wf = ("name: Review\non: pull_request_review\njobs:\n  a:\n    runs-on: x\n"
          "    if: github.ref == 'refs/pull/5/merge' && github.head_ref == 'feature/x'\n"
          "    steps: [{run: x}]\n")  # fmt: skip
    result = simulate_text(tmp_path, {"r.yml": wf},
                           "events: [{pull_request_review: {number: 5, head: feature/x}}]\n")  # fmt: skip
    [run] = result.runs_of("Review")
    assert run.head_branch == "feature/x" and run.jobs[0].conclusion == "success"


# 7. Jobs of a called workflow: `caller / called`, matrix legs included (RWR, the UI).
def test_reusable_jobs_are_named_caller_slash_called(tmp_path):
    called = ("on:\n  workflow_call:\njobs:\n  compile:\n    name: Compile and Check Java\n"
              "    runs-on: x\n    steps: [{run: x}]\n  unit:\n    name: JUnit tests Java ${{ "
              "matrix.java }}\n    runs-on: x\n    strategy: {matrix: {java: [21, 23]}}\n"
              "    steps: [{run: x}]\n")  # fmt: skip
    caller = "name: CI\non: push\njobs:\n  build:\n    uses: ./.github/workflows/called.yml\n"
    result = simulate_text(tmp_path, {"called.yml": called, "ci.yml": caller},
                           "events: [{push: {}}]\n")  # fmt: skip
    names = [j.name for j in result.runs_of("CI")[0].jobs]
    assert names == ["build", "build / Compile and Check Java", "build / JUnit tests Java 21",
                     "build / JUnit tests Java 23"]  # fmt: skip


def test_the_failure_mark_names_the_failed_job_by_its_id(tmp_path):
    wf = "name: CI\non: push\njobs:\n  lint:\n    name: Lint the code\n    runs-on: x\n"
    path = make_scenario(tmp_path, {"ci.yml": wf},
                         "outcomes: {CI: {lint: failure}}\nevents: [{push: {}}]\n")  # fmt: skip
    out = ghasim("run", path, "--jobs").out
    assert "✗ failure (lint)" in out and "└ Lint the code" in out


# 8. graph: siblings stay siblings at level 2.
def test_graph_keeps_siblings_at_level_two(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "a.yml").write_text("name: A\non: push\n" + J)
    for name, up in (("B", "A"), ("C", "B"), ("D", "B")):
        (folder / f"{name}.yml").write_text(
            f"name: {name}\non:\n  workflow_run: {{workflows: [{up}], types: [completed]}}\n{J}"
        )
    out = ghasim("graph", "--workflows", folder).out
    assert "├▶ C" in out and "└▶ D" in out


# explain: a listener that fires but whose jobs all require success (§5.5).
def test_explain_says_when_the_conclusion_skips_every_job(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "d.yml").write_text(
        "name: Deploy\non:\n  workflow_run: {workflows: [CI], types: [completed]}\njobs:\n"
        "  a:\n    runs-on: x\n    if: github.event.workflow_run.conclusion == 'success'\n"
    )
    failed = ghasim("explain", "--workflows", folder, "--event", "workflow_run", "--upstream",
                    "CI", "--conclusion", "failure").out  # fmt: skip
    assert "no first job's condition holds: the run will be skipped" in failed
    passed = ghasim("explain", "--workflows", folder, "--event", "workflow_run", "--upstream",
                    "CI", "--conclusion", "success").out  # fmt: skip
    assert "will be skipped" not in passed


# check chain-depth (§5.6) when middle stages are also dispatchable.
def test_chain_depth_sees_a_push_chain_through_dispatchable_stages(tmp_path):
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "a.yml").write_text("name: A\non: push\n" + J)
    for name, up in zip("BCDE", "ABCD", strict=True):
        extra = "  workflow_dispatch:\n" if name in "BC" else ""
        (folder / f"{name}.yml").write_text(
            f"name: {name}\non:\n{extra}  workflow_run: {{workflows: [{up}], types: "
            f"[completed]}}\n{J}")  # fmt: skip
    out = ghasim("check", "--workflows", folder).out
    assert "[chain-depth]" in out and "E.yml" in out
    assert "runs only when B or C is dispatched" in out


# Workflow-made events (§7.1): GITHUB_TOKEN starts nothing but dispatches.
RELEASE = {
    "deploy.yml": "name: Deploy\non:\n  push: {branches: [main]}\n" + J.replace("a:", "deploy:"),
    "tag.yml": "name: Tag Release\non:\n  push: {tags: ['v*']}\n" + J,
    "manual.yml": "name: Manual\non: workflow_dispatch\n" + J,
}


@pytest.mark.parametrize(("effect", "started"), [
    ("push: {tag: v1.2.0}", []),
    ("push: {tag: v1.2.0, token: pat}", ["Tag Release"]),
    ("workflow_dispatch: {workflow: Manual}", ["Manual"]),
])  # fmt: skip
def test_effects(tmp_path, effect, started):
    result = simulate_text(tmp_path, RELEASE, f"effects: {{Deploy: {{deploy: [{{{effect}}}]}}}}\n"
                           "events: [{push: {branch: main}}]\n")  # fmt: skip
    assert [r.name for r in result.runs if r.effect is not None] == started
    [made] = result.effects
    assert made.run == result.runs_of("Deploy")[0].id and made.job == "deploy"


def test_a_github_token_tag_push_is_drawn_as_starting_nothing(tmp_path):
    path = make_scenario(tmp_path, RELEASE, "effects: {Deploy: {deploy: [{push: {tag: "
                         "v1.2.0}}]}}\nevents: [{push: {branch: main}}]\n")  # fmt: skip
    out = ghasim("run", path).out
    assert "▶ push of tag v1.2.0 by Deploy/deploy (GITHUB_TOKEN): starts nothing" in out


def test_a_self_triggering_loop_is_cut_by_max_runs(tmp_path):
    loop = {"l.yml": "name: Bump\non:\n  push: {branches: [main]}\n" + J.replace("a:", "bump:")}
    result = simulate_text(tmp_path, loop, "max_runs: 50\neffects: {Bump: {bump: [{push: "
                           "{branch: main, token: pat}}]}}\nevents: [{push: {}}]\n")  # fmt: skip
    assert len(result.runs) == 50 and result.notes[0].startswith("more than 50 runs")


# More events (§6.2): release, create/delete, merge_group, issue_comment on a pull request.
@pytest.mark.parametrize(("on", "event", "fires"), [
    ("release: {types: [published]}", "release: {tag: v1.0.0}", True),
    ("release: {types: [published]}", "release: {tag: v1.0.0, action: created}", False),
    ("create", "create: {ref: feature/x}", True),
    ("delete", "delete: {ref: v1, ref_type: tag}", True),
    ("merge_group: {branches: [main]}", "merge_group: {base: main}", True),
    ("merge_group: {branches: [main]}", "merge_group: {base: dev}", False),
    ("issue_comment: {types: [created]}", "issue_comment: {pull_request: true}", True),
])  # fmt: skip
def test_more_events(tmp_path, on, event, fires):
    wf = f"name: W\non:\n  {on}\n" + J
    result = simulate_text(tmp_path, {"w.yml": wf}, f"events: [{{{event}}}]\n")
    assert bool(result.runs) is fires


def test_release_runs_on_its_tag_and_comment_knows_its_pull_request(tmp_path):
    wf = ("name: W\non: [release, issue_comment]\njobs:\n  a:\n    runs-on: x\n"
          "    if: github.ref == 'refs/tags/v2.0.0' || github.event.issue.pull_request\n"
          "    steps: [{run: x}]\n")  # fmt: skip
    result = simulate_text(tmp_path, {"w.yml": wf}, "events:\n  - release: {tag: v2.0.0}\n"
                           "  - issue_comment: {pull_request: true}\n"
                           "  - issue_comment: {pull_request: false}\n")  # fmt: skip
    assert [r.jobs[0].conclusion for r in result.runs] == ["success", "success", "skipped"]


# Schedules with a timezone: a skipped spring-forward time advances to the next valid time
# (github/docs #60290: "a 2:30 AM schedule advances to 3:00 AM").
def test_schedule_in_a_dst_gap_advances_to_the_next_valid_time():
    new_york = ZoneInfo("America/New_York")
    times = list(fire_times("30 2 * * *", "America/New_York",
                            datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 3, 10, tzinfo=UTC)))  # fmt: skip
    local = [t.astimezone(new_york).strftime("%m-%d %H:%M") for t in times]
    assert local == ["03-07 02:30", "03-08 03:00", "03-09 02:30"]
    gap = list(fire_times("*/20 2 * * *", "America/New_York",
                          datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC)))  # fmt: skip
    assert len(gap) == 1  # three skipped times, one run at 03:00


def test_schedules_run_from_the_default_branch_only(tmp_path):  # §6.5
    from simulator.engine.simulation import simulate
    from simulator.scenario.prepare import load_for_run
    from simulator.workflow.loader import load_folder

    path = make_scenario(tmp_path, {"n.yml": "name: Nightly\non: push\n" + J},
                         "until: 1h\nschedules: true\nevents: []\n")  # fmt: skip
    scenario, workflows = load_for_run(path)
    default = tmp_path / "default"
    default.mkdir()
    (default / "n.yml").write_text("name: Nightly\non:\n  schedule: [{cron: '*/30 * * * *'}]\n" + J)
    result = simulate(scenario, workflows, load_folder(default))
    assert [r.event for r in result.runs] == ["schedule", "schedule"]


# A scenario's `payload:` adds to the payload ghasim builds (the webhook reference's objects):
# a mapping merges into the object, so a release keeps its tag and a comment its issue.
def test_a_payload_mapping_adds_to_the_object_ghasim_builds(tmp_path):
    wf = ("name: W\non: [release, issue_comment]\njobs:\n  a:\n    runs-on: x\n"
          "    if: >-\n      (github.ref == 'refs/tags/v2' && github.event.release.prerelease\n"
          "      && github.event.release.tag_name == 'v2') || (github.event.issue.number == 4\n"
          "      && github.event.issue.labels[0].name == 'bug' && github.actor == 'mona')\n"
          "    steps: [{run: x}]\n")  # fmt: skip
    result = simulate_text(tmp_path, {"w.yml": wf}, (
        "events:\n  - release: {tag: v2, payload: {release: {prerelease: true}}}\n"
        "  - issue_comment: {number: 4, payload: {issue: {labels: [{name: bug}]},\n"
        "                                         sender: {login: mona}}}\n"))  # fmt: skip
    assert [r.jobs[0].conclusion for r in result.runs] == ["success", "success"]


# What ghasim reads back from a payload (the ref, the actor, the pull requests downstream)
# survives a `payload:` that replaced it with anything: the run goes on, as the value allows.
@pytest.mark.parametrize("event", [
    "release: {tag: v1, payload: {release: x}}",
    "event: {name: release, action: published, payload: {release: {}}}",
    "event: {name: merge_group, action: checks_requested, payload: {merge_group: 1}}",
    "event: {name: issues, action: opened, payload: {sender: x}}",
    "event: {name: issues, action: opened, payload: {sender: null}}",
    "event: {name: issues, action: opened, payload: {sender: {login: [1]}}}",
    "event: {name: issues, action: opened, payload: {pull_request: {number: 1}}}",
    "pull_request_review: {head: f, payload: {pull_request: {head: 1, number: [2]}}}",
    "pull_request_review: {head: f, payload: {pull_request: {head: {repo: {full_name: 3}}}}}",
])  # fmt: skip
def test_a_replaced_payload_object_is_read_leniently(tmp_path, event):
    on = "[release, merge_group, issues, pull_request_review]"
    upstream = f"name: Up\non: {on}\n" + J
    listener = "name: Down\non: {workflow_run: {workflows: [Up], types: [completed]}}\n" + J
    result = simulate_text(tmp_path, {"up.yml": upstream, "down.yml": listener},
                           f"events:\n  - {event}\n")  # fmt: skip
    assert [r.name for r in result.runs] == ["Up", "Down"]
    assert all(isinstance(r.payload, dict) for r in result.runs)
