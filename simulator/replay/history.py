"""The real history, read with one streamed `git log -z --name-only` process.

The stream is NUL-framed, so a message or a file name can hold any character (a newline,
a record separator) without breaking it: each commit is `\\0\\0<sha>\\0<time>\\0<message>`,
then `\\0\\n` and its file names, each ending with `\\0`. Names are never empty, so two
empty fields in a row can only start the next commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct

from simulator.core import git


class Commit(Struct, frozen=True):
    sha: str
    time: int  # committer time, Unix seconds
    message: str
    files: tuple[str, ...]


def read_history(
    repo: Path, branch: str, since: str | None = None, limit: int | None = None
) -> Iterator[Commit]:
    """Commits of `branch` (first parent: one push per commit), newest first."""
    fields = _fields(git.stream(repo, *git.log_args(branch, since, limit)))
    yield from parse_log(fields)


def _fields(chunks: Iterator[bytes]) -> Iterator[str]:
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        *complete, buffer = buffer.split(b"\0")
        for field in complete:
            yield field.decode("utf-8", errors="replace")
    if buffer:
        yield buffer.decode("utf-8", errors="replace")


def parse_log(fields: Iterator[str]) -> Iterator[Commit]:
    """Commits from the NUL-separated fields of `git log -z` with log_args' format."""
    it = iter(fields)
    for field in it:
        if field != "":
            continue  # the separator before a commit: two empty fields
        sha = next(it, "")
        if sha == "":  # the second empty field of the separator
            sha = next(it, "")
        if not sha:
            return
        time, message = next(it, "0"), next(it, "")
        files: list[str] = []
        for name in it:
            if name == "":
                break
            files.append(name.removeprefix("\n") if not files else name)
        yield Commit(sha, int(time), message.strip(), tuple(files))
