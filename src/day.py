"""Everything the app says about one day, computed once from the atlas.

The map, the day panel, the evidence charts and the export all read this, so a figure
shown in one place is the figure shown everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import geopandas as gpd
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from src.calendar import all_days, step
from src.data import Atlas
from src.measure import Advance, advance, to_lonlat, to_utm, unc_side
from src.timeline import FrontState, front_on


@dataclass(frozen=True)
class Day:
    day: date
    front: FrontState | None  # None only when the front-line file could not be read
    lost: BaseGeometry  # lon/lat: ground held on 10 June and not on this day
    since_start: Advance | None  # measured from the first dated line
    events: gpd.GeoDataFrame  # in date order
    units: gpd.GeoDataFrame
    movements: gpd.GeoDataFrame


def holder_on(control: list[dict], day: date) -> str | None:
    """Who held a hill on a day, from its control periods (inclusive dates)."""
    iso = day.isoformat()
    for period in control or []:
        if period["from"] <= iso <= period["to"]:
            return period["side"]
    return None


def _active(frame: gpd.GeoDataFrame, day: date, start: str = "from", end: str = "to") -> gpd.GeoDataFrame:
    if frame.empty:
        return frame
    iso = day.isoformat()
    last = frame[end].fillna(frame[start]) if end in frame else frame[start]
    return frame[(frame[start] <= iso) & (last >= iso)]


def hill_rows(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The places that someone holds: hills and ridges."""
    return places[places["kind"].isin(["hill", "ridge"])] if not places.empty else places


class Battle:
    """The atlas with a per-day memory: each day's geometry is computed once per process."""

    def __init__(self, atlas: Atlas):
        self.atlas = atlas
        fronts = atlas["front_lines"]
        self.has_front = not fronts.empty
        if self.has_front:
            ordered = fronts.sort_values("date")
            self.first_row, self.last_row = ordered.iloc[0], ordered.iloc[-1]
            self.first_line, self.last_line = self.first_row.geometry, self.last_row.geometry
        self.on = lru_cache(maxsize=None)(self._compute)

    def _compute(self, day: date) -> Day:
        front = front_on(self.atlas["front_lines"], day) if self.has_front else None
        since_start = advance(self.first_line, front.line) if front else None
        events = _active(self.atlas["events"], day, "date", "end")
        return Day(
            day=day,
            front=front,
            lost=to_lonlat(since_start.lost) if since_start else Polygon(),
            since_start=since_start,
            events=events.sort_values("date") if not events.empty else events,
            units=_active(self.atlas["units"], day),
            movements=_active(self.atlas["movements"], day),
        )

    def series(self) -> list[Day]:
        return [self.on(day) for day in all_days()]

    def hills(self, day: date) -> list[tuple[str, str | None]]:
        """(id, holder) of every hill and ridge on a day."""
        return [(row.id, holder_on(row.control, day)) for row in hill_rows(self.atlas["places"]).itertuples()]

    def changed_hands(self, day: date) -> list[tuple[str, str | None, str | None]]:
        """Hills whose holder on this day differs from the day before: (id, before, after)."""
        if day == step(day, -1):
            return []
        before = dict(self.hills(step(day, -1)))
        return [(hid, before.get(hid), now) for hid, now in self.hills(day) if before.get(hid) != now]


SIDE_TOLERANCE_M = 50  # a symbol this close to the line counts as on it (about a symbol's half-width at zoom 13)


def side_conflicts(battle: Battle) -> list[tuple[str, str, str, float]]:
    """Units and held hills drawn on the wrong side of a dated front line.

    Each layer is sourced separately, so this is where they must agree: a UNC unit or
    hill lies south of the line of that day, a PVA one north. Interpolated days are left
    out (their lines are drawing aids), and so is anything beyond the lines' ends.
    Returns (id, date, side, metres on the wrong side).
    """
    fronts = battle.atlas["front_lines"]
    if fronts.empty:
        return []
    west, _, east, _ = fronts.total_bounds
    days = sorted({date.fromisoformat(d) for d in fronts["date"]})
    unc = {d: unc_side(to_utm(battle.on(d).front.line)) for d in days}
    claims = []
    for _, row in battle.atlas["units"].iterrows():
        claims += [(row["id"], row.geometry, row["side"], d) for d in days if row["from"] <= d.isoformat() <= row["to"]]
    for _, row in hill_rows(battle.atlas["places"]).iterrows():
        claims += [
            (row["id"], row.geometry, side, d) for d in days if (side := holder_on(row["control"], d)) in ("UNC", "PVA")
        ]
    conflicts = []
    for fid, point, side, day in claims:
        if not west <= point.x <= east:
            continue
        here = to_utm(point)
        on_unc_side = unc[day].contains(here)
        distance = unc[day].exterior.distance(here)
        if on_unc_side != (side == "UNC") and distance > SIDE_TOLERANCE_M:
            conflicts.append((fid, day.isoformat(), side, round(distance)))
    return conflicts
