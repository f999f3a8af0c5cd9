"""A bare page with Leaflet, the drawer and the scene, and nothing else: placement is tested
here at each size in milliseconds a day, not through the whole app (the app-level tests
keep only what Streamlit adds). The same scene and scripts as the offline file."""

from __future__ import annotations

from pathlib import Path

from src.assets import leaflet_inline
from src.day import Battle
from src.legend import legend_html
from src.safetext import script_json, script_text, style_text
from src.scene import asset, build_scene, drawer_js
from tests.browser.mapread import settled

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{leaflet_css}</style><style>{map_css}</style>
<style>html, body, #map {{ margin: 0; height: 100%; }}</style></head>
<body><div id="map"></div>
<script>{leaflet_js}</script><script>{drawer}</script>
<script>
const map = L.map("map", {{ zoomSnap: 0.25 }});
L.control.scale().addTo(map);
Atlas.drawer(map, {scene}, Object.assign({{ legend: {legend}, fit: true }}, {options}));
</script></body></html>"""


def harness_html(battle: Battle, options: dict | None = None) -> str:
    """`options`: the drawer's (as the pages pass them: a projector's nameShare, say)."""
    leaflet_js, leaflet_css = leaflet_inline()
    return PAGE.format(
        leaflet_css=style_text(leaflet_css),
        map_css=style_text(asset("drawer.css")),
        leaflet_js=script_text(leaflet_js),
        drawer=script_text(drawer_js()),
        scene=script_json(build_scene(battle)),
        legend=script_json(legend_html()),
        options=script_json(options or {}),
    )


def open_day(page, path: Path, day: str, keep: tuple[str, ...] = ()) -> None:
    """The harness page at `path`, showing `day` (with `keep`, a chapter's places) laid out."""
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Atlas && Atlas.live")
    page.evaluate("([d, keep]) => Atlas.live.show(d, null, 'en', {keep})", [day, list(keep)])
    settled(page, day)


def write_harness(battle: Battle, folder: Path, options: dict | None = None, name: str = "harness") -> Path:
    path = folder / f"{name}.html"
    path.write_text(harness_html(battle, options), encoding="utf-8")
    return path
