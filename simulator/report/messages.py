"""Message catalogues: every text a report shows, one catalogue per language.

Texts never live in report code: it asks `catalogue(lang).text(key, **values)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.diagnostics import GhasimError

EN: dict[str, str] = {
    # statuses and conclusions
    "status.success": "success",
    "status.failure": "failure",
    "status.cancelled": "cancelled",
    "status.skipped": "skipped",
    "status.in_progress": "in_progress",
    "status.queued": "queued",
    "status.pending": "pending",
    "status.waiting": "waiting",
    "status.requested": "requested",
    "status.action_required": "action_required",
    "status.startup_failure": "startup_failure",
    "status.timed_out": "timed_out",
    "status.neutral": "neutral",
    "status.running": "running",
    # timeline
    "workflow_run_triggered": "workflow_run triggered",
    "no_runs": "no workflow run started",
}

FR: dict[str, str] = {
    **{k: v for k, v in EN.items() if k.startswith("status.")},  # GitHub's own words
    "status.running": "running",
    "workflow_run_triggered": "workflow_run triggered",
    "no_runs": "aucun workflow n'a démarré",
}

CATALOGUES = {"en": EN, "fr": FR}


@dataclass(frozen=True)
class Messages:
    lang: str
    texts: dict[str, str]

    def text(self, key: str, **values: object) -> str:
        template = self.texts.get(key) or EN[key]
        return template.format(**values) if values else template

    def status(self, status: str) -> str:
        return self.texts.get(f"status.{status}", status)


def catalogue(lang: str) -> Messages:
    if lang not in CATALOGUES:
        raise GhasimError(f"unknown language '{lang}': use {', '.join(CATALOGUES)}")
    return Messages(lang, CATALOGUES[lang])
