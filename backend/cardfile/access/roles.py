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

# What admins do that an admin may also grant one member (Principal.may).
POWERS = {
    "export": "Export contacts and a person's data",
    "forget": "Forget a person (GDPR erasure)",
    "merge_many": "Merge more than two contacts at once",
}
AGENCY_ROLES = ["owner", "admin", "staff"]
AGENCY_ADMIN_ROLES = {"owner", "admin"}
