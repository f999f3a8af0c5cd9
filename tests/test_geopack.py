"""Lines and areas packed for the browser give back the same coordinates."""

from __future__ import annotations

import json

from src.geopack import pack, unpack
from src.layers import geojson
from src.scene import build_scene


def test_packing_keeps_every_coordinate_and_halves_the_bytes(battle):
    front = battle.atlas["front_lines"].geometry.iloc[0]
    line = geojson(front)
    area = geojson(front.buffer(0.01))
    for g in (line, area, geojson(front.interpolate(0.1))):
        assert unpack(pack(g)) == g
    assert len(json.dumps(pack(line))) < 0.6 * len(json.dumps(line))


def test_the_scene_holds_its_lines_packed(battle):
    scene = build_scene(battle)
    fronts = [r["g"] for d in scene["days"] for r in d["records"]["front"] if "g" in r]
    assert fronts
    assert all("z" in g and "coordinates" not in g for g in fronts)
