"""`ghasim check`: static wiring diagnostics, one module per rule (the actionlint way)."""
