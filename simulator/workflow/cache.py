"""A cache of parsed workflow files, so a second `ghasim` on the same folder reads no YAML.

One pack per folder holds the parsed models, each keyed by the file's bytes, the paths it is
shown and known by, and ghasim's version: an edited file misses and is parsed again, the
others are reused. A pack is a run of frames, each one pickle of (keys, models): the frames
that worker processes pickled to send their models back are written as they came, so a big
cold load pickles nothing twice. Packs live in `GHASIM_CACHE_DIR`, else
`$XDG_CACHE_HOME/ghasim`, else `~/.cache/ghasim`. Writes go to a temporary file renamed into
place, so concurrent runs never read half a pack; a pack that cannot be read (corrupt, from
another version) is ignored and rewritten. Packs are unpickled with a whitelist: only
ghasim's own model classes.
A scenario file's parsed document is kept the same way, one entry per file under
`documents/`, so a warm `ghasim run` never imports PyYAML.
`--no-cache` (or GHASIM_NO_CACHE=1) turns it off.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct

from simulator import __version__

FORMAT = "6"  # bump when the model classes or the parsers change
_ALLOWED_MODULES = ("simulator.",)
_ALLOWED_GLOBALS = {("re", "_compile"),
                    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "dict"),
                    ("builtins", "list"), ("builtins", "tuple"), ("builtins", "str"),
                    ("pathlib", "PosixPath"), ("pathlib", "PurePosixPath")}  # fmt: skip


# What a model is made of: records (Structs), positions (NamedTuples), YAML values (dict and
# list subclasses), reasons (str). Their constructors only store what they are given.
_MODEL_BASES = (Struct, tuple, str, dict, list)


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        if module.startswith(_ALLOWED_MODULES):
            # a class only: a pickle calls what it names, and ghasim's functions run git or
            # write files
            found = super().find_class(module, name)
            if isinstance(found, type) and issubclass(found, _MODEL_BASES):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a ghasim model class")


class ParseCache:
    def __init__(self, root: Path):
        self.root = root
        self.version = __version__
        self.hits = 0  # files taken from a pack
        self.misses = 0  # files parsed

    @classmethod
    def from_environment(cls) -> ParseCache | None:
        if os.environ.get("GHASIM_NO_CACHE"):
            return None
        base = os.environ.get("GHASIM_CACHE_DIR")
        if base:
            return cls(Path(base))
        xdg = os.environ.get("XDG_CACHE_HOME")
        return cls(Path(xdg) / "ghasim" if xdg else Path.home() / ".cache" / "ghasim")

    def key(self, data: bytes, path: str, rel_path: str) -> str:
        digest = hashlib.sha256()
        for part in (FORMAT, self.version, path, rel_path):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _pack(self, folder: str) -> Path:
        name = hashlib.sha256(f"{FORMAT}\0{self.version}\0{folder}".encode(
            "utf-8", "surrogatepass")).hexdigest()  # fmt: skip
        return self.root / f"{name}.pack"

    def load(self, folder: str) -> dict[str, Any]:
        """The folder's pack: file key -> parsed model (empty when there is none)."""
        try:
            data = self._pack(folder).read_bytes()
            stream = io.BytesIO(data)
            entries: dict[str, Any] = {}
            while stream.tell() < len(data):
                keys, models = read_frame(stream)
                entries.update(zip(keys, models, strict=True))
        except Exception:  # missing, corrupt, truncated, another format: parse again
            return {}
        return entries

    def save(self, folder: str, frames: list[bytes]) -> None:
        _write_frames(self._pack(folder), frames)

    def document(self, text: str, display: str, parse: Callable[[], Any]) -> Any:
        """A small YAML file's parsed document (a scenario), from the cache when the file is
        unchanged: a warm `ghasim run` reads no YAML, so PyYAML is not even imported. One
        entry per file (named by its path), replaced when the file changes."""
        key = self.key(text.encode("utf-8", "surrogatepass"), display, "document")
        name = hashlib.sha256(f"{FORMAT}\0{os.path.abspath(display)}".encode(
            "utf-8", "surrogatepass")).hexdigest()  # fmt: skip
        target = self.root / "documents" / f"{name}.doc"
        try:
            stored = _ModelUnpickler(io.BytesIO(target.read_bytes())).load()
        except Exception:  # missing, corrupt, another format: parse again
            stored = None
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            self.hits += 1
            return stored[1]
        self.misses += 1
        doc = parse()  # an error propagates: nothing is written
        _write(target, (key, doc))
        return doc


def frame(keys: list[str], models: list[Any]) -> bytes:
    """One pack frame: the models with their keys, pickled."""
    return pickle.dumps((keys, models), protocol=pickle.HIGHEST_PROTOCOL)


def read_frame(stream: io.BytesIO) -> tuple[list[str], list[Any]]:
    """The next frame of a pack (only ghasim's model classes are unpickled)."""
    value = _ModelUnpickler(stream).load()
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list)
            and isinstance(value[1], list) and len(value[0]) == len(value[1])):  # fmt: skip
        raise pickle.UnpicklingError("not a pack frame")
    return value


def _write(target: Path, value: Any) -> None:
    _write_frames(target, [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)])


def _write_frames(target: Path, frames: list[bytes]) -> None:
    """The frames to a temporary file renamed into place: a concurrent reader sees the old
    entry or the new one, never half of one."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(frames)
        os.replace(temp, target)
    except OSError:  # a read-only or full disk: ghasim works without its cache
        pass


class FolderCache:
    """The cache as one folder's load sees it: hits from its pack, what to save after."""

    def __init__(self, cache: ParseCache, folder: str):
        self.cache = cache
        self.folder = folder
        self.old = cache.load(folder)
        self.new: dict[str, Any] = {}
        self.frames: list[bytes] = []  # frames pickled by workers, written as they are
        self.framed: set[str] = set()  # the keys those frames hold

    def lookup(self, data: bytes, display: str, rel_path: str) -> tuple[str, Any]:
        """The file's key, and its model when the pack holds it (else None: a miss, to
        parse and `keep`)."""
        key = self.cache.key(data, display, rel_path)
        found = self.old.get(key)
        if found is None:
            self.cache.misses += 1
        else:
            self.cache.hits += 1
            self.new[key] = found
        return key, found

    def keep(self, keys: list[str], models: list[Any], framed: bytes | None = None) -> None:
        """Parsed models for the pack written at `close`; `framed` is their frame when a
        worker already pickled them."""
        self.new.update(zip(keys, models, strict=True))
        if framed is not None:
            self.frames.append(framed)
            self.framed.update(keys)

    def close(self) -> None:
        if self.new.keys() == self.old.keys():
            return
        rest = [key for key in self.new if key not in self.framed]
        frames = (
            [*self.frames, frame(rest, [self.new[key] for key in rest])] if rest else self.frames
        )
        self.cache.save(self.folder, frames)


_active: ParseCache | None = None


def active() -> ParseCache | None:
    """The cache the command line turned on (None for library use unless configured)."""
    return _active


def configure(enabled: bool) -> ParseCache | None:
    global _active
    _active = ParseCache.from_environment() if enabled else None
    return _active
