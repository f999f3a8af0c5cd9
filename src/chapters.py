"""The lecture: chapters of the battle, their steps (days) and how to move between them."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from src.calendar import all_days, day_label
from src.constants import DATA_WINDOW, GEODATA_DIR
from src.safetext import quote
from src.urlstate import param

CHAPTERS_FILE = GEODATA_DIR / "chapters.json"


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
    accounts: tuple[dict, ...] = ()  # what each side's sources say: {side, text, source, cite?}

    @property
    def steps(self) -> list[date]:
        """The days a lecturer steps through: the battle's days inside the chapter."""
        days = [d for d in all_days() if self.start <= d <= self.end]
        return days or [min(all_days(), key=lambda d: abs((d - self.start).days))]

    @property
    def span(self) -> str:
        return day_label(self.start) if self.start == self.end else f"{day_label(self.start)} – {day_label(self.end)}"


def load_chapters(path: Path = CHAPTERS_FILE, sources: Mapping[str, object] | None = None) -> list[Chapter]:
    """Read and check the chapters; raises ValueError naming the chapter and the field."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    chapters = []
    for raw in doc["chapters"]:
        cid = raw.get("id", "?")
        try:
            chapter = Chapter(
                id=raw["id"],
                title=raw["title"],
                start=date.fromisoformat(raw["start"]),
                end=date.fromisoformat(raw["end"]),
                bounds=(tuple(raw["bounds"][0]), tuple(raw["bounds"][1])),
                points=tuple(raw["points"]),
                notes=raw.get("notes", ""),
                sources=tuple(raw["sources"]),
                accounts=tuple(raw.get("accounts", [])),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"{path.name}: chapter '{cid}': {exc!r}") from exc
        if not DATA_WINDOW[0] <= chapter.start <= chapter.end <= DATA_WINDOW[1]:
            raise ValueError(f"{path.name}: chapter '{cid}': dates outside {DATA_WINDOW} or reversed")
        if not 3 <= len(chapter.points) <= 5:
            raise ValueError(f"{path.name}: chapter '{cid}': needs three to five key points")
        unknown = [s for s in chapter.sources if sources is not None and s not in sources]
        if unknown:
            raise ValueError(f"{path.name}: chapter '{cid}': unknown source(s) {unknown}")
        chapters.append(chapter)
    return chapters


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
