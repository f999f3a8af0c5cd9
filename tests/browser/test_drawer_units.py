"""The drawer's pure parts (geometry, generalisation, placement) in a bare page: boxes in,
places out, no map and no server, in milliseconds."""

from __future__ import annotations

from datetime import date

import pytest

from src.scene import asset

pytestmark = pytest.mark.browser

PURE = ("geopack.js", "geometry.js", "generalise.js", "placement.js")


@pytest.fixture
def bare(page):
    page.set_content("<!doctype html><title>drawer units</title>")
    for name in PURE:
        page.add_script_tag(content=asset(name))
    return page


def box(x, y, w=40, h=30):
    return {"x": x, "y": y, "w": w, "h": h}


def unit(uid, x, y, parent, rank=2, formation=None):
    return {
        "id": uid,
        "p": [x, y],
        "box": box(x - 20, y - 15),
        "frame": {"w": 30, "h": 30},
        "core": box(x - 15, y - 15, 30, 30),
        "rank": rank,
        "parent": parent,
        "formation": formation,
    }


FORMATIONS = {
    "corps": {"parent": "army", "rank": 3},
    "army": {"parent": None, "rank": 4},
    "other": {"parent": "army", "rank": 3},
}
GENERALISE = """(input) => Atlas.generalise(Object.assign(input, {
  boxOf: (f, p) => ({ box: { x: p[0] - 20, y: p[1] - 15, w: 40, h: 30 }, frame: { w: 30, h: 30 },
    core: { x: p[0] - 15, y: p[1] - 15, w: 30, h: 30 } }) }))
  .map((i) => ({ key: i.key, p: i.p.map(Math.round), members: i.members.slice().sort(), unit: i.unit }))"""


def test_segments_cut_through_a_vertex_and_boxes_on_a_line(bare):
    assert bare.evaluate("() => Atlas.geometry.cut([0, 0], [10, 10], [0, 10], [5, 5])")  # ends on the vertex
    assert not bare.evaluate("() => Atlas.geometry.cut([0, 0], [10, 0], [0, 5], [10, 5])")
    assert bare.evaluate("() => Atlas.geometry.boxOnLine({x: 0, y: 0, w: 10, h: 10}, [[[-5, 5], [20, 5]]])")
    assert not bare.evaluate("() => Atlas.geometry.boxOnLine({x: 0, y: 0, w: 10, h: 10}, [[[-5, 15], [20, 15]]])")


def test_units_with_room_stand_for_themselves(bare):
    out = bare.evaluate(
        GENERALISE, {"units": [unit("a", 100, 100, "corps"), unit("b", 300, 100, "corps")], "formations": FORMATIONS}
    )
    assert [i["key"] for i in out] == ["a", "b"]


def test_crowded_divisions_give_way_to_their_corps_at_their_centre(bare):
    out = bare.evaluate(
        GENERALISE,
        {
            "units": [unit("a", 100, 100, "corps"), unit("b", 110, 110, "corps"), unit("c", 400, 100, "other")],
            "formations": FORMATIONS,
        },
    )
    assert out == [
        {"key": "c", "p": [400, 100], "members": ["c"], "unit": "c"},
        {"key": "f:corps", "p": [105, 105], "members": ["a", "b"], "unit": None},
    ]


def test_a_formation_with_its_own_position_stands_there(bare):
    units = [unit("a", 100, 100, "corps"), unit("b", 110, 110, "corps"), unit("hq", 120, 95, "army", 3, "corps")]
    out = bare.evaluate(GENERALISE, {"units": units, "formations": FORMATIONS, "own": {"corps": "hq"}})
    assert out == [{"key": "f:corps", "p": [120, 95], "members": ["a", "b", "hq"], "unit": "hq"}]


def test_a_formation_whose_position_is_out_of_view_does_not_pull_its_units_out_of_it(bare):
    lone = {"corps": {"parent": None, "rank": 3}}
    touching = [unit("a", 100, 100, "corps"), unit("b", 135, 100, "corps")]  # boxes touch, frames do not
    out = bare.evaluate(GENERALISE, {"units": touching, "formations": lone, "own": {"corps": "hq-off-the-map"}})
    assert sorted(i["key"] for i in out) == ["a", "b"]
    stacked = [unit("a", 100, 100, "corps"), unit("b", 110, 110, "corps")]  # frame on frame
    out = bare.evaluate(GENERALISE, {"units": stacked, "formations": lone, "own": {"corps": "hq-off-the-map"}})
    assert out == [
        {"key": "f:corps", "p": [105, 105], "members": ["a", "b"], "unit": None}
    ]  # in the view, at their centre


def test_no_formation_stands_across_the_front_from_its_units(bare):
    lone = {"corps": {"parent": None, "rank": 3}}
    units = [unit("a", 100, 110, "corps"), unit("b", 112, 118, "corps")]  # frame on frame
    tongue = [[0, 100], [104, 100], [104, 130], [108, 130], [108, 100], [300, 100]]  # the far side, between them
    front = [[tongue[n], tongue[n + 1]] for n in range(len(tongue) - 1)]
    assert [i["key"] for i in bare.evaluate(GENERALISE, {"units": units, "formations": lone})] == ["f:corps"]
    out = bare.evaluate(GENERALISE, {"units": units, "formations": lone, "front": front})
    assert sorted(i["key"] for i in out) == ["a", "b"]  # their centre lies across the front
    line = [[[0, 100], [300, 100]]]
    with_hq = [unit("a", 100, 110, "corps"), unit("b", 110, 112, "corps"), unit("hq", 105, 90, None, 3, "corps")]
    out = bare.evaluate(GENERALISE, {"units": with_hq, "formations": lone, "own": {"corps": "hq"}, "front": line})
    assert "f:corps" not in [i["key"] for i in out]  # its own symbol is on the other side


NUDGES = "(input) => Atlas.placement.nudges(input)"


def test_a_nudge_is_at_most_the_symbols_size_and_never_across_a_line(bare):
    items = [
        {"key": "a", "p": [100, 100], "box": box(80, 85), "frame": {"w": 30, "h": 30}, "rank": 2},
        {"key": "b", "p": [110, 100], "box": box(90, 85), "frame": {"w": 30, "h": 30}, "rank": 2},
    ]
    wall = [[[125, 0], [125, 300]], [[0, 125], [300, 125]]]  # nothing to the right of a or below it
    moved = bare.evaluate(NUDGES, {"items": items, "fixed": [], "lines": wall, "size": {"x": 400, "y": 400}})
    assert list(moved) == ["a"]
    dx, dy = moved["a"]
    assert abs(dx) <= 30
    assert abs(dy) <= 30
    assert dx <= 0
    assert dy <= 0


def test_no_more_than_eight_nudges(bare):
    items = [
        {"key": str(n), "p": [100 + n, 100], "box": box(80 + n, 85), "frame": {"w": 30, "h": 30}, "rank": 2}
        for n in range(20)
    ]
    moved = bare.evaluate(NUDGES, {"items": items, "fixed": [], "lines": [], "size": {"x": 1000, "y": 1000}})
    assert len(moved) <= 8


PLACE = "(input) => Atlas.placement.placeNames(input)"


def name(key, x, y, **extra):
    return {"key": key, "p": [x, y], "r": 8, "w": 60, "h": 14, **extra}


def test_names_go_in_order_and_a_lower_name_gives_way(bare):
    names = [name("story", 100, 100, story=True), name("hill", 100, 100)]
    out = bare.evaluate(PLACE, {"names": names, "taken": [], "soft": [], "lines": [], "size": {"x": 120, "y": 200}})
    places = out["places"]
    assert "story" in places
    story = places["story"]
    if "hill" in places:
        hill = places["hill"]
        assert not (
            hill["x"] < story["x"] + 60
            and story["x"] < hill["x"] + 60
            and hill["y"] < story["y"] + 14
            and story["y"] < hill["y"] + 14
        )


def test_a_name_avoids_lines_and_a_unit_field_gives_way_to_it(bare):
    lines = [[[0, 100], [400, 100]]]
    out = bare.evaluate(
        PLACE,
        {"names": [name("hill", 100, 100)], "taken": [], "soft": [], "lines": lines, "size": {"x": 400, "y": 400}},
    )
    place = out["places"]["hill"]
    assert place["y"] + 14 <= 100 or place["y"] >= 100  # above or below the line, not on it
    walls = [box(0, 0, 400, 80), box(0, 120, 400, 280), box(0, 80, 90, 40), box(160, 80, 240, 40)]
    field = {"key": "u|t", "box": box(110, 92, 40, 14), "kind": "field"}
    out = bare.evaluate(
        PLACE,
        {"names": [name("hill", 100, 100)], "taken": walls, "soft": [field], "lines": [], "size": {"x": 400, "y": 400}},
    )
    assert "hill" in out["places"]
    assert out["hidden"] == ["u|t"]


def test_only_a_name_the_story_needs_may_hide_a_hill_marker(bare):
    walls = [box(0, 0, 400, 80), box(0, 120, 400, 280), box(0, 80, 90, 40), box(160, 80, 240, 40)]
    marker = {"key": "other-hill", "box": box(110, 92, 40, 14), "kind": "marker"}
    args = {"taken": walls, "soft": [marker], "lines": [], "size": {"x": 400, "y": 400}}
    plain = bare.evaluate(PLACE, {**args, "names": [name("hill", 100, 100)]})
    assert plain["places"] == {}
    assert plain["hidden"] == []
    story = bare.evaluate(PLACE, {**args, "names": [name("hill", 100, 100, story=True)]})
    assert "hill" in story["places"]
    assert story["hidden"] == ["other-hill"]


def test_a_hill_on_a_more_important_one_is_left_out_unless_the_story_names_it(bare):
    markers = [
        {"key": "big", "box": box(0, 0, 18, 18)},
        {"key": "small", "box": box(5, 5, 18, 18)},
        {"key": "told", "box": box(8, 8, 18, 18), "story": True},
        {"key": "touching", "box": box(12, -10, 18, 18)},  # only touches big: its centre is clear of it
    ]
    assert bare.evaluate("(m) => Atlas.placement.thin(m)", markers) == ["small"]


def test_a_name_of_two_words_takes_two_lines_where_one_finds_no_room(bare):
    # room only in a column beside the symbol: 36 px wide, where one line needs 60
    walls = [box(0, 0, 400, 80), box(0, 120, 400, 280), box(0, 80, 108, 40), box(146, 80, 254, 40)]
    args = {"taken": walls, "soft": [], "lines": [], "size": {"x": 400, "y": 400}}
    assert bare.evaluate(PLACE, {**args, "names": [name("hill", 100, 100)]})["places"] == {}
    out = bare.evaluate(PLACE, {**args, "names": [name("hill", 100, 100, wrapped={"w": 32, "h": 28})]})
    assert out["places"]["hill"]["wrap"] is True
    assert out["places"]["hill"]["leader"] is None  # beside its symbol


def test_names_keep_apart_by_more_than_a_space(bare):
    # b's first choice, right of its symbol, would begin 2 px after a's name: it reads on
    b = name("b", 162, 100)
    out = bare.evaluate(
        PLACE, {"names": [name("a", 100, 100), b], "taken": [], "soft": [], "lines": [], "size": {"x": 400, "y": 400}}
    )
    a_place, b_place = out["places"]["a"], out["places"]["b"]
    assert a_place["x"] + 60 + 14 / 2 <= b_place["x"] or abs(a_place["y"] - b_place["y"]) >= 14


def test_a_name_a_first_pass_left_out_is_added_where_none_is_given_up(bare):
    # b's only room is left of its symbol, where a's first choice (right of its own) lies;
    # a has room on its left too
    walls = [box(0, 0, 400, 90), box(0, 110, 400, 290), box(205, 90, 195, 20)]
    args = {
        "names": [name("a", 100, 100), name("b", 200, 100)],
        "taken": walls,
        "soft": [],
        "lines": [],
        "size": {"x": 400, "y": 400},
    }
    greedy = bare.evaluate(PLACE, args)
    assert set(greedy["places"]) == {"a"}
    both = bare.evaluate("(input) => Atlas.placement.placeAll(input)", args)
    assert set(both["places"]) == {"a", "b"}
    assert both["places"]["a"]["x"] + 60 <= both["places"]["b"]["x"]


def test_the_scene_unpacks_to_the_geometry_python_packed(bare, battle):
    """geopack.js reads what src/geopack.py writes: every packed line and area of the scene."""
    from src.geopack import pack
    from src.layers import day_records

    records = [r for recs in day_records(battle, battle.on(date(1953, 7, 14))).values() for r in recs if "g" in r]
    shapes = [r["g"] for r in records if r["g"]["type"] != "Point"]
    assert {g["type"] for g in shapes} >= {"LineString", "MultiPolygon"}
    assert bare.evaluate("(gs) => gs.map((g) => Atlas.unpack(g))", [pack(g) for g in shapes]) == shapes
