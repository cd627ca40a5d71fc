"""The request-body parser every blueprint uses: JSON it cannot read is a 400, never a 500."""

from __future__ import annotations

import json
from typing import Any

import flask
from flask_smorest.arguments import ArgumentsMixin
from webargs.flaskparser import FlaskParser, abort


class CardfileParser(FlaskParser):
    def _raw_load_json(self, req: flask.Request) -> Any:
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise
        except ValueError:  # e.g. an integer beyond Python's 4,300-digit conversion limit
            abort(400, messages={"json": ["A number in the request body has too many digits."]})


# Set when `cardfile.api` is imported, before any route module declares its arguments.
ArgumentsMixin.ARGUMENTS_PARSER = CardfileParser()
