"""API plumbing: blueprints, errors, pagination, fields, the request-body parser."""

from cardfile.api import args as _args  # noqa: F401  (installs the parser before any route)
