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
    NO_MATCH,
    TOPICS,
    bibliography,
    certainty_summary,
    checks_tables,
    depth_profile,
    downloads,
    feature_table,
    geojson_files,
    ground_series,
    has_depth,
    names_table,
    no_depth_text,
    provenance_markdown,
    readable,
    search_features,
)
from src.measure import phase_changes
from src.safetext import md, quote
from src.styles import CERTAINTY_LABELS

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
            readable(table[["subject", "who", "claimant", "figure", "counts", "citation"]]),
            hide_index=True,
            width="stretch",
            column_config={"source": st.column_config.TextColumn(width="large")},
        )

    st.header("Ground over time")
    st.select_slider(
        "Day marked on the charts (the explorer's day)", all_days(), format_func=day_label, key=session.DAY
    )
    day = session.view().day
    st.altair_chart(ground_chart(ground_series(battle), day), width="stretch")
    st.markdown(f"**Depth behind the 10 June line along the front, {day_label(day)}** (west on the left)")
    profile = depth_profile(battle, day)
    if has_depth(profile):
        st.altair_chart(depth_chart(profile), width="stretch")
        st.caption(DEPTH_NOTE)
    else:
        st.info(no_depth_text(battle, day))
    st.markdown("**Ground that changed hands between the dated lines**")
    phases = phase_changes(atlas["front_lines"]).drop(columns="geometry")
    st.dataframe(readable(phases), hide_index=True, width="stretch")

    st.header("Sources and provenance")
    st.markdown(provenance_markdown(battle))
    st.subheader("Our lines checked against the sources' figures")
    for title, table in checks_tables(battle).items():
        st.markdown(f"**{title}**")
        st.table(table.map(md), hide_index=True)  # wraps its text: nothing cut, no sideways scroll
    st.subheader("How sure: features of each layer by certainty")
    st.caption("; ".join(CERTAINTY_LABELS.values()) + ".")
    st.dataframe(certainty_summary(atlas), width="stretch")
    query = st.text_input("Search the features", placeholder="e.g. Hill 973, reconstructed, Hermes")
    found = search_features(feature_table(atlas, session.view().lang), query)
    if found.empty and query:
        st.info(NO_MATCH.format(query=quote(query)))
    else:
        st.dataframe(readable(found), hide_index=True, width="stretch")
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
