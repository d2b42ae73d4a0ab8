"""`ghasim explain`: for one event, which workflows start, which do not, and why."""

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    EXIT_FINDINGS,
    Color,
    ColorOption,
    Output,
    OutputOption,
    QuietOption,
    RepoOption,
    RepositoryOption,
    TextJson,
    WorkflowsOption,  # fmt: skip
    app,
    guarded,
    workflows_folder,
)


@app.command()
@guarded
def explain(
    event: Annotated[
        str,
        typer.Option(
            metavar="EVENT",
            help="Event name: push, pull_request, "
            "workflow_run, workflow_dispatch, schedule, release, issues ...",
        ),
    ] = "push",  # fmt: skip
    workflows: WorkflowsOption = None,
    branch: Annotated[
        str | None,
        typer.Option(
            metavar="BRANCH",
            help="Branch pushed (default: git's current branch, else main); a PR's base branch.",
        ),
    ] = None,  # fmt: skip
    tag: Annotated[
        str | None,
        typer.Option(metavar="TAG", help="Tag pushed (instead of a branch); a release's tag."),
    ] = None,  # fmt: skip
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            metavar="PATH",
            help="A changed file (repeat). Default: the files HEAD changed, from git.",
        ),
    ] = None,  # fmt: skip
    message: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Head commit message.")
    ] = None,  # fmt: skip
    token: Annotated[
        str, typer.Option(metavar="WHO", help="Who caused the event: pat, app or github_token.")
    ] = "pat",  # fmt: skip
    commits: Annotated[int, typer.Option(metavar="N", help="Number of commits pushed.")] = 1,
    action: Annotated[
        str | None,
        typer.Option(
            metavar="TYPE", help="Activity type (pull_request opened, issues labeled ...)."
        ),
    ] = None,  # fmt: skip
    head: Annotated[
        str, typer.Option(metavar="BRANCH", help="A pull request's head branch.")
    ] = "feature",  # fmt: skip
    upstream: Annotated[
        str | None, typer.Option(metavar="NAME", help="workflow_run: the upstream workflow's name.")
    ] = None,  # fmt: skip
    activity: Annotated[
        str, typer.Option(metavar="TYPE", help="workflow_run: requested, in_progress or completed.")
    ] = "completed",  # fmt: skip
    head_branch: Annotated[
        str, typer.Option(metavar="BRANCH", help="workflow_run: the upstream run's head branch.")
    ] = "main",  # fmt: skip
    depth: Annotated[
        int,
        typer.Option(
            metavar="N",
            help="workflow_run: chain level of the run "
            "that would be created (1 when the upstream started from a push).",
        ),
    ] = 1,  # fmt: skip
    conclusion: Annotated[
        str | None,
        typer.Option(metavar="CONCLUSION", help="workflow_run: the upstream's conclusion."),
    ] = None,  # fmt: skip
    target: Annotated[
        str | None,
        typer.Option(
            "--workflow",
            metavar="NAME",
            help="workflow_dispatch: the workflow dispatched (name or file).",
        ),
    ] = None,  # fmt: skip
    cron: Annotated[
        str | None, typer.Option(metavar="CRON", help="schedule: the cron that fired.")
    ] = None,  # fmt: skip
    event_type: Annotated[
        str | None, typer.Option(metavar="TYPE", help="repository_dispatch: the event type.")
    ] = None,  # fmt: skip
    ref_type: Annotated[
        str | None,
        typer.Option(metavar="branch|tag", help="create/delete: what was created or deleted."),
    ] = None,  # fmt: skip
    on_pull_request: Annotated[
        bool | None,
        typer.Option(
            "--on-pull-request/--on-issue",
            help="issue_comment: a comment on a pull request, or on an issue.",
        ),
    ] = None,  # fmt: skip
    repo: RepoOption = Path("."),
    repository: RepositoryOption = None,
    format: Annotated[TextJson, typer.Option("--format", help="Output format.")] = TextJson.text,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """For one event: which workflows start, which do not, and why.

    \b
    Examples:
      ghasim explain --branch main --file data/raw.csv
      ghasim explain --event workflow_run --upstream "CI Pipeline" --conclusion failure
    """
    from simulator.core import git
    from simulator.core.escape import schema_document
    from simulator.push import local_push
    from simulator.report.explain_text import render_explain
    from simulator.rules.explain import explain as run_explain
    from simulator.rules.explain import to_json
    from simulator.scenario.events import EventContext, event_from_flags
    from simulator.workflow.loader import load_folder

    sink = Output(output, quiet, color)
    folder = workflows_folder(workflows)
    loaded = load_folder(folder)
    if event == "push" and tag is None:
        branch, file, message = local_push(repo, branch, file, message)
    elif event == "push":
        _, file, message = local_push(repo, "main", file, message)
    options = dict(branch=branch, tag=tag, file=file, message=message, token=token,
                   commits=commits, action=action, head=head, upstream=upstream,
                   activity=activity, head_branch=head_branch, depth=depth, conclusion=conclusion,
                   workflow=target, cron=cron, event_type=event_type, ref_type=ref_type,
                   on_pull_request=on_pull_request)  # fmt: skip
    ev = event_from_flags(event, options, EventContext())
    verdicts = run_explain(loaded, ev, repository=repository or git.repository_name(folder))
    sink.diagnostics(loaded.diagnostics)
    if format is TextJson.json:
        sink.result(schema_document("explain", to_json(ev, verdicts, str(folder))))
    else:
        sink.result(render_explain(ev, verdicts, sink.columns), "explain")
    if loaded.broken:
        raise typer.Exit(EXIT_FINDINGS)
