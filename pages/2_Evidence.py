"""Evidence: whose numbers, from where, and how sure."""

from __future__ import annotations

import streamlit as st

from src import session
from src.calendar import all_days, day_label
from src.charts import claims_chart, depth_chart, ground_chart
from src.constants import LANGUAGES
from src.evidence import (
    CITATION,
    CLAIMS_INTRO,
    DEPTH_NOTE,
    TOPICS,
    bibliography,
    certainty_summary,
    checks_table,
    depth_profile,
    downloads,
    feature_table,
    geojson_files,
    ground_series,
    names_table,
    provenance_markdown,
    search_features,
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
    st.markdown(CLAIMS_INTRO)
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
    st.caption(DEPTH_NOTE)
    st.markdown("**Ground that changed hands between the dated lines**")
    st.dataframe(phase_changes(atlas["front_lines"]).drop(columns="geometry"), hide_index=True, width="stretch")

    st.header("Sources and provenance")
    st.markdown(provenance_markdown(battle))
    st.dataframe(checks_table(battle), hide_index=True, width="stretch")
    st.dataframe(certainty_summary(atlas), width="stretch")
    query = st.text_input("Search the features", placeholder="e.g. Hill 973, reconstructed, Hermes")
    st.dataframe(search_features(feature_table(atlas, session.view().lang), query), hide_index=True, width="stretch")
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
    for item in downloads(atlas):
        primary = item.file_name.endswith("zip")
        st.download_button(
            item.label,
            data=item.data,
            file_name=item.file_name,
            mime=item.mime,
            on_click="ignore",
            type="primary" if primary else "secondary",
        )
