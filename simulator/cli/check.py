"""`ghasim check`: static wiring diagnostics, in the formats CI tools read."""

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
    WorkflowsOption,
    app,
    guarded,
    workflows_folder,  # fmt: skip
)


class FindingsFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


FindingsFormatOption = Annotated[
    FindingsFormat,
    typer.Option("--format", help="text; json; sarif (GitHub code scanning); github "
                 "(::error annotations on the pull request's files)."),
]  # fmt: skip


@app.command()
@guarded
def check(
    workflows: WorkflowsOption = None,
    format: FindingsFormatOption = FindingsFormat.text,
    default_branch: DefaultBranchOption = None,
    config: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="A config file with "
            "required_checks (default: .ghasim.yml at the repository's root).",
        ),
    ] = None,  # fmt: skip
    rules: Annotated[
        bool,
        typer.Option("--rules", help="List the rules, their facts and what they find, and exit."),
    ] = False,  # fmt: skip
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Static wiring diagnostics: file:line:col: [rule] message. Exit 1 on errors.

    \b
    Examples:
      ghasim check
      ghasim check --format sarif -o ghasim.sarif
    """
    from simulator.check.catalogue import rules as all_rules
    from simulator.check.run import check_folder

    sink = Output(output, quiet, color)
    if rules:
        return list_rules(sink, all_rules())
    folder = workflows_folder(workflows)
    with sink.progress("checking") as update:
        loaded, found = check_folder(folder, default_branch, config, update)
    emit_findings(sink, format, "check", found, loaded, folder, all_rules())


def list_rules(sink: Output, rules: list) -> None:
    """`--rules`: id, severity, fact, title, one rule a line."""
    sink.result("\n".join(f"{r.id:24} {r.severity:7} {r.fact or '':6} {r.title}" for r in rules))


def emit_findings(sink: Output, format: FindingsFormat, command: str, found: list, loaded,
                  folder: Path, rules: list, extra: dict | None = None) -> None:  # fmt: skip
    """Findings of `ghasim check` or `ghasim audit` in the format asked; exit 1 on errors."""
    from simulator.report.findings import render_github, render_json, render_text, summary

    files = len(loaded.workflows) + len(loaded.broken)
    if format is FindingsFormat.json:
        sink.result(render_json(command, found, files,
                                {"workflows_folder": str(folder), **(extra or {})}))  # fmt: skip
    elif format is FindingsFormat.sarif:
        from simulator import __version__
        from simulator.report.sarif import render_sarif
        from simulator.workflow.discovery import source_root

        sink.result(render_sarif(found, rules, __version__, source_root(folder),
                                 f"ghasim {command}"))  # fmt: skip
    elif format is FindingsFormat.github:
        sink.result(render_github(found, f"ghasim {command}"))
    else:
        if found:
            sink.result(render_text(found), "check")
        sink.note(summary(files, found, "checked" if command == "check" else "audited"))
    if any(d.severity == "error" for d in found):
        raise typer.Exit(EXIT_FINDINGS)
