from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

COLUMNS = 12
MAX_WIDGETS = 50
MAX_HEIGHT = 40
MAX_ROW = 10_000
WIDGET_ID = r"^[a-z0-9_-]{1,40}$"


def _cell(low: int, high: int, error: str, **kwargs: Any) -> fields.Integer:
    return fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=low, max=high, error=error),
        error_messages={
            "required": "Give the widget's position and size.",
            "null": "Give the widget's position and size.",
            "invalid": "Use a whole number.",
        },
        **kwargs,
    )


class LayoutItemSchema(Schema):
    """One widget on a 12-column grid; grid libraries' extra keys (static, moved) are dropped."""

    class Meta:
        unknown = EXCLUDE

    i = fields.String(
        required=True,
        validate=validate.Regexp(
            WIDGET_ID, error="A widget id has 1 to 40 characters: a-z, 0-9, _ and -."
        ),
        error_messages={"required": "Name the widget (i).", "null": "Name the widget (i)."},
        metadata={"description": "Widget id: a card panel's id; unknown ids are kept"},
    )
    x = _cell(0, COLUMNS - 1, "Use a column from 0 to 11.", metadata={"description": "Column"})
    y = _cell(0, MAX_ROW, "Use a row from 0 to 10,000.", metadata={"description": "Row"})
    w = _cell(1, COLUMNS, "A widget is 1 to 12 columns wide.", metadata={"description": "Columns"})
    h = _cell(1, MAX_HEIGHT, "A widget is 1 to 40 rows high.", metadata={"description": "Rows"})

    @validates_schema(skip_on_field_errors=True)
    def _fits(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["x"] + data["w"] > COLUMNS:
            raise ValidationError(
                f"The widget runs past the last column: x + w is at most {COLUMNS}.", "w"
            )


def _layout(**kwargs: Any) -> fields.List:
    return fields.List(
        fields.Nested(LayoutItemSchema),
        validate=validate.Length(
            max=MAX_WIDGETS, error=f"A layout has at most {MAX_WIDGETS} widgets."
        ),
        error_messages={"invalid": "Send the layout as a list of widgets."},
        metadata={"description": "Widgets [{i, x, y, w, h}]; [] is the built-in arrangement"},
        **kwargs,
    )


def _unique_ids(layout: list[dict[str, Any]] | None) -> None:
    seen: set[str] = set()
    twice: dict[int, dict[str, list[str]]] = {}
    for index, item in enumerate(layout or []):
        if item["i"] in seen:
            twice[index] = {"i": ["This widget is in the layout twice."]}
        seen.add(item["i"])
    if twice:
        raise ValidationError({"layout": twice})


class CardLayoutInSchema(Schema):
    layout = _layout(required=True)

    @validates_schema(skip_on_field_errors=True)
    def _unique(self, data: dict[str, Any], **kwargs: Any) -> None:
        _unique_ids(data["layout"])


class DefaultCardLayoutInSchema(Schema):
    """Either part may be sent alone: the other keeps its value."""

    layout = _layout()
    locked = fields.Boolean(
        error_messages={"invalid": "Send true or false."},
        metadata={"description": "True: everyone sees the default and cannot change their own"},
    )

    @validates_schema(skip_on_field_errors=True)
    def _unique(self, data: dict[str, Any], **kwargs: Any) -> None:
        _unique_ids(data.get("layout"))


class LayoutItemOutSchema(Schema):
    i = fields.String(required=True)
    x = fields.Integer(required=True)
    y = fields.Integer(required=True)
    w = fields.Integer(required=True)
    h = fields.Integer(required=True)


class CardLayoutSchema(Schema):
    layout = fields.List(fields.Nested(LayoutItemOutSchema), required=True)
    locked = fields.Boolean(
        required=True, metadata={"description": "The workspace default is locked"}
    )
    source = fields.String(
        required=True,
        validate=validate.OneOf(["mine", "default", "builtin"]),
        metadata={"description": "mine, the workspace default, or builtin (layout [])"},
    )
    updated_at = fields.DateTime(allow_none=True)
