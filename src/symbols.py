"""Small SVG symbols: military unit symbols in the APP-6 / MIL-STD-2525 manner, hill
markers and arrowheads. Each differs by shape as well as colour."""

from __future__ import annotations

import math

from src.styles import SIDE_COLOURS, SIDE_FILLS

# APP-6 echelon marks. A PVA "army" (jun) was a corps-sized formation: XXX.
ECHELON_MARKS = {"regiment": "III", "division": "XX", "corps": "XXX", "army": "XXX", "army group": "XXXX"}


def unit_svg(side: str, echelon: str, scale: float = 1.0) -> str:
    """A land-unit infantry symbol: rectangle frame for the UNC, diamond for the PVA."""
    w, h = 40 * scale, 44 * scale
    stroke, fill = SIDE_COLOURS[side], SIDE_FILLS[side]
    top = 14 * scale
    sw = 2 * scale
    if side == "PVA":
        cx, cy, r = w / 2, top + 15 * scale, 14 * scale
        frame = f'<polygon points="{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}" '
        k = r / 2
        cross = (
            f'<path d="M{cx - k},{cy - k} L{cx + k},{cy + k} M{cx - k},{cy + k} L{cx + k},{cy - k}" '
            f'stroke="#1A1A1A" stroke-width="{sw * 0.8}"/>'
        )
    else:
        x0, y0, fw, fh = 4 * scale, top + 4 * scale, 32 * scale, 22 * scale
        frame = f'<rect x="{x0}" y="{y0}" width="{fw}" height="{fh}" '
        cross = (
            f'<path d="M{x0},{y0} L{x0 + fw},{y0 + fh} M{x0},{y0 + fh} L{x0 + fw},{y0}" '
            f'stroke="#1A1A1A" stroke-width="{sw * 0.8}"/>'
        )
    frame += f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>'
    mark = ECHELON_MARKS.get(echelon, "")
    text = (
        f'<text x="{w / 2}" y="{11 * scale}" text-anchor="middle" font-size="{10 * scale}" '
        f'font-family="sans-serif" font-weight="700" fill="#1A1A1A">{mark}</text>'
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
    return f"{svg}{text}{frame}{cross}</svg>"


def hill_svg(holder: str, scale: float = 1.0) -> str:
    """Shape tells the holder without colour: UNC points up, PVA points down, contested is a
    dashed grey diamond."""
    s = 18 * scale
    m = 1.5 * scale
    points = {
        "UNC": f"{s / 2},{m} {s - m},{s - m} {m},{s - m}",
        "PVA": f"{m},{m} {s - m},{m} {s / 2},{s - m}",
        "contested": f"{s / 2},{m} {s - m},{s / 2} {s / 2},{s - m} {m},{s / 2}",
    }[holder]
    dash = f' stroke-dasharray="{3 * scale} {2 * scale}"' if holder == "contested" else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">'
        f'<polygon points="{points}" fill="{SIDE_COLOURS[holder]}" stroke="#1A1A1A" stroke-width="{m}"{dash}/></svg>'
    )


def arrowhead(
    coords: list[tuple[float, float]], length_m: float = 900, width_m: float = 700
) -> list[tuple[float, float]]:
    """A triangle (lon, lat ring) at the end of a movement line, pointing along its last leg."""
    (x0, y0), (x1, y1) = coords[-2], coords[-1]
    kx = 111_320 * math.cos(math.radians(y1))  # metres per degree of longitude here
    ky = 110_574
    dx, dy = (x1 - x0) * kx, (y1 - y0) * ky
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    bx, by = -ux * length_m, -uy * length_m
    px, py = -uy * width_m / 2, ux * width_m / 2
    left = (x1 + (bx + px) / kx, y1 + (by + py) / ky)
    right = (x1 + (bx - px) / kx, y1 + (by - py) / ky)
    return [(x1, y1), left, right, (x1, y1)]
