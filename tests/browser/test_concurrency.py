"""A few readers stepping the explorer at the same time, each in their own browser context:
no step is lost, no day goes backwards, and each ends on the day it chose."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from src.calendar import day_label
from tests.browser.conftest import Offline

pytestmark = pytest.mark.browser

STARTS = (date(1953, 6, 12), date(1953, 6, 25), date(1953, 7, 8))
STEPS = 5
WATCH_DAYS = """() => {
  window.__days = [];
  const note = () => {
    const day = [...document.querySelectorAll('h2, h3')].map(h => h.innerText).find(t => /^\\d+ \\w{3} 1953$/.test(t));
    if (day && window.__days[window.__days.length - 1] !== day) window.__days.push(day);
  };
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true});
  note();
}"""


def test_three_readers_stepping_at_once_lose_no_step(browser, app_url):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in STARTS]
    try:
        pages = []
        for context, start in zip(contexts, STARTS, strict=True):
            page = context.new_page()
            page.offline = Offline(page)
            page.set_default_timeout(60_000)
            page.goto(f"{app_url}/?date={start.isoformat()}")
            page.get_by_role("heading", name=day_label(start), exact=True).wait_for()
            page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
            page.evaluate(WATCH_DAYS)
            pages.append(page)
        for step in range(1, STEPS + 1):
            for page in pages:  # all three click before any step has landed
                page.get_by_role("button", name="Next ▶").click()
            for page, start in zip(pages, STARTS, strict=True):
                page.get_by_role("heading", name=day_label(start + timedelta(days=step)), exact=True).wait_for()
        for page in pages:
            page.wait_for_timeout(1500)  # anything late would show now
        for page, start in zip(pages, STARTS, strict=True):
            wanted = [day_label(start + timedelta(days=k)) for k in range(STEPS + 1)]
            assert page.evaluate("() => window.__days") == wanted
            assert f"date={(start + timedelta(days=STEPS)).isoformat()}" in page.url
            assert page.offline.failed == []
    finally:
        for context in contexts:
            context.close()
