"""The lecture page in a real browser: a chapter renders, keys and clicker keys step it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FRONT_PATH, keep_screenshot, map_frame

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
