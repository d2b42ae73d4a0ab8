"""A parse cache that holds data, not objects (issue S2): whatever anyone plants in the cache
folder, every answer equals the `--no-cache` answer, nothing planted runs, and nothing hangs,
grows without bound or ends in an internal error (exit 70)."""

from __future__ import annotations

import os
import pickle
import random
import stat
import zlib
from pathlib import Path

import msgspec
import pytest
from cli_helpers import ghasim
from synthetic import chain_copies

from simulator.workflow import cache as cache_module
from simulator.workflow import codec
from simulator.workflow.loader import load_folder


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    cache, state = tmp_path / "cache", tmp_path / "state"
    monkeypatch.setenv("GHASIM_CACHE_DIR", str(cache))
    monkeypatch.setenv("GHASIM_STATE_DIR", str(state))
    yield cache, state
    cache_module.configure(False)


def answer(workflows: Path) -> bytes:
    """What every command's answer rests on: the loaded models, encoded (no cache)."""
    cache_module.configure(False)
    loaded = load_folder(workflows)
    return msgspec.msgpack.encode([*loaded.workflows, *loaded.broken])


def cached_answer(workflows: Path) -> tuple[bytes, cache_module.ParseCache]:
    cache = cache_module.configure(True)
    assert cache is not None
    loaded = load_folder(workflows)
    return msgspec.msgpack.encode([*loaded.workflows, *loaded.broken]), cache


def the_pack(cache_dir: Path) -> Path:
    return next(cache_dir.glob("*.pack"))


def test_the_folders_are_private_and_the_key_lives_outside_the_cache(tmp_path, dirs):
    cache_dir, state = dirs
    cached_answer(chain_copies(1, tmp_path))
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    key = state / "cache-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert not list(cache_dir.rglob("cache-key"))


def test_a_key_others_can_read_is_not_used(tmp_path, dirs):
    _, state = dirs
    workflows = chain_copies(1, tmp_path)
    cached_answer(workflows)
    (state / "cache-key").chmod(0o644)
    notes: list[str] = []
    cache = cache_module.configure(True)
    cache.note = notes.append
    load_folder(workflows)
    assert cache.hits == 0 and len(notes) == 1 and "readable by others" in notes[0]


def test_an_edited_but_well_typed_pack_is_a_miss(tmp_path, dirs):
    """The issue's attack: a pack with every trigger removed, encoded with ghasim's own types
    and keyed exactly (keys come from public data). Without the secret its MAC fails."""
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    expected = answer(workflows)
    cached_answer(workflows)
    pack = the_pack(cache_dir)
    body = memoryview(pack.read_bytes())[len(cache_module.MAGIC) + 32 :]
    entries = [e for f in cache_module._frames(body)
               for e in codec.decode_entries(cache_module._inflate(f))]  # fmt: skip
    emptied = [
        codec.Entry(e.key, workflow=msgspec.structs.replace(e.workflow, triggers={}))
        if e.workflow is not None else e
        for e in entries
    ]  # fmt: skip
    frame = zlib.compress(codec.encode_entries(emptied)[0])
    forged_tag = b"\0" * 32
    pack.write_bytes(cache_module.MAGIC + forged_tag + len(frame).to_bytes(8, "big") + frame)
    got, cache = cached_answer(workflows)
    assert got == expected and cache.hits == 0
    assert the_pack(cache_dir).read_bytes()[len(cache_module.MAGIC) :][:32] != forged_tag


def test_a_pickle_payload_is_never_run(tmp_path, dirs, monkeypatch):
    class Payload:
        def __reduce__(self):
            return (os.system, ("touch pwned",))

    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    cached_answer(workflows)
    the_pack(cache_dir).write_bytes(pickle.dumps({"x": Payload()}))
    monkeypatch.chdir(tmp_path)
    got, cache = cached_answer(workflows)
    assert not (tmp_path / "pwned").exists() and cache.hits == 0
    assert got == answer(workflows)


def test_a_fifo_a_device_link_and_a_huge_pack_are_ignored_with_one_note(tmp_path, dirs,
                                                                         monkeypatch):  # fmt: skip
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    expected = answer(workflows)
    cached_answer(workflows)
    pack = the_pack(cache_dir)
    for plant in ("fifo", "link", "huge"):
        pack.unlink()
        if plant == "fifo":
            os.mkfifo(pack, 0o600)  # a blocking open would hang forever
        elif plant == "link":
            pack.symlink_to("/dev/zero")  # a read would grow without bound
        else:
            monkeypatch.setattr(cache_module, "MAX_PACK_BYTES", 100)
            pack.write_bytes(b"x" * 101)
        notes: list[str] = []
        cache = cache_module.configure(True)
        assert cache is not None
        cache.note = notes.append
        loaded = load_folder(workflows)
        assert msgspec.msgpack.encode([*loaded.workflows, *loaded.broken]) == expected
        assert cache.hits == 0 and len(notes) == 1 and str(pack) in notes[0], (plant, notes)
        monkeypatch.setattr(cache_module, "MAX_PACK_BYTES", 256 * 1024 * 1024)
        if pack.is_symlink() or stat.S_ISFIFO(os.lstat(pack).st_mode):
            pack.unlink()
        cached_answer(workflows)  # written again, as a regular file


def test_a_folder_others_can_write_is_not_used_and_quiet_silences_the_note(tmp_path, dirs):
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    loud = ghasim("check", "--workflows", workflows)
    assert loud.code == 0 and loud.err.count("parse cache") == 1
    assert "writable by others" in loud.err and str(cache_dir) in loud.err
    assert not list(cache_dir.iterdir())  # nothing written into it
    quiet = ghasim("check", "--quiet", "--workflows", workflows)
    assert quiet.code == 0 and "parse cache" not in quiet.err
    assert quiet.out == ghasim("--no-cache", "check", "--workflows", workflows).out


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to give files to another user")
def test_a_pack_or_folder_owned_by_someone_else_is_ignored(tmp_path, dirs):
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    expected = answer(workflows)
    cached_answer(workflows)
    pack = the_pack(cache_dir)
    os.chown(pack, 4242, 4242)
    got, cache = cached_answer(workflows)
    assert got == expected and cache.hits == 0
    os.chown(cache_dir, 4242, 4242)
    got, cache = cached_answer(workflows)
    assert got == expected and cache.hits == 0


def _mutations(good: bytes, rng: random.Random) -> bytes:
    """One planted state: truncated, flipped, spliced, foreign or empty."""
    kind = rng.randrange(6)
    if kind == 0:
        return good[: rng.randrange(len(good))]
    if kind == 1:
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if kind == 2:
        cut = rng.randrange(len(good))
        return good[:cut] + rng.randbytes(rng.randint(1, 64)) + good[cut:]
    if kind == 3:
        return rng.randbytes(rng.randint(0, 256))
    if kind == 4:
        return cache_module.MAGIC + rng.randbytes(32) + good[len(cache_module.MAGIC) + 32 :]
    return good[: len(cache_module.MAGIC) + 32] + rng.randbytes(rng.randint(0, 512))


def test_property_any_planted_pack_answers_as_no_cache(tmp_path, dirs):
    """2,000 planted states of a real pack: every answer equals the --no-cache answer."""
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    expected = answer(workflows)
    cached_answer(workflows)
    pack = the_pack(cache_dir)
    good = pack.read_bytes()
    rng = random.Random(20261207)
    for _ in range(2000):
        pack.write_bytes(_mutations(good, rng))
        got, _ = cached_answer(workflows)
        assert got == expected


def test_property_a_sealed_but_garbled_pack_never_breaks_the_decoder(tmp_path, dirs):
    """Even a pack sealed with the right key (an attacker who stole it) decodes only to
    ghasim's types or to a miss: 2,000 garbled bodies, no exception escapes the load."""
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    _, cache = cached_answer(workflows)
    pack = the_pack(cache_dir)
    body = memoryview(pack.read_bytes())[len(cache_module.MAGIC) + 32 :]
    plain = b"".join(cache_module._inflate(f) for f in cache_module._frames(body))
    folder = str(workflows.resolve())
    rng = random.Random(7)
    hits = 0
    for _ in range(2000):
        data = bytearray(plain)  # garbled before compression: the decoder sees the damage
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        framed = zlib.compress(bytes(data))
        sealed = cache._sealed(folder, [len(framed).to_bytes(8, "big"), framed])
        pack.write_bytes(b"".join(sealed))
        loaded = cache.load(folder)  # never raises
        assert all(isinstance(m, codec.Workflow | codec.BrokenWorkflow) for m in loaded.values())
        hits += bool(loaded)
    assert hits  # some garbled packs still decode (a changed letter): the MAC is what guards


@pytest.mark.parametrize("seed", range(12))
def test_planted_packs_never_end_a_command_in_exit_70(tmp_path, dirs, seed):
    cache_dir, _ = dirs
    workflows = chain_copies(1, tmp_path)
    expected = ghasim("--no-cache", "explain", "--workflows", workflows, "--event", "push",
                      "--branch", "main", "--file", "src/api/app.py")  # fmt: skip
    ghasim("check", "--workflows", workflows)
    pack = the_pack(cache_dir)
    pack.write_bytes(_mutations(pack.read_bytes(), random.Random(seed)))
    got = ghasim("explain", "--workflows", workflows, "--event", "push", "--branch", "main",
                 "--file", "src/api/app.py")  # fmt: skip
    assert (got.code, got.out) == (expected.code, expected.out)


def test_planted_audit_memos_change_no_diff_answer(tmp_path, dirs):
    """The audit findings a diff keeps (memo/) are sealed like packs: garbage or another
    entry's bytes planted there are misses."""
    from gitrepo import Repo

    cache_dir, _ = dirs
    repo = Repo(tmp_path / "repo").seed()
    repo.edit(".github/workflows/ci.yml", "name: CI Pipeline", "name: CI")
    args = ("diff", "--repo", repo.path, "--format", "json")
    expected = ghasim("--no-cache", *args).out
    assert ghasim(*args).out == expected
    memos = sorted((cache_dir / "memo").iterdir())
    assert memos
    rng = random.Random(3)
    for plant in (b"", rng.randbytes(300), memos[-1].read_bytes()):
        for memo in memos:
            memo.write_bytes(plant)
        assert ghasim(*args).out == expected
