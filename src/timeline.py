"""The front line of any day of the battle.

Between two dated states the front is a morph of one line into the next. The morph is
a drawing aid, not a claim: the real front moved in jumps, hill by hill, and the app
labels every interpolated line as such.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString

SAMPLES_PER_SECTION = 48


@dataclass(frozen=True)
class FrontState:
    """The front on one day: the line, whether it is a dated state or a morph, and from what."""

    day: date
    line: LineString
    interpolated: bool
    before_id: str
    after_id: str
    fraction: float  # 0 on the earlier dated state, 1 on the later one


def dated_states(front_lines: gpd.GeoDataFrame) -> list[tuple[date, str, LineString]]:
    """The main-line states in date order (the armistice line counts: it is the last state)."""
    rows = [(date.fromisoformat(r.date), r.id, r.geometry) for r in front_lines.itertuples()]
    return sorted(rows, key=lambda row: row[0])


def key_dates(front_lines: gpd.GeoDataFrame) -> list[tuple[date, str]]:
    return sorted((date.fromisoformat(r.date), r.label) for r in front_lines.itertuples())


def front_on(front_lines: gpd.GeoDataFrame, day: date) -> FrontState:
    """The front line of a day: a dated state, or the morph between its neighbours."""
    states = dated_states(front_lines)
    if not states:
        raise ValueError("no front lines to draw")
    first, last = states[0], states[-1]
    if day <= first[0]:
        return FrontState(day, first[2], False, first[1], first[1], 0.0)
    if day >= last[0]:
        return FrontState(day, last[2], False, last[1], last[1], 0.0)
    for (d0, id0, a), (d1, id1, b) in itertools.pairwise(states):
        if day == d0:
            return FrontState(day, a, False, id0, id0, 0.0)
        if d0 < day < d1:
            t = (day - d0).days / (d1 - d0).days
            return FrontState(day, morph(a, b, t), True, id0, id1, t)
    raise AssertionError("unreachable: states are sorted and cover the day")


def morph(a: LineString, b: LineString, t: float) -> LineString:
    """Blend line a into line b (t from 0 to 1).

    The lines are cut at the vertices they share, and each pair of sections is blended
    by arc length, so a stretch of front that did not move stays exactly in place.
    """
    if t <= 0:
        return a
    if t >= 1:
        return b
    coords: list[tuple[float, float]] = []
    for sa, sb in zip(*_sections(a, b), strict=True):
        if sa == sb:
            part = sa
        else:
            pa, pb = _resample(sa), _resample(sb)
            part = [tuple(p) for p in (1 - t) * pa + t * pb]
        coords.extend(part if not coords else part[1:])
    return LineString(coords)


def _sections(a: LineString, b: LineString):
    """Split both lines at their shared vertices (in order along both)."""
    ca, cb = list(a.coords), list(b.coords)
    index_b = {xy: i for i, xy in enumerate(cb)}
    anchors = []
    last_j = -1
    for i, xy in enumerate(ca):
        j = index_b.get(xy)
        if j is not None and j > last_j:
            anchors.append((i, j))
            last_j = j
    if not anchors or anchors[0] != (0, 0):
        anchors.insert(0, (0, 0))
    end = (len(ca) - 1, len(cb) - 1)
    if anchors[-1] != end:
        anchors.append(end)
    sec_a, sec_b = [], []
    for (i0, j0), (i1, j1) in itertools.pairwise(anchors):
        sec_a.append(ca[i0 : i1 + 1])
        sec_b.append(cb[j0 : j1 + 1])
    return sec_a, sec_b


def _resample(coords: list[tuple[float, float]], n: int = SAMPLES_PER_SECTION) -> np.ndarray:
    if len(coords) < 2 or LineString(coords).length == 0:
        return np.array([coords[0]] * n)
    line = LineString(coords)
    return np.array([line.interpolate(f, normalized=True).coords[0] for f in np.linspace(0, 1, n)])
