"""Evidence: whose numbers, from where, and how sure."""

from __future__ import annotations

import altair as alt
import streamlit as st

from src import session
from src.constants import LANGUAGES
from src.evidence import (
    CITATION,
    TOPICS,
    bibliography,
    certainty_summary,
    data_zip,
    depth_profile,
    feature_table,
    geojson_files,
    ground_series,
    names_table,
    phases_geojson,
    timeline_csv,
)
from src.measure import phase_changes
from src.timeline import all_days, day_label

st.set_page_config(page_title="Kumsong 1953 · Evidence", page_icon="📚", layout="wide")
battle = session.battle()
session.read_url_once()
atlas = battle.atlas
claims = session.claims()

with st.sidebar:
    st.segmented_control("Labels", list(LANGUAGES), format_func=LANGUAGES.get, key=session.LANG)

st.title("The evidence")
st.caption("Whose numbers, from where, and how sure: every figure and line of the atlas with its source.")
session.show_notices()
session.show_data_problems(battle)

st.header("Forces and losses, each side's figures side by side")
st.markdown(
    "Each side counted differently and had reasons to count high or low. The tables give every figure "
    "as its source states it, with what it counts; the charts put the estimates of the same thing next "
    "to each other instead of choosing one."
)
for topic, title in TOPICS.items():
    frame = claims.topic(topic)
    st.subheader(title)
    if topic in ("losses", "ground"):
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                x=alt.X("value:Q", title="as claimed"),
                y=alt.Y("who:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
                row=alt.Row("subject:N", title="Whose losses" if topic == "losses" else "Ground"),
                color=alt.Color("claimant:N", scale=alt.Scale(scheme="set2")),
                tooltip=["figure", "counts", "citation"],
            )
            .properties(height=alt.Step(26))
            .resolve_scale(y="independent")
        )
        st.altair_chart(chart, width="stretch")
    st.dataframe(
        frame[["subject", "who", "claimant", "figure", "counts", "citation"]],
        hide_index=True,
        width="stretch",
        column_config={"citation": st.column_config.TextColumn("source", width="large")},
    )

st.header("Ground over time")
st.select_slider(
    "Day marked on the charts (the explorer's day)", options=all_days(), format_func=day_label, key=session.DAY
)
day = session.view().day
series = ground_series(battle)
marked = series[series["day"] == day]
base = alt.Chart(series).encode(x=alt.X("day:T", title=None, axis=alt.Axis(format="%d %b")))
line = base.mark_line(point=True).encode(
    y=alt.Y("lost_km2:Q", title="ground lost since 10 June (km²)"),
    tooltip=["label", "lost_km2", "deepest_km", "front"],
)
rule = alt.Chart(marked).mark_rule(color="#D55E00", strokeWidth=3).encode(x="day:T")
st.altair_chart((line + rule).properties(height=280), width="stretch")
profile = depth_profile(battle, day)
st.markdown(f"**Depth behind the 10 June line along the front, {day_label(day)}** (west on the left)")
st.altair_chart(
    alt.Chart(profile)
    .mark_area(color="#D55E00", opacity=0.5, line=True)
    .encode(
        x=alt.X("along_km:Q", title="km along the 10 June line from the west end"),
        y=alt.Y("depth_km:Q", title="depth (km)"),
    )
    .properties(height=200),
    width="stretch",
)
st.caption(
    "Computed in UTM zone 52N from the same front lines and interpolation as the map. Between dated states "
    "the lines are interpolated, so the curve between dots is a drawing aid, not a record."
)

st.markdown("**Ground that changed hands between the dated lines**")
st.dataframe(phase_changes(atlas["front_lines"]).drop(columns="geometry"), hide_index=True, width="stretch")

st.header("Sources and provenance")
st.markdown(
    "**How the lines were made.** Only the armistice line is taken from a dataset (the Military Demarcation "
    "Line in Statistics Korea's and NGII's boundaries). The lines of 10 and 18 June, 13, 16 and 20 July are "
    "reconstructed from the distances and directions in Hermes' official history and checked against his "
    "figures and the Chinese and Korean ones; each carries its uncertainty. **Where sources disagree:** the "
    "ground the Chinese kept is given as more than 140 km² (Chinese), about 170 km² and 200 km² (Korean); "
    "our lines give about 147 km² between 13 July and the armistice. Christmas Hill is Hill 1220 in Hermes "
    "and Hill 1090 in Korean sources; Capitol Hill's loss is credited to the ROK 8th Division by Hermes and "
    "to the 5th by *Time*."
)
st.dataframe(certainty_summary(atlas), width="stretch")
query = st.text_input("Search the features", placeholder="e.g. Hill 973, reconstructed, Hermes")
features = feature_table(atlas, session.view().lang)
if query:
    mask = features.apply(lambda row: row.astype(str).str.contains(query, case=False, regex=False).any(), axis=1)
    features = features[mask]
st.dataframe(features, hide_index=True, width="stretch")
with st.expander("Bibliography", expanded=False):
    st.dataframe(
        bibliography(atlas),
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("url")},
    )

st.header("Names")
st.dataframe(names_table(atlas), hide_index=True, width="stretch")

st.header("Take the data away")
st.caption(CITATION)
columns = st.columns(4)
for index, path in enumerate(geojson_files()):
    columns[index % 4].download_button(
        path.name, data=path.read_bytes(), file_name=path.name, mime="application/geo+json", on_click="ignore"
    )
st.download_button(
    "All geodata as one zip",
    data=data_zip,
    file_name="kumsong-1953-geodata.zip",
    mime="application/zip",
    on_click="ignore",
    type="primary",
)
st.download_button(
    "Salient and phases (derived GeoJSON)",
    data=lambda: phases_geojson(atlas),  # made on request, not on every run
    file_name="kumsong-1953-phases.geojson",
    mime="application/geo+json",
    on_click="ignore",
)
st.download_button(
    "Timeline as CSV",
    data=timeline_csv(atlas),
    file_name="kumsong-1953-timeline.csv",
    mime="text/csv",
    on_click="ignore",
)

session.write_url(session.view())
