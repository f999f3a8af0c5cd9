"""The locator inset: a public-domain outline of Korea, and the battle's box inside it."""

from __future__ import annotations

import json
import re
from importlib import resources

from shapely.geometry import Point, shape

from src import locator
from src.scene import battle_bounds, build_scene


def test_the_outline_is_valid_wgs84_and_says_where_it_comes_from():
    doc = json.loads((resources.files("src") / "drawer_assets" / locator.OUTLINE).read_text(encoding="utf-8"))
    assert "Natural Earth" in doc["metadata"]["source"]
    assert "public domain" in doc["metadata"]["licence"].lower()
    shapes = [shape(f["geometry"]) for f in doc["features"]]
    assert all(s.is_valid for s in shapes)
    assert len(locator.outline()) >= 2  # both Koreas, read and checked


def test_the_battle_lies_inside_the_outline_and_its_box_inside_the_picture(battle):
    (south, west), (north, east) = battle_bounds(battle)
    centre = Point((west + east) / 2, (south + north) / 2)
    assert any(p.buffer(0.2).contains(centre) for p in locator.outline())  # the salient is in Korea
    svg = locator.locator_svg(battle_bounds(battle))
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    box = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)[0]
    x, y, w, h = map(float, box)
    assert x > 0
    assert x + w < width
    assert y > 0
    assert y + h < height
    assert w >= locator.MIN_BOX_PX
    assert h >= locator.MIN_BOX_PX
    assert 'role="img"' in svg
    assert "<title>" in svg


def test_without_its_outline_the_map_has_no_inset_and_still_works(battle, monkeypatch):
    monkeypatch.setattr(locator, "outline", lambda: ())
    assert locator.locator_svg(battle_bounds(battle)) is None
    assert build_scene.__wrapped__(battle)["locator"] is None
