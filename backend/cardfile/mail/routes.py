from __future__ import annotations

from typing import Any

from flask_login import current_user
from marshmallow import Schema, fields

from cardfile import config
from cardfile.api.blueprint import ApiBlueprint
from cardfile.api.context import current_user_id
from cardfile.api.pagination import page_args, page_of
from cardfile.errors import NotFound
from cardfile.mail.mailbox import list_messages

blp = ApiBlueprint("dev_mailbox", __name__, description="Local mail catcher (development only)")


class CaughtMailSchema(Schema):
    id = fields.String(required=True)
    to = fields.String(required=True)
    subject = fields.String(required=True)
    date = fields.DateTime(allow_none=True)
    text = fields.String(required=True)


@blp.route("", methods=["GET"])
@blp.arguments(page_args("date", name="MailboxArgs"), location="query")
@blp.response(200, page_of(CaughtMailSchema))
def mailbox(args: dict[str, Any]) -> Any:
    """Messages the local mail catcher received for me, newest first (404 when mail really
    leaves)"""
    current_user_id()
    folder = config.current().mailbox_dir
    if folder is None:
        raise NotFound("Local mailbox")
    folder.mkdir(parents=True, exist_ok=True)
    return list_messages(folder, args, reader_email=current_user.email)
