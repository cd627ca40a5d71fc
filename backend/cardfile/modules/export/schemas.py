from __future__ import annotations

from marshmallow import Schema, fields, validate

from cardfile.modules.contacts.schemas import SelectionSchema

MAX_COLUMNS = 250


class ExportInSchema(SelectionSchema):
    """{ids} or {filter} (as for bulk actions), the columns in order, and a BOM for Excel."""

    columns = fields.List(
        fields.String(validate=validate.Length(min=1, max=80)),
        validate=validate.Length(
            min=1, max=MAX_COLUMNS, error=f"Choose 1 to {MAX_COLUMNS} columns."
        ),
        metadata={
            "description": "Standard columns (GET contacts/export/columns) and custom fields "
            "as custom.<key>; default: a sensible set"
        },
    )
    bom = fields.Boolean(
        load_default=False,
        metadata={"description": "Start the file with a UTF-8 byte order mark (for Excel)"},
    )


class ExportColumnSchema(Schema):
    key = fields.String(required=True, metadata={"description": "email, custom.budget, ..."})
    label = fields.String(required=True)
    custom = fields.Boolean(required=True)


class ExportColumnsSchema(Schema):
    items = fields.List(fields.Nested(ExportColumnSchema), required=True)
    default = fields.List(fields.String(), required=True)
