"""Explorer: the Battle of Kumsong on a map, day by day (the default page of app.py)."""

from __future__ import annotations

import time

import streamlit as st
from streamlit_folium import st_folium

from src import session
from src.constants import BASEMAPS, LANGUAGES, LAST_DAY, MAP_LAYERS
from src.legend import legend_html
from src.mapbuild import base_map, day_layers
from src.report import day_report
from src.safetext import md
from src.timeline import all_days, day_label, key_dates, step

PLAY_SECONDS = 1.2

st.set_page_config(page_title="Kumsong 1953 · Explorer", page_icon="🗺️", layout="wide")
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2.2rem; }</style>")
battle = session.battle()
session.read_url_once()
state = st.session_state
if session.PENDING_DAY in state:
    state[session.DAY] = state.pop(session.PENDING_DAY)


def _go(days: int) -> None:
    state[session.DAY] = step(state[session.DAY], days)


def _jump() -> None:
    if state.get(session.JUMP):
        state[session.DAY] = state[session.JUMP]
    state[session.JUMP] = None


def _toggle_play() -> None:
    state[session.PLAYING] = not state[session.PLAYING]
    if state[session.PLAYING] and state[session.DAY] >= LAST_DAY:
        state[session.DAY] = all_days()[0]


st.title("The Battle of Kumsong, 1953")
st.caption(
    "The last large Chinese offensive of the Korean War (Jincheng Campaign, 金城战役), 10 June – 27 July 1953, "
    "day by day. Every line, symbol and figure opens its source; reconstructed positions say how uncertain they are."
)
session.show_notices()
session.show_data_problems(battle)

with st.sidebar:
    st.header("Map")
    st.pills("Layers", list(MAP_LAYERS), format_func=MAP_LAYERS.get, selection_mode="multi", key=session.LAYERS)
    st.selectbox(
        "Base map",
        list(BASEMAPS),
        format_func=BASEMAPS.get,
        key=session.BASE,
        help="The plain map needs no internet; the others load tiles online.",
    )
    st.segmented_control("Labels", list(LANGUAGES), format_func=LANGUAGES.get, key=session.LANG)

st.select_slider(
    "Day",
    options=all_days(),
    format_func=day_label,
    key=session.DAY,
    help="Drag, or focus the slider and use the arrow keys.",
)
with st.container(horizontal=True, vertical_alignment="bottom"):  # stays one row on a phone
    st.button(
        "◀ Previous",
        on_click=_go,
        args=(-1,),
        shortcut="p",
        help="Previous day (P)",
        disabled=state[session.DAY] <= all_days()[0],
    )
    st.button(
        "Next ▶", on_click=_go, args=(1,), shortcut="n", help="Next day (N)", disabled=state[session.DAY] >= LAST_DAY
    )
    st.button(
        "❚❚ Pause" if state[session.PLAYING] else "▶ Play",
        on_click=_toggle_play,
        type="primary" if state[session.PLAYING] else "secondary",
    )
    keys = dict(key_dates(battle.atlas["front_lines"]))
    st.pills(
        "Jump to",
        list(keys),
        format_func=lambda d: md(keys[d]),
        key=session.JUMP,
        on_change=_jump,
        label_visibility="collapsed",
        help="Jump to a dated state of the front",
    )

view = session.view()
report = day_report(battle, view.day, view.lang)
map_col, text_col = st.columns([2, 1], gap="medium")
with map_col:
    lat, lon, zoom = session.map_origin(view)
    returned = st_folium(
        base_map(view.base, location=(lat, lon), zoom=zoom),
        key="map",
        feature_group_to_add=day_layers(battle, view.day, view.layers, view.lang),
        returned_objects=["center", "zoom"],
        height=640,
        use_container_width=True,
    )
    if returned and returned.get("center") and returned.get("zoom"):
        session.remember_place(returned["center"]["lat"], returned["center"]["lng"], returned["zoom"])
    with st.expander("Legend", expanded=False):
        st.html(legend_html())

with text_col:
    st.subheader(day_label(view.day))
    st.markdown(report.front_status)
    lost_col, depth_col = st.columns(2)
    lost_col.metric("Ground lost since 10 June", report.lost_text, help=report.figures_note)
    depth_col.metric("Deepest point behind the 10 June line", report.depth_text, help=report.figures_note)
    if report.changes:
        st.markdown("**Changed hands today:** " + "; ".join(report.changes))
    st.markdown("#### What happened")
    if not report.events:
        st.markdown("_No event recorded for this day; the front held as drawn._")
    for event in report.events:
        st.markdown(event)

current = session.view()  # the map may have moved
session.write_url(current)
with st.sidebar:
    st.header("Share")
    st.code(session.share_url(current), language=None, wrap_lines=True)
    st.caption("This link opens the same day, layers and place.")
    st.header("Offline")
    session.offline_download()

if state[session.PLAYING]:

    @st.fragment(run_every=PLAY_SECONDS)
    def _tick() -> None:
        now = time.monotonic()
        if now - state.get(session.LAST_TICK, 0.0) < PLAY_SECONDS * 0.9:
            return
        state[session.LAST_TICK] = now
        if state[session.DAY] >= LAST_DAY:
            state[session.PLAYING] = False
        else:
            state[session.PENDING_DAY] = step(state[session.DAY], 1)
        st.rerun()

    _tick()
