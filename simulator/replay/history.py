"""The real history, read with one streamed `git log --name-only` process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from simulator.core import git

RECORD, FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Commit:
    sha: str
    time: int  # committer time, Unix seconds
    message: str
    files: tuple[str, ...]


def read_history(
    repo: Path, branch: str, since: str | None = None, limit: int | None = None
) -> Iterator[Commit]:
    """Commits of `branch` (first parent: one push per commit), newest first."""
    args = ["log", "--first-parent", "--no-renames", "--name-only",
            f"--format={RECORD}%H{FIELD}%ct{FIELD}%B{FIELD}"]  # fmt: skip
    if since:
        args.append(f"--since={since}")
    if limit:
        args.append(f"--max-count={limit}")
    args += [branch, "--"]
    buffer = ""
    for chunk in git.iter_chunks(repo, *args):
        buffer += chunk
        *complete, buffer = buffer.split(RECORD)
        for record in complete:
            if record:
                yield _parse(record)
    if buffer:
        yield _parse(buffer)


def _parse(record: str) -> Commit:
    sha, time, message, files = record.split(FIELD, 3)
    return Commit(sha, int(time), message.strip(), tuple(f for f in files.split("\n") if f))
