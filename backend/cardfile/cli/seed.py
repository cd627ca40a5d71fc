"""Demo data: an agency with two client workspaces, a restricted member and some contacts."""

from __future__ import annotations

import random

from cardfile.access import service as access
from cardfile.access.principal import resolve_principal
from cardfile.auth import service as auth
from cardfile.auth.models import User
from cardfile.auth.passwords import hash_password
from cardfile.db.scope import open_public_session, workspace_session
from cardfile.modules.contacts import custom_fields
from cardfile.modules.contacts import service as contacts
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
    """Create the demo data once; returns False when it already exists."""
    with open_public_session() as session, session.begin():
        if auth.find_user_by_email(session, DEMO_EMAIL):
            return False
        user, first = auth.signup(session, DEMO_EMAIL, DEMO_PASSWORD, "Dana Demo", "Demo Agency")
        first.name = "Acme Bakery"
        second = tenancy.create_workspace(
            session, first.agency_id, "Northwind Cycles", "Europe/Berlin"
        )
        member = User(
            email=MEMBER_EMAIL, name="Sam Member", password_hash=hash_password(DEMO_PASSWORD)
        )
        session.add(member)
        session.flush()
        ids = (user.id, member.id, first.id, second.id)
    _fill(ids[2], ids[0], ids[1], "Acme Bakery", 120)
    _fill(ids[3], ids[0], None, "Northwind Cycles", 40)
    return True


def _fill(workspace_id: int, admin_id: int, member_id: int | None, name: str, count: int) -> None:
    rng = random.Random(workspace_id)
    with workspace_session(workspace_id) as session:
        admin = resolve_principal(session, admin_id, workspace_id)
        assert admin is not None
        vip = access.create_class(session, {"name": "VIP", "color": "grape"})
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
        if member_id is not None:
            access.add_member(session, admin, MEMBER_EMAIL, "member", False, [vip["id"]])
