from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.events import service
from cardfile.modules.events.schemas import EventsAcceptedSchema, EventsInSchema

events_blp = WorkspaceBlueprint(
    "events", __name__, description="Events from integrations (API token or session)"
)


@events_blp.route("")
class Events(MethodView):
    @events_blp.arguments(EventsInSchema)
    @events_blp.response(201, EventsAcceptedSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Post one event, or {events: [...]} with up to 1,000: page_visit (url, referrer,
        user_agent), form_submitted (form, fields), file_downloaded (file), custom (name,
        properties); each names its contact by contact_id or email. All or nothing."""
        body = request.get_json(silent=True)
        single = isinstance(body, dict) and "events" not in body
        return service.post_events(db(), principal(), data["events"], single=single)
