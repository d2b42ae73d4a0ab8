"""The sentence of every reason kind, per language (and per form: `brief` and `bare` drop
what a compact view has no room for). Values in braces come from Reason.details."""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    "all": {"en": "{parts}", "fr": "{parts}"},
    "trigger.missing": {"en": "no '{event}' trigger", "fr": "aucun déclencheur '{event}'"},
    "trigger.missing_any": {"en": "no {events} trigger", "fr": "aucun déclencheur {events}"},
    "file.absent": {"en": "the file does not exist at this revision",
                    "fr": "le fichier n'existe pas à cette révision"},
    "file.invalid": {"en": "invalid workflow file: {error}",
                     "fr": "fichier de workflow invalide : {error}"},
    # tokens (§7.1)
    "token.pushed": {"en": "pushed with GITHUB_TOKEN: events it causes create no runs",
                     "fr": "poussé avec GITHUB_TOKEN : ses événements ne créent aucun run"},
    "token.made": {"en": "made with GITHUB_TOKEN: events it causes create no runs",
                   "fr": "fait avec GITHUB_TOKEN : ses événements ne créent aucun run"},
    "token.caused": {"en": "caused with GITHUB_TOKEN: events it causes create no runs",
                     "fr": "causé avec GITHUB_TOKEN : ses événements ne créent aucun run"},
    # branch and tag filters (§3.5, §2.3)
    "ref.ignored": {"en": "{what} '{name}' is ignored by {key} '{pattern}'",
                    "fr": "{what} '{name}' est ignorée par {key} '{pattern}'"},
    "ref.reincluded": {"en": "{what} '{name}' is re-included by '{pattern}'",
                       "fr": "{what} '{name}' est réincluse par '{pattern}'"},
    "ref.not_ignored": {"en": "{what} '{name}' is not in {key} [{patterns}]",
                        "fr": "{what} '{name}' n'est pas dans {key} [{patterns}]"},
    "ref.unmatched": {"en": "{what} '{name}' matches none of {key} [{patterns}]",
                      "fr": "{what} '{name}' ne correspond à aucun de {key} [{patterns}]"},
    "ref.excluded": {"en": "{what} '{name}' is excluded by '{pattern}' in {key}",
                     "fr": "{what} '{name}' est exclue par '{pattern}' dans {key}"},
    "ref.matched": {"en": "{what} '{name}' matches {key} '{pattern}'",
                    "fr": "{what} '{name}' correspond à {key} '{pattern}'"},
    # path filters (§2.7, §2.9, §2.10)
    "files.more": {"en": "{shown}, and {more} more", "fr": "{shown} et {more} autres"},
    "paths.first_300": {"en": " (only the first {kept} of {total} changed files count)",
                        "fr": " (seuls les {kept} premiers des {total} fichiers modifiés comptent)"},
    "paths.no_files": {"en": "no changed files, and {key} needs at least one",
                       "fr": "aucun fichier modifié, et {key} en demande au moins un"},
    "paths.matched": {"en": "{path} matches paths '{pattern}'{note}",
                      "fr": "{path} correspond à paths '{pattern}'{note}"},
    "paths.excluded_detail": {"en": "; {path} is excluded by '{pattern}'",
                              "fr": " ; {path} est exclu par '{pattern}'"},
    "paths.none_match": {
        "en": "none of the changed files ({files}) match paths [{patterns}]{detail}{note}",
        "fr": "aucun des fichiers modifiés ({files}) ne correspond à paths "
              "[{patterns}]{detail}{note}"},
    "paths.not_ignored": {"en": "{path} is not ignored by paths-ignore [{patterns}]{note}",
                          "fr": "{path} n'est pas ignoré par paths-ignore [{patterns}]{note}"},
    "paths.all_ignored": {
        "en": "every changed file ({files}) matches paths-ignore [{patterns}]{note}",
        "fr": "tous les fichiers modifiés ({files}) correspondent à paths-ignore "
              "[{patterns}]{note}"},
    # push (§2, §7.4)
    "push.branch_delete": {
        "en": "a branch deletion starts no push run (setting push_on_branch_delete)",
        "fr": "une suppression de branche ne démarre aucun run push (réglage "
              "push_on_branch_delete)"},
    "push.tag_but_branch_filters": {
        "en": "only branch filters are defined, so tag pushes never trigger",
        "fr": "seuls des filtres de branches sont définis : un push de tag ne déclenche jamais"},
    "push.branch_but_tag_filters": {
        "en": "only tag filters are defined, so branch pushes never trigger",
        "fr": "seuls des filtres de tags sont définis : un push de branche ne déclenche jamais"},
    "push.skip_ci": {"en": "the commit message contains {marker}: push runs are skipped",
                     "fr": "le message du commit contient {marker} : pas de run push"},
    "push.tag_paths_skipped": {"en": "path filters are not evaluated for tag pushes",
                               "fr": "les filtres de chemins ne s'appliquent pas aux tags"},
    "push.tag": {"en": "push of a tag", "fr": "push d'un tag"},
    "push.no_filter": {"en": "push, no filter", "fr": "push, sans filtre"},
    "push.many_commits": {"en": "{commits} commits pushed (> {limit}): paths are not checked",
                          "fr": "{commits} commits poussés (> {limit}) : chemins non vérifiés"},
    "skip.marker": {"en": "'{marker}'", "fr": "'{marker}'"},
    "skip.trailer": {"en": "the trailer '{line}'", "fr": "le trailer '{line}'"},
    # pull_request (§4)
    "pr.type_not_in": {"en": "activity '{action}' is not in its {which} [{types}]",
                       "fr": "l'activité '{action}' n'est pas dans ses {which} [{types}]"},
    "pr.type_in": {"en": "activity '{action}' is in its types",
                   "fr": "l'activité '{action}' est dans ses types"},
    "pr.conflict": {"en": "the pull request has a merge conflict: no pull_request run",
                    "fr": "la pull request a un conflit de fusion : pas de run pull_request"},
    "pr.skip_ci": {"en": "the head commit message contains {marker}",
                   "fr": "le message du dernier commit contient {marker}"},
    "pr.first_time": {"en": "a first-time contributor's fork: the run waits for a maintainer's "
                            "approval (action_required)",
                      "fr": "le fork d'un premier contributeur : le run attend l'approbation "
                            "d'un mainteneur (action_required)"},
    "pr.awaits_approval": {"en": "made with GITHUB_TOKEN: the run waits for approval",
                           "fr": "fait avec GITHUB_TOKEN : le run attend une approbation"},
    # workflow_run (§5)
    "wr.names": {"en": "listens to {names}, not '{upstream}'",
                 "fr": "écoute {names}, pas '{upstream}'"},
    "wr.file_name": {
        "en": "'{entry}' is a file name: workflow_run matches the workflow's name '{upstream}'",
        "fr": "'{entry}' est un nom de fichier : workflow_run compare le nom du workflow "
              "'{upstream}'"},
    "wr.not_default": {
        "en": "the listener is not on the default branch: workflow_run only uses the "
              "default-branch copy",
        "fr": "l'écouteur n'est pas sur la branche par défaut : workflow_run n'utilise que "
              "sa copie"},
    "wr.type_not_in": {"en": "activity '{activity}' is not in its types [{types}]",
                       "fr": "l'activité '{activity}' n'est pas dans ses types [{types}]"},
    "wr.activity": {"en": "'{upstream}' {activity}", "fr": "'{upstream}' {activity}"},
    "wr.all_types": {"en": "no types: requested, in_progress and completed all fire (§5.1)",
                     "fr": "sans types : requested, in_progress et completed déclenchent tous "
                           "(§5.1)"},
    "wr.all_jobs_skip": {
        "en": "but with conclusion '{conclusion}' no first job's condition holds: the run will "
              "be skipped",
        "fr": "mais avec la conclusion '{conclusion}', la condition d'aucun premier job n'est "
              "vraie : le run sera ignoré"},
    "wr.depth": {"en": "chain level {depth}: workflow_run chains stop after {limit} levels",
                 "fr": "niveau {depth} : les chaînes workflow_run s'arrêtent après {limit} "
                       "niveaux"},
    # other events (§6)
    "dispatch.not_target": {"en": "the dispatch targets '{target}', not this workflow",
                            "fr": "le dispatch vise '{target}', pas ce workflow"},
    "dispatch.ok": {"en": "dispatched on {ref} (no branch filters apply)",
                    "fr": "déclenché sur {ref} (aucun filtre de branche ne s'applique)"},
    "repository_dispatch.type_not_in": {
        "en": "event type '{type}' is not in its types [{types}]",
        "fr": "le type d'événement '{type}' n'est pas dans ses types [{types}]"},
    "repository_dispatch.ok": {"en": "event type '{type}' accepted",
                               "fr": "type d'événement '{type}' accepté"},
    "other.type_not_in": {"en": "activity '{action}' is not in its types [{types}]",
                          "fr": "l'activité '{action}' n'est pas dans ses types [{types}]"},
    "other.ok": {"en": "'{event}' is one of its triggers",
                 "fr": "'{event}' est l'un de ses déclencheurs"},
    "schedule.fires": {"en": "schedule fires ({crons})", "fr": "le planning se déclenche ({crons})"},
    "schedule.cron": {"en": "cron '{cron}' is one of its schedules",
                      "fr": "le cron '{cron}' est l'un de ses plannings"},
    "schedule.not_cron": {"en": "its schedules ({crons}) do not include '{cron}'",
                          "fr": "ses plannings ({crons}) n'incluent pas '{cron}'"},
    # runs (§9, §10, §4.9)
    "run.awaits_approval": {"en": "waits for approval (made with GITHUB_TOKEN)",
                            "fr": "attend une approbation (fait avec GITHUB_TOKEN)"},
    "run.failed": {"en": "failed: job {jobs}", "fr": "échec : job {jobs}"},
    "run.cancelled_jobs": {"en": "cancelled: job {jobs}", "fr": "annulé : job {jobs}"},
    "run.all_skipped": {"en": "every job was skipped", "fr": "tous les jobs ont été ignorés"},
    "run.no_jobs": {"en": "no job to run", "fr": "aucun job à exécuter"},
    "concurrency.cancel_in_progress": {
        "en": "concurrency group '{group}', cancel-in-progress for {member}",
        "fr": "groupe de concurrence '{group}', cancel-in-progress pour {member}"},
    "concurrency.replaced": {"en": "concurrency group '{group}', replaced by newer {member}",
                             "fr": "groupe de concurrence '{group}', remplacé par {member}, "
                                   "plus récent"},
    "concurrency.full": {"en": "concurrency group '{group}' already has {limit} pending",
                         "fr": "le groupe de concurrence '{group}' a déjà {limit} en attente"},
    # jobs (§8)
    "job.not_run": {"en": "{conclusion}: {cause}", "fr": "{conclusion} : {cause}"},
    "job.plain": {"en": "{conclusion}", "fr": "{conclusion}"},
    "job.failed": {"en": "failed", "fr": "échec"},
    "job.failed_coe": {"en": "failed (continue-on-error: the run does not fail)",
                       "fr": "échec (continue-on-error : le run n'échoue pas)"},
    "job.error": {"en": "{message}", "fr": "{message}"},
    "job.timeout": {"en": "timed out after {limit} ({why})",
                    "fr": "délai dépassé après {limit} ({why})"},
    "job.fail_fast": {"en": "fail-fast, {job} failed", "fr": "fail-fast, {job} a échoué"},
    "job.called": {"en": "{jobs}", "fr": "{jobs}"},
    "needs.result": {"en": "needs.{need} {verb}", "fr": "needs.{need} {verb}"},
    "run.cancelled": {"en": "the run was cancelled", "fr": "le run a été annulé"},
    "success.false": {"en": "success() is false", "fr": "success() est faux"},
    "if.error": {"en": "error evaluating if: {message}",
                 "fr": "erreur en évaluant if : {message}"},
    "if.false": {"en": "if evaluated false: {expression}{values}",
                 "en.brief": "if evaluated false{values}", "en.bare": "if evaluated false",
                 "fr": "if évalué à faux : {expression}{values}",
                 "fr.brief": "if évalué à faux{values}", "fr.bare": "if évalué à faux"},
}  # fmt: skip

CATALOGUE.update({
    # explanations of what did not happen (report/why.py)
    "fact.cited": {"en": "{reason} ({cited})", "fr": "{reason} ({cited})"},
    "why.not_started": {"en": "{name} did not start: {cause}", "fr": "{name} n'a pas démarré : {cause}"},
    "why.no_workflow": {"en": "there is no workflow named '{name}'",
                        "fr": "aucun workflow ne s'appelle '{name}'"},
    "why.no_event": {"en": "no event of the scenario triggers it (it runs on {events})",
                     "fr": "aucun événement du scénario ne le déclenche (il tourne sur {events})"},
    "why.not_a_name": {"en": "it listens to '{upstream}', which is no workflow's name{hint}",
                       "fr": "il écoute '{upstream}', qui n'est le nom d'aucun workflow{hint}"},
    "why.upstream_missing": {"en": "{upstream} did not run{deeper}",
                             "fr": "{upstream} n'a pas tourné{deeper}"},
    "why.nested": {"en": " ({reason})", "fr": " ({reason})"},
    "why.never_activity": {
        "en": "{upstream} ran but never with an activity in its types [{types}]",
        "fr": "{upstream} a tourné mais jamais avec une activité de ses types [{types}]"},
})  # fmt: skip

TERMS: dict[str, dict[str, str]] = {
    "branch": {"fr": "la branche"},
    "tag": {"fr": "le tag"},
    "base branch": {"fr": "la branche de base"},
    "head branch": {"fr": "la branche de tête"},
    "types": {"fr": "types"},
    "default types": {"fr": "types par défaut"},
    "failed": {"fr": "a échoué"},
    "was cancelled": {"fr": "a été annulé"},
    "was skipped": {"fr": "a été ignoré"},
    "timeout-minutes": {"fr": "timeout-minutes"},
    "runner limit": {"fr": "limite du runner"},
    "skipped": {"fr": "ignoré"},
    "cancelled": {"fr": "annulé"},
    "failure": {"fr": "échec"},
    "success": {"fr": "succès"},
}
