from __future__ import annotations

from typing import Any

from flask import Response

from cardfile.access.principal import require_power
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.uploads import send_stored
from cardfile.errors import Gone
from cardfile.files.storage import get_storage
from cardfile.jobs.schemas import JobAcceptedSchema
from cardfile.modules.export import jobs, service
from cardfile.modules.export.schemas import ExportColumnsSchema, ExportInSchema

# Mounted at contacts/export, admin-only (api/registry.py).
export_blp = WorkspaceBlueprint("contacts_export", __name__, description="CSV export of contacts")


@export_blp.route("", methods=["POST"])
@export_blp.arguments(ExportInSchema)
@export_blp.response(202, JobAcceptedSchema)
@export_blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
def export_contacts(data: dict[str, Any]) -> Any:
    """Export `ids` or every contact matching `filter` (within your contact classes) to CSV,
    as a job; its result names `download_url`, a signed link valid for 24 hours

    UTF-8 (with a BOM for Excel if `bom`); text cells starting with = + - @, a tab or a
    carriage return get a leading ' so spreadsheets do not run them as formulas.
    """
    return {"job_id": jobs.start_export(db(), principal(), data).id}


@export_blp.route("/columns")
@export_blp.response(200, ExportColumnsSchema)
def export_columns() -> Any:
    """The columns an export may have (standard, then custom fields) and the default set"""
    require_power(principal(), "export")
    return service.available_columns(db())


@export_blp.route("/download/<string:token>")
@export_blp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type="text/csv",
    description="The CSV as an attachment",
)
def download_export(token: str) -> Response:
    """Download a finished export: needs the signed link (24 hours) and an admin of the
    workspace the link was made in; 410 once it has expired"""
    require_power(principal(), "export")
    found = service.read_token(principal().workspace_id, token)
    if not get_storage().exists(found.key):
        raise Gone("This export has been deleted. Export the contacts again.")
    return send_stored(found.key, found.filename, "text/csv; charset=utf-8")
