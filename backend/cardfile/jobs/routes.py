from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.jobs import service
from cardfile.jobs.schemas import JobListArgs, JobPageSchema, JobSchema

blp = WorkspaceBlueprint("jobs", __name__, description="Background jobs and their progress")


@blp.route("")
class Jobs(MethodView):
    @blp.arguments(JobListArgs, location="query")
    @blp.response(200, JobPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Recent jobs of this workspace, newest first"""
        return service.list_jobs(db(), principal(), args)


@blp.route("/<uuid:job_id>")
class JobDetail(MethodView):
    @blp.response(200, JobSchema)
    def get(self, job_id: UUID) -> Any:
        """A job's status, progress (0..1) and result"""
        return service.get_job(db(), principal(), str(job_id))


@blp.route("/<uuid:job_id>/cancel", methods=["POST"])
@blp.response(202, JobSchema)
def cancel_job(job_id: UUID) -> Any:
    """Cancel a job: a queued one at once, a running one at its next batch (done work stays)"""
    return service.cancel_job(db(), principal(), str(job_id))
