from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.jobs.schemas import JobAcceptedSchema
from cardfile.modules.contacts.schemas import ContactSchema
from cardfile.modules.merge import duplicates, jobs, service
from cardfile.modules.merge.duplicates import REASONS
from cardfile.modules.merge.schemas import DuplicateArgs, DuplicatePageSchema, MergeInSchema

merge_blp = WorkspaceBlueprint("merge", __name__, description="Merge contacts and find duplicates")


class MergeAllSchema(Schema):
    reason = fields.String(
        load_default=None,
        validate=validate.OneOf(REASONS, error=f"Choose one of: {', '.join(REASONS)}."),
        metadata={"description": "Only the groups found for this reason (default: all)"},
    )


@merge_blp.route("/merge", methods=["POST"])
@merge_blp.arguments(MergeInSchema)
@merge_blp.response(200, ContactSchema)
def merge(data: dict[str, Any]) -> Any:
    """Merge contacts into `survivor_id`; the others are deleted (more than 2: admins)"""
    return service.merge_contacts(db(), principal(), data)


@merge_blp.route("/duplicates")
@merge_blp.arguments(DuplicateArgs, location="query")
@merge_blp.response(200, DuplicatePageSchema)
def duplicate_groups(args: dict[str, Any]) -> Any:
    """Likely duplicates among the contacts I may see: same email, phone, or name at a company"""
    return duplicates.list_duplicates(db(), principal(), args)


@merge_blp.route("/duplicates/merge-all", methods=["POST"])
@merge_blp.arguments(MergeAllSchema)
@merge_blp.response(202, JobAcceptedSchema)
def merge_all(data: dict[str, Any]) -> Any:
    """Merge every duplicate group into its newest contact, as a job (admins)"""
    return {"job_id": jobs.start_merge_all(db(), principal(), data.get("reason")).id}
