from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.notes import service
from cardfile.modules.notes.schemas import (
    NoteInSchema,
    NoteListArgs,
    NotePageSchema,
    NotePatchSchema,
    NoteSchema,
)

notes_blp = WorkspaceBlueprint("notes", __name__, description="Notes on a contact")


@notes_blp.route("")
class Notes(MethodView):
    @notes_blp.arguments(NoteListArgs, location="query")
    @notes_blp.response(200, NotePageSchema)
    def get(self, args: dict[str, Any], contact_id: int) -> Any:
        """The contact's notes: pinned first, then the newest"""
        return service.list_notes(db(), principal(), contact_id, args)

    @notes_blp.arguments(NoteInSchema)
    @notes_blp.response(201, NoteSchema)
    def post(self, data: dict[str, Any], contact_id: int) -> Any:
        """Add a note (HTML is sanitised: scripts, styles and handlers are removed)"""
        return service.create_note(db(), principal(), contact_id, data)


@notes_blp.route("/<int:note_id>")
class NoteDetail(MethodView):
    @notes_blp.response(200, NoteSchema)
    def get(self, contact_id: int, note_id: int) -> Any:
        return service.get_note(db(), principal(), contact_id, note_id)

    @notes_blp.arguments(NotePatchSchema)
    @notes_blp.response(200, NoteSchema)
    def patch(self, data: dict[str, Any], contact_id: int, note_id: int) -> Any:
        """Edit the text, or pin and unpin"""
        return service.update_note(db(), principal(), contact_id, note_id, data)

    @notes_blp.response(204)
    def delete(self, contact_id: int, note_id: int) -> None:
        service.delete_note(db(), principal(), contact_id, note_id)
