"""pytest plugin: `pytest --ghasim scenarios/` runs scenario files as tests (opt-in)."""

from __future__ import annotations


def pytest_addoption(parser):
    group = parser.getgroup("ghasim")
    group.addoption("--ghasim", action="store_true", help="collect ghasim scenario files as tests")
    parser.addini("ghasim", type="bool", default=False, help="collect ghasim scenario files")
