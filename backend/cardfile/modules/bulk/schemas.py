from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate

from cardfile.api.fields import Id
from cardfile.modules.contacts.schemas import SelectionSchema, aware_datetime, tag_name


class AddTagParams(Schema):
    tag = tag_name(required=True)
    expires_at = aware_datetime("When the tag comes off by itself", allow_none=True)


class TagParams(Schema):
    tag = tag_name(required=True)


class OwnersParams(Schema):
    user_ids = fields.List(Id(), required=True, validate=validate.Length(max=50))
    mode = fields.String(load_default="add", validate=validate.OneOf(("add", "remove", "replace")))


class ClassParams(Schema):
    contact_class_id = Id(required=True)


class FieldParams(Schema):
    key = fields.String(required=True, validate=validate.Length(min=1, max=64))
    value = fields.Raw(required=True, allow_none=True)


class NoParams(Schema):
    pass


PARAMS: dict[str, type[Schema]] = {
    "add_tag": AddTagParams,
    "remove_tag": TagParams,
    "set_owners": OwnersParams,
    "set_class": ClassParams,
    "set_field": FieldParams,
    "delete": NoParams,
    "restore": NoParams,
    "suppress": NoParams,
}


class BulkInSchema(SelectionSchema):
    action = fields.String(required=True, validate=validate.OneOf(tuple(PARAMS)))
    params = fields.Dict(
        load_default=dict,
        metadata={
            "description": "add_tag {tag, expires_at?} · remove_tag {tag} · set_owners "
            "{user_ids, mode: add|remove|replace} · set_class {contact_class_id} · "
            "set_field {key, value} · delete {} · restore {} · suppress {} (addresses on the "
            "suppression list, email status suppressed)"
        },
    )

    @post_load
    def _params(self, data: dict[str, Any], **_: object) -> dict[str, Any]:
        try:
            data["params"] = PARAMS[data["action"]]().load(data.get("params") or {})
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {}
            raise ValidationError({f"params.{k}": v for k, v in messages.items()}) from error
        expires = data["params"].get("expires_at")
        if expires is not None and expires <= datetime.now(UTC):
            raise ValidationError(
                {"params.expires_at": ["Choose a time in the future for the tag to expire."]}
            )
        return data


class BulkReportSchema(Schema):
    action = fields.String(required=True)
    total = fields.Integer(required=True, metadata={"description": "Contacts asked for"})
    changed = fields.Integer(required=True)
    unchanged = fields.Integer(required=True, metadata={"description": "Already in that state"})
    skipped = fields.Integer(
        required=True, metadata={"description": "Not (or no longer) visible to you, or gone"}
    )
    conflicts = fields.Integer(
        required=True, metadata={"description": "Restore only: a live contact has the email"}
    )
