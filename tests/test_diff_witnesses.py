"""The PR check that misses nothing (issue D): probes derived from what changed, on every
event kind a changed workflow names, with witnesses from tracked files and from the globs;
the plan's in-place changes; terraform's exit codes."""

from __future__ import annotations

import itertools
import json
import random

import pytest
from cli_helpers import ghasim
from gitrepo import Repo

from simulator.core.events import PullRequest, Push
from simulator.diff.witnesses import witnesses
from simulator.rules.decide import decide
from simulator.workflow.model import Workflow, WorkflowSet
from simulator.workflow.parse import parse_workflow


@pytest.fixture
def repo(tmp_path):
    repo = Repo(tmp_path / "repo").seed()
    repo.commit("some code", "src/api/app.py", "docs/readme.md")
    return repo


def plan(repo, *args):
    return ghasim("diff", "--repo", repo.path, "--format", "json", *args)


def test_a_pull_request_paths_edit_is_reported_with_its_probe(repo):  # §4.3
    """The issue's first case: 9 probes said "no workflow starts differently"."""
    repo.edit(".github/workflows/ci.yml", "  pull_request:\n    branches: [master, main]\n",
              "  pull_request:\n    branches: [master, main]\n    paths: ['src/**']\n")  # fmt: skip
    result = plan(repo)
    data = json.loads(result.out)
    [rolled] = [w for w in data["workflows"] if w["workflow"] == "CI Pipeline"]
    assert rolled["sign"] == "-"
    probe = rolled["probes"][0]
    assert probe.startswith("pull request main ← feature/ghasim-probe touching ")
    assert not probe.endswith("src/api/app.py")  # a file the new filter refuses
    assert ghasim("diff", "--repo", repo.path, "--fail-on-change").code == 1
    assert ghasim("diff", "--repo", repo.path, "--detailed-exitcode").code == 2


def test_paths_ignore_on_push_and_pull_request_is_reported_for_both(repo):  # §2.8, §4.3
    repo.edit(".github/workflows/ci.yml", "  push:\n    branches: [master, main]\n",
              "  push:\n    branches: [master, main]\n    paths-ignore: ['**.md']\n")  # fmt: skip
    repo.edit(".github/workflows/ci.yml", "  pull_request:\n    branches: [master, main]\n",
              "  pull_request:\n    branches: [master, main]\n    paths-ignore: ['**.md']\n")  # fmt: skip
    data = json.loads(plan(repo).out)
    stopped = [s["scenario"] for s in data["scenarios"]
               if any(c["kind"] == "stops" and c["workflow"] == "CI Pipeline"
                      for c in s["changes"])]  # fmt: skip
    assert any(p.startswith("push to main touching ") and p.endswith(".md") for p in stopped)
    assert any(p.startswith("pull request main ← ") and p.endswith(".md") for p in stopped)


def test_a_new_merge_group_workflow_is_reported_on_its_own_event(repo):  # §6.2
    repo.write(".github/workflows/queue.yml", "name: Merge Queue\non:\n  merge_group:\n"
               "    types: [checks_requested]\njobs:\n  t: {runs-on: x, steps: [{run: y}]}\n")  # fmt: skip
    data = json.loads(plan(repo).out)
    probes = [s["scenario"] for s in data["scenarios"]
              if any(c["workflow"] == "Merge Queue" and c["kind"] == "starts"
                     for c in s["changes"])]  # fmt: skip
    assert "merge group into main" in probes


def test_jobs_added_removed_renamed_and_conditions_are_in_place_changes(repo):
    repo.edit(".github/workflows/ci.yml", "  lint:\n", "  lint:\n    name: Lint code\n")
    text = (repo.workflows / "ci.yml").read_text()
    repo.write(".github/workflows/ci.yml", text + "  extra:\n    runs-on: ubuntu-latest\n"
               "    if: github.event_name == 'push'\n    steps: [{run: echo}]\n")  # fmt: skip
    data = json.loads(plan(repo).out)
    kinds = {(e["kind"], tuple(e["checks"])) for e in data["edits"]}
    assert ("job_renamed", ("lint", "Lint code")) in kinds
    assert ("job_added", ("extra",)) in kinds
    assert data["changed"] is True
    assert ghasim("diff", "--repo", repo.path, "--detailed-exitcode").code == 2
    shown = ghasim("diff", "--repo", repo.path, "--format", "plan").out
    assert "~ CI Pipeline: job 'lint' renamed 'lint' → 'Lint code': its check name changes" in shown


def test_required_checks_a_change_leaves_pending_come_first(repo):  # §2.11
    repo.write(".ghasim.yml", "required_checks: [lint]\n")
    repo.commit("required checks")
    repo.edit(".github/workflows/ci.yml", "  pull_request:\n    branches: [master, main]\n",
              "  pull_request:\n    branches: [master, main]\n    paths: ['src/**']\n")  # fmt: skip
    lines = ghasim("diff", "--repo", repo.path, "--format", "plan").out.splitlines()
    assert lines[2].startswith("! required check 'lint' stays Pending on pull request main ← ")


def test_detailed_exitcode_is_terraforms(repo):
    assert ghasim("diff", "--repo", repo.path, "--detailed-exitcode").code == 0
    bad = ghasim("diff", "--repo", repo.path, "--detailed-exitcode", "--", "no-such-rev")
    assert bad.code == 1 and "unknown revision" in bad.err
    quiet = ghasim("diff", "--repo", repo.path, "--format", "plan")
    assert quiet.out.splitlines()[-1].startswith("No changes. ghasim compared 6 workflow files")


# ------------------------------------------------------------------------------ property

FILES = ["README.md", "docs/a.md", "src/app.py", "src/lib/util.py", "src/a.md", "data/raw.csv"]
BRANCHES = ["main", "dev", "release/1", "feature/x"]
TAGS = ["v1", "v2.0"]
TYPES = ["opened", "synchronize", "reopened", "closed", "labeled", "edited"]
PATHS = ["**", "src/**", "*.md", "**.md", "docs/**", "src/*.py", "!src/a.md", "!**.md",
         "data/**", "src/lib/**"]  # fmt: skip
REFS = ["main", "dev", "release/**", "feature/*", "!main", "*", "!release/**"]
TAG_PATTERNS = ["v*", "v2.*", "!v1"]


def _filter(rng: random.Random, key: str, atoms: list[str]) -> str:
    chosen = rng.sample(atoms, rng.randint(1, 3))
    if all(c.startswith("!") for c in chosen):
        chosen.insert(0, atoms[0])
    return f"    {key}: [{', '.join(repr(c) for c in chosen)}]\n"


def _config(rng: random.Random) -> str:
    text = "name: W\non:\n"
    events = rng.sample(["push", "pull_request", "pull_request_target"], rng.randint(1, 3))
    for event in sorted(events):
        body = ""
        if rng.random() < 0.6:
            key = "branches" if rng.random() < 0.7 else "branches-ignore"
            body += _filter(rng, key, [a for a in REFS if not a.startswith("!")] if
                            key.endswith("ignore") else REFS)  # fmt: skip
        if event == "push" and rng.random() < 0.3:
            body += _filter(rng, "tags", TAG_PATTERNS)
        if rng.random() < 0.6:
            key = "paths" if rng.random() < 0.6 else "paths-ignore"
            body += _filter(rng, key, PATHS if key == "paths" else
                            [p for p in PATHS if not p.startswith("!")])  # fmt: skip
        if event != "push" and rng.random() < 0.5:
            body += f"    types: [{', '.join(rng.sample(TYPES, rng.randint(1, 3)))}]\n"
        text += f"  {event}:\n{body}" if body else f"  {event}: {{}}\n"
    return text + "jobs:\n  j: {runs-on: x, steps: [{run: y}]}\n"


def _parsed(text: str) -> Workflow | None:
    wf = parse_workflow(text, "w.yml", ".github/workflows/w.yml")
    return wf if isinstance(wf, Workflow) else None


def _universe(kinds: set[str], refs: list[str], files: list[str], tags: list[str]):
    """Every event of these kinds over the candidate refs and files (the tracked ones and
    those the search may synthesise), one or two files at a time, every activity type."""
    file_sets = [(f,) for f in files] + list(itertools.combinations(files, 2))[::7]
    targets = [t for t, k in ((False, "pull_request"), (True, "pull_request_target"))
               if k in kinds]  # fmt: skip
    for branch in refs:
        for files in file_sets:
            if "push" in kinds:
                yield Push(branch=branch, files=files)
            for target in targets:
                for action in TYPES:
                    yield PullRequest(action=action, base=branch, head="feature/y",
                                      files=files, target=target)  # fmt: skip
    for tag in tags:
        yield Push(tag=tag, files=(FILES[0],))


def _starts(wf: Workflow, event) -> bool:
    if isinstance(event, PullRequest) and event.name not in wf.triggers:
        return False
    return bool(decide(wf, event))


def test_property_witnesses_exist_exactly_when_some_event_tells_the_revisions_apart():
    """2,000 generated pairs of trigger configurations: the brute force over every event of
    a small universe (refs, one or two changed files, activity types, both pull request
    events) finds a difference exactly when the witness search does."""
    from simulator.diff.witnesses import FEATURE, TAG, _refs, candidate_paths

    rng = random.Random(20261208)
    pairs = differing = 0
    while pairs < 2000:
        a, b = _parsed(_config(rng)), _parsed(_config(rng))
        if a is None or b is None:
            continue
        pairs += 1
        refs = _refs([a, b], ("branches", "branches-ignore"), [*BRANCHES, FEATURE])
        files = candidate_paths([t for w in (a, b) for t in w.triggers.values()], FILES)
        tags = _refs([a, b], ("tags", "tags-ignore"), [*TAGS, TAG], kind="push")
        kinds = set(a.triggers) | set(b.triggers)
        truth = any(_starts(a, e) != _starts(b, e) for e in _universe(kinds, refs, files, tags))
        found = witnesses(WorkflowSet("base", [a]), WorkflowSet("head", [b]), "main", FILES)
        assert bool(found) == truth, (a.triggers, b.triggers)
        assert all(w.file == ".github/workflows/w.yml" for w in found)
        for w in found:  # each witness really tells them apart
            assert _starts(a, w.event) != _starts(b, w.event) and w.starts == _starts(b, w.event)
        differing += truth
    assert 0 < differing < pairs  # both outcomes were exercised


def _git_calls(repo_path, monkeypatch, tmp_path, *args) -> int:
    import shutil

    shim, log = tmp_path / "shim", tmp_path / "git-calls"
    shim.mkdir(exist_ok=True)
    (shim / "git").write_text(f'#!/bin/sh\necho x >> "{log}"\nexec "{shutil.which("git")}" "$@"\n')
    (shim / "git").chmod(0o755)
    log.write_text("")
    import os

    monkeypatch.setenv("PATH", f"{shim}:{os.environ['PATH']}")
    result = ghasim("diff", "--repo", repo_path, *args)
    monkeypatch.undo()
    assert result.code == 0, result.err
    return len(log.read_text().splitlines())


@pytest.mark.parametrize("copies", [1, 8])
def test_a_diff_starts_a_constant_number_of_git_processes(tmp_path, monkeypatch, copies):
    """Issue D: one diff forked git once per probe (146 processes on 48 workflows); now
    every repository fact is read once and both revisions' blobs in one process."""
    from synthetic import chain_copies

    repo = Repo(tmp_path / "repo")
    folder = chain_copies(copies, repo.path)
    repo.commit("workflows")
    ci = folder / "ci-0.yml"
    ci.write_text(ci.read_text().replace("  pull_request:\n", "  pull_request:\n"
                                         "    paths: ['src/**']\n", 1))  # fmt: skip
    repo.commit("narrow CI")
    assert _git_calls(repo.path, monkeypatch, tmp_path, "HEAD~1", "HEAD") <= 12


def _diff_calls(tmp_path, copies: int) -> int:
    """Calls into ghasim's code during a diff of `copies` chains where one CI changed."""
    from synthetic import chain_copies
    from test_linearity import calls_during

    repo = Repo(tmp_path / f"repo{copies}")
    folder = chain_copies(copies, repo.path)
    repo.commit("workflows")
    ci = folder / "ci-0.yml"
    ci.write_text(ci.read_text().replace("  pull_request:\n", "  pull_request:\n"
                                         "    paths: ['src/**']\n", 1))  # fmt: skip
    count, _ = calls_during("--no-cache", "diff", "--repo", str(repo.path), "--format", "plan")
    return count


def test_a_diff_costs_what_the_change_costs(tmp_path):
    """Counted in calls, not seconds: one chain changed among 4 or 16, the unchanged chains
    cost their parse and the plan's lines, not their simulation (3x the calls for 4x the
    files, where simulating everything made more than 4x)."""
    small, large = _diff_calls(tmp_path, 4), _diff_calls(tmp_path, 16)
    assert large < 3 * small, (small, large)


def test_a_warm_diff_answers_as_a_cold_one_audit_included(repo):
    """The audit findings of each revision are kept in the parse cache (issue D): a second
    diff reads them, and its answer is byte for byte the --no-cache one."""
    import shutil

    from conftest import ROOT

    source = ROOT / "scenarios" / "pitfalls" / "audit-artifact-poisoning" / "workflows"
    for wf in source.glob("*.yml"):
        shutil.copy(wf, repo.workflows / wf.name)
    args = ("diff", "--repo", repo.path, "--format", "json")
    cold = ghasim("--no-cache", *args)
    from simulator.workflow import cache

    first, second = ghasim(*args), ghasim(*args)
    warm = cache.active()
    assert warm is not None and warm.misses == 0 and warm.hits > 0  # nothing parsed or audited
    assert json.loads(cold.out)["audit"]["added"]  # the change brings findings
    assert cold.out == first.out == second.out


def test_removing_a_workflow_no_probe_can_start_is_still_a_change(repo):
    """A dispatch-only workflow deleted: its dispatch probe cannot run at the head (never a
    change), yet the plan must not say "No changes"."""
    repo.write(".github/workflows/manual.yml", "name: Manual\non: workflow_dispatch\n"
               "jobs:\n  go: {runs-on: x, steps: [{run: y}]}\n")  # fmt: skip
    repo.commit("a manual workflow")
    (repo.workflows / "manual.yml").unlink()
    result = ghasim("diff", "--repo", repo.path, "--format", "plan", "--detailed-exitcode")
    assert result.code == 2
    assert "- Manual: workflow removed: its runs and check names go" in result.out


def test_a_per_workflow_concurrency_group_links_nothing():
    """`${{ github.workflow }}-…` groups differ from one workflow to the next: they must not
    join every workflow into the part a change affects (§10)."""
    from simulator.diff.closure import affected

    def ws(label: str, paths: str) -> WorkflowSet:
        flows = []
        for name in ("a", "b", "c"):
            text = (f"name: {name}\non:\n  push:\n    paths: [{paths if name == 'a' else 'x'}]\n"
                    "concurrency: {group: '${{ github.workflow }}-${{ github.ref }}'}\n"
                    "jobs:\n  j: {runs-on: x, steps: [{run: y}]}\n")  # fmt: skip
            wf = parse_workflow(text, f"{name}.yml", f".github/workflows/{name}.yml")
            assert isinstance(wf, Workflow)
            flows.append(wf)
        return WorkflowSet(label, flows)

    assert affected(ws("base", "src"), ws("head", "docs")) == {".github/workflows/a.yml"}


def test_an_unchanged_blob_is_one_model_for_both_revisions(repo):
    """Issue D: models keyed by the blob's bytes and path, not `REV:path`: a diff parses an
    unchanged file once for both revisions, and a renamed base revision still hits."""
    from simulator.workflow import cache

    repo.edit(".github/workflows/ci.yml", "name: CI Pipeline", "name: CI")
    head = repo.commit("rename CI")
    assert ghasim("diff", "--repo", repo.path, "HEAD~1", "HEAD").code == 0
    cold = cache.active()
    assert cold is not None and cold.misses == 7 + 2  # six files, one twice; two audits
    assert ghasim("diff", "--repo", repo.path, "main~1", head).code == 0  # other names
    warm = cache.active()
    assert warm is not None and warm.misses == 0
