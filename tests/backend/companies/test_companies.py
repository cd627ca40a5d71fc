"""Companies: the workspace's organisations, their custom fields, and their contacts counted
and listed only as far as the caller may see them."""

from __future__ import annotations

from typing import Any

from factories.accounts import ApiClient, member_client
from factories.contacts import make_class, make_contact


def make_company(client: ApiClient, **fields: Any) -> dict[str, Any]:
    return client.ok(client.post("companies", {"name": "Acme", **fields}), 201)


def errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, (response.status_code, response.get_json())
    return response.get_json()["errors"]


def test_a_company_is_created_read_changed_and_listed(owner: ApiClient) -> None:
    company = make_company(
        owner,
        name="Zakład Łódź sp. z o.o.",
        domain="https://www.Zakład-Łódź.PL/kontakt?x=1",
        industry="Manufacturing",
        size="51-200",
        address="ul. Piotrkowska 1\n90-001 Łódź",
    )
    assert company["domain"] == "zakład-łódź.pl" and company["size"] == "51-200"
    assert company["contact_count"] == 0 and company["custom"] == {}
    path = f"companies/{company['id']}"
    assert owner.ok(owner.get(path)) == company
    changed = owner.ok(owner.patch(path, {"industry": None, "size": "5000+"}))
    assert changed["industry"] is None and changed["size"] == "5000+"
    assert changed["name"] == company["name"] and changed["updated_at"] >= company["updated_at"]
    make_company(owner, name="beta corp", domain="beta.example")
    make_company(owner, name="Gamma", domain="shop.acme.io")
    listed = owner.ok(owner.get("companies"))
    assert [c["name"] for c in listed["items"]] == ["beta corp", "Gamma", "Zakład Łódź sp. z o.o."]
    assert listed["total"] == 3
    by_domain = owner.ok(owner.get("companies?q=ACME.io"))["items"]
    assert [c["name"] for c in by_domain] == ["Gamma"]
    assert owner.ok(owner.get("companies?q=łódź"))["total"] == 1
    newest = owner.ok(owner.get("companies?sort=-created_at&page_size=2"))
    assert [c["name"] for c in newest["items"]] == ["Gamma", "beta corp"]
    assert newest["next_cursor"]
    assert owner.delete(path).status_code == 204
    assert owner.get(path).status_code == 404
    assert owner.ok(owner.get("companies"))["total"] == 2


def test_bad_input_is_422_naming_the_field_and_changes_nothing(owner: ApiClient) -> None:
    company = make_company(owner, name="Initech", domain="initech.com")
    assert errors(owner.post("companies", {"name": "   "}))["name"] == ["Enter the company's name."]
    assert "name" in errors(owner.post("companies", {"domain": "x.com"}))
    assert errors(owner.post("companies", {"name": "X", "domain": "not a domain"}))["domain"] == [
        "Enter a domain like example.com."
    ]
    for bad in ("localhost", "http://", "-x.com", "a..b.com", "1.2.3.4"):
        assert "domain" in errors(owner.post("companies", {"name": "X", "domain": bad})), bad
    duplicate = owner.post("companies", {"name": "Again", "domain": "HTTPS://WWW.INITECH.COM/"})
    assert errors(duplicate)["domain"] == ["A company with this domain already exists."]
    assert duplicate.get_json()["existing_id"] == company["id"]
    assert "size" in errors(owner.post("companies", {"name": "X", "size": "huge"}))
    assert "address" in errors(owner.post("companies", {"name": "X", "address": "a\x00b"}))
    other = make_company(owner, name="Other", domain="other.com")
    path = f"companies/{other['id']}"
    assert "name" in errors(owner.patch(path, {"name": ""}))
    assert "name" in errors(owner.patch(path, {"name": None}))
    assert "domain" in errors(owner.patch(path, {"domain": "initech.com", "name": "Renamed"}))
    assert owner.ok(owner.get(path)) == other  # nothing of a refused change is kept
    assert owner.ok(owner.patch(path, {"domain": "www.other.com"}))["domain"] == "other.com"
    assert owner.ok(owner.patch(path, {"domain": None}))["domain"] is None
    assert owner.ok(owner.get("companies"))["total"] == 2


def test_viewers_read_members_write_admins_delete(app, owner: ApiClient) -> None:
    company = make_company(owner)
    path = f"companies/{company['id']}"
    viewer = member_client(app, owner, role="viewer")
    assert viewer.ok(viewer.get(path))["name"] == "Acme"
    assert viewer.ok(viewer.get(f"{path}/contacts"))["total"] == 0
    assert viewer.post("companies", {"name": "No"}).status_code == 403
    assert viewer.patch(path, {"name": "No"}).status_code == 403
    assert viewer.delete(path).status_code == 403
    member = member_client(app, owner, role="member")
    assert member.ok(member.patch(path, {"name": "Acme Inc."}))["name"] == "Acme Inc."
    make_company(member, name="By a member")
    assert member.delete(path).status_code == 403
    assert owner.delete(path).status_code == 204


def test_contacts_are_counted_and_listed_only_as_far_as_the_caller_sees(
    app, owner: ApiClient
) -> None:
    vip = make_class(owner, "Company VIP")
    company = make_company(owner, name="Globex")
    cid = company["id"]
    shown = make_contact(
        owner, first_name="Ada", last_name="Zeta", company_id=cid, contact_class_id=vip["id"]
    )
    make_contact(owner, first_name="Hidden", last_name="Person", company_id=cid, job_title="CEO")
    make_contact(
        owner, first_name="Bob", last_name="Alpha", company_id=cid, contact_class_id=vip["id"]
    )
    trashed = make_contact(owner, company_id=cid)
    assert owner.delete(f"contacts/{trashed['id']}").status_code == 204
    make_contact(owner)  # not linked
    assert owner.ok(owner.get(f"companies/{cid}"))["contact_count"] == 3
    listed = owner.ok(owner.get(f"companies/{cid}/contacts"))
    assert [(c["name"], c["job_title"]) for c in listed["items"]] == [
        ("Bob Alpha", None),
        ("Hidden Person", "CEO"),
        ("Ada Zeta", None),
    ]
    member = member_client(app, owner, role="member", class_ids=[vip["id"]])
    assert member.ok(member.get(f"companies/{cid}"))["contact_count"] == 2
    [in_list] = member.ok(member.get("companies?q=globex"))["items"]
    assert in_list["contact_count"] == 2
    theirs = member.ok(member.get(f"companies/{cid}/contacts?sort=-name"))
    assert theirs["total"] == 2
    assert [c["id"] for c in theirs["items"]][0] == shown["id"]
    assert "Hidden" not in str(theirs)
    assert owner.get("companies/999999999/contacts").status_code == 404


def test_deleting_a_company_keeps_its_contacts_and_tells_their_timelines(
    owner: ApiClient,
) -> None:
    company = make_company(owner, name="Soylent")
    linked = [make_contact(owner, company_id=company["id"]) for _ in range(2)]
    assert owner.delete(f"companies/{company['id']}").status_code == 204
    for contact in linked:
        kept = owner.ok(owner.get(f"contacts/{contact['id']}"))
        assert kept["company_id"] is None and kept["email"] == contact["email"]
        latest = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"][0]
        assert (latest["kind"], latest["data"]) == ("company_unlinked", {"company": "Soylent"})


def test_renaming_a_company_renames_it_on_its_contacts(owner: ApiClient) -> None:
    company = make_company(owner, name="Old Name")
    contact = make_contact(owner, company_id=company["id"])
    assert contact["company"] == "Old Name"
    owner.ok(owner.patch(f"companies/{company['id']}", {"name": "New Name"}))
    assert owner.ok(owner.get(f"contacts/{contact['id']}"))["company"] == "New Name"
    latest = owner.ok(owner.get(f"contacts/{contact['id']}/activities"))["items"][0]
    assert latest["data"] == {"changes": {"company": ["Old Name", "New Name"]}}


def test_another_workspace_sees_no_company(owner: ApiClient, stranger: ApiClient) -> None:
    company = make_company(owner, name="Private Co", domain="private.example")
    path = f"companies/{company['id']}"
    for p in (path, f"{path}/contacts"):
        assert stranger.get(p).status_code == 404
        assert stranger.get(f"/api/v1/workspaces/{owner.workspace_id}/{p}").status_code == 404
    assert stranger.patch(path, {"name": "Mine"}).status_code == 404
    assert stranger.delete(path).status_code == 404
    assert stranger.ok(stranger.get("companies"))["total"] == 0
    # The same domain in another workspace is another company.
    assert make_company(stranger, domain="private.example")["domain"] == "private.example"
    assert owner.ok(owner.get(path))["name"] == "Private Co"


def test_company_custom_fields_are_their_own(owner: ApiClient) -> None:
    field = owner.ok(
        owner.post(
            "custom-fields",
            {
                "key": "tier",
                "label": "Tier",
                "type": "choice",
                "choices": ["A", "B"],
                "entity": "company",
            },
        ),
        201,
    )
    assert field["entity"] == "company" and field["position"] == 1
    # The same key for contacts is another field; each list shows its own.
    contact_field = owner.ok(
        owner.post("custom-fields", {"key": "tier", "label": "Tier", "type": "number"}), 201
    )
    assert contact_field["entity"] == "contact"
    dup = owner.post(
        "custom-fields", {"key": "tier", "label": "x", "type": "text", "entity": "company"}
    )
    assert dup.status_code == 409
    bad_entity = owner.post("custom-fields", {"label": "x", "type": "text", "entity": "deal"})
    assert "entity" in errors(bad_entity)
    assert "entity" in errors(owner.get("custom-fields?entity=deal"))
    [listed] = owner.ok(owner.get("custom-fields?entity=company"))["items"]
    assert listed["id"] == field["id"]
    assert [f["id"] for f in owner.ok(owner.get("custom-fields"))["items"]] == [contact_field["id"]]

    company = make_company(owner, custom={"tier": "A"})
    assert company["custom"] == {"tier": "A"}
    path = f"companies/{company['id']}"
    assert errors(owner.patch(path, {"custom": {"tier": "Z"}}))["custom.tier"] == [
        "Choose one of: A, B."
    ]
    assert "custom.nope" in errors(owner.patch(path, {"custom": {"nope": 1}}))
    assert "custom.bad\x00key" in errors(owner.patch(path, {"custom": {"bad\x00key": 1}}))
    # Contacts validate against their own definitions.
    assert "custom.tier" in errors(
        owner.post("contacts", {"email": "t@example.org", "custom": {"tier": "A"}})
    )
    assert make_contact(owner, custom={"tier": 3})["custom"] == {"tier": 3}
    assert owner.ok(owner.patch(path, {"custom": {"tier": None}}))["custom"] == {}
    owner.ok(owner.patch(path, {"custom": {"tier": "B"}}))
    assert owner.delete(f"custom-fields/{field['id']}").status_code == 204
    assert owner.ok(owner.get(path))["custom"] == {}
    assert "custom.tier" in errors(owner.patch(path, {"custom": {"tier": "A"}}))
