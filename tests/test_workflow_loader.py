"""Loading workflow files: YAML 1.2 booleans, `on` forms, names, positions, rejections."""

import pytest
from conftest import broken, wf

from simulator.core.diagnostics import GhasimError
from simulator.core.yaml_loader import YamlError, load_yaml
from simulator.workflow.loader import load_folder


def test_on_is_a_string_key_not_boolean_true():  # §1.5, §1.6
    doc = load_yaml("on: [push]\nyes: off\nOn: no\n", "f.yml")
    assert doc == {"on": ["push"], "yes": "off", "On": "no"}


def test_only_true_and_false_are_booleans():  # §1.6
    doc = load_yaml("a: true\nb: False\nc: yes\nd: y\ne: TRUE\n", "f.yml")
    assert doc == {"a": True, "b": False, "c": "yes", "d": "y", "e": True}


def test_unquoted_3_10_is_a_float():  # §1.8
    assert load_yaml("v: 3.10\n", "f.yml") == {"v": 3.1}


def test_merge_keys_are_rejected_with_position():  # §1.7
    with pytest.raises(YamlError) as err:
        load_yaml("a: &x {b: 1}\nc:\n  <<: *x\n", "f.yml")
    assert str(err.value).startswith("f.yml:3:3: ")
    assert "merge keys" in str(err.value)


def test_anchors_and_aliases_are_accepted():  # §1.7
    doc = load_yaml("a: &x [main, dev]\nb: *x\n", "f.yml")
    assert doc["b"] == ["main", "dev"]


def test_byte_order_mark_and_crlf_are_read():  # real files come so
    doc = load_yaml("\ufeffname: x\r\non: push\r\n", "f.yml")
    assert doc == {"name": "x", "on": "push"}


def test_positions_are_one_based_line_and_column():
    doc = load_yaml("on:\n  push:\n    branches: [main]\n", "f.yml")
    assert str(doc["on"]["push"].value_pos("branches")) == "f.yml:3:15"


def test_on_forms_string_list_mapping():  # §1.3
    assert set(wf("on: push\njobs: {a: {runs-on: x}}\n").triggers) == {"push"}
    assert set(wf("on: [push, fork]\njobs: {a: {runs-on: x}}\n").triggers) == {"push", "fork"}
    w = wf("on:\n  push:\n  workflow_dispatch:\njobs: {a: {runs-on: x}}\n")
    assert set(w.triggers) == {"push", "workflow_dispatch"}


def test_name_defaults_to_repo_relative_path():  # §1.2
    w = wf("on: push\njobs: {a: {runs-on: x}}\n", file="build.yml")
    assert w.name == ".github/workflows/build.yml" and not w.has_name


def test_jobs_are_typed():
    w = wf(
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            timeout-minutes: 30
            continue-on-error: true
            strategy: {matrix: {py: ['3.11', '3.12']}, fail-fast: false, max-parallel: 2}
            concurrency: {group: build, cancel-in-progress: true}
          deploy:
            needs: build
            if: github.ref == 'refs/heads/main'
            uses: ./.github/workflows/deploy.yml
            with: {env: prod}
        """
    )
    build, deploy = w.jobs["build"], w.jobs["deploy"]
    assert build.timeout_minutes == 30 and build.continue_on_error is True
    assert build.strategy.fail_fast is False and build.strategy.max_parallel == 2
    assert build.concurrency.cancel_in_progress is True
    assert deploy.needs == ("build",) and deploy.uses == "./.github/workflows/deploy.yml"
    assert deploy.if_.text == "github.ref == 'refs/heads/main'"


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        (
            "on:\n  push:\n    branches: [a]\n    branches-ignore: [b]\njobs: {a: {runs-on: x}}\n",
            "wf.yml:4:5",
            "cannot both be used",
        ),  # §2.2
        (
            "on:\n  push:\n    paths: [a]\n    paths-ignore: [b]\njobs: {a: {runs-on: x}}\n",
            "wf.yml:4:5",
            "cannot both be used",
        ),  # §2.2
        (
            "on:\n  push:\n    tags: [a]\n    tags-ignore: [b]\njobs: {a: {runs-on: x}}\n",
            "wf.yml:4:5",
            "cannot both be used",
        ),  # §2.2
        ("on: pushh\njobs: {a: {runs-on: x}}\n", "wf.yml:1:5", "did you mean 'push'"),
        (
            "on:\n  push:\n    branches: ['a[]']\njobs: {a: {runs-on: x}}\n",
            "wf.yml:3:18",
            "empty brackets",
        ),  # §3.1: column of the `[` inside the quoted pattern
        ("on: push\njobs:\n  1build: {runs-on: x}\n", "wf.yml:3:3", "invalid job id"),  # §8.1
        ("on: push\njobs:\n  a: {runs-on: x, needs: b}\n", "wf.yml:3:26", "unknown job 'b'"),
        (
            "on:\n  push:\n    branch: main\njobs: {a: {runs-on: x}}\n",
            "wf.yml:3:5",
            "did you mean 'branches'",
        ),
        (
            "on:\n  workflow_run:\n    workflows: [CI]\n    types: [complete]\njobs: {a: {runs-on: x}}\n",
            "wf.yml:4:13",
            "did you mean 'completed'",
        ),
        (
            "on: push\njobs:\n  a:\n    runs-on: x\n    if: github.ref = 'main'\n",
            "wf.yml:5:20",
            "did you mean '=='",
        ),  # §11.2: column inside the expression
        (
            "on: push\njobs:\n  a:\n    runs-on: x\n    if: matrix.os == 'linux'\n",
            "wf.yml:5:9",
            "unknown context 'matrix'",
        ),  # §8.6
    ],
)
def test_bad_input_is_one_positioned_error(text, position, words):
    b = broken(text)
    first = b.first_error
    assert str(first.pos) == position, str(first)
    assert words in first.message


def test_yaml_syntax_error_is_positioned():
    b = broken("on: push\njobs:\n  a: [\n")
    assert str(b.first_error).startswith("wf.yml:")
    assert "YAML syntax error" in b.first_error.message


def test_text_outside_expression_in_if_is_a_warning():  # §8.3
    w = wf("on: push\njobs:\n  a:\n    runs-on: x\n    if: true && ${{ false }}\n")
    assert any("always true" in d.message for d in w.warnings)


def test_one_broken_file_does_not_stop_the_others(tmp_path):  # A1 item 6
    (tmp_path / "good.yml").write_text("on: push\njobs: {a: {runs-on: x}}\n")
    (tmp_path / "bad.yml").write_text("on: push\njobs:\n  a: [\n")
    (tmp_path / "notes.txt").write_text("not a workflow")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.yml").write_text("on: push\njobs: {a: {runs-on: x}}\n")  # §1.1
    loaded = load_folder(tmp_path)
    assert [w.file_name for w in loaded.workflows] == ["good.yml"]
    assert [b.file_name for b in loaded.broken] == ["bad.yml"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(GhasimError, match="workflows folder not found"):
        load_folder(tmp_path / "nope")


def test_an_invalid_expression_anywhere_invalidates_the_file():  # §11.2: GitHub parses them all
    b = broken(
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ github.ref = 1 }}\n"
    )
    assert (
        str(b.first_error) == "wf.yml:6:34: expression: unexpected token '=' (did you mean '=='?)"
    )
    ok = wf(
        "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo '${{ github.ref }}'\n"
    )
    assert ok.jobs["a"].steps[0].run


def test_a_leading_bang_is_a_yaml_tag_and_the_error_says_so():  # §8.3
    b = broken("on: push\njobs:\n  a:\n    runs-on: x\n    if: !cancelled()\n")
    assert str(b.first_error) == (
        "wf.yml:5:9: '!cancelled()' is read as a YAML tag: quote the value or wrap it in "
        "${{ }} (like ${{ !cancelled() }})"
    )
    b = broken("on: push\njobs:\n  a:\n    runs-on: x\n    if: !cancelled() && true\n")
    assert "read as a YAML tag: quote it or use ${{ }}" in b.first_error.message


def test_background_and_parallel_steps_are_accepted():  # §14.9
    from conftest import wf

    loaded = wf("""
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: ./start-db.sh
                id: db
                background: true
              - parallel:
                  - run: npm run unit
                  - sequential:
                      - run: npm run build
                      - run: npm run e2e
              - wait: db
              - wait-all: true
              - cancel: db
        """)
    scripts = [s.script for s in loaded.jobs["test"].steps]
    assert scripts[:4] == ["./start-db.sh", "npm run unit", "npm run build", "npm run e2e"]
