"""The evidence page's charts in a real browser, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from src.evidence import CHECK_GROUPS
from tests.browser.conftest import idle

pytestmark = pytest.mark.browser


def test_the_charts_render(page, app_url):
    page.goto(f"{app_url}/Evidence?date=1953-07-16")
    expect(page.get_by_role("heading", name="Ground over time")).to_be_visible()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4)
    for index in range(4):
        charts.nth(index).scroll_into_view_if_needed()
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.offline.blocked == []


# Every cell of the checks tables measured in the page: the table no wider than its box (no
# sideways scroll), the box inside the window, and no cell whose content overflows it.
CHECKS_LAYOUT = """() => [...document.querySelectorAll('[data-testid="stTable"]')].map(el => {
  const table = el.querySelector('table'), box = table.parentElement, right = el.getBoundingClientRect().right;
  const cut = [...table.querySelectorAll('th, td')].filter(cell => {
    const r = cell.getBoundingClientRect();
    const inner = [...cell.querySelectorAll('*')].some(child => {
      const c = child.getBoundingClientRect();
      return c.right > r.right + 1 || c.bottom > r.bottom + 1 || c.left < r.left - 1;
    });
    return inner || cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1;
  }).map(cell => cell.innerText.trim().slice(0, 40));
  const shown = [...table.querySelectorAll('thead th')]
    .filter(th => th.getBoundingClientRect().right <= window.innerWidth).map(th => th.innerText.trim());
  return {scroll: box.scrollWidth - box.clientWidth, inWindow: right <= window.innerWidth, shown, cut};
})"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_the_checks_fit_1280_with_the_value_and_verdict_and_no_cell_cut(page, app_url):
    page.goto(f"{app_url}/Evidence")
    tables = page.locator('[data-testid="stTable"]')
    expect(tables).to_have_count(len(CHECK_GROUPS))
    expect(tables.first.get_by_role("columnheader", name="the atlas gives")).to_be_visible()
    idle(page)
    for table in page.evaluate(CHECKS_LAYOUT):
        assert table["scroll"] <= 0, "the table scrolls sideways"
        assert table["inWindow"]
        assert {"the atlas gives", "verdict"} <= set(table["shown"])  # their headers inside the window
        assert table["cut"] == []
    assert page.locator('[data-testid="stException"]').count() == 0
