"""Templates, campaigns and their sending: an outbox in PostgreSQL, sent exactly once."""

from cardfile.modules.campaigns import tracking as _tracking  # noqa: F401  (timeline listener)
