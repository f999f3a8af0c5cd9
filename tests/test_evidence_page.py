"""The evidence page through AppTest, and the view surviving a page switch."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests import pages


def _run(params: dict[str, str] | None = None) -> AppTest:
    return pages.run(pages.EVIDENCE, params)


def _features(at: AppTest):
    """The provenance table: the one listing layer, id and certainty."""
    return next(df.value for df in at.dataframe if {"layer", "id", "certainty"} <= set(df.value.columns))


def test_tables_charts_and_downloads_are_there():
    at = _run()
    assert not at.exception
    assert len(at.dataframe) >= 7
    assert len(at.get("vega_lite_chart")) == 4
    labels = [b.proto.label for b in at.get("download_button")]
    assert "All geodata as one zip" in labels
    assert "Timeline as CSV" in labels
    assert "Salient and phases (derived GeoJSON)" in labels
    assert "front_lines.geojson" in labels


def test_the_language_choice_changes_the_labels():
    at = _run()
    names = _features(at)
    assert "Kumsong" in set(names["name"])
    at.button_group(key="lang").set_value("ko").run()
    assert "금성" in set(_features(at)["name"])
    assert at.query_params["lang"] in ("ko", ["ko"])


def test_the_language_comes_from_the_link():
    at = _run({"lang": "zh"})
    assert "金城" in set(_features(at)["name"])


def test_searching_the_features():
    at = _run()
    at.text_input[0].set_value("Hill 973").run()
    table = _features(at)
    assert "hill-973" in set(table["id"])
    assert len(table) < 10


def test_the_marked_day_follows_the_link():
    at = _run({"date": "1953-07-16"})
    assert at.select_slider(key="day").value == date(1953, 7, 16)


def test_the_view_survives_a_page_switch():
    at = AppTest.from_file(str(pages.APP), default_timeout=90)
    at.query_params["date"] = "1953-07-14"
    at.run()
    at.switch_page("pages/1_Lecture.py").run()
    assert not at.exception
    at.switch_page("pages/0_Explorer.py").run()
    assert at.select_slider(key="day_slider").value == date(1953, 7, 14)
    at.switch_page("pages/2_Evidence.py").run()
    assert at.select_slider(key="day").value == date(1953, 7, 14)
