"""What every command shares: the app, the common options, one way to print and fail.

Output manners (docs/cli.md): the result goes to standard output (or `-o FILE`), everything
else (notes, warnings, progress) to standard error, silenced by `--quiet` except errors. An
error is one line and exit 2; a finding or a failed test is exit 1.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from msgspec import Struct

from simulator.core.diagnostics import GhasimError
from simulator.core.escape import one_line, terminal
from simulator.core.files import write_atomically

app = typer.Typer(
    name="ghasim",
    help="Simulate GitHub Actions workflow chains locally: which workflows start, "
    "how workflow_run propagates, and when. Nothing from a workflow file is executed.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_FINDINGS = 1  # a finding, a failed test, a change under --fail-on-change
EXIT_ERROR = 2  # bad input: one line on stderr
EXIT_INTERNAL = 70  # a bug of ours (EX_SOFTWARE)


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class TextJson(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    en = "en"
    fr = "fr"


WorkflowsOption = Annotated[
    Path | None,
    typer.Option(
        "--workflows",
        metavar="DIR",
        help="The workflows folder, or a repository root (default: the .github/workflows "
        "found from the current folder up).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", metavar="FILE", help="Write the result to FILE."),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Only the result and errors: no notes, warnings or progress bar."
    ),
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="auto: on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).",
    ),
]
RepositoryOption = Annotated[
    str | None,
    typer.Option(
        metavar="OWNER/NAME",
        help="The repository (github.repository); default: the git remote origin.",
    ),
]
RepoOption = Annotated[
    Path, typer.Option("--repo", metavar="DIR", help="The git repository (default: here).")
]
DefaultBranchOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="The default branch (default: origin's, else main/master)."),
]


class Output(Struct):
    """Where a command's result and its notes go, and how they look."""

    path: Path | None = None
    quiet: bool = False
    color: Color = Color.auto

    def __post_init__(self) -> None:
        from simulator.workflow.cache import set_note

        set_note(self.note)  # the parse cache's notes obey this command's --quiet

    @property
    def columns(self) -> int | None:
        """The width to fit text into: the terminal's (or COLUMNS), none for a file."""
        if self.path is not None:
            return None
        from simulator.report.terminal import columns

        return columns()

    def result(self, text: str, kind: str | None = None) -> None:
        """The command's result: on standard output (coloured when wanted), or into the file.
        Control characters a name may carry are shown, never sent (docs/security.md)."""
        text = terminal(text).removesuffix("\n")
        if self.path is not None:
            try:
                write_atomically(self.path, text + "\n")
            except OSError as exc:
                raise GhasimError(f"cannot write {self.path}: {exc.strerror}") from None
            self.note(f"wrote {self.path}")
            return
        from simulator.report.terminal import paint, wants_colour

        if kind is not None and wants_colour(self.color.value):
            text = paint(text, kind)
        sys.stdout.write(text + "\n")

    def note(self, text: str) -> None:
        if not self.quiet:
            typer.echo(one_line(text), err=True)

    def progress(self, label: str, total: int | None = None) -> Any:
        """A progress bar for the work to come (a context yielding `update(done, total)`):
        on a terminal, once the work has lasted a second; never with --quiet."""
        from simulator.report.progress import progress_bar

        return progress_bar(total, label, enabled=not self.quiet)

    def diagnostics(self, diagnostics: list) -> None:
        """Workflow-file diagnostics: errors always, warnings unless --quiet."""
        for diag in diagnostics:
            if not self.quiet or getattr(diag, "severity", "error") == "error":
                typer.echo(one_line(str(diag)), err=True)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Every command: a GhasimError is one line on stderr and exit 2, never a traceback."""

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
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def workflows_folder(given: Path | None) -> Path:
    """--workflows, or the .github/workflows found from here (simulator.workflow.discovery)."""
    from simulator.workflow.discovery import locate

    return locate(given)
