"""Companies: the organisations contacts work for. A company belongs to the workspace (every
member sees it); how many contacts it has and which are counted over the contacts the caller
may see (the one access rule). Deleting a company keeps its contacts and says so on each
one's timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cardfile.access.filters import visible_contacts
from cardfile.access.principal import Principal
from cardfile.db.pagination import Page, paginate
from cardfile.errors import Invalid, NotFound
from cardfile.modules.companies.models import Company
from cardfile.modules.contacts import activity
from cardfile.modules.contacts.custom_fields import validate_custom
from cardfile.modules.contacts.models import Contact

COMPANY_FIELDS = ("name", "domain", "industry", "size", "address")
COMPANY_SORTS = {"name": func.lower(Company.name), "created_at": Company.created_at}
CONTACT_SORTS = {
    # Last name first, as a list of people is read; a contact without a name by its email.
    "name": func.lower(func.concat_ws(" ", Contact.last_name, Contact.first_name, Contact.email)),
    "created_at": Contact.created_at,
}
DUPLICATE_DOMAIN = "A company with this domain already exists."


def _contact_counts(
    session: Session, principal: Principal, company_ids: Sequence[int]
) -> dict[int, int]:
    """Contacts per company among those the principal may see (one grouped query)."""
    if not company_ids:
        return {}
    rows = session.execute(
        select(Contact.company_id, func.count())
        .where(Contact.company_id.in_(company_ids), visible_contacts(principal, Contact))
        .group_by(Contact.company_id)
    )
    return {company_id: count for company_id, count in rows}


def _view(company: Company, contact_count: int) -> dict[str, Any]:
    return {
        "id": company.id,
        "name": company.name,
        "domain": company.domain,
        "industry": company.industry,
        "size": company.size,
        "address": company.address,
        "custom": company.custom,
        "contact_count": contact_count,
        "created_at": company.created_at,
        "updated_at": company.updated_at,
    }


def list_companies(session: Session, principal: Principal, args: dict[str, Any]) -> Page:
    stmt = select(Company)
    if term := (args.get("q") or "").strip().lower():
        stmt = stmt.where(
            or_(
                func.lower(Company.name).contains(term, autoescape=True),
                func.lower(Company.domain).contains(term, autoescape=True),
            )
        )
    page = paginate(session, stmt, args, COMPANY_SORTS, "name", Company.id, keyset=("created_at",))
    counts = _contact_counts(session, principal, [c.id for c in page.items])
    page.items = [_view(c, counts.get(c.id, 0)) for c in page.items]
    return page


def get_company(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id)
    if company is None:
        raise NotFound("Company")
    return company


def company_detail(session: Session, principal: Principal, company_id: int) -> dict[str, Any]:
    company = get_company(session, company_id)
    return _view(company, _contact_counts(session, principal, [company.id]).get(company.id, 0))


def _duplicate_domain(existing_id: int | None) -> Invalid:
    error = Invalid.field("domain", DUPLICATE_DOMAIN)
    if existing_id is not None:  # every member sees every company: safe to name it
        error.extra["existing_id"] = existing_id
    return error


def _check_domain_free(session: Session, domain: str | None, except_id: int | None) -> None:
    if not domain:
        return
    stmt = select(Company.id).where(func.lower(Company.domain) == domain.lower())
    if except_id is not None:
        stmt = stmt.where(Company.id != except_id)
    if (existing := session.scalar(stmt)) is not None:
        raise _duplicate_domain(existing)


def _save(session: Session, company: Company) -> None:
    """Flush in a savepoint: a company saved meanwhile with the same domain is the same 422."""
    try:
        with session.begin_nested():
            session.add(company)
            session.flush()
    except IntegrityError as error:
        raise _duplicate_domain(None) from error


def create_company(session: Session, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    custom = validate_custom(session, data.get("custom") or {}, entity="company")
    _check_domain_free(session, data.get("domain"), None)
    company = Company(**{k: data.get(k) for k in COMPANY_FIELDS}, custom=custom)
    _save(session, company)
    return _view(company, 0)


def update_company(
    session: Session, principal: Principal, company_id: int, data: dict[str, Any]
) -> dict[str, Any]:
    company = get_company(session, company_id)
    old_name, changed = company.name, False
    if "domain" in data:
        _check_domain_free(session, data["domain"], company.id)
    if "custom" in data:
        custom = validate_custom(
            session, data["custom"] or {}, existing=company.custom, entity="company"
        )
        changed = custom != company.custom
        company.custom = custom
    for key in COMPANY_FIELDS:
        if key in data and data[key] != getattr(company, key):
            setattr(company, key, data[key])
            changed = True
    if changed:
        company.updated_at = datetime.now(UTC)
        _save(session, company)
        if company.name != old_name:
            _rename_on_contacts(session, principal, company.id, old_name, company.name)
    return company_detail(session, principal, company.id)


def _rename_on_contacts(
    session: Session, principal: Principal, company_id: int, old: str, new: str
) -> None:
    """Linked contacts showing the old name (the text lists show and search) show the new
    one; a company text someone typed differently stays theirs."""
    renamed = session.scalars(
        update(Contact)
        .where(Contact.company_id == company_id, Contact.company == old)
        .values(company=new, updated_at=datetime.now(UTC))
        .returning(Contact.id)
        .execution_options(synchronize_session=False)
    ).all()
    activity.record_many(
        session, renamed, "updated", {"changes": {"company": [old, new]}}, principal.actor
    )


def delete_company(session: Session, principal: Principal, company_id: int) -> None:
    """The contacts stay, unlinked, each with a `company_unlinked` row on its timeline."""
    company = get_company(session, company_id)
    unlinked = session.scalars(
        update(Contact)
        .where(Contact.company_id == company.id)
        .values(company_id=None, updated_at=datetime.now(UTC))
        .returning(Contact.id)
        .execution_options(synchronize_session=False)
    ).all()
    activity.record_many(
        session, unlinked, "company_unlinked", {"company": company.name}, principal.actor
    )
    session.delete(company)
    session.flush()


def _contact_name(contact: Contact) -> str:
    full = " ".join(n for n in (contact.first_name, contact.last_name) if n)
    return full or contact.email or contact.phone_display or contact.phone or "Unnamed contact"


def list_company_contacts(
    session: Session, principal: Principal, company_id: int, args: dict[str, Any]
) -> Page:
    """The company's contacts that the principal may see."""
    company = get_company(session, company_id)
    stmt = select(Contact).where(
        Contact.company_id == company.id, visible_contacts(principal, Contact)
    )
    page = paginate(session, stmt, args, CONTACT_SORTS, "name", Contact.id, keyset=("created_at",))
    page.items = [
        {
            "id": c.id,
            "name": _contact_name(c),
            "first_name": c.first_name,
            "last_name": c.last_name,
            "email": c.email,
            "job_title": c.job_title,
        }
        for c in page.items
    ]
    return page
