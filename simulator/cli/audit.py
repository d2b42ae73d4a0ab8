"""`ghasim audit`: untrusted input followed through the simulated chain."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from simulator.cli.check import FindingsFormat, FindingsFormatOption
from simulator.cli.common import (
    EXIT_FINDINGS,
    Color,
    ColorOption,
    Output,
    OutputOption,
    QuietOption,
    RepositoryOption,
    WorkflowsOption,
    app,
    guarded,
    workflows_folder,  # fmt: skip
)


class TokenDefault(StrEnum):
    permissive = "permissive"
    restricted = "restricted"


@app.command()
@guarded
def audit(
    workflows: WorkflowsOption = None,
    format: FindingsFormatOption = FindingsFormat.text,
    repository: RepositoryOption = None,
    token_default: Annotated[
        TokenDefault,
        typer.Option(
            help="The repository's default "
            "GITHUB_TOKEN permissions (§14.6): permissive (read and write, "
            "repositories before 2023-02-02) or restricted (read)."
        ),
    ] = (TokenDefault.permissive),  # fmt: skip
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="WORKFLOW",
            help="Print the "
            "effective token and secrets of each job of WORKFLOW in every probe "
            "that reaches it.",
        ),
    ] = None,  # fmt: skip
    rules: Annotated[bool, typer.Option("--rules", help="List the rules and exit.")] = False,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Follow untrusted input (a fork's pull request, an outsider's comment) through the
    simulated chain: file:line:col: [rule] path: message. Exit 1 on errors.

    \b
    Examples:
      ghasim audit
      ghasim audit --explain "Publish Preview" --token-default restricted
    """
    from simulator.audit.run import audit_workflows
    from simulator.audit.run import rules as all_rules
    from simulator.core import git
    from simulator.core.events import Repository
    from simulator.report.findings import render_github, render_json, render_text, summary
    from simulator.workflow.loader import load_folder

    sink = Output(output, quiet, color)
    if rules:
        sink.result("\n".join(f"{r.id:24} {r.severity:7} {r.fact or '':6} {r.title}"
                              for r in all_rules()))  # fmt: skip
        return
    folder = workflows_folder(workflows)
    loaded = load_folder(folder)
    sink.diagnostics(loaded.diagnostics)
    name = repository or git.repository_name(folder) or "example/repo"
    result = audit_workflows(loaded, Repository(full_name=name), token_default.value)
    for note in result.notes:
        sink.note(f"note: {note}")
    if explain is not None:
        from simulator.audit.explain import explain_workflow

        return sink.result(explain_workflow(result, explain))
    found = result.findings
    files = len(loaded.workflows) + len(loaded.broken)
    if format is FindingsFormat.json:
        sink.result(render_json("audit", found, files, {"workflows_folder": str(folder),
                                                        "repository": name,
                                                        "token_default": token_default.value}))  # fmt: skip
    elif format is FindingsFormat.sarif:
        from simulator import __version__
        from simulator.report.sarif import render_sarif
        from simulator.workflow.discovery import source_root

        sink.result(render_sarif(found, all_rules(), __version__, source_root(folder),
                                 "ghasim audit"))  # fmt: skip
    elif format is FindingsFormat.github:
        sink.result(render_github(found, "ghasim audit"))
    else:
        if found:
            sink.result(render_text(found), "check")
        sink.note(summary(files, found).replace("checked", "audited"))
    if any(d.severity == "error" for d in found):
        raise typer.Exit(EXIT_FINDINGS)
