from __future__ import annotations

from marshmallow import Schema, fields

from cardfile.api.pagination import page_args, page_of
from cardfile.api.uploads import upload_body


class ContactFileSchema(Schema):
    id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "The uploaded name, sanitised"})
    content_type = fields.String(
        required=True, metadata={"description": "Sniffed from the content, not from the name"}
    )
    size = fields.Integer(required=True, metadata={"description": "Bytes"})
    sha256 = fields.String(allow_none=True)
    uploaded_by_user_id = fields.Integer(allow_none=True)
    uploaded_by_name = fields.String(
        allow_none=True, metadata={"description": "Who uploaded it: “Ann”, “Ann via API”"}
    )
    actor_kind = fields.String(required=True)
    created_at = fields.DateTime(required=True)


ContactFileListArgs = page_args("created_at", "name", "size", name="ContactFileListArgs")


class ContactFileListSchema(page_of(ContactFileSchema)):  # type: ignore[misc]
    max_bytes = fields.Integer(
        required=True,
        metadata={"description": "The largest file an upload may be (FILES_MAX_BYTES)"},
    )


# The upload is read by api/uploads.receive_upload (streamed), not by a schema: documented here.
UPLOAD_BODY = upload_body(
    "The file (PDF, images, Office documents, text, CSV, ZIP; the type is read from the "
    "content). At most FILES_MAX_BYTES (25 MB by default)."
)
DOWNLOAD = {"type": "string", "format": "binary"}
