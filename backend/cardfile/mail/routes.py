from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from cardfile import config
from cardfile.api.context import current_user_id
from cardfile.errors import NotFound
from cardfile.mail.mailbox import list_messages

blp = Blueprint("dev_mailbox", __name__, description="Local mail catcher (development only)")


class CaughtMailSchema(Schema):
    id = fields.String(required=True)
    to = fields.String(required=True)
    subject = fields.String(required=True)
    date = fields.DateTime(allow_none=True)
    text = fields.String(required=True)


class MailboxSchema(Schema):
    items = fields.List(fields.Nested(CaughtMailSchema), required=True)


@blp.route("", methods=["GET"])
@blp.response(200, MailboxSchema)
def mailbox() -> Any:
    """The 50 newest messages the local mail catcher received (404 when mail really leaves)"""
    current_user_id()
    folder = config.current().mailbox_dir
    if folder is None:
        raise NotFound("Local mailbox")
    return {"items": list_messages(folder) if folder.is_dir() else []}
