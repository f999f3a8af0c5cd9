"""The map's layers, each described once: key, label, legend, and how a day becomes records.

Everything that shows a layer reads this registry: the URL and the layer control (keys
and labels), the legend (its entries), and the records the drawer draws, in the app and
in the offline file alike. Adding a layer is its data file, its schema entry, one entry
here and its tests.

A layer gives two kinds of plain data (JSON-ready, no folium):
- features: what does not change with the day (geometry, names, popup body, label);
- records: what is drawn on a day, each naming a feature (`f`) or carrying its own
  geometry (`g`), with a style key (`s`) into `draw_styles()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from src import styles
from src.constants import MAP_CENTRE
from src.data import prop
from src.day import Battle, Day, hill_rows, holder_on
from src.echelons import ECHELON_RANK
from src.symbols import ECHELON_CODES, arrowhead, hill_svg, unit_symbol
from src.text import (
    event_when,
    front_title,
    held_text,
    hill_facts,
    movement_facts,
    names,
    place_facts,
    popup_body,
    popup_html,
    rows,
    short_designation,
    unit_facts,
)
from src.tracks import track_lines, unit_events, unit_tracks

Feature = dict[str, Any]
Record = dict[str, Any]


@dataclass(frozen=True)
class LegendEntry:
    swatch: str  # "line", "arrow", "area", "icon", "event", "aggregate" or "nudge"
    style: str  # key into draw_styles()
    text: str


@dataclass(frozen=True)
class Layer:
    key: str
    label: str
    legend: tuple[LegendEntry, ...]
    records: Callable[[Battle, Day], list[Record]]
    features: Callable[[Battle], dict[str, Feature]] = lambda battle: {}
    needs_front: bool = False
    draw_order: int = 0  # lower is drawn first (underneath)


# --- shared helpers ------------------------------------------------------------------------

COORD_DIGITS = 4  # about 10 m: finer is noise for positions drawn to a few hundred metres at best


def geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """A geometry as GeoJSON with rounded coordinates (lon, lat)."""

    def walk(value):
        if isinstance(value, list | tuple) and value and isinstance(value[0], int | float):
            return [round(v, COORD_DIGITS) for v in value]
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    doc = mapping(geometry)
    return {"type": doc["type"], "coordinates": walk(doc["coordinates"])}


def _feature(battle: Battle, row: Any, layer: str, lines: list[str], **extra: Any) -> Feature:
    return {
        "layer": layer,
        "g": geojson(row["geometry"]),
        "name": names(row),
        "popup": popup_body(battle.atlas, row, lines),
        **extra,
    }


LABEL_UPSTREAM_DEG = 0.03  # about 3 km: keeps the names of two rivers apart at their confluence


def label_point(geometry: BaseGeometry) -> Point:
    """Where to name a lake (inside it) or a river: a little upstream of its point nearest the
    middle of the salient (rivers run downstream in the data)."""
    if geometry.geom_type == "Polygon":
        return geometry.representative_point()
    nearest = geometry.project(Point(MAP_CENTRE[1], MAP_CENTRE[0]))
    return geometry.interpolate(max(0.0, nearest - LABEL_UPSTREAM_DEG))


# --- the layers ------------------------------------------------------------------------------


def _water_features(battle: Battle) -> dict[str, Feature]:
    out = {}
    for row in rows(battle.atlas["water"]):
        at = label_point(row["geometry"])
        out[row["id"]] = _feature(
            battle, row, "water", place_facts(row), label="water", labelAt=[round(at.x, 5), round(at.y, 5)]
        )
    return out


def _water(battle: Battle, info: Day) -> list[Record]:
    water = battle.atlas["water"]
    return [{"f": row["id"], "s": "reservoir" if row["kind"] == "reservoir" else "river"} for row in rows(water)]


def _lost(battle: Battle, info: Day) -> list[Record]:
    if info.lost.is_empty:
        return []
    text = f"Ground lost by the UNC since 10 June: {info.since_start.area_km2:.0f} km²"
    popup = (
        f"<h4>{escape(text)}</h4><div class='muted'>Computed from the front lines "
        "in UTM zone 52N; as uncertain as the lines themselves.</div>"
    )
    return [{"g": geojson(info.lost), "s": "lost", "p": popup, "tip": text}]


def _reference_features(battle: Battle) -> dict[str, Feature]:
    out = {}
    for row in (battle.first_row, battle.last_row):
        out[row["id"]] = _feature(battle, row, "reference", [row["label"]])
    return out


def _reference(battle: Battle, info: Day) -> list[Record]:
    return [
        {"f": battle.first_row["id"], "s": "reference.before"},
        {"f": battle.last_row["id"], "s": "reference.armistice"},
    ]


def front_record(battle: Battle, info: Day) -> Record:
    """The day's front: its own geometry, since a morphed line exists only on its day."""
    front = info.front
    fronts = battle.atlas["front_lines"]
    title = front_title(fronts, front)
    if front.interpolated:
        a, b = fronts.loc[front.before_id], fronts.loc[front.after_id]
        lines = [
            f"Drawn between '{a['label']}' and '{b['label']}', {front.fraction:.0%} of the way.",
            "A drawing aid, not a recorded position: the real front moved in jumps, hill by hill.",
        ]
        popup = popup_html(battle.atlas, {"source": a["source"], "cite": a.get("cite")}, title, lines)
        style = "front.interpolated"
    else:
        row = fronts.loc[front.before_id]
        popup = popup_html(battle.atlas, row, title, [row["label"]])
        style = "front.attested"
    return {"g": geojson(front.line), "s": style, "p": popup, "tip": title}


def stretch_records(battle: Battle, info: Day) -> list[Record]:
    """A dated line piece by piece: each stretch as an invisible line over the front that
    takes the click and says how that part was placed, from what and how uncertain."""
    front = info.front
    if front.interpolated:
        return []
    row = battle.atlas["front_lines"].loc[front.before_id]
    stretches = prop(row, "stretches") or []
    coords = list(front.line.coords)
    title = front_title(battle.atlas["front_lines"], front)
    out = []
    for number, piece in enumerate(stretches, 1):
        part = coords[piece["from_vertex"] : piece["to_vertex"] + 1]
        if len(part) < 2:
            continue
        where = f"stretch {number} of {len(stretches)}, west to east"
        popup = popup_html(battle.atlas, piece, title, [row["label"], where[0].upper() + where[1:]])
        radius = piece.get("uncertainty_m")
        spread = f", ±{radius / 1000:.1f} km" if radius is not None else ""
        tip = f"{title}: {where} ({piece['certainty']}{spread})"
        out.append({"g": geojson(LineString(part)), "s": "front.stretch", "p": popup, "tip": tip})
    return out


def _front(battle: Battle, info: Day) -> list[Record]:
    return [front_record(battle, info), *stretch_records(battle, info)]


def _towns(battle: Battle):
    places = battle.atlas["places"]
    return places[places["kind"].isin(["town", "valley"])]


def _place_features(battle: Battle) -> dict[str, Feature]:
    return {row["id"]: _feature(battle, row, "places", place_facts(row), label="town") for row in rows(_towns(battle))}


def _places(battle: Battle, info: Day) -> list[Record]:
    return [{"f": row["id"], "s": "town"} for row in rows(_towns(battle))]


def _movement_features(battle: Battle) -> dict[str, Feature]:
    return {
        row["id"]: _feature(battle, row, "movements", movement_facts(row), head=geojson(_head(row["geometry"])))
        for row in rows(battle.atlas["movements"])
    }


def _head(line) -> BaseGeometry:
    return Polygon(arrowhead(list(line.coords), *styles.ARROWHEAD_M))


def _movements(battle: Battle, info: Day) -> list[Record]:
    return [{"f": row["id"], "s": f"move.{row['kind']}"} for row in rows(info.movements)]


def importance(battle: Battle) -> dict[str, int]:
    """How much of the battle happened at each place: the events that name it. Where names
    compete for room, the place with more events is named first."""
    counts: dict[str, int] = {}
    for row in rows(battle.atlas["events"]):
        for place in prop(row, "places") or []:
            counts[place] = counts.get(place, 0) + 1
    return counts


def _hill_features(battle: Battle) -> dict[str, Feature]:
    imp = importance(battle)
    return {
        row["id"]: _feature(battle, row, "hills", hill_facts(row), label="minor", imp=imp.get(row["id"], 0))
        for row in rows(hill_rows(battle.atlas["places"]))
    }


def _hills(battle: Battle, info: Day) -> list[Record]:
    """Who held each hill that day: the style says it, and the popup's line comes with it."""
    return [
        {"f": row["id"], "s": f"hill.{holder_on(row['control'], info.day) or 'contested'}"}
        for row in rows(hill_rows(battle.atlas["places"]))
    ]


def field_t(name: str, nation: str) -> str:
    """A unit's designation beside its frame (APP-6 field T): 'ROK 6', 'US 45'; a Chinese
    unit's number alone, since every diamond on this map is Chinese."""
    short = short_designation(name, nation)
    return short.removeprefix("PVA ")


def _unit_features(battle: Battle) -> dict[str, Feature]:
    """Each unit's symbol and popup; a unit that moved carries its track (src/tracks.py),
    which the drawer draws while its popup is open."""
    table = formation_table(battle)
    tracks = unit_tracks(battle.atlas["units"])
    out = {}
    for row in rows(battle.atlas["units"]):
        parent = prop(row, "parent")
        own = prop(row, "formation")
        track = tracks.get(row["id"], [])
        lines = unit_facts(row, battle.atlas.formations) + unit_events(battle.atlas["events"], row["name"])
        out[row["id"]] = _feature(
            battle,
            row,
            "units",
            lines + (track_lines(track, row["id"]) if track else []),
            **({"track": [[step["f"], step["when"]] for step in track]} if track else {}),
            short=table[own]["short"] if own in table else field_t(row["name"], row["nation"]),
            higher=table[parent]["short"] if parent in table else "",
            parent=parent if parent in table else None,
            formation=own if own in table else None,
            rank=ECHELON_RANK.get(row["echelon"], 0),
        )
    return out


def formation_table(battle: Battle) -> dict[str, Feature]:
    """The order of battle as the drawer reads it: each formation's symbol, its fields and
    the one above it, so a formation can stand for its units where they have no room."""
    formations = battle.atlas.formations
    out = {}
    for fid, f in formations.items():
        parent = f.get("parent")
        out[fid] = {
            "name": names(f),
            "short": f["short"],
            "higher": formations[parent]["short"] if parent in formations else "",
            "parent": parent if parent in formations else None,
            "rank": ECHELON_RANK[f["echelon"]],
            "s": f"unit.{f['side']}.{f['echelon']}",
        }
    return out


def _units(battle: Battle, info: Day) -> list[Record]:
    return [{"f": row["id"], "s": f"unit.{row['side']}.{row['echelon']}"} for row in rows(info.units)]


def _event_features(battle: Battle) -> dict[str, Feature]:
    return {
        row["id"]: _feature(battle, row, "events", [event_when(row), row["summary"]])
        for row in rows(battle.atlas["events"])
    }


def _events(battle: Battle, info: Day) -> list[Record]:
    return [{"f": row["id"], "s": "event", "n": n} for n, row in enumerate(rows(info.events), start=1)]


L = LegendEntry
SIDES = styles.SIDE_LABELS
REGISTRY: tuple[Layer, ...] = (  # in legend order; draw_order says what lies on top
    Layer(
        "front",
        "Front line of the day",
        (
            L("line", "front.attested", "Front line on a dated state (solid)"),
            L("line", "front.interpolated", "Front line between dated states: interpolated, a drawing aid (dashed)"),
        ),
        _front,
        needs_front=True,
        draw_order=3,
    ),
    Layer(
        "reference",
        "10 June and armistice lines",
        (
            L("line", "reference.before", "Main line on 10 June, before the battle (dotted)"),
            L("line", "reference.armistice", "Armistice line of 27 July, today's MDL (dash-dot)"),
        ),
        _reference,
        _reference_features,
        needs_front=True,
        draw_order=2,
    ),
    Layer(
        "lost",
        "Ground lost since 10 June",
        (L("area", "lost", "Ground lost by the UNC since 10 June"),),
        _lost,
        needs_front=True,
        draw_order=1,
    ),
    Layer(
        "hills",
        "Hills: who held them",
        (
            L("icon", "hill.UNC", f"Hill held by the {SIDES['UNC']} (triangle up)"),
            L("icon", "hill.PVA", f"Hill held by the {SIDES['PVA']} (triangle down)"),
            L("icon", "hill.contested", "Hill contested that day (grey diamond, dashed edge)"),
        ),
        _hills,
        _hill_features,
        draw_order=6,
    ),
    Layer(
        "units",
        "Units",
        (
            L("icon", "unit.UNC.division", "UNC unit (APP-6 friend, a rectangle): XX division, XXX corps"),
            L("icon", "unit.PVA.army", "PVA unit (APP-6 hostile, a diamond): XX division, XXX army (corps-sized)"),
            L("aggregate", "unit.UNC.corps", "A formation standing for its units (their count on its corner)"),
            L("nudge", "unit.UNC.division", "Nudged aside: a leader to a dot where the unit stood"),
        ),
        _units,
        _unit_features,
        draw_order=7,
    ),
    Layer(
        "movements",
        "Attacks and counterattacks",
        (
            L("arrow", "move.attack", "Chinese attack (solid)"),
            L("arrow", "move.counterattack", "UNC counterattack (long dashes)"),
            L("arrow", "move.withdrawal", "UNC withdrawal (short dashes)"),
        ),
        _movements,
        _movement_features,
        draw_order=5,
    ),
    Layer(
        "events",
        "Events of the day",
        (L("event", "event", "Event of the day (numbered as in the day's list)"),),
        _events,
        _event_features,
        draw_order=8,
    ),
    Layer(
        "places", "Towns and valleys", (L("icon", "town", "Town or valley"),), _places, _place_features, draw_order=4
    ),
    Layer(
        "water",
        "Rivers and reservoir",
        (L("line", "river", "River"), L("area", "reservoir", "Reservoir")),
        _water,
        _water_features,
        draw_order=0,
    ),
)
LAYERS = {layer.key: layer for layer in REGISTRY}
LAYER_LABELS = {layer.key: layer.label for layer in REGISTRY}
DRAW_ORDER = tuple(layer.key for layer in sorted(REGISTRY, key=lambda layer: layer.draw_order))


@lru_cache(maxsize=1)
def draw_styles() -> dict[str, dict[str, Any]]:
    """Every style key a record can name: path options, or an icon with its box in px."""
    out: dict[str, dict[str, Any]] = {
        "front.attested": {"path": styles.FRONT_ATTESTED},
        "front.interpolated": {"path": styles.FRONT_INTERPOLATED},
        "front.stretch": {"path": styles.FRONT_STRETCH},
        "reference.before": {"path": styles.REF_BEFORE},
        "reference.armistice": {"path": styles.REF_ARMISTICE},
        "lost": {"path": styles.LOST_GROUND},
        "river": {"path": styles.RIVER},
        "reservoir": {"path": styles.RESERVOIR},
        "town": {"circle": styles.TOWN},
        "event": {"event": styles.EVENT_PX},
    }
    for kind, style in styles.MOVEMENT.items():
        out[f"move.{kind}"] = {
            "path": style,
            "head": {**style, "weight": 1, "fillColor": style["color"], "fillOpacity": 1},
        }
    for holder in styles.SIDE_COLOURS:
        out[f"hill.{holder}"] = {
            "icon": hill_svg(holder),
            "box": [styles.HILL_PX, styles.HILL_PX],
            "line": held_text(holder),
            "dated": 1,
            "tipx": f": {holder}",
        }
    for side in ("UNC", "PVA"):
        for echelon in ECHELON_CODES:
            symbol = unit_symbol(side, echelon)
            out[f"unit.{side}.{echelon}"] = {
                "icon": symbol.svg,
                "box": list(symbol.size),
                "anchor": list(symbol.anchor),
                "frame": list(symbol.frame),
                "unit": True,
            }
    return out


def features(battle: Battle) -> dict[str, Feature]:
    """The static part of every layer, by feature id (ids are unique across files)."""
    out: dict[str, Feature] = {}
    for layer in REGISTRY:
        if battle.has_front or not layer.needs_front:
            out.update(layer.features(battle))
    return out


def day_records(battle: Battle, info: Day) -> dict[str, list[Record]]:
    """What each layer draws on the day; a layer that needs the front is empty without one."""
    return {
        layer.key: layer.records(battle, info) if (battle.has_front or not layer.needs_front) else []
        for layer in REGISTRY
    }
