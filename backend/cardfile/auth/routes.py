from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from cardfile import config
from cardfile.api.context import Unauthorized, current_user_id, db
from cardfile.api.pagination import page_args, page_of
from cardfile.auth import service
from cardfile.auth.models import User
from cardfile.auth.schemas import (
    AcceptInvitationSchema,
    LoginSchema,
    MeSchema,
    NewTokenSchema,
    SessionSchema,
    SignupSchema,
    TokenCreateSchema,
    TokenSchema,
    UserSchema,
    UserUpdateSchema,
)
from cardfile.auth.sessions import csrf_token, end_session, start_session
from cardfile.extensions import limiter
from cardfile.tenancy import service as tenancy

blp = Blueprint("auth", __name__, description="Sign-up, sessions and API tokens")
me_blp = Blueprint("me", __name__, description="The signed-in user")

TokenListArgs = page_args("created_at", "name", "last_used_at", name="TokenListArgs")


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _public_limit() -> str:
    return current_app.config["PUBLIC_LIMIT"]


def _account_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"login-account:{str(email or '').strip().lower()[:254]}"


def _failed(response: Any) -> bool:
    return response.status_code == 401


def _session_body(user: User, token: str | None) -> dict[str, Any]:
    return {"user": user, "csrf_token": token}


@blp.route("/signup", methods=["POST"])
@limiter.limit(_public_limit)
@blp.arguments(SignupSchema)
@blp.response(201, SessionSchema)
def signup(data: dict[str, Any]) -> Any:
    """Create an account, its agency and a first workspace, and log in"""
    user, _ = service.signup(db(), **data)
    db().commit()
    return _session_body(user, start_session(user))


@blp.route("/login", methods=["POST"])
@limiter.limit(_login_limit, deduct_when=_failed)
@limiter.limit(_login_limit, key_func=_account_key, deduct_when=_failed)
@blp.arguments(LoginSchema)
@blp.response(200, SessionSchema)
def login(data: dict[str, Any]) -> Any:
    """Log in with email and password (session cookie; rotated on every login)"""
    user = service.authenticate(db(), data["email"], data["password"])
    if user is None:
        raise Unauthorized("Wrong email or password.")
    return _session_body(user, start_session(user))


@blp.route("/logout", methods=["POST"])
@blp.response(204)
def logout() -> None:
    end_session()


@blp.route("/accept-invitation", methods=["POST"])
@limiter.limit(_public_limit)
@blp.arguments(AcceptInvitationSchema)
@blp.response(200, SessionSchema)
def accept_invitation(data: dict[str, Any]) -> Any:
    """Set name and password from an invitation link, and log in"""
    user = service.accept_invitation(
        db(), current_app.config["SECRET_KEY"], data["token"], data["name"], data["password"]
    )
    db().commit()
    return _session_body(user, start_session(user))


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.arguments(TokenListArgs, location="query")
    @blp.response(200, page_of(TokenSchema))
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_tokens(db(), current_user_id(), args)

    @blp.arguments(TokenCreateSchema)
    @blp.response(201, NewTokenSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a personal API token: send it as `Authorization: Bearer <token>`"""
        api_token, token = service.create_token(db(), current_user_id(), data["name"])
        return {
            **{c: getattr(api_token, c) for c in ("id", "name", "created_at", "last_used_at")},
            "token": token,
        }


@blp.route("/tokens/<int:token_id>")
class TokenDetail(MethodView):
    @blp.response(204)
    def delete(self, token_id: int) -> None:
        service.delete_token(db(), current_user_id(), token_id)


@me_blp.route("")
class Me(MethodView):
    @me_blp.response(200, MeSchema)
    def get(self) -> Any:
        """The user, their agencies and the workspaces they can open with their role"""
        user_id = current_user_id()
        return {
            "user": current_user,
            "csrf_token": csrf_token() or "",
            "agencies": tenancy.user_agencies(db(), user_id),
            "workspaces": tenancy.all_workspaces(db(), user_id),
            "dev_mailbox": config.current().mailbox_dir is not None,
        }

    @me_blp.arguments(UserUpdateSchema)
    @me_blp.response(200, UserSchema)
    def patch(self, data: dict[str, Any]) -> Any:
        user = db().get(User, current_user_id())
        for key, value in data.items():
            setattr(user, key, value)
        return user
