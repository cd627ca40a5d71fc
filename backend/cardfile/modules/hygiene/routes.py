from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.hygiene import service
from cardfile.modules.hygiene.schemas import (
    HygieneChangeArgs,
    HygieneChangePageSchema,
    HygieneRunAcceptedSchema,
    HygieneRunDetailSchema,
    HygieneRunInSchema,
    HygieneRunListArgs,
    HygieneRunPageSchema,
    HygieneSettingsSchema,
)

hygiene_blp = WorkspaceBlueprint(
    "hygiene", __name__, description="List hygiene: re-check addresses, find duplicates"
)
hygiene_settings_blp = WorkspaceBlueprint(
    "hygiene_settings", __name__, description="List hygiene schedule (admins write)"
)


@hygiene_blp.route("/runs")
class HygieneRuns(MethodView):
    @hygiene_blp.arguments(HygieneRunListArgs, location="query")
    @hygiene_blp.response(200, HygieneRunPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Hygiene runs, newest first"""
        return service.list_runs(db(), args)

    @hygiene_blp.arguments(HygieneRunInSchema)
    @hygiene_blp.response(202, HygieneRunAcceptedSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Re-check the addresses of the workspace (or a selection) as a job on `hygiene`"""
        run, record = service.start_run(db(), principal(), data["scope"])
        return {"job_id": record.id, "run_id": run.id}


@hygiene_blp.route("/runs/<int:run_id>")
class HygieneRunDetail(MethodView):
    @hygiene_blp.response(200, HygieneRunDetailSchema)
    def get(self, run_id: int) -> Any:
        """A run: status, counts, the first changes, transitions and duplicate groups"""
        return service.get_run(db(), principal(), run_id)


@hygiene_blp.route("/runs/<int:run_id>/changes")
class HygieneRunChanges(MethodView):
    @hygiene_blp.arguments(HygieneChangeArgs, location="query")
    @hygiene_blp.response(200, HygieneChangePageSchema)
    def get(self, args: dict[str, Any], run_id: int) -> Any:
        """Contacts whose email status or reason the run changed (those you may see)"""
        return service.list_changes(db(), principal(), run_id, args)


@hygiene_settings_blp.route("")
class HygieneSettings(MethodView):
    @hygiene_settings_blp.response(200, HygieneSettingsSchema)
    def get(self) -> Any:
        """The schedule of automatic runs (default weekly)"""
        return service.get_settings(db())

    @hygiene_settings_blp.arguments(HygieneSettingsSchema)
    @hygiene_settings_blp.response(200, HygieneSettingsSchema)
    def put(self, data: dict[str, Any]) -> Any:
        """Set the schedule: off, daily, weekly or monthly (admins)"""
        return service.put_settings(db(), data)
