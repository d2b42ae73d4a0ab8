"""`.ghasim.yml`: repository settings for `ghasim check` (required checks, default branch)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.core.fields import Fields
from simulator.core.yaml_loader import load_yaml_mapping

KEYS = ("required_checks", "default_branch")
DEFAULT_FILE = Path(".ghasim.yml")


def load_config(path: Path | None, root: Path = Path(".")) -> dict[str, Any]:
    """`path`, else `.ghasim.yml` at the repository's root `root` when there is one."""
    if path is None:
        if not (root / DEFAULT_FILE).is_file():
            return {}
        path = root / DEFAULT_FILE
    f = Fields(load_yaml_mapping(path, "config file"), "the config file")
    f.check_keys(KEYS)
    return {"required_checks": list(f.strings("required_checks")),
            "default_branch": f.text("default_branch", "main")}  # fmt: skip
