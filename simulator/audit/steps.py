"""What a step does that matters for trust: which code it checks out, which artifacts it
downloads, whether it then runs code, which caches it writes or restores, which secrets it
reads. Read from the step's `uses:`, `with:` and `run:` as written; nothing is executed."""

from __future__ import annotations

import re

from simulator.workflow.model import Job, Step

# A ref that names the fork's commit (attacker-controlled, fact sheet §13.2): its sha, the
# pull request's refs. A branch *name* alone (`head.ref`, `head_branch`) checks out the base
# repository's branch of that name, unless `repository:` names the fork.
UNTRUSTED_REF = re.compile(
    r"github\.event\.pull_request\.head\.sha|refs/pull/|github\.event\.number"
    r"|github\.event\.pull_request\.number|github\.event\.issue\.number"
    r"|github\.event\.workflow_run\.head_(?:sha|commit\.id)"
)
HEAD_REPOSITORY = re.compile(
    r"github\.event\.pull_request\.head\.repo\.full_name"
    r"|github\.event\.workflow_run\.head_repository\.full_name"
)
FETCH_PR = re.compile(r"\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|pull)\b[^\n]*\bpull/|"
                      r"\bgit\s+(?:checkout|switch|reset)\b[^\n]*\$\{\{[^}]*(?:head\.sha|"
                      r"head_sha)")  # fmt: skip
ARTIFACT_API = re.compile(r"listWorkflowRunArtifacts|downloadArtifact|/actions/artifacts|"
                          r"\bgh\s+run\s+download\b")  # fmt: skip
SECRET = re.compile(r"\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)|secrets\[['\"]([^'\"]+)['\"]\]")
SETUP_CACHE = ("actions/setup-node", "actions/setup-python", "actions/setup-java",
               "actions/setup-go", "actions/setup-dotnet", "ruby/setup-ruby")  # fmt: skip


def action(step: Step) -> str:
    """`owner/repo[/path]` of a `uses:`, without the version (`actions/checkout`)."""
    return (step.uses or "").split("@", 1)[0].lower()


def checks_out_untrusted(step: Step) -> str | None:
    """The untrusted ref a step checks out (its text), or None."""
    if action(step) == "actions/checkout":
        ref, repository = step.with_.get("ref", ""), step.with_.get("repository", "")
        if HEAD_REPOSITORY.search(repository):
            return f"{repository}@{ref}" if ref else repository
        return ref if UNTRUSTED_REF.search(ref) else None
    found = FETCH_PR.search(step.script or "")
    return found.group(0) if found else None


def downloads_artifact(step: Step) -> str | None:
    """How a step downloads another run's artifact (`actions/download-artifact with run-id`),
    or None."""
    name = action(step)
    if name == "actions/download-artifact" and "run-id" in step.with_:
        return "actions/download-artifact with run-id"
    if name == "dawidd6/action-download-artifact":
        return "dawidd6/action-download-artifact"
    if name == "actions/github-script" and ARTIFACT_API.search(step.with_.get("script", "")):
        return "the REST API (actions/github-script)"
    if step.script and ARTIFACT_API.search(step.script):
        return "the REST API (run step)"
    return None


# Commands that only move or read data: a script made of nothing else executes nothing.
DATA_ONLY = frozenset({"unzip", "tar", "gunzip", "cat", "echo", "printf", "ls", "jq", "mkdir",
                       "mv", "cp", "rm", "test", "[", "set", "cd", "head", "tail", "wc",
                       "curl", "wget", "sha256sum", "find", "grep", "export", "true", "tee",
                       "sed", "sort", "uniq", "cut", "tr", "diff", "base64", "touch"})  # fmt: skip


def _commands(script: str) -> list[str]:
    out = []
    for line in script.split("\n"):
        for part in re.split(r"&&|\|\||;|\|", line):
            words = part.strip().split()
            if words and not words[0].startswith("#"):
                out.append(part.strip())
    return out


def runs_code(step: Step) -> str | None:
    """What a step executes from the workspace: a `run:` script with a command that is not
    only data handling (`unzip`, `cat` ...), a local action; None for a step that only reads
    or moves data (checkout, upload, unzip ...)."""
    if step.script and step.script.strip():
        for command in _commands(step.script):
            first = command.split()[0]
            if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", first):
                continue  # a variable assignment
            if first.rsplit("/", 1)[-1] not in DATA_ONLY:
                return f"runs `{command[:60]}`"
        return None
    if step.uses and step.uses.startswith("./"):
        return f"runs the local action {step.uses}"
    return None


def writes_env(step: Step) -> bool:
    return bool(step.script) and bool(re.search(r"GITHUB_(?:ENV|PATH)", step.script or ""))


def cache_write(step: Step) -> str | None:
    """The cache key a step saves (in the run's cache scope), or None."""
    name = action(step)
    if name in ("actions/cache", "actions/cache/save"):
        return step.with_.get("key", "")
    if name in SETUP_CACHE and step.with_.get("cache"):
        return f"{name} cache: {step.with_['cache']}"
    return None


def cache_restore(step: Step) -> tuple[str, ...]:
    """The cache keys (and restore-keys prefixes) a step restores."""
    name = action(step)
    if name in ("actions/cache", "actions/cache/restore"):
        keys = [step.with_.get("key", "")]
        keys += [k.strip() for k in step.with_.get("restore-keys", "").split("\n") if k.strip()]
        return tuple(k for k in keys if k)
    if name in SETUP_CACHE and step.with_.get("cache"):
        return (f"{name} cache: {step.with_['cache']}",)
    return ()


def static_prefix(key: str) -> str:
    """The part of a cache key before its first expression: what an attacker's entry must
    share to be restored by a prefix (`restore-keys`) or an equal computation."""
    return key.split("${{", 1)[0].strip()


def keys_meet(written: str, restored: str) -> bool:
    """May an entry saved under `written` be restored under `restored` (equal keys, or one's
    static prefix a prefix of the other's)?"""
    if written == restored:
        return True
    a, b = static_prefix(written), static_prefix(restored)
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def secrets_read(job: Job) -> tuple[str, ...]:
    """The secrets a job's text reads (`secrets.X`; `secrets: inherit` on a call)."""
    texts = [*job.env.values()]
    for step in job.steps:
        texts += [*step.env.values(), *step.with_.values(), step.script or ""]
    texts += [str(v) for v in job.with_.values()]
    found: dict[str, None] = {}
    for text in texts:
        for match in SECRET.finditer(text):
            name = match.group(1) or match.group(2)
            if name.upper() != "GITHUB_TOKEN":
                found[name] = None
    if job.secrets == "inherit":
        found["(inherited)"] = None
    elif isinstance(job.secrets, dict):
        for value in job.secrets.values():
            for match in SECRET.finditer(str(value)):
                found[match.group(1) or match.group(2)] = None
    return tuple(found)


# The texts of an upstream run its author writes: its branch name, title, commit message.
UPSTREAM_TEXT = re.compile(r"github\.event\.workflow_run\.(?:head_branch|display_title|"
                           r"head_commit\.(?:message|author))")  # fmt: skip


def job_texts(job: Job) -> list[str]:
    """The texts of a job a value flows into code through: env (read by scripts), scripts and
    `actions/github-script` scripts (inputs of other actions, such as a checkout's `ref`,
    are not code)."""
    texts = [*job.env.values()]
    for step in job.steps:
        texts += [*step.env.values(), step.script or ""]
        if action(step) == "actions/github-script":
            texts.append(step.with_.get("script", ""))
    return texts


def reads_upstream(job: Job) -> str | None:
    """How a workflow_run listener's job takes in what its upstream run's author controls
    (its artifacts, its code at `head_sha`, its branch name or title), or None when it reads
    only the outcome and identity (conclusion, run id, the sha as a value)."""
    for step in job.steps:
        taken = downloads_artifact(step) or checks_out_untrusted(step)
        if taken:
            return taken
    for text in job_texts(job):
        found = UPSTREAM_TEXT.search(text)
        if found:
            return found.group(0)
    return None
