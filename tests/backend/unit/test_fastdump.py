from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema, fields

from cardfile.api.fastdump import FastDumpSchema
from cardfile.modules.contacts.models import Contact
from cardfile.modules.contacts.schemas import ContactSchema


def _contact(**overrides: object) -> Contact:
    values = dict(
        id=7,
        email="a@b.example",
        first_name="Ada",
        last_name=None,
        phone=None,
        company="X",
        time_zone=None,
        contact_class_id=2,
        custom={"plan": "Pro", "topics": ["a"], "n": 1.5},
        created_at=datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC),
        updated_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    values.update(overrides)
    contact = Contact(**values)
    contact.tag_names = ["lead", "vip"]  # type: ignore[attr-defined]
    return contact


def test_fast_dump_equals_marshmallow_dump() -> None:
    contacts = [_contact(), _contact(id=8, email=None, phone="+1 555", custom={})]
    fast = ContactSchema(many=True).dump(contacts)
    slow = Schema.dump(ContactSchema(many=True), contacts)  # marshmallow's own path
    assert fast == slow
    assert fast[0]["created_at"] == "2026-01-02T03:04:05.000678+00:00"
    assert fast[0]["tags"] == ["lead", "vip"]


def test_unknown_field_types_fall_back_to_marshmallow() -> None:
    class WithMethod(FastDumpSchema):
        id = fields.Integer()
        double = fields.Method("get_double")

        def get_double(self, obj: object) -> int:
            return obj.id * 2  # type: ignore[attr-defined]

    assert WithMethod().dump(_contact()) == {"id": 7, "double": 14}
