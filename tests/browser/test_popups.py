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


def _open_unit(page, fid: str) -> None:
    """Zoom in on the unit (so no formation stands for it) and click its symbol."""
    page.evaluate(
        "(f) => { const [lon, lat] = Atlas.live.scene.features[f].g.coordinates;"
        " Atlas.live.map.setView([lat, lon], 13); }",
        fid,
    )
    page.wait_for_function("() => document.querySelector('.leaflet-container').dataset.settled === '1'")
    page.locator(f'.atlas-unit[data-f="{fid}"] .atlas-sym').click()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_unit_that_moved_shows_its_track_while_its_popup_is_open(page, harness, battle):
    open_day(page, harness, "1953-07-14")
    _open_unit(page, "rok-8-jul")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Positions held:")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Its events:")
    expect(page.locator("path.atlas-track")).to_have_count(1)
    dates = page.locator(".atlas-track-when").all_inner_texts()
    assert dates == ["10 Jun 1953 – 14 Jun 1953", "15 Jun 1953 – 13 Jul 1953", "14 Jul 1953 – 27 Jul 1953"]
    points = page.evaluate(
        "() => { const out = []; Atlas.live.map.eachLayer((l) => {"
        " if (l.options.className === 'atlas-track-point') out.push(l.getLatLng()); }); return out; }"
    )
    for point, fid in zip(points, ["rok-8-jun", "rok-8-mid", "rok-8-jul"], strict=True):
        lon, lat = battle.atlas["units"].loc[fid].geometry.coords[0]
        assert (point["lat"], point["lng"]) == pytest.approx((lat, lon), abs=2e-4)  # each where the unit stood
    page.keyboard.press("Escape")
    expect(page.locator("path.atlas-track")).to_have_count(0)


@pytest.mark.parametrize("touch", [True])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_a_popup_fits_inside_a_phones_map_clear_of_its_buttons(page, harness):
    open_day(page, harness, "1953-07-14")
    _open_unit(page, "rok-8-jul")
    popup = page.locator(".leaflet-popup-content-wrapper")
    expect(popup).to_be_visible()
    page.wait_for_timeout(400)  # the map pans the popup into view
    box, inside = popup.bounding_box(), page.locator(".leaflet-container").bounding_box()
    buttons = page.locator(".leaflet-control-zoom").bounding_box()
    assert inside["x"] <= box["x"]
    assert box["x"] + box["width"] <= inside["x"] + inside["width"]
    assert inside["y"] <= box["y"]
    assert box["y"] + box["height"] <= inside["y"] + inside["height"]
    assert box["x"] >= buttons["x"] + buttons["width"]  # clear of the zoom buttons
    expect(page.locator(".leaflet-popup-close-button")).to_be_in_viewport()
