"""Who may do what: the one place where blueprints are mounted, with the role each needs to
read and write in a workspace and the finer rules of single views ("admins only")."""

from __future__ import annotations

from enum import Enum

from flask_smorest import Api, Blueprint

from cardfile.access.roles import Role
from cardfile.api.blueprint import Rules, WorkspaceBlueprint

API_PREFIX = "/api/v1"
WORKSPACE_PREFIX = f"{API_PREFIX}/workspaces/<int:ws>"


class Audience(Enum):
    """Who calls a blueprint that is not inside one workspace."""

    ANYONE = "anyone"  # no login (sign-up, login, password reset, health)
    ACCOUNT = "account"  # a logged-in user, about their own account, agencies, workspaces
    PUBLIC_WORKSPACE = "public workspace"  # no login, one workspace (api/public.py)


# blueprint name -> Audience, for the routes outside workspaces (the isolation test reads it)
AUDIENCES: dict[str, Audience] = {}
ADMIN_ONLY = {"GET": Role.ADMIN, "POST": Role.ADMIN, "PATCH": Role.ADMIN, "DELETE": Role.ADMIN}


def _scoped(
    api: Api,
    blp: WorkspaceBlueprint,
    path: str,
    read: Role,
    write: Role,
    rules: Rules | None = None,
) -> None:
    blp.read_role, blp.write_role, blp.rules = read, write, rules or {}
    api.register_blueprint(blp, url_prefix=f"{WORKSPACE_PREFIX}/{path}")


def _public(api: Api, blp: Blueprint, path: str, audience: Audience) -> None:
    AUDIENCES[blp.name] = audience
    api.register_blueprint(blp, url_prefix=f"{API_PREFIX}/{path}")


def register_blueprints(api: Api) -> None:
    from cardfile.access.routes import classes_blp, members_blp
    from cardfile.api.health import blp as health_blp
    from cardfile.auth.routes import blp as auth_blp
    from cardfile.auth.routes import me_blp
    from cardfile.jobs.routes import blp as jobs_blp
    from cardfile.mail.routes import blp as mailbox_blp
    from cardfile.modules.bookings.routes import (
        book_blp,
        bookings_blp,
        calendars_blp,
        contact_bookings_blp,
        feed_blp,
        manage_blp,
    )
    from cardfile.modules.bulk.routes import bulk_blp
    from cardfile.modules.campaigns.routes import (
        campaigns_blp,
        click_blp,
        messages_blp,
        open_blp,
        templates_blp,
        unsubscribe_blp,
    )
    from cardfile.modules.cardlayout.routes import card_layout_blp
    from cardfile.modules.companies.routes import companies_blp
    from cardfile.modules.consents.routes import consents_blp, purposes_blp
    from cardfile.modules.contacts.routes import contacts_blp, fields_blp, tags_blp
    from cardfile.modules.deliverability.routes import (
        agency_deliverability_blp,
        bounces_blp,
        deliverability_blp,
        domains_blp,
        webhook_blp,
    )
    from cardfile.modules.events.routes import events_blp
    from cardfile.modules.export.routes import export_blp
    from cardfile.modules.files.routes import files_blp
    from cardfile.modules.gdpr.routes import audit_blp, exports_blp, gdpr_blp, suppressions_blp
    from cardfile.modules.hygiene.routes import hygiene_blp, hygiene_settings_blp
    from cardfile.modules.imports.routes import imports_blp, mappings_blp
    from cardfile.modules.lists.routes import (
        confirm_blp,
        contact_subscriptions_blp,
        lists_blp,
        preferences_blp,
        subscribe_blp,
    )
    from cardfile.modules.merge.routes import merge_blp
    from cardfile.modules.notes.routes import notes_blp
    from cardfile.modules.owners.routes import owners_blp, responsibles_blp
    from cardfile.modules.scoring.routes import history_blp, rules_blp, settings_blp
    from cardfile.modules.segments.routes import segments_blp
    from cardfile.modules.tasks.routes import tasks_blp
    from cardfile.modules.transactions.routes import transactions_blp
    from cardfile.tenancy.agency_routes import blp as agencies_blp
    from cardfile.tenancy.public_routes import links_blp, pages_blp
    from cardfile.tenancy.routes import blp as workspaces_blp

    _public(api, health_blp, "health", Audience.ANYONE)
    _public(api, auth_blp, "auth", Audience.ANYONE)  # tokens/: an account's own (login)
    _public(api, me_blp, "me", Audience.ACCOUNT)
    _public(api, workspaces_blp, "workspaces", Audience.ACCOUNT)
    _public(api, agencies_blp, "agencies", Audience.ACCOUNT)
    _public(api, agency_deliverability_blp, "agencies", Audience.ACCOUNT)
    _public(api, mailbox_blp, "dev/mailbox", Audience.ACCOUNT)
    _public(api, pages_blp, "p", Audience.PUBLIC_WORKSPACE)
    _public(api, links_blp, "p/preferences", Audience.PUBLIC_WORKSPACE)
    _public(api, subscribe_blp, "public/subscribe", Audience.PUBLIC_WORKSPACE)
    _public(api, confirm_blp, "public/confirm", Audience.PUBLIC_WORKSPACE)
    _public(api, preferences_blp, "public/preferences", Audience.PUBLIC_WORKSPACE)
    _public(api, open_blp, "public/o", Audience.PUBLIC_WORKSPACE)
    _public(api, click_blp, "public/c", Audience.PUBLIC_WORKSPACE)
    _public(api, unsubscribe_blp, "public/u", Audience.PUBLIC_WORKSPACE)
    _public(api, webhook_blp, "public/bounces", Audience.ANYONE)  # a secret, no workspace
    _public(api, book_blp, "public/book", Audience.PUBLIC_WORKSPACE)
    _public(api, manage_blp, "public/bookings", Audience.PUBLIC_WORKSPACE)
    _public(api, feed_blp, "public/calendar-feeds", Audience.PUBLIC_WORKSPACE)

    _scoped(api, members_blp, "members", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, classes_blp, "contact-classes", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, fields_blp, "custom-fields", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(
        api,
        tags_blp,
        "tags",
        read=Role.VIEWER,
        write=Role.MEMBER,
        # Renaming or deleting a tag changes contacts other members see.
        rules={
            "TagDetail": {"PATCH": Role.ADMIN, "DELETE": Role.ADMIN},
            "merge_tag": {"POST": Role.ADMIN},
        },
    )
    _scoped(
        api,
        contacts_blp,
        "contacts",
        read=Role.VIEWER,
        write=Role.MEMBER,
        rules={"trash": ADMIN_ONLY},
    )
    _scoped(api, jobs_blp, "jobs", read=Role.VIEWER, write=Role.MEMBER)
    # Export is admin-only (issue 16; no per-user grant exists yet), the download link too.
    # Export, forget and merging many: admins, or members granted the power (views check).
    _scoped(api, export_blp, "contacts/export", read=Role.MEMBER, write=Role.MEMBER)
    # Merging more than two contacts at once is checked in the service (admins).
    _scoped(
        api,
        merge_blp,
        "contacts",
        read=Role.VIEWER,
        write=Role.MEMBER,
        rules={"merge_all": {"POST": Role.ADMIN}},
    )
    _scoped(api, bulk_blp, "contacts/bulk", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, notes_blp, "contacts/<int:contact_id>/notes", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, files_blp, "contacts/<int:contact_id>/files", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(
        api,
        companies_blp,
        "companies",
        read=Role.VIEWER,
        write=Role.MEMBER,
        rules={"CompanyDetail": {"DELETE": Role.ADMIN}},
    )
    _scoped(api, tasks_blp, "tasks", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(
        api, owners_blp, "contacts/<int:contact_id>/owners", read=Role.VIEWER, write=Role.MEMBER
    )
    _scoped(api, responsibles_blp, "responsibles", read=Role.VIEWER, write=Role.MEMBER)
    # Everyone arranges their own card (viewers too: a preference); the default is admins'.
    _scoped(
        api,
        card_layout_blp,
        "card-layout",
        read=Role.VIEWER,
        write=Role.VIEWER,
        rules={"DefaultCardLayout": {"GET": Role.ADMIN, "PUT": Role.ADMIN}},
    )
    # Purposes are workspace-wide settings: admins add, rename and delete them.
    _scoped(api, purposes_blp, "consent-purposes", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(
        api, consents_blp, "contacts/<int:contact_id>/consents", read=Role.VIEWER, write=Role.MEMBER
    )
    _scoped(api, transactions_blp, "contacts/<int:contact_id>", read=Role.VIEWER, write=Role.MEMBER)
    # Scoring rules and the decay are workspace-wide settings: admins write them.
    _scoped(api, rules_blp, "scoring-rules", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, settings_blp, "scoring-settings", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(
        api,
        history_blp,
        "contacts/<int:contact_id>/score-history",
        read=Role.VIEWER,
        write=Role.MEMBER,
    )
    _scoped(api, events_blp, "events", read=Role.VIEWER, write=Role.MEMBER)
    # GDPR: exporting and forgetting a person, its download link, the suppression list and the
    # audit log are admins' (tracking_disabled is a PATCH of the contact: members).
    _scoped(api, gdpr_blp, "contacts/<int:contact_id>", read=Role.MEMBER, write=Role.MEMBER)
    _scoped(api, exports_blp, "gdpr-exports", read=Role.MEMBER, write=Role.MEMBER)
    _scoped(api, suppressions_blp, "suppressions", read=Role.ADMIN, write=Role.ADMIN)
    _scoped(api, audit_blp, "audit-log", read=Role.ADMIN, write=Role.ADMIN)
    # List hygiene: members start runs; the schedule is a workspace setting (admins).
    _scoped(api, hygiene_blp, "hygiene", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, hygiene_settings_blp, "hygiene/settings", read=Role.VIEWER, write=Role.ADMIN)
    # Imports: members import; viewers see the imports and their reports.
    _scoped(api, imports_blp, "imports", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, mappings_blp, "import-mappings", read=Role.VIEWER, write=Role.MEMBER)
    # Lists: members manage lists and subscribers; only admins put a list in the trash.
    _scoped(
        api,
        lists_blp,
        "lists",
        read=Role.VIEWER,
        write=Role.MEMBER,
        rules={"ListDetail": {"DELETE": Role.ADMIN}, "restore_list": {"POST": Role.ADMIN}},
    )
    _scoped(
        api,
        contact_subscriptions_blp,
        "contacts/<int:contact_id>/subscriptions",
        read=Role.VIEWER,
        write=Role.MEMBER,
    )
    # Segments: members build them; counts and previews show only the contacts one may see.
    # Counting and previewing only read (a POST for the rules' size): viewers too.
    _scoped(
        api,
        segments_blp,
        "segments",
        read=Role.VIEWER,
        write=Role.MEMBER,
        rules={"count": {"POST": Role.VIEWER}, "preview": {"POST": Role.VIEWER}},
    )
    # Templates and campaigns: members write and send them.
    _scoped(api, templates_blp, "templates", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(api, campaigns_blp, "campaigns", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(
        api,
        messages_blp,
        "contacts/<int:contact_id>/messages",
        read=Role.VIEWER,
        write=Role.MEMBER,
    )
    # Sending domains are workspace settings: admins add, verify and remove them.
    _scoped(api, domains_blp, "sending-domains", read=Role.VIEWER, write=Role.ADMIN)
    # Only an admin lifts an automatic pause or runs the checks.
    _scoped(api, deliverability_blp, "deliverability", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, bounces_blp, "bounces", read=Role.VIEWER, write=Role.ADMIN)
    # Calendars are workspace settings (admins); members cancel and move bookings.
    _scoped(api, calendars_blp, "calendars", read=Role.VIEWER, write=Role.ADMIN)
    _scoped(api, bookings_blp, "bookings", read=Role.VIEWER, write=Role.MEMBER)
    _scoped(
        api,
        contact_bookings_blp,
        "contacts/<int:contact_id>/bookings",
        read=Role.VIEWER,
        write=Role.MEMBER,
    )
