"""A cache of parsed workflow files, so a second `ghasim` on the same folder reads no YAML.

One pack per folder holds the parsed models, each keyed by the file's bytes, the paths it is
shown and known by, ghasim's version and the model schema: an edited file misses and is parsed
again, the others are reused. A pack is a header, a keyed MAC and a run of frames, each one
msgpack list of entries (simulator.workflow.codec): the frames worker processes encoded to send
their models back are written as they came, so a big cold load encodes nothing twice.
A scenario file's parsed document is kept the same way, one entry per file under `documents/`,
so a warm `ghasim run` never imports PyYAML; derived values (a revision's audit findings for
`ghasim diff`) one entry per slot under `memo/`. `--no-cache` (or GHASIM_NO_CACHE=1) turns it off.

Where: `GHASIM_CACHE_DIR`, else `$XDG_CACHE_HOME/ghasim`, else `~/.cache/ghasim`.

Hostile by default (docs/security.md): whoever can write the cache folder (a shared runner, a
restored CI cache) must not change an answer.
- A pack holds data, never objects: msgspec's typed decoder builds only ghasim's model types,
  with checked field types; patterns are source text compiled by our translator.
- A pack is authenticated: a BLAKE2b MAC keyed with a secret kept outside the cache folder
  (`GHASIM_STATE_DIR`, else `$XDG_STATE_HOME/ghasim`, else `~/.local/state/ghasim`, mode 0600).
  A planted or edited pack, however well typed, fails it and is a miss.
- The folder is created 0700; a folder or file not owned by the user, writable by group or
  others, not a regular file (a FIFO, a device, a link) or over MAX_PACK_BYTES is ignored,
  with one note on stderr. Anything that fails to verify or decode is a miss, rewritten.
- Writes go to a temporary file renamed into place: a concurrent reader, or an interrupted
  write, never leaves half a pack.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from simulator import __version__
from simulator.workflow.codec import (
    Document,
    Entry,
    Unencodable,
    decode_document,
    decode_entries,
    decode_memo,
    encode_document,
    encode_entries,
    encode_memo,
    schema,
)
from simulator.workflow.model import BrokenWorkflow, Workflow

FORMAT = "7"  # bump when the encoding or the parsers change (the schema is in the key too)
MAGIC = b"ghasim-pack\0" + FORMAT.encode()
MAX_PACK_BYTES = 256 * 1024 * 1024  # a pack beyond this is not read (memory stays bounded)
_FRAME_HEADER = struct.Struct(">Q")
_TAG_BYTES = 32
Model = Workflow | BrokenWorkflow


def _stderr_note(text: str) -> None:
    print(text, file=sys.stderr)


class ParseCache:
    def __init__(self, root: Path, state: Path | None = None):
        self.root = root
        self.state = state if state is not None else state_folder()
        self.version = __version__
        self.hits = 0  # files taken from a pack
        self.misses = 0  # files parsed
        self.note: Callable[[str], None] = _stderr_note
        self._noted: set[str] = set()
        self._secret: bytes | None = None
        self._usable: bool | None = None

    @classmethod
    def from_environment(cls) -> ParseCache | None:
        if os.environ.get("GHASIM_NO_CACHE"):
            return None
        base = os.environ.get("GHASIM_CACHE_DIR")
        if base:
            return cls(Path(base))
        xdg = os.environ.get("XDG_CACHE_HOME")
        return cls(Path(xdg) / "ghasim" if xdg else Path.home() / ".cache" / "ghasim")

    # -------------------------------------------------------------------------- trust

    def _warn(self, text: str) -> None:
        if text not in self._noted:  # one note per reason and run
            self._noted.add(text)
            self.note(f"note: parse cache: {text}")

    def _folder(self, folder: Path, create: bool) -> bool:
        """Whether `folder` can hold cache files: ours, a real folder, no one else writes it."""
        try:
            if create:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.lstat(folder)
        except OSError:
            return False  # missing or unwritable: no cache, nothing to say
        problem = _untrusted(info, stat.S_ISDIR, "a folder")
        if problem:
            self._warn(f"{folder} is ignored: {problem}")
            return False
        return True

    def usable(self) -> bool:
        """Whether the cache folder and the secret can be trusted (checked once)."""
        if self._usable is None:
            self._usable = self._folder(self.root, create=True) and self.secret() is not None
        return self._usable

    def secret(self) -> bytes | None:
        """The MAC key, created once per state folder (None when it cannot be trusted)."""
        if self._secret is None and self._folder(self.state, create=True):
            self._secret = self._load_secret(self.state / "cache-key")
        return self._secret

    def _load_secret(self, path: Path) -> bytes | None:
        data = self._read(path, 64, private=True)
        if data is None and not path.exists():
            temp = path.with_name(f".tmp-key-{os.getpid()}")
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(_TAG_BYTES))
                os.link(temp, path)  # never replaces a key another run made meanwhile
            except OSError:
                pass
            finally:
                _unlink(temp)
            data = self._read(path, 64, private=True)
        if data is not None and len(data) != _TAG_BYTES:
            self._warn(f"{path} is ignored: not a key")
            return None
        return data

    def _read(self, path: Path, cap: int, private: bool = False) -> bytes | None:
        """A cache file's bytes when it can be trusted, else None (with a note, except when
        it does not exist). Opened without following a link or blocking on a FIFO; checked
        on the open file, so nothing can be swapped in between. A `private` file (the key)
        must not even be readable by others."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._warn(f"{path} is ignored: {exc.strerror or 'cannot be opened'}")
            return None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            problem = _untrusted(info, stat.S_ISREG, "a regular file")
            if problem is None and private and info.st_mode & 0o077:
                problem = "readable by others (chmod 600 it, or delete it for a new key)"
            if problem is None and info.st_size > cap:
                problem = f"larger than {cap:,} bytes"
            if problem:
                self._warn(f"{path} is ignored: {problem}")
                return None
            data = handle.read(cap + 1)
        return data if len(data) <= cap else None

    def _tag(self, context: str, body: memoryview | list[bytes]) -> bytes:
        secret = self.secret()
        assert secret is not None
        mac = hashlib.blake2b(key=secret, digest_size=_TAG_BYTES)
        mac.update(MAGIC + schema().encode() + b"\0" + context.encode("utf-8", "surrogatepass"))
        for part in [body] if isinstance(body, memoryview) else body:
            mac.update(part)
        return mac.digest()

    def _sealed(self, context: str, body: list[bytes]) -> list[bytes]:
        return [MAGIC, self._tag(context, body), *body]

    def _opened(self, context: str, data: bytes | None) -> memoryview | None:
        """The body of a sealed file when its MAC verifies, else None."""
        head = len(MAGIC) + _TAG_BYTES
        if data is None or len(data) < head or not data.startswith(MAGIC):
            return None
        body = memoryview(data)[head:]
        if not hmac.compare_digest(data[len(MAGIC) : head], self._tag(context, body)):
            return None
        return body

    # -------------------------------------------------------------------------- packs

    def key(self, data: bytes, path: str, rel_path: str) -> str:
        digest = hashlib.sha256()
        for part in (FORMAT, self.version, schema(), path, rel_path):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _pack(self, folder: str) -> Path:
        name = hashlib.sha256(f"{FORMAT}\0{self.version}\0{folder}".encode(
            "utf-8", "surrogatepass")).hexdigest()  # fmt: skip
        return self.root / f"{name}.pack"

    def load(self, folder: str) -> dict[str, Model]:
        """The folder's pack: file key -> parsed model (empty when there is none, or when it
        does not verify or decode: every such pack is a miss)."""
        if not self.usable():
            return {}
        body = self._opened(folder, self._read(self._pack(folder), MAX_PACK_BYTES))
        if body is None:
            return {}
        entries: dict[str, Model] = {}
        try:
            for chunk in _frames(body):
                entries.update(read_frame(chunk))
        except Exception:  # a pack of ours that does not decode (a bug, a partial disk)
            return {}
        return entries

    def save(self, folder: str, frames: list[bytes]) -> None:
        if self.usable():
            body = [part for f in frames for part in (_FRAME_HEADER.pack(len(f)), f)]
            _write_parts(self._pack(folder), self._sealed(folder, body))

    def document(self, text: str, display: str, parse: Callable[[], Any]) -> Any:
        """A small YAML file's parsed document (a scenario), from the cache when the file is
        unchanged: a warm `ghasim run` reads no YAML, so PyYAML is not even imported. One
        entry per file (named by its path), replaced when the file changes."""
        key = self.key(text.encode("utf-8", "surrogatepass"), display, "document")
        name = hashlib.sha256(f"{FORMAT}\0{os.path.abspath(display)}".encode(
            "utf-8", "surrogatepass")).hexdigest()  # fmt: skip
        target = self.root / "documents" / f"{name}.doc"
        usable = self.usable()
        stored = None
        if usable and self._folder(target.parent, create=False):
            body = self._opened(name, self._read(target, MAX_PACK_BYTES))
            try:
                stored = decode_document(body) if body is not None else None
            except Exception:  # does not decode: parse again
                stored = None
        if stored is not None and stored.key == key:
            self.hits += 1
            return stored.value
        self.misses += 1
        doc = parse()  # an error propagates: nothing is written
        if usable and self._folder(target.parent, create=True):
            try:
                encoded = encode_document(Document(key, doc))
            except Unencodable:
                return doc
            _write_parts(target, self._sealed(name, [encoded]))
        return doc

    def memo(self, slot: str, key: str, kind: type[T], compute: Callable[[], T]) -> T:
        """A derived value (a revision's audit findings) kept like a document: one sealed
        entry per `slot`, holding `key` and the value msgpack-encoded as `kind` (typed on
        the way back); recomputed and replaced when the key differs or the entry fails."""
        name = hashlib.sha256(f"{FORMAT}\0{slot}".encode("utf-8", "surrogatepass")).hexdigest()
        target = self.root / "memo" / f"{name}.bin"
        full_key = self.key(key.encode("utf-8", "surrogatepass"), slot, "memo")
        usable = self.usable()
        if usable and self._folder(target.parent, create=False):
            body = self._opened(name, self._read(target, MAX_PACK_BYTES))
            if body is not None:
                try:
                    stored_key, value = decode_memo(body, kind)
                except Exception:  # does not decode: compute again
                    stored_key, value = "", None
                if stored_key == full_key:
                    self.hits += 1
                    return value
        self.misses += 1
        value = compute()
        if usable and self._folder(target.parent, create=True):
            try:
                encoded = encode_memo(full_key, value)
            except Unencodable:
                return value
            _write_parts(target, self._sealed(name, [encoded]))
        return value


T = TypeVar("T")


def _untrusted(info: os.stat_result, is_kind: Callable[[int], bool], kind: str) -> str | None:
    if not is_kind(info.st_mode):
        return f"not {kind}"
    if info.st_uid != os.geteuid():
        return f"owned by user {info.st_uid}, not by you"
    if info.st_mode & 0o022:
        return "writable by others"
    return None


def _frames(body: memoryview) -> list[memoryview]:
    out, pos = [], 0
    while pos < len(body):
        (size,) = _FRAME_HEADER.unpack_from(body, pos)
        pos += _FRAME_HEADER.size
        if pos + size > len(body):
            raise ValueError("a truncated frame")
        out.append(body[pos : pos + size])
        pos += size
    return out


def state_folder() -> Path:
    base = os.environ.get("GHASIM_STATE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_STATE_HOME")
    return Path(xdg) / "ghasim" if xdg else Path.home() / ".local" / "state" / "ghasim"


def frame(keys: list[str], models: list[Model]) -> tuple[bytes, list[str]]:
    """One pack frame: the models with their keys, compressed, and the keys it holds (an
    unencodable model is left out). Positions repeat their file's path, which msgpack
    writes out each time: zlib's fastest level takes a pack of 1,200 files from 28.7 MB to
    0.2 MB in 12 ms (decompressed in 8)."""
    encoded, held = encode_entries([_entry(k, m) for k, m in zip(keys, models, strict=True)])
    return zlib.compress(encoded, 1), held


def _entry(key: str, model: Model) -> Entry:
    if isinstance(model, Workflow):
        return Entry(key, workflow=model)
    return Entry(key, broken=model)


def read_frame(framed: bytes | memoryview) -> dict[str, Model]:
    """A frame's models by key (only ghasim's model types can come out of it)."""
    return {entry.key: entry.model for entry in decode_entries(_inflate(framed))}


def _inflate(framed: bytes | memoryview) -> bytes:
    """A frame decompressed, never past MAX_PACK_BYTES (a planted bomb stops there)."""
    inflater = zlib.decompressobj()
    data = inflater.decompress(framed, MAX_PACK_BYTES)
    if not inflater.eof or inflater.unconsumed_tail:
        raise ValueError("a frame that does not end, or inflates past the cap")
    return data


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _write_parts(target: Path, parts: list[bytes]) -> None:
    """The parts to a temporary file renamed into place: a concurrent reader sees the old
    entry or the new one, never half of one; an interrupted write leaves no temporary."""
    import tempfile

    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(parts)
        os.replace(temp, target)
        temp = None
    except OSError:  # a read-only or full disk: ghasim works without its cache
        pass
    finally:
        if temp is not None:
            _unlink(Path(temp))


class FolderCache:
    """The cache as one folder's load sees it: hits from its pack, what to save after."""

    def __init__(self, cache: ParseCache, folder: str):
        self.cache = cache
        self.folder = folder
        self.old = cache.load(folder)
        self.new: dict[str, Model] = {}
        self.frames: list[bytes] = []  # frames encoded by workers, written as they are
        self.framed: set[str] = set()  # the keys those frames hold

    def lookup(self, data: bytes, display: str, rel_path: str) -> tuple[str, Model | None]:
        """The file's key, and its model when the pack holds it (else None: a miss, to
        parse and `keep`)."""
        key = self.cache.key(data, display, rel_path)
        found = self.new.get(key) or self.old.get(key)  # another revision's same blob: once
        if found is None:
            self.cache.misses += 1
        else:
            self.cache.hits += 1
            self.new[key] = found
        return key, found

    def keep(self, keys: list[str], models: list[Model], framed: bytes | None = None,
             framed_keys: list[str] | None = None) -> None:  # fmt: skip
        """Parsed models for the pack written at `close`; `framed` is their frame when a
        worker already encoded them (`framed_keys`: the keys it holds)."""
        self.new.update(zip(keys, models, strict=True))
        if framed is not None:
            self.frames.append(framed)
            self.framed.update(framed_keys if framed_keys is not None else keys)

    def close(self) -> None:
        """Write the pack when something was parsed (a file the pack did not hold): a load
        that only hit leaves it as it is, stale entries included, until the next miss."""
        if self.new.keys() <= self.old.keys():
            return
        rest = [key for key in self.new if key not in self.framed]
        frames = (
            [*self.frames, frame(rest, [self.new[key] for key in rest])[0]]
            if rest else self.frames
        )  # fmt: skip
        self.cache.save(self.folder, frames)


_active: ParseCache | None = None


def active() -> ParseCache | None:
    """The cache the command line turned on (None for library use unless configured)."""
    return _active


def configure(enabled: bool) -> ParseCache | None:
    global _active
    _active = ParseCache.from_environment() if enabled else None
    return _active


def set_note(note: Callable[[str], None]) -> None:
    """Where the active cache's notes go (the command's `--quiet`-aware stderr)."""
    if _active is not None:
        _active.note = note
