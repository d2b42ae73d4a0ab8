"""`ghasim report`: the sync-test report as a document (Markdown or HTML)."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    Color,
    ColorOption,
    Lang,
    Output,
    OutputOption,
    QuietOption,
    WorkflowsOption,  # fmt: skip
    app,
    guarded,
)


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command()
@guarded
def report(
    scenario: Annotated[Path, typer.Argument(metavar="SCENARIO", help="A scenario file (YAML).")],
    lang: Annotated[Lang, typer.Option(help="Language of the report.")] = Lang.en,
    format: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = (
        ReportFormat.markdown
    ),  # fmt: skip
    until: Annotated[
        str | None, typer.Option(metavar="TIME", help="Stop the clock at TIME.")
    ] = None,  # fmt: skip
    workflows: WorkflowsOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """The sync-test report: timeline, summary, architecture, triggers (Markdown or HTML).

    \b
    Examples:
      ghasim report scenarios/mlops-sync/sync-test.yml --lang fr -o rapport.md
      ghasim report scenarios/mlops-sync/full-story.yml --format html -o report.html
    """
    from simulator.check.context import CheckContext
    from simulator.check.run import run_checks
    from simulator.engine.api import run_scenario
    from simulator.report.document import build_report

    sink = Output(output, quiet, color)
    outcome = run_scenario(scenario, until, None, workflows)
    sink.diagnostics(outcome.workflows.diagnostics)
    problems = run_checks(CheckContext(outcome.workflows, outcome.scenario.default_branch))
    doc = build_report(outcome, lang.value, problems)
    if format is ReportFormat.html:
        from simulator.report.html import render_html

        return sink.result(render_html(doc))
    from simulator.report.markdown import render_markdown

    sink.result(render_markdown(doc))
