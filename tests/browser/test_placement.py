"""Placement on the harness page (Leaflet, the drawer and the scene, nothing else) at a
phone's, a 1280 projector's and a 1920 screen's size: a map that never lies."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from src.styles import NAME_PX, PROJECTOR_NAME_SHARE
from tests.browser.harness import open_day, write_harness
from tests.browser.mapread import NAMED_SHARE, broken_promises, legend_moves_nothing, read_map, settled

pytestmark = pytest.mark.browser

SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
DAYS = ["1953-06-10", "1953-06-14", "1953-06-18", "1953-07-07", "1953-07-14", "1953-07-16", "1953-07-20", "1953-07-27"]


@pytest.mark.parametrize("viewport", SIZES)
def test_every_day_is_drawn_where_it_stood_and_names_its_places(page, harness, viewport):
    page.goto(harness.as_uri())
    page.wait_for_function("() => window.Atlas && Atlas.live")
    problems = {}
    for day in DAYS:
        page.evaluate("(d) => Atlas.live.show(d)", day)
        settled(page, day)
        found = broken_promises(read_map(page), NAMED_SHARE[viewport["width"]])
        if found:
            problems[day] = found
    assert not problems, "\n".join(f"{day}: {found}" for day, found in problems.items())


@pytest.mark.parametrize("viewport", [SIZES[1]])
def test_a_chapters_places_are_named_before_all_others(page, harness, battle):
    keep = ("hill-938", "christmas-hill", "finger-ridge", "sniper-ridge", "triangle-hill")
    open_day(page, harness, "1953-07-14", keep)
    seen = read_map(page, keep)
    assert seen["storyMissing"] == []
    names = page.eval_on_selector_all(
        ".atlas-name .atlas-label.kept", "ls => ls.map((l) => l.closest('.atlas-name').dataset.f)"
    )
    assert set(keep) <= set(names)  # drawn as the story's (bold)


@pytest.mark.parametrize("viewport", SIZES)
def test_opening_the_legend_moves_nothing(page, harness):
    open_day(page, harness, "1953-07-14")
    legend_moves_nothing(page)


@pytest.mark.parametrize("viewport", [SIZES[0]])
def test_a_formation_standing_for_its_units_says_so_and_opens_them(page, harness):
    open_day(page, harness, "1953-07-14")
    badge = page.locator(".atlas-agg .atlas-badge").first
    expect(badge).to_be_visible()
    members = badge.evaluate("b => b.closest('.atlas-agg').dataset.members.split(' ')")
    assert int(badge.inner_text()) == len(members) >= 2
    zoom = page.evaluate("() => Atlas.live.map.getZoom()")
    shown = len(read_map(page)["units"])
    badge.click()
    page.wait_for_function("(z) => Atlas.live.map.getZoom() > z", arg=zoom)
    settled(page, "1953-07-14")
    opened = read_map(page)
    assert any(u["id"] in members for u in opened["units"])  # a unit it stood for, now drawn itself
    assert broken_promises(opened, 0) == []
    assert len(opened["units"]) > shown  # the zoom opened it


@pytest.mark.parametrize("viewport", [SIZES[1]])
def test_a_unit_outside_the_view_is_not_drawn_in_it(page, harness):
    open_day(page, harness, "1953-07-14")
    page.evaluate("() => Atlas.live.map.setView([38.33, 127.75], 12, {animate: false})")
    settled(page, "1953-07-14")
    seen = read_map(page)
    assert seen["outside"] == []
    assert seen["across"] == []
    hidden = page.evaluate("""() => [...document.querySelectorAll('.atlas-unit[data-f]')].filter((e) => {
      const [lon, lat] = Atlas.live.scene.features[e.dataset.f].g.coordinates;
      const p = Atlas.live.map.latLngToContainerPoint([lat, lon]), s = Atlas.live.map.getSize();
      return p.x < 0 || p.y < 0 || p.x > s.x || p.y > s.y; }).every((e) => e.style.display === 'none')""")
    assert hidden


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_a_projectors_names_are_a_share_of_the_screens_height(page, battle, tmp_path, viewport):
    """What the back row reads: the lecture's names, places' and units' alike, are
    PROJECTOR_NAME_SHARE of the screen's height; a phone that opens the lecture's link keeps
    the map's own sizes."""
    projector = write_harness(battle, tmp_path, {"nameShare": PROJECTOR_NAME_SHARE}, "projector")
    open_day(page, projector, "1953-07-14")
    sizes = page.eval_on_selector_all(
        ".atlas-name .atlas-label, .atlas-field",
        "ls => ls.filter((l) => l.checkVisibility({ visibilityProperty: true }))"
        ".map((l) => parseFloat(getComputedStyle(l).fontSize))",
    )
    assert page.locator(".atlas-field").count() > 0
    if viewport["width"] < 600:
        assert max(sizes) <= NAME_PX + 1  # a town's is a pixel larger
    else:
        assert min(sizes) >= PROJECTOR_NAME_SHARE * viewport["height"] - 0.01
    assert broken_promises(read_map(page)) == []
