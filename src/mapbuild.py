"""The app's Folium map: Leaflet served by the app, and the drawer with the whole battle.

streamlit-folium re-creates the whole map when the base map's script changes, so the base
map holds everything that never changes with the date, the scene included; a step sends
only a one-line script (`day_step`) that tells the drawer which day, layers and language
to show. The drawing itself is src/drawer_assets/*.js, shared with the offline file.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import ClassVar

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from src.assets import leaflet_inline, publish, static_url
from src.constants import BASEMAPS, MAP_CENTRE, MAP_ZOOM, ZOOM_RANGE, ZOOM_STEP
from src.day import Battle
from src.daytext import panels_json
from src.layers import LAYER_LABELS
from src.legend import legend_html
from src.safetext import script_json
from src.scene import APP_SCRIPTS, asset, drawer_js, scene_json

MAP_HEIGHT = 640  # px before a page's CSS sizes the map's frame from the window

TILES = {
    "topo": (
        "https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png",
        "Map data © OpenStreetMap contributors, SRTM | Map style © OpenTopoMap (CC-BY-SA)",
    ),
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors"),
    "imagery": (
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles © Esri, Maxar, Earthstar Geographics",
    ),
}


class AtlasMap(folium.Map):
    """A Folium map with no script of its own (the Drawer brings Leaflet), served by the app:
    no CDN, no jQuery."""

    default_js: ClassVar[list[tuple[str, str]]] = []
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", static_url("vendor/leaflet/leaflet.css"))]


class Drawer(JSCSSMixin):
    """The drawer and the scene it draws from, as one element of the base map.

    Leaflet, the drawer and the scene are published as one static file named by its content,
    so the base map's script holds links and a few options, and every rerun re-sends those,
    not the scene (measured: 0.62 MB a step when inlined). One file, because streamlit-folium
    loads a map's scripts one after another, each waiting for the last (three cost the first
    map about 170 ms). If static/ cannot be written, Leaflet is linked and the rest inlined.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.code }}
        Atlas.drawer({{ this._parent.get_name() }}, {{ this.scene }}, {{ this.options }});
        {% if this.follow %}Atlas.followPage(Atlas.live, {{ this.follow }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, battle: Battle, options: dict, follow: dict | None = None):
        super().__init__()
        self._name = "Drawer"
        self.options = jinja_inert(script_json({"legend": legend_html(), **options}))
        self.follow = jinja_inert(script_json(follow)) if follow else ""
        links = [publish(name, text) for name, text in drawer_files(battle)]
        if all(links):
            bundle, css = links
            self.default_js = [("atlas_map", bundle)]
            self.default_css = [("atlas_drawer_css", css)]
            self.code, self.scene = "", SCENE_GLOBAL
        else:
            self.default_js, self.default_css = [("leaflet", static_url("vendor/leaflet/leaflet.js"))], []
            self.code = drawer_js(APP_SCRIPTS) + f"\ndocument.head.insertAdjacentHTML('beforeend', {style_json()});"
            self.scene = jinja_inert(scene_json(battle))


SCENE_GLOBAL = "Atlas.scene"


@lru_cache(maxsize=4)
def drawer_files(battle: Battle) -> tuple[tuple[str, str], ...]:
    """What the map iframe loads besides Leaflet's CSS: Leaflet, the drawer and the scene in
    one script, and the drawer's CSS."""
    leaflet = leaflet_inline()[0].replace("//# sourceMappingURL=leaflet.js.map", "")
    bundle = f"{leaflet}\n;{drawer_js(APP_SCRIPTS)}\n;{SCENE_GLOBAL} = {scene_json(battle)};\n"
    return (("map.js", bundle), ("drawer.css", asset("drawer.css")))


def style_json() -> str:
    return jinja_inert(script_json(f"<style>{asset('drawer.css')}</style>"))


def jinja_inert(json_text: str) -> str:
    """JSON that folium's and streamlit-folium's template passes leave as it is: a data text
    holding '{{', '{%' or '{#' would otherwise be compiled as a template. Those pairs occur in
    JSON only inside strings, where the escape reads back the same."""
    for pair, escaped in (("{{", "{\\u007b"), ("{%", "{\\u0025"), ("{#", "{\\u0023")):
        json_text = json_text.replace(pair, escaped)
    return json_text


class Step(MacroElement):
    """What a step sends: the day, the layers and the language, nothing else."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.Atlas && Atlas.live && Atlas.live.show({{ this.args }});
        {% endmacro %}
        """
    )

    def __init__(self, day: date, layers: tuple[str, ...], lang: str, extra: dict | None = None):
        super().__init__()
        self._name = "Step"
        self.args = script_json([day.isoformat(), list(layers), lang, extra or {}])[1:-1]


def base_map(
    battle: Battle,
    base: str = "plain",
    location: tuple[float, float] = MAP_CENTRE,
    name_share: float = 0.0,
    zoom: float = MAP_ZOOM,
    follow: dict | None = None,
    fit: bool = False,
    fill: bool = False,
    keys: tuple[str, ...] = (),
) -> folium.Map:
    """The map that stays put while the days change: view, tiles, styles and the drawer.

    `name_share`: every symbol, weight and font scaled so that the place names are that share
    of the screen's height (a projector's, measured in the browser); 0: the map's own sizes.
    `follow`: the page's day slider and step controls, which the map follows at once (the
    server then confirms the day; see follow.js); `fit`: open on the
    whole battle rather than at `location` and `zoom`; `fill`: the map fills its frame, which
    the page sizes from the window; `keys`: keys passed on to the page
    even when the map has the focus (the page's own shortcuts)."""
    fmap = AtlasMap(
        location=location,
        zoom_start=zoom,
        tiles=None,
        min_zoom=ZOOM_RANGE[0],
        max_zoom=ZOOM_RANGE[1],
        zoom_snap=ZOOM_STEP,  # a shared link's quarter-step zoom opens as it was seen
        control_scale=True,
        prefer_canvas=False,
        keyboard=not any(key.startswith("Arrow") for key in keys),  # arrows step the lecture, not pan
    )
    if base in TILES:
        url, attribution = TILES[base]
        folium.TileLayer(url, attr=attribution, name=BASEMAPS[base], max_zoom=17).add_to(fmap)
    Drawer(battle, {"nameShare": name_share, "fit": fit, "fill": fill, "keys": list(keys)}, follow).add_to(fmap)
    return fmap


def day_step(
    day: date,
    layers: tuple[str, ...],
    lang: str = "en",
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
    keep: tuple[str, ...] = (),
    panels: str | None = None,
    context: str | None = None,
) -> folium.FeatureGroup:
    """The feature group streamlit-folium swaps on a step: empty but for the drawer call.

    `bounds` ((south, west), (north, east)) are fitted in the browser, at the map's real size;
    `keep` names features whose names stay at every zoom; `panels`: where the day panels are
    (panels_link), which the map then shows in the page as it draws each day; `context`: the
    page's title and place in its story, shown over the map in full screen."""
    group = folium.FeatureGroup(name="day")
    extra = {"bounds": [list(corner) for corner in bounds]} if bounds else {}
    if keep:
        extra["keep"] = list(keep)
    if panels:
        extra["panels"] = panels
    if context is not None:
        extra["context"] = context
    Step(day, tuple(key for key in LAYER_LABELS if key in layers), lang, extra).add_to(group)
    return group


def panels_link(battle: Battle, lang: str) -> str | None:
    """The URL of every day's panel in `lang` (published once), or None if it cannot be written:
    the panel then changes with the server's rerun alone."""
    return publish(f"panels-{lang}.json", panels_json(battle, lang))


def full_map(
    battle: Battle,
    day: date,
    layers: tuple[str, ...] = tuple(LAYER_LABELS),
    base: str = "plain",
    lang: str = "en",
) -> folium.Map:
    """Base map and the day in one object (for rendering outside Streamlit)."""
    fmap = base_map(battle, base)
    day_step(day, layers, lang).add_to(fmap)
    return fmap
