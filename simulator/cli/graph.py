"""`ghasim graph`: who triggers whom, from the workflow files alone."""

from enum import StrEnum
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
    workflows_folder,
)


class GraphFormat(StrEnum):
    text = "text"
    mermaid = "mermaid"
    dot = "dot"
    json = "json"


@app.command()
@guarded
def graph(
    workflows: WorkflowsOption = None,
    format: Annotated[GraphFormat, typer.Option("--format", help="Output format.")] = (
        GraphFormat.text
    ),  # fmt: skip
    lang: Annotated[Lang, typer.Option(help="Language of the labels.")] = Lang.en,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """The architecture from the workflow files: who triggers whom.

    \b
    Examples:
      ghasim graph
      ghasim graph --workflows scenarios/mlops-sync/workflows --format mermaid -o chain.mmd
    """
    from simulator.report.architecture import build
    from simulator.report.messages import catalogue
    from simulator.workflow.loader import load_folder

    sink = Output(output, quiet, color)
    folder = workflows_folder(workflows)
    loaded = load_folder(folder)
    sink.diagnostics(loaded.diagnostics)
    msg = catalogue(lang.value)
    arch = build(loaded, msg)
    if format is GraphFormat.json:
        from simulator.report.graph_json import graph_json

        return sink.result(graph_json(arch, str(folder)))
    if format is GraphFormat.text:
        from simulator.report.graph_text import draw_architecture

        return sink.result(draw_architecture(arch, msg, sink.columns))
    from simulator.report.dot import dot
    from simulator.report.mermaid import flowchart

    render = {"mermaid": flowchart, "dot": dot}[format.value]
    sink.result(render(arch, msg))
