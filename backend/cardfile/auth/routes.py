from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask.views import MethodView
from flask_login import current_user

from cardfile import config
from cardfile.api.blueprint import ApiBlueprint
from cardfile.api.context import current_user_id, db
from cardfile.api.limits import body_email_key, public_limit, reset_limit
from cardfile.api.pagination import page_args, page_of
from cardfile.auth import service, throttle
from cardfile.auth.models import User
from cardfile.auth.schemas import (
    AcceptedInvitationSchema,
    AcceptInvitationSchema,
    InvitationInfoSchema,
    InvitationListSchema,
    InvitationTokenSchema,
    LoginSchema,
    MeSchema,
    NewTokenSchema,
    PasswordChangeSchema,
    PasswordResetConfirmSchema,
    PasswordResetSchema,
    SessionSchema,
    SignupSchema,
    TokenCreateSchema,
    TokenSchema,
    UserSchema,
    UserUpdateSchema,
)
from cardfile.auth.sessions import csrf_token, end_session, end_user_sessions, start_session
from cardfile.errors import Unauthorized
from cardfile.extensions import limiter
from cardfile.mail.password_reset import send_password_reset
from cardfile.tenancy import invitations
from cardfile.tenancy import service as tenancy

blp = ApiBlueprint("auth", __name__, description="Sign-up, sessions and API tokens")
me_blp = ApiBlueprint("me", __name__, description="The signed-in user")

TokenListArgs = page_args("created_at", "name", "last_used_at", name="TokenListArgs")


def _session_body(user: User, token: str | None) -> dict[str, Any]:
    return {"user": user, "csrf_token": token}


@blp.route("/signup", methods=["POST"])
@limiter.limit(public_limit)
@blp.arguments(SignupSchema)
@blp.response(201, SessionSchema)
def signup(data: dict[str, Any]) -> Any:
    """Create an account, its agency and a first workspace, and log in"""
    user, _ = service.signup(db(), **data)
    db().commit()
    return _session_body(user, start_session(user))


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginSchema)
@blp.response(200, SessionSchema)
def login(data: dict[str, Any]) -> Any:
    """Log in with email and password (session cookie; rotated on every login).

    Failures are throttled per account (10 in 15 minutes, with growing waits from the 5th)
    and per IP address (100 in 15 minutes); 429 says how long to wait."""
    ip = request.remote_addr or "-"
    throttle.check(data["email"], ip)
    user = service.authenticate(db(), data["email"], data["password"])
    if user is None:
        throttle.failed(data["email"], ip)
        raise Unauthorized("Wrong email or password.")
    throttle.succeeded(data["email"], ip)
    return _session_body(user, start_session(user))


@blp.route("/logout", methods=["POST"])
@blp.response(204)
def logout() -> None:
    end_session()


@blp.route("/invitation-info", methods=["POST"])
@limiter.limit(public_limit)
@blp.arguments(InvitationTokenSchema)
@blp.response(200, InvitationInfoSchema)
def invitation_info(data: dict[str, Any]) -> Any:
    """What an invitation link is for: the place, who invited, the address (410 once used)"""
    return invitations.link_info(db(), current_app.config["SECRET_KEY"], data["token"])


@blp.route("/accept-invitation", methods=["POST"])
@limiter.limit(public_limit)
@blp.arguments(AcceptInvitationSchema)
@blp.response(200, SessionSchema)
def accept_invitation(data: dict[str, Any]) -> Any:
    """Accept an invitation link: a new account sets name and password; an existing account
    must be logged in as the invited address"""
    signed_in = int(current_user.id) if current_user.is_authenticated else None
    user = invitations.accept_link(
        db(),
        current_app.config["SECRET_KEY"],
        data["token"],
        signed_in,
        data.get("name"),
        data.get("password"),
    )
    db().commit()
    return _session_body(user, start_session(user))


@blp.route("/password-reset", methods=["POST"])
@limiter.limit(public_limit)
@limiter.limit(reset_limit, key_func=body_email_key)
@blp.arguments(PasswordResetSchema)
@blp.response(202)
def password_reset(data: dict[str, Any]) -> None:
    """Email a reset link (the answer is the same whether or not the address has an account)"""
    user = service.reset_candidate(db(), data["email"])
    if user is not None:
        send_password_reset(db(), user)


@blp.route("/password-reset/confirm", methods=["POST"])
@limiter.limit(public_limit)
@blp.arguments(PasswordResetConfirmSchema)
@blp.response(204)
def password_reset_confirm(data: dict[str, Any]) -> None:
    """Set a new password from a reset link (once); every session of the account ends"""
    user = service.reset_password(
        db(), current_app.config["SECRET_KEY"], data["token"], data["password"]
    )
    db().commit()
    end_user_sessions(user.id)
    throttle.succeeded(user.email, request.remote_addr or "-")


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
        """Change my name or time zone"""
        user = db().get(User, current_user_id())
        for key, value in data.items():
            setattr(user, key, value)
        return user


@me_blp.route("/password", methods=["POST"])
@me_blp.arguments(PasswordChangeSchema)
@me_blp.response(204)
def change_password(data: dict[str, Any]) -> None:
    """Change my password; my other sessions end (this one stays)"""
    service.change_password(db(), current_user_id(), data["current_password"], data["password"])
    db().commit()
    end_user_sessions(current_user_id(), keep_current=True)


@me_blp.route("/invitations", methods=["GET"])
@me_blp.response(200, InvitationListSchema)
def my_invitations() -> Any:
    """Invitations waiting for my answer (workspaces, and agencies with workspace_id null)"""
    return {"items": invitations.pending_for(db(), current_user_id())}


@me_blp.route("/invitations/<int:invitation_id>/accept", methods=["POST"])
@me_blp.response(200, AcceptedInvitationSchema)
def accept_my_invitation(invitation_id: int) -> Any:
    return invitations.accept(db(), current_user_id(), invitation_id)


@me_blp.route("/invitations/<int:invitation_id>", methods=["DELETE"])
@me_blp.response(204)
def decline_my_invitation(invitation_id: int) -> None:
    invitations.decline(db(), current_user_id(), invitation_id)
