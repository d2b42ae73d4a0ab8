"""What a `ghasim diff` costs on a 48-workflow repository with two revisions (issue D).

    python bench/diff_bench.py            # 5 rounds
    python bench/diff_bench.py --quick    # 3 rounds

A script a person runs, not a timed test. Prints, side by side in one run (the commands take
turns, the best time of each is kept):
  a warm `ghasim diff` (the parse cache holds both revisions) against `ghasim --no-cache diff`;
  the git processes one diff starts (counted by a `git` on PATH that logs and runs the real
  one), with and without a trigger change.

ghasim is measured as users run it: installed into a fresh virtual environment with its
bytecode compiled (bench/scale.py's install); `--installed` measures the ghasim beside this
interpreter instead (where PYTHONDONTWRITEBYTECODE makes every run compile ghasim again).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
import scale  # noqa: E402
from scale import best  # noqa: E402
from synthetic import chain_copies  # noqa: E402


def make_repo(work: Path) -> Path:
    """48 workflows (eight copies of the bundled chain), a second revision narrowing one
    pull_request filter, as a feature branch."""
    repo = work / "repo"
    folder = chain_copies(8, repo)
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@b"}  # fmt: skip

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "48 workflows")
    git("checkout", "-q", "-b", "feature")
    ci = folder / "ci-0.yml"
    ci.write_text(ci.read_text().replace("  pull_request:\n", "  pull_request:\n"
                                         "    paths: ['src/**']\n", 1))  # fmt: skip
    git("commit", "-q", "-am", "narrow CI")
    return repo


def git_processes(repo: Path, env: dict[str, str], work: Path, *args: str) -> int:
    """How many git processes one `ghasim diff ARGS` starts."""
    shim, log = work / "shim", work / "git-calls"
    shim.mkdir(exist_ok=True)
    real = shutil.which("git")
    (shim / "git").write_text(f'#!/bin/sh\necho x >> "{log}"\nexec "{real}" "$@"\n')
    (shim / "git").chmod(0o755)
    log.write_text("")
    subprocess.run([scale.GHASIM, "diff", *args], cwd=repo, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False,
                   env={**env, "PATH": f"{shim}:{env['PATH']}"})  # fmt: skip
    return len(log.read_text().splitlines())


def main() -> None:
    repeat = 3 if "--quick" in sys.argv else 5
    work = Path(tempfile.mkdtemp(prefix="ghasim-diff-bench-"))
    try:
        if "--installed" not in sys.argv:
            scale.install(work)
        ghasim = scale.GHASIM
        repo = make_repo(work)
        env = {**os.environ, "GHASIM_CACHE_DIR": str(work / "cache"),
               "GHASIM_STATE_DIR": str(work / "state")}  # fmt: skip
        subprocess.run(
            [ghasim, "diff", "main", "feature"], cwd=repo, env=env, capture_output=True, check=False
        )  # fills the cache
        times = best({"warm": [ghasim, "diff", "main", "feature"],
                      "cold": [ghasim, "--no-cache", "diff", "main", "feature"]},
                     repeat, repo, env)  # fmt: skip
        print(
            f"{'warm diff vs --no-cache diff (48 workflows)':<52} {times['warm']:7.3f}s  "
            f"{times['cold']:7.3f}s  {times['warm'] / times['cold']:6.2f}x"
        )
        changed = git_processes(repo, env, work, "main", "feature")
        same = git_processes(repo, env, work, "main", "main")
        print(f"{'git processes per diff (a trigger changed / none)':<52} {changed:7d}   {same:7d}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
