"""The app's map: offline assets only, a base map that ignores the date, a step that is one call."""

from __future__ import annotations

import json
import re
from datetime import date

from streamlit_folium import _get_feature_group_string, _get_map_string

from src import mapbuild
from src.assets import publish, static_url
from src.constants import STATIC_DIR
from src.layers import LAYER_LABELS
from src.mapbuild import Drawer, base_map, day_step, full_map
from src.scene import scene_json


def _html(battle, day, layers=tuple(LAYER_LABELS), base="plain") -> str:
    return full_map(battle, day, layers, base).get_root().render()


def test_the_map_asks_no_other_host(battle):
    html = _html(battle, date(1953, 7, 14))
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links, "Leaflet must be linked"
    assert all(link.startswith(("../../app/static/vendor/leaflet/", "../../app/static/build/")) for link in links), (
        links
    )
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


def _published(link: str) -> str:
    return (STATIC_DIR / link.removeprefix("../../app/static/")).read_text(encoding="utf-8")


def test_the_base_map_links_the_drawer_and_the_whole_battle_as_files_named_by_content(battle):
    """A rerun re-sends the base map's script: it must be links, not the 0.5 MB scene."""
    fmap = base_map(battle)
    drawer = next(e for e in fmap._children.values() if isinstance(e, Drawer))
    links = dict(drawer.default_js)
    assert list(links) == ["atlas_map"]  # one file: streamlit-folium loads scripts one by one
    bundle = _published(links["atlas_map"])
    assert (
        bundle.index("Leaflet")
        < bundle.index("function drawer(map, scene, options)")
        < bundle.index(scene_json(battle))
    )
    assert re.search(r"drawer-[0-9a-f]{16}\.css$", dict(drawer.default_css)["atlas_drawer_css"])
    script = _get_map_string(fmap)
    assert scene_json(battle) not in script
    assert len(script) < 20_000
    assert "Atlas.drawer(map_div, Atlas.scene," in script


def test_an_unwritable_static_folder_inlines_the_drawer_and_the_scene(battle, monkeypatch):
    monkeypatch.setattr(mapbuild, "publish", lambda name, text: None)
    fmap = base_map(battle)
    script = _get_map_string(fmap)
    assert "function drawer(map, scene, options)" in script
    assert scene_json(battle) in script
    drawer = next(e for e in fmap._children.values() if isinstance(e, Drawer))
    assert dict(drawer.default_js) == {"leaflet": static_url("vendor/leaflet/leaflet.js")}


def test_publishing_writes_once_and_names_by_content(tmp_path):
    first = publish("x.js", "var a = 1;", tmp_path)
    assert first == publish("x.js", "var a = 1;", tmp_path)
    assert first != publish("x.js", "var a = 2;", tmp_path)
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "build").iterdir()) == ["x", "x"]
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert publish("y.js", "var b = 1;", blocked) is None  # the caller inlines instead


def _step_script(battle, day, layers=tuple(LAYER_LABELS), lang="en") -> str:
    return _get_feature_group_string(day_step(day, layers, lang), base_map(battle))


def test_a_step_sends_only_the_day_the_layers_and_the_language(battle):
    script = _step_script(battle, date(1953, 7, 14), ("hills", "front"), "ko")
    call = re.search(r"Atlas\.live\.show\((.*?)\);", script).group(1)
    assert json.loads(f"[{call}]") == ["1953-07-14", ["front", "hills"], "ko", {}]  # registry order
    assert len(script) < 1000


def test_the_same_day_gives_the_same_step_script(battle):
    """The component re-adds the day whenever this text changes: a pan must not change it."""
    assert _step_script(battle, date(1953, 7, 14)) == _step_script(battle, date(1953, 7, 14))
    assert _step_script(battle, date(1953, 7, 14)) != _step_script(battle, date(1953, 7, 15))


def test_no_layers_is_a_valid_step(battle):
    call = re.search(r"show\((.*?)\);", _step_script(battle, date(1953, 7, 14), ())).group(1)
    assert json.loads(f"[{call}]")[1] == []
