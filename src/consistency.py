"""Checks across layers: each layer is sourced on its own, so this is where they must agree."""

from __future__ import annotations

import re
from datetime import date, timedelta

from src.day import Battle, hill_rows, holder_on
from src.measure import to_utm, unc_side

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


TAKING = re.compile(r"\b(took|take|takes|taken|fell|falls|fall|captured|capture|lost|overran|overrun|retook|retake)\b")


def story_conflicts(battle: Battle) -> list[tuple[str, str]]:
    """Events that tell of a hill being taken while the map shows no change there.

    An event whose summary says a position was taken, fell or was retaken must see at least
    one hill it names change hands (or be fought over) between the day before it and the day
    after its last: otherwise the day text and the map tell two stories. An outpost below a
    hill is not the hill (the map has no outposts), so such events name the hill only as the
    place. Returns (event, the hills it names).
    """
    places = battle.atlas["places"]
    hills = set(hill_rows(places)["id"]) if not places.empty else set()
    out = []
    for _, event in battle.atlas["events"].iterrows():
        summary = str(event["summary"]).lower()
        named = [p for p in event["places"] if p in hills]
        if not named or not TAKING.search(summary) or "outpost" in summary:
            continue
        first = date.fromisoformat(event["date"])
        end = event.get("end")
        last = date.fromisoformat(end) if isinstance(end, str) else first
        days = [first + timedelta(days=n) for n in range(-1, (last - first).days + 2)]
        moved = []
        for hid in named:
            held = [holder_on(places.loc[hid, "control"], d) for d in days]
            moved.append(len(set(held)) > 1 or "contested" in held)
        if not any(moved):
            out.append((event["id"], ", ".join(named)))
    return out
