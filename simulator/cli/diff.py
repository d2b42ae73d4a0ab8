"""`ghasim diff`: what fires differently between two revisions."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    EXIT_FINDINGS,
    Color,
    ColorOption,
    DefaultBranchOption,
    Output,
    OutputOption,
    QuietOption,
    RepoOption,
    RepositoryOption,
    app,
    guarded,  # fmt: skip
)


class DiffFormat(StrEnum):
    text = "text"
    plan = "plan"
    json = "json"
    markdown = "markdown"


@app.command()
@guarded
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="[BASE]",
            help="Base revision (default: the merge-base of HEAD with the default branch).",
        ),
    ] = None,  # fmt: skip
    head: Annotated[
        str | None,
        typer.Argument(metavar="[HEAD]", help="Head revision (default: the working tree)."),
    ] = None,  # fmt: skip
    scenarios: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Scenario files to run on both sides (default: a generated set of probes).",
        ),
    ] = None,  # fmt: skip
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", help="text (plan, then details); plan; json; markdown (for a PR comment)."
        ),
    ] = DiffFormat.text,  # fmt: skip
    fail_on_change: Annotated[
        bool, typer.Option("--fail-on-change", help="Exit 1 when behaviour differs (for CI gates).")
    ] = False,  # fmt: skip
    detailed_exitcode: Annotated[
        bool,
        typer.Option(
            "--detailed-exitcode",
            help="As terraform plan: exit 0 no change, 1 error, 2 changes.",
        ),
    ] = False,  # fmt: skip
    repo: RepoOption = Path("."),
    default_branch: DefaultBranchOption = None,
    repository: RepositoryOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """What fires differently after this change: the same probes at two revisions.

    A probe ghasim cannot simulate on a side is listed as not simulated, never as a change.

    \b
    Examples:
      ghasim diff
      ghasim diff origin/main HEAD --format markdown --fail-on-change -o diff.md
      ghasim diff --detailed-exitcode -- "$BASE" HEAD   # 0 same, 2 changes, 1 error
    """
    from simulator.core.diagnostics import GhasimError
    from simulator.core.escape import one_line
    from simulator.diff.render import render_json, render_markdown, render_plan, render_text
    from simulator.diff.run import run_diff

    sink = Output(output, quiet, color)
    try:
        with sink.progress("comparing") as update:
            report = run_diff(repo, base, head, scenarios, default_branch, repository,
                              progress=update)  # fmt: skip
    except GhasimError as exc:
        if not detailed_exitcode:
            raise
        typer.echo(one_line(str(exc)), err=True)
        raise typer.Exit(DETAILED_ERROR) from None
    render = {"text": render_text, "plan": render_plan, "json": render_json,
              "markdown": render_markdown}[format.value]  # fmt: skip
    sink.result(render(report), "diff" if format in (DiffFormat.text, DiffFormat.plan) else None)
    if detailed_exitcode:
        raise typer.Exit(DETAILED_CHANGES if report.changed else 0)
    if fail_on_change and report.changed:
        raise typer.Exit(EXIT_FINDINGS)


# `terraform plan -detailed-exitcode`: 0 no changes, 1 an error, 2 changes.
DETAILED_ERROR = 1
DETAILED_CHANGES = 2
