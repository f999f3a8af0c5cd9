"""The exported file opened from disk, with no network, as a lecturer would."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from src.calendar import day_label
from src.hall_link import follow_link
from src.lecture import Position
from tests.browser.conftest import keep_screenshot
from tests.browser.mapread import follow_name
from tests.browser.touch import swipe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_the_file_renders_offline_and_plays(page, exported):
    page.goto(exported.as_uri())
    expect(page.locator("#day-label")).to_have_text("10 Jun 1953")  # 1953 is before the epoch: no shift
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 5")
    expect(page.locator("#panel h2")).to_have_text("10 Jun 1953")
    keep_screenshot(page, "export")
    page.get_by_role("button", name="▶ Play").click()
    expect(page.locator("#day-label")).to_have_text("11 Jun 1953", timeout=5000)
    page.get_by_role("button", name="❚❚ Pause").click()
    page.get_by_role("button", name="4. The renewed assault and the collapse of the bulge").click()
    expect(page.locator("#day-label")).to_have_text("13 Jul 1953")
    page.keyboard.press("End")
    expect(page.locator("#day-label")).to_have_text("27 Jul 1953")
    assert page.offline.blocked == []


def test_a_hash_opens_that_day_and_popups_carry_sources(page, exported):
    page.goto(exported.as_uri() + "#1953-07-14")
    expect(page.locator("#day-label")).to_have_text("14 Jul 1953")
    page.locator(".leaflet-marker-icon svg").first.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Source:")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_follow_along_link_opens_a_chapters_step_and_a_clicker_steps_on(page, exported):
    """A hall's link (#chapter=4&step=2, as the Lecture's) opens that slide; Page Down steps
    on into the next chapter as the Lecture does; an arrow walks the days again."""
    page.goto(exported.as_uri() + "#chapter=4&step=2")
    expect(page.locator("#day-label")).to_have_text("14 Jul 1953")
    expect(page.locator("#chapter-list .current")).to_have_text("4. The renewed assault and the collapse of the bulge")
    expect(page.locator("#chapter-details")).to_have_attribute("open", "")
    page.locator("#panel").click()
    for expected in ["#chapter=4&step=3", "#chapter=5&step=1"]:
        page.keyboard.press("PageDown")
        page.wait_for_function("(h) => location.hash === h", arg=expected)
    expect(page.locator("#day-label")).to_have_text("16 Jul 1953")
    page.keyboard.press("PageUp")
    page.wait_for_function("() => location.hash === '#chapter=4&step=3'")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.hash === '#1953-07-16'")
    page.evaluate("() => { location.hash = 'chapter=2&step=99'; }")  # past the chapter's end: its last step
    page.wait_for_function("() => location.hash === '#chapter=2&step=9'")
    expect(page.locator("#day-label")).to_have_text("18 Jun 1953")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_home_and_end_pause_play(page, exported):
    page.goto(exported.as_uri())
    page.get_by_role("button", name="▶ Play").click()
    page.keyboard.press("End")
    expect(page.locator("#day-label")).to_have_text("27 Jul 1953")
    page.keyboard.press("Home")
    expect(page.locator("#day-label")).to_have_text("10 Jun 1953")
    expect(page.get_by_role("button", name="▶ Play")).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(1500)  # longer than one step of play
    expect(page.locator("#day-label")).to_have_text("10 Jun 1953")


@pytest.mark.parametrize("touch", [True])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_a_phone_sees_the_map_first(page, exported):
    page.goto(exported.as_uri() + "#1953-07-14")
    expect(page.locator("#day-label")).to_have_text("14 Jul 1953")
    top = page.locator("#map").bounding_box()["y"]
    assert top < 0.2 * 844, f"the map starts at y={top:.0f} of 844"
    assert page.locator("#map").bounding_box()["y"] + 0.55 * 844 <= 844  # the whole map in the first screen


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_the_lectures_hall_link_opens_the_file_on_the_lectures_slide(page, exported, chapters):
    """The link a slide shows (src/hall_link.py), with the file where the host would have it."""
    for pos in [Position(3, 1), Position(2, 16), Position(5, 0)]:
        page.goto(follow_link(exported.as_uri(), pos))
        page.reload()  # a new hash alone does not reload a page: a phone opens the link afresh
        chapter = chapters[pos.chapter]
        expect(page.locator("#day-label")).to_have_text(day_label(chapter.steps[pos.step]))
        expect(page.locator("#chapter-list .current")).to_have_text(f"{pos.chapter + 1}. {chapter.title}")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_name_in_the_days_text_flies_the_map_to_it(page, exported, battle):
    page.goto(exported.as_uri() + "#1953-07-14")
    expect(page.locator("#day-label")).to_have_text("14 Jul 1953")
    seen = follow_name(page, page, "kyoam-san")
    assert seen["off"] < 2  # the ring is on the map's centre
    lon, lat = battle.atlas["places"].loc["kyoam-san"].geometry.coords[0]
    centre = page.evaluate("() => Atlas.live.map.getCenter()")
    assert (centre["lat"], centre["lng"]) == pytest.approx((lat, lon), abs=1e-3)
    assert seen["zoom"] >= 12
    assert page.evaluate("() => location.hash") == "#1953-07-14"  # a name is no step of the day


@pytest.mark.parametrize("touch", [True])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_on_a_phone_one_finger_scrolls_the_page_and_two_move_the_map(page, exported):
    page.goto(exported.as_uri() + "#1953-07-14")
    expect(page.locator("#day-label")).to_have_text("14 Jul 1953")
    centre = page.evaluate("() => Atlas.live.map.getCenter()")
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
    swipe(page, x, y, -250)
    page.wait_for_function("() => scrollY > 100")  # the page moved under the finger
    assert page.evaluate("() => Atlas.live.map.getCenter()") == centre  # the map did not
    page.evaluate("() => scrollTo(0, 0)")
    swipe(page, x, y, -120, fingers=2)
    # the map follows two fingers up: what lay south of its centre comes into the middle
    page.wait_for_function("(c) => Atlas.live.map.getCenter().lat < c.lat - 0.005", arg=centre)
