"""Small real git repositories for tests: real `git`, real commits."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "scenarios" / "mlops-sync" / "workflows"


class Repo:
    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "dev@example.com")
        self.git("config", "user.name", "Dev")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.path, check=True, capture_output=True,
                              text=True).stdout  # fmt: skip

    @property
    def workflows(self) -> Path:
        return self.path / ".github" / "workflows"

    def seed(self) -> Repo:
        self.workflows.mkdir(parents=True, exist_ok=True)
        for wf in SEED.glob("*.yml"):
            shutil.copy(wf, self.workflows / wf.name)
        self.commit("add the seed chain", "README.md")
        return self

    def write(self, rel: str, text: str) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)

    def edit(self, rel: str, old: str, new: str) -> None:
        target = self.path / rel
        text = target.read_text()
        assert old in text, f"{old!r} not in {rel}"
        target.write_text(text.replace(old, new))

    def commit(self, message: str, *touch: str) -> str:
        for rel in touch:
            self.write(rel, f"{rel} {message}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def state(self) -> tuple[str, str, str]:
        """Everything a read-only tool must leave alone: the work tree, the index, the refs."""
        return (self.git("status", "--porcelain", "--untracked-files=all"),
                self.git("for-each-ref"), self.git("rev-parse", "HEAD"))  # fmt: skip
