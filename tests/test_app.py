"""The explorer (the default page of app.py) through Streamlit's AppTest: widgets, links, notices.

AppTest cannot see inside the map component; what the map draws is tested in
test_mapbuild.py and in the browser tests.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from streamlit.testing.v1 import AppTest

from src.daytext import LOST_LABEL
from tests import pages
from tests.pages import param as _param


def _run(params: dict[str, str] | None = None) -> AppTest:
    return pages.run(pages.APP, params)


def _slider(at: AppTest):
    return at.select_slider(key="day_slider")


def _panel(at: AppTest) -> str:
    """The day panel as a reader sees its text (daytext.day_html, shown by st.html)."""
    html = next(h.value for h in at.main.html if 'class="atlas-day"' in h.value)
    blocks = re.sub(r"</?(?:h2|h3|p|div|span|details|summary)\b[^>]*>|<br>", "\n", html)
    return unescape(re.sub(r"<[^>]+>", "", blocks))


def _lines(at: AppTest) -> list[str]:
    return [line for line in _panel(at).split("\n") if line.strip()]


def _heading(at: AppTest) -> str:
    return _lines(at)[0]


def _front_status(at: AppTest) -> str:
    return next(line for line in _lines(at) if line.startswith("Front:"))


def _lost(at: AppTest) -> str:
    lines = _lines(at)
    return lines[lines.index(LOST_LABEL) + 1]


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda p: p.name)
def test_every_page_runs_without_an_exception(page):
    at = pages.run(page)
    assert not at.exception, at.exception


def test_the_default_day_is_the_eve_of_the_battle():
    at = _run()
    assert _slider(at).value == date(1953, 6, 10)
    assert _heading(at) == "10 Jun 1953"
    assert not at.warning


def test_the_slider_covers_every_day_with_readable_labels():
    options = _slider(_run()).options
    assert len(options) == 48
    assert options[0] == "10 Jun 1953"
    assert options[-1] == "27 Jul 1953"


def test_a_date_link_selects_that_day():
    at = _run({"date": "1953-07-14"})
    assert _slider(at).value == date(1953, 7, 14)
    assert _heading(at) == "14 Jul 1953"
    assert "the withdrawal line" in _front_status(at)  # a dated state since the 14 July line
    assert "interpolated" not in _front_status(at)
    assert _param(at, "date") == "1953-07-14"
    between = _run({"date": "1953-07-18"})
    assert "interpolated" in _front_status(between)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"date": "1953-13-45"}, "Ignored date"),
        ({"zoom": "9999"}, "Ignored zoom"),
        ({"layers": "<script>alert(1)</script>"}, "Ignored unknown layer"),
    ],
)
def test_bad_parameters_give_a_notice_and_the_default(params, words):
    at = _run(params)
    assert not at.exception
    assert any(words in w.value for w in at.warning)
    assert all("<script>" not in w.value for w in at.warning)
    assert _slider(at).value == date(1953, 6, 10)


def test_next_and_previous_step_one_day():
    at = _run({"date": "1953-06-30"})
    at.button[1].click().run()
    assert _slider(at).value == date(1953, 7, 1)
    at.button[0].click().run()
    at.button[0].click().run()
    assert _slider(at).value == date(1953, 6, 29)
    assert _param(at, "date") == "1953-06-29"


def test_previous_is_disabled_on_the_first_day():
    at = _run()
    assert at.button[0].disabled
    assert not at.button[1].disabled


def test_jumping_to_a_key_date():
    at = _run()
    at.button_group(key="jump").set_value(date(1953, 7, 16)).run()
    assert _slider(at).value == date(1953, 7, 16)
    assert "deepest penetration" in _front_status(at)


def test_moving_the_slider_updates_the_figures_and_the_url():
    at = _run()
    assert _lost(at) == "0 km²"
    _slider(at).set_value(date(1953, 6, 18)).run()
    assert _lost(at).endswith("km²")
    assert _lost(at) != "0 km²"
    assert _param(at, "date") == "1953-06-18"


def test_the_day_lists_its_events_with_sources():
    at = _run({"date": "1953-06-10"})
    events = _panel(at).split("What happened", 1)[1]
    assert events.split()[0] == "1."
    assert "Source:" in events


def test_choosing_layers_goes_into_the_link():
    at = _run()
    at.button_group(key="layers").set_value(["front", "hills"]).run()
    assert _param(at, "layers") == "front,hills"


def test_choosing_a_base_map_goes_into_the_link():
    at = _run()
    at.button_group(key="base").set_value("osm").run()
    assert _param(at, "base") == "osm"
    assert not at.exception


def test_the_share_link_carries_the_view():
    at = _run({"date": "1953-07-14", "lang": "zh"})
    share = next(m.value for m in at.sidebar.markdown if "date=" in m.value)
    assert "date=1953-07-14" in share
    assert "lang=zh" in share


def test_the_offline_file_can_be_downloaded():
    at = _run()
    buttons = at.sidebar.get("download_button")
    assert len(buttons) == 1
    assert "offline" in buttons[0].proto.label.lower()
