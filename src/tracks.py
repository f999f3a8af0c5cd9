"""A unit's track: the positions it held over the battle, dated, and the events that name it.

The data keep one record for each position a unit held ('ROK 8th Division' in June, in
mid-June to July, and after the collapse, each with its dates and source); a record's track
is the records of the same unit in the order of their dates, and how far and which way each
move went, computed in UTM 52N.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from shapely.geometry import Point

from src.measure import to_utm
from src.text import event_when, iso_label, rows

COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
STAYED_KM = 0.5  # nearer than this, the sources' two positions are one place


def unit_key(name: str) -> str:
    """The unit a record is of: its name without what the record adds in brackets."""
    return str(name).split(" (")[0].strip()


def _bearing(a: Point, b: Point) -> str:
    """The compass point from a to b (UTM metres: x east, y north)."""
    angle = math.degrees(math.atan2(b.x - a.x, b.y - a.y)) % 360
    return COMPASS[round(angle / 45) % 8]


def unit_tracks(units: Any) -> dict[str, list[dict[str, Any]]]:
    """{record id: the unit's positions in date order}, for units that held more than one:
    each {f, when, move} (move: 'then 21.4 km south-east', or '' for the first)."""
    by_unit: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in rows(units):
        by_unit[(row["side"], unit_key(row["name"]))].append(row)
    out: dict[str, list[dict[str, Any]]] = {}
    for records in by_unit.values():
        if len(records) < 2:
            continue
        records.sort(key=lambda r: r["from"])
        track, last = [], None
        for row in records:
            here = to_utm(row["geometry"])
            move = ""
            if last is not None:
                km = last.distance(here) / 1000
                move = "the same place" if km < STAYED_KM else f"{km:.1f} km {_bearing(last, here)}"
            track.append({"f": row["id"], "when": f"{iso_label(row['from'])} – {iso_label(row['to'])}", "move": move})
            last = here
        for row in records:
            out[row["id"]] = track
    return out


def track_lines(track: list[dict[str, Any]], fid: str) -> list[str]:
    """The track as a popup says it: each position dated, this one marked, each move measured."""
    parts = []
    for step in track:
        text = step["when"] + (f" ({step['move']})" if step["move"] else "")
        parts.append(f"{text}, shown here" if step["f"] == fid else text)
    note = " (drawn on the map while this is open; moves measured between the points drawn)"
    return ["Positions held: " + "; ".join(parts) + note]


def unit_events(events: Any, name: str) -> list[str]:
    """The events that name the unit, dated: 'Its events: 14 Jul 1953: Raid on …'."""
    key = unit_key(name)
    said = [f"{event_when(e)}: {e['name']}" for e in rows(events) if any(unit_key(u) == key for u in e["units"])]
    return ["Its events: " + "; ".join(said)] if said else []
