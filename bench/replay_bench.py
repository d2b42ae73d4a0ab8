"""Replay speed: `ghasim replay` on a generated repository of N commits, against the time
`git log --name-only` alone takes on the same repository (target: at most 5x).

    python bench/replay_bench.py            # 10,000 commits
    python bench/replay_bench.py 50000

A script a person runs, not a timed test: these machines are shared and noisy, so it repeats
each measurement (the commands taking turns) and reports the best runs and their ratio.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / "scenarios" / "mlops-sync" / "workflows"
REPEAT = 5

PATHS = (
    [f"src/api/module{i}.py" for i in range(40)]
    + [f"data/raw/part{i}.csv" for i in range(15)]
    + [f"docs/page{i}.md" for i in range(10)]
    + ["README.md", "dvc.yaml", "params.yaml", "src/data/load.py"]
)


def make_repo(target: Path, commits: int) -> None:
    """A linear history on main, written with one `git fast-import` (seconds, not minutes)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    lines: list[bytes] = []
    stamp = 1_750_000_000
    for i in range(commits):
        message = f"change {i}" + (" [skip ci]" if i % 97 == 0 else "")
        body = [f"commit refs/heads/main\nmark :{i + 1}\n"
                f"committer Bench <bench@example.com> {stamp + i * 600} +0000\n"
                f"data {len(message.encode())}\n{message}\n"]  # fmt: skip
        if i:
            body.append(f"from :{i}\n")
        if i == 0:
            for wf in sorted(WORKFLOWS.glob("*.yml")):
                data = wf.read_bytes()
                body.append(f"M 644 inline .github/workflows/{wf.name}\ndata {len(data)}\n")
                lines.append("".join(body).encode() + data + b"\n")
                body = []
        touched = {PATHS[(i * 7) % len(PATHS)], PATHS[(i * 13 + 3) % len(PATHS)]}
        for path in sorted(touched):
            content = f"{path} v{i}\n".encode()
            body.append(f"M 644 inline {path}\ndata {len(content)}\n")
            lines.append("".join(body).encode() + content + b"\n")
            body = []
    subprocess.run(["git", "-C", str(target), "fast-import", "--quiet"], input=b"".join(lines),
                   check=True)  # fmt: skip
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "main"], check=True)


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def best_interleaved(commands: list[list[str]], cwd: Path) -> list[float]:
    """Best of REPEAT runs each, the commands taking turns, so that a busy moment of the
    machine falls on all of them alike rather than on one."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(REPEAT):
        for i, command in enumerate(commands):
            times[i].append(timed(command, cwd))
    return [min(t) for t in times]


def main() -> None:
    commits = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    ghasim = shutil.which("ghasim") or str(Path(sys.executable).parent / "ghasim")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        start = time.perf_counter()
        make_repo(repo, commits)
        print(f"generated {commits:,} commits in {time.perf_counter() - start:.1f}s")
        git_log, startup, replay = best_interleaved(
            [
                ["git", "log", "--first-parent", "--no-renames", "--name-only", "main"],
                [sys.executable, "-c", "import simulator.cli"],
                [ghasim, "replay", "--repo", str(repo)],
            ],
            repo,
        )
        print(f"git log --name-only alone: {git_log:.3f}s (best of {REPEAT})")
        print(f"ghasim replay:             {replay:.3f}s (best of {REPEAT}; "
              f"Python start-up + import simulator.cli alone: {startup:.3f}s)")  # fmt: skip
        print(f"ratio: {replay / git_log:.1f}x (target <= 5x)")
        print(subprocess.run([ghasim, "replay", "--repo", str(repo)], capture_output=True,
                             text=True, env=os.environ).stdout)  # fmt: skip


if __name__ == "__main__":
    main()
