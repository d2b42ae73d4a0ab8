"""A job's effective GITHUB_TOKEN permissions and the secrets it can read, for the event that
started its run (facts §14.6, §14.7, §4.8, §13.2)."""

from __future__ import annotations

from msgspec import Struct

from simulator.audit.steps import secrets_read
from simulator.workflow.model import Job, Permissions, Workflow

SCOPES = ("actions", "attestations", "checks", "contents", "deployments", "discussions",
          "id-token", "issues", "models", "packages", "pages", "pull-requests",
          "repository-projects", "security-events", "statuses")  # fmt: skip
RESTRICTED = {"contents": "read", "packages": "read"}  # §14.6; metadata read is implicit
FORK_CAPPED = ("pull_request", "pull_request_review", "pull_request_review_comment")


class Privilege(Struct, frozen=True):
    """What a job holds: token scope -> level, the secrets it reads, and where that came from."""

    token: tuple[tuple[str, str], ...]
    secrets: tuple[str, ...]
    source: str  # "the job's permissions", "the repository default (permissive)" ...

    @property
    def writes(self) -> tuple[str, ...]:
        return tuple(scope for scope, level in self.token if level == "write")

    @property
    def privileged(self) -> bool:
        """A write token, an OIDC token or a secret: what an attacker wants."""
        return bool(self.writes) or bool(self.secrets)

    def describe(self) -> str:
        """`contents: write, pull-requests: write and secrets.DEPLOY_KEY`."""
        writes = self.writes
        parts = ([f"write on every scope{' but id-token' if 'id-token' not in writes else ''}"]
                 if len(writes) >= len(SCOPES) - 1 else [f"{scope}: write" for scope in writes])  # fmt: skip
        parts += [f"secrets.{name}" if not name.startswith("(") else "inherited secrets"
                  for name in self.secrets]  # fmt: skip
        if not parts:
            return "a read-only token and no secrets"
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]

    def to_json(self) -> dict:
        return {"token": dict(self.token), "secrets": list(self.secrets), "source": self.source}


def _levels(perms: Permissions) -> dict[str, str]:
    return {scope: perms.level(scope) for scope in SCOPES}


def effective(workflow: Workflow, job: Job, event: str, from_fork: bool,
              default: str = "permissive") -> Privilege:  # fmt: skip
    """The token and secrets of `job` in a run of `workflow` started by `event`; `from_fork`
    when the event comes from a fork's pull request (§4.8: read at most, no secrets)."""
    if job.permissions is not None:
        levels, source = _levels(job.permissions), "the job's permissions"
    elif workflow.permissions is not None:
        levels, source = _levels(workflow.permissions), "the workflow's permissions"
    elif default == "restricted":
        levels = {s: RESTRICTED.get(s, "none") for s in SCOPES}
        source = "the repository default (restricted)"
    else:
        levels = {s: ("none" if s == "id-token" else "write") for s in SCOPES}
        source = "the repository default (permissive, an assumption: see --token-default)"
    secrets = secrets_read(job)
    if from_fork and event in FORK_CAPPED:
        levels = {s: ("read" if level != "none" else "none") for s, level in levels.items()}
        secrets, source = (), f"{source}, capped to read for a fork's {event}"
    return Privilege(tuple(sorted(levels.items())), secrets, source)
