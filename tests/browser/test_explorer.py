"""What a reader sees in a real browser with no internet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FRONT_PATH, idle, keep_screenshot, map_frame, open_explorer
from tests.browser.mapread import follow_name, settled
from tests.browser.touch import swipe

pytestmark = pytest.mark.browser


def _front(frame) -> dict:
    return frame.eval_on_selector(
        FRONT_PATH, "p => ({d: p.getAttribute('d'), dash: p.getAttribute('stroke-dasharray')})"
    )


def _view(frame) -> dict:
    return frame.evaluate("() => ({c: window.map.getCenter(), z: window.map.getZoom()})")


def test_the_map_renders_offline_with_the_front_line(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    assert frame.locator(FRONT_PATH).count() == 1
    assert _front(frame)["dash"] is None  # 14 July is a dated state: drawn solid (between states, dashed)
    assert frame.locator(".leaflet-marker-icon").count() > 10  # hills, units, labels
    expect(page.locator(".atlas-day .figure").first).to_contain_text("Ground lost since 10 June")
    assert page.offline.blocked == []
    assert page.offline.failed == []
    keep_screenshot(page, "screenshot")


def test_stepping_changes_the_line_without_reloading_the_map(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-13")
    frame = map_frame(page)
    frame.evaluate("() => { window.__kept = 'same map'; window.map.setView([38.33, 127.65], 12); }")
    expect(page).to_have_url(re.compile(r"lat=38\.33.*zoom=12"))  # the reader's view has reached the app
    before_view, before_line = _view(frame), _front(frame)
    assert before_line["dash"] is None  # 13 July is a dated state
    page.get_by_role("button", name=re.compile("Next")).click()
    frame.wait_for_function(
        f"d => document.querySelector('{FRONT_PATH}').getAttribute('d') !== d", arg=before_line["d"]
    )
    assert frame.evaluate("() => window.__kept") == "same map"
    assert _view(frame) == before_view
    expect(page.get_by_role("heading", name="14 Jul 1953")).to_be_visible()
    expect(page).to_have_url(re.compile("date=1953-07-14"))  # the server's rerun (the heading comes first)
    assert page.offline.failed == []


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_shared_link_opens_the_quarter_step_view_it_was_copied_from(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    idle(page)
    # as the first view fits the battle (9.25, 9.5 ... by the frame's size), then moved
    frame.evaluate("() => window.map.setView(window.map.getCenter(), 9.75, {animate: false})")
    frame.evaluate("() => window.map.panBy([40, 0], {animate: false})")
    expect(page).to_have_url(re.compile(r"zoom=9\.75(&|$)"))
    seen = _view(frame)
    page.goto(page.url)
    frame = map_frame(page)
    opened = _view(frame)
    assert opened["z"] == seen["z"]
    assert abs(opened["c"]["lat"] - seen["c"]["lat"]) < 1e-3
    assert abs(opened["c"]["lng"] - seen["c"]["lng"]) < 1e-3


def test_the_map_and_the_panel_show_a_step_before_the_server_answers(page, app_url):
    """Next and its key move the front and change the day's panel at once; the server's rerun
    then confirms the day with the same panel, and a day the server never confirms gives way
    to the server's own."""
    page.goto(f"{app_url}/?date=1953-07-13")
    frame = map_frame(page)
    frame.locator('.leaflet-container[data-panels="ready"]').wait_for()
    idle(page)
    at_once = """(how) => {
        const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]')
            .contentDocument.querySelector('.leaflet-container');
        if (how === 'click') document.querySelector('.st-key-step_next button').click();
        else document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n', code: 'KeyN', keyCode: 78, bubbles: true}));
        // read in the same task as the press: no message has left the page yet
        return [map.dataset.day, document.querySelector('.atlas-day').outerHTML];
    }"""
    panel = "() => document.querySelector('.atlas-day').outerHTML"
    day, shown = page.evaluate(at_once, "click")
    assert day == "1953-07-14"
    assert 'data-day="1953-07-14"' in shown
    expect(page.get_by_role("heading", name="14 Jul 1953")).to_be_visible()
    idle(page)
    assert page.evaluate(panel) == shown  # the server's panel is the one shown ahead of it
    settled(frame, "1953-07-14")  # the map laid out and its view reported (CI once saw N land during that rerun)
    idle(page)
    day, shown = page.evaluate(at_once, "key")
    assert day == "1953-07-15"
    assert 'data-day="1953-07-15"' in shown
    expect(page).to_have_url(re.compile("date=1953-07-15"))
    idle(page)
    assert page.evaluate(panel) == shown
    frame.evaluate("() => Atlas.live.preview('1953-06-20')")  # a day the server never chose
    assert frame.evaluate("() => document.querySelector('.leaflet-container').dataset.day") == "1953-06-20"
    expect(page.get_by_role("heading", name="20 Jun 1953")).to_be_visible()
    frame.wait_for_function(
        "() => document.querySelector('.leaflet-container').dataset.day === '1953-07-15'", timeout=10_000
    )
    expect(page.get_by_role("heading", name="15 Jul 1953")).to_be_visible()
    assert page.evaluate(panel) == shown


def test_the_arrow_keys_step_the_slider(page, app_url):
    page.goto(f"{app_url}/?date=1953-06-20")
    frame = map_frame(page)
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("heading", name="21 Jun 1953")).to_be_visible()
    assert _front(frame)["dash"] == "10 8"  # between dated states the line is dashed
    expect(page).to_have_url(re.compile("date=1953-06-21"))


def test_a_deep_link_opens_that_day_and_place(page, app_url):
    page.goto(f"{app_url}/?date=1953-06-18&lat=38.36&lon=127.80&zoom=12")
    frame = map_frame(page)
    expect(page.get_by_role("heading", name="18 Jun 1953")).to_be_visible()
    assert _front(frame)["dash"] is None  # a dated state: solid
    view = _view(frame)
    assert view["z"] == 12
    assert abs(view["c"]["lat"] - 38.36) < 1e-3
    assert abs(view["c"]["lng"] - 127.80) < 1e-3


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1400}])  # the whole map in view: no scroll mid-click
def test_a_hill_popup_shows_its_source_and_the_day_shown(page, app_url):
    page.goto(f"{app_url}/?date=1953-06-20&layers=hills&lat=38.366&lon=127.845&zoom=13")
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_selector(".leaflet-marker-icon svg")
    frame.locator(".leaflet-marker-icon svg").first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Source:")
    expect(popup).to_contain_text("20 Jun 1953: held by")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Next ▶").click()
    frame.wait_for_function("() => document.querySelector('.leaflet-container').dataset.day === '1953-06-21'")
    frame.locator(".leaflet-marker-icon svg").first.click()
    expect(popup).to_contain_text("21 Jun 1953: held by")  # the day shown, though the hill was not redrawn


def test_a_bad_link_shows_a_notice_not_an_error(page, app_url):
    page.goto(f"{app_url}/?date=1953-13-45&zoom=9999&layers=%3Cscript%3E")
    expect(page.get_by_text("Ignored date").first).to_be_visible()
    expect(page.get_by_text("Ignored zoom").first).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    map_frame(page)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_the_page_works_on_a_phone(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-16")
    frame = map_frame(page)
    assert frame.locator(FRONT_PATH).count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.get_by_role("slider")).to_be_visible()
    page.get_by_text("What happened").scroll_into_view_if_needed()
    expect(page.get_by_text("What happened")).to_be_visible()


def test_play_advances_day_by_day_and_pauses(page, app_url):
    page.goto(f"{app_url}/?date=1953-06-12")
    map_frame(page)
    page.get_by_role("button", name="▶ Play").click()
    expect(page.get_by_role("heading", name="13 Jun 1953")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("heading", name="14 Jun 1953")).to_be_visible(timeout=10_000)
    page.get_by_role("button", name="❚❚ Pause").click()
    shown = page.get_by_role("heading", name=re.compile(r"\d+ Jun 1953")).inner_text()
    page.wait_for_timeout(3000)  # a pause must hold: nothing may advance the day now
    assert page.get_by_role("heading", name=re.compile(r"\d+ Jun 1953")).inner_text() == shown


def test_a_name_in_the_days_panel_flies_the_map_to_it(page, app_url):
    frame = open_explorer(page, app_url, "1953-07-14")
    seen = follow_name(page, frame, "pva-199")  # a unit an event names
    assert seen["off"] < 2  # the ring is on the map's centre
    assert seen["zoom"] >= 12


def test_steps_replace_the_address_so_back_leaves_the_page(page, app_url):
    """Back never walks through days the page no longer follows: each step replaces the
    page's entry in the history, and Back goes where the reader came from."""
    page.goto(f"{app_url}/Evidence")  # where the reader came from
    idle(page)
    open_explorer(page, app_url, "1953-07-13")
    entries = page.evaluate("() => history.length")
    for day in ("1953-07-14", "1953-07-15", "1953-07-16"):
        page.get_by_role("button", name=re.compile("Next")).click()
        expect(page).to_have_url(re.compile(f"date={day}"))
        idle(page)
    assert page.evaluate("() => history.length") == entries
    page.go_back()
    expect(page).to_have_url(re.compile("/Evidence"))


@pytest.mark.parametrize(("viewport", "touch"), [({"width": 390, "height": 844}, True)])
def test_on_a_phone_a_swipe_over_the_map_scrolls_the_page(page, app_url):
    frame = open_explorer(page, app_url, "1953-07-14")
    centre = frame.evaluate("() => Atlas.live.map.getCenter()")
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    swipe(page, box["x"] + box["width"] / 2, min(box["y"] + box["height"] * 0.6, 800), -250)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop > 100")
    assert frame.evaluate("() => Atlas.live.map.getCenter()") == centre
