"""`ghasim push`: the chain for pushing what you have now."""

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    Color,
    ColorOption,
    DefaultBranchOption,
    Output,
    OutputOption,
    QuietOption,  # fmt: skip
    RepoOption,
    RepositoryOption,
    app,
    guarded,
)
from simulator.cli.run import FormatOption, JobsOption, RunFormat


@app.command()
@guarded
def push(
    branch: Annotated[
        str | None, typer.Option(metavar="BRANCH", help="Branch pushed (default: the current one).")
    ] = None,  # fmt: skip
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            metavar="PATH",
            help="A changed "
            "file (repeat). Default: git diff against the upstream or the default "
            "branch's merge-base.",
        ),
    ] = None,  # fmt: skip
    message: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Head commit message (default: HEAD's).")
    ] = None,  # fmt: skip
    uncommitted: Annotated[
        bool,
        typer.Option(
            "--uncommitted",
            help="Also count staged, "
            "unstaged and untracked changes, and use the working tree's "
            "workflows.",
        ),
    ] = False,  # fmt: skip
    scenario: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Take durations and outcomes from this scenario file."),
    ] = None,  # fmt: skip
    until: Annotated[
        str | None, typer.Option(metavar="TIME", help="Stop the clock at this offset (e.g. 5m).")
    ] = None,  # fmt: skip
    format: FormatOption = RunFormat.text,
    jobs: JobsOption = False,
    repo: RepoOption = Path("."),
    default_branch: DefaultBranchOption = None,
    repository: RepositoryOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Simulate the chain for pushing what you have now (branch, files, message from git).

    Above the timeline: the wiring problems this push brings and the runs that differ from
    what the default branch's workflows would do with the same push.

    \b
    Examples:
      ghasim push
      ghasim push --uncommitted --jobs
    """
    from simulator.push import plan_push, review_push, simulate_push
    from simulator.report.push_review import render_review
    from simulator.report.render import render_run

    sink = Output(output, quiet, color)
    plan = plan_push(repo, branch, file, message, uncommitted, default_branch)
    if not plan.files and file is None and format is RunFormat.text:
        # an empty push starts what an unfiltered push starts: not what the user asked
        return sink.result(f"Nothing to push: {plan.branch} has no change since {plan.since}. "
                           "Name files with --file to simulate a push anyway.")  # fmt: skip
    result = simulate_push(plan, scenario, until, repository)
    review = review_push(plan, result, scenario, until, repository)
    if format is RunFormat.json:
        extra = {"push": plan.to_json(), "review": review.to_json()}
        return sink.result(render_run(result, "json", command="push", extra=extra))
    if format is not RunFormat.text:
        return sink.result(render_run(result, format.value, jobs=jobs))
    sink.note(plan.summary())
    from simulator.report.cells import fit_lines

    text = fit_lines(render_review(review.baseline, review.findings, review.changes),
                     sink.columns)  # fmt: skip
    text += render_run(result, "text", jobs=jobs, why=True, columns=sink.columns)
    sink.result(text, "timeline")
