"""The layer registry and the records of a day: what the one drawer draws, as plain data."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest

from src import styles
from src.data import load_atlas
from src.day import Battle
from src.layers import (
    DRAW_ORDER,
    LAYER_LABELS,
    REGISTRY,
    day_records,
    draw_styles,
    features,
    formation_table,
    importance,
)
from src.safetext import script_json
from src.scene import build_scene
from src.text import popup_html


def _records(battle, day, layer):
    return day_records(battle, battle.on(day))[layer]


def test_every_layer_is_described_once_and_drawn_in_a_fixed_order():
    keys = [layer.key for layer in REGISTRY]
    assert len(keys) == len(set(keys))
    assert sorted(DRAW_ORDER) == sorted(keys)
    assert DRAW_ORDER[0] == "water"
    assert DRAW_ORDER[-1] == "events"


def test_every_record_names_a_known_style_and_feature(battle):
    known, table = draw_styles(), features(battle)
    for info in battle.series():
        for layer, records in day_records(battle, info).items():
            for record in records:
                assert record["s"] in known, (layer, record)
                assert ("f" in record and record["f"] in table) or "g" in record, (layer, record)


def test_every_legend_entry_has_a_style():
    known = draw_styles()
    assert [entry.style for layer in REGISTRY for entry in layer.legend if entry.style not in known] == []


def test_interpolated_days_are_dashed_and_dated_states_solid(battle):
    between = _records(battle, date(1953, 6, 14), "front")[0]
    assert between["s"] == "front.interpolated"
    assert "interpolated" in between["tip"]
    assert draw_styles()[between["s"]]["path"]["dashArray"] == styles.FRONT_INTERPOLATED["dashArray"]
    on_state = _records(battle, date(1953, 6, 18), "front")[0]
    assert "dashArray" not in draw_styles()[on_state["s"]]["path"]


def test_the_front_moves_between_days(battle):
    lines = [_records(battle, date(1953, 7, d), "front")[0]["g"]["coordinates"] for d in (13, 14)]
    assert lines[0] != lines[1]


def test_hill_markers_change_with_the_holder_and_their_style_says_who(battle):
    before = {r["f"]: r for r in _records(battle, date(1953, 6, 10), "hills")}
    after = {r["f"]: r for r in _records(battle, date(1953, 6, 20), "hills")}
    assert (before["hill-973"]["s"], after["hill-973"]["s"]) == ("hill.UNC", "hill.PVA")
    style = draw_styles()["hill.PVA"]
    assert (style["tipx"], style["line"]) == (": PVA", "held by Chinese People's Volunteers")
    assert style["dated"]  # the drawer puts the day shown before it


def test_units_carry_their_fields_and_their_place_in_the_order_of_battle(battle):
    units = {fid: f for fid, f in features(battle).items() if f["layer"] == "units"}
    assert (units["pva-203"]["short"], units["pva-203"]["higher"]) == ("203", "68")
    assert units["pva-203"]["parent"] == "pva-68th-army"
    assert units["pva-68"]["formation"] == "pva-68th-army"  # the army's own position
    assert units["pva-68"]["rank"] > units["pva-203"]["rank"]
    assert (units["us-3"]["short"], units["rok-6-jul"]["short"]) == ("US 3", "ROK 6")  # not 'ROK Cap'
    table = formation_table(battle)
    assert table["pva-68th-army"]["parent"] == "pva-20th-army-group"
    assert table["ix-corps"]["s"] == "unit.UNC.corps"
    assert table["ix-corps"]["s"] in draw_styles()


def test_places_rank_by_the_events_that_name_them(battle):
    imp = importance(battle)
    assert imp["capitol-hill"] >= 2
    assert imp.get("bloody-ridge", 0) < imp["capitol-hill"]


def test_unit_symbols_are_milsymbols_anchored_on_their_frames():
    style = draw_styles()["unit.PVA.division"]
    w, h = style["box"]
    ax, ay = style["anchor"]
    assert 0 < ax < w
    assert 0 < ay < h
    assert style["icon"].startswith("<svg")
    assert "rgb(255,128,128)" in style["icon"]


def test_events_are_numbered_as_in_the_day_text(battle):
    numbers = [r["n"] for r in _records(battle, date(1953, 7, 14), "events")]
    assert numbers == list(range(1, len(numbers) + 1))
    assert numbers


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
    bodies = [f["popup"] for f in features(battle).values()]
    bodies += [r["p"] for r in _records(battle, date(1953, 7, 14), "front")]
    assert len(bodies) > 20
    assert [b for b in bodies if "Source:" not in b] == []
    lost = _records(battle, date(1953, 7, 14), "lost")[0]["p"]
    assert "Computed from the front lines" in lost


def test_a_popup_names_each_of_its_sources_that_is_online_for_the_drawer_to_link(battle, atlas):
    hill = features(battle)["hill-973"]
    keys = re.search(r'<span class="links" data-src="([^"]+)"></span>', hill["popup"]).group(1).split()
    links = build_scene(battle)["links"]
    assert keys  # Hill 973's sources are online
    assert all(links[key].startswith(("https://", "http://")) for key in keys)
    offline = {"source": "hermes1966", "also": ["no-such-source"]}
    sources = dict(atlas.sources, hermes1966={**atlas.sources["hermes1966"], "url": None})
    assert 'class="links"' not in popup_html(replace(atlas, sources=sources), offline, "x")


def test_the_map_credits_the_data_it_draws(battle):
    credits = build_scene(battle)["credits"]
    assert "© OpenStreetMap contributors (ODbL)" in credits  # the rivers
    assert len(credits) == len(set(credits))


def test_names_come_in_every_language(battle):
    hill = features(battle)["hill-973"]
    assert hill["name"]["en"] == "Hill 973"
    assert hill["name"]["ko"].startswith("973")
    assert set(hill["name"]) == {"en", "ko", "zh"}


def test_a_broken_layer_still_draws_the_rest(geodata_copy):
    (geodata_copy / "units.geojson").write_text("{", encoding="utf-8")
    broken = Battle(load_atlas(geodata_copy))
    records = day_records(broken, broken.on(date(1953, 7, 14)))
    assert records["front"]
    assert records["units"] == []


def test_without_front_lines_the_other_layers_still_draw(geodata_copy):
    (geodata_copy / "front_lines.geojson").write_text("{", encoding="utf-8")
    broken = Battle(load_atlas(geodata_copy))
    records = day_records(broken, broken.on(date(1953, 7, 14)))
    assert records["front"] == []
    assert records["lost"] == []
    assert records["reference"] == []
    assert records["hills"]


def test_the_scene_is_plain_json_with_every_day(battle):
    scene = json.loads(script_json(build_scene(battle)))
    assert [d["iso"] for d in scene["days"]][:2] == ["1953-06-10", "1953-06-11"]
    assert len(scene["days"]) == 48
    assert set(scene["days"][0]["records"]) == set(LAYER_LABELS)


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--<script>", "a\u2028b", "&amp;"])
def test_inline_json_cannot_end_or_hide_its_script(text):
    out = script_json({"name": text})
    assert "<" not in out
    assert ">" not in out
    assert "&" not in out
    assert "\u2028" not in out
    assert json.loads(out) == {"name": text}


def test_line_styles_differ_without_colour():
    """Front lines differ from each other by dash pattern, and so do the arrows (which also
    carry heads): nothing is told apart by colour alone."""
    for family in (
        [styles.FRONT_ATTESTED, styles.FRONT_INTERPOLATED, styles.REF_BEFORE, styles.REF_ARMISTICE],
        list(styles.MOVEMENT.values()),
    ):
        patterns = [style.get("dashArray") for style in family]
        assert len(set(patterns)) == len(patterns)


def test_a_dated_line_answers_stretch_by_stretch_and_an_interpolated_one_does_not(battle):
    dated = _records(battle, date(1953, 7, 14), "front")
    pieces = [r for r in dated if r["s"] == "front.stretch"]
    stretches = battle.atlas["front_lines"].loc["front-1953-07-14", "stretches"]
    assert len(pieces) == len(stretches)
    first, last = pieces[0]["g"]["coordinates"], pieces[-1]["g"]["coordinates"]
    line = dated[0]["g"]["coordinates"]
    assert (first[0], last[-1]) == (line[0], line[-1])  # together they cover the whole line
    assert "approximate" in " ".join(p["tip"] for p in pieces)  # each says how it was placed
    assert all("Source:" in p["p"] for p in pieces)
    assert [r["s"] for r in _records(battle, date(1953, 7, 18), "front")] == ["front.interpolated"]
