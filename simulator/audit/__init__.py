"""`ghasim audit`: untrusted input followed through the simulated chain (docs/security.md)."""
