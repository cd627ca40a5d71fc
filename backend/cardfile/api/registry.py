"""The one place where blueprints are mounted, with the role each needs to read and write."""

from __future__ import annotations

from flask_smorest import Api, Blueprint

from cardfile.access.roles import Role
from cardfile.api.blueprint import WorkspaceBlueprint

API_PREFIX = "/api/v1"
WORKSPACE_PREFIX = f"{API_PREFIX}/workspaces/<int:ws>"


def _scoped(api: Api, blp: WorkspaceBlueprint, path: str, read: Role, write: Role) -> None:
    blp.read_role, blp.write_role = read, write
    api.register_blueprint(blp, url_prefix=f"{WORKSPACE_PREFIX}/{path}")


def _public(api: Api, blp: Blueprint, path: str) -> None:
    api.register_blueprint(blp, url_prefix=f"{API_PREFIX}/{path}")


def register_blueprints(api: Api) -> None:
    from cardfile.access.routes import classes_blp, members_blp
    from cardfile.api.health import blp as health_blp
    from cardfile.auth.routes import blp as auth_blp
    from cardfile.auth.routes import me_blp
    from cardfile.jobs.routes import blp as jobs_blp
    from cardfile.mail.routes import blp as mailbox_blp
    from cardfile.modules.contacts.routes import contacts_blp, fields_blp, tags_blp
    from cardfile.tenancy.agency_routes import blp as agencies_blp
    from cardfile.tenancy.routes import blp as workspaces_blp

    _public(api, health_blp, "health")
    _public(api, auth_blp, "auth")
    _public(api, me_blp, "me")
    _public(api, workspaces_blp, "workspaces")
    _public(api, agencies_blp, "agencies")
    _public(api, mailbox_blp, "dev/mailbox")

    _scoped(api, members_blp, "members", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, classes_blp, "contact-classes", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, fields_blp, "custom-fields", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, tags_blp, "tags", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, contacts_blp, "contacts", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, jobs_blp, "jobs", read=Role.VIEWER, write=Role.MEMBER)
