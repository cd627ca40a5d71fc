from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate

from cardfile.api.pagination import page_args, page_of
from cardfile.modules.contacts.models import EMAIL_STATUSES
from cardfile.modules.contacts.schemas import SelectionSchema
from cardfile.modules.hygiene.models import DUPLICATE_KINDS, SCHEDULES, TRIGGERS

RUN_STATUSES = ("queued", "running", "finished", "failed", "cancelled")
STATUS_CHOICE = "Choose valid, risky, invalid, suppressed or unverified."


class HygieneRunInSchema(Schema):
    scope = fields.Raw(
        load_default="workspace",
        metadata={
            "description": '"workspace" (or "all"; the default): every contact you may see; '
            "or a selection {ids: [...]} | {filter: {q, tag, contact_class_id, email_status}}",
        },
    )

    @post_load
    def _scope(self, data: dict[str, Any], **_: object) -> dict[str, Any]:
        scope = data.get("scope")
        if scope in ("workspace", "all", None):
            data["scope"] = {"workspace": True}
        elif isinstance(scope, dict):
            try:
                data["scope"] = SelectionSchema().load(scope)
            except ValidationError as error:
                messages = error.messages if isinstance(error.messages, dict) else {}
                raise ValidationError(
                    {f"scope.{k}": v for k, v in messages.items()} or {"scope": ["Invalid."]}
                ) from error
        else:
            raise ValidationError(
                {"scope": ['Send "workspace", or a selection: {"ids": [...]} or {"filter": {}}.']}
            )
        return data


class HygieneRunAcceptedSchema(Schema):
    job_id = fields.String(required=True)
    run_id = fields.Integer(required=True)


class HygieneRunSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(RUN_STATUSES))
    error = fields.String(allow_none=True)
    scope = fields.String(
        attribute="scope_kind", required=True, metadata={"description": "workspace or selection"}
    )
    trigger = fields.String(required=True, validate=validate.OneOf(TRIGGERS))
    job_id = fields.String(allow_none=True)
    total = fields.Integer(allow_none=True, metadata={"description": "Contacts with an address"})
    checked = fields.Integer(required=True)
    changed = fields.Integer(required=True, metadata={"description": "Status or reason changed"})
    by_status = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Contacts checked per email status"},
    )
    by_reason = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={
            "description": "Per reason code: invalid_syntax, no_mx, disposable, "
            "suppressed, forgotten, fake, role, typo, unverified"
        },
    )
    created_by = fields.Integer(allow_none=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)


class HygieneChangeSchema(Schema):
    id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True)
    email = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    old_status = fields.String(required=True)
    new_status = fields.String(required=True)
    reason_code = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)


class TransitionSchema(Schema):
    old_status = fields.String(required=True)
    new_status = fields.String(required=True)
    count = fields.Integer(required=True)


class DuplicateContactSchema(Schema):
    id = fields.Integer(required=True)
    email = fields.String(allow_none=True)
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)


class HygieneDuplicateSchema(Schema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(DUPLICATE_KINDS),
        metadata={"description": "duplicate (same address) or possible_duplicate (Gmail)"},
    )
    key = fields.String(required=True, metadata={"description": "The address they share"})
    size = fields.Integer(required=True)
    contacts = fields.List(fields.Nested(DuplicateContactSchema), required=True)


class HygieneRunDetailSchema(HygieneRunSchema):
    changes = fields.List(
        fields.Nested(HygieneChangeSchema),
        required=True,
        metadata={"description": "The first 100 changes (all: runs/{id}/changes)"},
    )
    changes_total = fields.Integer(required=True)
    transitions = fields.List(fields.Nested(TransitionSchema), required=True)
    duplicates = fields.List(fields.Nested(HygieneDuplicateSchema), required=True)


class HygieneRunListArgs(page_args("created_at", name="HygieneRunListArgsBase")):  # type: ignore[misc]
    pass


class HygieneChangeArgs(page_args("id", name="HygieneChangeArgsBase")):  # type: ignore[misc]
    status = fields.String(
        validate=validate.OneOf(EMAIL_STATUSES, error=STATUS_CHOICE),
        metadata={"description": "Only changes to this status"},
    )


class HygieneSettingsSchema(Schema):
    schedule = fields.String(
        required=True,
        validate=validate.OneOf(SCHEDULES, error="Choose off, daily, weekly or monthly."),
    )
    last_scheduled_at = fields.DateTime(dump_only=True, allow_none=True)


HygieneRunPageSchema = page_of(HygieneRunSchema)
HygieneChangePageSchema = page_of(HygieneChangeSchema)
