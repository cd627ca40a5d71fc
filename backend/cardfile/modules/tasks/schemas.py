from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.api.fields import Id, Text
from cardfile.api.pagination import PageArgs, page_of
from cardfile.modules.contacts.schemas import aware_datetime

STATUSES = ("open", "overdue", "done")


def _title(**kwargs: object) -> Text:
    return Text(max_length=300, min_length=1, label="a title", **kwargs)


def _due_at(**kwargs: object) -> fields.AwareDateTime:
    return aware_datetime("When it is due; empty: no due date", allow_none=True, **kwargs)


class TaskInSchema(Schema):
    contact_id = Id(required=True)
    title = _title(required=True)
    due_at = _due_at(load_default=None)
    assignee_id = Id(
        allow_none=True,
        metadata={"description": "A member of the workspace; omitted: you, null: nobody"},
    )


class TaskPatchSchema(Schema):
    title = _title()
    due_at = _due_at()
    assignee_id = Id(allow_none=True, metadata={"description": "A member; null: nobody"})
    done = fields.Boolean(metadata={"description": "true: done now; false: open again"})


class TaskListArgs(PageArgs):
    """Default order: by due date (none last); done tasks the latest done first."""

    sortable = ("due_at", "done_at", "created_at")
    assignee = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^(me|[1-9][0-9]{0,18})$", error="Use me or a member's user id."),
        metadata={"description": "me, or a user id; omitted: anyone's tasks"},
    )
    status = fields.String(
        load_default=None,
        validate=validate.OneOf(STATUSES, error="Use open, overdue or done."),
        metadata={"description": "open (not done), overdue (open and past due) or done"},
    )
    contact_id = Id(strict=False, load_default=None)


class TaskSchema(Schema):
    id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True)
    contact_name = fields.String(required=True, metadata={"description": "For the link back"})
    title = fields.String(required=True)
    due_at = fields.DateTime(allow_none=True, required=True)
    assignee_id = fields.Integer(allow_none=True, required=True)
    assignee_name = fields.String(allow_none=True, required=True)
    done = fields.Boolean(required=True)
    done_at = fields.DateTime(allow_none=True, required=True)
    overdue = fields.Boolean(required=True, metadata={"description": "Open and past its due"})
    created_by_user_id = fields.Integer(allow_none=True, required=True)
    actor_kind = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


TaskPageSchema = page_of(TaskSchema)
