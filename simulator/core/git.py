"""Read-only access to a git repository.

Every value that comes from the user or from the repository (a branch, a revision, a path)
is hostile until proven otherwise: git gets it after `--end-of-options`, ref names are checked
with `git check-ref-format` and refused when they start with `-`, and path lists are read
with `-z` so that any byte sequence git allows is one path. Subprocess with argument lists,
never a shell string, never a checkout, a lock, an index refresh or any other write.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

from simulator.core.diagnostics import GhasimError

WORKTREE = "WORKTREE"  # pseudo-revision: the files on disk
SHALLOW_HINT = (
    " (the clone is shallow: fetch the history, e.g. actions/checkout with 'fetch-depth: 0')"
)


class GitError(GhasimError):
    pass


class GitRefused(GitError):
    """git will not read this repository at all (`safe.directory`): never "not a repository"."""


def _git_binary() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed (or not on PATH)")
    return git


# Settings that make a git read run a program, or change what it returns, neutralised on
# every command line (`-c` wins over every config file, the repository's included). Values
# are empty or inert: an empty program is no program, `/dev/null` holds no hook.
_SAFE_CONFIG = (
    "core.fsmonitor=false",  # a program git runs to list changed files
    "core.untrackedCache=false",  # a read would write the untracked cache into the index
    "core.hooksPath=/dev/null",  # no hook exists under it (post-index-change, ...)
    "log.showSignature=false",  # verifying a gpgsig header runs gpg.program
    "gpg.program=",
    "gpg.openpgp.program=",
    "gpg.x509.program=",
    "gpg.ssh.program=",
    "gpg.ssh.defaultKeyCommand=",
    "diff.external=",
    "core.pager=cat",
    "core.editor=:",
    "sequence.editor=:",
    "core.askPass=",
    "core.sshCommand=",
    "credential.helper=",  # an empty value clears the helper list
    "core.alternateRefsCommand=",
    "core.gitProxy=",
    "protocol.allow=never",  # no transport, so no remote helper, ever
    "diff.ignoreSubmodules=all",  # a submodule's status runs git there, with its config
    "status.submoduleSummary=false",
    "submodule.recurse=false",
)
# Per-driver keys (`filter.<name>.clean`, `diff.<name>.textconv`, ...) name programs too; their
# names come from the config itself, so they are listed once per repository and emptied through
# GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n> (a subsection may hold `=`, which `-c` cannot take).
_DRIVER_KEYS = re.compile(
    r"filter\..*\.(clean|smudge|process|required)|diff\..*\.(textconv|command)|merge\..*\.driver"
    r"|gpg\..*\.program|remote\..*\.(uploadpack|receivepack|vcs)",
    re.IGNORECASE | re.DOTALL,
)
_MAX_DRIVER_KEYS = 4096  # beyond this a config is an attack: the repository is refused
_driver_overrides: dict[str, tuple[str, ...]] = {}


def _env(drivers: tuple[str, ...] = ()) -> dict[str, str]:
    """The environment of every git command. System and global config are kept: they are the
    user's, not the repository's, and they hold settings that change answers (`safe.directory`,
    `core.excludesFile` for untracked files); every program-naming key is overridden whichever
    file sets it (command-line and GIT_CONFIG_* settings win over every file), so no config
    can make a read run anything."""
    env = dict(os.environ)
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not even refresh the index
    env["GIT_NO_REPLACE_OBJECTS"] = "1"  # refs/replace/ must not change what a commit holds
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_LITERAL_PATHSPECS"] = "1"  # a path is a path, never a pattern or magic
    env["GIT_PAGER"] = "cat"
    env["GIT_EDITOR"] = ":"
    env["LC_ALL"] = "C"
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF",
                 "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND",
                 "GIT_TRACE", "GIT_TRACE2", "GIT_TRACE2_EVENT", "GIT_TRACE2_PERF"):  # fmt: skip
        env.pop(name, None)
    if drivers:
        count = env.get("GIT_CONFIG_COUNT", "0")  # the user's own, kept in front of ours
        start = int(count) if count.isdigit() else 0
        for i, key in enumerate(drivers, start):
            env[f"GIT_CONFIG_KEY_{i}"] = key
            # a required filter with no program fails the read: it becomes optional instead
            env[f"GIT_CONFIG_VALUE_{i}"] = "false" if key.endswith(".required") else ""
        env["GIT_CONFIG_COUNT"] = str(start + len(drivers))
    return env


def _config_args(pairs: tuple[str, ...]) -> list[str]:
    return [arg for pair in pairs for arg in ("-c", pair)]


def _driver_keys(repo: str | Path) -> tuple[str, ...]:
    """Every per-driver program key the config of `repo` sets (read once per command)."""
    cache_key = os.path.abspath(repo)
    found = _driver_overrides.get(cache_key) if _remembering else None
    if found is None:
        proc = subprocess.run(
            [_git_binary(), "--no-pager", "-C", str(repo), *_config_args(_SAFE_CONFIG),
             "config", "-z", "--name-only", "--list"],
            capture_output=True, env=_env(), stdin=subprocess.DEVNULL,
        )  # fmt: skip
        names = proc.stdout.decode("utf-8", errors="surrogateescape").split("\0")
        keys = sorted({n for n in names if n and _DRIVER_KEYS.fullmatch(n)})
        if len(keys) > _MAX_DRIVER_KEYS:  # none may be left active: refuse rather than cut
            raise GitError(f"{repo}: the git config names {len(keys):,} filter, diff or merge "
                           f"drivers (more than {_MAX_DRIVER_KEYS:,}): ghasim refuses it")  # fmt: skip
        found = tuple(keys)
        _driver_overrides[cache_key] = found
    return found


def _command(repo: str | Path, args: tuple[str, ...]) -> list[str]:
    """The one place a git command line is built: no pager, every program-running setting
    neutralised, then `args` (run it with `_repo_env(repo)`)."""
    return [_git_binary(), "--no-pager", "-C", str(repo), *_config_args(_SAFE_CONFIG), *args]


def _repo_env(repo: str | Path) -> dict[str, str]:
    """`_env()` with the repository's own driver keys emptied."""
    return _env(_driver_keys(repo))


_DUBIOUS = "dubious ownership"


def _failure(args: tuple[str, ...], stderr: bytes) -> GitError:
    text = stderr.decode(errors="replace")
    if _DUBIOUS in text:
        return _refused(text)
    message = (text.strip().splitlines() or ["git failed"])[-1]
    return GitError(f"git {args[0]}: {message.removeprefix('fatal: ')}")


def _refused(stderr: str) -> GitRefused:
    where = re.search(r"repository at '([^'\n]*)'", stderr)
    path = where.group(1) if where else "<path>"
    return GitRefused(f"git refuses this repository (safe.directory): {path} is owned by another "
                    f"user; if you trust it, run: git config --global --add safe.directory "
                    f"{path!r}")  # fmt: skip


# Reads whose answer cannot change during one command (what HEAD, the remote, the top folder
# and the config are): asked once, so a diff costs a constant number of git processes however
# many probes it runs. Only within a command (`remember()`, which each command line calls):
# a library caller may change a repository between two calls.
_MEMO_COMMANDS = ("rev-parse", "config", "symbolic-ref", "merge-base")
_memo: dict[tuple[str, tuple[str, ...]], subprocess.CompletedProcess[bytes]] = {}
_remembering = False


def remember(enabled: bool = True) -> None:
    """A command begins: forget what an earlier one read, and (`enabled`) remember the
    answers of repository reads until the next call."""
    global _remembering
    _memo.clear()
    _driver_overrides.clear()
    _trees.clear()
    _blobs.clear()
    _remembering = enabled


def _run(repo: str | Path, *args: str, check: bool = True) -> str:
    """`git -C repo args...`, stdout as text (undecodable bytes replaced)."""
    key = (os.path.abspath(repo), args)
    memo = _remembering and args[0] in _MEMO_COMMANDS
    proc = _memo.get(key) if memo else None
    if proc is None:
        proc = subprocess.run(_command(repo, args), capture_output=True, env=_repo_env(repo),
                              stdin=subprocess.DEVNULL)  # fmt: skip
        if memo:
            _memo[key] = proc
    if check and proc.returncode != 0:
        raise _failure(args, proc.stderr)
    if not check and proc.returncode != 0 and _DUBIOUS.encode() in proc.stderr:
        raise _refused(proc.stderr.decode(errors="replace"))
    return proc.stdout.decode("utf-8", errors="replace")


def _paths(output: str) -> list[str]:
    """A `-z` path list: NUL-terminated entries, each one path whatever bytes it holds."""
    return [p for p in output.split("\0") if p]


# ------------------------------------------------------------------------------ repository


def is_repo(repo: str | Path) -> bool:
    """Whether `repo` is inside a work tree; GitRefused when git refuses to read it."""
    try:
        return _run(repo, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitRefused:
        raise
    except GitError:
        return False


def require_repo(repo: str | Path, hint: str = "") -> None:
    if not Path(repo).exists():
        raise GitError(f"no such folder: {repo}")
    if work_tree_top(repo) is not None:
        return
    inside = is_repo(repo)
    if inside or _run(repo, "config", "--local", "--get", "core.worktree", check=False).strip():
        raise GitError(f"{repo}: the repository's config (core.worktree) puts its work tree "
                       "where its .git is not; ghasim reads no work tree a repository "
                       "points elsewhere")  # fmt: skip
    raise GitError(f"{repo} is not inside a git repository{hint}")


def toplevel(repo: str | Path) -> Path:
    top = work_tree_top(repo)
    if top is None:
        require_repo(repo)
        raise GitError(f"{repo} has no work tree")
    return top


def work_tree_top(repo: str | Path) -> Path | None:
    """The top folder of the work tree holding `repo`, or None outside one (not a
    repository, a bare one, inside `.git`) and for a work tree that is not where the
    repository is: a repository's `core.worktree` can name any folder (`/`, a home), and
    ghasim reads a work tree only when its `.git` is that repository (a folder, or the
    `gitdir:` file of a linked worktree or a submodule)."""
    try:
        out = _run(repo, "rev-parse", "--show-toplevel", "--absolute-git-dir", check=False)
    except GitError:  # git is not installed
        return None
    lines = out.removesuffix("\n").split("\n")
    if len(lines) != 2 or not lines[0]:
        return None
    top, git_dir = Path(lines[0]), Path(lines[1])
    return top if _own_git_dir(top, git_dir) else None


def _own_git_dir(top: Path, git_dir: Path) -> bool:
    dot_git = top / ".git"
    try:
        if dot_git.is_symlink():
            return False
        if dot_git.is_dir():
            return os.path.samefile(dot_git, git_dir)
        with open(dot_git, "rb") as handle:  # a linked worktree's or a submodule's pointer
            line = handle.read(4096).decode("utf-8", errors="replace").strip()
    except OSError:
        return False
    named = line.removeprefix("gitdir:").strip() if line.startswith("gitdir:") else ""
    try:
        return bool(named) and os.path.samefile(top / named, git_dir)
    except OSError:
        return False


def is_shallow(repo: str | Path) -> bool:
    return _run(repo, "rev-parse", "--is-shallow-repository", check=False).strip() == "true"


_OWNER_NAME = re.compile(r"[:/]([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def repository_name(repo: str | Path) -> str | None:
    """`owner/name` from the `origin` remote (https, ssh or scp-like URL) of the repository
    holding `repo`, or None. One git call: `--local` fails outside a repository and never
    reads a remote from the user's global configuration."""
    try:
        url = _run(repo, "config", "--local", "--get", "remote.origin.url", check=False).strip()
    except GitError:  # git is not installed
        return None
    match = _OWNER_NAME.search(url) if url else None
    return f"{match.group(1)}/{match.group(2)}" if match else None


# ------------------------------------------------------------------------------ names


def check_ref_name(name: str, what: str = "branch") -> str:
    """`name` when it is a valid branch or tag name; a GitError naming the problem else."""
    if not name:
        raise GitError(f"empty {what} name")
    if name.startswith("-"):
        raise GitError(f"{what} name {name!r} starts with '-': ghasim refuses it (git would "
                       "read it as an option)")  # fmt: skip
    kind = "tags" if what == "tag" else "heads"
    proc = subprocess.run(
        [_git_binary(), "check-ref-format", f"refs/{kind}/{name}"],
        capture_output=True, env=_env(), stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if proc.returncode != 0:
        raise GitError(f"{name!r} is not a valid {what} name (git check-ref-format)")
    return name


def _revision(rev: str) -> str:
    if rev.startswith("-"):
        raise GitError(f"revision {rev!r} starts with '-': ghasim refuses it (git would read it "
                       "as an option)")  # fmt: skip
    return rev


def resolve(repo: str | Path, rev: str) -> str:
    """The commit id `rev` names."""
    out = _run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
               f"{_revision(rev)}^{{commit}}", check=False).strip()  # fmt: skip
    if not out:
        hint = SHALLOW_HINT if is_shallow(repo) else ""
        raise GitError(f"unknown revision '{rev}' in {repo}{hint}")
    return out


def short(repo: str | Path, sha: str) -> str:
    """A commit id as shown: its first seven characters (a full id is resolved first)."""
    full = sha if len(sha) in (40, 64) and all(c in "0123456789abcdef" for c in sha) else (
        resolve(repo, sha))  # fmt: skip
    return full[:7]


def merge_base(repo: str | Path, a: str, b: str) -> str:
    out = _run(repo, "merge-base", "--end-of-options", _revision(a), _revision(b), check=False)
    if not out.strip():
        hint = SHALLOW_HINT if is_shallow(repo) else ""
        raise GitError(f"no merge-base of '{a}' and '{b}'{hint}")
    return out.strip()


def current_branch(repo: str | Path) -> str | None:
    name = _run(repo, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).strip()
    return name or None


def upstream_of_head(repo: str | Path) -> str | None:
    """The upstream branch of HEAD (`origin/feature`), or None."""
    name = _run(repo, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}",
                check=False).strip()  # fmt: skip
    return name or None


def default_branch(repo: str | Path) -> str:
    """origin's HEAD branch if known (its whole name, `/` included), else main or master."""
    ref = _run(repo, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD", check=False).strip()
    if ref:
        name = ref.removeprefix("refs/remotes/origin/")
        try:
            return check_ref_name(name)
        except GitError as exc:
            raise GitError(f"refs/remotes/origin/HEAD: {exc.message}; name the default branch "
                           "with --default-branch") from None  # fmt: skip
    for name in ("main", "master"):
        if _run(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{name}", check=False):
            return name
    return "main"


# ------------------------------------------------------------------------------ contents


def head_message(repo: str | Path, rev: str = "HEAD") -> str:
    """The commit message of `rev`, or '' when there is no such commit (an empty repo)."""
    return _run(repo, "log", "-1", "--no-show-signature", "--format=%B", "--end-of-options", _revision(rev), "--",
                check=False).rstrip("\n")  # fmt: skip


def changed_files_of_head(repo: str | Path) -> list[str]:
    """Files changed by HEAD against its first parent (all its files for a root commit)."""
    return _paths(_run(repo, "diff-tree", "-z", "--root", "--no-commit-id", "--name-only", "-r",
                       "--no-renames", "--no-ext-diff", "--end-of-options", "HEAD"))  # fmt: skip


def changed_between(repo: str | Path, base: str, head: str = "HEAD") -> list[str]:
    """Files changed on `head` since its merge-base with `base` (three-dot, as a PR's diff)."""
    return _paths(_run(repo, "diff", "-z", "--name-only", "--no-renames", "--no-ext-diff",
                       "--no-textconv", "--end-of-options",
                       f"{_revision(base)}...{_revision(head)}", "--"))  # fmt: skip


def uncommitted_files(repo: str | Path) -> list[str]:
    """Staged, unstaged and untracked files (the working tree against HEAD), as `git diff HEAD`
    lists them, found with plumbing that neither refreshes nor writes the index and runs no
    filter: `diff-index` (stat only) names the candidates, and a candidate whose stat changed
    but whose bytes hash to HEAD's blob (`hash-object --no-filters`, computed here) is dropped."""
    has_head = bool(_run(repo, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip())
    raw = _run(repo, "diff-index", "-z", "--no-renames", "--ignore-submodules=all",
               "--no-ext-diff", "--no-textconv", "HEAD", "--") if has_head else ""  # fmt: skip
    top = work_tree_top(repo) or Path(repo)
    changed = [path for meta, path in _raw_entries(raw) if _really_changed(top, meta, path)]
    untracked = _paths(_run(repo, "ls-files", "-z", "--others", "--exclude-standard"))
    return changed + untracked


def _raw_entries(raw: str) -> Iterator[tuple[list[str], str]]:
    """(`:srcmode dstmode srcid dstid status` split, path) of a `-z` raw diff (no renames)."""
    fields = raw.split("\0")
    for i in range(0, len(fields) - 1, 2):
        meta = fields[i].lstrip(":").split()
        if len(meta) == 5:
            yield meta, fields[i + 1]


_ZERO = re.compile(r"0+")


def _really_changed(top: Path, meta: list[str], path: str) -> bool:
    src_mode, dst_mode, src_id, dst_id, status = meta
    if status != "M" or src_mode != dst_mode or not _ZERO.fullmatch(dst_id):
        return True  # added, deleted, type or mode change, or staged (the index holds new bytes)
    return _blob_id(top / path, src_mode, len(src_id)) != src_id


def _blob_id(file: Path, mode: str, id_length: int) -> str | None:
    """The blob id of a work-tree file's bytes, no filter applied (a link: its target text);
    None when it cannot be read as that kind of file."""
    digest = hashlib.sha256() if id_length == 64 else hashlib.sha1()  # noqa: S324 - git's id
    try:
        if mode == "120000":
            data = os.fsencode(os.readlink(file))
            digest.update(b"blob %d\0" % len(data) + data)
            return digest.hexdigest()
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None  # a FIFO or a device where a file was: changed, and never read
        digest.update(b"blob %d\0" % info.st_size)
        read = 0
        while chunk := handle.read(1 << 16):
            digest.update(chunk)
            read += len(chunk)
    return digest.hexdigest() if read == info.st_size else None


def tracked_files(repo: str | Path) -> list[str]:
    return _paths(_run(repo, "ls-files", "-z"))


def files_at(repo: str | Path, rev: str) -> list[str]:
    """Every file the tree of `rev` holds (`WORKTREE`: the index's), in one git call."""
    if rev == WORKTREE:
        return tracked_files(repo)
    return _paths(_run(repo, "ls-tree", "-r", "-z", "--name-only", "--full-tree",
                       "--end-of-options", _revision(rev)))  # fmt: skip


_trees: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
_blobs: dict[str, bytes] = {}


def tree_files(repo: str | Path, commit: str, folder: str, shown: str | None = None
               ) -> list[tuple[str, str, str]]:  # fmt: skip
    """(path, blob id, mode) of the files directly in `folder` at `commit` (no subfolders,
    §1.1); mode `120000` is a symbolic link, whose blob is its target's path. A commit's
    tree never changes: within a command it is listed once."""
    key = (os.path.abspath(repo), commit, folder)
    if _remembering and key in _trees:
        return _trees[key]
    out = _tree_files(repo, commit, folder, shown)
    if _remembering:
        _trees[key] = out
    return out


def _tree_files(repo: str | Path, commit: str, folder: str, shown: str | None
                ) -> list[tuple[str, str, str]]:  # fmt: skip
    spec = f"{_revision(commit)}:{folder}" if folder else _revision(commit)
    proc = subprocess.run(_command(repo, ("ls-tree", "-z", "--end-of-options", spec)),
                          capture_output=True, env=_repo_env(repo),
                          stdin=subprocess.DEVNULL)  # fmt: skip
    if proc.returncode != 0:
        raise GitError(f"no {folder}/ folder at {shown or commit}")
    out = []
    for entry in proc.stdout.decode("utf-8", errors="replace").split("\0"):
        if not entry:
            continue
        meta, _, name = entry.partition("\t")
        mode_type_id = meta.split()
        if len(mode_type_id) == 3 and mode_type_id[1] == "blob":
            out.append((f"{folder}/{name}" if folder else name, mode_type_id[2], mode_type_id[0]))
    return out


def read_blobs(repo: str | Path, blob_ids: list[str]) -> dict[str, bytes]:
    """blob id -> content for many blobs through one `git cat-file --batch` process (ids, not
    paths, go to its line-oriented input: a path may hold a newline). Within a command a
    blob is read once: a diff reads both revisions' blobs in one process."""
    wanted = list(dict.fromkeys(blob_ids))
    missing = [b for b in wanted if b not in _blobs] if _remembering else wanted
    found = _read_blobs(repo, missing)
    if _remembering:
        _blobs.update(found)
        return {b: _blobs[b] for b in wanted}
    return found


def _read_blobs(repo: str | Path, blob_ids: list[str]) -> dict[str, bytes]:
    if not blob_ids:
        return {}
    for blob in blob_ids:
        if not all(c in "0123456789abcdef" for c in blob):
            raise GitError(f"not an object id: {blob!r}")
    proc = subprocess.run(_command(repo, ("cat-file", "--batch")),
                          input=("\n".join(blob_ids) + "\n").encode(),
                          capture_output=True, env=_repo_env(repo))  # fmt: skip
    if proc.returncode != 0:
        raise GitError(f"git cat-file: {proc.stderr.decode(errors='replace').strip()}")
    data, out, pos = proc.stdout, {}, 0
    for blob in blob_ids:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode()
        pos = end + 1
        if header.endswith(" missing"):
            raise GitError(f"object {blob} does not exist")
        size = int(header.split()[2])
        out[blob] = data[pos : pos + size]
        pos += size + 1
    return out


def stream(repo: str | Path, *args: str, size: int = 1 << 16) -> Iterator[bytes]:
    """A git command's output in chunks (one subprocess, never buffered whole)."""
    proc = subprocess.Popen(_command(repo, args), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=_repo_env(repo))  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    try:
        while True:
            data = proc.stdout.read(size)
            if not data:
                break
            yield data
    finally:
        proc.stdout.close()
        stderr = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        code = proc.wait()
        if code != 0 and code != -13:  # -13: the reader stopped early (SIGPIPE)
            raise _failure(args, stderr.encode())


def log_args(branch: str, since: str | None, limit: int | None) -> list[str]:
    """Arguments of the history read: first parent, NUL-separated names, values kept apart."""
    args = ["log", "-z", "--no-show-signature", "--first-parent", "--no-renames", "--name-only",
            "--format=%x00%x00%H%x00%ct%x00%B"]  # fmt: skip
    if since:
        args.append(f"--since={since}")
    if limit:
        args.append(f"--max-count={limit}")
    return [*args, "--end-of-options", _revision(branch), "--"]
