from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_load, validate

from cardfile.api.pagination import page_args, page_of
from cardfile.modules.imports.parsing import DELIMITERS, ENCODINGS
from cardfile.modules.imports.service import EXISTING, SOURCES

IMPORT_STATUSES = ("draft", "queued", "running", "finished", "failed", "cancelled")
MAPPING_DESCRIPTION = (
    "{column name: target}; a target is email, first_name, last_name, phone, company, "
    "job_title, time_zone, tags, skip, custom:<key> (an existing custom field) or "
    "new:<label> (a text custom field created when the import starts)"
)


class DetectedSchema(Schema):
    encoding = fields.String(required=True)
    delimiter = fields.String(required=True)
    header = fields.Boolean(required=True)


class OptionsSchema(Schema):
    """A PATCH changes the options it names; the others stay."""

    existing = fields.String(
        validate=validate.OneOf(EXISTING, error="Choose skip, fill_empty or overwrite."),
        metadata={"description": "Contacts already here: skip, fill empty fields, overwrite"},
    )
    tags = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        validate=validate.Length(max=20, error="At most 20 tags."),
    )
    contact_class_id = fields.Integer(
        allow_none=True, metadata={"description": "The class of new contacts (null: General)"}
    )


class QuestionnaireSchema(Schema):
    source = fields.String(
        required=True,
        validate=validate.OneOf(SOURCES, error=f"Choose one of: {', '.join(SOURCES)}."),
    )
    consent_collected = fields.String(
        required=True,
        validate=validate.Length(
            min=3, max=2000, error="Say when and how these people agreed (3 to 2,000 characters)."
        ),
        metadata={"description": "When and how consent was collected"},
    )


class ProgressSchema(Schema):
    done = fields.Integer(required=True)
    total = fields.Integer(allow_none=True)
    rows_per_second = fields.Float(allow_none=True)
    seconds_left = fields.Integer(allow_none=True)


class ImportSchema(Schema):
    id = fields.Integer(required=True)
    filename = fields.String(required=True)
    size = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(IMPORT_STATUSES))
    error = fields.String(allow_none=True)
    cancel_requested = fields.Boolean(
        required=True, metadata={"description": "Cancelled; stops after the current batch"}
    )
    detected = fields.Nested(DetectedSchema, required=True, metadata={"description": "As read"})
    encoding = fields.String(required=True, metadata={"description": "As chosen"})
    delimiter = fields.String(required=True)
    header = fields.Boolean(required=True)
    columns = fields.List(fields.String(), required=True)
    preview = fields.List(fields.List(fields.String()), required=True)
    suggested_mapping = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": MAPPING_DESCRIPTION},
    )
    options = fields.Dict(required=True)
    questionnaire = fields.Dict(allow_none=True)
    job_id = fields.String(allow_none=True)
    total_rows = fields.Integer(allow_none=True)
    progress = fields.Nested(ProgressSchema, required=True)
    counts = fields.Dict(required=True)
    created_by = fields.Integer(allow_none=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)


class ImportPageSchema(page_of(ImportSchema)):  # type: ignore[misc]
    pass


class ImportListArgs(page_args("created_at", "filename", name="ImportListArgsBase")):  # type: ignore[misc]
    pass


class ImportPatchSchema(Schema):
    encoding = fields.String(
        validate=validate.OneOf(tuple(ENCODINGS), error=f"Choose one of: {', '.join(ENCODINGS)}.")
    )
    delimiter = fields.String(
        validate=validate.OneOf(
            tuple(DELIMITERS), error='Choose ",", ";", "\\t" or "|" (comma, semicolon, tab, pipe).'
        ),
        metadata={"description": 'The character: ",", ";", "\\t" or "|" (or its name: comma, ...)'},
    )

    @pre_load
    def _delimiter_by_name(self, data: Any, **_: object) -> Any:
        names = {name: char for char, name in DELIMITERS.items()}
        if isinstance(data, dict) and data.get("delimiter") in names:
            data = {**data, "delimiter": names[data["delimiter"]]}
        return data

    header = fields.Boolean(metadata={"description": "Is the first row the column names?"})
    mapping = fields.Dict(
        keys=fields.String(),
        values=fields.String(validate=validate.Length(max=120)),
        metadata={"description": MAPPING_DESCRIPTION},
    )
    options = fields.Nested(OptionsSchema)
    questionnaire = fields.Nested(QuestionnaireSchema)


class ReportCountsSchema(Schema):
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)
    duplicate_in_file = fields.Integer(required=True)
    rejected = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={
            "description": "By reason: invalid_syntax, no_mx, disposable, suppressed, "
            "forgotten, fake, invalid_value (a value a field cannot hold)"
        },
    )
    flagged = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Imported, by reason: role, typo"},
    )


class ImportReportSchema(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True)
    rows = fields.Integer(allow_none=True, metadata={"description": "Data rows in the file"})
    rows_done = fields.Integer(required=True)
    counts = fields.Nested(ReportCountsSchema, required=True)


class ImportMappingSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100, error="Name the mapping (up to 100 characters)."),
    )
    mapping = fields.Dict(
        keys=fields.String(),
        values=fields.String(validate=validate.Length(max=120)),
        required=True,
        metadata={"description": MAPPING_DESCRIPTION},
    )
    created_at = fields.DateTime(dump_only=True)


class ImportMappingListSchema(Schema):
    items = fields.List(fields.Nested(ImportMappingSchema), required=True)
