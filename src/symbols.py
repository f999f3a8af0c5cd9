"""Small SVG symbols: APP-6 / MIL-STD-2525 unit symbols (by milsymbol), hill markers and
arrowheads. Each differs by shape as well as colour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from milsymbol import Symbol

from src.styles import INK, SIDE_COLOURS

# APP-6 echelon amplifiers as MIL-STD-2525D codes (SIDC digits 9-10). A PVA army (jun) was a
# corps-sized formation, so it takes the corps mark (XXX); an army group (bingtuan) commanded
# several armies, as a Western field army did (XXXX).
ECHELON_CODES = {
    "regiment": "17",
    "division": "21",
    "corps": "22",
    "army": "22",
    "army group": "23",
    "field army": "23",
    "command": "24",
}
UNIT_SYMBOL_SIZE = 20  # milsymbol's size: a friendly division's frame is about 30 px across
# The standard's affiliations: the UNC side's documents draw the UNC as friend (a rectangle)
# and the Chinese as hostile (a diamond); the legend says so.
AFFILIATION = {"UNC": "3", "PVA": "6"}


@dataclass(frozen=True)
class UnitSymbol:
    svg: str
    size: tuple[float, float]  # the SVG's box, px
    anchor: tuple[float, float]  # the frame's centre in that box, px: the unit's position
    frame: tuple[float, float]  # the frame alone (no echelon mark), px: the symbol's own size


def sidc(side: str, echelon: str) -> str:
    """A land-unit infantry SIDC (MIL-STD-2525D numeric): version 10, reality, side, land unit."""
    return f"100{AFFILIATION[side]}1000{ECHELON_CODES[echelon]}1211000000"


@cache
def unit_symbol(side: str, echelon: str) -> UnitSymbol:
    """The frame, the infantry cross and the echelon mark, drawn by milsymbol; the unique
    designation and the higher formation are the drawer's text, beside the frame where the
    standard puts them (fields T and M), so they can be translated and a symbol is made once
    per side and echelon, not per unit."""
    symbol = Symbol(sidc(side, echelon), size=UNIT_SYMBOL_SIZE)
    if not symbol.is_valid():
        raise ValueError(f"milsymbol has no symbol for {side} {echelon}")
    size, anchor = symbol.get_size(), symbol.get_anchor()
    box = symbol._get_frame_bbox()  # in the symbol's units, 100 to `size` px; milsymbol has no public call
    scale = UNIT_SYMBOL_SIZE / 100
    return UnitSymbol(
        svg=symbol.as_svg(),
        size=(round(size["width"], 2), round(size["height"], 2)),
        anchor=(round(anchor["x"], 2), round(anchor["y"], 2)),
        frame=(round((box["x2"] - box["x1"]) * scale, 2), round((box["y2"] - box["y1"]) * scale, 2)),
    )


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
        f'<polygon points="{points}" fill="{SIDE_COLOURS[holder]}" stroke="{INK}" stroke-width="{m}"{dash}/></svg>'
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
