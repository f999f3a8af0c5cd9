"""Links carry the view; bad parameters fall back with a notice and never raise."""

from __future__ import annotations

from datetime import date

import pytest

from src.layers import LAYER_LABELS
from src.urlstate import DEFAULT, ViewState, parse, query_string, to_params
from tests.hostile import shown


def test_no_parameters_give_the_default_view():
    assert parse({}) == (DEFAULT, [])
    assert DEFAULT.day == date(1953, 6, 10)


def test_a_full_link_is_read_back():
    view, notices = parse(
        {
            "date": "1953-07-14",
            "layers": "front,hills,units",
            "lat": "38.3",
            "lon": "127.6",
            "zoom": "12",
            "base": "topo",
            "lang": "ko",
        }
    )
    assert notices == []
    assert view == ViewState(date(1953, 7, 14), ("front", "hills", "units"), 38.3, 127.6, 12, "topo", "ko")


def test_round_trip_through_the_query_string():
    view = ViewState(date(1953, 7, 16), ("front", "lost"), 38.31, 127.55, 13, "osm", "zh")
    assert parse(to_params(view)) == (view, [])
    assert query_string(view).startswith("date=1953-07-16&layers=front,lost")


@pytest.mark.parametrize(
    ("raw", "zoom", "written"),
    [
        ("9.25", 9.25, "9.25"),
        ("9.3", 9.25, "9.25"),
        ("9.125", 9.25, "9.25"),
        ("12.0", 12, "12"),
        ("07", 7, "7"),
        ("16.00", 16, "16"),
    ],
)
def test_a_quarter_step_zoom_is_kept_in_a_link(raw, zoom, written):
    """The map fits the battle in quarter steps: a link that rounded them would open another view."""
    view, notices = parse({"zoom": raw})
    assert (view.zoom, notices) == (zoom, [])
    assert to_params(view)["zoom"] == written


def test_defaults_are_left_out_of_links():
    assert to_params(DEFAULT) == {"date": "1953-06-10"}


def test_repeated_parameters_take_the_last():
    view, _ = parse({"date": ["1953-06-12", "1953-06-13"]})
    assert view.day == date(1953, 6, 13)


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"date": "1953-13-45"}, "day", "Ignored date '1953-13-45'"),
        ({"date": "1950-06-25"}, "day", "use a day from 1953-06-10 to 1953-07-27"),
        ({"date": ""}, "day", "Ignored date"),
        ({"zoom": "9999"}, "zoom", "Ignored zoom '9999'"),
        ({"zoom": "-3"}, "zoom", "Ignored zoom"),
        ({"zoom": "9.25.1"}, "zoom", "use a number from 7 to 16"),
        ({"zoom": "6.9"}, "zoom", "Ignored zoom '6.9'"),
        ({"zoom": "16.1"}, "zoom", "Ignored zoom '16.1'"),
        ({"zoom": "1e1"}, "zoom", "Ignored zoom"),
        ({"lat": "91", "lon": "127.5"}, "lat", "Ignored map centre"),
        ({"lat": "nan", "lon": "nan"}, "lat", "Ignored map centre"),
        ({"lat": "38.3"}, "lat", "Ignored map centre"),
        ({"base": "google"}, "base", "Ignored base 'google'"),
        ({"lang": "fr"}, "lang", "Ignored lang 'fr'"),
    ],
)
def test_bad_parameters_fall_back_with_a_notice(params, field, words):
    view, notices = parse(params)
    assert getattr(view, field) == getattr(DEFAULT, field)
    assert len(notices) == 1
    assert words in shown(notices[0])


def test_hostile_layers_are_named_harmlessly():
    view, notices = parse({"layers": "<script>alert(1)</script>,front"})
    assert view.layers == ("front",)
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in notices[0]


def test_only_unknown_layers_keep_the_default_layers():
    view, notices = parse({"layers": "tanks"})
    assert view.layers == tuple(LAYER_LABELS)
    assert notices[0].startswith("Ignored unknown layer(s) 'tanks'; showing the default layers.")


def test_an_empty_layer_list_means_no_layers():
    view, notices = parse({"layers": ""})
    assert view.layers == ()
    assert notices == []
