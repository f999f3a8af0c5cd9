"""The map: offline assets only, a base map that ignores the date, escaped popups."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string

from src.constants import MAP_LAYERS
from src.data import load_atlas
from src.day import Battle
from src.mapbuild import base_map, day_layers, full_map, popup_html
from src.styles import FRONT_INTERPOLATED


@pytest.fixture(scope="module")
def battle(atlas) -> Battle:
    return Battle(atlas)


def _html(battle, day, layers=tuple(MAP_LAYERS), base="plain") -> str:
    return full_map(battle, day, layers, base).get_root().render()


def test_the_map_asks_no_other_host(battle):
    html = _html(battle, date(1953, 7, 14))
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links, "Leaflet must be linked"
    assert all(link.startswith("../../app/static/vendor/leaflet/") for link in links), links
    assert "cdn" not in html.lower()
    assert "jquery" not in html.lower()


def test_no_jquery_is_needed(battle):
    assert "$(" not in _html(battle, date(1953, 6, 12))


def test_online_tiles_only_when_chosen(battle):
    assert "tile.openstreetmap.org" not in _html(battle, date(1953, 6, 12))
    assert "tile.openstreetmap.org" in _html(battle, date(1953, 6, 12), base="osm")


def test_the_base_map_script_does_not_change_with_the_day():
    """streamlit-folium reloads the map when this script's hash changes."""
    assert _get_map_string(base_map()) == _get_map_string(base_map())


def test_day_layers_follow_the_choice(battle):
    groups = day_layers(battle, date(1953, 7, 14), ("front", "hills"))
    assert [g.layer_name for g in groups] == [MAP_LAYERS["front"], MAP_LAYERS["hills"]]
    assert day_layers(battle, date(1953, 7, 14), ()) == []


def _front_script(battle, day) -> str:
    group = day_layers(battle, day, ("front",))[0]
    return _get_feature_group_string(group, base_map())


def test_interpolated_days_are_dashed_and_dated_states_solid(battle):
    between = _front_script(battle, date(1953, 6, 14))
    assert f'"dashArray": "{FRONT_INTERPOLATED["dashArray"]}"' in between
    assert "interpolated" in between
    on_state = _front_script(battle, date(1953, 6, 18))
    assert "dashArray" not in on_state


def test_the_front_moves_between_days(battle):
    coords = [
        re.search(r"L\.polyline\(\s*(\[\[.*?\]\])", _front_script(battle, date(1953, 7, d)), re.S).group(1)
        for d in (13, 14)
    ]
    assert json.loads(coords[0]) != json.loads(coords[1])


def test_hill_markers_change_with_the_holder(battle):
    before = _get_feature_group_string(day_layers(battle, date(1953, 6, 10), ("hills",))[0], base_map())
    after = _get_feature_group_string(day_layers(battle, date(1953, 6, 20), ("hills",))[0], base_map())
    assert "Hill 973: UNC" in before
    assert "Hill 973: PVA" in after


def test_popups_escape_odd_text(atlas):
    hostile = {
        "name": "<img src=x onerror=alert(1)>",
        "source": "hermes1966",
        "note": "a & b <i>",
        "certainty": "attested",
    }
    html = popup_html(atlas, hostile, hostile["name"], ["<script>x</script>"])
    assert "<img" not in html
    assert "<script>" not in html
    assert "<i>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Truce Tent and Fighting Front" in html


def test_every_popup_names_its_source(battle):
    html = _html(battle, date(1953, 7, 14))
    popups = [json.loads(p) for p in re.findall(r"\.bindPopup\((\".*?(?<!\\)\"), \{maxWidth", html)]
    assert len(popups) > 20
    assert [p for p in popups if "Source:" not in p and "Computed from the front lines" not in p] == []


def test_a_broken_layer_still_draws_the_rest(geodata_copy):
    (geodata_copy / "units.geojson").write_text("{", encoding="utf-8")
    battle = Battle(load_atlas(geodata_copy))
    groups = day_layers(battle, date(1953, 7, 14))
    assert MAP_LAYERS["front"] in [g.layer_name for g in groups]


def test_without_front_lines_the_other_layers_still_draw(geodata_copy):
    (geodata_copy / "front_lines.geojson").write_text("{", encoding="utf-8")
    battle = Battle(load_atlas(geodata_copy))
    names = [g.layer_name for g in day_layers(battle, date(1953, 7, 14))]
    assert MAP_LAYERS["front"] not in names
    assert MAP_LAYERS["hills"] in names


def test_the_same_day_gives_the_same_script(battle):
    """The component re-adds layers whenever this text changes: a pan must not change it."""

    def script() -> str:
        fmap = base_map()
        return "".join(
            _get_feature_group_string(g, fmap, i) for i, g in enumerate(day_layers(battle, date(1953, 7, 14)))
        )

    assert script() == script()


def test_line_styles_differ_without_colour():
    """Front lines differ from each other by dash pattern, and so do the arrows (which also
    carry heads): nothing is told apart by colour alone."""
    from src.styles import FRONT_ATTESTED, FRONT_INTERPOLATED, MOVEMENT, REF_ARMISTICE, REF_BEFORE

    for family in ([FRONT_ATTESTED, FRONT_INTERPOLATED, REF_BEFORE, REF_ARMISTICE], list(MOVEMENT.values())):
        patterns = [style.get("dashArray") for style in family]
        assert len(set(patterns)) == len(patterns)
