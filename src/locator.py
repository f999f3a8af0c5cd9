"""The locator inset: where the battle lies in Korea, as a small SVG drawn from a
public-domain outline shipped with the drawer (src/drawer_assets/korea.geojson, Natural
Earth 1:110m). It is a picture for orientation, never a source for measurement."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from html import escape
from importlib import resources

from shapely.geometry import Polygon, shape

from src.styles import LOCATOR

OUTLINE = "korea.geojson"
KOREA_BBOX = (123.0, 32.0, 132.0, 44.0)  # west, south, east, north: what an outline of Korea must lie in
MIN_BOX_PX = 5  # the battle's box stays visible at the inset's scale
TITLE = "Where the battle was: the Kumsong salient in central Korea"


@lru_cache(maxsize=1)
def outline() -> tuple[Polygon, ...]:
    """The outline's polygons, or none if the file is missing or broken (then the map
    simply has no inset: nothing else depends on it)."""
    try:
        doc = json.loads((resources.files("src") / "drawer_assets" / OUTLINE).read_text(encoding="utf-8"))
        shapes = [shape(f["geometry"]) for f in doc["features"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ()
    polygons = [p for s in shapes for p in getattr(s, "geoms", [s])]
    west, south, east, north = KOREA_BBOX
    inside = all(west <= x <= east and south <= y <= north for p in polygons for x, y in p.exterior.coords)
    if not polygons or not inside or not all(isinstance(p, Polygon) and p.is_valid for p in polygons):
        return ()
    return tuple(polygons)


def locator_svg(bounds: list[list[float]]) -> str | None:
    """The inset for the battle's bounds ([[south, west], [north, east]]), or None without
    an outline. Longitudes are scaled by the cosine of the middle latitude, so the peninsula
    keeps its shape."""
    polygons = outline()
    if not polygons:
        return None
    west = min(p.bounds[0] for p in polygons)
    south = min(p.bounds[1] for p in polygons)
    east = max(p.bounds[2] for p in polygons)
    north = max(p.bounds[3] for p in polygons)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = LOCATOR["width_px"] / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def point(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1)

    land = " ".join(
        "M" + " L".join(f"{x},{y}" for x, y in (point(*c) for c in p.exterior.coords)) + " Z" for p in polygons
    )
    (s, w), (n, e) = bounds
    x0, y0 = point(w, n)
    x1, y1 = point(e, s)
    bw, bh = max(x1 - x0, MIN_BOX_PX), max(y1 - y0, MIN_BOX_PX)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(TITLE)}" '
        f'width="{LOCATOR["width_px"]}" height="{height}" viewBox="0 0 {LOCATOR["width_px"]} {height}">'
        f"<title>{escape(TITLE)}</title>"
        f'<rect width="100%" height="100%" fill="{LOCATOR["sea"]}"/>'
        f'<path d="{land}" fill="{LOCATOR["land"]}" stroke="{LOCATOR["coast"]}" stroke-width="0.8"/>'
        f'<rect x="{x0 - (bw - (x1 - x0)) / 2:.1f}" y="{y0 - (bh - (y1 - y0)) / 2:.1f}" width="{bw:.1f}" '
        f'height="{bh:.1f}" fill="none" stroke="{LOCATOR["battle"]}" stroke-width="2"/></svg>'
    )
