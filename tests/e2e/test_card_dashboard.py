"""The contact card as a dashboard, in Chromium: widgets dragged by their header stay where
they were put, an admin's locked default is what members get, and a phone sees one column."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from test_second_pass import _log_in

from factories.accounts import ApiClient, member_client, signup_client
from factories.contacts import make_contact

ARTIFACTS = Path(__file__).parent / "artifacts"
LAYOUT = re.compile(r"/card-layout$")
DEFAULT = re.compile(r"/card-layout/default$")


def _open_card(page: Page, client: ApiClient, contact: dict[str, Any]) -> None:
    page.goto("/login")
    _log_in(page, client.email)
    page.goto(f"/w/{client.workspace_id}/contacts/{contact['id']}")
    heading = re.compile("^" + re.escape(contact["first_name"]))
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(_widget(page, "activity").get_by_role("heading", name="Activity")).to_be_visible()


def _widget(page: Page, widget_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-widget="{widget_id}"]')


def _box(page: Page, widget_id: str) -> dict[str, float]:
    box = _widget(page, widget_id).bounding_box()
    assert box is not None
    return box


def _grid(page: Page) -> dict[str, float]:
    box = page.get_by_test_id("card-widgets").bounding_box()
    assert box is not None
    return box


def _settle(page: Page) -> None:
    """Widgets glide to their places (a CSS transition): wait until they stand still."""
    read = (
        "() => [...document.querySelectorAll('[data-widget]')]"
        ".map((n) => n.getBoundingClientRect().toJSON())"
    )
    last = page.evaluate(read)
    for _ in range(20):
        page.wait_for_timeout(150)
        now = page.evaluate(read)
        if now == last:
            return
        last = now
    raise AssertionError("the widgets kept moving")


def _top_widgets(page: Page) -> tuple[str, str]:
    """(top left, top right) widget ids: other modules add panels, the test takes what is
    there. The grid's top is scrolled to just under the page header first."""
    _settle(page)
    page.evaluate(
        "() => window.scrollBy(0, document.querySelector('[data-testid=card-widgets]')"
        ".getBoundingClientRect().top - 140)"
    )
    return tuple(  # type: ignore[return-value]
        page.evaluate(
            """() => {
              const grid = document.querySelector('[data-testid=card-widgets]')
                .getBoundingClientRect()
              const all = [...document.querySelectorAll('[data-widget]')]
                .map((n) => ({ id: n.dataset.widget, box: n.getBoundingClientRect() }))
                .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left)
              const left = all.find((w) => w.box.left < grid.left + 4)
              const right = all.find((w) => w.box.left > grid.left + grid.width / 2)
              return [left.id, right.id]
            }"""
        )
    )


def _drag_header(
    page: Page, widget_id: str, to_x: float, to_y: float, shot: str | None = None
) -> None:
    """Press on the widget's header and move the mouse as a person would."""
    header = _widget(page, widget_id).get_by_role("heading").first.bounding_box()
    assert header is not None
    page.mouse.move(header["x"] + 20, header["y"] + header["height"] / 2)
    page.mouse.down()
    page.mouse.move(to_x, to_y, steps=12)
    if shot:  # mid-drag: the widget under the mouse, its landing place marked
        page.wait_for_timeout(300)
        _shot(page, shot)
    page.mouse.up()


def _shot(page: Page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if full_page:
        page.evaluate("() => window.scrollTo(0, 0)")  # the fixed header stays on top
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def _move_right_to_top_left(page: Page, shot: str | None = None) -> tuple[str, str]:
    """Drags the top right widget to the top left corner; returns (moved, pushed down)."""
    left, right = _top_widgets(page)
    grid = _grid(page)
    with page.expect_response(lambda r: r.request.method == "PUT" and LAYOUT.search(r.url)) as put:
        _drag_header(page, right, grid["x"] + 40, grid["y"] + 10, shot)
    assert put.value.status == 200
    expect(page.get_by_text("Saving your layout…")).to_have_count(0)
    _is_top_left(page, right, left)
    return right, left


def _is_top_left(page: Page, moved: str, pushed: str) -> None:
    _settle(page)
    grid, box, other = _grid(page), _box(page, moved), _box(page, pushed)
    assert abs(box["x"] - grid["x"]) < 4 and abs(box["y"] - grid["y"]) < 4, (box, grid)
    assert other["y"] >= box["y"] + box["height"]  # pushed below it


def test_a_widget_dragged_by_its_header_stays_there_after_a_reload(app, new_page) -> None:
    owner = signup_client(app)
    contact = make_contact(owner, first_name="Dorota")
    page = new_page(width=1280, height=900)
    _open_card(page, owner, contact)
    expect(page.get_by_test_id("card-widgets")).to_have_attribute("data-layout", "grid")
    _shot(page, "card-layout-1280-builtin.png")
    moved, pushed = _move_right_to_top_left(page, shot="card-layout-1280-dragging.png")
    saved = owner.ok(owner.get("card-layout"))
    assert saved["source"] == "mine"
    [place] = [item for item in saved["layout"] if item["i"] == moved]
    assert (place["x"], place["y"]) == (0, 0)

    page.reload()
    expect(_widget(page, "activity").get_by_role("heading", name="Activity")).to_be_visible()
    _top_widgets(page)
    _is_top_left(page, moved, pushed)
    _shot(page, "card-layout-1280-moved.png")
    _shot(page, "card-layout-1280.png", full_page=True)
    # Notes stay usable inside their widget: write one, see it there.
    _widget(page, "notes").get_by_label("New note").fill("Oddzwonić po 15:00")
    _widget(page, "notes").get_by_role("button", name="Add note").click()
    expect(_widget(page, "notes").get_by_test_id("note")).to_have_count(1)

    page.get_by_role("button", name="Layout", exact=True).click()
    page.get_by_role("menuitem", name="Reset layout").click()
    expect(page.get_by_text("Back to the workspace default.")).to_be_visible()
    assert _top_widgets(page) == (pushed, moved)
    assert owner.ok(owner.get("card-layout"))["source"] == "builtin"


def test_an_admins_locked_default_is_what_a_member_gets(app, new_page) -> None:
    owner = signup_client(app)
    member = member_client(app, owner)
    contact = make_contact(owner, first_name="Zenon")
    admin = new_page(width=1280, height=900)
    _open_card(admin, owner, contact)
    moved, pushed = _move_right_to_top_left(admin)
    admin.get_by_role("button", name="Layout", exact=True).click()
    admin.get_by_role("menuitem", name="Publish as default…").click()
    dialog = admin.get_by_role("dialog", name="Publish as the workspace default")
    dialog.get_by_label("Lock for members").check()
    with admin.expect_response(lambda r: r.request.method == "PUT" and DEFAULT.search(r.url)):
        dialog.get_by_role("button", name="Publish").click()
    expect(admin.get_by_text("Layout locked for members")).to_be_visible()
    published = owner.ok(owner.get("card-layout/default"))
    assert published["locked"] is True
    assert any((i["i"], i["x"], i["y"]) == (moved, 0, 0) for i in published["layout"])

    page = new_page(width=1280, height=900)
    _open_card(page, member, contact)
    expect(page.get_by_text("Layout locked by your admin")).to_be_visible()
    assert _top_widgets(page)[0] == moved
    _is_top_left(page, moved, pushed)
    _shot(page, "card-layout-1280-locked.png")
    writes: list[str] = []
    page.on("request", lambda r: writes.append(r.url) if r.method != "GET" else None)
    before = _box(page, moved)
    grid = _grid(page)
    _drag_header(page, moved, grid["x"] + grid["width"] - 60, grid["y"] + 200)
    page.wait_for_timeout(1000)  # longer than the save delay
    assert _box(page, moved) == before
    assert writes == []
    expect(page.locator(".card-panel-handle")).to_have_count(0)
    expect(page.get_by_role("button", name="Layout", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Reset layout")).to_have_count(0)


def test_the_card_at_390_px_is_one_column_in_layout_order(app, new_page) -> None:
    owner = signup_client(app)
    contact = make_contact(owner, first_name="Jarosław", last_name="Żółkiewski-Brzęczyszczykiewicz")
    layout = [
        {"i": "activity", "x": 6, "y": 0, "w": 6, "h": 10},
        {"i": "notes", "x": 0, "y": 0, "w": 6, "h": 6},
    ]
    owner.ok(owner.put("card-layout", {"layout": layout}))
    page = new_page(width=390, height=844)
    _open_card(page, owner, contact)
    widgets = page.get_by_test_id("card-widgets")
    expect(widgets).to_have_attribute("data-layout", "stack")
    ids = widgets.locator("[data-widget]").evaluate_all("nodes => nodes.map(n => n.dataset.widget)")
    assert ids[:2] == ["notes", "activity"]  # top to bottom, then left to right
    boxes = [_box(page, i) for i in ids]
    assert len({round(b["x"]) for b in boxes}) == 1 and len({round(b["width"]) for b in boxes}) == 1
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".card-panel-handle").count() == 0  # nothing to drag on a phone
    # Natural height: the timeline is not cut to a grid cell.
    activity = _widget(page, "activity")
    assert activity.evaluate("n => n.scrollHeight <= n.clientHeight + 1")
    _shot(page, "card-layout-390.png", full_page=True)
