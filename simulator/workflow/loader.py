"""Loads a workflows folder: every `*.yml`/`*.yaml` directly in it (fact sheet §1.1).

One broken file never stops the others: it becomes a BrokenWorkflow with its diagnostics.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from simulator.core.diagnostics import Diagnostic, GhasimError, Pos
from simulator.core.files import read_capped
from simulator.core.progress import Progress, silent
from simulator.core.yaml_loader import decode_text, not_utf8
from simulator.workflow.cache import FolderCache
from simulator.workflow.cache import active as active_cache
from simulator.workflow.model import BrokenWorkflow, Workflow, WorkflowSet

WORKFLOWS_DIR = ".github/workflows"
MAX_WORKFLOW_BYTES = 500 * 1024  # §14.1: a larger workflow file does not start runs


def parse_workflow(text: str, path: str, rel_path: str) -> Workflow | BrokenWorkflow:
    """Parse one workflow file's text (the parsers load only when a file must be parsed:
    a parse-cache hit needs none of them). `path` is shown in diagnostics."""
    from simulator.workflow.parse import parse_workflow as parse

    return parse(text, path, rel_path)


def too_big(size: int, path: str, rel_path: str) -> BrokenWorkflow | None:
    """§14.1: GitHub starts no run from a workflow file over 500 KB; ghasim does not parse it."""
    if size <= MAX_WORKFLOW_BYTES:
        return None
    message = (f"the file is {size:,} bytes: a workflow file larger than 500 KB starts no run "
               "(§14.1)")  # fmt: skip
    return BrokenWorkflow(path, rel_path, [Diagnostic(Pos(path), message)])


def _diag(exc: GhasimError, path: str) -> Diagnostic:
    return Diagnostic(exc.pos or Pos(path), exc.message)


Source = tuple[bytes, str, str]  # a file's bytes, the path shown, the path GitHub knows it by
Miss = tuple[int, str, Source]  # a file to parse: its place, its parse-cache key, its source
# a chunk, its models, and the frame a worker encoded them in with the keys that frame holds
Parsed = tuple[list[Miss], list[Workflow | BrokenWorkflow], tuple[bytes, list[str]] | None]
# Workers pay for themselves from about this many files to parse: each file's model is
# encoded by its worker and decoded here, about a quarter of what parsing it costs, and the
# pool takes some 20 ms to start. With the parse cache on, the serial path encodes every model
# for the pack anyway, so workers cost nothing extra; without it they win only with cores to
# spare (measured on 2 cores: 516 files 149 -> 122 ms with the cache, 120 -> 152 ms without).
PARALLEL_FILES = 512
PARALLEL_CORES_WITHOUT_CACHE = 4


def read_source(display: str, rel_path: str) -> Source | BrokenWorkflow:
    """The bytes of the workflow file at `display`, or the BrokenWorkflow saying why it is
    not parsed. Opened without following a link (§14.10) or blocking on a FIFO; the kind and
    size are checked on the open file, before anything is read."""
    try:
        fd = os.open(display, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(display):
            return _link(display, rel_path)
        return _broken(display, rel_path, f"cannot read: {exc.strerror}")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return _broken(display, rel_path, "not a regular file: not read")
        big = too_big(info.st_size, display, rel_path)
        if big is not None:
            return big
        try:
            data = read_capped(handle, info.st_size, MAX_WORKFLOW_BYTES)
        except OSError as exc:
            return _broken(display, rel_path, f"cannot read: {exc.strerror}")
        return too_big(len(data), display, rel_path) or (data, display, rel_path)


def _broken(display: str, rel_path: str, message: str) -> BrokenWorkflow:
    return BrokenWorkflow(display, rel_path, [Diagnostic(Pos(display), message)])


def _link(display: str, rel_path: str) -> BrokenWorkflow:
    """A workflow file that is a symbolic link: never followed (§14.10: GitHub reads the link
    itself), and said plainly when it leads outside the repository or nowhere."""
    from simulator.core import git

    try:
        target = os.readlink(display)
        resolved = Path(os.path.realpath(display, strict=True))
    except (OSError, RuntimeError):
        return _broken(display, rel_path, "a symbolic link that leads nowhere (a loop or a "
                       "missing target): not read (§14.10)")  # fmt: skip
    folder = Path(display).parent
    repo_top = git.work_tree_top(folder)
    top = (repo_top or folder).resolve()
    if not resolved.is_relative_to(top):
        where = "the repository" if repo_top else "the workflows folder"
        return _broken(display, rel_path, f"a symbolic link to {target!r}, outside {where}: "
                       "not read (§14.10)")  # fmt: skip
    return _broken(display, rel_path, f"a symbolic link to {target!r}: GitHub does not follow "
                   "it and reads the link itself, an invalid workflow (§14.10)")  # fmt: skip


def parse_sources(sources: list[Source | BrokenWorkflow], cache: FolderCache | None = None,
                  progress: Progress = silent,
                  processes: int | None = None) -> list[Workflow | BrokenWorkflow]:  # fmt: skip
    """Each source as a model, in order: from the parse cache when it holds the file, else
    parsed, by worker processes when there are many files to parse (`processes`: None
    decides from the cores and the files, 1 parses here). `progress(done, total)`."""
    models: list[Workflow | BrokenWorkflow | None] = []
    misses: list[Miss] = []
    for source in sources:
        if isinstance(source, BrokenWorkflow):
            models.append(source)
            continue
        key, found = cache.lookup(*source) if cache is not None else ("", None)
        if found is None:
            misses.append((len(models), key, source))
        models.append(found)
    done = len(models) - len(misses)
    if done:
        progress(done, len(models))  # the cache's hits at once
    for chunk, parsed, framed in _parse_all(misses, processes, cache is not None):
        for (index, _, _), model in zip(chunk, parsed, strict=True):
            models[index] = model
        if cache is not None:
            cache.keep([key for _, key, _ in chunk], parsed, *(framed or (None, None)))
        done += len(chunk)
        progress(done, len(models))
    return models  # type: ignore[return-value]


def _parse_bytes(data: bytes, display: str, rel_path: str) -> Workflow | BrokenWorkflow:
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        return BrokenWorkflow(display, rel_path, [_diag(not_utf8(data, exc, display), display)])
    return parse_workflow(text, display, rel_path)


def folder_cache(folder_id: str) -> FolderCache | None:
    """The parse cache for one folder's load, when the command line turned it on."""
    cache = active_cache()
    return FolderCache(cache, folder_id) if cache is not None else None


def workflow_files(folder: Path) -> list[str]:
    """Names of the files GitHub reads: directly in the folder, `.yml` or `.yaml` (§1.1); no
    subfolders. (One directory read: the entries' types come with it, no stat per file.)"""
    return sorted(_workflow_names(folder))


def has_workflow_files(folder: Path) -> bool:
    """Does the folder hold a workflow file? (Stops at the first.)"""
    return next(_workflow_names(folder), None) is not None


def _workflow_names(folder: Path) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            dot = entry.name.rfind(".")  # as Path.suffix: a leading dot starts no suffix
            if (
                dot > 0
                and entry.name[dot:] in (".yml", ".yaml")
                and (entry.is_symlink() or entry.is_file(follow_symlinks=False))
            ):  # a link is listed, never followed (read_source says what it is)
                yield entry.name


def load_folder(folder: str | Path, progress: Progress = silent,
                processes: int | None = None) -> WorkflowSet:  # fmt: skip
    """The workflow files of a folder, parsed (or taken from the parse cache);
    `progress(files done, files)` is told as files are done. Many files to parse are
    parsed by worker processes (`processes`: see parse_sources)."""
    path = Path(folder)
    if not path.exists():
        raise GhasimError(f"workflows folder not found: {folder}")
    if not path.is_dir():
        raise GhasimError(f"not a folder: {folder}")
    cache = folder_cache(str(path.resolve()))
    shown = str(path / "x")[:-1]  # what `str(path / name)` starts with, built once
    sources = [read_source(shown + name, f"{WORKFLOWS_DIR}/{name}")
               for name in workflow_files(path)]  # fmt: skip
    loaded = parse_sources(sources, cache, progress, processes)
    if cache is not None:
        cache.close()
    return workflow_set(str(folder), loaded)


def _parse_all(misses: list[Miss], processes: int | None, cached: bool) -> Iterator[Parsed]:
    """The files parsed, in order, chunk by chunk: here (a chunk per file), or by forked
    workers when that pays. A worker sends its chunk back as a pack frame, which the parse
    cache then writes as it is (see simulator.workflow.cache)."""
    workers = _workers(len(misses), processes, cached)
    if workers <= 1:
        for miss in misses:
            yield [miss], [_parse_bytes(*miss[2])], None
        return
    from concurrent.futures.process import BrokenProcessPool

    from simulator.core.processes import process_pool
    from simulator.workflow.cache import read_frame

    size = max(16, -(-len(misses) // (workers * 4)))  # a few chunks per worker: balance
    chunks = [misses[i : i + size] for i in range(0, len(misses), size)]
    done = 0
    try:
        with process_pool(workers) as pool:
            for chunk, (framed, rest) in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
                models = read_frame(framed)
                framed_keys = list(models)
                models.update(rest)
                yield chunk, [models[key] for key in _chunk_keys(chunk)], (framed, framed_keys)
                done += 1
    except (OSError, BrokenProcessPool):  # no fork allowed (a process limit), a worker killed
        for chunk in chunks[done:]:  # the rest is parsed here: slower, the same models
            yield chunk, [_parse_bytes(*source) for _, _, source in chunk], None


def _workers(files: int, processes: int | None, cached: bool = True) -> int:
    """How many worker processes parse `files` files: `processes` when given, else the
    cores when that pays (see PARALLEL_FILES); 1 means here."""
    if files < 2:
        return 1
    from simulator.core.processes import available_cores, can_fork_workers

    if processes is None:
        cores = available_cores()
        if files < PARALLEL_FILES or not can_fork_workers():
            return 1
        if not cached and cores < PARALLEL_CORES_WITHOUT_CACHE:
            return 1
        processes = cores
    return max(1, min(processes, files))


def _chunk_keys(chunk: list[Miss]) -> list[str]:
    """The keys a chunk's frame holds its models by: their cache keys, or (without a cache,
    where every key is empty) their places."""
    return [key or f"#{index}" for index, key, _ in chunk]


def _parse_chunk(chunk: list[Miss]) -> tuple[bytes, dict[str, Workflow | BrokenWorkflow]]:
    """In a worker: the chunk's files parsed, as a pack frame (encoded once, here), and the
    few models the cache cannot hold, sent as they are."""
    from simulator.workflow.cache import frame

    keys = _chunk_keys(chunk)
    models = [_parse_bytes(*source) for _, _, source in chunk]
    framed, held = frame(keys, models)
    return framed, {k: m for k, m in zip(keys, models, strict=True) if k not in set(held)}


def workflow_set(folder: str, loaded: list[Workflow | BrokenWorkflow]) -> WorkflowSet:
    """The loaded files as a set, with local reusable calls checked across it."""
    from simulator.workflow.calls import check_calls

    return check_calls(
        WorkflowSet(
            folder=folder,
            workflows=[w for w in loaded if isinstance(w, Workflow)],
            broken=[b for b in loaded if isinstance(b, BrokenWorkflow)],
        )
    )
