"""What the atlas says about a feature: names, facts, popups and citations.

No folium and no Streamlit here, so the day text, the evidence page, the records the
drawer reads and the offline file all take their words from one place. Every text that
can reach HTML is escaped where the HTML is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from typing import Any

import pandas as pd

from src.calendar import day_label, iso_label
from src.data import Atlas, prop
from src.formations import Formations, chain_names
from src.styles import CERTAINTY_LABELS, SIDE_LABELS
from src.timeline import FrontState

LANG_FIELDS = {"en": "name", "ko": "name_ko", "zh": "name_zh"}


def rows(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows as dicts, read by key: row['name'] (far faster than iterrows)."""
    return iter(frame.to_dict("records"))


def local_name(props: Any, lang: str = "en") -> str:
    """The feature's name in the chosen language, falling back to English."""
    value = prop(props, LANG_FIELDS.get(lang, "name"))
    return str(value) if value else str(prop(props, "name"))


def names(props: Any) -> dict[str, str]:
    """The feature's name in every language it has (English always)."""
    return {lang: local_name(props, lang) for lang in LANG_FIELDS}


def certainty_text(props: Any) -> str | None:
    """'reconstructed: … (±4.0 km)', or None for a feature without a certainty."""
    certainty = prop(props, "certainty")
    if not certainty:
        return None
    text = CERTAINTY_LABELS.get(certainty, certainty)
    radius = prop(props, "uncertainty_m")
    return text + (f" (±{radius / 1000:.1f} km)" if radius else "")


def citation(atlas: Atlas, props: Any) -> str:
    """The feature's source with its page, and the further sources it names."""
    text = atlas.cite_feature({"source": props.get("source"), "cite": prop(props, "cite")})
    also = prop(props, "also")
    if also is not None and len(also):
        text += "; see also " + "; ".join(atlas.cite(k) for k in also)
    return text


def source_links(atlas: Atlas, props: Any) -> str:
    """Where the links to the feature's online sources go: the drawer makes them from the
    scene's `links` as the popup opens (each URL once in the scene, not in every popup and
    day: the offline file keeps to its budget). Empty if none of its sources is online."""
    also = prop(props, "also")
    keys = [props.get("source"), *(also if also is not None else [])]
    online = [key for key in dict.fromkeys(keys) if atlas.sources.get(key, {}).get("url")]
    return f'<span class="links" data-src="{escape(" ".join(online))}"></span>' if online else ""


def popup_body(atlas: Atlas, props: Any, lines: list[str] | None = None) -> str:
    """A popup without its title: facts, certainty, note and source, all escaped."""
    parts = [f"<div>{escape(line)}</div>" for line in lines or []]
    certainty = certainty_text(props)
    if certainty:
        parts.append(f'<div class="muted">Position: {escape(certainty)}</div>')
    note = prop(props, "note")
    if note:
        parts.append(f'<div class="muted">{escape(str(note))}</div>')
    if prop(props, "source"):
        links = source_links(atlas, props)
        parts.append(f'<div class="muted"><b>Source:</b> {escape(citation(atlas, props))}' + links + "</div>")
    return "".join(parts)


def popup_html(atlas: Atlas, props: Any, title: str, lines: list[str] | None = None) -> str:
    """A whole popup: title, facts, certainty and the source, all escaped."""
    return f"<h4>{escape(title)}</h4>" + popup_body(atlas, props, lines)


def front_title(fronts: pd.DataFrame, front: FrontState) -> str:
    """What the day's front is called in its popup and tooltip."""
    if front.interpolated:
        return f"Front on {day_label(front.day)} (interpolated)"
    return f"{fronts.loc[front.before_id, 'name']}, {day_label(front.day)}"


def held_text(holder: str) -> str:
    """Who held a hill, without the day: the drawer puts the shown day before it, so a hill
    whose holder did not change is not redrawn on a step."""
    return "contested" if holder == "contested" else f"held by {SIDE_LABELS[holder]}"


def place_facts(row: Any) -> list[str]:
    return [str(row["kind"]).title()]


def hill_facts(row: Any) -> list[str]:
    return [f"Elevation {row['elevation_m']:.0f} m"] if prop(row, "elevation_m") else []


def unit_facts(row: Any, formations: Formations | None = None) -> list[str]:
    """Side and echelon, dates, and the chain of higher formations when they are given
    ('Part of: IX Corps, US Eighth Army'; nothing for a parent that did not resolve)."""
    facts = [
        f"{SIDE_LABELS[row['side']]}, {row['echelon']}",
        f"Here from {iso_label(row['from'])} to {iso_label(row['to'])}",
    ]
    part_of = chain_names(formations or {}, prop(row, "parent"))
    return [*facts, "Part of: " + ", ".join(part_of)] if part_of else facts


def movement_facts(row: Any) -> list[str]:
    return [
        f"{str(row['kind']).title()}, {iso_label(row['from'])} – {iso_label(row['to'])}",
        "Units: " + ", ".join(row["units"]),
    ]


def event_when(row: Any) -> str:
    return iso_label(row["date"]) + (f" – {iso_label(row['end'])}" if prop(row, "end") else "")


ACCOUNT_LABELS = {"UNC": "US / UN Command account", "ROK": "Korean account", "PVA": "Chinese account"}


def accounts(atlas: Atlas, value: Any) -> tuple[tuple[str, str, str], ...]:
    """What each side's sources say of one event or chapter: (whose account, text, citation)."""
    if not isinstance(value, list | tuple):
        return ()
    return tuple(
        (ACCOUNT_LABELS.get(a.get("side"), str(a.get("side"))), str(a.get("text", "")), atlas.cite_feature(a))
        for a in value
        if isinstance(a, dict) and a.get("source")
    )


def short_designation(name: str, nation: str) -> str:
    """'ROK 6th Division' -> 'ROK 6'; 'US 187th Airborne RCT' -> 'US 187'."""
    if name.startswith("ROK Capital"):
        return "ROK Cap"
    number = re.search(r"\d+", name)
    return f"{nation if nation != 'PRC' else 'PVA'} {number.group(0) if number else name[:8]}"
