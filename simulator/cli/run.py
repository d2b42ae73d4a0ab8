"""`ghasim run`: simulate a scenario and print the timeline (or, with --iterations, the odds)."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from msgspec.structs import replace

from simulator.cli.common import (
    Color,
    ColorOption,
    Output,
    OutputOption,
    QuietOption,
    WorkflowsOption,  # fmt: skip
    app,
    guarded,
)
from simulator.core.diagnostics import GhasimError


class RunFormat(StrEnum):
    text = "text"
    json = "json"
    mermaid = "mermaid"
    html = "html"


FormatOption = Annotated[RunFormat, typer.Option("--format", help="Output format.")]
JobsOption = Annotated[bool, typer.Option("--jobs", help="Show each run's jobs.")]


@app.command()
@guarded
def run(
    scenario: Annotated[Path, typer.Argument(metavar="SCENARIO", help="A scenario file (YAML).")],
    until: Annotated[
        str | None,
        typer.Option(
            metavar="TIME",
            help="Stop the clock at TIME "
            "(HH:MM:SS, an offset like 5m, or ISO); unfinished runs show their live "
            "status.",
        ),
    ] = None,  # fmt: skip
    format: FormatOption = RunFormat.text,
    jobs: JobsOption = False,
    why: Annotated[
        bool,
        typer.Option(
            "--why", help="Why each run started (its cause chain), and why the others did not."
        ),
    ] = False,  # fmt: skip
    seed: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            help="Random seed (for random durations and outcomes); default: the scenario's.",
        ),
    ] = None,  # fmt: skip
    workflows: WorkflowsOption = None,
    iterations: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            min=1,
            max=100_000,
            help="Monte Carlo: simulate N times (seeds seed..seed+N-1) and print, "
            "per workflow, P(started), P(success), start and lead-time quantiles, "
            "runner minutes.",
        ),
    ] = None,  # fmt: skip
    processes: Annotated[
        int | None,
        typer.Option(
            metavar="N", min=1, help="Processes for --iterations (default: the available cores)."
        ),
    ] = None,  # fmt: skip
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Simulate a scenario and print the timeline of runs.

    \b
    Examples:
      ghasim run scenarios/mlops-sync/sync-test.yml
      ghasim run scenarios/mlops-sync/full-story.yml --until 04:19:00 --jobs --why
    """
    sink = Output(output, quiet, color)
    if iterations is not None:
        return _monte_carlo(scenario, until, seed, workflows, format, sink, iterations, processes)
    from simulator.engine.api import run_scenario
    from simulator.report.render import render_run

    outcome = run_scenario(scenario, until, seed, workflows)
    sink.diagnostics(outcome.workflows.diagnostics)
    text = render_run(outcome.result, format.value, jobs=jobs, why=why, columns=sink.columns)
    sink.result(text, "timeline" if format is RunFormat.text else None)


def _monte_carlo(scenario: Path, until: str | None, seed: int | None, workflows: Path | None,
                 format: RunFormat, sink: Output, iterations: int,
                 processes: int | None) -> None:  # fmt: skip
    from simulator.engine.api import until_offset
    from simulator.engine.montecarlo import run_iterations
    from simulator.report.montecarlo import render_json, render_text
    from simulator.scenario.prepare import default_copy, load_for_run

    if format not in (RunFormat.text, RunFormat.json):
        raise GhasimError("--iterations prints a table: use --format text or json")
    sc, loaded = load_for_run(scenario, workflows)
    sink.diagnostics(loaded.diagnostics)
    if until is not None:
        sc = replace(sc, until=until_offset(until, sc.start))
    if seed is not None:
        sc = replace(sc, seed=seed)
    with sink.progress("simulating", iterations) as update:
        mc = run_iterations(sc, loaded, iterations, default_copy(sc), processes=processes,
                            progress=update)  # fmt: skip
    render = render_json if format is RunFormat.json else render_text
    sink.result(render(mc, sc.name))
