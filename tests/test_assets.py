"""Leaflet under static/: put back when it goes missing, and a message when it cannot be."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from src import assets
from src.assets import LEAFLET_FILES, VENDOR, ensure_static_assets, leaflet_source

ROOT = Path(__file__).resolve().parent.parent


def _intact(static: Path) -> bool:
    return all(filecmp.cmp(leaflet_source() / n, static / VENDOR / n, shallow=False) for n in LEAFLET_FILES)


def test_a_missing_copy_is_made(tmp_path):
    assert ensure_static_assets(tmp_path) is None
    assert _intact(tmp_path)


def test_a_deleted_or_damaged_file_is_put_back(tmp_path):
    ensure_static_assets(tmp_path)
    (tmp_path / VENDOR / "leaflet.js").unlink()
    (tmp_path / VENDOR / "leaflet.css").write_text("damaged", encoding="utf-8")
    assert ensure_static_assets(tmp_path) is None
    assert _intact(tmp_path)
    assert not list((tmp_path / VENDOR).glob(".*.part"))


@pytest.mark.parametrize("blocker", ["vendor", "vendor/leaflet", "vendor/leaflet/images"])
def test_a_file_in_the_way_gives_a_message_not_an_exception(tmp_path, blocker):
    (tmp_path / blocker).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / blocker).write_text("not a folder", encoding="utf-8")
    message = ensure_static_assets(tmp_path)
    assert message.startswith("The map cannot be drawn: Leaflet is missing from static/vendor/leaflet")
    assert str(tmp_path) not in message  # no server path shown to a reader


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.stem)
def test_every_page_says_so_when_the_map_cannot_draw(page, tmp_path, monkeypatch):
    (tmp_path / "vendor").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(assets, "STATIC_DIR", tmp_path)
    at = AppTest.from_file(str(page), default_timeout=60).run()
    assert not at.exception, at.exception
    assert any("The map cannot be drawn" in e.value for e in at.error)
