from __future__ import annotations

from typing import Any

from flask import jsonify

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.jobs.schemas import JobAcceptedSchema
from cardfile.modules.bulk import service
from cardfile.modules.bulk.schemas import BulkInSchema, BulkReportSchema

bulk_blp = WorkspaceBlueprint("bulk", __name__, description="Bulk actions on contacts")


@bulk_blp.route("", methods=["POST"])
@bulk_blp.arguments(BulkInSchema)
@bulk_blp.response(200, BulkReportSchema)
@bulk_blp.alt_response(202, schema=JobAcceptedSchema, description="More than 500: a job")
def bulk(data: dict[str, Any]) -> Any:
    """One action on `ids` or on every contact matching `filter` (within your contact
    classes): up to 500 answer with the report, more run as a job (GET jobs/{id}: progress,
    cancel, and the same report as its result)"""
    outcome = service.run_bulk(db(), principal(), data)
    if isinstance(outcome, dict):
        return outcome
    accepted = jsonify(JobAcceptedSchema().dump({"job_id": outcome.id}))
    accepted.status_code = 202  # another shape than the 200 report: sent as it is
    return accepted
