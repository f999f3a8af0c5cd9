"""The lecture page's helpers: the places each chapter names, and the clicker bridge."""

from __future__ import annotations

from importlib import resources

from src.chapters import Chapter
from src.day import Battle


def key_places(battle: Battle, chapter: Chapter) -> tuple[str, ...]:
    """The places the chapter's events name: their names stay on the map at lecture zooms."""
    events = battle.atlas["events"]
    if events.empty:
        return ()
    start, end = chapter.start.isoformat(), chapter.end.isoformat()
    inside = events[(events["date"] >= start) & (events["date"] <= end)]
    return tuple(dict.fromkeys(pid for places in inside["places"] for pid in places))


def clicker_html() -> str:
    code = (resources.files("src") / "page_assets" / "clicker.js").read_text(encoding="utf-8")
    return f"<script>{code}</script>"
