"""The pitfalls gallery (issue T): at least 20 folders, each a runnable lesson with a README
of the same shape and a scenario whose `expect:` states what GitHub does."""

from __future__ import annotations

import re

from cli_helpers import ghasim
from conftest import ROOT

from simulator.core.facts import facts

GALLERY = ROOT / "scenarios" / "pitfalls"
SECTIONS = ("**What people expect.**", "**What GitHub does.**", "**Why.**", "**The fix.**")


def folders():
    return sorted(p for p in GALLERY.iterdir() if p.is_dir())


def test_at_least_twenty_pitfalls_each_with_its_readme_and_scenario():
    assert len(folders()) >= 20
    index = (GALLERY / "README.md").read_text(encoding="utf-8")
    for folder in folders():
        readme = (folder / "README.md").read_text(encoding="utf-8")
        for section in SECTIONS:
            assert section in readme, (folder.name, section)
        cited = re.findall(r"§(\d+\.\d+)", readme)
        assert cited and all(n in facts() for n in cited), folder.name
        assert "expect:" in (folder / "scenario.yml").read_text(encoding="utf-8")
        assert f"]({folder.name}/)" in index, folder.name


def test_ghasim_test_runs_the_whole_gallery_green():
    result = ghasim("test", GALLERY)
    assert result.code == 0, result.out
    assert f"{len(folders())} scenarios, all passed" in result.out


AUDIT_FOLDERS = {"audit-artifact-poisoning": "tainted-workflow-run",
                 "fork-spoofed-upstream": "spoofable-upstream", "audit-pwn-request": "pwn-request",
                 "audit-title-injection": "untrusted-interpolation",
                 "audit-cache-poisoning": "cache-across-trust",
                 "audit-default-token": "effective-permissions"}  # fmt: skip


def test_one_pitfall_per_audit_rule_and_audit_reports_it():
    from simulator.audit.run import rules

    assert set(AUDIT_FOLDERS.values()) == {r.id for r in rules()}
    for folder, rule in AUDIT_FOLDERS.items():
        result = ghasim("audit", "--workflows", GALLERY / folder / "workflows",
                        "--repository", "acme/app")  # fmt: skip
        assert f"[{rule}]" in result.out, folder
