"""Isolation generated from the OpenAPI spec: every route, as it stands in the spec, is called
across workspaces (another agency's owner) and across classes (a member not granted the
contact's class), with the ids of real rows. A route added later is covered by itself; a
route whose path names an id this test cannot make, or whose blueprint has no audience in
api/registry.py, fails the suite until it is taught here."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from factories.accounts import member_client, signup_client, unique_email
from factories.bookings import booking_body, days_ahead, make_calendar, make_type, page_path, slots
from factories.contacts import make_class, make_contact, make_field

PARAM = re.compile(r"{(\w+)}")
METHODS = ("get", "post", "put", "patch", "delete")


class OwnersWorld:
    """One owner's workspace with one row of every kind, some of it hidden from a member."""

    def __init__(self, app: Any) -> None:
        self.owner = signup_client(app)
        owner = self.owner
        granted = make_class(owner, "Granted")
        self.marker = f"hidden-{unique_email('x').split('@')[0]}"
        self.shown = make_contact(owner, contact_class_id=granted["id"])
        self.hidden = make_contact(
            owner, email=f"{self.marker}@example.org", tags=[f"{self.marker}-tag"]
        )
        self.member = member_client(app, owner, role="member", class_ids=[granted["id"]])
        invitee = signup_client(app)
        owner.ok(owner.post("members", {"email": invitee.email, "role": "viewer"}), 201)
        self.invitation_id = invitee.ok(invitee.get("/api/v1/me/invitations"))["items"][0]["id"]
        self.field = make_field(owner, f"f_{self.marker[-6:]}", "text")
        self.token = owner.ok(owner.post("/api/v1/auth/tokens", {"name": self.marker}), 201)
        tags = owner.ok(owner.get(f"tags?q={self.marker}"))["items"]
        note = owner.ok(
            owner.post(f"contacts/{self.hidden['id']}/notes", {"body": self.marker}), 201
        )
        contact_file = owner.ok(
            owner.request(
                "POST",
                f"contacts/{self.hidden['id']}/files",
                data={"file": (io.BytesIO(b"name;email\n"), "isolation.csv")},
                content_type="multipart/form-data",
            ),
            201,
        )
        self.job = owner.ok(owner.post("contacts/bulk-tag", {"tag": "isolation"}), 202)
        # The hidden contact owned by the member and a task of it assigned to them: "my tasks"
        # and the Responsibles lists must not show either to that member.
        hidden_path = f"contacts/{self.hidden['id']}"
        owner.ok(owner.put(f"{hidden_path}/owners", {"user_ids": [self.member.user["id"]]}))
        task = owner.ok(
            owner.post(
                "tasks",
                {
                    "contact_id": self.hidden["id"],
                    "title": self.marker,
                    "assignee_id": self.member.user["id"],
                },
            ),
            201,
        )
        # A company with the hidden contact in it: its lists must not show that contact.
        company = owner.ok(owner.post("companies", {"name": "Isolation Co"}), 201)
        owner.ok(owner.patch(f"contacts/{self.hidden['id']}", {"company_id": company["id"]}))
        rule = owner.ok(owner.post("scoring-rules", {"event": "note_added", "points": 1}), 201)
        hygiene_run = owner.ok(owner.post("hygiene/runs", {}), 202)
        an_import = owner.ok(
            owner.request(
                "POST",
                "imports",
                data={"file": (io.BytesIO(f"Email\n{self.marker}@x.pl\n".encode()), "i.csv")},
                content_type="multipart/form-data",
            ),
            201,
        )
        mapping = {"name": "Isolation mapping", "mapping": {"Email": "email"}}
        saved_mapping = owner.ok(owner.post("import-mappings", mapping), 201)
        a_list = owner.ok(owner.post("lists", {"name": "Isolation list"}), 201)
        owner.ok(
            owner.post(
                f"lists/{a_list['id']}/subscriptions",
                {"contact_id": self.hidden["id"], "status": "subscribed"},
            ),
            201,
        )
        rules = {"op": "and", "rules": [{"field": "first_name", "op": "is_not_empty"}]}
        segment = owner.ok(owner.post("segments", {"name": "Isolation", "rules": rules}), 201)
        template = owner.ok(
            owner.post("templates", {"name": "Isolation", "subject": "Hi", "html": "<p>Hi</p>"}),
            201,
        )
        campaign = owner.ok(
            owner.post(
                "campaigns",
                {
                    "name": "Isolation",
                    "from_email": "news@isolation.example",
                    "template_id": template["id"],
                    "list_ids": [a_list["id"]],
                },
            ),
            201,
        )
        sending = owner.ok(owner.post("sending-domains", {"domain": "isolation.example"}), 201)
        me = owner.ok(owner.get("/api/v1/me"))
        hidden_class = self.hidden["contact_class_id"]
        slug = f"isolation-{owner.workspace_id}"
        owner.ok(owner.patch(f"/api/v1/workspaces/{owner.workspace_id}", {"slug": slug}))
        # A calendar with a type, a day off and a booking by the hidden contact.
        calendar = make_calendar(owner, name="Isolation")
        booking_type = make_type(owner, calendar)
        day_off = {"date": str(days_ahead(9)), "hours": []}
        [override] = owner.ok(owner.post(f"calendars/{calendar['id']}/overrides", day_off), 201)[
            "items"
        ]
        page = page_path(owner, calendar)
        [slot, *_] = slots(owner, page, "intro-call", days_ahead(2))
        hidden_email = self.hidden["email"]
        owner.ok(
            owner.post(f"{page}/bookings", booking_body("intro-call", slot["start"], hidden_email)),
            201,
        )
        [booking] = owner.ok(owner.get(f"contacts/{self.hidden['id']}/bookings"))["items"]
        from cardfile.api.public import link_token

        with app.app_context():
            link = link_token("preferences", owner.workspace_id, contact=self.hidden["id"])
        self.ids: dict[str, Callable[[], Any]] = {
            "ws": lambda: owner.workspace_id,
            "contact_id": lambda: self.hidden["id"],
            "class_id": lambda: hidden_class,
            "field_id": lambda: self.field["id"],
            "tag_id": lambda: tags[0]["id"],
            "tag_name": lambda: f"{self.marker}-tag",
            "job_id": lambda: self.job["job_id"],
            "user_id": lambda: self.member.user["id"],
            "token_id": lambda: self.token["id"],
            "invitation_id": lambda: self.invitation_id,
            "agency_id": lambda: me["agencies"][0]["id"],
            "note_id": lambda: note["id"],
            "file_id": lambda: contact_file["id"],
            "rule_id": lambda: rule["id"],
            "task_id": lambda: task["id"],
            "purpose_id": lambda: owner.ok(owner.get("consent-purposes"))["items"][0]["id"],
            "company_id": lambda: company["id"],
            "run_id": lambda: hygiene_run["run_id"],
            "import_id": lambda: an_import["id"],
            "mapping_id": lambda: saved_mapping["id"],
            "list_id": lambda: a_list["id"],
            "segment_id": lambda: segment["id"],
            "template_id": lambda: template["id"],
            "campaign_id": lambda: campaign["id"],
            "domain_id": lambda: sending["id"],
            "provider": lambda: "generic",
            "slug": lambda: slug,
            "calendar_slug": lambda: calendar["slug"],
            "calendar_id": lambda: calendar["id"],
            "type_id": lambda: booking_type["id"],
            "override_id": lambda: override["id"],
            "booking_id": lambda: booking["id"],
            "token": lambda: link,
        }
        self.private = [self.marker, owner.email, me["workspaces"][0]["name"]]
        self.secret = [self.marker, owner.email]  # what even a public page never shows

    def path(self, template: str) -> str:
        missing = [p for p in PARAM.findall(template) if p not in self.ids]
        assert not missing, f"{template}: teach this test to make a real {missing}"
        return PARAM.sub(lambda m: str(self.ids[m.group(1)]()), template)

    def intact(self) -> None:
        owner = self.owner
        assert owner.ok(owner.get(f"contacts/{self.hidden['id']}"))["tags"]
        assert owner.ok(owner.get(f"custom-fields/{self.field['id']}"))
        assert owner.ok(owner.get(f"members/{self.member.user['id']}"))["role"] == "member"
        assert owner.ok(owner.get(f"jobs/{self.job['job_id']}"))
        tokens = owner.ok(owner.get("/api/v1/auth/tokens"))["items"]
        assert self.token["id"] in [t["id"] for t in tokens]


def _operations(app: Any) -> list[tuple[str, str, str]]:
    """(path, method, blueprint name) of every operation in the spec."""
    from cardfile.extensions import api

    with app.app_context():
        spec = api.spec.to_dict()
    endpoints = {
        rule.rule.replace("<int:", "{")
        .replace("<uuid:", "{")
        .replace("<string:", "{")
        .replace("<", "{")
        .replace(">", "}"): rule.endpoint
        for rule in app.url_map.iter_rules()
    }
    found = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                blueprint = endpoints.get(path, "").partition(".")[0]
                found.append((path, method.upper(), blueprint))
    return found


def _leaks(response: Any, private: list[str]) -> list[str]:
    text = response.get_data(as_text=True)
    return [p for p in private if p in text]


def test_every_route_is_isolated_across_workspaces_and_classes(app) -> None:  # type: ignore[no-untyped-def]
    from cardfile.api.registry import AUDIENCES, Audience

    world = OwnersWorld(app)
    stranger = signup_client(app)
    member = world.member
    problems: list[str] = []
    operations = _operations(app)
    assert len(operations) > 50
    for template, method, blueprint in operations:
        label = f"{method} {template}"
        in_workspace = template.startswith("/api/v1/workspaces/{ws}/")
        audience = AUDIENCES.get(blueprint)
        if not in_workspace and audience is None:
            problems.append(f"{label}: blueprint {blueprint!r} has no audience in the registry")
            continue
        path = world.path(template)
        names = PARAM.findall(template)
        if audience is Audience.ANYONE and not names and method != "GET":
            continue  # sign-up, login, reset: no one's data behind them
        # Across workspaces (or accounts): another agency's owner with the owner's ids.
        response = stranger.request(method, path, json={} if method != "GET" else None)
        if audience is Audience.PUBLIC_WORKSPACE:  # open to anyone: it must show no more
            if leaked := _leaks(response, world.secret):
                problems.append(f"{label}: a public page shows {leaked}")
        elif names:
            if response.status_code not in (403, 404):
                problems.append(f"{label}: a stranger got {response.status_code}")
        elif response.status_code < 400 and (leaked := _leaks(response, world.private)):
            problems.append(f"{label}: a stranger saw {leaked}")
        if not in_workspace:
            continue
        # Across classes: a member of the workspace who is not granted the hidden contact.
        if "contact_id" in names:
            response = member.request(method, path, json={} if method != "GET" else None)
            if response.status_code not in (403, 404):
                problems.append(f"{label}: a member without the class got {response.status_code}")
        elif method == "GET":
            response = member.get(path)
            if response.status_code < 400 and (leaked := _leaks(response, [world.marker])):
                problems.append(f"{label}: a member without the class saw {leaked}")
    assert problems == []
    world.intact()
