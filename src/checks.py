"""Independent checks: what the lines give, against figures the lines were not drawn from.

The dated lines are drawn over the ground the sources name (hills, rivers, a ridge), not fitted
to anyone's distances or areas. So the sources' summary figures (areas, depths, frontages) are
free to test them: each `Check` holds one such figure with its source, the range we accept and
the verdict the atlas gives today. `CONSTRUCTION` lists the few figures that did shape a line:
comparing a line with those shows only that it was drawn as intended, so they are kept apart and
never counted as agreement. `table` is what the Evidence page shows. Ranges follow the
source's own wording: "about X" is X ± 15-25 %, "more than X" is X to 1.25 X, a range is
taken as given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, box

from src.measure import DEPTH_STEP_M, Advance, advance, to_utm

MILE_KM = 1.609344
KUMSONG_RIVER_ON_13_JULY = 127.6235  # longitude where the 13 July line crosses the Kumsong River (a test holds it)


def _width_km(moved: Advance) -> float:
    """West-east extent of the ground that changed hands: how wide the push was."""
    if moved.lost.is_empty:
        return 0.0
    west, _, east, _ = moved.lost.bounds
    return (east - west) / 1000


MEASURES: dict[str, tuple[str, Callable[[Advance], float]]] = {
    "area_km2": ("km²", lambda m: m.area_km2),
    "mean_depth_km": ("km", lambda m: m.mean_depth_km),
    "max_depth_km": ("km", lambda m: m.max_depth_km),
    "frontage_km": ("km", lambda m: m.frontage_km),
    "width_km": ("km", _width_km),
}


@dataclass(frozen=True)
class Check:
    id: str
    says: str  # the source's figure, in our words
    measure: str  # a key of MEASURES, or "regained_share"
    earlier: str  # ISO date of the earlier line
    later: str  # ISO date of the later line
    figure: float  # the source's number, in the measure's unit
    low: float  # the range we accept as agreement (inclusive)
    high: float
    source: str  # key into sources.json
    cite: str
    side: str  # whose figure: UNC, ROK or PVA
    verdict: str  # what the atlas gives today: "agrees" or "disagrees" (tests hold it to this)
    note: str = ""
    place: str = ""  # for "behind_km": the place (id in places.geojson) the later line is measured from
    sector: tuple[float, float] | None = None  # for "max_depth_km": only the ground between these longitudes


def depth_within_km(earlier: LineString, later: LineString, west: float, east: float) -> float:
    """The farthest point of the later line from the earlier one, on ground lost between two
    longitudes: the depth of one sector's advance when a source speaks of one attacking group."""
    moved = advance(earlier, later)
    sector = to_utm(shapely.segmentize(box(west, 36.0, east, 40.0), 0.01))
    zone = moved.lost.buffer(1.0).intersection(sector)
    if zone.is_empty:
        return 0.0
    a, b = to_utm(earlier), to_utm(later)
    points = shapely.line_interpolate_point(b, np.arange(0, b.length, DEPTH_STEP_M))
    inside = points[shapely.contains(zone, points)]
    return float(shapely.distance(a, inside).max()) / 1000 if inside.size else 0.0


@dataclass(frozen=True)
class Outcome:
    check: Check
    value: float

    @property
    def agrees(self) -> bool:
        return self.check.low <= self.value <= self.check.high

    @property
    def verdict(self) -> str:
        return "agrees" if self.agrees else "disagrees"


CHECKS: tuple[Check, ...] = (
    Check(
        "june-depth-hermes",
        "the ROK were pushed back about 3 km on average",
        "mean_depth_km",
        "1953-06-10",
        "1953-06-18",
        3.0,
        2.0,
        4.0,
        "enwiki_kumsong",
        "Initial assault, after Hermes",
        "UNC",
        "disagrees",
        "Our loss is shallower and wider than Hermes' summary: the lines follow where the divisions went, "
        "not his average.",
    ),
    Check(
        "june-front-hermes",
        "along a front of about 13 km",
        "width_km",
        "1953-06-10",
        "1953-06-18",
        13.0,
        10.0,
        16.0,
        "enwiki_kumsong",
        "Initial assault, after Hermes",
        "UNC",
        "disagrees",
        "Our lost ground runs from east of Kyoam-san to Christmas Hill; Hermes' 13 km may count only the "
        "main penetrations.",
    ),
    Check(
        "june-area-hermes",
        "3 km × 13 km: about 39 km² (the product of Hermes' two figures)",
        "area_km2",
        "1953-06-10",
        "1953-06-18",
        39.0,
        29.0,
        49.0,
        "enwiki_kumsong",
        "Initial assault, after Hermes",
        "UNC",
        "agrees",
    ),
    Check(
        "june-gap-width-pva",
        "a gap about 12 km wide astride the Pukhan",
        "width_km",
        "1953-06-10",
        "1953-06-18",
        12.0,
        9.0,
        15.0,
        "chinamil2023",
        "part 一 (13 May - 16 June)",
        "PVA",
        "disagrees",
    ),
    Check(
        "june-gap-depth-pva",
        "3-6 km deep",
        "max_depth_km",
        "1953-06-10",
        "1953-06-18",
        4.5,
        3.0,
        6.0,
        "chinamil2023",
        "part 一 (13 May - 16 June)",
        "PVA",
        "disagrees",
        "Ours is 3.0 km at the deepest, at the bottom of the Chinese range.",
    ),
    Check(
        "june-area-pva",
        "58 km² taken in the second phase, on both banks of the Pukhan",
        "area_km2",
        "1953-06-10",
        "1953-06-18",
        58.0,
        43.0,
        73.0,
        "dswxyjy2014_200div",
        "the June phase",
        "PVA",
        "disagrees",
    ),
    Check(
        "june-fallback-rok",
        "the ROK fell back about 4 km in the east of the salient",
        "max_depth_km",
        "1953-06-10",
        "1953-06-18",
        4.0,
        3.0,
        5.0,
        "namulive_kumsong",
        "June",
        "ROK",
        "disagrees",
        "A forum summary: low trust.",
    ),
    Check(
        "june-two-miles-press",
        "by Monday 15 June the Chinese had pushed the ROK back two miles (3.2 km)",
        "max_depth_km",
        "1953-06-10",
        "1953-06-15",
        2 * MILE_KM,
        2 * MILE_KM * 0.75,
        2 * MILE_KM * 1.25,
        "pamil_0614_0620",
        "wire reports of 14-20 June (Monday 15 June)",
        "UNC",
        "agrees",
        "A round figure of the day's wire reports, taken as how far the line went where it gave way (as the "
        "other 'fell back' figures); our mean depth is about half of it.",
    ),
    Check(
        "july-penetration-hermes",
        "the Chinese penetration was about 6 mi (9.7 km)",
        "max_depth_km",
        "1953-07-13",
        "1953-07-16",
        6 * MILE_KM,
        6 * MILE_KM - 2,
        6 * MILE_KM + 2,
        "enwiki_kumsong",
        "Aftermath, after Hermes",
        "UNC",
        "agrees",
    ),
    Check(
        "july-180div-depth-pva",
        "a battalion of the 180th Division reached Heiyuntu-ling, 30-odd li (15 km or more) deep, at 21:00 on 14 July",
        "max_depth_km",
        "1953-07-13",
        "1953-07-14",
        15.0,
        15.0,
        18.75,
        "hist180div_8988168",
        "the 180th Division in the Jincheng Campaign",
        "PVA",
        "disagrees",
        "A spearhead's thrust into the ROK rear, not the front: ours is the ROK line that evening, which lies "
        "well short of it. Heiyuntu-ling (黑云吐岭) itself could not be placed.",
    ),
    Check(
        "july-west-group-depth-pva",
        "the West group went 6-9 km forward on a 10 km front, its first task done",
        "max_depth_km",
        "1953-07-13",
        "1953-07-14",
        7.5,
        6.0,
        9.0,
        "shuangshi_kaiguo",
        "the West group's first task",
        "PVA",
        "disagrees",
        "Measured west of the Kumsong River, which splits the salient (chinamil2023); the West group's own "
        "boundary is not given. Ours is deepest at the sector's eastern edge by the river; west of 127.60 E it "
        "falls within the range, so the verdict turns on a boundary no source we read fixes.",
        sector=(127.0, KUMSONG_RIVER_ON_13_JULY),
    ),
    Check(
        "july-retreat-time",
        "some ROK units went back as far as ten miles (16 km) before they were rallied",
        "max_depth_km",
        "1953-07-13",
        "1953-07-16",
        10 * MILE_KM,
        0.0,
        10 * MILE_KM,
        "time1953",
        "27 July 1953",
        "UNC",
        "agrees",
        "An upper bound only: units fled farther than the line went.",
    ),
    Check(
        "july-front-pva",
        "the attack opened on a front of about 25 km",
        "width_km",
        "1953-07-13",
        "1953-07-16",
        25.0,
        20.0,
        30.0,
        "chinamil2023",
        "part 一, 13 July",
        "PVA",
        "disagrees",
        "Our lost ground reaches from the Sniper Ridge shoulder to the east of the Pukhan: wider than the "
        "attack front.",
    ),
    Check(
        "july-front-time",
        "26 assaults on an 18-mile (29 km) sector",
        "width_km",
        "1953-07-13",
        "1953-07-16",
        18 * MILE_KM,
        18 * MILE_KM - 5,
        18 * MILE_KM + 5,
        "time1953",
        "27 July 1953",
        "UNC",
        "disagrees",
    ),
    Check(
        "counter-share-press",
        "the ROK counterattack won back nearly half of the Chinese gain",
        "regained_share",
        "1953-07-13",
        "1953-07-16",
        0.45,
        0.33,
        0.5,
        "pamil_0719_0725",
        "wire reports of 19-25 July",
        "UNC",
        "agrees",
        "Regained 16-20 July as a share of the ground lost 13-16 July.",
    ),
    Check(
        "kept-140-pva",
        "more than 140 km² gained in the July campaign",
        "area_km2",
        "1953-07-13",
        "1953-07-27",
        140.0,
        140.0,
        175.0,
        "newdu_jincheng",
        "the opening",
        "PVA",
        "agrees",
    ),
    Check(
        "kept-160-pva",
        "160-odd km² recovered in the July campaign",
        "area_km2",
        "1953-07-13",
        "1953-07-27",
        160.0,
        160.0,
        200.0,
        "netease_jiaoyanshan",
        "the opening",
        "PVA",
        "disagrees",
    ),
    Check(
        "kept-180-pva",
        "about 180 km² held at the end, in the official history as Sa Su quotes it",
        "area_km2",
        "1953-07-13",
        "1953-07-27",
        180.0,
        153.0,
        207.0,
        "sasu_tiezaishao",
        "the quoted war history",
        "PVA",
        "disagrees",
    ),
    Check(
        "lost-170-rok",
        "the ROK lost about 170 km²",
        "area_km2",
        "1953-07-13",
        "1953-07-27",
        170.0,
        145.0,
        195.0,
        "dmook2025",
        "p. 20",
        "ROK",
        "agrees",
    ),
    Check(
        "lost-depth-rok",
        "the line was pushed back about 4 km on average",
        "mean_depth_km",
        "1953-07-13",
        "1953-07-27",
        4.0,
        3.0,
        5.0,
        "dmook2025",
        "p. 20",
        "ROK",
        "agrees",
    ),
    Check(
        "lost-front-rok",
        "along about 40 km of front",
        "frontage_km",
        "1953-07-13",
        "1953-07-27",
        40.0,
        30.0,
        50.0,
        "dmook2025",
        "p. 20",
        "ROK",
        "agrees",
    ),
    Check(
        "lost-200-rok",
        "the ROK handed about 200 km² to the North",
        "area_km2",
        "1953-06-10",
        "1953-07-27",
        200.0,
        170.0,
        230.0,
        "chosun2021",
        "6 September 2021",
        "ROK",
        "agrees",
        "The article does not say from which line it counts; compared with the whole change, June and July.",
    ),
    Check(
        "final-depth-pva",
        "the Chinese line moved 10 km south in all",
        "max_depth_km",
        "1953-07-13",
        "1953-07-27",
        10.0,
        7.5,
        12.5,
        "zhwiki_jincheng",
        "infobox: territorial change",
        "PVA",
        "disagrees",
        "The final change, not the depth on 16 July (which is the Hermes check above).",
    ),
    Check(
        "salient-width-rok",
        "the salient was a half-oval about 22 km across",
        "width_km",
        "1953-06-10",
        "1953-07-27",
        22.0,
        17.0,
        27.0,
        "dmook2025",
        "p. 17",
        "ROK",
        "disagrees",
        "Ours reaches from Sniper Ridge to Christmas Hill, as Hermes describes the bulge (to Mundung-ni); "
        "the Korean figure may count only the part west of the Pukhan.",
    ),
)

CONSTRUCTION: tuple[Check, ...] = (
    Check(
        "c-capitol-fallback",
        "the ROK 8th Division fell back more than a mile behind Capitol Hill on 15 June",
        "behind_km",
        "1953-06-10",
        "1953-06-15",
        MILE_KM,
        MILE_KM,
        2.5,
        "enwiki_kumsong",
        "Initial assault, after Hermes",
        "UNC",
        "agrees",
        "Used to draw the 15 June line (which 18 June repeats) west of the Pukhan.",
        place="capitol-hill",
    ),
    Check(
        "c-973-fallback",
        "the ROK pulled back 1,000 m south of Hill 973 on 11 June",
        "behind_km",
        "1953-06-10",
        "1953-06-15",
        1.0,
        0.8,
        1.5,
        "enwiki_kumsong",
        "Initial assault, after Hermes",
        "UNC",
        "agrees",
        "Used to draw the 15 June line (which 18 June repeats) east of the Pukhan.",
        place="hill-973",
    ),
    Check(
        "c-20-july",
        "by 20 July the ROK held the high ground south of the Kumsong River: the armistice line",
        "area_km2",
        "1953-07-20",
        "1953-07-27",
        0.0,
        0.0,
        0.0,
        "enwiki_kumsong",
        "Renewed assault, after Hermes",
        "UNC",
        "agrees",
        "The 20 July line is drawn on the armistice line, so nothing changes hands between them.",
    ),
)


def _line(front_lines: gpd.GeoDataFrame, day: str):
    return front_lines.loc[front_lines["date"] == day].geometry.iloc[0]


def evaluate(check: Check, front_lines: gpd.GeoDataFrame, places: gpd.GeoDataFrame | None = None) -> Outcome:
    """The atlas's value for one check, measured from the dated lines (UTM 52N)."""
    if check.measure == "behind_km":
        point = to_utm(places.loc[places["id"] == check.place].geometry.iloc[0])
        return Outcome(check, to_utm(_line(front_lines, check.later)).distance(point) / 1000)
    if check.sector is not None:
        west, east = check.sector
        earlier, later = _line(front_lines, check.earlier), _line(front_lines, check.later)
        return Outcome(check, depth_within_km(earlier, later, west, east))
    moved = advance(_line(front_lines, check.earlier), _line(front_lines, check.later))
    if check.measure == "regained_share":
        back = advance(_line(front_lines, check.later), _line(front_lines, "1953-07-20"))
        return Outcome(check, back.regained_km2 / moved.area_km2 if moved.area_km2 else 0.0)
    return Outcome(check, MEASURES[check.measure][1](moved))


def run(
    front_lines: gpd.GeoDataFrame, checks: tuple[Check, ...] = CHECKS, places: gpd.GeoDataFrame | None = None
) -> list[Outcome]:
    return [evaluate(check, front_lines, places) for check in checks]


def unit(check: Check) -> str:
    if check.measure == "regained_share":
        return "share"
    return "km" if check.measure == "behind_km" else MEASURES[check.measure][0]


def table(front_lines: gpd.GeoDataFrame, places: gpd.GeoDataFrame, cite: Callable[[str], str] = str) -> pd.DataFrame:
    """Every figure, independent checks first and the construction figures after, with the
    atlas's value and the verdict: the table for the Evidence page. `cite` turns a source key
    into a citation (e.g. Atlas.cite)."""
    rows = []
    for role, checks in (("independent check", CHECKS), ("drawn from (not a check)", CONSTRUCTION)):
        dated = set(front_lines["date"]) if not front_lines.empty else set()
        for c in checks:
            known = set(places["id"]) if not places.empty else set()
            if not {c.earlier, c.later} <= dated or (getattr(c, "place", None) and c.place not in known):
                rows.append(
                    {
                        "id": c.id,
                        "role": role,
                        "side": c.side,
                        "source says": c.says,
                        "atlas": None,
                        "verdict": "not available (its line or place could not be read)",
                        "source": f"{cite(c.source)}, {c.cite}",
                    }
                )
                continue
            outcome = evaluate(c, front_lines, places)
            rows.append(
                {
                    "id": c.id,
                    "role": role,
                    "side": c.side,
                    "source says": c.says,
                    "between": f"{c.earlier} → {c.later}",
                    "measure": c.measure if c.sector is None else f"{c.measure}, {c.sector[0]:g}-{c.sector[1]:g} E",
                    "figure": round(c.figure, 2),
                    "accepted": f"{c.low:g}–{c.high:g} {unit(c)}",
                    "atlas": round(outcome.value, 2),
                    "verdict": outcome.verdict,
                    "source": f"{cite(c.source)}, {c.cite}",
                    "note": c.note,
                }
            )
    return pd.DataFrame(rows)
