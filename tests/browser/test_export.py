"""The exported file opened from disk, with no network, as a lecturer would."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import keep_screenshot

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
