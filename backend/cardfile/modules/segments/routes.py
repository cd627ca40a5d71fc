from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.segments import service
from cardfile.modules.segments.schemas import (
    CountSchema,
    PreviewArgs,
    PreviewPageSchema,
    RulesSchema,
    SegmentInSchema,
    SegmentListArgs,
    SegmentPageSchema,
    SegmentPatchSchema,
    SegmentSchema,
)

segments_blp = WorkspaceBlueprint("segments", __name__, description="Segments of contacts")


@segments_blp.route("")
class Segments(MethodView):
    @segments_blp.arguments(SegmentListArgs, location="query")
    @segments_blp.response(200, SegmentPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_segments(db(), args)

    @segments_blp.arguments(SegmentInSchema)
    @segments_blp.response(201, SegmentSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Save rules under a name (422 naming an unknown field or op)"""
        return service.create_segment(db(), principal(), data)


@segments_blp.route("/<int:segment_id>")
class SegmentDetail(MethodView):
    @segments_blp.response(200, SegmentSchema)
    def get(self, segment_id: int) -> Any:
        return service.get_segment(db(), segment_id)

    @segments_blp.arguments(SegmentPatchSchema)
    @segments_blp.response(200, SegmentSchema)
    def patch(self, data: dict[str, Any], segment_id: int) -> Any:
        return service.update_segment(db(), segment_id, data)

    @segments_blp.response(204)
    def delete(self, segment_id: int) -> None:
        """To the trash (POST …/restore brings it back)"""
        service.delete_segment(db(), segment_id)


@segments_blp.route("/<int:segment_id>/restore", methods=["POST"])
@segments_blp.response(200, SegmentSchema)
def restore_segment(segment_id: int) -> Any:
    return service.restore_segment(db(), segment_id)


@segments_blp.route("/count", methods=["POST"])
@segments_blp.arguments(RulesSchema)
@segments_blp.response(200, CountSchema)
def count(data: dict[str, Any]) -> Any:
    """How many contacts you may see match these rules (the live count while editing)"""
    return service.count(db(), principal(), data["rules"])


@segments_blp.route("/preview", methods=["POST"])
@segments_blp.arguments(RulesSchema)
@segments_blp.arguments(PreviewArgs, location="query")
@segments_blp.response(200, PreviewPageSchema)
def preview(data: dict[str, Any], args: dict[str, Any]) -> Any:
    """A page of the contacts you may see that match these rules"""
    return service.preview(db(), principal(), data["rules"], args)
