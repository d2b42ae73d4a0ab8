"""workflow_run propagation in the engine (fact sheet §5, appendix A.3)."""

from conftest import simulate_text

ORIGIN = """
name: A
on: push
jobs: {a: {runs-on: x}}
"""


def listener(name: str, upstream: str, extra: str = "") -> str:
    return f"""
name: {name}
on:
  workflow_run:
    workflows: [{upstream}]
{extra}jobs: {{j: {{runs-on: x}}}}
"""


PUSH = "events:\n  - push: {branch: main, files: [a]}\n"


def test_no_types_gives_three_runs_per_upstream_run(tmp_path):  # §5.1
    result = simulate_text(tmp_path, {"a.yml": ORIGIN, "b.yml": listener("B", "A")}, PUSH)
    runs = result.runs_of("B")
    assert [r.activity for r in runs] == ["requested", "in_progress", "completed"]
    assert all(r.caused_by == result.runs_of("A")[0].id for r in runs)


def test_types_completed_gives_one_run_at_completion(tmp_path):  # §5.1
    b = listener("B", "A", "    types: [completed]\n")
    result = simulate_text(tmp_path, {"a.yml": ORIGIN, "b.yml": b}, PUSH)
    [run] = result.runs_of("B")
    [a] = result.runs_of("A")
    assert run.activity == "completed" and run.created_at == a.completed_at == 60.0


def test_branches_filter_sees_the_upstream_head_branch(tmp_path):  # §5.3
    b = listener("B", "A", "    types: [completed]\n    branches: [main]\n")
    scenario = (
        "events:\n  - push: {branch: main, files: [a]}\n  - push: {branch: dev, files: [a]}\n"
    )
    result = simulate_text(tmp_path, {"a.yml": ORIGIN, "b.yml": b}, scenario)
    [run] = result.runs_of("B")
    assert result.run(run.caused_by).head_branch == "main"
    [skipped] = [n for n in result.not_triggered if n.workflow == "B"]
    assert skipped.fact == "§5.3" and "'dev'" in skipped.reason


def test_level_two_sees_the_default_branch_as_head_branch(tmp_path):  # §5.7, actions/runner#1628
    files = {
        "a.yml": ORIGIN,
        "b.yml": listener("B", "A", "    types: [completed]\n"),
        "c.yml": listener("C", "B", "    types: [completed]\n    branches: [feature/x]\n"),
        "d.yml": listener("D", "B", "    types: [completed]\n    branches: [main]\n"),
    }
    scenario = "events:\n  - push: {branch: feature/x, files: [a]}\n"
    result = simulate_text(tmp_path, files, scenario)
    [b] = result.runs_of("B")
    assert b.head_branch == "main"  # B ran on the default branch, not feature/x
    assert result.runs_of("C") == []  # filters on the push branch: never matches at level 2
    assert len(result.runs_of("D")) == 1


def test_chain_stops_after_three_levels(tmp_path):  # §5.6: A -> B -> C -> D run; E, F never
    files = {"a.yml": ORIGIN}
    for up, down in zip("ABCDE", "BCDEF", strict=True):
        files[f"{down.lower()}.yml"] = listener(down, up, "    types: [completed]\n")
    result = simulate_text(tmp_path, files, PUSH)
    assert [(r.name, r.depth) for r in result.runs] == [("A", 0), ("B", 1), ("C", 2), ("D", 3)]
    [cut] = [n for n in result.not_triggered if n.workflow == "E"]
    assert cut.fact == "§5.6"
    assert not [n for n in result.not_triggered if n.workflow == "F"]  # D's child never exists


def test_fires_on_failure_and_the_gate_reads_the_conclusion(tmp_path):  # §5.5, §8.3
    gate = listener("Gate", "A", "    types: [completed]\n").replace(
        "jobs: {j: {runs-on: x}}",
        "jobs:\n  j:\n    runs-on: x\n    if: github.event.workflow_run.conclusion == 'success'\n",
    )
    scenario = PUSH + "outcomes:\n  A: {a: failure}\n"
    result = simulate_text(tmp_path, {"a.yml": ORIGIN, "g.yml": gate}, scenario)
    [run] = result.runs_of("Gate")
    assert run.upstream_conclusion == "failure"
    assert run.conclusion == "skipped"  # §9.2: every job skipped
    assert run.jobs[0].reason == (
        "skipped: if evaluated false: github.event.workflow_run.conclusion == 'success' "
        "(github.event.workflow_run.conclusion = 'failure')"
    )


def test_suppressed_push_creates_nothing_downstream(tmp_path):  # §7.4, fact 10
    files = {"a.yml": ORIGIN, "b.yml": listener("B", "A")}
    result = simulate_text(tmp_path, files, "events:\n  - push: {branch: main, files: [a], "
                           "message: 'docs [skip ci]'}\n")  # fmt: skip
    assert result.runs == []


def test_listeners_come_from_the_default_branch_copy(tmp_path):  # §5.4
    from conftest import make_scenario

    from simulator.engine.simulation import simulate
    from simulator.scenario.prepare import load_for_run
    from simulator.workflow.loader import load_folder

    path = make_scenario(tmp_path, {"a.yml": ORIGIN, "b.yml": listener("B", "A")}, PUSH)
    scenario, head = load_for_run(path)
    base_dir = tmp_path / "base"
    base_dir.mkdir()
    (base_dir / "a.yml").write_text(ORIGIN)  # B does not exist on the default branch yet
    result = simulate(scenario, head, load_folder(base_dir))
    assert result.runs_of("B") == []


def test_a_workflow_run_cycle_ends_at_the_depth_limit(tmp_path):  # §5.6
    a = ("name: A\non:\n  push:\n  workflow_run:\n    workflows: [B]\n    types: [completed]\n"
         "jobs: {a: {runs-on: x}}\n")  # fmt: skip
    b = listener("B", "A", "    types: [completed]\n")
    result = simulate_text(tmp_path, {"a.yml": a, "b.yml": b}, PUSH)
    assert [(r.name, r.depth) for r in result.runs] == [("A", 0), ("B", 1), ("A", 2), ("B", 3)]
    [cut] = result.not_triggered
    assert (cut.workflow, cut.fact) == ("A", "§5.6")


def test_one_state_change_is_one_event_for_all_its_listeners(tmp_path):  # A.3, §5.10
    """GitHub delivers one workflow_run event per state change: the runs it starts share its
    payload, built once, and each still gets its own github context."""
    files = {"a.yml": ORIGIN, **{f"{n}.yml": listener(n, "A", "    types: [completed]\n")
                                 for n in ("B", "C", "D")}}  # fmt: skip
    result = simulate_text(tmp_path, files, PUSH)
    started = [r for r in result.runs if r.caused_by is not None]
    assert [r.name for r in started] == ["B", "C", "D"]
    assert started[0].payload["workflow_run"]["name"] == "A"
    assert started[1].payload is started[0].payload is started[2].payload
    assert len({r.id for r in started}) == 3
