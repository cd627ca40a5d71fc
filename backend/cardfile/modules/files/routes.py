from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from werkzeug.exceptions import RequestEntityTooLarge

from cardfile import config
from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.api.uploads import Upload, receive_upload, send_stored, upload_limit
from cardfile.errors import Invalid, NotFound
from cardfile.files.storage import TooLarge, get_storage
from cardfile.modules.files import service
from cardfile.modules.files.schemas import (
    DOWNLOAD,
    UPLOAD_BODY,
    ContactFileListArgs,
    ContactFileListSchema,
    ContactFileSchema,
)

files_blp = WorkspaceBlueprint("contact_files", __name__, description="Files on a contact")

# The request body is the file plus its multipart framing; the file itself is held to the
# exact limit while it streams into storage.
MULTIPART_SLACK = 64 * 1024


def _limit() -> int:
    return config.current().files_max_bytes


def _receive(workspace_id: int) -> Upload:
    limit = _limit()
    try:
        return receive_upload(workspace_id, "contact_files", limit)
    except (TooLarge, RequestEntityTooLarge) as error:
        raise Invalid.field("file", service.too_large_message(limit)) from error


@files_blp.route("")
class ContactFiles(MethodView):
    @files_blp.arguments(ContactFileListArgs, location="query")
    @files_blp.response(200, ContactFileListSchema)
    def get(self, args: dict[str, Any], contact_id: int) -> Any:
        """The contact's files, newest first, and the size limit for uploads"""
        page = service.list_files(db(), principal(), contact_id, args)
        return {**vars(page), "max_bytes": _limit()}

    @upload_limit(lambda: _limit() + MULTIPART_SLACK)
    @files_blp.doc(requestBody=UPLOAD_BODY)
    @files_blp.response(201, ContactFileSchema)
    @files_blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, contact_id: int) -> Any:
        """Upload a file (multipart field `file`), streamed into storage

        The type is read from the content: a type that is not allowed, a name that disguises
        it (an .exe renamed .pdf) or a file over the size limit is a 422 on `file`.
        """
        upload = _receive(principal().workspace_id)
        try:
            return service.add_file(
                db(),
                principal(),
                contact_id,
                upload.stored,
                upload.filename,
                upload.content_type,
            )
        except BaseException:
            get_storage().delete(upload.stored.key)  # refused: keep no bytes of it
            raise


@files_blp.route("/<int:file_id>")
class ContactFileDetail(MethodView):
    @files_blp.response(
        200,
        DOWNLOAD,
        content_type="application/octet-stream",
        description="The file as an attachment, with its sniffed content type",
    )
    def get(self, contact_id: int, file_id: int) -> Response:
        """Download the file (streamed)"""
        row = service.get_file(db(), principal(), contact_id, file_id)
        if not get_storage().exists(row.storage_key):
            raise NotFound("File")
        return send_stored(row.storage_key, row.name, row.content_type)

    @files_blp.response(204)
    def delete(self, contact_id: int, file_id: int) -> None:
        """Delete the file (its stored bytes go once the deletion is committed)"""
        service.delete_file(db(), principal(), contact_id, file_id)
