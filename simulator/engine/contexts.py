"""The `github` context and event payloads a run sees (fact sheet §5.10, §11.8)."""

from __future__ import annotations

import hashlib
from typing import Any

from simulator.core.events import (
    Dispatch,
    Event,
    OtherEvent,
    PullRequest,
    Push,
    RepositoryDispatch,
    Schedule,
)

REPOSITORY = "example/repo"


def fake_sha(*parts: object) -> str:
    """A stable 40-hex commit id for simulated commits."""
    return hashlib.sha1("\x00".join(str(p) for p in parts).encode()).hexdigest()


def event_payload(event: Event, sha: str) -> dict[str, Any]:
    if isinstance(event, Push):
        return {
            "ref": event.ref,
            "before": fake_sha("before", sha),
            "after": sha,
            "created": False,
            "deleted": event.deleted,
            "forced": False,
            "head_commit": {"id": sha, "message": event.message},
            "commits": [{"id": sha, "message": event.message}],
            "pusher": {"name": "octocat"},
            "repository": {"full_name": REPOSITORY, "default_branch": "main"},
        }
    if isinstance(event, PullRequest):
        return {
            "action": event.action,
            "number": event.number,
            "pull_request": {
                "number": event.number,
                "head": {"ref": event.head, "sha": sha},
                "base": {"ref": event.base},
                "merged": event.merged,
                "draft": False,
                "title": event.message.split("\n", 1)[0],
            },
        }
    if isinstance(event, Dispatch):
        return {"inputs": {k: _as_string(v) for k, v in event.inputs.items()}, "ref": event.ref}
    if isinstance(event, RepositoryDispatch):
        return {"action": event.event_type, "client_payload": event.client_payload}
    if isinstance(event, Schedule):
        return {"schedule": event.cron}
    if isinstance(event, OtherEvent):
        return {"action": event.action, **event.payload}
    return {}


def _as_string(value: Any) -> str:
    """`github.event.inputs.*` are strings (§6.3)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def workflow_run_payload(upstream: Any, activity: str, start_iso: str) -> dict[str, Any]:
    """`github.event` of a run started by workflow_run (§5.10). `upstream` is a RunRecord."""
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
            "pull_requests": [],
            "actor": {"login": "octocat"},
            "triggering_actor": {"login": "octocat"},
        },
        "workflow": {"name": upstream.name, "path": upstream.file},
    }


def github_context(run: Any, default_branch: str) -> dict[str, Any]:
    """`github.*` for a run (a RunRecord with its payload)."""
    event = run.payload
    ref, ref_type, head_ref, base_ref = f"refs/heads/{run.head_branch}", "branch", "", ""
    if run.event == "push":
        ref = event.get("ref", ref)
        ref_type = "tag" if ref.startswith("refs/tags/") else "branch"
    elif run.event == "pull_request":
        pr = event.get("pull_request", {})
        ref = f"refs/pull/{pr.get('number', 1)}/merge"
        head_ref, base_ref = pr.get("head", {}).get("ref", ""), pr.get("base", {}).get("ref", "")
    elif run.event == "pull_request_target":
        pr = event.get("pull_request", {})
        ref = f"refs/heads/{default_branch}"  # §4.7
        head_ref, base_ref = pr.get("head", {}).get("ref", ""), pr.get("base", {}).get("ref", "")
    ref_name = ref.split("/", 2)[-1] if ref.startswith("refs/") else ref
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
        "workflow_ref": f"{REPOSITORY}/{run.file}@{ref}",
        "run_id": str(run.id),
        "run_number": str(run.run_number),
        "run_attempt": "1",
        "actor": "octocat",
        "triggering_actor": "octocat",
        "repository": REPOSITORY,
        "repository_owner": REPOSITORY.split("/")[0],
        "server_url": "https://github.com",
        "api_url": "https://api.github.com",
        "job": "",
    }
