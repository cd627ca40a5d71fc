"""Benchmark data: one agency, N workspaces (via the real service code), and a large workspace
filled with realistic contacts through COPY (fast, but into the tables the migrations made)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import psycopg


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy "
    "Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew "
    "Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy "
    "Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob "
    "Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela "
    "Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory Christine "
    "Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria "
    "Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia "
    "Sofia Lukas Mateo Chloe Hiroshi Yuki Priya Arjun Fatima Omar Ingrid Lars Ana Pedro Wei Mei"
)
LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
    "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips "
    "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook "
    "Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward "
    "Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez "
    "Castillo Sanders Patel Myers Long Ross Foster Jimenez Muller Schmidt Schneider Fischer "
    "Weber Meyer Wagner Becker Schulz Hoffmann Rossi Russo Ferrari Esposito Bianchi Romano "
    "Dubois Moreau Laurent Lefebvre Tanaka Suzuki Takahashi Watanabe Yamamoto Kowalski Nowak "
    "Wisniewski Jensen Nielsen Hansen Larsen Andersen Johansson Karlsson Nilsson Eriksson "
    "Silva Santos Oliveira Souza Costa Pereira Murray Ferguson Fraser Campbell Stewart Byrne"
)
COMPANY_HEADS = _words(
    "Northwind Contoso Globex Initech Umbrella Hooli Vandelay Soylent Acme Stark Wayne Wonka "
    "Tyrell Cyberdyne Aperture Gringotts Oscorp Pied Piper Dunder Mifflin Bluth Prestige "
    "Sterling Cooper Massive Dynamic Monarch Blue Sun Nakatomi Virtucon Gekko Kramerica "
    "Sunrise Harbor Evergreen Summit Riverbend Lakeside Ironwood Silverline Redwood Beacon "
    "Granite Cobalt Maple Juniper Falcon Orbit Quantum Vertex Horizon Meridian Atlas Nova "
    "Crescent Pinnacle Zephyr Aurora Sequoia Willow Copper Brightwater Fairview Highland"
)
COMPANY_TAILS = (
    "Ltd",
    "Inc",
    "GmbH",
    "& Co",
    "Group",
    "Labs",
    "Partners",
    "Holdings",
    "Bakery",
    "Logistics",
    "Consulting",
    "Studio",
    "Dental",
    "Fitness",
    "Realty",
    "Cycles",
    "Coffee",
    "Legal",
    "Media",
    "Systems",
)
MAIL_DOMAINS = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.com",
    "icloud.com",
    "proton.me",
    "gmx.de",
    "web.de",
    "fastmail.com",
    "aol.com",
)
TIME_ZONES = (
    None,
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
)
TAGS = (
    ("customer", "green"),
    ("lead", "blue"),
    ("vip", "purple"),
    ("newsletter", "teal"),
    ("partner", "orange"),
    ("churned", "red"),
    ("event-2024", "yellow"),
    ("wholesale", "gray"),
)


@dataclass
class Seeded:
    user_id: int
    agency_id: int
    big_workspace_id: int
    workspace_ids: list[int]
    token: str
    contact_ids: tuple[int, int]  # first, last id in the big workspace
    timings: dict[str, float] = field(default_factory=dict)


def _slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def companies(rng: random.Random) -> list[str]:
    names = [f"{h} {t}" for h in COMPANY_HEADS for t in COMPANY_TAILS]
    rng.shuffle(names)
    return names[:900]


def contact_rows(  # noqa: ANN201
    count: int, class_id: int, rng: random.Random, start_id: int = 1, chronological: bool = False
):
    """Yield COPY rows (id, email, first, last, phone, company, tz, class, created, updated).
    chronological: created_at grows with the id, as in a table filled by use over the years
    (rows are then stored in creation order); otherwise random within the 3 years."""
    firms = companies(rng)
    now = datetime.now(UTC)
    span = int(timedelta(days=3 * 365).total_seconds())
    seen: set[str] = set()
    for i in range(count):
        first = rng.choice(FIRST)
        last = rng.choice(LAST)
        company = rng.choice(firms) if rng.random() < 0.8 else None
        if company and rng.random() < 0.5:
            domain = _slug(company.split()[0]) + rng.choice((".com", ".de", ".co.uk", ".io"))
        else:
            domain = rng.choice(MAIL_DOMAINS)
        local = rng.choice(
            (
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}{last[0]}",
                f"{first}_{last}",
                f"{last}.{first}",
            )
        ).lower()
        email: str | None = f"{local}@{domain}"
        n = 1
        while email in seen:
            n += 1
            email = f"{local}{n}@{domain}"
        seen.add(email)
        phone = None
        if rng.random() < 0.7:
            phone = (
                f"+{rng.choice((1, 44, 49, 33, 61))} "
                f"{rng.randint(200, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            )
        if phone and rng.random() < 0.05:
            email = None  # phone-only contacts exist too
        ago = span * (count - i) // count if chronological else rng.randint(0, span)
        created = now - timedelta(seconds=ago)
        updated = created + timedelta(seconds=rng.randint(0, 86400 * 30))
        if updated > now:
            updated = now
        yield (
            start_id + i,
            email,
            first,
            last,
            phone,
            company,
            rng.choice(TIME_ZONES),
            class_id,
            created,
            updated,
        )


def copy_contacts(conn: psycopg.Connection, schema: str, count: int, rng: random.Random) -> int:
    """COPY `count` contacts and some tags into schema; returns the number of contact_tags."""
    class_id = conn.execute(
        f"SELECT id FROM {schema}.contact_classes WHERE name = 'General'"
    ).fetchone()[0]
    columns = (
        "id, email, first_name, last_name, phone, company, time_zone, contact_class_id, "
        "created_at, updated_at"
    )
    with conn.cursor() as cur:
        with cur.copy(f"COPY {schema}.contacts ({columns}) FROM STDIN") as copy:
            for row in contact_rows(count, class_id, rng):
                copy.write_row(row)
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{schema}.contacts', 'id'), %s)", (count,)
        )
        tag_ids = []
        for name, color in TAGS:
            cur.execute(
                f"INSERT INTO {schema}.tags (name, color) VALUES (%s, %s) RETURNING id",
                (name, color),
            )
            tag_ids.append(cur.fetchone()[0])
        links = 0
        weights = (0.35, 0.35, 0.2, 0.1)  # 0..3 tags per contact
        with cur.copy(f"COPY {schema}.contact_tags (contact_id, tag_id) FROM STDIN") as copy:
            for contact_id in range(1, count + 1):
                k = rng.choices((0, 1, 2, 3), weights)[0]
                for tag_id in rng.sample(tag_ids, k):
                    copy.write_row((contact_id, tag_id))
                    links += 1
    return links


def search_terms(rng: random.Random, n: int = 200) -> list[str]:
    """Varied, realistic search box input: surnames, first names, full names, email parts,
    company names, phone fragments."""
    firms = companies(random.Random(1))
    terms: list[str] = []
    kinds = ("last", "first", "full", "email", "company", "company_word", "phone")
    for i in range(n):
        kind = kinds[i % len(kinds)]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if kind == "last":
            term = last
        elif kind == "first":
            term = first
        elif kind == "full":
            term = f"{first} {last}"
        elif kind == "email":
            term = f"{first[0]}{last}".lower()
        elif kind == "company":
            term = rng.choice(firms)
        elif kind == "company_word":
            term = rng.choice(COMPANY_HEADS)
        else:
            term = f"{rng.randint(200, 999)} {rng.randint(100, 999)}"
        terms.append(term.lower())
    return terms


def seed(database_url: str, workspaces: int, contacts: int, seed_value: int = 42) -> Seeded:
    """Sign up an agency, create workspaces with the service code, COPY contacts, ANALYZE."""
    from cardfile.auth import service as auth
    from cardfile.db.scope import open_public_session
    from cardfile.tenancy import service as tenancy

    rng = random.Random(seed_value)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with open_public_session() as session, session.begin():
        user, first = auth.signup(
            session, "bench@cardfile.local", "bench-password-1", "Bench Owner", "Bench Agency"
        )
        _, token = auth.create_token(session, user.id, "bench")
        user_id, agency_id, big = user.id, first.agency_id, first.id
    ids = [big]
    for i in range(1, workspaces):
        with open_public_session() as session, session.begin():
            ws = tenancy.create_workspace(session, agency_id, f"Client {i:03d}", "UTC")
            ids.append(ws.id)
    timings["create_workspaces_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    dsn = database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as conn:
        links = copy_contacts(conn, f"ws_{big}", contacts, rng)
        # A little data in every other workspace, so they are not empty shells.
        for ws_id in ids[1:]:
            schema = f"ws_{ws_id}"
            class_id = conn.execute(
                f"SELECT id FROM {schema}.contact_classes WHERE name = 'General'"
            ).fetchone()[0]
            with conn.cursor().copy(
                f"COPY {schema}.contacts (id, email, first_name, last_name, phone, company, "
                "time_zone, contact_class_id, created_at, updated_at) FROM STDIN"
            ) as copy:
                for row in contact_rows(100, class_id, rng):
                    copy.write_row(row)
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{schema}.contacts', 'id'), 100)")
        conn.commit()
    timings["copy_contacts_s"] = time.perf_counter() - t0
    timings["contact_tags"] = links

    t0 = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        # What autovacuum would have done by the time a workspace holds 100k contacts.
        for table in ("contacts", "contact_tags", "tags"):
            conn.execute(f"VACUUM (ANALYZE) ws_{big}.{table}")
        conn.execute("ANALYZE")
    timings["vacuum_analyze_s"] = time.perf_counter() - t0
    return Seeded(user_id, agency_id, big, ids, token, (1, contacts), timings)
