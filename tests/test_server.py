"""Against a running Streamlit server, through its own websocket protocol (tests/wsclient.py):
what a visitor is sent when a page fails, and what becomes of clicks that outrun the server."""

from __future__ import annotations

import asyncio
import shutil
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from src import liveapp
from src.wsclient import Session

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"
SECRET_PATH = "/srv/atlas/secret/geodata/units.geojson"
FAILING_PAGE = f"""
import streamlit as st

st.title("A page that fails")
open({SECRET_PATH!r}).read()  # FileNotFoundError, naming a server path
"""


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API (the browser tests, in the
    same pytest process) keeps an event loop running on the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_production_config_hides_error_details():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_a_failing_page_shows_a_clean_message_without_server_paths(tmp_path):
    (tmp_path / ".streamlit").mkdir()
    shutil.copy(CONFIG, tmp_path / ".streamlit" / "config.toml")
    (tmp_path / "failing.py").write_text(FAILING_PAGE, encoding="utf-8")

    async def visit(url: str):
        async with Session(url) as visitor:
            return await visitor.run()

    with liveapp.serve("failing.py", tmp_path / "streamlit.log", cwd=tmp_path) as url:
        shown_run = run(visit(url))
    assert shown_run.headings == ["A page that fails"]
    assert len(shown_run.exceptions) == 1
    shown = shown_run.exceptions[0]
    assert "error" in shown["message"].lower()
    assert shown["type"] == ""
    assert shown["trace"] == []
    for text in (shown["message"], *shown["trace"]):
        assert "secret" not in text
        assert "/" not in text  # no path of any kind
    assert "FileNotFoundError" in (tmp_path / "streamlit.log").read_text()  # the details went to the log


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with liveapp.serve("app.py", ROOT / "test-results" / "streamlit-server.log") as url:
        yield url


def test_a_second_click_sent_before_the_page_caught_up_is_not_lost(app_url):
    """Next, then Next again once the server has begun the first step but before the page has
    received its new day: what a reader does when the page is slow. Both steps must count."""

    async def two_quick_clicks() -> str | None:
        async with Session(app_url, "date=1953-07-01") as reader:
            await reader.open()
            await reader.click_until_started("Next ▶")
            await reader.click_until_started("Next ▶")  # still holding 1 Jul: the page has not caught up
            return (await reader.finish()).day

    assert run(two_quick_clicks()) == "3 Jul 1953"


def test_sessions_stepping_at_once_each_see_their_own_days(app_url):
    """Five readers, each from its own date, stepping Next three times and waiting for each step."""

    async def reader(start: int) -> list[str | None]:
        async with Session(app_url, f"date=1953-06-{start:02d}") as session:
            await session.open()
            return [(await session.run(trigger="Next ▶")).day for _ in range(3)]

    async def all_readers():
        return await asyncio.gather(*(reader(start) for start in (10, 14, 18, 22, 26)))

    seen = run(all_readers())
    for start, days in zip((10, 14, 18, 22, 26), seen, strict=True):
        assert days == [f"{start + k} Jun 1953" for k in (1, 2, 3)]
