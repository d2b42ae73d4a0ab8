"""Message catalogues: every text a report shows, one catalogue per language.

Report code asks `catalogue(lang).text(key, **values)` for a sentence, or `.spans(...)` for
inline text whose values keep their own style (a code span stays a code span).
"""

from __future__ import annotations

import string

from msgspec import Struct

from simulator.core.diagnostics import GhasimError
from simulator.report.inline import Inline, Span, as_inline

EN: dict[str, str] = {
    # statuses and conclusions: GitHub's own words
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
    "workflow_run_triggered_by": "workflow_run triggered by {names}",
    "no_runs": "no workflow run started",
    "effect.starts": "starts",
    "effect.nothing": "nothing",
    "names.more": "{names} and {count} more",
    # report
    "report.title": "Workflow sync test result",
    "report.date": "Date",
    "report.scenario": "Scenario",
    "report.works": "The workflow chain works",
    "report.problems": "The workflow chain has problems",
    "report.summary": "Workflow summary",
    "report.conclusion": "Conclusion",
    "report.architecture": "Workflow architecture",
    "report.triggers": "Triggers per workflow",
    "report.timeline_picture": "Timeline",
    "report.marks": "Marks",
    "col.workflow": "Workflow",
    "col.status": "Status",
    "col.comment": "Comment",
    "col.triggered_by": "Triggered by",
    "comment.entry": "Entry point",
    "comment.after": "Triggered after {upstream}",
    "comment.failed": "{comment}, but failed: job {job}",
    "comment.running": "{comment} ({job} in progress)",
    "comment.waiting": "{comment} ({status})",
    "comment.skipped": "{comment}, skipped ({reason})",
    "comment.cancelled": "{comment}, cancelled ({reason})",
    "conclusion.works": "The chain works: {runs} runs, {chained} of them started by workflow_run.",
    "conclusion.job_failures": "{names} failed because of a job ({jobs}), not because of the "
    "orchestration.",
    "conclusion.running": "Still running at {time}: {names}.",
    "conclusion.not_started": "Did not start: {items}.",
    "conclusion.problems": "Wiring problems: {items}.",
    # triggers and the architecture drawing
    "trigger.push_pr": "Push/PR on {branches}",
    "trigger.push_pr_any": "Any push or PR",
    "trigger.push": "Push on {branches}",
    "trigger.push_any": "Any push",
    "trigger.pr": "PR on {branches}",
    "trigger.pr_any": "Any PR",
    "trigger.push_paths": "Push on {paths} (independent)",
    "trigger.etc": ", etc.",
    "trigger.schedule": "Schedule {crons}",
    "trigger.dispatch": "Manual (workflow_dispatch)",
    "trigger.success_of": "Success of {names}",
    "trigger.end_of": "Completion of {names}",
    "trigger.called_by": "Called by {names}",
    "trigger.none": "Nothing (no trigger)",
    "or": " or ",
    "arch.on_success": "workflow_run (if {name} succeeds)",
    "arch.on_completion": "workflow_run (when {name} completes)",
    "arch.independent": "Triggered independently",
    "arch.calls": "calls",
    "arch.if_success": "on success",
    "arch.all_activities": "all activities",
}

FR: dict[str, str] = {
    # GitHub's statuses in French (its JSON and `--format json` keep GitHub's own words)
    "status.success": "succès",
    "status.failure": "échec",
    "status.cancelled": "annulé",
    "status.skipped": "ignoré",
    "status.in_progress": "en cours",
    "status.queued": "en file",
    "status.pending": "en attente",
    "status.waiting": "en attente",
    "status.requested": "demandé",
    "status.action_required": "approbation requise",
    "status.startup_failure": "échec au démarrage",
    "status.timed_out": "délai dépassé",
    "status.neutral": "neutre",
    "status.running": "en cours",
    "workflow_run_triggered": "workflow_run déclenché",
    "workflow_run_triggered_by": "workflow_run déclenché par {names}",
    "no_runs": "aucun workflow n'a démarré",
    "effect.starts": "démarre",
    "effect.nothing": "rien",
    "names.more": "{names} et {count} autres",
    "report.title": "Résultat du test de synchronisation des workflows",
    "report.date": "Date",
    "report.scenario": "Scénario",
    "report.works": "La synchronisation des workflows fonctionne correctement !",
    "report.problems": "La synchronisation des workflows a des problèmes",
    "report.summary": "Résumé des workflows",
    "report.conclusion": "Conclusion",
    "report.architecture": "Architecture des workflows",
    "report.triggers": "Déclencheurs par workflow",
    "report.timeline_picture": "Chronologie",
    "report.marks": "Légende",
    "col.workflow": "Workflow",
    "col.status": "Statut",
    "col.comment": "Commentaire",
    "col.triggered_by": "Déclenché par",
    "comment.entry": "Point d'entrée",
    "comment.after": "Déclenché après {upstream}",
    "comment.failed": "{comment}, mais échec {job}",
    "comment.running": "{comment} ({job} en cours)",
    "comment.waiting": "{comment} ({status})",
    "comment.skipped": "{comment}, ignoré ({reason})",
    "comment.cancelled": "{comment}, annulé ({reason})",
    "conclusion.works": "La synchronisation fonctionne : {runs} runs, dont {chained} déclenchés "
    "par workflow_run.",
    "conclusion.job_failures": "L'échec de {names} est dû à un job ({jobs}), pas à "
    "l'orchestration.",
    "conclusion.running": "Encore en cours à {time} : {names}.",
    "conclusion.not_started": "Non démarrés : {items}.",
    "conclusion.problems": "Problèmes de câblage : {items}.",
    "trigger.push_pr": "Push/PR sur {branches}",
    "trigger.push_pr_any": "Tout push ou PR",
    "trigger.push": "Push sur {branches}",
    "trigger.push_any": "Tout push",
    "trigger.pr": "PR sur {branches}",
    "trigger.pr_any": "Toute PR",
    "trigger.push_paths": "Push sur {paths} (indépendant)",
    "trigger.etc": ", etc.",
    "trigger.schedule": "Planifié {crons}",
    "trigger.dispatch": "Manuel (workflow_dispatch)",
    "trigger.success_of": "Succès de {names}",
    "trigger.end_of": "Fin de {names}",
    "trigger.called_by": "Appelé par {names}",
    "trigger.none": "Rien (aucun déclencheur)",
    "or": " ou ",
    "arch.on_success": "workflow_run (si {name} réussit)",
    "arch.on_completion": "workflow_run (quand {name} se termine)",
    "arch.independent": "Déclenché indépendamment",
    "arch.calls": "appelle",
    "arch.if_success": "si succès",
    "arch.all_activities": "toutes les activités",
}

CATALOGUES = {"en": EN, "fr": FR}


class Messages(Struct, frozen=True):
    """The words of a report in one language (en, fr)."""

    lang: str
    texts: dict[str, str]

    def text(self, key: str, **values: object) -> str:
        template = self.texts.get(key) or EN[key]
        return template.format(**values) if values else template

    def spans(self, key: str, **values: Inline | str | int | float) -> Inline:
        """The template of `key` with each `{value}` replaced by its own spans."""
        template = self.texts.get(key) or EN[key]
        out: list[Span] = []
        for literal, field, _spec, _conv in string.Formatter().parse(template):
            if literal:
                out.append(Span(literal))
            if field is not None:
                out.extend(as_inline(values[field]))
        return tuple(out)

    def status(self, status: str) -> str:
        return self.texts.get(f"status.{status}", status)


def catalogue(lang: str) -> Messages:
    if lang not in CATALOGUES:
        raise GhasimError(f"unknown language '{lang}': use {', '.join(CATALOGUES)}")
    return Messages(lang, CATALOGUES[lang])
