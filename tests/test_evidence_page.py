"""The evidence page through AppTest, and the view surviving a page switch."""

from __future__ import annotations

import re
from datetime import date

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from src.calendar import day_label
from src.evidence import CHECK_GROUPS, NO_DEPTH, NO_MATCH
from src.safetext import WORD_JOINER, quote
from tests import pages


def _run(params: dict[str, str] | None = None) -> AppTest:
    return pages.run(pages.EVIDENCE, params)


def _features(at: AppTest):
    """The provenance table: the one listing layer, id and certainty."""
    return next(df.value for df in at.dataframe if {"layer", "id", "certainty"} <= set(df.value.columns))


def _in_order(at: AppTest) -> list:
    """Every element of the page's main area, top to bottom."""
    return [node for node in at.main if not isinstance(node, Block)]


def _number(text: str) -> float:
    """The first number in a table cell as the reader sees it (its Markdown escapes removed)."""
    return float(re.match(r"[\d.]+", text.replace("\\", "").replace(WORD_JOINER, "")).group())


def test_tables_charts_and_downloads_are_there():
    at = _run({"date": "1953-07-16"})
    assert not at.exception
    assert len(at.dataframe) + len(at.table) >= 9
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


def test_a_search_that_matches_nothing_says_so():
    at = _run()
    at.text_input[0].set_value("no such feature").run()
    assert [info.value for info in at.info if "feature" in info.value] == [
        NO_MATCH.format(query=quote("no such feature"))
    ]
    assert not [df for df in at.dataframe if {"layer", "id", "certainty"} <= set(df.value.columns)]


def test_a_search_that_matches_shows_no_such_message():
    at = _run()
    at.text_input[0].set_value("Hill 973").run()
    assert not [info for info in at.info if "No feature" in info.value]


def test_on_10_june_the_depth_chart_says_there_is_no_depth_yet():
    at = _run({"date": "1953-06-10"})
    says = [info.value for info in at.info if "depth" in info.value]
    assert says == [NO_DEPTH.format(day=day_label(date(1953, 6, 10)))]
    assert len(at.get("vega_lite_chart")) == 3  # the claims and the ground, but no flat depth chart


def test_a_day_with_depth_draws_the_chart_and_no_message():
    at = _run({"date": "1953-06-11"})
    assert not [info for info in at.info if "depth" in info.value]
    assert len(at.get("vega_lite_chart")) == 4


def test_every_table_is_headed_in_words():
    at = _run({"date": "1953-07-16"})
    frames = [element.value for element in [*at.dataframe, *at.table]]
    headers = {str(name) for frame in frames for name in [*frame.columns, *frame.index.names] if name is not None}
    row_headers = {str(label) for frame in frames if frame.index.name for label in frame.index}
    assert "area (km²)" in headers
    assert "uncertainty (km)" in headers
    assert [name for name in headers | row_headers if "_" in name] == []  # no area_km2, no front_lines


def test_the_checks_give_the_atlas_value_beside_the_verdict():
    at = _run()
    elements = _in_order(at)
    for title in CHECK_GROUPS.values():
        place = next(i for i, node in enumerate(elements) if node.type == "markdown" and title in node.value)
        table = elements[place + 1]
        assert table.type == "table"
        checks = table.value
        assert {"the source says", "accepted", "the atlas gives", "verdict", "source"} <= set(checks.columns)
        assert len(checks) > 0
        for accepted, given, verdict in zip(
            checks["accepted"], checks["the atlas gives"], checks["verdict"], strict=True
        ):
            low, high = (_number(part) for part in accepted.split("–"))
            assert verdict in ("agrees", "disagrees")
            # what the reader sees agrees with the verdict: a value shown inside the range agrees
            assert (low <= _number(given) <= high) == (verdict == "agrees"), (accepted, given, verdict)


def test_the_certainty_table_has_a_heading():
    at = _run()
    elements = _in_order(at)
    certainty = next(
        i
        for i, node in enumerate(elements)
        if node.type == "dataframe" and {"attested", "reconstructed", "approximate"} <= set(node.value.columns)
    )
    heading = max(i for i, node in enumerate(elements[:certainty]) if node.type in ("subheader", "header"))
    assert "certainty" in elements[heading].value
    assert [node.type for node in elements[heading + 1 : certainty]] in ([], ["caption"])  # at most a gloss between


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
