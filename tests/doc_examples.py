"""Docs examples are tests: one mechanism for every page of docs/ (and the README).

A page is read top to bottom in a sandbox (a temporary folder holding a copy of
`scenarios/`), as a reader would type it:

- a fenced `sh` block runs when every command in it is one the harness knows (`ghasim`, run
  in-process; `cd`, `mkdir`, `cp`, `rm`, `git` and `sed`, run with argument lists, globs
  expanded); a block with any other command (`pip install`, a pipe into `jq`) is shown, not
  run;
- a fenced `text` block right after an `sh` block (blank lines between them only) is the
  block's expected standard output: the ghasim commands' output, compared exactly;
- `<!-- file: PATH -->` just before a fenced block writes the block to PATH in the sandbox
  (the scenario a tutorial asks you to save).

Commits are deterministic (fixed names and dates), so commit ids in the output are stable.
`GHASIM_UPDATE_DOCS=1` writes the real outputs into the pages instead of comparing.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from simulator.cli import app

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(`{3,})(\w*)\s*$")
FILE_DIRECTIVE = re.compile(r"^<!--\s*file:\s*(\S+)\s*-->\s*$")
RUNNABLE = {"ghasim", "cd", "mkdir", "cp", "rm", "git", "sed"}
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com",
           "GIT_COMMITTER_NAME": "Dev", "GIT_COMMITTER_EMAIL": "dev@example.com",
           "GIT_AUTHOR_DATE": "2026-01-13T04:00:00Z", "GIT_COMMITTER_DATE": "2026-01-13T04:00:00Z",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip


@dataclass
class Block:
    lang: str
    text: str
    line: int  # 1-based line of the opening fence
    end: int  # index of the closing fence line
    file: str | None = None  # a `<!-- file: PATH -->` directive before it
    expected: Block | None = None  # the text block after an sh block


@dataclass
class Page:
    path: Path
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)


def read_page(path: Path) -> Page:
    lines = path.read_text(encoding="utf-8").split("\n")
    page = Page(path, lines)
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        fence, lang = opened.groups()
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != fence:
            j += 1
        directive = FILE_DIRECTIVE.match(lines[i - 1]) if i else None
        page.blocks.append(Block(lang, "\n".join(lines[i + 1 : j]), i + 1, j,
                                 directive.group(1) if directive else None))  # fmt: skip
        i = j + 1
    for before, after in zip(page.blocks, page.blocks[1:], strict=False):
        between = page.lines[before.end + 1 : after.line - 1]
        if before.lang == "sh" and after.lang == "text" and not any(x.strip() for x in between):
            before.expected = after
    return page


def commands(block: Block) -> list[list[str]]:
    """The commands of an sh block: continuation lines joined, `&&` chains split, comments
    dropped."""
    text = block.text.replace("\\\n", " ")
    out = []
    for line in text.split("\n"):
        words = shlex.split(line, comments=True)
        current: list[str] = []
        for word in words:
            if word == "&&":
                out.append(current)
                current = []
            else:
                current.append(word)
        if current:
            out.append(current)
    return out


def runnable(block: Block) -> bool:
    found = commands(block)
    return bool(found) and all(c[0] in RUNNABLE and "|" not in c and ">" not in c for c in found)


class Sandbox:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(ROOT / "scenarios", root / "scenarios")
        self.cwd = root

    def run(self, command: list[str]) -> str:
        """Runs one command; returns what a ghasim command printed on standard output."""
        name, args = command[0], command[1:]
        if name == "cd":
            self.cwd = (self.cwd / args[0]).resolve()
            return ""
        if name == "ghasim":
            return self.ghasim(args)
        expanded = [name]
        for arg in args:
            matches = sorted(glob.glob(arg, root_dir=self.cwd)) if "*" in arg else []
            expanded += matches or [arg]
        env = {**os.environ, **GIT_ENV}
        subprocess.run(expanded, cwd=self.cwd, env=env, check=True, capture_output=True)
        return ""

    def ghasim(self, args: list[str]) -> str:
        old = os.getcwd()
        saved = {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", *GIT_ENV)}
        os.chdir(self.cwd)
        os.environ.pop("COLUMNS", None)
        os.environ.pop("FORCE_COLOR", None)
        os.environ.update(GIT_ENV)
        try:
            result = CliRunner().invoke(app, args, catch_exceptions=False)
        finally:
            os.chdir(old)
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return result.stdout

    def write(self, path: str, text: str) -> None:
        target = self.cwd / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text + "\n", encoding="utf-8")


def check_page(path: Path, sandbox_root: Path) -> list[str]:
    """Runs a page's examples; returns the mismatches (or writes the outputs when updating)."""
    page = read_page(path)
    sandbox = Sandbox(sandbox_root)
    problems: list[str] = []
    updates: list[tuple[Block, str]] = []
    for block in page.blocks:
        if block.file is not None:
            sandbox.write(block.file, block.text)
        if block.lang != "sh":
            continue
        if not runnable(block):
            if block.expected is not None:
                problems.append(f"{path.name}:{block.line}: an output block follows an sh block "
                                "the harness cannot run")  # fmt: skip
            continue
        output = "".join(sandbox.run(c) for c in commands(block)).rstrip("\n")
        if block.expected is None:
            continue
        if os.environ.get("GHASIM_UPDATE_DOCS"):
            updates.append((block.expected, output))
        elif output != block.expected.text:
            problems.append(f"{path.name}:{block.expected.line}: the output differs:\n"
                            f"--- the page\n{block.expected.text}\n--- ghasim\n{output}")  # fmt: skip
    for expected, output in reversed(updates):
        page.lines[expected.line : expected.end] = output.split("\n")
    if updates:
        path.write_text("\n".join(page.lines), encoding="utf-8")
    return problems
