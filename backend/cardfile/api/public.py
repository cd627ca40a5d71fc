"""A public entry into a workspace: what nobody logged in may reach (unsubscribe and
preference links, tracking, double opt-in, subscribe forms, bounce webhooks, booking pages).

A `PublicBlueprint` resolves the workspace before any view, from either
- a signed, single-purpose link token in the URL (`<token>`): `link_token()` makes one, and
  only a blueprint of the same purpose accepts it; or
- the workspace's slug (`<slug>`), never its id or schema name.
Then it opens the same tenant scope a logged-in request gets (g.db), with no Principal: views
act as a system actor (`g.actor`, recorded in the timeline). No session, no CSRF; a rate
limit of its own; and `frame_ancestors()` lets one view be embedded in clients' sites.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from sqlalchemy import select

from cardfile.access.actor import Actor
from cardfile.api.blueprint import ApiBlueprint
from cardfile.api.context import db
from cardfile.api.limits import public_limit
from cardfile.auth.tokens import link_token, public_link_signer
from cardfile.db.scope import open_workspace_session
from cardfile.errors import Gone, NotFound
from cardfile.extensions import limiter
from cardfile.slugs import SLUG_RE
from cardfile.tenancy.models import Workspace

F = TypeVar("F", bound=Callable[..., Any])
__all__ = ["PublicBlueprint", "frame_ancestors", "link_token", "public_workspace_id"]


class PublicBlueprint(ApiBlueprint):
    public = True  # sessions/CSRF do not apply (auth/sessions.py)

    def __init__(
        self,
        name: str,
        import_name: str,
        *,
        purpose: str | None = None,
        actor: str = "form",
        limit: Callable[[], str] | str = public_limit,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, import_name, **kwargs)
        self.purpose = purpose
        self.actor_kind = actor
        limiter.limit(limit)(self)
        # A blueprint's before_request runs after the app's, so the rate limit is counted
        # before any token or slug is looked at (no free guessing).
        self.before_request(self._open_scope)

    def _open_scope(self) -> None:
        values = request.view_args
        if not values:
            return
        if "token" in values:
            workspace_id = self._from_token(values["token"])
        elif "slug" in values:
            workspace_id = self._from_slug(values.pop("slug"))
        else:
            return
        if "db" in g:
            g.db.close()
        g.db = open_workspace_session(workspace_id)
        g.actor = Actor(self.actor_kind)

    def _from_token(self, token: str) -> int:
        if self.purpose is None:
            raise NotFound("Link")
        signer = public_link_signer(self.purpose)
        payload = signer.loads(token)
        if payload is None:
            if signer.expired(token):
                raise Gone("This link has expired.")
            raise NotFound("Link")
        g.link = payload
        return _live_workspace(Workspace.id == int(payload.get("ws", 0)), "Link")

    def _from_slug(self, slug: str) -> int:
        if not SLUG_RE.match(slug.lower()):
            raise NotFound("Page")
        return _live_workspace(Workspace.slug == slug.lower(), "Page")


def _live_workspace(which: Any, what: str) -> int:
    """The id of the live (not deleted) workspace `which` selects, or NotFound(what)."""
    found = db().scalar(select(Workspace.id).where(which, Workspace.deleted_at.is_(None)))
    if found is None:
        raise NotFound(what)
    return int(found)


def public_workspace_id() -> int:
    return int(db().info["workspace_id"])


def frame_ancestors(*sources: str) -> Callable[[F], F]:
    """Let this view be framed by `sources` ("*" for any site, as a booking widget needs);
    every other response keeps frame-ancestors 'none'."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            g.frame_ancestors = " ".join(sources)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
