from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.access.roles import POWERS, WORKSPACE_ROLES
from cardfile.api.fields import Color, Email, Id, Text
from cardfile.api.pagination import page_args, page_of

ClassIds = fields.List(Id(), load_default=list, validate=validate.Length(max=500))


class MemberCreateSchema(Schema):
    email = Email(required=True)
    role = fields.String(required=True, validate=validate.OneOf(WORKSPACE_ROLES))
    all_contacts = fields.Boolean(load_default=True)
    contact_class_ids = ClassIds


class MemberUpdateSchema(Schema):
    role = fields.String(validate=validate.OneOf(WORKSPACE_ROLES))
    all_contacts = fields.Boolean()
    contact_class_ids = fields.List(Id(), validate=validate.Length(max=500))
    powers = fields.List(
        fields.String(validate=validate.OneOf(tuple(POWERS))),
        validate=validate.Length(max=len(POWERS)),
        metadata={"description": "Admin powers for a member: " + ", ".join(POWERS)},
    )


class MemberSchema(Schema):
    user_id = fields.Integer(required=True)
    email = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(WORKSPACE_ROLES))
    all_contacts = fields.Boolean(required=True)
    contact_class_ids = fields.List(fields.Integer(), required=True)
    powers = fields.List(fields.String(), required=True)
    status = fields.String(required=True, validate=validate.OneOf(["active", "invited"]))
    via_agency = fields.Boolean(
        required=True, metadata={"description": "Admin here as an agency owner or admin"}
    )
    invitation_failed = fields.Boolean(
        required=True, metadata={"description": "The invitation email could not be sent"}
    )


class ContactClassInSchema(Schema):
    name = Text(max_length=100, min_length=1, required=True, label="a class name")
    color = Color(load_default="gray")


class ContactClassPatchSchema(Schema):
    name = Text(max_length=100, min_length=1, label="a class name")
    color = Color()


class ContactClassSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    color = fields.String(required=True)
    contact_count = fields.Integer(required=True)


MemberListArgs = page_args("email", "name", "role", "created_at", name="MemberListArgs")
ClassListArgs = page_args("name", "created_at", name="ClassListArgs")
MemberPageSchema = page_of(MemberSchema)
ContactClassPageSchema = page_of(ContactClassSchema)
