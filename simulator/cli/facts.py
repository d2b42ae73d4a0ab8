"""`ghasim facts`: the facts behind every reason, to look up."""

from typing import Annotated

import typer

from simulator.cli.common import (
    Color,
    ColorOption,
    Output,
    OutputOption,
    QuietOption,
    TextJson,  # fmt: skip
    app,
    guarded,
)
from simulator.core.diagnostics import GhasimError


@app.command()
@guarded
def facts(
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NUMBER|WORD...]",
            help="A fact number (5.6 or §5.6), a section (5), or words to search for.",
        ),
    ] = None,  # fmt: skip
    format: Annotated[TextJson, typer.Option("--format", help="Output format.")] = TextJson.text,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """The GitHub facts ghasim's reasons cite: text, what ghasim does, sources.

    \b
    Examples:
      ghasim facts 5.6
      ghasim facts "skip ci"
    """
    from simulator.core.facts import lookup
    from simulator.report.facts_text import render_fact, render_json, render_list

    sink = Output(output, quiet, color)
    text = " ".join(query or [])
    found = lookup(text)
    if not found:
        raise GhasimError(f"no fact matches '{text}' (ghasim facts lists them all)")
    if format is TextJson.json:
        return sink.result(render_json(found))
    if len(found) == 1:
        return sink.result(render_fact(found[0], sink.columns))
    sink.result(render_list(found, sink.columns))
