"""One self-contained HTML file of the whole battle, for a lecture hall with no network.

Leaflet, the styles, the data and a small player are inlined: the file asks no other
host. Days are ISO strings with labels made here, never JavaScript timestamps, so 1953
(before the Unix epoch) cannot slip by a day in any time zone.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from datetime import date
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import mapping

from src import styles
from src.assets import leaflet_inline
from src.chapters import Chapter
from src.constants import MAP_CENTRE, MAP_ZOOM
from src.day import Battle, hill_rows, holder_on
from src.legend import legend_html
from src.mapbuild import (
    event_when,
    front_popup,
    hill_facts,
    label_point,
    local_name,
    map_css,
    movement_facts,
    popup_html,
    rows,
    unit_facts,
)
from src.report import FIGURES_NOTE
from src.safetext import script_json, script_text, style_text
from src.symbols import arrowhead, hill_svg, short_designation, unit_svg
from src.timeline import day_label

FILE_NAME = "kumsong-1953.html"
MAX_BYTES = 3 * 1024 * 1024
HELD_SLOT = "%HELD%"  # replaced in the browser by who held the hill that day


def _ll(coords) -> list[list[float]]:
    return [[round(lat, 5), round(lon, 5)] for lon, lat, *_ in coords]


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, list | tuple) and value and isinstance(value[0], int | float):
            return [round(v, 5) for v in value]
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _day_panel(battle: Battle, day: date, lost_km2: float, depth_km: float, status: str) -> str:
    parts = [f"<h2>{escape(day_label(day))}</h2><p>{escape(status)}</p>"]
    parts.append(
        f'<div class="figures" title="{escape(FIGURES_NOTE)}"><div><b>{lost_km2:.0f} km²</b><br>ground lost since '
        f"10 June</div><div><b>{depth_km:.1f} km</b><br>deepest point behind the 10 June line</div></div>"
    )
    events = battle.on(day).events
    if events.empty:
        parts.append("<p><i>No event recorded for this day; the front held as drawn.</i></p>")
    for number, row in enumerate(rows(events), start=1):
        cite = battle.atlas.cite_feature(row)
        parts.append(
            f"<div class='event'><b>{number}. {escape(row['name'])}</b> ({escape(event_when(row))})"
            f"<br>{escape(row['summary'])}<br><span class='muted'>Source: {escape(cite)}</span></div>"
        )
    return "".join(parts)


def export_data(battle: Battle, chapters: list[Chapter]) -> dict[str, Any]:
    """Everything the player needs, with every text escaped and every popup as in the app."""
    atlas = battle.atlas
    fronts = atlas["front_lines"].sort_values("date")
    places = atlas["places"]
    hills = hill_rows(places)
    days, index = [], {}
    for i, info in enumerate(battle.series()):
        index[info.day] = i
        title, popup, _ = front_popup(battle, info)
        status = (
            f"Front interpolated between two dated states ({info.front.fraction:.0%} of the way): a drawing aid."
            if info.front.interpolated
            else f"Front: {fronts.set_index('id').loc[info.front.before_id, 'label']}."
        )
        days.append(
            {
                "iso": info.day.isoformat(),
                "label": day_label(info.day),
                "front": _ll(info.front.line.coords),
                "interpolated": info.front.interpolated,
                "frontTitle": title,
                "frontPopup": popup,
                "lost": _rounded(mapping(info.lost)) if not info.lost.is_empty else None,
                "lostText": f"Ground lost by the UNC since 10 June: {info.since_start.area_km2:.0f} km²",
                "hills": {row["id"]: holder_on(row["control"], info.day) or "contested" for row in rows(hills)},
                "units": list(info.units["id"]),
                "moves": list(info.movements["id"]),
                "events": list(info.events["id"]),
                "panel": _day_panel(battle, info.day, info.since_start.area_km2, info.since_start.max_depth_km, status),
            }
        )
    return {
        "centre": list(MAP_CENTRE),
        "zoom": MAP_ZOOM,
        "days": days,
        "styles": {
            "front": styles.FRONT_ATTESTED,
            "frontInterpolated": styles.FRONT_INTERPOLATED,
            "lost": styles.LOST_GROUND,
            "river": styles.RIVER,
            "reservoir": styles.RESERVOIR,
            "moves": styles.MOVEMENT,
        },
        "sides": styles.SIDE_LABELS,
        "hillIcons": {side: hill_svg(side) for side in ("UNC", "PVA", "contested")},
        "references": [
            {
                "coords": _ll(row["geometry"].coords),
                "style": style,
                "name": row["name"],
                "popup": popup_html(atlas, row, row["name"], [row["label"]]),
            }
            for row, style in ((fronts.iloc[0], styles.REF_BEFORE), (fronts.iloc[-1], styles.REF_ARMISTICE))
        ],
        "water": [
            {
                "polygon": row["geometry"].geom_type == "Polygon",
                "name": row["name"],
                "coords": _ll(
                    row["geometry"].exterior.coords
                    if row["geometry"].geom_type == "Polygon"
                    else row["geometry"].coords
                ),
                "popup": popup_html(atlas, row, row["name"], [row["kind"].title()]),
                "labelAt": _ll([label_point(row["geometry"]).coords[0]])[0],
            }
            for row in rows(atlas["water"])
        ],
        "places": [
            {
                "at": [row["geometry"].y, row["geometry"].x],
                "name": row["name"],
                "popup": popup_html(atlas, row, row["name"], [row["kind"].title()]),
            }
            for row in rows(places[places["kind"].isin(["town", "valley"])])
        ],
        "hills": {
            row["id"]: {
                "at": [row["geometry"].y, row["geometry"].x],
                "name": row["name"],
                "popup": popup_html(atlas, row, row["name"], [HELD_SLOT, *hill_facts(row)]),
            }
            for row in rows(hills)
        },
        "units": {
            row["id"]: {
                "at": [row["geometry"].y, row["geometry"].x],
                "name": row["name"],
                "icon": unit_svg(row["side"], row["echelon"], 0.8),
                "label": short_designation(row["name"], row["nation"]),
                "popup": popup_html(atlas, row, local_name(row), unit_facts(row)),
            }
            for row in rows(atlas["units"])
        },
        "moves": {
            row["id"]: {
                "coords": _ll(row["geometry"].coords),
                "kind": row["kind"],
                "name": row["name"],
                "head": _ll(arrowhead(list(row["geometry"].coords))),
                "popup": popup_html(atlas, row, row["name"], movement_facts(row)),
            }
            for row in rows(atlas["movements"])
        },
        "events": {
            row["id"]: {
                "at": [row["geometry"].y, row["geometry"].x],
                "name": row["name"],
                "popup": popup_html(atlas, row, row["name"], [event_when(row), row["summary"]]),
            }
            for row in rows(atlas["events"])
        },
        "chapters": [
            {
                "title": c.title,
                "span": c.span,
                "points": list(c.points),
                "steps": [index[d] for d in c.steps if d in index],
                "bounds": [list(c.bounds[0]), list(c.bounds[1])],
            }
            for c in chapters
        ],
        "sources": sorted(atlas.cite(key) for key in atlas.sources),
    }


def _asset(name: str) -> str:
    return (resources.files("src") / "export_assets" / name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element (see safetext.script_json)."""
    return script_json(data)


def export_html(battle: Battle, chapters: list[Chapter]) -> str:
    """The page: every slot of player.html filled in one pass, so a data text that happens to
    read `/*PLAYER_JS*/` stays text; every inlined script and style escaped for its element."""
    leaflet_js, leaflet_css = leaflet_inline()
    fills = {
        "LEAFLET_CSS": style_text(leaflet_css),
        "MAP_CSS": style_text(map_css().removeprefix("<style>").removesuffix("</style>")),
        "PLAYER_CSS": style_text(_asset("player.css")),
        "LEGEND": legend_html(),
        "LEAFLET_JS": script_text(leaflet_js),
        "DATA": _script_json(export_data(battle, chapters)),
        "PLAYER_JS": script_text(_asset("player.js")),
    }
    names = "|".join(fills)
    slot = re.compile(rf"/\*({names})\*/|<!--({names})-->")
    return slot.sub(lambda m: fills[m.group(1) or m.group(2)], _asset("player.html"))


def write_export(battle: Battle, chapters: list[Chapter], out_dir: Path) -> Path:
    """Write the file atomically: a failed write (a full disk) leaves the previous file whole."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out_dir))
    html = export_html(battle, chapters)
    data = html.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ValueError(f"the export is {len(data) / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB budget")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    replace_atomically(path, data)
    return path


def replace_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o644
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
