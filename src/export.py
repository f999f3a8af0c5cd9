"""One self-contained HTML file of the whole battle, for a lecture hall with no network.

Leaflet, the styles, the data and a small player are inlined: the file asks no other
host. Days are ISO strings with labels made here, never JavaScript timestamps, so 1953
(before the Unix epoch) cannot slip by a day in any time zone.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from src.assets import leaflet_inline
from src.chapters import Chapter
from src.constants import MAP_CENTRE, MAP_ZOOM
from src.day import Battle
from src.daytext import day_html, day_text
from src.layers import LAYER_LABELS
from src.legend import legend_html
from src.scene import asset, build_scene, script_json
from src.text import accounts

FILE_NAME = "kumsong-1953.html"
MAX_BYTES = 3 * 1024 * 1024


def export_data(battle: Battle, chapters: list[Chapter]) -> dict[str, Any]:
    """Everything the player needs: the drawer's scene (as in the app), the day panels, the
    chapters and the bibliography; every text escaped where it becomes HTML."""
    scene = build_scene(battle)
    index = {day["iso"]: i for i, day in enumerate(scene["days"])}
    for day in scene["days"]:
        day["panel"] = day_html(day_text(battle, date.fromisoformat(day["iso"])))
    atlas = battle.atlas
    return {
        "centre": list(MAP_CENTRE),
        "zoom": MAP_ZOOM,
        "layers": list(LAYER_LABELS),
        "scene": scene,
        "legend": legend_html(),
        "chapters": [
            {
                "title": c.title,
                "span": c.span,
                "points": list(c.points),
                "accounts": [list(a) for a in accounts(atlas, list(c.accounts))],
                "steps": [index[d.isoformat()] for d in c.steps if d.isoformat() in index],
                "bounds": [list(c.bounds[0]), list(c.bounds[1])],
            }
            for c in chapters
        ],
        "sources": sorted(atlas.cite(key) for key in atlas.sources),
    }


def _asset(name: str) -> str:
    return (resources.files("src") / "export_assets" / name).read_text(encoding="utf-8")


def export_html(battle: Battle, chapters: list[Chapter]) -> str:
    """The page with every placeholder filled in one pass, so no text put in can be taken
    for another placeholder."""
    leaflet_js, leaflet_css = leaflet_inline()
    parts = {
        "LEAFLET_CSS": leaflet_css,
        "MAP_CSS": asset("drawer.css"),
        "PLAYER_CSS": _asset("player.css"),
        "LEAFLET_JS": inline_script(leaflet_js),
        "DATA": script_json(export_data(battle, chapters)),
        "DRAWER_JS": inline_script(asset("drawer.js")),
        "PLAYER_JS": inline_script(_asset("player.js")),
    }
    return re.sub(r"/\*([A-Z_]+)\*/", lambda m: parts.get(m.group(1), m.group(0)), _asset("player.html"))


def inline_script(code: str) -> str:
    """Script text that cannot end its <script> element early."""
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def write_export(battle: Battle, chapters: list[Chapter], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    html = export_html(battle, chapters)
    size = len(html.encode("utf-8"))
    if size > MAX_BYTES:
        raise ValueError(f"the export is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB budget")
    path.write_text(html, encoding="utf-8")
    return path
