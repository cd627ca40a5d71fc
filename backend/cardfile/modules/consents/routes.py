from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.consents import service
from cardfile.modules.consents.schemas import (
    ConsentEventSchema,
    ConsentInSchema,
    ConsentPurposeInSchema,
    ConsentPurposeListArgs,
    ConsentPurposePageSchema,
    ConsentPurposePatchSchema,
    ConsentPurposeSchema,
    ConsentsSchema,
)

purposes_blp = WorkspaceBlueprint(
    "consent_purposes", __name__, description="Consent purposes (admins manage them)"
)
consents_blp = WorkspaceBlueprint("consents", __name__, description="A contact's consents")


@purposes_blp.route("")
class ConsentPurposes(MethodView):
    @purposes_blp.arguments(ConsentPurposeListArgs, location="query")
    @purposes_blp.response(200, ConsentPurposePageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Purposes: the built-in ones (email_marketing, sms, profiling) first"""
        return service.list_purposes(db(), args)

    @purposes_blp.arguments(ConsentPurposeInSchema)
    @purposes_blp.response(201, ConsentPurposeSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a purpose (the key is derived from the name when absent)"""
        return service.create_purpose(db(), data)


@purposes_blp.route("/<int:purpose_id>")
class ConsentPurposeDetail(MethodView):
    @purposes_blp.response(200, ConsentPurposeSchema)
    def get(self, purpose_id: int) -> Any:
        return service.get_purpose(db(), purpose_id)

    @purposes_blp.arguments(ConsentPurposePatchSchema)
    @purposes_blp.response(200, ConsentPurposeSchema)
    def patch(self, data: dict[str, Any], purpose_id: int) -> Any:
        """Rename or describe a purpose (its key stays)"""
        return service.update_purpose(db(), purpose_id, data)

    @purposes_blp.response(204)
    def delete(self, purpose_id: int) -> None:
        """Delete a custom purpose nobody's consent refers to (else 409: rename it)"""
        service.delete_purpose(db(), purpose_id)


@consents_blp.route("")
class Consents(MethodView):
    @consents_blp.response(200, ConsentsSchema)
    def get(self, contact_id: int) -> Any:
        """Each purpose's current state ("unknown" when never set) and the full history"""
        return service.contact_consents(db(), principal(), contact_id)

    @consents_blp.arguments(ConsentInSchema)
    @consents_blp.response(201, ConsentEventSchema)
    def post(self, data: dict[str, Any], contact_id: int) -> Any:
        """Record a grant (proof_text required) or a withdrawal; the caller's IP and user
        agent are kept with it"""
        return service.record_consent(
            db(),
            principal(),
            contact_id,
            data,
            ip=request.remote_addr,
            user_agent=request.headers.get("User-Agent"),
        )
