"""The day panel, built once as structured data and rendered as one HTML that both the app
and the offline file show, so both say the same words: the front and how sure it is, the
figures, the hills that changed hands, and the events with their units and sources."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape

from src.calendar import all_days, day_label
from src.day import Battle
from src.safetext import md
from src.styles import CERTAINTY_LABELS, SIDE_LABELS
from src.text import accounts, event_when, local_name, rows

FIGURES_NOTE = (
    "Computed in UTM zone 52N from the front lines of the geodata; as uncertain as the lines themselves "
    "(a few km where they are reconstructed)."
)
NO_EVENT = "No event recorded for this day; the front held as drawn."
NOT_AVAILABLE = "not available"
LOST_LABEL = "Ground lost since 10 June"
DEPTH_LABEL = "Deepest point behind the 10 June line"


@dataclass(frozen=True)
class FrontText:
    kind: str  # "dated", "interpolated" or "missing"
    label: str = ""  # the dated state, or the earlier of the two it lies between
    later: str = ""  # the later state, when interpolated
    fraction: float = 0.0
    certainty: str = ""
    uncertainty_km: float | None = None
    source: str = ""


@dataclass(frozen=True)
class EventText:
    number: int
    name: str
    when: str
    summary: str
    units: str
    source: str
    accounts: tuple[tuple[str, str, str], ...] = ()  # (whose account, what it says, citation)


@dataclass(frozen=True)
class DayText:
    day: date
    front: FrontText
    lost_km2: float | None
    depth_km: float | None
    changes: tuple[str, ...]
    events: tuple[EventText, ...]

    @property
    def label(self) -> str:
        return day_label(self.day)

    @property
    def lost_text(self) -> str:
        return NOT_AVAILABLE if self.lost_km2 is None else f"{self.lost_km2:.0f} km²"

    @property
    def depth_text(self) -> str:
        return NOT_AVAILABLE if self.depth_km is None else f"{self.depth_km:.1f} km"


def day_text(battle: Battle, day: date, lang: str = "en") -> DayText:
    atlas = battle.atlas
    info = battle.on(day)
    fronts = atlas["front_lines"]
    front = info.front
    if front is None:
        front_text = FrontText("missing")
    elif front.interpolated:
        a, b = fronts.loc[front.before_id], fronts.loc[front.after_id]
        front_text = FrontText("interpolated", a["label"], b["label"], front.fraction)
    else:
        row = fronts.loc[front.before_id]
        front_text = FrontText(
            "dated",
            row["label"],
            certainty=CERTAINTY_LABELS.get(row["certainty"], row["certainty"]).split(":")[0],
            uncertainty_km=row["uncertainty_m"] / 1000 if row["uncertainty_m"] == row["uncertainty_m"] else None,
            source=atlas.cite(row["source"]),
        )
    places = atlas["places"]
    changes = []
    for hid, before, after in battle.changed_hands(day):
        verb = "contested" if after == "contested" else f"taken by the {SIDE_LABELS.get(after, after)}"
        changes.append(f"{local_name(places.loc[hid], lang)}: {verb}" + (f" (was {before})" if before else ""))
    events = tuple(
        EventText(
            number=number,
            name=local_name(row, lang),
            when=event_when(row),
            summary=row["summary"],
            units=", ".join(row["units"]) if len(row["units"]) else "",
            source=atlas.cite_feature(row),
            accounts=accounts(atlas, row.get("accounts")),
        )
        for number, row in enumerate(rows(info.events), start=1)
    )
    advance = info.since_start
    return DayText(
        day=day,
        front=front_text,
        lost_km2=advance.area_km2 if advance else None,
        depth_km=advance.max_depth_km if advance else None,
        changes=tuple(changes),
        events=events,
    )


# --- rendering: one HTML, shown by the app's panel and the offline file ---------------------


def _esc(value: object) -> str:
    return escape(str(value))


def front_sentence(text: DayText) -> str:
    f = text.front
    if f.kind == "missing":
        return "<b>Front:</b> the front-line data could not be read, so no line is drawn (see the message above)."
    if f.kind == "interpolated":
        return (
            f"<b>Front:</b> interpolated between <i>{_esc(f.label)}</i> and <i>{_esc(f.later)}</i> "
            f"({f.fraction:.0%} of the way). The dashed line is a drawing aid, not a recorded position."
        )
    radius = f" (±{f.uncertainty_km:.1f} km)" if f.uncertainty_km is not None else ""
    return f"<b>Front:</b> <i>{_esc(f.label)}</i>, {f.certainty}{radius}. Source: {_esc(f.source)}."


def changes_sentence(text: DayText) -> str:
    return "<b>Changed hands today:</b> " + "; ".join(_esc(c) for c in text.changes) if text.changes else ""


def event_paragraph(event: EventText) -> str:
    out = f"<b>{event.number}. {_esc(event.name)}</b> ({_esc(event.when)})<br>{_esc(event.summary)}"
    if event.units:
        out += f"<br><i>Units:</i> {_esc(event.units)}"
    out += f"<br><i>Source:</i> {_esc(event.source)}"
    for whose, said, source in event.accounts:  # each side's sources in their own right
        out += f"<br><b>{_esc(whose)}:</b> {_esc(said)} ({_esc(source)})"
    return out


def event_blocks(text: DayText) -> list[str]:
    """The day's events, or one line saying there were none (a blank panel reads as broken)."""
    return [event_paragraph(e) for e in text.events] or [f"<i>{_esc(NO_EVENT)}</i>"]


def event_titles(text: DayText) -> list[str]:
    """The events' titles as Markdown, for the lecture's list."""
    return [f"{e.number}. {md(e.name)}" for e in text.events]


def day_html(text: DayText) -> str:
    """The whole panel as HTML, the one form both the app and the offline file show (every data
    text escaped); its root names the day, so the app's map can tell which day it shows."""
    parts = [
        f'<div class="atlas-day" data-day="{text.day.isoformat()}">',
        f"<h2>{_esc(text.label)}</h2>",
        f"<p>{front_sentence(text)}</p>",
        '<div class="figures">',
    ]
    for label, value in ((LOST_LABEL, text.lost_text), (DEPTH_LABEL, text.depth_text)):
        parts.append(f'<p class="figure"><span>{_esc(label)}</span><b>{_esc(value)}</b></p>')
    parts.append(f"</div><details><summary>How these figures are computed</summary>{_esc(FIGURES_NOTE)}</details>")
    if text.changes:
        parts.append(f"<p>{changes_sentence(text)}</p>")
    parts.append("<h3>What happened</h3>")
    parts += [f'<p class="event">{block}</p>' for block in event_blocks(text)]
    return "".join(parts) + "</div>"


@lru_cache(maxsize=8)
def day_panels(battle: Battle, lang: str = "en") -> dict[str, str]:
    """Every day's panel in one language, {iso: html}, made once per atlas and language (about
    50 ms): the app's page, the app's map (panels_json) and the offline file show these same
    texts. Callers must not change it."""
    return {day.isoformat(): day_html(day_text(battle, day, lang)) for day in all_days()}


@lru_cache(maxsize=8)
def panels_json(battle: Battle, lang: str) -> str:
    """day_panels as JSON (about 90 kB), which the app's map fetches once: it shows the next
    day's panel as it draws the day, and the server's rerun then sets the same HTML."""
    return json.dumps(day_panels(battle, lang))
