"""Everything the app says about one day, computed once from the atlas.

The map, the day panel, the evidence charts and the export all read this, so a figure
shown in one place is the figure shown everywhere.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import geopandas as gpd
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from src.calendar import all_days, step
from src.data import Atlas
from src.measure import Advance, advance, to_lonlat
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


FrontDay = tuple[FrontState, Advance, BaseGeometry]  # the line, the move since 10 June, the ground lost (lon/lat)
_FRONT_DAYS: OrderedDict[bytes, dict[date, FrontDay]] = OrderedDict()
FRONT_SETS_KEPT = 8


def _front_days(fronts: gpd.GeoDataFrame) -> dict[date, FrontDay]:
    """The memory of each day's front geometry (the costly part of a day), shared by every
    Battle built from the same front lines: reloading the atlas (a new data folder, a test
    on a scratch copy) recomputes only what the lines change."""
    key = b"".join(f"{r.id}|{r.date}|".encode() + r.geometry.wkb for r in fronts.itertuples())
    days = _FRONT_DAYS.pop(key, None) or {}
    _FRONT_DAYS[key] = days
    while len(_FRONT_DAYS) > FRONT_SETS_KEPT:
        _FRONT_DAYS.popitem(last=False)
    return days


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
            self._fronts = _front_days(fronts)
        self.on = lru_cache(maxsize=None)(self._compute)
        self.hills = lru_cache(maxsize=None)(self._hills)  # asked twice a step by the day report

    def _front(self, day: date) -> FrontDay | tuple[None, None, BaseGeometry]:
        if not self.has_front:
            return None, None, Polygon()
        if day not in self._fronts:
            front = front_on(self.atlas["front_lines"], day)
            since_start = advance(self.first_line, front.line)
            self._fronts[day] = (front, since_start, to_lonlat(since_start.lost))
        return self._fronts[day]

    def _compute(self, day: date) -> Day:
        front, since_start, lost = self._front(day)
        events = _active(self.atlas["events"], day, "date", "end")
        return Day(
            day=day,
            front=front,
            lost=lost,
            since_start=since_start,
            events=events.sort_values("date") if not events.empty else events,
            units=_active(self.atlas["units"], day),
            movements=_active(self.atlas["movements"], day),
        )

    def series(self) -> list[Day]:
        return [self.on(day) for day in all_days()]

    def _hills(self, day: date) -> list[tuple[str, str | None]]:
        """(id, holder) of every hill and ridge on a day."""
        return [(row.id, holder_on(row.control, day)) for row in hill_rows(self.atlas["places"]).itertuples()]

    def changed_hands(self, day: date) -> list[tuple[str, str | None, str | None]]:
        """Hills whose holder on this day differs from the day before: (id, before, after)."""
        if day == step(day, -1):
            return []
        before = dict(self.hills(step(day, -1)))
        return [(hid, before.get(hid), now) for hid, now in self.hills(day) if before.get(hid) != now]
