"""`ghasim replay`: every push of the real history, simulated."""

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    Color,
    ColorOption,
    Output,
    OutputOption,
    QuietOption,
    RepoOption,  # fmt: skip
    RepositoryOption,
    TextJson,
    app,
    guarded,
)


@app.command()
@guarded
def replay(
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Only commits after DATE (git's --since: 2026-01-01, '30 days ago').",
        ),
    ] = None,  # fmt: skip
    commits: Annotated[
        int | None, typer.Option(metavar="N", help="Only the last N commits.")
    ] = None,  # fmt: skip
    branch: Annotated[
        str | None,
        typer.Option(
            metavar="BRANCH", help="Branch whose history is replayed (default: the default branch)."
        ),
    ] = None,  # fmt: skip
    rev: Annotated[
        str, typer.Option(metavar="REV", help="Workflows at this revision are replayed.")
    ] = "HEAD",  # fmt: skip
    base: Annotated[
        str | None,
        typer.Option(
            metavar="REV", help="Also replay the workflows at REV and compare the minutes."
        ),
    ] = None,  # fmt: skip
    scenario: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Durations, outcomes, runners from this scenario file."),
    ] = None,  # fmt: skip
    prices: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="YAML of USD per minute by runner label or category (linux, windows, macos ...).",
        ),
    ] = None,  # fmt: skip
    schedules: Annotated[
        bool,
        typer.Option(
            "--schedules/--no-schedules",
            help="Include the scheduled runs that fire over the replayed span.",
        ),
    ] = True,  # fmt: skip
    format: Annotated[TextJson, typer.Option("--format", help="Output format.")] = TextJson.text,
    repo: RepoOption = Path("."),
    repository: RepositoryOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Simulate every push of the real history: runs, runner-minutes, cost, queue times.

    \b
    Examples:
      ghasim replay --since '30 days ago'
      ghasim replay --commits 200 --base origin/main --prices prices.yml
    """
    from simulator.replay.render import render_json, render_text
    from simulator.replay.run import replay_repository

    sink = Output(output, quiet, color)
    with sink.progress("replaying", commits) as update:
        report = replay_repository(repo, since=since, commits=commits, branch=branch, rev=rev,
                                   base=base, scenario=scenario, prices=prices,
                                   repository=repository, schedules=schedules,
                                   progress=update)  # fmt: skip
    render = render_json if format is TextJson.json else render_text
    sink.result(render(report.result, report.revision, report.base))
