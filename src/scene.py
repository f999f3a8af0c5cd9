"""The battle as the drawer reads it: styles, static features and every day's records.

Computed once per atlas and held by the browser: the app's map carries it in its base
script (which never changes with the date), so a step only tells the drawer which day,
which layers and which language; the offline file inlines the very same scene.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from src import styles
from src.assets import package_text
from src.calendar import day_label
from src.constants import THEATRE_BBOX, ZOOM_RANGE, ZOOM_STEP
from src.day import Battle, Day
from src.geopack import pack_scene
from src.layers import DRAW_ORDER, day_records, draw_styles, features, formation_table
from src.locator import locator_svg
from src.safetext import script_json


def battle_bounds(battle: Battle) -> list[list[float]]:
    """[[south, west], [north, east]] of the salient and its flanks: what 'fit the battle' shows."""
    fronts = battle.atlas["front_lines"]
    if fronts.empty:
        west, south, east, north = THEATRE_BBOX
    else:
        west, south, east, north = fronts.total_bounds
        south -= 0.06  # the arrows and units behind the old line
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def story_places(info: Day) -> list[str]:
    """The places the day's events name: the map names them before any other."""
    seen: dict[str, None] = {}
    for places in info.events.get("places", []):
        for place in places if isinstance(places, list) else []:
            seen[place] = None
    return list(seen)


def map_credits(battle: Battle) -> list[str]:
    """The credits the licences of the data drawn ask for (a source's `credit`), once each,
    in the order the layers name them: the map shows them beside Leaflet's."""
    keys: dict[str, None] = {}
    for frame in battle.atlas.layers.values():
        for column in ("source", "also"):
            if column in frame:
                for value in frame[column].dropna():
                    keys.update(dict.fromkeys([value] if isinstance(value, str) else list(value)))
    sources = battle.atlas.sources
    return list(dict.fromkeys(sources[key]["credit"] for key in keys if sources.get(key, {}).get("credit")))


@lru_cache(maxsize=4)
def build_scene(battle: Battle) -> dict[str, Any]:
    """Every day's records, computed once per atlas and shared by the app's map and the offline
    file; callers must not change it (export_data adds its panels to copies)."""
    west, south, east, north = THEATRE_BBOX
    days = [
        {
            "iso": info.day.isoformat(),
            "label": day_label(info.day),
            "story": story_places(info),
            "records": day_records(battle, info),
        }
        for info in battle.series()
    ]
    shown = features(battle)
    pack_scene(shown, days)
    return {
        "view": {
            "zoom": list(ZOOM_RANGE),
            "zoomStep": ZOOM_STEP,
            "bounds": [[south, west], [north, east]],
            "battle": battle_bounds(battle),
        },
        "styles": draw_styles(),
        "order": list(DRAW_ORDER),
        "unitTextPx": styles.UNIT_TEXT_PX,
        "namePx": styles.NAME_PX,
        "ink": styles.INK,
        "formations": formation_table(battle),
        "locator": locator_svg(battle_bounds(battle)),  # None without its outline: no inset
        "credits": map_credits(battle),
        "links": {key: src["url"] for key, src in battle.atlas.sources.items() if src.get("url")},
        "features": shown,
        "days": days,  # their lines and areas packed (src/geopack.py)
    }


@lru_cache(maxsize=4)
def scene_json(battle: Battle) -> str:
    """The scene as JSON that is safe inside a <script> element (made once per atlas)."""
    return script_json(build_scene(battle))


def asset(name: str) -> str:
    """A JS or CSS file of the drawer, as text."""
    return package_text("drawer_assets", name)


# The drawer's scripts, one concept a file, in the order they build the one namespace
# (window.Atlas): the pure parts first. The offline file has its own player, not follow.js.
DRAWER_SCRIPTS = ("geopack.js", "geometry.js", "generalise.js", "placement.js", "layout.js", "controls.js", "draw.js")
APP_SCRIPTS = (*DRAWER_SCRIPTS, "follow.js")


def drawer_js(names: tuple[str, ...] = DRAWER_SCRIPTS) -> str:
    """The drawer's scripts as one text, concatenated as they are loaded (no bundler)."""
    return "\n;".join(asset(name) for name in names)
