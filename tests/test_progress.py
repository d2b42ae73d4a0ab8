"""Progress on anything that can take more than a second (issue P): the library tells how far
it has come (files parsed, probes simulated, commits replayed, probes compared, iterations),
and the command line draws a bar on a terminal only, once the work has lasted a second."""

import sys

import pytest
from cli_helpers import ghasim
from gitrepo import Repo
from synthetic import chain_copies

from simulator.report import progress as progress_module
from simulator.report.progress import progress_bar


class Told:
    """A progress callback that keeps what it was told."""

    def __init__(self):
        self.calls: list[tuple[int, int | None]] = []

    def __call__(self, done, total=None):
        self.calls.append((done, total))

    def counts_up_to(self, total):
        done = [d for d, _ in self.calls]
        assert done == sorted(done) and done[-1] == total, self.calls
        assert {t for _, t in self.calls} == {total}, self.calls


def test_check_tells_each_file_parsed(tmp_path):
    from simulator.check.run import check_folder

    told = Told()
    check_folder(chain_copies(3, tmp_path), progress=told)
    told.counts_up_to(18)
    assert len(told.calls) == 18


def test_audit_tells_each_probe_simulated(tmp_path):
    from simulator.audit.run import audit_workflows
    from simulator.core.events import Repository
    from simulator.workflow.loader import load_folder

    told = Told()
    audit_workflows(load_folder(chain_copies(2, tmp_path)), Repository(), progress=told)
    assert len(told.calls) == told.calls[-1][1] > 1
    told.counts_up_to(told.calls[-1][1])


def test_replay_counts_commits_and_diff_counts_probes_then_audits(tmp_path):
    from simulator.diff.run import run_diff
    from simulator.replay.run import replay_repository

    repo = Repo(tmp_path / "repo").seed()
    for i in range(4):
        repo.commit(f"code {i}", f"src/app{i}.py")
    told = Told()
    replay_repository(repo.path, commits=3, progress=told)
    assert told.calls == [(1, 3), (2, 3), (3, 3)]
    told = Told()
    replay_repository(repo.path, progress=told)  # the whole history: no total known
    assert told.calls == [(n, None) for n in range(1, 6)]

    repo.edit(".github/workflows/cd-api.yml", "branches: [main]", "branches: [release]")
    repo.commit("cd from release only")
    told = Told()
    report = run_diff(repo.path, "HEAD~1", "HEAD", progress=told)
    told.counts_up_to(len(report.scenarios) + 2)  # each probe, then each revision's audit


def test_the_bar_waits_a_second_and_shows_only_on_a_terminal(monkeypatch):
    opened = []
    monkeypatch.setattr(progress_module, "_open",
                        lambda stack, label, total: opened.append((label, total)) or
                        (type("Bar", (), {"update": lambda *a, **k: None})(), 0))  # fmt: skip
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with progress_bar(100, "parsing", show_after=3600) as update:
        for done in range(1, 101):
            update(done)
    assert opened == []  # a quick command never flashes a bar
    with progress_bar(None, "replaying", show_after=0) as update:
        update(1)
        update(2, 40)
    assert opened == [("replaying", None)]
    with progress_bar(100, "checking", enabled=False, show_after=0) as update:  # --quiet
        update(1)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with progress_bar(100, "checking", show_after=0) as update:  # piped
        update(1)
    assert opened == [("replaying", None)]


@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_piped_command_prints_no_bar(tmp_path, command):
    result = ghasim(command, "--workflows", chain_copies(2, tmp_path))
    assert "parsing" not in result.err and "━" not in result.err and "\r" not in result.err
