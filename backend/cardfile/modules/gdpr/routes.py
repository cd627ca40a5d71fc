from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView

from cardfile.access.principal import require_power
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.uploads import send_stored
from cardfile.errors import Gone, NotFound
from cardfile.files.storage import get_storage
from cardfile.jobs.schemas import JobAcceptedSchema
from cardfile.modules.gdpr import service
from cardfile.modules.gdpr.links import link_expired, read_link
from cardfile.modules.gdpr.schemas import (
    AuditListArgs,
    AuditPageSchema,
    ForgottenSchema,
    SuppressionCheckedSchema,
    SuppressionCheckSchema,
    SuppressionListArgs,
    SuppressionPageSchema,
)

gdpr_blp = WorkspaceBlueprint("gdpr", __name__, description="GDPR: export and forget a person")
exports_blp = WorkspaceBlueprint(
    "gdpr_exports", __name__, description="Download a person's export (signed, expiring link)"
)
suppressions_blp = WorkspaceBlueprint(
    "suppressions", __name__, description="Addresses never imported or mailed again (hashed)"
)
audit_blp = WorkspaceBlueprint("audit_log", __name__, description="The workspace's audit log")


@gdpr_blp.route("/gdpr-export", methods=["POST"])
@gdpr_blp.response(202, JobAcceptedSchema)
def gdpr_export(contact_id: int) -> Any:
    """Export everything about the contact (admins): a job builds a zip of its columns, every
    related row (JSON) and its files; the finished job's result names `download_url`, a
    signed link that expires after 24 hours (and asks for an admin's login too)"""
    return {"job_id": service.start_export(db(), principal(), contact_id).id}


@gdpr_blp.route("/forget", methods=["POST"])
@gdpr_blp.response(200, ForgottenSchema)
def forget(contact_id: int) -> Any:
    """Forget the person (admins; cannot be undone): every related row and file is erased,
    then the contact; its totals are kept anonymously in the audit log and a keyed hash of
    its email goes on the suppression list, so the address is never added again"""
    return service.forget_contact(db(), principal(), contact_id)


DOWNLOAD = {"type": "string", "format": "binary"}


@exports_blp.route("/<token>")
class ExportDownload(MethodView):
    @exports_blp.response(
        200, DOWNLOAD, content_type="application/zip", description="The export's zip"
    )
    def get(self, token: str) -> Response:
        """Download an export (the link from the finished job; admins of the workspace)"""
        require_power(principal(), "export")
        payload = read_link(token, principal().workspace_id)
        if payload is None:
            if link_expired(token):
                raise Gone("This download link has expired; export the contact again.")
            raise NotFound("Export")
        record = service.finished_export(db(), str(payload.get("job")))
        key = service.export_key(principal().workspace_id, record.id)
        if not get_storage().exists(key):
            raise Gone("This export is no longer kept; export the contact again.")
        filename = (record.result or {}).get("filename") or "export.zip"
        return send_stored(key, filename, "application/zip")


@suppressions_blp.route("")
class Suppressions(MethodView):
    @suppressions_blp.arguments(SuppressionListArgs, location="query")
    @suppressions_blp.response(200, SuppressionPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """The suppression list: hashes and reasons, never addresses (admins)"""
        return service.list_suppressions(db(), args)


@suppressions_blp.route("/check", methods=["POST"])
@suppressions_blp.arguments(SuppressionCheckSchema)
@suppressions_blp.response(200, SuppressionCheckedSchema)
def check_suppression(data: dict[str, Any]) -> Any:
    """Is this address on the suppression list, and why (admins)"""
    return service.check_suppression(db(), data["email"])


@audit_blp.route("")
class AuditLog(MethodView):
    @audit_blp.arguments(AuditListArgs, location="query")
    @audit_blp.response(200, AuditPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Privacy actions (exports, erasures, tracking changes), newest first (admins); no
        personal data: a contact is named by its id"""
        return service.list_audit(db(), args)
