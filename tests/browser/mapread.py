"""Reading a map as a person sees it (mapcheck.js) and the promises every view keeps: no
unit drawn across the front or from outside the view, the story's places named, few leader
lines, no name on another name or a symbol, and enough of the places in view named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page, expect

MAPCHECK = Path(__file__).with_name("mapcheck.js").read_text(encoding="utf-8")
MAX_LEADERS = 8
# Share of the places in view that carry their name, by the width of the screen.
NAMED_SHARE = {390: 0.40, 1280: 0.75, 1920: 0.90}


def settled(where: Page | Frame, day: str) -> None:
    """The day drawn and laid out for the view as it is now."""
    where.wait_for_function(
        "(d) => { const c = document.querySelector('.leaflet-container'); return c && c.dataset.day === d "
        "&& c.dataset.settled === '1'; }",
        arg=day,
    )


def read_map(where: Page | Frame, keep: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    return where.evaluate(f"({MAPCHECK})", list(keep))


def legend_moves_nothing(where: Page | Frame) -> None:
    """Open the legend and close it again by its summary, which must stay inside the map;
    no marker may move meanwhile."""
    before = read_map(where)["markers"]
    summary = where.locator(".atlas-legend-control summary")
    summary.click()
    expect(where.locator(".atlas-legend-control")).to_have_attribute("open", "")
    where.wait_for_timeout(100)  # two frames: a layout it set off would have run
    assert read_map(where)["markers"] == before
    inside = summary.evaluate(
        "s => { const r = s.getBoundingClientRect(), m = s.closest('.leaflet-container').getBoundingClientRect();"
        " return r.top >= m.top && r.bottom <= m.bottom; }"
    )
    assert inside, "the open legend's summary lies outside the map"
    summary.click()
    assert read_map(where)["markers"] == before


def _own_size(unit: dict[str, Any]) -> float:
    """How far a unit's frame may be drawn from where it stood: its own size (and 2 px for
    strokes and whole pixels)."""
    return max(unit["frame"]["w"], unit["frame"]["h"]) + 2


def broken_promises(seen: dict[str, Any], share: float | None = None) -> list[str]:
    """What the view does wrong, in words (empty when it keeps every promise); `share`: and
    names fewer of the places in view than that."""
    out = []
    if seen["across"]:
        out.append(f"drawn across the day's front from where they stood: {seen['across']}")
    if seen["outside"]:
        out.append(f"drawn in the view though they stood outside it: {seen['outside']}")
    if seen["storyMissing"]:
        out.append(f"places the story names, in view, without their names: {seen['storyMissing']}")
    if seen["leaders"] > MAX_LEADERS:
        out.append(f"{seen['leaders']} leader lines (at most {MAX_LEADERS})")
    if seen["covered"]:
        out.append(f"names on other names or symbols: {seen['covered']}")
    if seen["unitsOnUnits"]:
        out.append(f"unit symbols on one another: {seen['unitsOnUnits']}")
    far = [(u["id"], round(u["off"])) for u in seen["units"] if u["off"] > _own_size(u)]
    if far:
        out.append(f"moved more than their own size: {far}")
    if share is not None and seen["named"] < share * seen["places"]:
        out.append(
            f"{seen['named']} of {seen['places']} places in view named (at least {share:.0%}): {seen['unnamed']}"
        )
    return out


def follow_name(text: Page | Frame, where: Page | Frame, fid: str) -> dict[str, Any]:
    """Click the first link to `fid` in the text; once the map has flown, how far (px) its
    ring lies from the map's centre, and the zoom."""
    text.locator(f'a[href="#go={fid}"]').first.click()
    where.wait_for_function(
        "(f) => document.querySelector('.leaflet-container').dataset.focus === f"
        " && document.querySelector('.atlas-focus')",
        arg=fid,
    )
    where.wait_for_function("() => document.querySelector('.leaflet-container').dataset.settled === '1'")
    return where.evaluate(
        """() => { const m = Atlas.live.map, s = m.getSize(), c = m.getContainer().getBoundingClientRect();
        const r = document.querySelector('.atlas-focus').getBoundingClientRect();
        const off = Math.hypot(r.left + r.width / 2 - c.left - s.x / 2, r.top + r.height / 2 - c.top - s.y / 2);
        return { off, zoom: m.getZoom() }; }"""
    )
