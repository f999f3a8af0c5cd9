"""The legend: one row per entry of the layer registry, its swatch drawn from the same
styles as the map, so it can never drift. The app's map and the offline file show it as a
collapsible control on the map itself."""

from __future__ import annotations

from html import escape
from typing import Any

from src.layers import REGISTRY, LegendEntry, draw_styles
from src.styles import INK


def _line(style: dict[str, Any], arrow: bool = False) -> str:
    dash = f' stroke-dasharray="{style["dashArray"]}"' if "dashArray" in style else ""
    head = f'<polygon points="40,8 31,3 31,13" fill="{style["color"]}"/>' if arrow else ""
    return (
        f'<svg width="44" height="16" viewBox="0 0 44 16" aria-hidden="true"><line x1="2" y1="8" '
        f'x2="{34 if arrow else 42}" y2="8" stroke="{style["color"]}" stroke-width="{min(style["weight"], 6)}"'
        f"{dash}/>{head}</svg>"
    )


def _area(style: dict[str, Any]) -> str:
    return (
        f'<svg width="44" height="16" viewBox="0 0 44 16" aria-hidden="true"><rect x="2" y="2" width="40" height="12" '
        f'fill="{style["fillColor"]}" fill-opacity="{max(style["fillOpacity"], 0.35)}" '
        f'stroke="{style.get("color", "#555")}" stroke-width="1"/></svg>'
    )


def _circle(style: dict[str, Any]) -> str:
    return (
        f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        f'<circle cx="8" cy="8" r="{style["radius"]}" '
        f'fill="{style["fillColor"]}" stroke="{style["color"]}" stroke-width="{style["weight"]}"/></svg>'
    )


EVENT_SWATCH = (
    '<svg width="22" height="22" aria-hidden="true"><circle cx="11" cy="11" r="10" fill="#1A1A1A"/>'
    '<text x="11" y="15" text-anchor="middle" font-size="12" font-weight="700" fill="#FFF" '
    'font-family="sans-serif">1</text></svg>'
)


def _unit(style: dict[str, Any], extra: str = "") -> str:
    w, h = style["box"]
    return (
        f'<span style="display:inline-block;position:relative;width:{w}px;height:{h}px" class="atlas-sym">'
        f"{style['icon']}{extra}</span>"
    )


# The cue of a formation standing for its units, and of a nudge, drawn as the map draws them.
AGGREGATE_CUE = '<span class="atlas-badge">3</span>'
NUDGE_CUE = (
    '<svg width="14" height="14" aria-hidden="true" style="position:absolute;left:-12px;bottom:-8px">'
    f'<line x1="12" y1="2" x2="4" y2="10" stroke="{INK}" stroke-width="1.5"/>'
    f'<circle cx="4" cy="10" r="3" fill="{INK}" stroke="#FFF"/></svg>'
)


def swatch(entry: LegendEntry) -> str:
    style = draw_styles()[entry.style]
    if entry.swatch == "event":
        return EVENT_SWATCH
    if entry.swatch == "aggregate":
        return _unit(style, AGGREGATE_CUE)
    if entry.swatch == "nudge":
        return _unit(style, NUDGE_CUE)
    if entry.swatch == "icon" and "circle" in style:
        return _circle(style["circle"])
    if entry.swatch == "icon":
        w, h = style["box"]
        return f'<span style="display:inline-block;width:{w}px;height:{h}px" class="atlas-sym">{style["icon"]}</span>'
    if entry.swatch == "area":
        return _area(style["path"])
    return _line(style["path"], arrow=entry.swatch == "arrow")


def entries() -> list[tuple[str, str]]:
    """(swatch SVG, meaning) pairs, in the registry's order."""
    return [(swatch(entry), entry.text) for layer in REGISTRY for entry in layer.legend]


def legend_html(title: str = "Legend", font_px: int = 14) -> str:
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:8px;margin:3px 0">'
        f'<span style="flex:0 0 46px;display:flex;justify-content:center">{svg}</span>'
        f"<span>{escape(text)}</span></div>"
        for svg, text in entries()
    )
    return (
        f'<div class="atlas-legend" style="font:{font_px}px/1.3 sans-serif">'
        f"<div style='font-weight:700;margin-bottom:4px'>{escape(title)}</div>{rows}"
        "<div style='color:#555;margin-top:6px'>Positions carry a certainty (attested, reconstructed, "
        "approximate) and a radius in their popups.</div></div>"
    )
