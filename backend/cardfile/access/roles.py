"""Workspace roles, ordered by what they may do."""

from __future__ import annotations

from enum import IntEnum


class Role(IntEnum):
    VIEWER = 1  # reads
    MEMBER = 2  # works contacts
    ADMIN = 3  # settings, members, all contacts

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Role:
        return cls[value.upper()]


WORKSPACE_ROLES = [r.label for r in Role]
AGENCY_ROLES = ["owner", "admin", "staff"]
AGENCY_ADMIN_ROLES = {"owner", "admin"}
