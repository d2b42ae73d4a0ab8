"""Every real workflow folder of ../shared/corpus loads and is decided without a traceback.

Runs in CI (CI=true): the folder must be there. Elsewhere it skips when the folder is absent.
GHASIM_CORPUS points at another copy.
"""

import os
from pathlib import Path

import pytest
from cli_helpers import ghasim

from simulator.workflow.loader import load_folder

CANDIDATES = [
    os.environ.get("GHASIM_CORPUS"),
    Path(__file__).resolve().parents[2] / "shared" / "corpus",  # ../shared/corpus of the repo
    "/work/shared/corpus",  # where the shared folder lives on the team's machines
]
CORPUS = next((Path(c) for c in CANDIDATES if c and Path(c).is_dir()), Path(str(CANDIDATES[1])))


def corpus_folders():
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            return [pytest.param(None, id="corpus-missing")]
        return [
            pytest.param(
                None,
                id="corpus-absent",
                marks=pytest.mark.skip(
                    reason=f"corpus folder {CORPUS} is absent (set GHASIM_CORPUS)"
                ),
            )
        ]
    return sorted(p for p in CORPUS.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", corpus_folders(), ids=lambda p: getattr(p, "name", str(p)))
def test_corpus_folder_loads_and_explains(folder):
    assert folder is not None, f"CI=true but the corpus is missing at {CORPUS}"
    loaded = load_folder(folder)
    assert loaded.workflows, "no workflow loaded"
    result = ghasim(
        "explain",
        "--workflows",
        str(folder),
        "--event",
        "push",
        "--branch",
        "main",
        "--file",
        "README.md",
    )
    assert "Traceback" not in result.out + result.err
    assert result.code in (0, 1)
    for line in result.err.splitlines():  # only positioned diagnostics
        assert line.startswith(str(folder)), line


@pytest.mark.parametrize("folder", corpus_folders(), ids=lambda p: getattr(p, "name", str(p)))
def test_corpus_folder_simulates_checks_and_draws(folder):
    """The standard event set (every filtered path, a feature branch, a PR, a tag, each
    schedule and dispatch) runs through the engine; check and graph never crash."""
    from simulator.diff.standard import standard_scenarios
    from simulator.engine.simulation import simulate
    from simulator.report.timeline import render_timeline

    assert folder is not None, f"CI=true but the corpus is missing at {CORPUS}"
    loaded = load_folder(folder)
    for scenario in standard_scenarios([loaded], "main"):
        result = simulate(scenario, loaded)
        render_timeline(result, jobs=True)
        for run in result.runs:
            assert run.status == "completed", (scenario.name, run.name)
    for args in (
        ["check"],
        ["graph"],
        ["graph", "--format", "mermaid"],
        ["graph", "--format", "dot"],
    ):
        result = ghasim(*args, "--workflows", str(folder))
        assert result.code in (0, 1) and "Traceback" not in result.err + result.out, args
        assert "internal error" not in result.err


@pytest.mark.parametrize("folder", corpus_folders(), ids=lambda p: getattr(p, "name", str(p)))
def test_corpus_diff_of_a_readme_change_is_no_change(folder, tmp_path):
    """The PR check never cries wolf (issue U): the folder made into a repository, A and B
    differing only in a README, `ghasim diff A B --fail-on-change` exits 0 and every probe
    ran on both sides or says why it could not."""
    import json
    import shutil

    from gitrepo import Repo

    assert folder is not None, f"CI=true but the corpus is missing at {CORPUS}"
    repo = Repo(tmp_path / "repo")
    repo.workflows.mkdir(parents=True)
    for file in folder.iterdir():
        if file.is_file():
            shutil.copy(file, repo.workflows / file.name)
    base = repo.commit("the workflows", "README.md")
    head = repo.commit("docs", "README.md")
    result = ghasim("diff", "--repo", repo.path, base, head, "--fail-on-change")
    assert result.code == 0, result.out[:2000] + result.err
    data = json.loads(ghasim("diff", "--repo", repo.path, base, head, "--format", "json").out)
    assert data["changed"] is False and data["probes"] > 0
    for probe in data["scenarios"]:
        assert probe["simulated"] or "at base" in probe["not_simulated"], probe


@pytest.mark.parametrize("folder", corpus_folders(), ids=lambda p: getattr(p, "name", str(p)))
def test_corpus_audit_runs_without_internal_error(folder):
    """`ghasim audit` on every real folder (issue X): exit 0 or 1, findings positioned in the
    folder's files, each naming the path the input takes."""
    import json

    assert folder is not None, f"CI=true but the corpus is missing at {CORPUS}"
    result = ghasim("audit", "--workflows", str(folder), "--format", "json")
    assert result.code in (0, 1), result.err
    assert "internal error" not in result.err
    for finding in json.loads(result.out)["findings"]:
        assert finding["position"]["file"].startswith(str(folder))
        assert finding["path"] and finding["fact"]
