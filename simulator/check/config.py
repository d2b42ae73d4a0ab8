"""`.ghasim.yml`: repository settings for `ghasim check` (required checks, default branch)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.core.fields import Fields
from simulator.core.yaml_loader import load_yaml_mapping

KEYS = ("required_checks", "default_branch")
DEFAULT_FILE = Path(".ghasim.yml")


def load_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        if not DEFAULT_FILE.is_file():
            return {}
        path = DEFAULT_FILE
    f = Fields(load_yaml_mapping(path, "config file"), "the config file")
    f.check_keys(KEYS)
    return {"required_checks": list(f.strings("required_checks")),
            "default_branch": f.text("default_branch", "main")}  # fmt: skip
