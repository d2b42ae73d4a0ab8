"""core/files.read_capped: a size cap checked before reading, and a file that grows after
fstat (§14.1 for workflow files; the same bound for scenarios and configs)."""

import io

import pytest

from simulator.core.diagnostics import GhasimError
from simulator.core.files import read_capped


class Reads(io.BytesIO):
    """A file that records what each read asks for."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.asked.append(-1 if size is None else size)
        return super().read(size)


def test_a_file_as_fstat_saw_it_is_one_read_of_its_size_and_one_byte():
    handle = Reads(b"x" * 100)
    assert read_capped(handle, 100, cap=500 * 1024) == b"x" * 100
    assert handle.asked == [101]  # not 500 KB: a request allocates what it asks for


@pytest.mark.parametrize("seen", [0, 10, 99])  # /proc files report 0
def test_a_file_that_grew_within_the_cap_is_read_whole(seen):
    assert read_capped(Reads(b"y" * 100), seen, cap=1000) == b"y" * 100


def test_a_file_that_grew_past_the_cap_is_read_to_one_byte_past_it():
    handle = Reads(b"z" * 5000)
    assert len(read_capped(handle, 10, cap=1000)) == 1001
    assert sum(handle.asked) == 1001


def test_a_scenario_that_grew_past_its_cap_since_fstat_is_refused(tmp_path, monkeypatch):
    from simulator.core import yaml_loader

    path = tmp_path / "big.yml"
    path.write_text("a: 1\n" * 100)

    class Stat:
        st_size = 5

    monkeypatch.setattr(yaml_loader.os, "fstat", lambda fd: Stat())
    with pytest.raises(GhasimError, match="the scenario is 101 bytes; ghasim reads at most 100"):
        yaml_loader.read_text(path, "scenario", max_bytes=100)
    assert yaml_loader.read_text(path, "scenario", max_bytes=10_000) == "a: 1\n" * 100
