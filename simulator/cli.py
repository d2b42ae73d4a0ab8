"""The `ghasim` command. Thin: parse options, call the library, print, pick the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from simulator.core.diagnostics import GhasimError
from simulator.core.escape import json_document, one_line, terminal

app = typer.Typer(
    name="ghasim",
    help="Simulate GitHub Actions workflow chains locally: which workflows start, "
    "how workflow_run propagates, and when.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_ERROR = 2


def _version(value: bool) -> None:
    if value:
        from simulator import __version__

        typer.echo(f"ghasim {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Parse every workflow file again (no parse cache)."),
    ] = False,
) -> None:
    """Simulate GitHub Actions workflow chains locally."""
    from simulator.workflow.cache import configure

    configure(not no_cache)


class TextJson(StrEnum):
    text = "text"
    json = "json"


def out(text: str) -> None:
    """Standard output: control characters a name may carry are shown, never sent (§S)."""
    text = terminal(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Every command: a GhasimError is one line on stderr and exit 2, never a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GhasimError as exc:
            typer.echo(one_line(str(exc)), err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug of ours: still one line, with a way to see more
            if os.environ.get("GHASIM_DEBUG"):
                raise
            typer.echo(
                f"ghasim: internal error: {type(exc).__name__}: {one_line(str(exc))} "
                "(set GHASIM_DEBUG=1 for the traceback, and please report it)",
                err=True,
            )
            raise typer.Exit(70) from None

    return wrapper


def print_diagnostics(diagnostics: list) -> None:
    for diag in diagnostics:
        typer.echo(one_line(str(diag)), err=True)


# ----------------------------------------------------------------------------------- explain


@app.command()
@guarded
def explain(
    event: Annotated[
        str,
        typer.Option(
            help="Event name: push, pull_request, workflow_run, "
            "workflow_dispatch, schedule, issues ..."
        ),
    ] = "push",
    workflows: Annotated[Path, typer.Option(help="The workflows folder.")] = Path(
        ".github/workflows"
    ),
    branch: Annotated[
        str | None,
        typer.Option(
            help="Branch pushed (default: git's current branch, else main); PR base branch."
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Tag pushed (instead of a branch).")] = None,
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file", help="A changed file (repeat). Default: the files HEAD changed, from git."
        ),
    ] = None,
    message: Annotated[str | None, typer.Option(help="Head commit message.")] = None,
    token: Annotated[
        str, typer.Option(help="Who caused the event: pat, app or github_token.")
    ] = "pat",
    commits: Annotated[int, typer.Option(help="Number of commits pushed.")] = 1,
    action: Annotated[
        str | None, typer.Option(help="Activity type (pull_request opened, issues labeled ...).")
    ] = None,
    head: Annotated[str, typer.Option(help="Pull request head branch.")] = "feature",
    upstream: Annotated[
        str | None, typer.Option(help="workflow_run: the upstream workflow's name.")
    ] = None,
    activity: Annotated[
        str, typer.Option(help="workflow_run: requested, in_progress or completed.")
    ] = "completed",
    head_branch: Annotated[
        str, typer.Option(help="workflow_run: the upstream run's head branch.")
    ] = "main",
    depth: Annotated[
        int,
        typer.Option(
            help="workflow_run: chain level of the run that would be "
            "created (1 when the upstream started from a push)."
        ),
    ] = 1,
    conclusion: Annotated[
        str | None, typer.Option(help="workflow_run: upstream conclusion.")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--workflow", help="workflow_dispatch: the workflow dispatched.")
    ] = None,
    cron: Annotated[str | None, typer.Option(help="schedule: the cron that fired.")] = None,
    event_type: Annotated[str | None, typer.Option(help="repository_dispatch event type.")] = None,
    repo: Annotated[Path, typer.Option(help="Git repository for default files/branch.")] = Path(
        "."
    ),
    format: Annotated[TextJson, typer.Option("--format", help="Output format.")] = TextJson.text,
    repository: Annotated[
        str | None,
        typer.Option(
            help="The repository as owner/name (github.repository); default: the git remote origin."
        ),  # fmt: skip
    ] = None,
) -> None:
    """For one event: which workflows start, which do not, and why."""
    from simulator.push import local_push
    from simulator.report.explain_text import render_explain
    from simulator.rules.explain import explain as run_explain
    from simulator.scenario.events import EventContext, event_from_flags
    from simulator.workflow.loader import load_folder

    loaded = load_folder(workflows)
    if event == "push" and tag is None:
        branch, file, message = local_push(repo, branch, file, message)
    elif event == "push":
        _, file, message = local_push(repo, "main", file, message)
    options = dict(branch=branch, tag=tag, file=file, message=message, token=token,
                   commits=commits, action=action, head=head, upstream=upstream,
                   activity=activity, head_branch=head_branch, depth=depth, conclusion=conclusion,
                   workflow=target, cron=cron, event_type=event_type)  # fmt: skip
    ev = event_from_flags(event, options, EventContext())
    from simulator.core import git

    verdicts = run_explain(loaded, ev, repository=repository or git.repository_name(workflows))
    print_diagnostics(loaded.diagnostics)
    if format is TextJson.json:
        out(json_document([v.to_json() for v in verdicts]))
    else:
        out(render_explain(ev, verdicts))
    if loaded.broken:
        raise typer.Exit(1)


# ----------------------------------------------------------------------------------- run


class RunFormat(StrEnum):
    text = "text"
    json = "json"
    mermaid = "mermaid"
    html = "html"


@app.command()
@guarded
def run(
    scenario: Annotated[Path, typer.Argument(help="A scenario file (YAML).")],
    until: Annotated[
        str | None,
        typer.Option(
            help="Stop the clock at this time (HH:MM:SS, an "
            "offset like 5m, or ISO); unfinished runs show "
            "their live status."
        ),
    ] = None,
    format: Annotated[RunFormat, typer.Option("--format", help="Output format.")] = RunFormat.text,
    jobs: Annotated[bool, typer.Option("--jobs", help="Show each run's jobs.")] = False,
    why: Annotated[
        bool, typer.Option("--why", help="Also list the workflows that did not start and why.")
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            help="Random seed (for random durations and outcomes); default: the scenario's."
        ),
    ] = None,
    workflows: Annotated[
        Path | None, typer.Option(help="Use this workflows folder instead of the scenario's.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    iterations: Annotated[
        int | None,
        typer.Option(
            help="Monte Carlo: simulate N times (seeds seed..seed+N-1) and print, per "
            "workflow, P(started), P(success), start and lead-time quantiles, runner "
            "minutes.",
            min=1,
            max=100_000,
        ),  # fmt: skip
    ] = None,
    processes: Annotated[
        int | None,
        typer.Option(help="Processes for --iterations (default: the available cores).", min=1),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Simulate a scenario and print the timeline of runs."""
    if iterations is not None:
        return _monte_carlo(scenario, until, seed, workflows, format, output, iterations,
                            processes, quiet)  # fmt: skip
    from simulator.engine.api import run_scenario
    from simulator.report.render import render_run

    outcome = run_scenario(scenario, until, seed, workflows)
    print_diagnostics(outcome.workflows.diagnostics)
    text = render_run(outcome.result, format.value, jobs=jobs, why=why)
    emit(text, output)


def _monte_carlo(scenario: Path, until: str | None, seed: int | None, workflows: Path | None,
                 format: RunFormat, output: Path | None, iterations: int,
                 processes: int | None, quiet: bool) -> None:  # fmt: skip
    from dataclasses import replace

    from simulator.engine.api import until_offset
    from simulator.engine.montecarlo import run_iterations
    from simulator.report.montecarlo import render_json, render_text
    from simulator.report.progress import progress_bar
    from simulator.scenario.prepare import load_for_run

    if format not in (RunFormat.text, RunFormat.json):
        raise GhasimError("--iterations prints a table: use --format text or json")
    sc, loaded = load_for_run(scenario, workflows)
    print_diagnostics(loaded.diagnostics)
    if until is not None:
        sc = replace(sc, until=until_offset(until, sc.start))
    if seed is not None:
        sc = replace(sc, seed=seed)
    with progress_bar(iterations, "simulating", enabled=not quiet) as update:
        mc = run_iterations(sc, loaded, iterations, processes=processes, progress=update)
    render = render_json if format is RunFormat.json else render_text
    emit(render(mc, sc.name), output)


def emit(text: str, output: Path | None) -> None:
    """Print, or write to a file (never over the user's input files)."""
    if output is None:
        if sys.stdout.isatty():
            from simulator.report.colour import print_coloured

            print_coloured(terminal(text))
        else:
            out(text)
        return
    try:
        text = terminal(text)
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise GhasimError(f"cannot write {output}: {exc.strerror}") from None
    typer.echo(one_line(f"wrote {output}"), err=True)


# ----------------------------------------------------------------------------------- test


class TestFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"


@app.command("test")
@guarded
def test_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or folders (default: scenarios/).")
    ] = None,
    format: Annotated[
        TestFormat, typer.Option("--format", help="Output format.")
    ] = TestFormat.text,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Write each scenario's timeline to <name>.timeline.txt next to it."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write the report to this file (e.g. JUnit XML for CI)."
        ),
    ] = None,
) -> None:
    """Run scenario files as regression tests: their expect: and their golden timelines."""
    from simulator.testing.suite import discover, render_json, render_junit, render_text, run_one

    files = discover(paths or [Path("scenarios")])
    if not files:
        raise GhasimError("no scenario file found (a YAML file with 'events' or 'expect')")
    results = [run_one(f, update=update) for f in files]
    render = {"text": render_text, "json": render_json, "junit": render_junit}[format.value]
    emit(render(results), output)
    if not all(r.ok for r in results):
        raise typer.Exit(1)


# ----------------------------------------------------------------------------------- check


@app.command()
@guarded
def check(
    workflows: Annotated[Path, typer.Option(help="The workflows folder.")] = Path(
        ".github/workflows"
    ),
    format: Annotated[TextJson, typer.Option("--format", help="Output format.")] = TextJson.text,
    default_branch: Annotated[
        str | None,
        typer.Option(help="The repository's default branch (default: main, or the config's)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="A config file with required_checks (default: .ghasim.yml if present)."),
    ] = None,
) -> None:
    """Static wiring diagnostics: file:line:col: [rule] message. Exit 1 on errors."""
    from simulator.check.render import render_json, render_text, summary
    from simulator.check.run import check_folder

    loaded, found = check_folder(workflows, default_branch, config)
    if format is TextJson.json:
        out(render_json(found))
    else:
        if found:
            out(render_text(found))
        typer.echo(summary(len(loaded.workflows) + len(loaded.broken), found), err=True)
    if any(d.severity == "error" for d in found):
        raise typer.Exit(1)


# ----------------------------------------------------------------------------------- graph


class GraphFormat(StrEnum):
    text = "text"
    mermaid = "mermaid"
    dot = "dot"


class Lang(StrEnum):
    en = "en"
    fr = "fr"


@app.command()
@guarded
def graph(
    workflows: Annotated[Path, typer.Option(help="The workflows folder.")] = Path(
        ".github/workflows"
    ),
    format: Annotated[
        GraphFormat, typer.Option("--format", help="Output format.")
    ] = GraphFormat.text,
    lang: Annotated[Lang, typer.Option(help="Language of the labels.")] = Lang.en,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """The architecture from the workflow files: who triggers whom."""
    from simulator.report.architecture import build
    from simulator.report.dot import dot
    from simulator.report.graph_text import draw_architecture
    from simulator.report.mermaid import flowchart
    from simulator.report.messages import catalogue
    from simulator.workflow.loader import load_folder

    loaded = load_folder(workflows)
    print_diagnostics(loaded.diagnostics)
    msg = catalogue(lang.value)
    arch = build(loaded, msg)
    render = {"text": draw_architecture, "mermaid": flowchart, "dot": dot}[format.value]
    emit(render(arch, msg), output)


# ----------------------------------------------------------------------------------- report


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command()
@guarded
def report(
    scenario: Annotated[Path, typer.Argument(help="A scenario file (YAML).")],
    lang: Annotated[Lang, typer.Option(help="Language of the report.")] = Lang.en,
    format: Annotated[
        ReportFormat, typer.Option("--format", help="Output format.")
    ] = ReportFormat.markdown,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Stop the clock at this time.")] = None,
) -> None:
    """The sync-test report: timeline, summary, architecture, triggers (Markdown or HTML)."""
    from simulator.check.context import CheckContext
    from simulator.check.run import run_checks
    from simulator.engine.api import run_scenario
    from simulator.report.document import build_report
    from simulator.report.markdown import render_markdown

    outcome = run_scenario(scenario, until)
    print_diagnostics(outcome.workflows.diagnostics)
    problems = run_checks(CheckContext(outcome.workflows, outcome.scenario.default_branch))
    doc = build_report(outcome, lang.value, problems)
    if format is ReportFormat.html:
        from simulator.report.html import render_html

        emit(render_html(doc), output)
    else:
        emit(render_markdown(doc), output)


# ----------------------------------------------------------------------------------- diff


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
@guarded
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            help="Base revision (default: the merge-base of HEAD with the default branch)."
        ),
    ] = None,
    head: Annotated[
        str | None, typer.Argument(help="Head revision (default: the working tree).")
    ] = None,
    scenarios: Annotated[
        Path | None,
        typer.Option(
            help="Scenario files to run on both sides (default: a generated standard set)."
        ),
    ] = None,
    format: Annotated[
        DiffFormat, typer.Option("--format", help="Output format.")
    ] = DiffFormat.text,
    fail_on_change: Annotated[
        bool, typer.Option("--fail-on-change", help="Exit 1 when behaviour differs (for CI gates).")
    ] = False,
    repo: Annotated[Path, typer.Option(help="The git repository.")] = Path("."),
    default_branch: Annotated[
        str | None, typer.Option(help="Default branch (default: origin's, else main or master).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    repository: Annotated[
        str | None,
        typer.Option(
            help="The repository as owner/name (github.repository); default: the git remote origin."
        ),  # fmt: skip
    ] = None,
) -> None:
    """What fires differently after this change: the same scenarios at two revisions."""
    from simulator.diff.render import render_json, render_markdown, render_text
    from simulator.diff.run import run_diff

    report = run_diff(repo, base, head, scenarios, default_branch, repository)
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}[format.value]
    emit(render(report), output)
    if fail_on_change and report.changed:
        raise typer.Exit(1)


# ----------------------------------------------------------------------------------- push


@app.command()
@guarded
def push(
    branch: Annotated[
        str | None, typer.Option(help="Branch pushed (default: the current one).")
    ] = None,
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            help="A changed file (repeat). "
            "Default: git diff against the upstream or "
            "the default branch's merge-base.",
        ),
    ] = None,
    message: Annotated[
        str | None, typer.Option(help="Head commit message (default: HEAD's).")
    ] = None,
    uncommitted: Annotated[
        bool,
        typer.Option(
            "--uncommitted",
            help="Also count staged, unstaged "
            "and untracked changes, and use the working tree's "
            "workflows.",
        ),
    ] = False,
    scenario: Annotated[
        Path | None, typer.Option(help="Take durations and outcomes from this scenario file.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Stop the clock at this offset (e.g. 5m).")
    ] = None,
    format: Annotated[RunFormat, typer.Option("--format", help="Output format.")] = RunFormat.text,
    jobs: Annotated[bool, typer.Option("--jobs", help="Show each run's jobs.")] = False,
    repo: Annotated[Path, typer.Option(help="The git repository.")] = Path("."),
    default_branch: Annotated[str | None, typer.Option(help="Default branch.")] = None,
    repository: Annotated[
        str | None,
        typer.Option(
            help="The repository as owner/name (github.repository); default: the git remote origin."
        ),  # fmt: skip
    ] = None,
) -> None:
    """Simulate the chain for pushing what you have now (branch, files, message from git)."""
    from simulator.push import plan_push, simulate_push
    from simulator.report.render import render_run

    plan = plan_push(repo, branch, file, message, uncommitted, default_branch)
    result = simulate_push(plan, scenario, until, repository)
    if format is RunFormat.text:
        typer.echo(one_line(plan.summary()), err=True)
    emit(render_run(result, format.value, jobs=jobs, why=format is RunFormat.text), None)


# ----------------------------------------------------------------------------------- replay


@app.command()
@guarded
def replay(
    since: Annotated[
        str | None,
        typer.Option(
            help="Only commits after this date (git's --since: 2026-01-01, '30 days ago')."
        ),
    ] = None,
    commits: Annotated[int | None, typer.Option(help="Only the last N commits.")] = None,
    branch: Annotated[
        str | None,
        typer.Option(help="Branch whose history is replayed (default: the default branch)."),
    ] = None,
    rev: Annotated[str, typer.Option(help="Workflows at this revision are replayed.")] = "HEAD",
    base: Annotated[
        str | None,
        typer.Option(help="Also replay the workflows at this revision and compare the minutes."),
    ] = None,
    scenario: Annotated[
        Path | None, typer.Option(help="Durations, outcomes, runners from this scenario file.")
    ] = None,
    prices: Annotated[
        Path | None,
        typer.Option(
            help="YAML of USD per minute by runner label or category (linux, windows, macos ...)."
        ),
    ] = None,
    format: Annotated[TextJson, typer.Option("--format", help="Output format.")] = TextJson.text,
    repo: Annotated[Path, typer.Option(help="The git repository.")] = Path("."),
    repository: Annotated[
        str | None,
        typer.Option(
            help="The repository as owner/name (github.repository); default: the git remote origin."
        ),  # fmt: skip
    ] = None,
) -> None:
    """Simulate every push of the real history: runs, runner-minutes, cost, queue times."""
    from simulator.replay.render import render_json, render_text
    from simulator.replay.run import replay_repository

    report = replay_repository(repo, since=since, commits=commits, branch=branch, rev=rev,
                               base=base, scenario=scenario, prices=prices,
                               repository=repository)  # fmt: skip
    render = render_json if format is TextJson.json else render_text
    out(render(report.result, report.revision, report.base))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
