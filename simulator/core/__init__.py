"""What every layer shares: positions and diagnostics, time, events, patterns, cron, YAML, git."""
