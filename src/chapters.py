"""The lecture: chapters of the battle, their steps (days) and how to move between them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from src.calendar import all_days, day_label
from src.constants import DATA_WINDOW, GEODATA_DIR

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
