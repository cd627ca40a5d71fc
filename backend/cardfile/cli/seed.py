"""Demo data: an agency with two client workspaces, a restricted member and some contacts."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cardfile.access import classes, members
from cardfile.access.principal import Principal, resolve_principal
from cardfile.auth import service as auth
from cardfile.auth.models import User
from cardfile.auth.passwords import hash_password
from cardfile.db.scope import open_public_session, workspace_session
from cardfile.modules.bookings import service as bookings
from cardfile.modules.contacts import custom_fields
from cardfile.modules.contacts import service as contacts
from cardfile.modules.contacts.models import Contact
from cardfile.tenancy import service as tenancy

DEMO_EMAIL = "demo@cardfile.local"
DEMO_PASSWORD = "cardfile-demo"
MEMBER_EMAIL = "sam@cardfile.local"
FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Hedy",
    "Donald",
    "Anita",
    "John",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "Knuth",
    "Borg",
    "Backus",
]
COMPANIES = ["Bakehouse Ltd", "Crumb & Co", "Flour Power", "Rye Society", "Sourdough Inc", None]


def seed() -> bool:
    """Create the demo data once; returns False when it already exists.

    Each workspace is filled in one transaction, and only while it is still empty, so a
    seed that stopped half-way completes on the next run.
    """
    with open_public_session() as session, session.begin():
        user = auth.find_user_by_email(session, DEMO_EMAIL)
        created = user is None
        if user is None:
            user, first = auth.signup(
                session, DEMO_EMAIL, DEMO_PASSWORD, "Dana Demo", "Demo Agency"
            )
            first.name, first.slug = "Acme Bakery", "acme-bakery"
            tenancy.create_workspace(session, first.agency_id, "Northwind Cycles", "Europe/Berlin")
            session.add(
                User(
                    email=MEMBER_EMAIL,
                    name="Sam Member",
                    password_hash=hash_password(DEMO_PASSWORD),
                )
            )
            session.flush()
        workspaces = {w.name: w.id for w in tenancy.all_workspaces(session, user.id)}
        admin_id = user.id
    plan = [("Acme Bakery", 120, True), ("Northwind Cycles", 40, False)]
    for name, count, with_member in plan:
        if name in workspaces:
            created |= _fill(workspaces[name], admin_id, with_member, name, count)
    return created


def _fill(workspace_id: int, admin_id: int, with_member: bool, name: str, count: int) -> bool:
    rng = random.Random(workspace_id)
    with workspace_session(workspace_id) as session:
        if session.scalar(select(func.count()).select_from(Contact)):
            return False
        admin = resolve_principal(session, admin_id, workspace_id)
        assert admin is not None
        vip = classes.create_class(session, {"name": "VIP", "color": "grape"})
        custom_fields.create_field(
            session,
            {
                "key": "plan",
                "label": "Plan",
                "type": "choice",
                "choices": ["Free", "Pro", "Enterprise"],
            },
        )
        custom_fields.create_field(
            session, {"key": "birthday", "label": "Birthday", "type": "date"}
        )
        custom_fields.create_field(
            session, {"key": "newsletter", "label": "Newsletter", "type": "boolean"}
        )
        for i in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            slug = name.split()[0].lower()
            contacts.create_contact(
                session,
                admin,
                {
                    "email": f"{first}.{last}.{i}@{slug}.example".lower(),
                    "first_name": first,
                    "last_name": last,
                    "company": rng.choice(COMPANIES),
                    "phone": f"+1 555 {rng.randint(1000000, 9999999)}",
                    "contact_class_id": vip["id"] if i % 4 == 0 else None,
                    "custom": {
                        "plan": rng.choice(["Free", "Pro", "Enterprise"]),
                        "newsletter": rng.random() < 0.5,
                    },
                    "tags": rng.sample(["customer", "lead", "wholesale", "newsletter"], 2),
                },
            )
        if with_member:
            membership = members.add_member(
                session, admin, MEMBER_EMAIL, "member", False, [vip["id"]]
            )
            membership.accepted_at = datetime.now(UTC)  # the demo member has said yes
        _calendar(session, admin, admin_id)
    return True


def _calendar(session: Session, admin: Principal, admin_id: int) -> None:
    """A booking page to try: weekdays 9-17, a 30-minute call with a question."""
    weekdays = [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)]
    calendar = bookings.create_calendar(
        session,
        admin,
        {
            "name": "Consultations",
            "user_id": admin_id,
            "time_zone": "Europe/Berlin",
            "weekly_hours": weekdays,
        },
    )
    bookings.create_type(
        session,
        calendar["id"],
        {
            "name": "Intro call",
            "duration_minutes": 30,
            "location": "Phone",
            "questions": [{"label": "What would you like to talk about?", "required": True}],
        },
    )
