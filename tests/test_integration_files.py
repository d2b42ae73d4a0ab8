"""The pre-commit hooks and the composite action are valid and call real commands."""

from conftest import ROOT

from simulator.cli import app
from simulator.core.yaml_loader import decode_text, load_yaml


def load(name):
    return load_yaml(decode_text((ROOT / name).read_bytes()), name)


def commands():
    import typer.main

    return {c.name for c in typer.main.get_command(app).commands.values()}


def test_pre_commit_hooks_run_ghasim_commands():
    hooks = load(".pre-commit-hooks.yaml")
    assert {h["id"] for h in hooks} == {"ghasim-check", "ghasim-diff"}
    for hook in hooks:
        words = hook["entry"].split()
        assert words[0] == "ghasim" and words[1] in commands()
        assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_action_is_composite_and_passes_inputs_through_env():
    action = load("action.yml")
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        run = step.get("run", "")
        assert "${{" not in run  # inputs reach the script through env, never spliced into it
    script = action["runs"]["steps"][-1]["run"]
    assert '"$ghasim" diff' in script and "GITHUB_STEP_SUMMARY" in script
