"""The app's map: offline assets only, a base map that ignores the date, a step that is one call."""

from __future__ import annotations

import json
import re
from datetime import date

from streamlit_folium import _get_feature_group_string, _get_map_string

from src.layers import LAYER_LABELS
from src.mapbuild import base_map, day_step, full_map
from src.scene import scene_json


def _html(battle, day, layers=tuple(LAYER_LABELS), base="plain") -> str:
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


def test_the_base_map_script_does_not_change_with_the_day(battle):
    """streamlit-folium reloads the map when this script's hash changes."""
    assert _get_map_string(base_map(battle)) == _get_map_string(base_map(battle))


def test_the_base_map_carries_the_drawer_and_the_whole_battle(battle):
    script = _get_map_string(base_map(battle))
    assert "function AtlasDrawer(" in script
    assert scene_json(battle) in script


def _step_script(battle, day, layers=tuple(LAYER_LABELS), lang="en") -> str:
    return _get_feature_group_string(day_step(day, layers, lang), base_map(battle))


def test_a_step_sends_only_the_day_the_layers_and_the_language(battle):
    script = _step_script(battle, date(1953, 7, 14), ("hills", "front"), "ko")
    call = re.search(r"window\.atlasDrawer\.show\((.*?)\);", script).group(1)
    assert json.loads(f"[{call}]") == ["1953-07-14", ["front", "hills"], "ko", {}]  # registry order
    assert len(script) < 1000


def test_the_same_day_gives_the_same_step_script(battle):
    """The component re-adds the day whenever this text changes: a pan must not change it."""
    assert _step_script(battle, date(1953, 7, 14)) == _step_script(battle, date(1953, 7, 14))
    assert _step_script(battle, date(1953, 7, 14)) != _step_script(battle, date(1953, 7, 15))


def test_no_layers_is_a_valid_step(battle):
    call = re.search(r"show\((.*?)\);", _step_script(battle, date(1953, 7, 14), ())).group(1)
    assert json.loads(f"[{call}]")[1] == []
