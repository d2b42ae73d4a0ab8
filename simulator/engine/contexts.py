"""The `github` context and the event payloads a run sees, as GitHub's webhooks shape them
(fact sheet §5.10, §11.8; the webhook reference), as far as expressions in real workflows
read them. A property ghasim does not fill reads as null, as on GitHub."""

from __future__ import annotations

import hashlib
from functools import cached_property, lru_cache
from typing import Any

from simulator.core.events import (
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    Repository,
    RepositoryDispatch,
    Schedule,
)


def fake_sha(*parts: object) -> str:
    """A stable 40-hex commit id for simulated commits."""
    try:  # the same event gets the same id in every iteration of a batch: hashed once
        return _remembered_sha(parts)
    except TypeError:  # a part that cannot be hashed (an event holding a dict)
        return _sha(parts)


def _sha(parts: tuple[object, ...]) -> str:
    return hashlib.sha1("\x00".join(str(p) for p in parts).encode()).hexdigest()


_remembered_sha = lru_cache(maxsize=4096)(_sha)


def _as_string(value: Any) -> str:
    """`github.event.inputs.*` are strings (§6.3)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Payloads:
    """Payloads and contexts for one repository."""

    def __init__(self, repo: Repository):
        self.repo = repo
        self.default_sha = fake_sha("default-branch", repo.default_branch)
        self._own: dict[str, Any] | None = None  # the repository's own object, made once

    def repository(self, full_name: str | None = None, fork: bool | None = None) -> dict[str, Any]:
        own = self.repo.full_name
        if (full_name is None or full_name == own) and (fork is None or fork == self.repo.fork):
            if self._own is None:
                self._own = self._repository(self.repo.full_name, self.repo.fork)
            return self._own
        return self._repository(full_name or self.repo.full_name,
                                self.repo.fork if fork is None else fork)  # fmt: skip

    def _repository(self, name: str, fork: bool) -> dict[str, Any]:
        owner = name.split("/", 1)[0]
        return {
            "name": name.split("/", 1)[-1],
            "full_name": name,
            "owner": {"login": owner},
            "private": self.repo.visibility != "public",
            "visibility": self.repo.visibility,
            "fork": fork,
            "default_branch": self.repo.default_branch,
            "html_url": f"https://github.com/{name}",
        }

    def sender(self, login: str = "octocat") -> dict[str, Any]:
        return {"login": login, "type": "User"}

    # ------------------------------------------------------------------ events

    def event(self, event: Event, sha: str) -> dict[str, Any]:
        common = {"repository": self.repository(), "sender": self.sender()}
        if isinstance(event, Push):
            return {**common, **self.push(event, sha)}
        if isinstance(event, PullRequest):
            return {**common, **self.pull_request(event, sha), "sender": self.sender(event.user)}
        if isinstance(event, Dispatch):
            return {**common, "inputs": {k: _as_string(v) for k, v in event.inputs.items()},
                    "ref": f"refs/heads/{event.ref}"}  # fmt: skip
        if isinstance(event, RepositoryDispatch):
            return {**common, "action": event.event_type, "branch": self.repo.default_branch,
                    "client_payload": event.client_payload}  # fmt: skip
        if isinstance(event, Schedule):
            return {**common, "schedule": event.cron}
        if isinstance(event, OtherEvent):
            return _merged({**common, **self.other(event, sha)}, event.payload)
        return common

    def push(self, event: Push, sha: str) -> dict[str, Any]:
        commit = {"id": sha, "message": event.message, "distinct": True,
                  "author": {"name": "octocat", "username": "octocat"},
                  "added": [], "removed": [], "modified": list(event.files)}  # fmt: skip
        return {
            "ref": event.ref,
            "before": fake_sha("before", sha),
            "after": sha,
            "base_ref": None,
            "created": False,
            "deleted": event.deleted,
            "forced": False,
            "head_commit": commit,
            "commits": [commit],
            "pusher": {"name": "octocat"},
            "compare": f"https://github.com/{self.repo.full_name}/compare/{sha[:12]}",
        }

    def pull_request_object(self, pr: PullRequest, sha: str) -> dict[str, Any]:
        head_repo = pr.head_repo or (f"{pr.user}/{self.repo.name}" if pr.fork else None)
        return {
            "number": pr.number,
            "state": "closed" if pr.action == "closed" else "open",
            "title": pr.title or pr.message.split("\n", 1)[0],
            "body": "",
            "user": {"login": pr.user},
            "draft": pr.draft,
            "merged": pr.merged,
            "labels": [{"name": label} for label in pr.labels],
            "head": {
                "ref": pr.head,
                "sha": sha,
                "label": f"{pr.user}:{pr.head}",
                "repo": self.repository(head_repo, fork=pr.fork),
            },  # fmt: skip
            "base": {"ref": pr.base, "sha": self.default_sha, "repo": self.repository()},
            "html_url": f"https://github.com/{self.repo.full_name}/pull/{pr.number}",
        }

    def pull_request(self, pr: PullRequest, sha: str) -> dict[str, Any]:
        return {"action": pr.action, "number": pr.number,
                "pull_request": self.pull_request_object(pr, sha)}  # fmt: skip

    def other(self, event: OtherEvent, sha: str) -> dict[str, Any]:
        out: dict[str, Any] = {"action": event.action}
        if event.event == "release":
            out["release"] = {"tag_name": event.ref, "name": event.ref, "draft": False,
                              "prerelease": False, "target_commitish": self.repo.default_branch}  # fmt: skip
        elif event.event in ("create", "delete"):
            out.update(ref=event.ref, ref_type=event.ref_type, pusher_type="user")
        elif event.event == "merge_group":
            out["merge_group"] = {"head_ref": f"refs/heads/{event.ref}", "head_sha": sha,
                                  "base_ref": f"refs/heads/{event.base}",
                                  "base_sha": self.default_sha}  # fmt: skip
        elif event.event in ("issue_comment", "issues"):
            issue: dict[str, Any] = {"number": event.number or 1, "title": "", "body": ""}
            if event.on_pull_request:
                issue["pull_request"] = {"url": f"https://api.github.com/repos/"
                                                f"{self.repo.full_name}/pulls/{event.number or 1}"}  # fmt: skip
            out["issue"] = issue
            if event.event == "issue_comment":
                out["comment"] = {"body": "", "user": {"login": "octocat"},
                                  "author_association": "NONE"}  # fmt: skip
        elif event.head is not None:  # pull_request_review(_comment)
            pr = PullRequest(action=event.action or "submitted", base=event.base or
                             self.repo.default_branch, head=event.head,
                             number=event.number or 1)  # fmt: skip
            out["pull_request"] = self.pull_request_object(pr, sha)
        return out

    def workflow_run(self, upstream: Any, activity: str, start_iso: str) -> dict[str, Any]:
        """`github.event` of a run started by workflow_run (§5.10). `upstream` is a
        RunRecord: its payload tells which pull requests it ran for (none for a fork's,
        as on GitHub) and which repository its head lives in."""
        head_repo = self.repo.full_name
        pull_requests: list[dict[str, Any]] = []
        pr = upstream.payload.get("pull_request") if upstream.event in PULL_REQUEST_EVENTS else None
        if isinstance(pr, dict):
            head_repo = _text(pr, "head", "repo", "full_name") or head_repo
            if not _at(pr, "head", "repo", "fork"):
                pull_requests.append({"number": pr.get("number"),
                                      "head": {"ref": _at(pr, "head", "ref"),
                                               "sha": _at(pr, "head", "sha"),
                                               "repo": {"name": _at(pr, "head", "repo", "name")}},
                                      "base": {"ref": _at(pr, "base", "ref"),
                                               "sha": _at(pr, "base", "sha"),
                                               "repo": {"name": self.repo.name}}})  # fmt: skip
        return {
            "action": activity,
            "workflow_run": {
                "id": upstream.id,
                "name": upstream.name,
                "display_title": upstream.cause_label,
                "path": upstream.file,
                "run_number": upstream.run_number,
                "run_attempt": 1,
                "event": upstream.event,
                "status": "completed" if activity == "completed" else activity,
                "conclusion": upstream.conclusion if activity == "completed" else None,
                "head_branch": upstream.head_branch,
                "head_sha": upstream.head_sha,
                "head_commit": {"id": upstream.head_sha},
                "created_at": start_iso,
                "pull_requests": pull_requests,
                "head_repository": self.repository(
                    head_repo, fork=head_repo != self.repo.full_name
                ),
                "repository": self.repository(),
                "actor": {"login": "octocat"},
                "triggering_actor": {"login": "octocat"},
            },
            "workflow": {"name": upstream.name, "path": upstream.file},
            "repository": self.repository(),
            "sender": self.sender(),
        }

    # ------------------------------------------------------------------ the github context

    def github(self, run: Any) -> dict[str, Any]:
        """`github.*` for a run (a RunRecord with its payload)."""
        event = run.payload
        ref, ref_type, head_ref, base_ref = run_ref(run, self.repo.default_branch)
        ref_name = ref.split("/", 2)[-1] if ref.startswith("refs/") else ref
        if ref.startswith("refs/pull/"):
            ref_name = f"{ref.split('/')[2]}/merge"
        actor = _text(event, "sender", "login") or "octocat"
        return {
            "event_name": run.event,
            "event": event,
            "ref": ref,
            "ref_name": ref_name,
            "ref_type": ref_type,
            "sha": run.head_sha,
            "head_ref": head_ref,
            "base_ref": base_ref,
            "workflow": run.name,  # name, or the path when unnamed (§1.2)
            "workflow_ref": f"{self.repo.full_name}/{run.file}@{ref}",
            "run_id": str(run.id),
            "run_number": str(run.run_number),
            "run_attempt": "1",
            "actor": actor,
            "triggering_actor": actor,
            **self._repository_part,
        }

    @cached_property
    def _repository_part(self) -> dict[str, str]:
        """What `github.*` reads of the repository and the server: the same for every run."""
        return {
            "repository": self.repo.full_name,
            "repository_owner": self.repo.owner,
            "repositoryUrl": f"git://github.com/{self.repo.full_name}.git",
            "server_url": "https://github.com",
            "api_url": "https://api.github.com",
            "graphql_url": "https://api.github.com/graphql",
            "job": "",
        }


def run_ref(run: Any, default_branch: str) -> tuple[str, str, str, str]:
    """(ref, ref_type, head_ref, base_ref) of a run, by the event that started it. What the
    payload holds is read leniently: a scenario's `payload:` may have replaced it."""
    event = run.payload
    pr = event.get("pull_request") if run.event in PULL_REQUEST_EVENTS else None
    pr = pr if isinstance(pr, dict) else None
    head_ref = (_text(pr, "head", "ref") or "") if pr else ""
    base_ref = (_text(pr, "base", "ref") or "") if pr else ""
    if run.event == "push":
        ref = event.get("ref", f"refs/heads/{run.head_branch}")
        return ref, "tag" if ref.startswith("refs/tags/") else "branch", "", ""
    if run.event == "pull_request_target":  # the default branch's copy and ref (§4.7)
        return f"refs/heads/{default_branch}", "branch", head_ref, base_ref
    if pr is not None:  # pull_request and the review events: the merge ref (§4.6)
        return f"refs/pull/{_at(pr, 'number')}/merge", "branch", head_ref, base_ref
    if run.event == "release":
        tag = _text(event, "release", "tag_name") or run.head_branch
        return f"refs/tags/{tag}", "tag", "", ""
    if run.event == "create":
        kind = event.get("ref_type", "branch")
        prefix = "refs/tags/" if kind == "tag" else "refs/heads/"
        return f"{prefix}{event.get('ref')}", kind, "", ""
    if run.event == "merge_group":
        ref = _text(event, "merge_group", "head_ref") or f"refs/heads/{run.head_branch}"
        return ref, "branch", "", ""
    return f"refs/heads/{run.head_branch}", "branch", "", ""


# the events whose payload's `pull_request` ghasim builds, and reads back
PULL_REQUEST_EVENTS = frozenset(("pull_request", "pull_request_target", "pull_request_review",
                                 "pull_request_review_comment"))  # fmt: skip


def _at(value: Any, *keys: str) -> Any:
    """value[k1][k2]..., or None where a key is missing or the value there is no mapping."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _text(value: Any, *keys: str) -> str | None:
    """The string at value[k1][k2]..., or None. (Its own loop, not _at's: github.actor is
    read through it for every run of every Monte Carlo iteration.)"""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, str) else None


def _merged(built: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """A scenario's `payload:` over the payload ghasim built: a mapping given where ghasim
    built one adds to it (`release: {prerelease: true}` keeps the tag), anything else
    replaces. Built objects are copied, never changed: the repository's is shared."""
    out = dict(built)
    for key, value in given.items():
        old = out.get(key)
        out[key] = (
            _merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return out
