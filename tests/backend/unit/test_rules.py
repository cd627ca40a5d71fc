"""Pure rules, no database: error flattening, effective roles, custom value validation."""

from __future__ import annotations

import pytest

from cardfile.access.principal import effective_role
from cardfile.access.roles import Role
from cardfile.api.errors import flatten_errors
from cardfile.modules.contacts.custom_fields import validate_value
from cardfile.modules.contacts.models import CustomField


def test_flatten_errors_gives_dotted_field_names() -> None:
    nested = {
        "custom": {"plan": ["Bad."]},
        "tags": {0: ["Too long."]},
        "email": ["Bad."],
    }
    assert flatten_errors(nested) == {
        "custom.plan": ["Bad."],
        "tags.0": ["Too long."],
        "email": ["Bad."],
    }


@pytest.mark.parametrize(
    ("agency_role", "member_role", "all_contacts", "expected"),
    [
        ("owner", None, None, (Role.ADMIN, True)),
        ("admin", "viewer", False, (Role.ADMIN, True)),
        ("staff", None, None, None),
        (None, "viewer", False, (Role.VIEWER, False)),
        (None, "admin", False, (Role.ADMIN, True)),
        (None, "member", True, (Role.MEMBER, True)),
    ],
)
def test_effective_role(agency_role, member_role, all_contacts, expected) -> None:  # type: ignore[no-untyped-def]
    assert effective_role(agency_role, member_role, all_contacts) == expected


@pytest.mark.parametrize(
    ("type_", "choices", "good", "bad"),
    [
        ("text", [], "hello", 5),
        ("number", [], 3.5, True),
        ("number", [], -2, float("nan")),
        ("date", [], "2024-02-29", "2023-02-29"),
        ("date", [], "1999-12-31", "31/12/1999"),
        ("boolean", [], False, "false"),
        ("choice", ["a", "b"], "b", "c"),
        ("multi_choice", ["a", "b"], ["a", "b"], ["a", "z"]),
        ("multi_choice", ["a"], [], "a"),
    ],
)
def test_custom_values_by_type(type_, choices, good, bad) -> None:  # type: ignore[no-untyped-def]
    field = CustomField(key="k", label="K", type=type_, choices=choices)
    assert validate_value(field, good) == good
    with pytest.raises(ValueError):
        validate_value(field, bad)
