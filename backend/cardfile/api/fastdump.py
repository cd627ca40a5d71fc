"""A dump fast path for flat schemas of hot lists (a contacts page is 50 rows x 12 fields).

marshmallow dispatches several method calls per field and value; for plain attributes that
is most of a list request's CPU. FastDumpSchema plans each schema once and copies values
directly, with the same output (a unit test compares both paths). Any field it does not know
makes it fall back to marshmallow for that schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from marshmallow import Schema, fields

_PLAIN = (fields.String, fields.Integer, fields.Boolean, fields.Dict, fields.Raw)
Plan = list[tuple[str, str, Callable[[Any], Any] | None]]


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain_list(value: list[Any] | None) -> list[Any] | None:
    return None if value is None else list(value)


def _converter(field: fields.Field) -> tuple[bool, Callable[[Any], Any] | None]:
    if type(field) is fields.DateTime and field.format in (None, "iso"):
        return True, _iso
    if type(field) in _PLAIN:
        return True, None
    if type(field) is fields.List and type(field.inner) in _PLAIN:
        return True, _plain_list
    return False, None


class FastDumpSchema(Schema):
    _plans: dict[tuple[type, tuple[str, ...]], Plan | None] = {}

    def _plan(self) -> Plan | None:
        key = (type(self), tuple(self.dump_fields))
        if key not in self._plans:
            plan: Plan = []
            for name, field in self.dump_fields.items():
                known, convert = _converter(field)
                if not known:
                    self._plans[key] = None
                    return None
                plan.append((field.data_key or name, field.attribute or name, convert))
            self._plans[key] = plan
        return self._plans[key]

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        plan = self._plan()
        if plan is None:
            return super().dump(obj, many=many)
        if self.many if many is None else many:
            return [self._dump_one(item, plan) for item in obj]
        return self._dump_one(obj, plan)

    @staticmethod
    def _dump_one(obj: Any, plan: Iterable[tuple[str, str, Callable[[Any], Any] | None]]) -> Any:
        out = {}
        for key, attribute, convert in plan:
            value = getattr(obj, attribute)
            out[key] = convert(value) if convert is not None else value
        return out
