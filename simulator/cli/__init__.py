"""The `ghasim` command: one module per command, each thin (options in, one library call,
output out). simulator.cli.common holds what they share: options, output manners, exit codes.

`ghasim run ...` loads only the `run` module: typer builds every registered command's
parameters on each call, so registering the ten others would cost every command start-up
time for nothing. `simulator.cli.app` (the library's and the tests' view) has them all.

The command modules do not use `from __future__ import annotations`: typer reads a command's
annotations on every call, and as strings each would be compiled and evaluated again (about
2% of the instructions of the seed run).
"""

import os
from importlib import import_module
from typing import Annotated, Any

import typer

from simulator.cli import common as _common
from simulator.core.processes import Terminated

# The order `ghasim --help` lists them in: how a newcomer meets them.
COMMANDS = ("explain", "run", "testing", "check", "audit", "graph", "report", "diff", "push",
            "pr", "replay", "facts")  # fmt: skip
# A command's name where it differs from its module's (`test` would shadow pytest's names).
_MODULE_OF = {"test": "testing"}

__all__ = ["COMMANDS", "app", "main"]


def load_commands(modules: tuple[str, ...] = COMMANDS) -> typer.Typer:
    """Register the commands of `modules` (in `--help` order) on the app and return it."""
    for module in COMMANDS:
        if module in modules:
            import_module(f"simulator.cli.{module}")
    return _common.app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    raise AttributeError(f"module 'simulator.cli' has no attribute '{name}'")


def _invoked_module(args: list[str]) -> str | None:
    """The module of the command the arguments name, when they name one (the root's options
    are all flags, so the first word that is not an option is the command)."""
    if os.environ.get("_GHASIM_COMPLETE"):  # shell completion lists every command
        return None
    for arg in args:
        if arg.startswith("-"):
            if arg != "--no-cache":  # the root's help, version or completion: every command
                return None
            continue
        module = _MODULE_OF.get(arg, arg)
        return module if module in COMMANDS else None
    return None


def _version_line() -> str:
    from simulator import __version__

    return f"ghasim {__version__}"


def _version(value: bool) -> None:
    if value:
        typer.echo(_version_line())
        raise typer.Exit()


@_common.app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,  # fmt: skip
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Parse every file again (no parse cache)."),
    ] = False,  # fmt: skip
) -> None:
    """Simulate GitHub Actions workflow chains locally."""
    from simulator.core import git
    from simulator.workflow import from_git
    from simulator.workflow.cache import configure

    git.remember()  # a command's reads of a repository are asked once; an earlier one's forgotten
    from_git.forget()
    ctx.call_on_close(lambda: git.remember(False))  # a library caller after it asks git again
    configure(not no_cache)


# A simulation makes many short-lived objects and keeps a large, growing graph alive (runs,
# jobs, reasons): with CPython's default threshold (700) the cyclic collector walks that graph
# again and again, and time grows faster than the work. A larger first generation keeps
# commands linear in time as they are in work (bench/scale.py: audit 5,004 / 1,200 files went
# from 5.6x to 4.2x for 4.2x the files). Memory is still freed by reference counting.
# The second generation is collected every 50 first ones, not 20: on an audit of 5,004 files
# each of its collections walked about two million objects for some 0.6 s, and the collector
# took 1.3 s of 7 s; with these thresholds 0.65 s, for 7 MB more at the peak (303 MB).
GC_THRESHOLD = (100_000, 50, 20)


def main() -> None:
    """The `ghasim` command. A usage error (an unknown option, a bad choice) is one line on
    standard error with the command's `-h` to see, and exit 2, like every other bad input."""
    import gc
    import signal
    import sys

    from typer._click.exceptions import NoArgsIsHelpError, UsageError  # typer's own click

    from simulator.core.escape import one_line

    gc.set_threshold(*GC_THRESHOLD)
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    if sys.argv[1:] == ["--version"]:  # no command to build for that
        sys.stdout.write(_version_line() + "\n")
        sys.exit(0)
    invoked = _invoked_module(sys.argv[1:])
    app = load_commands((invoked,) if invoked else COMMANDS)
    try:
        code = app(standalone_mode=False, prog_name="ghasim")
    except NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n" if exc.ctx is not None else "")
        code = 0
    except UsageError as exc:
        name = exc.ctx.command_path if exc.ctx is not None else "ghasim"
        message = exc.format_message().rstrip(".")
        sys.stderr.write(one_line(f"{name}: {message}; see '{name} -h'") + "\n")
        code = 2
    except KeyboardInterrupt:
        _interrupted(130)
    except Terminated:
        _interrupted(143)
    if _signalled:  # typer turns a KeyboardInterrupt into exit 130 itself
        _interrupted(_signalled)
    sys.exit(code if isinstance(code, int) else 0)


_signalled = 0  # the exit code of the signal that interrupted the command, once one has


def _interrupted(code: int) -> None:
    """Leave at once after an interrupt: the command has unwound (pools stopped, temporary
    files removed), so the interpreter's exit hooks only add risk: CPython 3.11's process
    pool hook writes to a pipe its stopped manager thread may have closed, and prints that."""
    import contextlib
    import sys

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to keep
            stream.flush()
    os._exit(code)


def _on_signal(signum: int, frame: object) -> None:
    """The first SIGINT or SIGTERM unwinds the command (pools stop, temporary files go);
    any further one is ignored while that happens, so the cleanup itself is not cut short."""
    import signal

    global _signalled
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _signalled = 128 + signum
    if signum == signal.SIGTERM:
        raise Terminated()
    raise KeyboardInterrupt()
