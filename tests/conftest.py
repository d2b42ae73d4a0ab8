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
