"""The legend: one swatch per style, built from src/styles.py so it can never drift."""

from __future__ import annotations

from html import escape

from src import styles
from src.symbols import hill_svg, unit_svg


def _line(style: dict, arrow: bool = False) -> str:
    dash = f' stroke-dasharray="{style["dashArray"]}"' if "dashArray" in style else ""
    head = f'<polygon points="40,8 31,3 31,13" fill="{style["color"]}"/>' if arrow else ""
    return (
        f'<svg width="44" height="16" viewBox="0 0 44 16"><line x1="2" y1="8" x2="{34 if arrow else 42}" y2="8" '
        f'stroke="{style["color"]}" stroke-width="{min(style["weight"], 6)}"{dash}/>{head}</svg>'
    )


def _area(style: dict) -> str:
    return (
        f'<svg width="44" height="16" viewBox="0 0 44 16"><rect x="2" y="2" width="40" height="12" '
        f'fill="{style["fillColor"]}" fill-opacity="{max(style["fillOpacity"], 0.35)}" '
        f'stroke="{style.get("color", "#555")}" stroke-width="1"/></svg>'
    )


def entries() -> list[tuple[str, str]]:
    """(swatch SVG, meaning) pairs, in the order the map draws them."""
    return [
        (_line(styles.FRONT_ATTESTED), "Front line on a dated state (solid)"),
        (_line(styles.FRONT_INTERPOLATED), "Front line between dated states: interpolated, a drawing aid (dashed)"),
        (_line(styles.REF_BEFORE), "Main line on 10 June, before the battle (dotted)"),
        (_line(styles.REF_ARMISTICE), "Armistice line of 27 July, today's MDL (dash-dot)"),
        (_area(styles.LOST_GROUND), "Ground lost by the UNC since 10 June"),
        (hill_svg("UNC"), f"Hill held by the {styles.SIDE_LABELS['UNC']} (triangle up)"),
        (hill_svg("PVA"), f"Hill held by the {styles.SIDE_LABELS['PVA']} (triangle down)"),
        (hill_svg("contested"), "Hill contested that day (grey diamond, dashed edge)"),
        (unit_svg("UNC", "division", 0.6), "UNC unit: rectangle; XX division, III regiment"),
        (unit_svg("PVA", "army", 0.6), "PVA unit: diamond; XXX army (corps-sized), XX division"),
        (_line(styles.MOVEMENT["attack"], arrow=True), "Chinese attack (solid)"),
        (_line(styles.MOVEMENT["counterattack"], arrow=True), "UNC counterattack (long dashes)"),
        (_line(styles.MOVEMENT["withdrawal"], arrow=True), "UNC withdrawal (short dashes)"),
        (_line(styles.RIVER), "River"),
        (_area(styles.RESERVOIR), "Reservoir"),
        (
            '<svg width="22" height="22"><circle cx="11" cy="11" r="10" fill="#1A1A1A"/><text x="11" y="15" '
            'text-anchor="middle" font-size="12" font-weight="700" fill="#FFF" font-family="sans-serif">1</text></svg>',
            "Event of the day (numbered as in the day's list)",
        ),
    ]


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
