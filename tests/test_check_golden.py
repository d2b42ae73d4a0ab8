"""`ghasim check` golden pairs, the actionlint way: tests/check/<case>.yml holds one or more
workflow files (each after a `# file: name.yml` line), <case>.out the exact diagnostics,
with paths relative to the folder. GHASIM_UPDATE_GOLDEN=1 rewrites the .out files."""

import os
import re
from pathlib import Path

import pytest
from cli_helpers import ghasim

CASES = Path(__file__).parent / "check"
FILE = re.compile(r"^# file: (\S+)$", flags=re.M)


def workflows_of(case: Path, folder: Path) -> None:
    parts = FILE.split(case.read_text(encoding="utf-8"))
    folder.mkdir()
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        (folder / name).write_text(text.lstrip("\n"), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yml")), ids=lambda p: p.stem)
def test_check_golden(case, tmp_path):
    folder = tmp_path / "wf"
    workflows_of(case, folder)
    result = ghasim("check", "--workflows", folder)
    assert result.code in (0, 1) and "internal error" not in result.err
    got = result.out.replace(f"{folder}/", "")
    expected = case.with_suffix(".out")
    if os.environ.get("GHASIM_UPDATE_GOLDEN"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
    errors = [line for line in got.splitlines() if "] warning: " not in line]
    assert result.code == (1 if errors else 0)
