"""Lengths, areas and depths of the front, always computed in UTM zone 52N (metres).

Ground is measured with one idea: the UNC side of a front line is everything south of
it (the line closed by a far-south baseline). Ground lost between two dates is what was
on the UNC side of the earlier line and is not on the UNC side of the later one. This
needs every front line to start and end at the same two points (the flanks of the
salient did not move), which the geodata tests enforce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from src.constants import UTM52N, WGS84

FLOOR_NORTHING_M = 4_000_000  # about 36.1 N: well south of the theatre, the same for every line
DEPTH_STEP_M = 100  # spacing of the points sampled along a line for depths
SLIVER_M2 = 10_000  # pieces smaller than a hectare are rounding noise between shared vertices


@lru_cache(maxsize=2)
def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def _reproject(geom: BaseGeometry, src: str, dst: str) -> BaseGeometry:
    return shapely.transform(geom, _transformer(src, dst).transform, interleaved=False)


def to_utm(geom: BaseGeometry) -> BaseGeometry:
    return _reproject(geom, WGS84, UTM52N)


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    return _reproject(geom, UTM52N, WGS84)


def length_km(line: LineString) -> float:
    """Length of a lon/lat line in kilometres."""
    return to_utm(line).length / 1000


def area_km2(geom: BaseGeometry) -> float:
    return to_utm(geom).area / 1e6


def unc_side(line_utm: LineString) -> Polygon:
    """The ground south of a (UTM) front line."""
    coords = list(line_utm.coords)
    ring = [*coords, (coords[-1][0], FLOOR_NORTHING_M), (coords[0][0], FLOOR_NORTHING_M)]
    return shapely.make_valid(Polygon(ring)).buffer(0)


def _drop_slivers(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.area >= SLIVER_M2]
    return shapely.union_all(parts) if parts else Polygon()


def _exchange(earlier_utm: LineString, later_utm: LineString) -> tuple[BaseGeometry, BaseGeometry]:
    """Ground (UTM) lost and regained by the UNC between two lines."""
    side_a, side_b = unc_side(earlier_utm), unc_side(later_utm)
    return _drop_slivers(side_a.difference(side_b)), _drop_slivers(side_b.difference(side_a))


def lost_ground(earlier: LineString, later: LineString) -> BaseGeometry:
    """Ground (UTM) held by the UNC on the earlier line and not on the later one."""
    return _exchange(to_utm(earlier), to_utm(later))[0]


def lost_ground_lonlat(earlier: LineString, later: LineString) -> BaseGeometry:
    """The same ground in lon/lat, for drawing."""
    return to_lonlat(lost_ground(earlier, later))


@dataclass(frozen=True)
class Advance:
    """How far one line moved into the other's ground."""

    area_km2: float  # ground that changed hands, earlier side to later side
    regained_km2: float  # ground moving the other way
    frontage_km: float  # length of the earlier line along which ground was lost
    mean_depth_km: float  # area / frontage
    max_depth_km: float  # farthest point of the later line from the earlier line
    lost: BaseGeometry = field(default_factory=Polygon, repr=False, compare=False)  # UTM
    regained: BaseGeometry = field(default_factory=Polygon, repr=False, compare=False)  # UTM


def advance(earlier: LineString, later: LineString) -> Advance:
    """Measure the move from the earlier line to the later one (lon/lat in, km out)."""
    a, b = to_utm(earlier), to_utm(later)
    lost, regained = _exchange(a, b)
    max_depth = frontage = 0.0
    if not lost.is_empty:
        zone = lost.buffer(1.0)
        shapely.prepare(zone)
        frontage = a.intersection(zone).length
        points = shapely.line_interpolate_point(b, np.arange(0, b.length, DEPTH_STEP_M))
        inside = points[shapely.contains(zone, points)]
        max_depth = float(shapely.distance(a, inside).max()) if inside.size else 0.0
    area = lost.area
    return Advance(
        area_km2=area / 1e6,
        regained_km2=regained.area / 1e6,
        frontage_km=frontage / 1000,
        mean_depth_km=(area / frontage / 1000) if frontage else 0.0,
        max_depth_km=max_depth / 1000,
        lost=lost,
        regained=regained,
    )


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two (lon, lat) points in kilometres."""
    return to_utm(Point(a)).distance(to_utm(Point(b))) / 1000


def salient(front_lines) -> BaseGeometry:
    """The Kumsong bulge before the battle: ground between the first line and the last
    (the armistice line), in lon/lat. Computed, never drawn by hand; empty with fewer
    than two lines."""
    if len(front_lines) < 2:
        return Polygon()
    ordered = front_lines.sort_values("date")
    return lost_ground_lonlat(ordered.geometry.iloc[0], ordered.geometry.iloc[-1])


def phase_changes(front_lines):
    """Ground that changed hands between each pair of consecutive dated lines, as a
    GeoDataFrame (lon/lat) with its area in km² and which way it went."""
    ordered = front_lines.sort_values("date")
    records = []
    for (_, a), (_, b) in zip(ordered.iterrows(), ordered.iloc[1:].iterrows(), strict=False):
        moved = advance(a.geometry, b.geometry)
        for direction, ground, area in (
            ("lost by the UNC", moved.lost, moved.area_km2),
            ("regained by the UNC", moved.regained, moved.regained_km2),
        ):
            if area > 0:
                records.append(
                    {
                        "from": a["date"],
                        "to": b["date"],
                        "phase": f"{a['label']} → {b['label']}",
                        "direction": direction,
                        "area_km2": round(area, 1),
                        "geometry": to_lonlat(ground),
                    }
                )
    columns = ["from", "to", "phase", "direction", "area_km2", "geometry"]
    return gpd.GeoDataFrame(pd.DataFrame(records, columns=columns), geometry="geometry", crs=WGS84)
