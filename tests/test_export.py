"""The offline file: self-contained, under budget, the whole battle, days as written."""

from __future__ import annotations

import json
import re

import pytest

from src import __main__ as cli
from src.chapters import load_chapters
from src.day import Battle
from src.export import FILE_NAME, MAX_BYTES, export_data, export_html


@pytest.fixture(scope="module")
def battle(atlas) -> Battle:
    return Battle(atlas)


@pytest.fixture(scope="module")
def chapters(atlas):
    return load_chapters(sources=atlas.sources)[0]


@pytest.fixture(scope="module")
def html(battle, chapters) -> str:
    return export_html(battle, chapters)


def test_the_file_asks_no_other_host(html):
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert "L.map(" in html
    assert "Leaflet 1.9.4" in html


def test_the_file_is_under_three_megabytes(html):
    assert len(html.encode("utf-8")) < MAX_BYTES


def test_every_day_is_in_the_file_as_an_iso_date_with_its_label(battle, chapters):
    days = export_data(battle, chapters)["days"]
    assert len(days) == 48
    assert (days[0]["iso"], days[0]["label"]) == ("1953-06-10", "10 Jun 1953")
    assert (days[-1]["iso"], days[-1]["label"]) == ("1953-07-27", "27 Jul 1953")


def test_the_data_is_valid_json_inside_the_page(html):
    blob = re.search(r'<script id="atlas-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(blob)
    assert len(data["chapters"]) == 6
    assert all("Source:" in u["popup"] for u in data["units"].values())


def test_chapters_point_at_their_days(battle, chapters):
    data = export_data(battle, chapters)
    first_assault = data["chapters"][1]["steps"]
    assert [data["days"][i]["iso"] for i in (first_assault[0], first_assault[-1])] == ["1953-06-10", "1953-06-18"]


def test_text_is_escaped(html):
    assert "<script>alert" not in html
    assert "</script" not in re.search(r'id="atlas-data"[^>]*>(.*?)</script>', html, re.S).group(1)


def test_export_command_writes_the_file(tmp_path, capsys):
    assert cli.main(["export", "--out", str(tmp_path)]) == 0
    path = tmp_path / FILE_NAME
    assert path.exists()
    assert f"wrote {path}" in capsys.readouterr().out
