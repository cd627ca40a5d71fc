from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from cardfile.api.pagination import page_args, page_of

STATUSES = ["queued", "started", "finished", "failed", "cancelled"]


class JobSchema(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "For programs: bulk_add_tag"})
    label = fields.String(required=True, metadata={"description": "For people: Add tag “VIP”"})
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    cancel_requested = fields.Function(
        lambda job: job.cancel_requested_at is not None, metadata={"type": "boolean"}
    )
    done = fields.Integer(required=True)
    total = fields.Integer(allow_none=True)
    progress = fields.Method("get_progress", metadata={"type": "number"})
    result = fields.Dict(allow_none=True)
    report = fields.Method(
        "get_report",
        metadata={
            "type": "object",
            "nullable": True,
            "description": "The finished job's report (its result); null until it finishes",
        },
    )
    error = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)

    def get_report(self, job: Any) -> dict[str, Any] | None:
        return job.result if job.status == "finished" else None

    def get_progress(self, job: Any) -> float:
        if job.status == "finished":
            return 1.0
        if not job.total:
            return 0.0
        return round(min(job.done / job.total, 1.0), 4)


class JobAcceptedSchema(Schema):
    job_id = fields.String(required=True)


class JobListArgs(page_args("created_at", name="JobListArgsBase")):  # type: ignore[misc]
    status = fields.String(validate=validate.OneOf(STATUSES))


JobPageSchema = page_of(JobSchema)
