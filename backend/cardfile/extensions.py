"""Process-wide extension objects, configured by create_app()."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_smorest import Api

from cardfile.api.errors import ErrorSchema, handle_http_exception

login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, headers_enabled=True)


class CardfileApi(Api):
    """flask-smorest Api answering errors in Cardfile's one JSON error format."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):  # type: ignore[override]
        return handle_http_exception(error)


api = CardfileApi()
