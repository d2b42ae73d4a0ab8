"""Synthetic workflow folders of any size: N renamed copies of the bundled MLOps chain (six
workflows each, wired by name), for the linearity test and bench/scale.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "scenarios" / "mlops-sync" / "workflows"
_NAME = re.compile(r"^name: (.+)$", flags=re.M)


def chain_copies(copies: int, target: Path) -> Path:
    """`target/.github/workflows` with `copies` x 6 files; returns the workflows folder."""
    folder = target / ".github" / "workflows"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = sorted(SEED.glob("*.yml"))
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    names = [m.group(1).strip().strip('"') for f in files if (m := _NAME.search(texts[f]))]
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for i in range(copies):
        for f in files:
            text = pattern.sub(lambda m, i=i: f"{m.group(0)} {i}", texts[f])
            (folder / f"{f.stem}-{i}.yml").write_text(text, encoding="utf-8")
    return folder
