"""`ghasim pr`: the pull request the current branch would open."""

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    Color,
    ColorOption,
    DefaultBranchOption,
    Output,
    OutputOption,
    QuietOption,
    RepoOption,
    RepositoryOption,
    app,
    guarded,
)
from simulator.cli.run import FormatOption, JobsOption, RunFormat


@app.command()
@guarded
def pr(
    base: Annotated[
        str | None,
        typer.Option(
            metavar="BRANCH", help="The branch it merges into (default: the default branch)."
        ),  # fmt: skip
    ] = None,
    head: Annotated[
        str | None, typer.Option(metavar="BRANCH", help="Its branch (default: the current one).")
    ] = None,  # fmt: skip
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            metavar="PATH",
            help="A changed file (repeat). Default: git "
            "diff BASE...HEAD, as the pull request shows it.",
        ),  # fmt: skip
    ] = None,
    format: FormatOption = RunFormat.text,
    jobs: JobsOption = False,
    repo: RepoOption = Path("."),
    default_branch: DefaultBranchOption = None,
    repository: RepositoryOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Simulate the pull request this branch would open: its runs and check names, the
    required checks left Pending, and what differs from the default branch's workflows.

    \b
    Examples:
      ghasim pr
      ghasim pr --base release/2026 --jobs
    """
    from simulator.pr import (
        plan_pull_request,
        render_review,
        review_pull_request,
        simulate_pull_request,
    )
    from simulator.report.render import render_run

    sink = Output(output, quiet, color)
    plan = plan_pull_request(repo, base, head, file, default_branch)
    result = simulate_pull_request(plan, repository)
    review = review_pull_request(plan, result, repository)
    if format is RunFormat.json:
        extra = {"pull_request": plan.to_json(), "review": review.to_json()}
        return sink.result(render_run(result, "json", command="pr", extra=extra))
    if format is not RunFormat.text:
        return sink.result(render_run(result, format.value, jobs=jobs))
    sink.note(plan.summary())
    text = render_review(plan, review)
    text += render_run(result, "text", jobs=jobs, why=True, columns=sink.columns)
    sink.result(text, "timeline")
