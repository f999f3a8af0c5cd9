"""Lecture: the battle in chapters, for a projector and a presentation clicker."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from src import session
from src.chapters import NAVIGATION, Position, back, clamp, forward, position_params, zoom_for_bounds
from src.constants import MAP_LAYERS
from src.lecture import CLICKER_JS, PROJECTOR_CSS, SCREENS
from src.mapbuild import base_map, day_layers
from src.report import day_report
from src.styles import PROJECTOR_SCALE
from src.timeline import day_label

st.set_page_config(
    page_title="Kumsong 1953 · Lecture", page_icon="🎓", layout="wide", initial_sidebar_state="collapsed"
)
st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)
battle = session.battle()
chapters = session.chapters()
session.read_url_once()
session.read_lecture_url_once(chapters)
state = st.session_state


def _move(to) -> None:
    state[session.LECTURE] = clamp(to(state[session.LECTURE], chapters), chapters)


session.show_notices()
session.show_data_problems()
pos: Position = state[session.LECTURE]
chapter = chapters[pos.chapter]
day = chapter.steps[pos.step]

st.title(chapter.title)
st.markdown(
    f"**Chapter {pos.chapter + 1} of {len(chapters)}** · {chapter.span} · "
    f"**{day_label(day)}** (step {pos.step + 1} of {len(chapter.steps)})"
)
nav = st.columns([1.2, 1, 1, 1.2, 1.3], vertical_alignment="center")
for column, (label, key, move, hint) in zip(nav, NAVIGATION, strict=False):
    column.button(
        label,
        shortcut=key,
        on_click=_move,
        args=(move,),
        width="stretch",
        help=hint,
        type="primary" if move is forward else "secondary",
        disabled=move is back and pos == Position(0, 0),
    )
with nav[4].popover("⚙ Options", width="stretch"):
    st.radio("Screen", list(SCREENS), key=session.SCREEN, horizontal=True)
    st.toggle("Presenter notes", key=session.NOTES)
    session.offline_download("Offline file for a hall with no network")
components.html(CLICKER_JS, height=0)

height = SCREENS[state[session.SCREEN]]
map_col, text_col = st.columns([2.6, 1], gap="medium")
with map_col:
    st_folium(
        base_map(scale=PROJECTOR_SCALE),
        key="lecture_map",
        feature_group_to_add=day_layers(battle, day, tuple(MAP_LAYERS), "en", PROJECTOR_SCALE),
        center=chapter.centre,
        zoom=zoom_for_bounds(chapter.bounds, int(height * 1.9), height),
        returned_objects=[],
        height=height,
        use_container_width=True,
    )
with text_col:
    for point in chapter.points:
        st.markdown(f"- {point}")
    report = day_report(battle, day)
    if report.events:
        st.markdown(f"**{day_label(day)}:** " + "; ".join(report.titles))
    st.caption("Sources: " + "; ".join(battle.atlas.cite(s) for s in chapter.sources))
    if state[session.NOTES] and chapter.notes:
        st.info(chapter.notes, icon="🗒️")

session.write_url(session.view(), page_params=position_params(pos))
