"""Every command is linear in files, edges, events and runs (issue P): counted in function
calls, not seconds, so a quadratic path fails here deterministically on any machine.

Each command runs on N and 4N copies of the six-workflow chain; a linear command makes about
4x the calls (fixed costs make it a little less), a quadratic one about 16x; the bound is
4.6x, so a quadratic term fails long before it dominates. What it prints is held to the same
bound: a line that grows with the fan-in makes the output quadratic without many calls."""

from pathlib import Path

import pytest
from call_count import count_calls
from cli_helpers import ghasim
from synthetic import chain_copies

SMALL, LARGE = 10, 40
BOUND = 4.6


def calls_during(*args: str) -> tuple[int, int]:
    """The calls into ghasim's code a command makes, and the characters it prints."""
    result, count = count_calls(lambda: ghasim(*args))
    assert result.code in (0, 1), result.err
    return count, len(result.out)


SCENARIO = """\
workflows: .github/workflows
start: 2026-01-13T04:14:21Z
events:
  - push: {branch: main, files: [src/api/app.py]}
  - {at: 1m, push: {branch: main, files: [data/raw.csv]}}
expect:
  CI Pipeline 0: {runs: 1}
"""


def command_args(root: Path, command: str) -> list[str]:
    folder = root / ".github" / "workflows"
    scenario = root / "s.yml"
    return {
        "check": ["check", "--workflows", folder],
        "audit": ["audit", "--workflows", folder],
        "explain": ["explain", "--workflows", folder, "--file", "src/a.py", "--branch", "main"],
        "graph": ["graph", "--workflows", folder],
        "graph-mermaid": ["graph", "--workflows", folder, "--format", "mermaid"],
        "run": ["run", scenario, "--jobs", "--why"],
        "run-json": ["run", scenario, "--format", "json"],
        "report": ["report", scenario],
        "test": ["test", scenario],
        "diff": ["diff", "HEAD~1", "HEAD", "--repo", root],
    }[command]


def make_repo(root: Path) -> None:
    """Two commits: the chain, then one listener's trigger edited (what diff compares)."""
    from gitrepo import Repo

    repo = Repo(root)
    repo.commit("the chain")
    target = root / ".github" / "workflows" / "cd-api-0.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("branches: [main]",
                                                                 "branches: [release]"))  # fmt: skip
    repo.commit("cd from release only")


@pytest.mark.parametrize(
    "command",
    [
        "check",
        "audit",
        "explain",
        "graph",
        "graph-mermaid",
        "run",
        "run-json",
        "report",
        "test",
        "diff",
    ],
)
def test_command_is_linear(tmp_path, command):
    counts, sizes = [], []
    for copies in (SMALL, LARGE):
        root = tmp_path / f"n{copies}"
        chain_copies(copies, root)
        (root / "s.yml").write_text(SCENARIO, encoding="utf-8")
        if command == "diff":
            make_repo(root)
        calls, size = calls_during(*command_args(root, command))
        counts.append(calls)
        sizes.append(size)
    ratio = counts[1] / counts[0]
    assert ratio <= BOUND, f"{command}: {counts[0]:,} -> {counts[1]:,} calls ({ratio:.1f}x for 4x)"
    grown = sizes[1] / max(sizes[0], 1)
    assert grown <= BOUND, f"{command}: printed {sizes[0]:,} -> {sizes[1]:,} ({grown:.1f}x for 4x)"
