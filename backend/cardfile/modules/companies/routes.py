from __future__ import annotations

from typing import Any

from flask.views import MethodView

from cardfile.api.blueprint import WorkspaceBlueprint
from cardfile.api.context import db, principal
from cardfile.modules.companies import service
from cardfile.modules.companies.schemas import (
    CompanyContactListArgs,
    CompanyContactPageSchema,
    CompanyInSchema,
    CompanyListArgs,
    CompanyPageSchema,
    CompanyPatchSchema,
    CompanySchema,
)

companies_blp = WorkspaceBlueprint("companies", __name__, description="Companies")


@companies_blp.route("")
class Companies(MethodView):
    @companies_blp.arguments(CompanyListArgs, location="query")
    @companies_blp.response(200, CompanyPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Companies: search name and domain, sort, paginate; counts are of contacts I may see"""
        return service.list_companies(db(), principal(), args)

    @companies_blp.arguments(CompanyInSchema)
    @companies_blp.response(201, CompanySchema)
    def post(self, data: dict[str, Any]) -> Any:
        """Add a company (its domain, normalised to example.com, is unique in the workspace)"""
        return service.create_company(db(), principal(), data)


@companies_blp.route("/<int:company_id>")
class CompanyDetail(MethodView):
    @companies_blp.response(200, CompanySchema)
    def get(self, company_id: int) -> Any:
        return service.company_detail(db(), principal(), company_id)

    @companies_blp.arguments(CompanyPatchSchema(partial=True))
    @companies_blp.response(200, CompanySchema)
    def patch(self, data: dict[str, Any], company_id: int) -> Any:
        """Change some fields; `custom` merges (null removes a value)"""
        return service.update_company(db(), principal(), company_id, data)

    @companies_blp.response(204)
    def delete(self, company_id: int) -> None:
        """Delete (admins); its contacts stay, unlinked, with a note on their timelines"""
        service.delete_company(db(), principal(), company_id)


@companies_blp.route("/<int:company_id>/contacts")
@companies_blp.arguments(CompanyContactListArgs, location="query")
@companies_blp.response(200, CompanyContactPageSchema)
def company_contacts(args: dict[str, Any], company_id: int) -> Any:
    """The company's contacts that I may see"""
    return service.list_company_contacts(db(), principal(), company_id, args)
