"""Builds simulator/core/facts.json, the data `ghasim facts` prints, from the team's fact sheet
(../shared/docs/github-semantics.md: each fact's text, confidence and sources) and from
docs/semantics.md (what ghasim does about each fact: the clauses that cite it; and the facts
numbered §14, which the sheet does not hold).

    python tools/build_facts.py [--sheet PATH]

tests/test_facts.py checks the committed data against docs/semantics.md on every run, and
against the sheet when it is there.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEET = ROOT.parent / "shared" / "docs" / "github-semantics.md"
SEMANTICS = ROOT / "docs" / "semantics.md"
OUT = ROOT / "simulator" / "core" / "facts.json"

DOCS = "https://github.com/github/docs/blob/main/"
KEYS = {  # the sheet's short source keys (its "How this sheet was compiled")
    "WS": "content/actions/reference/workflows-and-actions/workflow-syntax.md",
    "EV": "content/actions/reference/workflows-and-actions/events-that-trigger-workflows.md",
    "EX": "content/actions/reference/workflows-and-actions/expressions.md",
    "CTX": "content/actions/reference/workflows-and-actions/contexts.md",
    "TRG": "content/actions/how-tos/write-workflows/choose-when-workflows-run/trigger-a-workflow.md",
    "LIM": "content/actions/reference/limits.md",
    "RWR": "content/actions/reference/workflows-and-actions/reusable-workflows.md",
    "RWH": "content/actions/how-tos/reuse-automations/reuse-workflows.md",
    "STAT": "content/actions/reference/workflows-and-actions/workflow-run-statuses.md",
    "CANC": "content/actions/reference/workflows-and-actions/workflow-cancellation.md",
    "SKIP": "content/actions/how-tos/manage-workflow-runs/skip-workflow-runs.md",
}
CODE = {
    "LS": "https://github.com/actions/languageservices/tree/main/expressions/src",
    "ACTP": "https://github.com/nektos/act/blob/master/pkg/workflowpattern/workflow_pattern.go",
    "ACTF": "https://github.com/nektos/act/blob/master/pkg/exprparser/functions.go",
    "RYAML": "https://github.com/actions/runner/blob/main/src/Sdk/DTPipelines/Pipelines/"
             "ObjectTemplating/YamlObjectReader.cs",
}  # fmt: skip
CONFIDENCE = {"D": "documented", "O": "observed", "U": "uncertain"}
FACT_LINE = re.compile(r"^(\d+)\.(\d+) (.*)")
SECTION = re.compile(r"^## (\d+)\. (.*)")
TOKEN = re.compile(r"§(\d+\.\d+)")


PATTERNS = (  # (regex, how its match becomes a link)
    (r"\bR/([\w./-]+\.md)", lambda m: DOCS + "data/reusables/actions/" + m),
    (r"`(data/reusables/[\w./-]+\.md)`", lambda m: DOCS + m),
    (r"`(content/actions/[\w./-]+\.md)`", lambda m: DOCS + m),
    (r"`(payload-examples/[\w./-]+\.json)`",
     lambda m: "https://github.com/octokit/webhooks/blob/main/" + m),
    (r"\b(GHSA-[\w-]+)", lambda m: "https://github.com/advisories/" + m),
    (r"\b((?:kenmuse\.com|frenck\.dev|yossarian\.net|securitylab\.github\.com)[\w./-]*)",
     lambda m: "https://" + m.rstrip(".")),
    (r"\b(docs\.github\.com/[\w./-]+)", lambda m: "https://" + m.rstrip(".")),
    (r"\b([\w.-]+/[\w.-]+#\d+)",
     lambda m: "https://github.com/{}/issues/{}".format(*m.split("#"))),
    (r"\b([\w.-]+/[\w.-]+ PR \d+)",
     lambda m: "https://github.com/{}/pull/{}".format(*m.split(" PR "))),
)  # fmt: skip
PHRASES = {  # prose a fact uses for a source
    "github_token concept page": DOCS + "content/actions/concepts/security/github_token.md",
    "events-that-trigger-workflows": DOCS + KEYS["EV"],
    "changelog": "https://github.blog/changelog/",
    "dependency caching reference": "https://docs.github.com/en/actions/reference/"
    "workflows-and-actions/dependency-caching",
}


def sources_of(text: str) -> list[str]:
    """Links for the sources a fact names: github/docs keys and paths, code, issues."""
    out = [DOCS + path for key, path in KEYS.items() if re.search(rf"\b{key}\b", text)]
    out += [url for key, url in CODE.items() if re.search(rf"\b{key}\b", text)]
    for pattern, link in PATTERNS:
        out += [link(found) for found in re.findall(pattern, text)]
    out += [url for phrase, url in PHRASES.items() if phrase in text.lower()]
    return list(dict.fromkeys(out))


def confidence_of(text: str) -> str:
    found = re.findall(r"\[(D|O|U)\b", text)
    return CONFIDENCE[found[-1]] if found else "documented"


def read_sheet(path: Path) -> dict[str, dict]:
    facts: dict[str, dict] = {}
    section = ""
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Appendix"):
            break
        head = SECTION.match(line)
        if head:
            section, current = head.group(2).strip(), None
            continue
        fact = FACT_LINE.match(line)
        if fact and section:
            number = f"{fact.group(1)}.{fact.group(2)}"
            current = [fact.group(3)]
            facts[number] = {"number": number, "section": section, "lines": current}
        elif current is not None and line.strip():
            current.append(line.strip())
        elif current is not None:
            current = None
    for fact in facts.values():
        text = " ".join(fact.pop("lines"))
        fact.update(text=text, confidence=confidence_of(text), sources=sources_of(text))
    return facts


def units(markdown: str) -> list[str]:
    """docs/semantics.md as one-line units (a bullet, a paragraph), code blocks left out."""
    out, current, fenced = [], [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.startswith("#") or line.startswith("|"):
            if current:
                out.append(" ".join(current))
                current = []
            continue
        if not line.strip() or line.startswith("- "):
            if current:
                out.append(" ".join(current))
            current = [line[2:]] if line.startswith("- ") else []
            continue
        current.append(line.strip())
    if current:
        out.append(" ".join(current))
    return out


def clauses(unit: str) -> list[str]:
    """A unit cut into sentences and `;`-clauses, each whole (never inside parentheses)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(unit):
        depth += ch == "("
        depth -= ch == ")"
        end = ch == ";" or (ch == "." and unit[i + 1 : i + 2] in (" ", ""))
        if end and depth == 0:
            out.append(unit[start : i + 1].strip(" ;"))
            start = i + 1
    if unit[start:].strip():
        out.append(unit[start:].strip(" ;"))
    return [c for c in out if c]


def what_ghasim_does(semantics: str) -> dict[str, list[str]]:
    """Per fact number, the clauses of docs/semantics.md that cite it (the §14 section, which
    states the facts themselves, aside)."""
    body = semantics.split("## Facts beyond the sheet", 1)[0]
    out: dict[str, list[str]] = {}
    for unit in units(body):
        for clause in clauses(unit):
            for number in TOKEN.findall(clause):
                out.setdefault(number, [])
                if clause not in out[number]:
                    out[number].append(clause)
    return out


def own_facts(semantics: str) -> dict[str, dict]:
    """The §14 facts docs/semantics.md states itself."""
    part = semantics.split("## Facts beyond the sheet", 1)[-1]
    facts = {}
    for unit in units(part):
        found = re.match(r"§(14\.\d+) (.*)", unit)
        if found:
            text = found.group(2)
            facts[found.group(1)] = {"number": found.group(1), "section": "Facts beyond the sheet",
                                     "text": text, "confidence": confidence_of(text),
                                     "sources": sources_of(text)}  # fmt: skip
    return facts


def build(sheet: Path) -> list[dict]:
    semantics = SEMANTICS.read_text(encoding="utf-8")
    facts = read_sheet(sheet) | own_facts(semantics)
    does = what_ghasim_does(semantics)
    for number, fact in facts.items():
        fact["ghasim"] = does.get(number, [])
    return sorted(facts.values(), key=lambda f: tuple(int(p) for p in f["number"].split(".")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheet", type=Path, default=SHEET)
    args = parser.parse_args()
    facts = build(args.sheet)
    OUT.write_text(json.dumps({"facts": facts}, indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")  # fmt: skip
    print(f"wrote {len(facts)} facts to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
