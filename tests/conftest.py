import textwrap
from pathlib import Path

import pytest

from simulator.workflow.loader import parse_workflow
from simulator.workflow.model import BrokenWorkflow, Workflow

ROOT = Path(__file__).resolve().parent.parent
SEED_WORKFLOWS = ROOT / "scenarios" / "mlops-sync" / "workflows"


def wf(text: str, file: str = "wf.yml") -> Workflow:
    """A workflow from YAML text; fails the test if it does not load."""
    result = parse_workflow(textwrap.dedent(text), file, f".github/workflows/{file}")
    assert isinstance(result, Workflow), [str(d) for d in result.diagnostics]
    return result


def broken(text: str, file: str = "wf.yml") -> BrokenWorkflow:
    result = parse_workflow(textwrap.dedent(text), file, f".github/workflows/{file}")
    assert isinstance(result, BrokenWorkflow), "expected the file to be rejected"
    return result


@pytest.fixture
def seed_workflows():
    from simulator.workflow.loader import load_folder

    return load_folder(SEED_WORKFLOWS)


def make_scenario(tmp_path, workflows: dict[str, str], scenario: str, name: str = "s.yml"):
    """Writes workflow files and a scenario into tmp_path; returns the scenario path."""
    folder = tmp_path / "workflows"
    folder.mkdir(exist_ok=True)
    for file, text in workflows.items():
        (folder / file).write_text(textwrap.dedent(text))
    path = tmp_path / name
    path.write_text("workflows: workflows/\n" + textwrap.dedent(scenario))
    return path


def simulate_text(tmp_path, workflows: dict[str, str], scenario: str):
    from simulator.engine.api import run_scenario

    return run_scenario(make_scenario(tmp_path, workflows, scenario)).result


# Hostile fixtures are inputs for tests, not scenarios to collect (the pytest plugin is on).
collect_ignore_glob = ["hostile/*"]


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_in_a_temporary_folder(tmp_path_factory):
    """The command line caches parsed workflows; the tests keep theirs out of the user's."""
    import os

    os.environ["GHASIM_CACHE_DIR"] = str(tmp_path_factory.mktemp("ghasim-cache"))
