"""`ghasim replay` as one call: read the history (streamed), replay it with the workflows at
a revision, and optionally at a base revision to compare."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct

from simulator.core import git
from simulator.core.diagnostics import GhasimError
from simulator.core.progress import Progress, silent
from simulator.replay.cost import Prices
from simulator.replay.history import Commit, read_history
from simulator.replay.replay import ReplayResult, default_scenario, replay
from simulator.scenario.loader import load_scenario
from simulator.scenario.prepare import identified
from simulator.workflow.from_git import load_at


class ReplayReport(Struct):
    result: ReplayResult
    revision: str
    base: tuple[str, ReplayResult] | None = None


def replay_repository(repo: Path, *, since: str | None = None, commits: int | None = None,
                      branch: str | None = None, rev: str = "HEAD", base: str | None = None,
                      scenario: Path | None = None, prices: Path | None = None,
                      repository: str | None = None, schedules: bool = True,
                      progress: Progress = silent) -> ReplayReport:  # fmt: skip
    """The history replayed: each commit's push decided against the workflows at `rev` (and
    `base`); `progress(commits read, commits or None)` follows the history as git writes it."""
    git.require_repo(repo, hint=": ghasim replay reads the git history")
    if since and commits:
        raise GhasimError("give --since or --commits, not both")
    if commits is not None and commits < 1:
        raise GhasimError(f"--commits: {commits} replays nothing; give 1 or more (or --since)")
    branch = git.check_ref_name(branch) if branch else git.default_branch(repo)
    sc = identified(load_scenario(scenario) if scenario else default_scenario(branch),
                    repository, repo)  # fmt: skip
    table = Prices.load(prices)
    workflows = load_at(repo, rev)
    base_workflows = load_at(repo, base) if base is not None else None
    history: list[Commit] = []

    def streamed() -> Iterator[Commit]:  # decisions run while git is still writing the history
        for commit in read_history(repo, branch, since, commits):
            history.append(commit)
            progress(len(history), commits)
            yield commit

    result = replay(streamed(), workflows, sc, branch, table, schedules)
    if not history:
        raise GhasimError(f"no commit on {branch}" + (f" since {since}" if since else ""))
    report = ReplayReport(result, rev)
    if base is not None and base_workflows is not None:
        report.base = (base, replay(history, base_workflows, sc, branch, table, schedules))
    return report
