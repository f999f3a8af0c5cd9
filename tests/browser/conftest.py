"""A live app on localhost and Debian's Chromium driven by Playwright, with every other
host blocked: what a reader with no internet would see.

A missing Chromium fails the tests (it never skips them): `make test` installs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Frame, Page, expect, sync_playwright

from src import __main__ as cli
from src import liveapp
from src.export import FILE_NAME
from tests.browser.harness import write_harness
from tests.browser.mapread import settled

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


# expect() waits 5 s by default; a cold server's first page on a shared, loaded machine can
# take longer, and a wait that long is still no fixed sleep.
expect.set_options(timeout=20_000)


@contextmanager
def serve_app(env: dict[str, str] | None = None, log_name: str = "streamlit.log") -> Iterator[str]:
    """The app on a free localhost port (env: extra environment, e.g. KUMSONG_GEODATA for
    another copy of the data)."""
    with liveapp.serve("app.py", RESULTS / log_name, env) as url:
        yield url


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with serve_app() as url:
        yield url


def launch_chromium(playwright):
    if not liveapp.chromium_path():
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it) or apt-get install chromium")
    return liveapp.launch_chromium(playwright)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    """The offline file as `make export` writes it."""
    out = tmp_path_factory.mktemp("export")
    assert cli.main(["export", "--out", str(out)]) == 0
    return out / FILE_NAME


@pytest.fixture(scope="session")
def harness(battle, tmp_path_factory) -> Path:
    """The bare page with Leaflet, the drawer and the scene (tests/browser/harness.py)."""
    return write_harness(battle, tmp_path_factory.mktemp("harness"))


class Offline:
    """Blocks every request to a non-local host and remembers what was blocked or failed."""

    def __init__(self, page: Page):
        self.blocked: list[str] = []
        self.failed: list[str] = []
        page.route("**/*", self._route)
        page.on("requestfailed", lambda request: self.failed.append(request.url))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:", "file:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")


@pytest.fixture
def viewport() -> dict[str, int]:
    return {"width": 1400, "height": 1000}


@pytest.fixture
def touch() -> bool:
    """Whether the page is a phone's, with touch input (parametrize to turn it on)."""
    return False


@pytest.fixture
def page(browser: Browser, viewport, touch, request) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.offline = Offline(page)
    page.set_default_timeout(30_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


SETTLED = """() => { const c = document.querySelector('.leaflet-container');
  return !c || (c.dataset.settled === '1' && !document.querySelector('.atlas-wheel-hint.shown')); }"""
IDLE = """() => { const app = document.querySelector('[data-testid="stApp"]');
  return !app || app.dataset.testScriptState === 'notRunning'; }"""


def keep_screenshot(page: Page, name: str) -> None:
    """The README's pictures: rewritten only by `make screenshots`, never by a test run;
    taken once the page is idle and every map has placed its names for the view it shows."""
    if os.environ.get("ATLAS_SCREENSHOTS"):
        page.wait_for_function(IDLE)
        for frame in page.frames:
            frame.wait_for_function(SETTLED)
        page.wait_for_timeout(1500)  # a picture, not a test: let late layout (fonts, the frame's size) end
        for frame in page.frames:
            frame.wait_for_function(SETTLED)
        page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))


def map_frame(page: Page) -> Frame:
    """The streamlit-folium iframe, once Leaflet has drawn into it."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("() => window.map && document.querySelectorAll('.leaflet-overlay-pane path').length > 3")
    return frame


FRONT_PATH = 'path[stroke="#111111"]'


def idle(page: Page) -> None:
    """Wait until the app has no script run in flight (a first page sends one more once the
    map reports its view), so a key or click is not raced against a rerun."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)


def open_explorer(page: Page, app_url: str, day: str) -> Frame:
    """The Explorer on `day`, its first runs over and the map laid out: the map's frame."""
    page.goto(f"{app_url}/?date={day}")
    frame = map_frame(page)
    idle(page)  # the first page's second run (the map reports its view) is over
    settled(frame, day)
    return frame
