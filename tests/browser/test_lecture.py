"""The lecture page in a real browser: a chapter renders, keys and clicker keys step it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FRONT_PATH, idle, keep_screenshot, map_frame
from tests.browser.mapread import follow_name

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_chapter_renders_and_keys_step_it(page, app_url):
    page.goto(f"{app_url}/Lecture?chapter=2&step=1")
    frame = map_frame(page)
    expect(page.get_by_role("heading", name="The first assault")).to_be_visible()
    assert frame.locator(FRONT_PATH).count() == 1
    assert frame.locator(".atlas-fullscreen").count() == 1
    keep_screenshot(page, "lecture")

    page.get_by_role("heading", name="The first assault").click()  # focus the page, not the map
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("(step 2 of 9)")).to_be_visible()
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    expect(page.get_by_text("(step 3 of 9)")).to_be_visible()
    page.keyboard.press("PageUp")
    expect(page.get_by_text("(step 2 of 9)")).to_be_visible()
    expect(page).to_have_url(re.compile(r"chapter=2&step=2"))
    page.keyboard.press("End")
    expect(page.get_by_role("heading", name="The armistice line")).to_be_visible()
    assert page.offline.blocked == []


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_place_in_a_slides_points_flies_the_map_to_it(page, app_url):
    page.goto(f"{app_url}/Lecture?chapter=2&step=5")
    frame = map_frame(page)
    idle(page)
    seen = follow_name(page, frame, "capitol-hill")  # '14 June: Capitol Hill fell; …'
    assert seen["off"] < 2  # the ring is on the map's centre
    page.keyboard.press("PageDown")  # the clicker still steps the lecture after the click
    expect(page.locator("p", has_text="of 6").first).to_contain_text("step 6 of 9")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_full_screen_keeps_the_slides_context_and_fits_the_chapter_to_the_screen(page, app_url):
    page.goto(f"{app_url}/Lecture?chapter=4&step=2")
    frame = map_frame(page)
    idle(page)
    context = frame.locator(".atlas-context")
    expect(context).to_be_hidden()  # the page shows it itself
    frame.locator(".atlas-fullscreen").click()
    expect(context).to_be_visible()
    expect(context).to_have_text(
        "The renewed assault and the collapse of the bulge · chapter 4 of 6 · 14 Jul 1953 · step 2 of 3"
    )
    frame.wait_for_function("() => Atlas.live.map.getSize().y === innerHeight && innerHeight === screen.height")
    frame.wait_for_function("() => document.querySelector('.leaflet-container').dataset.settled === '1'")
    # the chapter's ground fills the screen below the context
    frame.wait_for_function(
        """() => { const m = Atlas.live.map, b = m.getBounds(), top = document.querySelector('.atlas-context');
        const [[s, w], [n, e]] = [[38.24, 127.4], [38.44, 127.92]];
        const p = m.latLngToContainerPoint([n, w]);
        return b.contains([[s, w], [n, e]]) && p.y >= top.offsetTop + top.offsetHeight - 1; }"""
    )
    page.keyboard.press("PageDown")  # the clicker steps on in full screen, and the context follows
    expect(context).to_contain_text("15 Jul 1953 · step 3 of 3")
    frame.locator(".atlas-fullscreen").click()  # and out again
    expect(context).to_be_hidden()
