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
from pathlib import Path
from typing import Any

from src.assets import leaflet_inline, package_text
from src.chapters import Chapter
from src.constants import MAP_CENTRE, MAP_ZOOM
from src.day import Battle
from src.daytext import day_panels
from src.layers import LAYER_LABELS
from src.legend import legend_html
from src.safetext import script_json, script_text, style_text
from src.scene import asset, build_scene, drawer_js
from src.text import accounts

FILE_NAME = "kumsong-1953.html"
MAX_BYTES = 3 * 1024 * 1024  # refused above this: larger data than ours still exports below it
BUDGET_BYTES = 1_000_000  # what the atlas's own file keeps to (README): a class downloads it at once


def export_data(battle: Battle, chapters: list[Chapter]) -> dict[str, Any]:
    """Everything the player needs: the drawer's scene (as in the app), the day panels, the
    chapters and the bibliography; every text escaped where it becomes HTML."""
    shared = build_scene(battle)  # cached for the app's map too: add the panels to copies
    panels = day_panels(battle)
    days = [{**day, "panel": panels[day["iso"]]} for day in shared["days"]]
    scene = {**shared, "days": days}
    index = {day["iso"]: i for i, day in enumerate(days)}
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
    return package_text("export_assets", name)


def export_html(battle: Battle, chapters: list[Chapter]) -> str:
    """The page: every slot of player.html filled in one pass, so a data text that happens to
    read `/*PLAYER_JS*/` stays text; every inlined script and style escaped for its element."""
    leaflet_js, leaflet_css = leaflet_inline()
    fills = {
        "LEAFLET_CSS": style_text(leaflet_css),
        "MAP_CSS": style_text(asset("drawer.css")),
        "PLAYER_CSS": style_text(_asset("player.css")),
        "LEAFLET_JS": script_text(leaflet_js),
        "DATA": script_json(export_data(battle, chapters)),
        "DRAWER_JS": script_text(drawer_js()),
        "PLAYER_JS": script_text(_asset("player.js")),
    }
    slot = re.compile(rf"/\*({'|'.join(fills)})\*/")
    return slot.sub(lambda m: fills[m.group(1)], _asset("player.html"))


def write_export(battle: Battle, chapters: list[Chapter], out_dir: Path) -> Path:
    """Write the file atomically: a failed write (a full disk) leaves the previous file whole."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out_dir))
    data = export_html(battle, chapters).encode("utf-8")
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
