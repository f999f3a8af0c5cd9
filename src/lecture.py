"""The lecture: moving through the chapters, links to a chapter and step, the places each
chapter names, and the clicker bridge. (The chapters themselves are src/chapters.py.)"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from src.assets import package_text
from src.calendar import day_label
from src.chapters import Chapter
from src.day import Battle
from src.daytext import go_md, linked, name_forms
from src.safetext import md, quote, script_json, script_text
from src.text import rows
from src.urlstate import param


def key_places(battle: Battle, chapter: Chapter) -> tuple[str, ...]:
    """The places the chapter's events name: their names stay on the map at lecture zooms."""
    events = battle.atlas["events"]
    if events.empty:
        return ()
    start, end = chapter.start.isoformat(), chapter.end.isoformat()
    inside = events[(events["date"] >= start) & (events["date"] <= end)]
    return tuple(dict.fromkeys(pid for places in inside["places"] for pid in places))


def slide_points(battle: Battle, chapter: Chapter, full: bool = False) -> list[str]:
    """The slide's points as Markdown, each place and river they name a link that flies the
    map to it (`full`: the points in full rather than their key lines)."""
    atlas = battle.atlas
    links = tuple(
        (form, row["id"]) for key in ("places", "water") for row in rows(atlas[key]) for form in name_forms(row["name"])
    )
    points = chapter.points if full or not chapter.key_points else chapter.key_points
    return [linked(point, links, go_md, md) for point in points]


def slide_context(chapter: Chapter, pos: Position, chapters: int) -> str:
    """What a full-screen map keeps of the slide: the title, the chapter, the day and the step."""
    day = chapter.steps[pos.step]
    return (
        f"{chapter.title} · chapter {pos.chapter + 1} of {chapters} · {day_label(day)}"
        f" · step {pos.step + 1} of {len(chapter.steps)}"
    )


def presenter_html(chapters: list[Chapter], pos: Position, day_label: str, button: bool = True) -> str:
    """A button that opens the presenter notes in a second window, and tells that window on
    every step where the lecture is, so the notes never reach the projected screen.

    `button=False`: only the telling, for a frame that is drawn on every step (a closed
    popover does not draw its contents, so the button's own frame cannot be relied on)."""
    data = {
        "position": {"chapter": pos.chapter, "step": pos.step, "day": day_label},
        "chapters": [{"title": c.title, "notes": c.notes, "steps": len(c.steps)} for c in chapters],
    }
    code = package_text("page_assets", "presenter.js")
    opener = (
        '<button id="open-notes" type="button" style="font:600 15px sans-serif;padding:6px 12px;'
        'border:1px solid #888;border-radius:6px;background:#FFF;cursor:pointer">'
        "Open presenter notes in a second window</button>"
    )
    return (
        (opener if button else "") + f'<script id="notes-data" type="application/json">{script_json(data)}</script>'
        f"<script>{script_text(code)}</script>"
    )


def clicker_html() -> str:
    code = package_text("page_assets", "clicker.js")
    return f"<script>{code}</script>"


@dataclass(frozen=True)
class Position:
    chapter: int  # 0-based
    step: int  # 0-based


def clamp(pos: Position, chapters: list[Chapter]) -> Position:
    c = min(max(pos.chapter, 0), len(chapters) - 1)
    return Position(c, min(max(pos.step, 0), len(chapters[c].steps) - 1))


def forward(pos: Position, chapters: list[Chapter]) -> Position:
    """Next step, running on into the next chapter."""
    if pos.step + 1 < len(chapters[pos.chapter].steps):
        return Position(pos.chapter, pos.step + 1)
    return Position(pos.chapter + 1, 0) if pos.chapter + 1 < len(chapters) else pos


def back(pos: Position, chapters: list[Chapter]) -> Position:
    """Previous step, running back to the last step of the previous chapter."""
    if pos.step > 0:
        return Position(pos.chapter, pos.step - 1)
    if pos.chapter > 0:
        return Position(pos.chapter - 1, len(chapters[pos.chapter - 1].steps) - 1)
    return pos


def first(pos: Position, chapters: list[Chapter]) -> Position:
    return Position(0, 0)


def last(pos: Position, chapters: list[Chapter]) -> Position:
    """The start of the last chapter."""
    return Position(len(chapters) - 1, 0)


# The lecture's buttons: label, keyboard shortcut, move, help. Clickers' PageDown/PageUp
# reach Next/Back through the lecture page's key bridge.
CLICKER_KEYS = ("ArrowRight", "ArrowLeft", "PageDown", "PageUp", "Home", "End")  # what the lecture listens for
# Each button's widget key is stable: the clicker bridge finds the buttons by it.
NAVIGATION = (
    ("« First chapter", "Home", first, "Home", "nav_first"),
    ("◀ Back", "ArrowLeft", back, "Left arrow or Page Up", "nav_back"),
    ("Next ▶", "ArrowRight", forward, "Right arrow or Page Down", "nav_next"),
    ("Last chapter »", "End", last, "End", "nav_last"),
)


POSITION_RE = re.compile(r"[0-9]{1,4}")  # ASCII digits only, and short: '³' and 10**5000 are no steps


def parse_position(params: Mapping[str, object], chapters: list[Chapter]) -> tuple[Position, list[str]]:
    """?chapter=2&step=3 (1-based, as a lecturer counts); bad values fall back with a notice.

    Never raises, like urlstate.parse: the page must come up to rewrite a bad link.
    """
    notices, values = [], {}
    for name in ("chapter", "step"):
        raw = param(params, name)
        if raw is None:
            values[name] = 1
        elif POSITION_RE.fullmatch(raw) and int(raw) >= 1:
            values[name] = int(raw)
        else:
            notices.append(f"Ignored {name} '{quote(raw)}': use a whole number from 1.")
            values[name] = 1
    pos = Position(values["chapter"] - 1, values["step"] - 1)
    fixed = clamp(pos, chapters)
    if fixed != pos:
        notices.append(
            f"There is no chapter {values['chapter']}, step {values['step']}; "
            f"showing chapter {fixed.chapter + 1}, step {fixed.step + 1}."
        )
    return fixed, notices


def position_params(pos: Position) -> dict[str, str]:
    return {"chapter": str(pos.chapter + 1), "step": str(pos.step + 1)}
