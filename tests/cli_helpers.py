"""Runs the real `ghasim` command in-process and returns code, stdout and stderr."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from simulator.cli import app


@dataclass
class Result:
    code: int
    out: str
    err: str


def ghasim(*args: str, cwd=None) -> Result:
    import os

    runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return Result(result.exit_code, result.stdout, result.stderr)
