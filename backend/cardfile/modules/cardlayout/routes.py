from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.cardlayout import service
from cardfile.modules.cardlayout.schemas import (
    CardLayoutInSchema,
    CardLayoutSchema,
    DefaultCardLayoutInSchema,
)

card_layout_blp = WorkspaceBlueprint(
    "card_layout", __name__, description="How the contact card's widgets are arranged"
)


@card_layout_blp.route("")
class MyCardLayout(MethodView):
    @card_layout_blp.response(200, CardLayoutSchema)
    def get(self) -> Any:
        """The caller's layout; the workspace default when they have none or it is locked;
        else `builtin` with an empty layout (the SPA's own arrangement)"""
        return service.my_layout(db(), principal())

    @card_layout_blp.arguments(CardLayoutInSchema)
    @card_layout_blp.response(200, CardLayoutSchema)
    def put(self, data: dict[str, Any]) -> Any:
        """Save the caller's own layout (any role: it is a personal preference); 409 while
        the default is locked"""
        return service.save_my_layout(db(), principal(), data)

    @card_layout_blp.response(204)
    def delete(self) -> None:
        """Forget the caller's own layout: back to the workspace default"""
        service.reset_my_layout(db(), principal())


@card_layout_blp.route("/default")
class DefaultCardLayout(MethodView):
    @card_layout_blp.response(200, CardLayoutSchema)
    def get(self) -> Any:
        """The workspace default (admins)"""
        return service.default_layout(db())

    @card_layout_blp.arguments(DefaultCardLayoutInSchema)
    @card_layout_blp.response(200, CardLayoutSchema)
    def put(self, data: dict[str, Any]) -> Any:
        """Publish the workspace default and lock or unlock it (admins)"""
        return service.save_default_layout(db(), principal(), data)
