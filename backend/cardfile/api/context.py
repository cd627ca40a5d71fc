"""Per-request database Session and Principal.

A request under /workspaces/<ws>/ gets a Session scoped to that workspace (see db/scope.py);
any other request gets a public-only Session. One Session per request, committed when the
response is a success, rolled back otherwise.
"""

from __future__ import annotations

from dataclasses import replace

from flask import Flask, Response, g, request
from flask_login import current_user
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cardfile.access.principal import Principal, current_principal
from cardfile.access.roles import Role
from cardfile.api.errors import database_conflict
from cardfile.cache import access_version, request_versions
from cardfile.db.scope import open_public_session, open_workspace_session
from cardfile.errors import Forbidden, NotFound, Unauthorized

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def db() -> Session:
    if "db" not in g:
        g.db = open_public_session()
    return g.db


def current_user_id() -> int:
    if not current_user.is_authenticated:
        raise Unauthorized()
    return int(current_user.id)


def open_workspace_scope(workspace_id: int, required: Role) -> Principal:
    """Authenticate, check membership and role, and bind this request to the workspace."""
    if "db" in g and g.db.info.get("workspace_id") != workspace_id:
        g.db.close()
        del g.db
    if "db" not in g:
        g.db = open_workspace_session(workspace_id, read_only=request.method in SAFE_METHODS)
    # Read before any query of this request: a cache entry keyed by these versions never
    # holds data older than they say.
    g.access_version, g.db.info["data_version"] = request_versions(workspace_id)
    user_id = current_user_id()
    principal = current_principal(g.db, user_id, workspace_id, g.access_version)
    if principal is None:
        raise NotFound("Workspace")
    if not principal.can(required):
        raise Forbidden(f"Your role ({principal.role.label}) may not do this here.")
    if g.get("auth_method") == "token":
        principal = replace(principal, via="api")
    g.principal = principal
    return principal


def request_access_version() -> str:
    """The access version this request checks its cached identity and principal against."""
    if "access_version" not in g:
        g.access_version = access_version()
    return g.access_version


def principal() -> Principal:
    return g.principal


def _finish(response: Response) -> Response:
    session: Session | None = g.pop("db", None)
    if session is not None:
        try:
            if response.status_code < 400:
                session.commit()
            else:
                session.rollback()
        except DBAPIError as error:  # a constraint checked at commit, or a lost race
            session.rollback()
            conflict = database_conflict(error)
            if conflict is None:
                raise
            return conflict
        finally:
            session.close()
    return response


def _teardown(_: BaseException | None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        session.rollback()
        session.close()


def init_request_context(app: Flask) -> None:
    app.after_request(_finish)
    app.teardown_request(_teardown)
