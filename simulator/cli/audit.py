"""`ghasim audit`: untrusted input followed through the simulated chain."""

from enum import StrEnum
from typing import Annotated

import typer

from simulator.cli.check import FindingsFormat, FindingsFormatOption, emit_findings, list_rules
from simulator.cli.common import (
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
    from simulator.workflow.loader import load_folder

    sink = Output(output, quiet, color)
    if rules:
        return list_rules(sink, all_rules())
    folder = workflows_folder(workflows)
    with sink.progress("parsing") as update:
        loaded = load_folder(folder, update)
    sink.diagnostics(loaded.diagnostics)
    name = repository or git.repository_name(folder) or "example/repo"
    with sink.progress("auditing") as update:
        result = audit_workflows(loaded, Repository(full_name=name), token_default.value, update)
    for note in result.notes:
        sink.note(f"note: {note}")
    if explain is not None:
        from simulator.audit.explain import explain_workflow

        return sink.result(explain_workflow(result, explain))
    emit_findings(sink, format, "audit", result.findings, loaded, folder, all_rules(),
                  {"repository": name, "token_default": token_default.value})  # fmt: skip
