"""What a click on the map opens, on the harness page: the source one more click away, the
credits of the data drawn, and a popup that goes with its day."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.harness import open_day
from tests.browser.mapread import settled

pytestmark = pytest.mark.browser


def test_a_popup_links_its_sources(page, harness):
    open_day(page, harness, "1953-07-14")
    page.locator('.leaflet-marker-icon[aria-label^="Hill 973:"]').click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Source:")
    link = popup.locator("a[href^='https://']").first
    expect(link).to_be_visible()
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    page.evaluate("() => Atlas.live.show('1953-07-15')")
    settled(page, "1953-07-15")
    expect(page.locator(".leaflet-popup")).to_have_count(0)


def test_a_popup_of_what_stays_closes_when_the_day_changes(page, harness):
    """A town is drawn the same every day (its layer is not redrawn), yet its popup goes."""
    open_day(page, harness, "1953-07-14")
    x, y = page.evaluate(
        "() => { const [lon, lat] = Atlas.live.scene.features.kumsong.g.coordinates;"
        " const p = Atlas.live.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }"
    )
    page.mouse.click(x, y)
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Kumsong")
    page.evaluate("() => Atlas.live.show('1953-07-15')")
    settled(page, "1953-07-15")
    expect(page.locator(".leaflet-popup")).to_have_count(0)


def test_the_map_credits_the_rivers_to_openstreetmap(page, harness):
    open_day(page, harness, "1953-07-14")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("© OpenStreetMap contributors (ODbL)")
