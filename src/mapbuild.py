"""The Folium map: a base map that never changes with the date, and the layers of a day.

streamlit-folium re-creates the whole map when the base map's script changes, so nothing
that depends on the day lives in `base_map`; `day_layers` builds the day's feature groups,
which the component swaps in place. Every text that reaches a popup or label is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any, ClassVar

import folium
from branca.element import Element, MacroElement
from folium.template import Template
from shapely.geometry import mapping

from src.assets import static_url
from src.constants import BASEMAPS, MAP_CENTRE, MAP_LAYERS, MAP_ZOOM, ZOOM_RANGE
from src.data import Atlas
from src.day import Battle, Day, holder_on
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
from src.timeline import day_label

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
    value = _get(props, {"ko": "name_ko", "zh": "name_zh"}.get(lang, "name"))
    return str(value) if value else str(_get(props, "name"))


def _get(props: Any, key: str) -> Any:
    """A property of a dict or a pandas row; NaN (a missing value in a frame) counts as missing."""
    value = props.get(key)
    if isinstance(value, float) and value != value:
        return None
    return value


def rows(frame):
    """Rows as Series, read by key: row['name'] (row["name"] would be the index label)."""
    return (row for _, row in frame.iterrows())


def _day(iso: str) -> str:
    return day_label(date.fromisoformat(iso))


def popup_html(atlas: Atlas, props: Any, title: str, lines: list[str] | None = None) -> str:
    """A popup: title, facts, certainty and the source, all escaped."""
    rows = [f"<h4>{escape(title)}</h4>"]
    rows += [f"<div>{escape(line)}</div>" for line in lines or []]
    certainty = _get(props, "certainty")
    if certainty:
        text = CERTAINTY_LABELS.get(certainty, certainty)
        radius = _get(props, "uncertainty_m")
        if radius:
            text += f" (±{radius / 1000:.1f} km)"
        rows.append(f'<div class="muted">Position: {escape(text)}</div>')
    note = _get(props, "note")
    if note:
        rows.append(f'<div class="muted">{escape(str(note))}</div>')
    source = _get(props, "source")
    if source:
        cite = _get(props, "cite")
        also = _get(props, "also") or []
        text = atlas.cite(source) + (f", {cite}" if cite else "")
        if len(also):
            text += "; see also " + "; ".join(atlas.cite(k) for k in also)
        rows.append(f'<div class="muted"><b>Source:</b> {escape(text)}</div>')
    return "".join(rows)


class AtlasPopup(folium.Popup):
    """folium's Popup without jQuery: Leaflet takes the HTML string as it is."""

    _template = Template(
        """
        var {{ this.get_name() }} = L.popup({{ this.options|tojavascript }});
        {{ this.get_name() }}.setContent({{ this.content|tojson }});
        {{ this._parent.get_name() }}.bindPopup({{ this.get_name() }});
        """
    )

    def __init__(self, html: str, **kwargs):
        super().__init__(html, **kwargs)
        self.content = html  # rendered as it is: no element id that changes on every run


def _popup(html: str) -> folium.Popup:
    return AtlasPopup(html, max_width=360)


def _latlon(coords) -> list[tuple[float, float]]:
    return [(lat, lon) for lon, lat, *_ in coords]


def _label(lat: float, lon: float, text: str, css: str = "", dx: int = 10, dy: int = -8) -> folium.Marker:
    return folium.Marker(
        (lat, lon),
        icon=folium.DivIcon(
            html=f'<div class="atlas-label {css}">{escape(text)}</div>',
            icon_anchor=(-dx, -dy),
            class_name="atlas-divicon",
        ),
        interactive=False,  # a label never takes the click meant for the symbol under it
        keyboard=False,
    )


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
        popup = _popup(popup_html(battle.atlas, row, name, [f"{row['kind'].title()}"]))
        if row["geometry"].geom_type == "Polygon":
            reservoir = _scaled(RESERVOIR, scale)
            folium.GeoJson(
                mapping(row["geometry"]),
                style_function=lambda _, style=reservoir: style,
                popup=popup,
                tooltip=escape(name),
            ).add_to(group)
            c = row["geometry"].representative_point()
        else:
            folium.PolyLine(
                _latlon(row["geometry"].coords), popup=popup, tooltip=escape(name), **_scaled(RIVER, scale)
            ).add_to(group)
            c = row["geometry"].interpolate(0.45, normalized=True)
        _label(c.y, c.x, name, "water").add_to(group)


def _lost(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    if info.lost.is_empty:
        return
    text = f"Ground lost by the UNC since 10 June: {info.since_start.area_km2:.0f} km²"
    folium.GeoJson(
        mapping(info.lost),
        style_function=lambda _: LOST_GROUND,
        tooltip=escape(text),
        popup=_popup(
            f"<h4>{escape(text)}</h4><div class='muted'>Computed from the front lines "
            "in UTM zone 52N; as uncertain as the lines themselves.</div>"
        ),
    ).add_to(group)


def _line_props(battle: Battle, line_id: str) -> Any:
    return battle.atlas["front_lines"].loc[line_id]


def _reference(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    fronts = battle.atlas["front_lines"].sort_values("date")
    for row, style in ((fronts.iloc[0], REF_BEFORE), (fronts.iloc[-1], REF_ARMISTICE)):
        folium.PolyLine(
            _latlon(row["geometry"].coords),
            tooltip=escape(row["name"]),
            popup=_popup(popup_html(battle.atlas, row, row["name"], [row["label"]])),
            **_scaled(style, scale),
        ).add_to(group)


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
    folium.PolyLine(
        _latlon(info.front.line.coords), tooltip=escape(title), popup=_popup(html), **_scaled(style, scale)
    ).add_to(group)


def _places(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    places = battle.atlas["places"]
    for row in rows(places[places["kind"].isin(["town", "valley"])]):
        name = local_name(row, lang)
        lat, lon = row["geometry"].y, row["geometry"].x
        folium.CircleMarker(
            (lat, lon),
            radius=4 * scale,
            color="#1A1A1A",
            weight=2 * scale,
            fill=True,
            fill_color="#FFFFFF",
            fill_opacity=1,
            popup=_popup(popup_html(battle.atlas, row, name, [row["kind"].title()])),
            tooltip=escape(name),
        ).add_to(group)
        _label(lat, lon, name, "town").add_to(group)


def held_text(holder: str, day: date) -> str:
    if holder == "contested":
        return f"{day_label(day)}: contested"
    return f"{day_label(day)}: held by {SIDE_LABELS[holder]}"


def hill_facts(row: Any) -> list[str]:
    return [f"Elevation {row['elevation_m']:.0f} m"] if _get(row, "elevation_m") else []


def _hills(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    places = battle.atlas["places"]
    size = round(18 * scale)
    for row in rows(places[places["kind"].isin(["hill", "ridge"])]):
        holder = holder_on(row["control"], info.day) or "contested"
        name = local_name(row, lang)
        folium.Marker(
            (row["geometry"].y, row["geometry"].x),
            icon=folium.DivIcon(
                html=hill_svg(holder, scale),
                icon_size=(size, size),
                icon_anchor=(size // 2, size // 2),
                class_name="atlas-divicon",
            ),
            tooltip=escape(f"{name}: {holder}"),
            popup=_popup(popup_html(battle.atlas, row, name, [held_text(holder, info.day), *hill_facts(row)])),
        ).add_to(group)
        _label(row["geometry"].y, row["geometry"].x, name, "minor").add_to(group)


def unit_facts(row: Any) -> list[str]:
    return [f"{SIDE_LABELS[row['side']]}, {row['echelon']}", f"Here from {_day(row['from'])} to {_day(row['to'])}"]


def movement_facts(row: Any) -> list[str]:
    return [f"{row['kind'].title()}, {_day(row['from'])} – {_day(row['to'])}", "Units: " + ", ".join(row["units"])]


def event_when(row: Any) -> str:
    return _day(row["date"]) + (f" – {_day(row['end'])}" if _get(row, "end") else "")


def _units(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    scale *= 0.8
    w, h = round(40 * scale), round(44 * scale)
    for row in rows(info.units):
        label = short_designation(row["name"], row["nation"])
        facts = unit_facts(row)
        html = (
            unit_svg(row["side"], row["echelon"], scale) + f'<div class="atlas-label unit minor">{escape(label)}</div>'
        )
        folium.Marker(
            (row["geometry"].y, row["geometry"].x),
            icon=folium.DivIcon(
                html=html,
                icon_size=(w, h + round(14 * scale)),
                icon_anchor=(w // 2, h // 2 + 6),
                class_name="atlas-divicon",
            ),
            tooltip=escape(row["name"]),
            popup=_popup(popup_html(battle.atlas, row, local_name(row, lang), facts)),
        ).add_to(group)


def _movements(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    for row in rows(info.movements):
        style = _scaled(MOVEMENT[row["kind"]], scale)
        coords = list(row["geometry"].coords)
        facts = movement_facts(row)
        html = popup_html(battle.atlas, row, row["name"], facts)  # one Popup per layer: folium re-parents it
        folium.PolyLine(_latlon(coords), tooltip=escape(row["name"]), popup=_popup(html), **style).add_to(group)
        head = arrowhead(coords, length_m=900 * scale, width_m=700 * scale)
        folium.Polygon(
            _latlon(head),
            color=style["color"],
            weight=1,
            fill=True,
            fill_color=style["color"],
            fill_opacity=1,
            tooltip=escape(row["name"]),
            popup=_popup(html),
        ).add_to(group)


def _events(group, battle: Battle, info: Day, lang: str, scale: float) -> None:
    size = round(26 * scale)
    for number, row in enumerate(rows(info.events.sort_values("date")), start=1):
        when = event_when(row)
        folium.Marker(
            (row["geometry"].y, row["geometry"].x),
            icon=folium.DivIcon(
                html=f'<div class="atlas-event">{number}</div>',
                icon_size=(size, size),
                icon_anchor=(size // 2, size // 2),
                class_name="atlas-divicon",
            ),
            tooltip=escape(f"{number}. {row['name']}"),
            popup=_popup(popup_html(battle.atlas, row, f"{number}. {row['name']}", [when, row["summary"]])),
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
