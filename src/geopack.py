"""Lines and areas packed for the browser: each ring or line a flat list of whole numbers,
its first point in units of 10⁻⁴ degree (the precision layers.COORD_DIGITS keeps) and each
next point as the step from the one before. The battle's front is drawn anew every day, so
the scene holds 48 of them: packed they take about half the bytes, and the offline file
keeps to its budget. The drawer unpacks them once, as it starts (geometry.js, unpack)."""

from __future__ import annotations

from typing import Any

SCALE = 10_000  # 10⁻⁴ degree: layers.COORD_DIGITS
DEPTH = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}  # lists above a line


def _line(points: list[list[float]]) -> list[int]:
    out, last = [], (0, 0)
    for lon, lat in points:
        x, y = round(lon * SCALE), round(lat * SCALE)
        out += [x - last[0], y - last[1]]
        last = (x, y)
    return out


def _points(flat: list[int]) -> list[list[float]]:
    out, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        out.append([x / SCALE, y / SCALE])
    return out


def _map(value: Any, depth: int, fn) -> Any:
    return fn(value) if depth == 0 else [_map(v, depth - 1, fn) for v in value]


def pack(g: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry packed (a point, being short already, as it is)."""
    if g.get("type") not in DEPTH:
        return g
    return {"type": g["type"], "z": _map(g["coordinates"], DEPTH[g["type"]], _line)}


def unpack(g: dict[str, Any]) -> dict[str, Any]:
    """The geometry pack() was given (its coordinates to 10⁻⁴ degree)."""
    if "z" not in g:
        return g
    return {"type": g["type"], "coordinates": _map(g["z"], DEPTH[g["type"]], _points)}


def pack_scene(features: dict[str, dict], days: list[dict]) -> None:
    """Every geometry of the scene's features and days packed, in place."""
    for f in features.values():
        if "g" in f:
            f["g"] = pack(f["g"])
    for day in days:
        for records in day["records"].values():
            for rec in records:
                if "g" in rec:
                    rec["g"] = pack(rec["g"])
