from cardfile.db.base import PublicBase, TenantBase, utcnow
from cardfile.db.engine import get_engine, init_engine
from cardfile.db.scope import (
    ScopeError,
    open_public_session,
    open_workspace_session,
    schema_for,
    workspace_session,
)

__all__ = [
    "PublicBase",
    "ScopeError",
    "TenantBase",
    "get_engine",
    "init_engine",
    "open_public_session",
    "open_workspace_session",
    "schema_for",
    "utcnow",
    "workspace_session",
]
