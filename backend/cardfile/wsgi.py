"""WSGI entry point: `gunicorn cardfile.wsgi:app`."""

from cardfile.app import create_app

app = create_app()
