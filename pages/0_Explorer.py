"""Explorer: the Battle of Kumsong on a map, day by day (the default page of app.py)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from src import controls, session
from src.constants import BASEMAPS, LANGUAGES, SUBTITLE
from src.daytext import DAY_ANCHOR, SKIP_MAP, day_panels
from src.layers import LAYER_LABELS
from src.mapbuild import MAP_HEIGHT, base_map, day_step, panels_link
from src.safetext import md
from src.timeline import key_dates

with session.page("Explorer", "🗺️") as frame:
    battle = frame.battle
    controls.apply_pending_day()
    st.container(key="skip_map").markdown(f"[{SKIP_MAP}](#{DAY_ANCHOR})")
    st.title("The Battle of Kumsong, 1953")
    st.caption(SUBTITLE)

    with st.sidebar:
        st.header("Map")
        st.caption("Every line, symbol and figure opens its source; reconstructed positions say how uncertain.")
        layers = list(LAYER_LABELS)
        st.pills("Layers", layers, format_func=LAYER_LABELS.get, selection_mode="multi", key=session.LAYERS)
        st.pills(  # not a selectbox: its dozen script chunks held back the first map
            "Base map",
            list(BASEMAPS),
            format_func=BASEMAPS.get,
            key=session.BASE,
            required=True,
            help="The plain map needs no internet; the others load tiles online.",
        )
        st.segmented_control("Labels", list(LANGUAGES), format_func=LANGUAGES.get, key=session.LANG)

    view = session.view()
    map_col, text_col = st.columns([2, 1], gap="medium")
    with map_col:
        controls.time_controls()
        lat, lon, zoom = origin = session.map_origin(view)
        fit = origin == session.DEFAULT_PLACE  # a link without a place opens on the whole battle
        returned = st_folium(
            base_map(
                battle,
                view.base,
                location=(lat, lon),
                zoom=zoom,
                follow=controls.follow(),
                fit=fit,
                fill=True,
                keys=controls.KEYS,
            ),
            key="map",
            feature_group_to_add=day_step(view.day, view.layers, view.lang, panels=panels_link(battle, view.lang)),
            returned_objects=["center", "zoom"],
            height=MAP_HEIGHT,
            use_container_width=True,
        )
        if returned and returned.get("center") and returned.get("zoom"):
            session.remember_place(returned["center"]["lat"], returned["center"]["lng"], returned["zoom"])

    with text_col:
        keys = dict(key_dates(battle.atlas["front_lines"]))
        st.pills(
            "Jump to a dated state of the front",
            list(keys),
            format_func=lambda d: md(keys[d]),
            key=session.JUMP,
            on_change=controls.jump,
        )
        st.html(day_panels(battle, view.lang)[view.day.isoformat()])  # the map shows the next one at once

    with st.sidebar:
        session.share_and_offline()

controls.play_timer()  # after the address is written: its rerun must not skip that
