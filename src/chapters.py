"""The lecture: chapters of the battle, their steps (days) and how to move between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from src.calendar import all_days, day_label
from src.constants import DATA_WINDOW, FIRST_DAY, GEODATA_DIR, LAST_DAY, THEATRE_BBOX, geodata_dir
from src.data import Problem, load_schema, read_entries, rel

CHAPTERS_FILE = GEODATA_DIR / "chapters.json"  # the shipped chapters; load_chapters reads the folder in use
SALIENT_BOUNDS = ((38.22, 127.38), (38.46, 128.08))  # (south, west), (north, east): the whole bulge


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    start: date
    end: date
    bounds: tuple[tuple[float, float], tuple[float, float]]  # (south, west), (north, east)
    points: tuple[str, ...]  # each in full: the chapter's details, the offline file, the handout
    notes: str
    sources: tuple[str, ...]
    accounts: tuple[dict, ...] = ()  # what each side's sources say: {side, text, source, cite?}
    key_points: tuple[str, ...] = ()  # one line for each point: what a slide has room for

    @property
    def steps(self) -> list[date]:
        """The days a lecturer steps through: the battle's days inside the chapter."""
        days = [d for d in all_days() if self.start <= d <= self.end]
        return days or [min(all_days(), key=lambda d: abs((d - self.start).days))]

    @property
    def span(self) -> str:
        return day_label(self.start) if self.start == self.end else f"{day_label(self.start)} – {day_label(self.end)}"


def _chapter(raw: dict) -> Chapter:
    (south, west), (north, east) = raw["bounds"]
    return Chapter(
        id=raw["id"],
        title=raw["title"],
        start=date.fromisoformat(raw["start"]),
        end=date.fromisoformat(raw["end"]),
        bounds=((south, west), (north, east)),
        points=tuple(p["text"] for p in raw["points"]),
        key_points=tuple(p["key"] for p in raw["points"]),
        notes=raw.get("notes", ""),
        sources=tuple(raw["sources"]),
        accounts=tuple(raw.get("accounts", [])),
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
