"""Read-only access to a git repository: subprocess with argument lists, never a shell string,
never a checkout or any write to the repository."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from simulator.core.diagnostics import GhasimError


class GitError(GhasimError):
    pass


def _git_binary() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed (or not on PATH)")
    return git


def git(repo: str | Path, *args: str, check: bool = True) -> str:
    """Run `git -C repo args...` and return stdout. Raises GitError with git's own message."""
    proc = subprocess.run(
        [_git_binary(), "-C", str(repo), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=_env(),
    )
    if check and proc.returncode != 0:
        message = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(f"git {args[0]}: {message.removeprefix('fatal: ')}")
    return proc.stdout


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not even refresh the index
    env["LC_ALL"] = "C"
    return env


def is_repo(repo: str | Path) -> bool:
    try:
        return git(repo, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitError:
        return False


def require_repo(repo: str | Path, hint: str = "") -> None:
    if not Path(repo).exists():
        raise GitError(f"no such folder: {repo}")
    if not is_repo(repo):
        raise GitError(f"{repo} is not inside a git repository{hint}")


def toplevel(repo: str | Path) -> Path:
    return Path(git(repo, "rev-parse", "--show-toplevel").strip())


def current_branch(repo: str | Path) -> str | None:
    name = git(repo, "rev-parse", "--abbrev-ref", "HEAD", check=False).strip()
    return None if name in ("", "HEAD") else name


def head_message(repo: str | Path, rev: str = "HEAD") -> str:
    """The commit message of `rev`, or '' when there is no such commit (an empty repo)."""
    return git(repo, "log", "-1", "--format=%B", rev, "--", check=False).rstrip("\n")


def changed_files_of_head(repo: str | Path) -> list[str]:
    """Files changed by HEAD against its parent (all files for a root commit)."""
    parents = git(repo, "rev-list", "--parents", "-n", "1", "HEAD").split()
    if len(parents) > 1:
        out = git(repo, "diff", "--name-only", "--no-renames", f"{parents[1]}", "HEAD")
    else:
        out = git(repo, "show", "--name-only", "--format=", "--no-renames", "HEAD")
    return [line for line in out.splitlines() if line]


def resolve(repo: str | Path, rev: str) -> str:
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except GitError:
        raise GitError(f"unknown revision '{rev}' in {repo}") from None


WORKTREE = "WORKTREE"  # pseudo-revision: the files on disk


def tree_files(repo: str | Path, rev: str, folder: str, shown: str | None = None) -> list[str]:
    """Paths of the files directly in `folder` at `rev` (no subfolders, §1.1)."""
    out = git(repo, "ls-tree", "-z", f"{rev}:{folder}" if folder else rev, check=False)
    if not out and folder:
        # distinguish "no such folder" from "empty folder"
        check = subprocess.run(
            [_git_binary(), "-C", str(repo), "cat-file", "-e", f"{rev}:{folder}"],
            capture_output=True, env=_env(),
        )  # fmt: skip
        if check.returncode != 0:
            raise GitError(f"no {folder}/ folder at {shown or rev}")
    names = []
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, _, name = entry.partition("\t")
        if meta.split()[1] == "blob":
            names.append(f"{folder}/{name}" if folder else name)
    return names


def read_blobs(repo: str | Path, specs: list[str]) -> dict[str, bytes]:
    """`rev:path` -> content for many files through one `git cat-file --batch` process."""
    if not specs:
        return {}
    proc = subprocess.run(
        [_git_binary(), "-C", str(repo), "cat-file", "--batch"],
        input=("\n".join(specs) + "\n").encode(),
        capture_output=True,
        env=_env(),
    )
    if proc.returncode != 0:
        raise GitError(f"git cat-file: {proc.stderr.decode(errors='replace').strip()}")
    data, out, pos = proc.stdout, {}, 0
    for spec in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode()
        pos = end + 1
        if header.endswith(" missing"):
            raise GitError(f"{spec} does not exist")
        size = int(header.split()[2])
        out[spec] = data[pos : pos + size]
        pos += size + 1
    return out


def merge_base(repo: str | Path, a: str, b: str) -> str:
    return git(repo, "merge-base", a, b).strip()


def default_branch(repo: str | Path) -> str:
    """origin's HEAD branch if known, else main or master, whichever exists locally."""
    ref = git(repo, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD", check=False).strip()
    if ref:
        return ref.rsplit("/", 1)[-1]
    for name in ("main", "master"):
        if git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{name}", check=False).strip():
            return name
    return "main"


def short(repo: str | Path, rev: str) -> str:
    return git(repo, "rev-parse", "--short", rev).strip()


def iter_chunks(repo: str | Path, *args: str, size: int = 1 << 16) -> Iterator[str]:
    """Stream a git command's output in chunks (one subprocess, never buffered whole)."""
    proc = subprocess.Popen(
        [_git_binary(), "-C", str(repo), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    try:
        while True:
            data = proc.stdout.read(size)
            if not data:
                break
            yield decoder.decode(data)
        tail = decoder.decode(b"", final=True)
        if tail:
            yield tail
    finally:
        proc.stdout.close()
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        code = proc.wait()
        if code != 0:
            message = (stderr.strip().splitlines() or ["git failed"])[-1]
            raise GitError(f"git {args[0]}: {message.removeprefix('fatal: ')}")
