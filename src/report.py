"""The day panel as text: what the front was, what it cost, what happened.

Pure functions returning Markdown, so the explorer, the lecture page and the tests read
the same sentences. Data text is escaped so it cannot turn into markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from src.day import Battle
from src.mapbuild import event_when, local_name, rows
from src.safetext import md
from src.styles import CERTAINTY_LABELS, SIDE_LABELS

FIGURES_NOTE = (
    "Computed in UTM zone 52N from the front lines of the geodata; as uncertain as the lines themselves "
    "(a few km where they are reconstructed)."
)


@dataclass(frozen=True)
class DayReport:
    day: date
    front_status: str
    lost_km2: float
    depth_km: float
    changes: list[str]
    events: list[str]
    titles: list[str]
    figures_note: str = FIGURES_NOTE

    @property
    def lost_text(self) -> str:
        return "n/a" if self.lost_km2 != self.lost_km2 else f"{self.lost_km2:.0f} km²"

    @property
    def depth_text(self) -> str:
        return "n/a" if self.depth_km != self.depth_km else f"{self.depth_km:.1f} km"


def day_report(battle: Battle, day: date, lang: str = "en") -> DayReport:
    atlas = battle.atlas
    info = battle.on(day)
    fronts = atlas["front_lines"]
    front = info.front
    if front is None:
        status = "**Front:** the front-line data could not be read, so no line is drawn (see the message above)."
    elif front.interpolated:
        a, b = fronts.loc[front.before_id], fronts.loc[front.after_id]
        status = (
            f"**Front:** interpolated between *{md(a['label'])}* and *{md(b['label'])}* "
            f"({front.fraction:.0%} of the way). The dashed line is a drawing aid, not a recorded position."
        )
    else:
        row = fronts.loc[front.before_id]
        certainty = CERTAINTY_LABELS[row["certainty"]].split(":")[0]
        status = (
            f"**Front:** *{md(row['label'])}*, {certainty} (±{row['uncertainty_m'] / 1000:.1f} km). "
            f"Source: {md(atlas.cite(row['source']))}."
        )
    places = atlas["places"]
    changes = []
    for hid, before, after in battle.changed_hands(day):
        name = local_name(places.loc[hid], lang)
        verb = "contested" if after == "contested" else f"taken by the {SIDE_LABELS[after]}"
        changes.append(f"{md(name)}: {verb}" + (f" (was {before})" if before else ""))
    events, titles = [], []
    for number, row in enumerate(rows(info.events), start=1):
        when = event_when(row)
        cite = atlas.cite_feature(row)
        units = ", ".join(row["units"]) if len(row["units"]) else ""
        text = f"**{number}. {md(row['name'])}** ({when})  \n{md(row['summary'])}"
        if units:
            text += f"  \n*Units:* {md(units)}"
        text += f"  \n*Source:* {md(cite)}"
        events.append(text)
        titles.append(f"{number}. {md(row['name'])}")
    return DayReport(
        day=day,
        front_status=status,
        lost_km2=info.since_start.area_km2 if info.since_start else float("nan"),
        depth_km=info.since_start.max_depth_km if info.since_start else float("nan"),
        changes=changes,
        events=events,
        titles=titles,
    )
