"""axe-core (from PyPI's axe-playwright-python, run in Chromium) on every page, inside the
map's frame, and on the offline file: no violation at all on the pages, none serious or
critical anywhere."""

from __future__ import annotations

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import FRONT_PATH, idle, map_frame, open_explorer

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
# Rules for a whole page, which the map's frame is not: it sits inside a page that has both.
WHOLE_PAGE = {"landmark-one-main", "page-has-heading-one"}


def _violations(target, impacts: set[str] | None = None, skip: set[str] = frozenset()) -> list[str]:
    """Each as 'rule: help (where)'; `impacts` None means every impact. What a person sees once
    the page is still: a violation counts if it is there again a second later (one CI run
    found a selected pill's contrast failing once, which no local run repeated)."""
    found = _run(target, impacts, skip)
    if found:
        time.sleep(1)
        found = _run(target, impacts, skip)
    return found


def _run(target, impacts: set[str] | None, skip: set[str]) -> list[str]:
    violations = Axe().run(target).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in violations
        if (impacts is None or v["impact"] in impacts) and v["id"] not in skip
    ]


def _blocking(target) -> list[str]:
    """What a person would be stopped by."""
    return _violations(target, BLOCKING)


@pytest.mark.parametrize("path", ["/?date=1953-07-14", "/Lecture?chapter=4&step=1", "/Evidence"])
def test_no_page_has_a_serious_accessibility_violation(page, app_url, path):
    page.goto(f"{app_url}{path}")
    if "Evidence" in path:
        page.get_by_role("heading", name="The evidence").wait_for()
    else:
        frame = map_frame(page)
        frame.wait_for_function("() => document.querySelector('.leaflet-container').dataset.settled === '1'")
        assert _blocking(frame) == []  # the map: named markers and buttons, readable contrast
        assert _violations(frame, skip=WHOLE_PAGE) == []  # a landmark, and zoom allowed
    idle(page)
    assert _violations(page) == []  # heading order included


def test_the_offline_file_has_no_serious_accessibility_violation(page, exported):
    page.goto(exported.as_uri())
    page.wait_for_selector(FRONT_PATH)
    assert _blocking(page) == []


FOCUSED = """() => { const e = document.activeElement;
  return { text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60) }; }"""
# The focused element shows the markers' ring: 3 px of the same orange (drawer.css).
RING = """() => { const s = getComputedStyle(document.activeElement);
  return s.outlineStyle === 'solid' && s.outlineWidth === '3px' && s.outlineColor === 'rgb(230, 159, 0)'; }"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_the_keyboard_can_skip_the_map_and_never_stops_on_its_lines(page, app_url):
    frame = open_explorer(page, app_url, "1953-07-14")
    assert frame.evaluate("() => [...document.querySelectorAll('path')].filter((p) => p.tabIndex >= 0).length") == 0
    page.keyboard.press("Tab")  # Streamlit's own first stop, past its sidebar to the page
    assert page.evaluate(FOCUSED)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the page's first stop
    assert page.evaluate(FOCUSED)["text"].startswith("Skip the map")
    page.wait_for_function(RING)  # as visible as the markers' orange ring
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('#the-day')")  # in the day's story, past the map


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_the_sidebars_focus_is_as_visible_as_the_maps(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14")
    idle(page)
    for _ in range(60):  # to the sidebar by the keyboard, as :focus-visible asks
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stSidebar\"]')"):
            break
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stSidebar\"]')")
    page.wait_for_function(RING)
