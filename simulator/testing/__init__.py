"""Scenarios as regression tests: expectations, suites, golden timelines (the pytest plugin is a thin front end)."""
