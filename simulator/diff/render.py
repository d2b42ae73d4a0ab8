"""`ghasim diff` output: a plan (`+` starts now, `-` no longer starts, `~` starts differently,
`!` could not be simulated), the per-workflow roll-up, the details per probe; as text, JSON,
or Markdown for a pull request comment or the job summary."""

from __future__ import annotations

from simulator.core.escape import markdown_code, markdown_fence, one_line, schema_document
from simulator.diff.compare import RollUp
from simulator.diff.run import DiffReport
from simulator.report.architecture import build
from simulator.report.inline import code, plain
from simulator.report.markdown import markdown_inline, markdown_table
from simulator.report.mermaid import flowchart
from simulator.report.messages import catalogue
from simulator.report.reason_inline import reason_inline

EDIT_SIGN = {"added": "+", "valid": "+", "removed": "-", "invalid": "-"}  # else ~


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def no_changes(report: DiffReport) -> bool:
    """Nothing to show: no workflow starts differently, none changed in place, nothing could
    not be simulated, no audit finding comes or goes."""
    return not (report.changed or report.not_simulated or report.audit_added
                or report.audit_removed)  # fmt: skip


def plan_summary(report: DiffReport) -> str:
    """`Plan: 1 starts now, 2 no longer start, 0 start differently, 1 changed in place, 1 not
    simulated (14 probes).`, or terraform's `No changes.` line."""
    if no_changes(report):
        return (f"No changes. ghasim compared {_plural(report.files, 'workflow file')} over "
                f"{_plural(len(report.scenarios), 'probe')}.")  # fmt: skip
    rolled = report.rollup
    count = {sign: len({r.file for r in rolled if r.sign == sign}) for sign in "+-~"}
    in_place = len({e.file for e in report.edits})
    return (f"Plan: {count['+']} start now, {count['-']} no longer start, {count['~']} start "
            f"differently, {in_place} changed in place, {len(report.not_simulated)} not "
            f"simulated ({_plural(len(report.scenarios), 'probe')}).")  # fmt: skip


def _rollup_line(r: RollUp) -> str:
    return (f"{r.sign} {one_line(r.workflow)}: {r.verb} in {len(r.probes)} of {r.total} "
            f"probes, because {one_line(str(r.why))} (probe: {one_line(r.probes[0])})")  # fmt: skip


def plan_lines(report: DiffReport) -> list[str]:
    """Required checks at risk first, then what starts differently, what changed in place,
    and the probes that could not be simulated."""
    lines = [f"! {one_line(r.text)}" for r in report.risks]
    lines += [_rollup_line(r) for r in report.rollup]
    lines += [f"{EDIT_SIGN.get(e.kind, '~')} {one_line(e.workflow)}: {one_line(e.text)}"
              for e in report.edits]  # fmt: skip
    lines += [f"! {one_line(s.name)}: not simulated: {one_line(s.not_simulated or '')}"
              for s in report.not_simulated]  # fmt: skip
    return lines


def audit_lines(report: DiffReport) -> list[str]:
    """`+ [pwn-request] …` for each audit finding the change brings, `- …` for each it fixes."""
    lines = [f"+ [{d.kind}] {one_line(d.message)}" for d in report.audit_added]
    lines += [f"- [{d.kind}] {one_line(d.message)}" for d in report.audit_removed]
    return lines


def render_plan(report: DiffReport) -> str:
    """The compact view, like `terraform plan`: one line per workflow, then the summary."""
    head = f"ghasim diff: {one_line(report.base_label)} → {one_line(report.head_label)}"
    if no_changes(report):
        return "\n".join([head, "", plan_summary(report)])
    out = [head, "", *plan_lines(report), "", plan_summary(report)]
    security = audit_lines(report)
    if security:
        out += ["", "Security (ghasim audit): this change", *security]
    return "\n".join(out)


def render_text(report: DiffReport) -> str:
    lines = [render_plan(report)]
    lines += [f"note: {one_line(n)}" for n in report.notes]
    for s in report.scenarios:
        if s.not_simulated is not None:
            lines.append(f"\n{one_line(s.name)}: not simulated")
            lines.append(f"  ! {one_line(s.not_simulated)}")
            continue
        if not s.changed:
            continue  # terraform shows what changes, not what does not
        lines.append(f"\n{one_line(s.name)}:")
        for c in s.changes:
            lines.append(f"  {c.sign} {one_line(c.sentence(s.event))}")
            if c.why_before and c.kind in ("starts", "stops"):
                lines.append(f"      before: {one_line(c.why_before)}")
            elif c.kind == "conclusion":
                lines.append(f"      before: {one_line(c.why_before)}")
                lines.append(f"      now: {one_line(c.why_after)}")
        lines += [f"  note: {one_line(n)}" for n in s.notes]
    return "\n".join(lines)


def render_json(report: DiffReport) -> str:
    return schema_document("diff", report.to_json())


def render_markdown(report: DiffReport) -> str:
    """For a pull request comment or $GITHUB_STEP_SUMMARY: the plan as a `diff` block (GitHub
    colours + and -), the roll-up table, the details folded. Every name, pattern and path is
    a code span; every other text is escaped (simulator.core.escape)."""
    changed = [s for s in report.scenarios if s.changed]
    out = ["### ghasim: workflow trigger changes", "",
           f"{markdown_code(report.base_label)} → {markdown_code(report.head_label)}: "
           + (f"**{len({r.file for r in report.rollup})} workflow(s) change "
              f"behaviour in {len(changed)} of {len(report.scenarios)} probes.**"
              if changed else f"no change in {len(report.scenarios)} probes.")]  # fmt: skip
    if report.edits and not changed:
        out[-1] += f" **{len({e.file for e in report.edits})} workflow(s) changed in place.**"
    lines = plan_lines(report)
    if lines:
        out += ["", markdown_fence("\n".join(lines), "diff")]
    out += ["", plan_summary(report)]
    security = audit_lines(report)
    if security:
        out += ["", "**Security (`ghasim audit`)**: findings this change adds (`+`) or fixes "
                "(`-`):", "", markdown_fence("\n".join(security), "diff")]  # fmt: skip
    for note in report.notes:
        out += ["", "> " + markdown_inline(plain(note))]
    if report.rollup:
        rows = [[plain(r.sign), code(r.workflow), plain(r.verb),
                 plain(f"{len(r.probes)} of {r.total}"), reason_inline(r.why)]
                for r in report.rollup]  # fmt: skip
        out += ["", markdown_table([plain(""), plain("Workflow"), plain("Change"),
                                    plain("Probes"), plain("Why")], rows)]  # fmt: skip
    out += _details(report)
    return "\n".join(out) + "\n"


def _details(report: DiffReport) -> list[str]:
    shown = [s for s in report.scenarios if s.changed or s.not_simulated is not None]
    if not shown:
        return []
    out = ["", "<details><summary>Details per probe</summary>"]
    for s in shown:
        out += ["", f"#### {markdown_inline(plain(s.name))}", ""]
        if s.not_simulated is not None:
            out += ["> ⚠️ not simulated: " + markdown_inline(plain(s.not_simulated)), ""]
            continue
        rows = [[code(c.workflow), plain(c.before), plain(c.after), reason_inline(c.why)]
                for c in s.changes]  # fmt: skip
        out.append(markdown_table([plain("Workflow"), plain("Before"), plain("After"),
                                   plain("Why")], rows))  # fmt: skip
        out += ["", *("> " + markdown_inline(plain(n)) for n in s.notes)]
    out += ["", "</details>"]
    if report.changed and report.head_set is not None:
        msg = catalogue("en")
        chart = flowchart(build(report.head_set, msg), msg).split("\n")
        ids = {w.rel_path: f"w{i}" for i, w in enumerate(report.head_set.workflows)}
        marked = [ids[f] for f in sorted(report.changed_files) if f in ids]
        if marked:
            chart += ["  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px",
                      f"  class {','.join(marked)} changed"]  # fmt: skip
        out += ["", "<details><summary>Workflow graph at the head revision (changed ones "
                "highlighted)</summary>", "", markdown_fence("\n".join(chart), "mermaid"), "",
                "</details>"]  # fmt: skip
    return out
