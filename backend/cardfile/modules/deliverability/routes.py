from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.deliverability import service
from cardfile.modules.deliverability.schemas import (
    DomainInSchema,
    DomainListArgs,
    SendingDomainPageSchema,
    SendingDomainSchema,
    VerifySchema,
)

domains_blp = WorkspaceBlueprint(
    "sending_domains", __name__, description="Sending domains and their DNS records"
)


@domains_blp.route("")
class SendingDomains(MethodView):
    @domains_blp.arguments(DomainListArgs, location="query")
    @domains_blp.response(200, SendingDomainPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        return service.list_domains(db(), args)

    @domains_blp.arguments(DomainInSchema)
    @domains_blp.response(201, SendingDomainSchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a domain: a DKIM key is made for it; the answer lists the records to publish"""
        return service.add_domain(db(), principal(), data["domain"].lower().rstrip("."))


@domains_blp.route("/<int:domain_id>")
class SendingDomainDetail(MethodView):
    @domains_blp.response(200, SendingDomainSchema)
    def get(self, domain_id: int) -> Any:
        return service.view(service.get_domain(db(), domain_id))

    @domains_blp.response(204)
    def delete(self, domain_id: int) -> None:
        service.delete_domain(db(), domain_id)


@domains_blp.route("/<int:domain_id>/verify", methods=["POST"])
@domains_blp.response(200, VerifySchema)
def verify(domain_id: int) -> Any:
    """Check the domain's DNS now: each record's state, explained"""
    return service.verify_domain(db(), domain_id)
