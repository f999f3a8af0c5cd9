"""The lecture: chapters of the battle, their steps (days) and how to move between them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from src.constants import DATA_WINDOW, FIRST_DAY, GEODATA_DIR, LAST_DAY, THEATRE_BBOX, geodata_dir
from src.data import Problem, load_schema, read_entries, rel
from src.timeline import all_days, day_label
from src.urlstate import quote

CHAPTERS_FILE = GEODATA_DIR / "chapters.json"  # the shipped chapters; load_chapters reads the folder in use
SALIENT_BOUNDS = ((38.22, 127.38), (38.46, 128.08))  # (south, west), (north, east): the whole bulge


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    start: date
    end: date
    bounds: tuple[tuple[float, float], tuple[float, float]]  # (south, west), (north, east)
    points: tuple[str, ...]
    notes: str
    sources: tuple[str, ...]

    @property
    def steps(self) -> list[date]:
        """The days a lecturer steps through: the battle's days inside the chapter."""
        days = [d for d in all_days() if self.start <= d <= self.end]
        return days or [min(all_days(), key=lambda d: abs((d - self.start).days))]

    @property
    def span(self) -> str:
        return day_label(self.start) if self.start == self.end else f"{day_label(self.start)} – {day_label(self.end)}"

    @property
    def centre(self) -> tuple[float, float]:
        (s, w), (n, e) = self.bounds
        return (s + n) / 2, (w + e) / 2


def _chapter(raw: dict) -> Chapter:
    (south, west), (north, east) = raw["bounds"]
    return Chapter(
        id=raw["id"],
        title=raw["title"],
        start=date.fromisoformat(raw["start"]),
        end=date.fromisoformat(raw["end"]),
        bounds=((south, west), (north, east)),
        points=tuple(raw["points"]),
        notes=raw.get("notes", ""),
        sources=tuple(raw["sources"]),
    )


def _chapter_problems(file: str, cid: str, raw: dict, sources: Mapping[str, object] | None) -> list[Problem]:
    """What the schema cannot say: real days in order, bounds on the theatre, known sources."""
    problems = []
    try:
        start, end = date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"])
    except ValueError as exc:
        return [Problem(file, f"not a calendar date: {exc}", cid, "start")]
    if not DATA_WINDOW[0] <= start <= end <= DATA_WINDOW[1]:
        problems.append(Problem(file, f"dates outside {DATA_WINDOW[0]}..{DATA_WINDOW[1]} or reversed", cid, "start"))
    (south, west), (north, east) = raw["bounds"]
    box_west, box_south, box_east, box_north = THEATRE_BBOX
    if not (box_south <= south < north <= box_north and box_west <= west < east <= box_east):
        problems.append(
            Problem(
                file,
                "bounds must be [[south, west], [north, east]] inside the theatre (lat/lon swapped?)",
                cid,
                "bounds",
            )
        )
    for key in raw["sources"]:
        if sources is not None and key not in sources:
            problems.append(Problem(file, f"unknown source '{key}'", cid, "sources"))
    return problems


def fallback_chapter() -> Chapter:
    """The lecture when no chapter could be read: every day of the battle on the salient."""
    return Chapter(
        id="battle",
        title="The Battle of Kumsong, day by day",
        start=FIRST_DAY,
        end=LAST_DAY,
        bounds=SALIENT_BOUNDS,
        points=(
            "The lecture's chapters could not be read (see the notice above); these steps are the days of the battle.",
        ),
        notes="",
        sources=(),
    )


def load_chapters(
    path: Path | None = None, sources: Mapping[str, object] | None = None, schema: dict | None = None
) -> tuple[list[Chapter], list[Problem]]:
    """The chapters that pass their checks, and the problems of the rest; never raises.

    With no chapter left the lecture still works: it steps through the whole battle.
    """
    path = Path(path or geodata_dir() / "chapters.json")
    schema = schema if schema is not None else load_schema(path.parent)[0]
    file = rel(path)
    entries, problems = read_entries(path, schema, lambda cid, raw: _chapter_problems(file, cid, raw, sources))
    chapters = [_chapter(raw) for _, raw in entries]
    return chapters or [fallback_chapter()], problems


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
NAVIGATION = (
    ("« First chapter", "Home", first, "Home"),
    ("◀ Back", "ArrowLeft", back, "Left arrow or Page Up"),
    ("Next ▶", "ArrowRight", forward, "Right arrow or Page Down"),
    ("Last chapter »", "End", last, "End"),
)


def parse_position(params: Mapping[str, object], chapters: list[Chapter]) -> tuple[Position, list[str]]:
    """?chapter=2&step=3 (1-based, as a lecturer counts); bad values fall back with a notice."""
    notices, values = [], {}
    for name in ("chapter", "step"):
        raw = params.get(name)
        if isinstance(raw, list | tuple):
            raw = raw[-1] if raw else None
        if raw is None:
            values[name] = 1
        elif str(raw).isdigit() and int(raw) >= 1:
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


def zoom_for_bounds(bounds: tuple[tuple[float, float], tuple[float, float]], width_px: int, height_px: int) -> int:
    """The largest Web Mercator zoom at which the bounds fit in a map of this size."""
    (south, west), (north, east) = bounds

    def y(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return math.log((1 + s) / (1 - s)) / (4 * math.pi)  # fraction of the world's height

    dx = (east - west) / 360
    dy = abs(y(north) - y(south))
    zoom = min(math.log2(width_px / 256 / dx), math.log2(height_px / 256 / dy))
    return max(1, min(18, math.floor(zoom)))
