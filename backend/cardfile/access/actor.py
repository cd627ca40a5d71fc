"""Who did something, as the timeline tells it: a person, a person through the API, or the
system on nobody's behalf (a public form, an import, a background job)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("user", "api", "form", "import", "job", "system")
_LABELS = {"form": "Web form", "import": "Import", "job": "Background job", "system": "Cardfile"}


@dataclass(frozen=True)
class Actor:
    kind: str = "user"
    user_id: int | None = None  # the person, or who started the import or job

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown actor kind {self.kind!r}")


def actor_name(kind: str, user_name: str | None) -> str | None:
    """ "Ann", "Ann via API", "Background job (started by Ann)", "Web form"."""
    if kind == "user":
        return user_name
    if kind == "api":
        return f"{user_name or 'Someone'} via API"
    label = _LABELS.get(kind, kind)
    return f"{label} (started by {user_name})" if user_name else label
