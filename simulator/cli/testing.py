"""`ghasim test`: scenario files as regression tests."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    EXIT_FINDINGS,
    Color,
    ColorOption,
    Output,
    OutputOption,
    QuietOption,  # fmt: skip
    app,
    guarded,
)
from simulator.core.diagnostics import GhasimError


class TestFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"


@app.command("test")
@guarded
def test_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...", help="Scenario files or folders (default: scenarios/)."
        ),
    ] = None,  # fmt: skip
    format: Annotated[TestFormat, typer.Option("--format", help="Output format.")] = (
        TestFormat.text
    ),  # fmt: skip
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Write each scenario's timeline to "
            "<name>.timeline.txt next to it (the golden file).",
        ),
    ] = False,  # fmt: skip
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Run scenario files as regression tests: their expect: and their golden timelines.

    \b
    Examples:
      ghasim test scenarios/
      ghasim test scenarios/ --format junit -o ghasim-junit.xml
    """
    from simulator.testing.suite import discover, render_json, render_junit, render_text, run_one

    sink = Output(output, quiet, color)
    files = discover(paths or [Path("scenarios")])
    if not files:
        raise GhasimError("no scenario file found (a YAML file with 'events' or 'expect')")
    results = []
    with sink.progress("testing", len(files)) as advance:
        for i, file in enumerate(files, 1):
            results.append(run_one(file, update=update))
            advance(i)
    render = {"text": render_text, "json": render_json, "junit": render_junit}[format.value]
    sink.result(render(results), "test" if format is TestFormat.text else None)
    if not all(r.ok for r in results):
        raise typer.Exit(EXIT_FINDINGS)
