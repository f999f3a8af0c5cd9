"""Evidence: whose numbers, from where, and how sure."""

from __future__ import annotations

import streamlit as st

from src import session
from src.calendar import all_days, day_label
from src.charts import claims_chart, depth_chart, ground_chart
from src.constants import LANGUAGES
from src.evidence import (
    CITATION,
    TIMELINE_FILE,
    TOPICS,
    bibliography,
    certainty_summary,
    checks_table,
    data_zip,
    depth_profile,
    feature_table,
    geojson_files,
    ground_series,
    names_table,
    phases_geojson,
    provenance_markdown,
    timeline_csv,
)
from src.measure import phase_changes

with session.page("Evidence", "📚") as frame:
    battle = frame.battle
    atlas, claims = battle.atlas, session.claims()
    with st.sidebar:
        st.segmented_control("Labels", list(LANGUAGES), format_func=LANGUAGES.get, key=session.LANG)

    st.title("The evidence")
    st.caption("Whose numbers, from where, and how sure: every figure and line of the atlas with its source.")
    st.header("Forces and losses, each side's figures side by side")
    st.markdown(
        "Each side counted differently and had reasons to count high or low. The tables give every figure "
        "as its source states it, with what it counts; the charts put the estimates of the same thing next "
        "to each other instead of choosing one."
    )
    for topic, title in TOPICS.items():
        table = claims.topic(topic)
        st.subheader(title)
        if topic in ("losses", "ground"):
            st.altair_chart(claims_chart(table, "Whose losses" if topic == "losses" else "Ground"), width="stretch")
        st.dataframe(
            table[["subject", "who", "claimant", "figure", "counts", "citation"]],
            hide_index=True,
            width="stretch",
            column_config={"citation": st.column_config.TextColumn("source", width="large")},
        )

    st.header("Ground over time")
    st.select_slider(
        "Day marked on the charts (the explorer's day)", all_days(), format_func=day_label, key=session.DAY
    )
    day = session.view().day
    st.altair_chart(ground_chart(ground_series(battle), day), width="stretch")
    st.markdown(f"**Depth behind the 10 June line along the front, {day_label(day)}** (west on the left)")
    st.altair_chart(depth_chart(depth_profile(battle, day)), width="stretch")
    st.caption(
        "Computed in UTM zone 52N from the same front lines and interpolation as the map. Between dated states "
        "the lines are interpolated, so the curve between dots is a drawing aid, not a record."
    )
    st.markdown("**Ground that changed hands between the dated lines**")
    st.dataframe(phase_changes(atlas["front_lines"]).drop(columns="geometry"), hide_index=True, width="stretch")

    st.header("Sources and provenance")
    st.markdown(provenance_markdown(battle))
    st.dataframe(checks_table(battle), hide_index=True, width="stretch")
    st.dataframe(certainty_summary(atlas), width="stretch")
    query = st.text_input("Search the features", placeholder="e.g. Hill 973, reconstructed, Hermes")
    features = feature_table(atlas, session.view().lang)
    if query:
        features = features[
            features.astype(str).apply(lambda c: c.str.contains(query, case=False, regex=False)).any(axis=1)
        ]
    st.dataframe(features, hide_index=True, width="stretch")
    with st.expander("Bibliography", expanded=False):
        links = {"url": st.column_config.LinkColumn("url")}
        st.dataframe(bibliography(atlas), hide_index=True, width="stretch", column_config=links)

    st.header("Names")
    st.dataframe(names_table(atlas), hide_index=True, width="stretch")

    st.header("Take the data away")
    st.caption(CITATION)
    columns = st.columns(4)
    for index, path in enumerate(geojson_files()):
        columns[index % 4].download_button(
            path.name, data=path.read_bytes(), file_name=path.name, mime="application/geo+json", on_click="ignore"
        )
    downloads = [
        ("All geodata as one zip", data_zip, "kumsong-1953-geodata.zip", "application/zip"),
        (
            "Salient and phases (derived GeoJSON)",
            lambda: phases_geojson(atlas),
            "kumsong-1953-phases.geojson",
            "application/geo+json",
        ),
        ("Timeline as CSV", timeline_csv(atlas), TIMELINE_FILE, "text/csv"),
    ]
    for label, data, name, mime in downloads:
        st.download_button(
            label,
            data=data,
            file_name=name,
            mime=mime,
            on_click="ignore",
            type="primary" if name.endswith("zip") else "secondary",
        )
