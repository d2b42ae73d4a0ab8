"""Golden pairs, the actionlint way, for `ghasim check` (tests/check/) and `ghasim audit`
(tests/audit/): <case>.yml holds one or more workflow files (each after a `# file: name.yml`
line), <case>.out the exact findings, with paths relative to the folder.
GHASIM_UPDATE_GOLDEN=1 rewrites the .out files.

Audit cases are named after their rule: `<rule>.yml` must report that rule, and every
`<rule>-<shape>.yml` (a guard, a read-only token, no secrets ...) must stay silent."""

import os
import re
from pathlib import Path

import pytest
from cli_helpers import ghasim

CASES = Path(__file__).parent / "check"
AUDIT = Path(__file__).parent / "audit"
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


@pytest.mark.parametrize("case", sorted(AUDIT.glob("*.yml")), ids=lambda p: p.stem)
def test_audit_golden(case, tmp_path):  # §13.1, §13.2, §13.3, §14.7, §14.8
    """Each finding cites the fact its rule rests on, at the end of its line."""
    from simulator.audit.run import rules

    folder = tmp_path / "wf"
    workflows_of(case, folder)
    result = ghasim("audit", "--workflows", folder, "--repository", "acme/app")
    assert result.code in (0, 1) and "internal error" not in result.err, result.err
    got = result.out.replace(f"{folder}/", "")
    expected = case.with_suffix(".out")
    if os.environ.get("GHASIM_UPDATE_GOLDEN"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
    ids = {r.id for r in rules()}
    if case.stem in ids:  # the positive case of its rule
        assert f"[{case.stem}]" in got
        facts = {r.id: r.fact for r in rules()}
        for line in got.splitlines():
            rule = line.split("[", 1)[1].split("]", 1)[0]
            assert line.endswith(f"({facts[rule]})"), line
    else:  # a safe shape of the rule it is named after: silent
        assert any(case.stem.startswith(f"{rule}-") for rule in ids), case.stem
        assert got == ""


def test_every_audit_rule_has_a_positive_and_a_safe_case():
    from simulator.audit.run import rules

    stems = {p.stem for p in AUDIT.glob("*.yml")}
    for rule in rules():
        assert rule.id in stems, rule.id
        assert any(s.startswith(f"{rule.id}-") for s in stems), rule.id
