"""The Evidence page's charts (Altair specs from the evidence frames; no Streamlit here)."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from src.styles import SIDE_COLOURS


def claims_chart(frame: pd.DataFrame, row_title: str) -> alt.Chart:
    """Estimates of the same thing side by side, one row per subject, instead of one chosen."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title="as claimed"),
            y=alt.Y("who:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            row=alt.Row("subject:N", title=row_title),
            color=alt.Color("claimant:N", scale=alt.Scale(scheme="set2")),
            tooltip=["figure", "counts", "citation"],
        )
        .properties(height=alt.Step(26))
        .resolve_scale(y="independent")
    )


def ground_chart(series: pd.DataFrame, day: date) -> alt.LayerChart:
    """Ground lost since 10 June, day by day, with the chosen day marked."""
    base = alt.Chart(series).encode(x=alt.X("day:T", title=None, axis=alt.Axis(format="%d %b")))
    line = base.mark_line(point=True).encode(
        y=alt.Y("lost_km2:Q", title="ground lost since 10 June (km²)"),
        tooltip=["label", "lost_km2", "deepest_km", "front"],
    )
    marked = series[series["day"] == day] if not series.empty else series
    rule = alt.Chart(marked).mark_rule(color=SIDE_COLOURS["PVA"], strokeWidth=3).encode(x="day:T")
    return (line + rule).properties(height=280)


def depth_chart(profile: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(profile)
        .mark_area(color=SIDE_COLOURS["PVA"], opacity=0.5, line=True)
        .encode(
            x=alt.X("along_km:Q", title="km along the 10 June line from the west end"),
            y=alt.Y("depth_km:Q", title="depth (km)"),
        )
        .properties(height=200)
    )
