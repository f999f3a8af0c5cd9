"""Lecture: the battle in chapters, for a projector and a presentation clicker."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from src import session
from src.calendar import day_label
from src.daytext import day_text, event_titles
from src.hall_link import HINT, follow_link, offline_url, qr_png
from src.handout_download import handout_download
from src.layers import LAYER_LABELS
from src.lecture import (
    CLICKER_KEYS,
    NAVIGATION,
    Position,
    back,
    clamp,
    clicker_html,
    forward,
    key_places,
    position_params,
    presenter_html,
    slide_context,
    slide_points,
)
from src.mapbuild import MAP_HEIGHT, base_map, day_step
from src.safetext import md
from src.styles import PROJECTOR_NAME_SHARE
from src.text import accounts
from src.urlstate import query_string

with session.page("Lecture", "🎓", lecture=True, css="lecture.css") as frame:
    battle, state, chapters = frame.battle, st.session_state, session.chapters()

    def _move(to) -> None:
        state[session.LECTURE] = clamp(to(state[session.LECTURE], chapters), chapters)

    pos: Position = state[session.LECTURE]
    chapter = chapters[pos.chapter]
    day = chapter.steps[pos.step]

    hall, hall_problem = offline_url()
    follow = follow_link(hall, pos) if hall and state[session.HALL] else None  # phones follow the file
    heading, corner = st.columns([7, 1]) if follow else (st.container(), None)
    heading.title(md(chapter.title))
    heading.markdown(
        f"**Chapter {pos.chapter + 1} of {len(chapters)}** · {chapter.span} · "
        f"**{day_label(day)}** (step {pos.step + 1} of {len(chapter.steps)})"
    )
    if corner:
        heading.caption(f"On your phone, from this step: [{md(follow)}]({follow})")
        corner.container(key="hall_qr").image(qr_png(follow))
    nav = st.columns([1.2, 1, 1, 1.2, 1.3], vertical_alignment="center")
    for column, (label, key, move, hint, name) in zip(nav, NAVIGATION, strict=False):
        column.button(
            label,
            key=name,
            shortcut=key,
            on_click=_move,
            args=(move,),
            width="stretch",
            help=hint,
            type="primary" if move is forward else "secondary",
            disabled=move is back and pos == Position(0, 0),
        )
    with nav[4].popover("⚙ Options", width="stretch"):
        components.html(presenter_html(chapters, pos, day_label(day)), height=44)
        st.toggle("Show the notes on this screen too", key=session.NOTES)
        link = query_string(session.view().with_(day=day))
        st.markdown(f"[🗺️ Explorer, on this day](./?{link}) · [📚 Evidence](Evidence?{link})")
        session.offline_download("Offline file for a hall with no network")
        handout_download()
        if hall:
            st.toggle("Show the hall's link on the slide (QR code)", key=session.HALL)
        else:
            st.caption(hall_problem or HINT)
    components.html(clicker_html(), height=0)  # the same on every step: it is never reloaded

    map_col, text_col = st.columns([2.6, 1], gap="medium")
    with map_col:  # the map fills the window below the buttons and fits the chapter's ground
        st_folium(
            base_map(battle, name_share=PROJECTOR_NAME_SHARE, fill=True, keys=CLICKER_KEYS),
            key="lecture_map",
            feature_group_to_add=day_step(
                day,
                tuple(LAYER_LABELS),
                bounds=chapter.bounds,
                keep=key_places(battle, chapter),
                context=slide_context(chapter, pos, len(chapters)),
            ),
            returned_objects=[],
            height=MAP_HEIGHT,
            use_container_width=True,
        )
    with text_col, st.container(key="lecture_text"):  # a slide: all of it fits the screen
        st.markdown("\n".join(f"- {point}" for point in slide_points(battle, chapter)))
        titles = event_titles(day_text(battle, day))
        if titles:
            st.markdown(f"**{day_label(day)}:** " + "; ".join(titles))
        if chapter.key_points:
            with st.expander("The points in full"):
                st.markdown("\n".join(f"- {point}" for point in slide_points(battle, chapter, full=True)))
        sides = accounts(battle.atlas, list(chapter.accounts))
        if sides:
            with st.expander("What each side's sources say"):
                for whose, said, source in sides:
                    st.markdown(f"**{md(whose)}:** {md(said)} ({md(source)})")
        with st.expander(f"Sources ({len(chapter.sources)})"):
            st.caption(md("; ".join(battle.atlas.cite(s) for s in chapter.sources)))
        if state[session.NOTES] and chapter.notes:
            st.info(md(chapter.notes), icon="🗒️")
        # Tells an open notes window where the lecture is; in this column, so its gap never
        # pushes the map below the screen.
        components.html(presenter_html(chapters, pos, day_label(day), button=False), height=0)
    frame.params = position_params(pos)
