"""The Folium map: a base map that never changes with the date, and the layers of a day.

streamlit-folium re-creates the whole map when the base map's script changes, so nothing
that depends on the day lives in `base_map`; `day_layers` builds the day's feature groups,
which the component swaps in place. Every text that reaches a popup or label is escaped.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import Any, ClassVar

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from shapely.geometry import Point, mapping

from src.assets import static_url
from src.constants import BASEMAPS, MAP_CENTRE, MAP_LAYERS, MAP_ZOOM, ZOOM_RANGE
from src.data import Atlas, prop
from src.day import Battle, Day, hill_rows, holder_on
from src.styles import (
    BACKGROUND,
    CERTAINTY_LABELS,
    FRONT_ATTESTED,
    FRONT_INTERPOLATED,
    LOST_GROUND,
    MOVEMENT,
    REF_ARMISTICE,
    REF_BEFORE,
    RESERVOIR,
    RIVER,
    SIDE_LABELS,
)
from src.symbols import arrowhead, hill_svg, short_designation, unit_svg
from src.timeline import day_label, iso_label

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
    """A Folium map whose only script is Leaflet, served by the app (no CDN, no jQuery)."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", static_url("vendor/leaflet/leaflet.js"))]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", static_url("vendor/leaflet/leaflet.css"))]


def map_css(scale: float = 1.0) -> str:
    """Styles for labels and popups; `scale` enlarges everything for a projector."""
    px = lambda n: f"{round(n * scale)}px"  # noqa: E731
    return f"""<style>
.leaflet-container {{ background: {BACKGROUND}; font: {px(14)}/1.35 sans-serif; }}
.atlas-label {{ font: 600 {px(12)} sans-serif; color: #1A1A1A; white-space: nowrap;
  text-shadow: 0 0 3px #FFF, 0 0 3px #FFF, 0 0 2px #FFF; pointer-events: none; }}
.atlas-label.water {{ color: #1F5F8B; font-style: italic; font-weight: 500; }}
.atlas-label.town {{ font-size: {px(13)}; }}
.atlas-label.unit {{ font-size: {px(10)}; text-align: center; }}
.leaflet-popup-content {{ font-size: {px(14)}; line-height: 1.4; }}
.leaflet-popup-content h4 {{ margin: 0 0 4px; font-size: {px(15)}; }}
.leaflet-popup-content .muted {{ color: #555; font-size: {px(12)}; }}
.leaflet-tooltip {{ font-size: {px(13)}; }}
.leaflet-container[data-zoom="7"] .atlas-label.minor, .leaflet-container[data-zoom="8"] .atlas-label.minor,
.leaflet-container[data-zoom="9"] .atlas-label.minor, .leaflet-container[data-zoom="10"] .atlas-label.minor
  {{ display: none; }}
.atlas-fullscreen {{ display: block; width: {px(30)}; height: {px(30)}; line-height: {px(30)}; text-align: center;
  font-size: {px(20)}; background: #FFF; color: #1A1A1A; text-decoration: none; }}
.atlas-event {{ background: #1A1A1A; color: #FFF; border-radius: 50%; text-align: center;
  font: 700 {px(13)}/{px(22)} sans-serif; width: {px(22)}; height: {px(22)}; border: 2px solid #FFF; }}
</style>"""


def base_map(
    base: str = "plain", scale: float = 1.0, location: tuple[float, float] = MAP_CENTRE, zoom: int = MAP_ZOOM
) -> folium.Map:
    """The map that stays put while the days change: initial view, tiles and styles only."""
    fmap = AtlasMap(
        location=location,
        zoom_start=zoom,
        tiles=None,
        min_zoom=ZOOM_RANGE[0],
        max_zoom=ZOOM_RANGE[1],
        control_scale=True,
        prefer_canvas=False,
    )
    if base in TILES:
        url, attribution = TILES[base]
        folium.TileLayer(url, attr=attribution, name=BASEMAPS[base], max_zoom=17).add_to(fmap)
    fmap.get_root().header.add_child(Element(map_css(scale)))
    ZoomClass().add_to(fmap)
    FullscreenControl().add_to(fmap)
    return fmap


class FullscreenControl(MacroElement):
    """A full-screen button of our own (no plugin to fetch): inside the app it enlarges the
    map's frame, in the exported file the map itself."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var framed = false;
            try { framed = !!(window.frameElement && window.parent.document); } catch (e) { framed = false; }
            var doc = framed ? window.parent.document : document;
            var target = framed ? window.frameElement : map.getContainer();
            var Button = L.Control.extend({
                options: {position: "topleft"},
                onAdd: function () {
                    var a = L.DomUtil.create("a", "leaflet-bar atlas-fullscreen");
                    a.href = "#";
                    a.title = "Full screen (Esc to leave)";
                    a.setAttribute("role", "button");
                    a.setAttribute("aria-label", "Full screen");
                    a.innerHTML = '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" ' +
                        'style="vertical-align:middle"><path d="M1 6V1h5M12 1h5v5M17 12v5h-5M6 17H1v-5" ' +
                        'fill="none" stroke="#1A1A1A" stroke-width="2"/></svg>';
                    L.DomEvent.on(a, "click", function (e) {
                        L.DomEvent.stop(e);
                        if (doc.fullscreenElement) { doc.exitFullscreen(); } else { target.requestFullscreen(); }
                    });
                    return a;
                }
            });
            var box = map.getContainer();
            window.addEventListener("resize", function () {
                if (doc.fullscreenElement) {
                    box.dataset.height = box.dataset.height || box.style.height;
                    box.style.height = window.innerHeight + "px";
                } else if (box.dataset.height) {
                    box.style.height = box.dataset.height;
                }
                map.invalidateSize();
            });
            new Button().addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class ZoomClass(MacroElement):
    """Puts the zoom level on the map container, so CSS can hide minor labels when zoomed out."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var mark = function () { map.getContainer().dataset.zoom = map.getZoom(); };
            map.on("zoomend", mark);
            mark();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


# --- text ----------------------------------------------------------------------------------


def local_name(props: Any, lang: str = "en") -> str:
    """The feature's name in the chosen language, falling back to English."""
    value = prop(props, {"ko": "name_ko", "zh": "name_zh"}.get(lang, "name"))
    return str(value) if value else str(prop(props, "name"))


def rows(frame):
    """Rows as Series, read by key: row['name'] (row.name would be the index label)."""
    return (row for _, row in frame.iterrows())


def popup_html(atlas: Atlas, props: Any, title: str, lines: list[str] | None = None) -> str:
    """A popup: title, facts, certainty and the source, all escaped."""
    parts = [f"<h4>{escape(title)}</h4>"]
    parts += [f"<div>{escape(line)}</div>" for line in lines or []]
    certainty = prop(props, "certainty")
    if certainty:
        text = CERTAINTY_LABELS.get(certainty, certainty)
        radius = prop(props, "uncertainty_m")
        if radius:
            text += f" (±{radius / 1000:.1f} km)"
        parts.append(f'<div class="muted">Position: {escape(text)}</div>')
    note = prop(props, "note")
    if note:
        parts.append(f'<div class="muted">{escape(str(note))}</div>')
    if prop(props, "source"):
        also = prop(props, "also") or []
        text = atlas.cite_feature({"source": props.get("source"), "cite": prop(props, "cite")})
        if len(also):
            text += "; see also " + "; ".join(atlas.cite(k) for k in also)
        parts.append(f'<div class="muted"><b>Source:</b> {escape(text)}</div>')
    return "".join(parts)


def _js(value: Any) -> str:
    """A Python value as a JavaScript literal, safe to embed in a script."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


class _Script(Element):
    """Finished JavaScript: rendered as it is, not compiled as a template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class Feature(MacroElement):
    """One Leaflet layer with its popup and tooltip, as a single element.

    folium makes three elements of that and compiles each one's rendered script as a
    Jinja template on every run; with a hundred symbols a day that was most of the cost
    of a slider step. Popups need no jQuery and carry no per-run ids, so an unchanged day
    gives the same script and streamlit-folium does not redraw it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.layer }}
        {%- if this.popup %}.bindPopup({{ this.popup }}, {maxWidth: 360}){% endif %}
        {%- if this.tooltip %}.bindTooltip({{ this.tooltip }}){% endif %}
        .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: str, popup: str | None = None, tooltip: str | None = None):
        super().__init__()
        self._name = "Feature"
        self.layer = layer
        self.popup = _js(popup) if popup else None
        self.tooltip = _js(escape(tooltip)) if tooltip else None

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            figure.script.add_child(_Script(self._template.module.script(self)), name=self.get_name())


def _latlon(coords) -> list[list[float]]:
    return [[round(lat, 6), round(lon, 6)] for lon, lat, *_ in coords]


def polyline(coords, style: dict, popup: str | None = None, tooltip: str | None = None, shape: str = "polyline"):
    return Feature(f"L.{shape}({_js(_latlon(coords))}, {_js(style)})", popup, tooltip)


def area(geometry, style: dict, popup: str | None = None, tooltip: str | None = None) -> Feature:
    return Feature(
        f"L.geoJSON({_js(mapping(geometry))}, {{style: function () {{ return {_js(style)}; }}}})", popup, tooltip
    )


def symbol(
    lat: float,
    lon: float,
    html: str,
    size: tuple[int, int],
    anchor: tuple[int, int],
    popup: str | None = None,
    tooltip: str | None = None,
    interactive: bool = True,
) -> Feature:
    icon = {"html": html, "className": "atlas-divicon", "iconSize": list(size), "iconAnchor": list(anchor)}
    options = "" if interactive else ", interactive: false, keyboard: false"
    return Feature(f"L.marker([{lat}, {lon}], {{icon: L.divIcon({_js(icon)}){options}}})", popup, tooltip)


LABEL_UPSTREAM_DEG = 0.03  # about 3 km: keeps the names of two rivers apart at their confluence


def label_point(geometry) -> Point:
    """Where to name a lake (inside it) or a river: a little upstream of its point nearest the
    middle of the salient (rivers run downstream in the data)."""
    if geometry.geom_type == "Polygon":
        return geometry.representative_point()
    nearest = geometry.project(Point(MAP_CENTRE[1], MAP_CENTRE[0]))
    return geometry.interpolate(max(0.0, nearest - LABEL_UPSTREAM_DEG))


def _label(lat: float, lon: float, text: str, css: str = "") -> Feature:
    """A name beside a symbol; it never takes the click meant for the symbol under it."""
    return symbol(lat, lon, f'<div class="atlas-label {css}">{escape(text)}</div>', (0, 0), (-10, 8), interactive=False)


# --- the layers of a day -------------------------------------------------------------------


def day_layers(
    battle: Battle, day: date, layers: tuple[str, ...] = tuple(MAP_LAYERS), lang: str = "en", scale: float = 1.0
) -> list[folium.FeatureGroup]:
    """One feature group per chosen layer, drawn for `day`, in legend order (bottom first)."""
    info = battle.on(day)
    builders = {
        "water": _water,
        "lost": _lost,
        "reference": _reference,
        "front": _front,
        "places": _places,
        "movements": _movements,
        "hills": _hills,
        "units": _units,
        "events": _events,
    }
    groups = []
    needs_front = {"lost", "reference", "front"}
    for key in builders:  # drawing order: areas under lines under symbols
        if key in layers and (battle.has_front or key not in needs_front):
            group = folium.FeatureGroup(name=MAP_LAYERS[key])
            builders[key](group, battle, info, lang, scale)
            groups.append(group)
    return groups


def _scaled(style: dict, scale: float) -> dict:
    return {**style, "weight": style.get("weight", 1) * scale}


def _water(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    for row in rows(battle.atlas["water"]):
        name = local_name(row, lang)
        popup = popup_html(battle.atlas, row, name, [f"{row['kind'].title()}"])
        if row["geometry"].geom_type == "Polygon":
            area(row["geometry"], _scaled(RESERVOIR, scale), popup, name).add_to(group)
        else:
            polyline(row["geometry"].coords, _scaled(RIVER, scale), popup, name).add_to(group)
        c = label_point(row["geometry"])
        _label(c.y, c.x, name, "water").add_to(group)


def _lost(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    if info.lost.is_empty:
        return
    text = f"Ground lost by the UNC since 10 June: {info.since_start.area_km2:.0f} km²"
    popup = (
        f"<h4>{escape(text)}</h4><div class='muted'>Computed from the front lines "
        "in UTM zone 52N; as uncertain as the lines themselves.</div>"
    )
    area(info.lost, LOST_GROUND, popup, text).add_to(group)


def _line_props(battle: Battle, line_id: str) -> Any:
    return battle.atlas["front_lines"].loc[line_id]


def _reference(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    fronts = battle.atlas["front_lines"].sort_values("date")
    for row, style in ((fronts.iloc[0], REF_BEFORE), (fronts.iloc[-1], REF_ARMISTICE)):
        popup = popup_html(battle.atlas, row, row["name"], [row["label"]])
        polyline(row["geometry"].coords, _scaled(style, scale), popup, row["name"]).add_to(group)


def front_popup(battle: Battle, info: Day) -> tuple[str, str, dict]:
    """Title, popup HTML and style of the day's front line (shared with the export)."""
    front = info.front
    if front.interpolated:
        a, b = _line_props(battle, front.before_id), _line_props(battle, front.after_id)
        title = f"Front on {day_label(info.day)} (interpolated)"
        lines = [
            f"Drawn between '{a['label']}' and '{b['label']}', {front.fraction:.0%} of the way.",
            "A drawing aid, not a recorded position: the real front moved in jumps, hill by hill.",
        ]
        return (
            title,
            popup_html(battle.atlas, {"source": a["source"], "cite": a.get("cite")}, title, lines),
            FRONT_INTERPOLATED,
        )
    row = _line_props(battle, front.before_id)
    title = f"{row['name']}, {day_label(info.day)}"
    return title, popup_html(battle.atlas, row, title, [row["label"]]), FRONT_ATTESTED


def _front(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    title, html, style = front_popup(battle, info)
    polyline(info.front.line.coords, _scaled(style, scale), html, title).add_to(group)


def _places(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    places = battle.atlas["places"]
    for row in rows(places[places["kind"].isin(["town", "valley"])]):
        name = local_name(row, lang)
        lat, lon = row["geometry"].y, row["geometry"].x
        style = {"radius": 4 * scale, "color": "#1A1A1A", "weight": 2 * scale, "fillColor": "#FFFFFF", "fillOpacity": 1}
        popup = popup_html(battle.atlas, row, name, [row["kind"].title()])
        Feature(f"L.circleMarker([{lat}, {lon}], {_js(style)})", popup, name).add_to(group)
        _label(lat, lon, name, "town").add_to(group)


def held_text(holder: str, day: date) -> str:
    if holder == "contested":
        return f"{day_label(day)}: contested"
    return f"{day_label(day)}: held by {SIDE_LABELS[holder]}"


def hill_facts(row: Any) -> list[str]:
    return [f"Elevation {row['elevation_m']:.0f} m"] if prop(row, "elevation_m") else []


def _hills(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    places = battle.atlas["places"]
    size = round(18 * scale)
    for row in rows(hill_rows(places)):
        holder = holder_on(row["control"], info.day) or "contested"
        name = local_name(row, lang)
        popup = popup_html(battle.atlas, row, name, [held_text(holder, info.day), *hill_facts(row)])
        symbol(
            row["geometry"].y,
            row["geometry"].x,
            hill_svg(holder, scale),
            (size, size),
            (size // 2, size // 2),
            popup,
            f"{name}: {holder}",
        ).add_to(group)
        _label(row["geometry"].y, row["geometry"].x, name, "minor").add_to(group)


def unit_facts(row: Any) -> list[str]:
    return [
        f"{SIDE_LABELS[row['side']]}, {row['echelon']}",
        f"Here from {iso_label(row['from'])} to {iso_label(row['to'])}",
    ]


def movement_facts(row: Any) -> list[str]:
    return [
        f"{row['kind'].title()}, {iso_label(row['from'])} – {iso_label(row['to'])}",
        "Units: " + ", ".join(row["units"]),
    ]


def event_when(row: Any) -> str:
    return iso_label(row["date"]) + (f" – {iso_label(row['end'])}" if prop(row, "end") else "")


def _units(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    scale *= 0.8
    w, h = round(40 * scale), round(44 * scale)
    for row in rows(info.units):
        label = short_designation(row["name"], row["nation"])
        facts = unit_facts(row)
        html = (
            unit_svg(row["side"], row["echelon"], scale) + f'<div class="atlas-label unit minor">{escape(label)}</div>'
        )
        popup = popup_html(battle.atlas, row, local_name(row, lang), facts)
        symbol(
            row["geometry"].y,
            row["geometry"].x,
            html,
            (w, h + round(14 * scale)),
            (w // 2, h // 2 + 6),
            popup,
            row["name"],
        ).add_to(group)


def _movements(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    for row in rows(info.movements):
        style = _scaled(MOVEMENT[row["kind"]], scale)
        coords = list(row["geometry"].coords)
        facts = movement_facts(row)
        html = popup_html(battle.atlas, row, row["name"], facts)
        polyline(coords, style, html, row["name"]).add_to(group)
        head = arrowhead(coords, length_m=900 * scale, width_m=700 * scale)
        head_style = {"color": style["color"], "weight": 1, "fillColor": style["color"], "fillOpacity": 1}
        polyline(head, head_style, html, row["name"], shape="polygon").add_to(group)


def _events(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    size = round(26 * scale)
    for number, row in enumerate(rows(info.events), start=1):
        when = event_when(row)
        popup = popup_html(battle.atlas, row, f"{number}. {row['name']}", [when, row["summary"]])
        symbol(
            row["geometry"].y,
            row["geometry"].x,
            f'<div class="atlas-event">{number}</div>',
            (size, size),
            (size // 2, size // 2),
            popup,
            f"{number}. {row['name']}",
        ).add_to(group)


def full_map(
    battle: Battle,
    day: date,
    layers: tuple[str, ...] = tuple(MAP_LAYERS),
    base: str = "plain",
    lang: str = "en",
    scale: float = 1.0,
) -> folium.Map:
    """Base map and the day's layers in one object (for rendering outside Streamlit)."""
    fmap = base_map(base, scale)
    for group in day_layers(battle, day, layers, lang, scale):
        group.add_to(fmap)
    return fmap
