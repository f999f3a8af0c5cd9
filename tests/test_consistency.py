"""The layers agree with each other: symbols on their side of the line, and the story with the map."""

from __future__ import annotations

import json

from src.consistency import side_conflicts, story_conflicts
from src.data import load_atlas
from src.day import Battle


def test_every_event_that_tells_of_a_hill_taken_shows_it_change_hands(battle):
    assert story_conflicts(battle) == []


def test_a_taking_the_map_does_not_show_is_caught(geodata_copy):
    path = geodata_copy / "places.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for feature in doc["features"]:
        if feature["properties"]["id"] == "hill-938":  # the 26 June event says it fell
            feature["properties"]["control"] = [{"from": "1953-06-01", "to": "1953-07-31", "side": "UNC"}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert ("ev-0626", "hill-938, hill-1220") in story_conflicts(Battle(load_atlas(geodata_copy)))


def test_units_and_hills_lie_on_their_side_of_every_dated_line(battle):
    assert side_conflicts(battle) == []
