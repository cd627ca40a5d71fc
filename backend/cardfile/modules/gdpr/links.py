"""Signed, expiring download links for exports (the same LinkSigner public links use, with a
purpose of its own). The link alone is not enough: the download route also requires a
logged-in admin of the workspace (api/registry.py)."""

from __future__ import annotations

from typing import Any

from cardfile import config
from cardfile.auth.tokens import LinkSigner

EXPORT_LINK_HOURS = 24


def _signer() -> LinkSigner:
    return LinkSigner(config.current().secret_key, "gdpr-export", EXPORT_LINK_HOURS * 3600)


def download_path(workspace_id: int, job_id: str) -> str:
    token = _signer().dumps({"ws": int(workspace_id), "job": job_id})
    return f"/api/v1/workspaces/{int(workspace_id)}/gdpr-exports/{token}"


def read_link(token: str, workspace_id: int) -> dict[str, Any] | None:
    """The link's payload if it is ours, unexpired and for this workspace; else None."""
    payload = _signer().loads(token)
    if payload is None or payload.get("ws") != int(workspace_id):
        return None
    return payload


def link_expired(token: str) -> bool:
    return _signer().expired(token)
