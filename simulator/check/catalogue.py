"""Every rule `ghasim check` can report, with its title, its fact and its help text: what SARIF
lists as the tool's rules and what `ghasim check --rules` prints."""

from __future__ import annotations

import inspect

from simulator.check.run import RULES
from simulator.core.diagnostics import RuleInfo, Severity

# Problems found while loading a file (simulator.workflow.parse*), by diagnostic kind.
LOAD_KINDS = (
    RuleInfo("syntax", "The workflow file is invalid: GitHub starts no run from it", "§1.11",
             "YAML GitHub refuses (duplicate keys, tags, wrong types, unknown keys) or a "
             "workflow structure it rejects. GitHub shows the file as invalid and starts no run "
             "from it."),
    RuleInfo("pattern", "An invalid or contradictory filter pattern", "§2.3",
             "A glob GitHub cannot compile (§3.1), or a branches/tags/paths list with only "
             "`!` patterns (§2.3), which never includes anything."),
    RuleInfo("filter", "Exclusive filters used together", "§2.2",
             "`branches` with `branches-ignore` (or tags, or paths) for the same event: GitHub "
             "refuses the file."),
    RuleInfo("expression", "An expression GitHub cannot parse or that reads an unavailable "
             "context", "§11.7",
             "A `${{ }}` that does not parse, or a job `if:` reading a context that is not "
             "available there: GitHub refuses the file."),
    RuleInfo("reusable-call", "A local reusable workflow call that cannot work", "§6.6",
             "`uses: ./.github/workflows/x.yml` naming a file that does not exist, that has no "
             "`on: workflow_call`, or passing inputs it does not declare."),
)  # fmt: skip


def rules() -> list[RuleInfo]:
    out = list(LOAD_KINDS)
    for module in RULES:
        if hasattr(module, "ID"):
            doc = inspect.cleandoc(module.__doc__ or "")
            severity: Severity = (
                "warning" if getattr(module, "SEVERITY", "") == "warning" else "error"
            )
            out.append(RuleInfo(module.ID, module.TITLE, module.FACT, doc, severity))
    return out


def by_id() -> dict[str, RuleInfo]:
    return {r.id: r for r in rules()}
