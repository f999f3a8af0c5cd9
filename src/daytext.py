"""The day panel, built once as structured data and rendered as one HTML that both the app
and the offline file show, so both say the same words: the front and how sure it is, the
figures, the hills that changed hands, and the events with their units and sources."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape

from src.calendar import all_days, day_label
from src.day import Battle
from src.safetext import md
from src.styles import CERTAINTY_LABELS, SIDE_LABELS
from src.text import accounts, event_when, local_name, rows
from src.tracks import unit_key

FIGURES_NOTE = (
    "Computed in UTM zone 52N from the front lines of the geodata; as uncertain as the lines themselves "
    "(a few km where they are reconstructed)."
)
NO_EVENT = "No event recorded for this day; the front held as drawn."
NOT_AVAILABLE = "not available"
LOST_LABEL = "Ground lost since 10 June"
DAY_ANCHOR = "the-day"  # the panel's id: the page's "skip the map" link leads here
SKIP_MAP = "Skip the map: to the day's story"
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
    fid: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (a name its texts use, the feature it names)


@dataclass(frozen=True)
class DayText:
    day: date
    front: FrontText
    lost_km2: float | None
    depth_km: float | None
    changes: tuple[str, ...]
    events: tuple[EventText, ...]
    change_links: tuple[tuple[str, str], ...] = ()  # the hills that changed hands: (name, id)

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
    changes, change_links = [], []
    for hid, before, after in battle.changed_hands(day):
        verb = "contested" if after == "contested" else f"taken by the {SIDE_LABELS.get(after, after)}"
        changes.append(f"{local_name(places.loc[hid], lang)}: {verb}" + (f" (was {before})" if before else ""))
        change_links.append((local_name(places.loc[hid], lang), hid))
    drawn_units = {unit_key(row["name"]): row["id"] for row in rows(info.units)}

    def named(row) -> tuple[tuple[str, str], ...]:
        """The places the event names (in each language its text may use) and its units drawn that day."""
        links = [
            (form, pid)
            for pid in row["places"]
            if pid in places.index
            for name in (local_name(places.loc[pid], lang), places.loc[pid, "name"])
            for form in name_forms(name)
        ]
        links += [(unit, drawn_units[unit_key(unit)]) for unit in row["units"] if unit_key(unit) in drawn_units]
        return tuple(links)

    events = tuple(
        EventText(
            number=number,
            name=local_name(row, lang),
            when=event_when(row),
            summary=row["summary"],
            units=", ".join(row["units"]) if len(row["units"]) else "",
            source=atlas.cite_feature(row),
            accounts=accounts(atlas, row.get("accounts")),
            fid=row["id"],
            links=named(row),
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
        change_links=tuple(change_links),
    )


def name_forms(name: str) -> set[str]:
    """The ways a text may write a name: 'Christmas Hill (Hill 1090)', 'Christmas Hill', 'Hill 1090'."""
    bare, _, inner = str(name).partition(" (")
    return {str(name), bare.strip(), inner.rstrip(")").strip()} - {""}


# --- rendering: one HTML, shown by the app's panel and the offline file ---------------------


def _esc(value: object) -> str:
    return escape(str(value))


def go_link(name: str, fid: str) -> str:
    """A name in the text that flies the map to what it names (follow.js in the app, the
    offline player); a plain link to nowhere where neither runs."""
    return f'<a href="#go={_esc(fid)}">{_esc(name)}</a>'


def go_md(name: str, fid: str) -> str:
    """go_link in Streamlit Markdown (the lecture's slide)."""
    return f"[{md(name)}](#go={fid})"


def linked(
    text: str,
    links: tuple[tuple[str, str], ...],
    link: Callable[[str, str], str] = go_link,
    esc: Callable[[str], str] = _esc,
) -> str:
    """The text escaped, with each name it uses made a link (the longest name first, so
    'Hill 883.7' is never read as 'Hill 88')."""
    ids = {name: fid for name, fid in links if name}
    if not ids:
        return esc(text)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(ids, key=len, reverse=True)))
    out, at = [], 0
    for m in pattern.finditer(text):
        out += [esc(text[at : m.start()]), link(m.group(0), ids[m.group(0)])]
        at = m.end()
    return "".join(out) + esc(text[at:])


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
    said = "; ".join(linked(c, text.change_links) for c in text.changes)
    return "<b>Changed hands today:</b> " + said if text.changes else ""


def event_paragraph(event: EventText) -> str:
    title = f"{event.number}. {event.name}"
    head = go_link(title, event.fid) if event.fid else _esc(title)
    out = f"<b>{head}</b> ({_esc(event.when)})<br>{linked(event.summary, event.links)}"
    if event.units:
        out += f"<br><i>Units:</i> {linked(event.units, event.links)}"
    out += f"<br><i>Source:</i> {_esc(event.source)}"
    for whose, said, source in event.accounts:  # each side's sources in their own right
        out += f"<br><b>{_esc(whose)}:</b> {_esc(said)} ({_esc(source)})"
    return out


def event_blocks(text: DayText) -> list[str]:
    """The day's events, or one line saying there were none (a blank panel reads as broken)."""
    return [event_paragraph(e) for e in text.events] or [f"<i>{_esc(NO_EVENT)}</i>"]


def event_titles(text: DayText) -> list[str]:
    """The events' titles as Markdown links to their markers, for the lecture's list."""
    return [go_md(f"{e.number}. {e.name}", e.fid) for e in text.events]


def day_html(text: DayText) -> str:
    """The whole panel as HTML, the one form both the app and the offline file show (every data
    text escaped); its root names the day, so the app's map can tell which day it shows."""
    parts = [
        f'<div class="atlas-day" id="{DAY_ANCHOR}" tabindex="-1" data-day="{text.day.isoformat()}">',
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
