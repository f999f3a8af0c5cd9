"""The evidence page's charts in a real browser, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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
