"""Streamlit glue shared by the pages: cached loading, session keys and the URL.

Streamlit clears query parameters when the reader switches page, so the view lives in
session state and every page writes it back to the URL; a fresh session reads the URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from src.assets import ensure_static_assets, package_text
from src.chapters import Chapter
from src.constants import geodata_dir
from src.day import Battle
from src.evidence import Claims
from src.export import FILE_NAME, export_html
from src.lecture import parse_position
from src.library import Library, load_library
from src.safetext import md, shorten
from src.urlstate import DEFAULT, ViewState, parse, query_string, snap_zoom, to_params

# Session-state keys, defined once.
DAY = "day"  # the day shown; only the server changes it (see controls.slid)
DAY_SLIDER = "day_slider"  # the Explorer's slider: filled from DAY before it is drawn
STEP_KEYS = ("step_back", "step_next")  # the Explorer's step buttons
LAYERS = "layers"
BASE = "base"
LANG = "lang"
PLACE = "place"  # (lat, lon, zoom) of the map
ORIGIN = "map_origin"  # (base, lat, lon, zoom) the map was created with
PLAYING = "playing"
PENDING_DAY = "pending_day"  # set by the play timer, applied before the slider is drawn
LAST_TICK = "last_tick"
JUMP = "jump"
NOTICES = "url_notices"
ASSETS = "assets_problem"  # why the map cannot draw, checked once per session
SYNCED = "url_read"
LECTURE = "lecture_position"  # chapters.Position
LECTURE_SYNCED = "lecture_url_read"
NOTES = "presenter_notes"
HALL = "hall_link"  # the slide shows the hall's QR code and link

VIEW_KEYS = (DAY, LAYERS, BASE, LANG, PLACE, PLAYING)
KEEP_KEYS = (*VIEW_KEYS, NOTES, HALL)  # widget values that must outlive a page without the widget
DEFAULT_PLACE = (DEFAULT.lat, DEFAULT.lon, DEFAULT.zoom)
PLACE_TOLERANCE = 5e-4  # degrees, about 50 m: less is rounding, not a move


@st.cache_resource(show_spinner="Loading the battle…", max_entries=4)
def _library(directory: str) -> Library:
    """Everything read and validated once per server process (and data folder), shared by all sessions."""
    return load_library(Path(directory))


def library() -> Library:
    return _library(str(geodata_dir()))


def battle() -> Battle:
    return library().battle


def chapters() -> list[Chapter]:
    return library().chapters


def claims() -> Claims:
    return library().claims


@st.cache_resource(show_spinner="Writing the offline file…", max_entries=4)
def _offline_file(directory: str) -> str:
    return export_html(_library(directory).battle, _library(directory).chapters)


def offline_file() -> str:
    """The self-contained HTML of the whole battle, made once per process on first request."""
    return _offline_file(str(geodata_dir()))


def share_and_offline() -> None:
    """The sidebar's way out of the app: the link to this view, and the file that needs no server."""
    st.header("Share")
    # A code span, not st.code: its syntax highlighter is a chunk the page would fetch and
    # parse before the map (measured: the first map 0.6 s later with it).
    with st.container(key="share"):
        st.markdown(f"`{share_url(view()).replace('`', '%60')}`")
    st.caption("This link opens the same day, layers and place (select it to copy).")
    st.header("Offline")
    offline_download()


def offline_download(label: str = "Download the offline file") -> None:
    st.download_button(
        label,
        data=offline_file,
        file_name=FILE_NAME,
        mime="text/html",
        on_click="ignore",
        help="One HTML file that plays the whole battle with no network and no server.",
    )


def read_url_once() -> None:
    """On a session's first run, take the view from the link (with notices for bad parts)."""
    state = st.session_state
    if state.get(SYNCED):
        for key in KEEP_KEYS:  # Streamlit drops a widget's value on a page that does not draw it
            if key in state:
                state[key] = state[key]
        return
    view, notices = parse(st.query_params.to_dict())
    state[DAY] = view.day
    state[LAYERS] = list(view.layers)
    state[BASE] = view.base
    state[LANG] = view.lang
    state[PLACE] = (view.lat, view.lon, view.zoom)
    state[NOTICES] = notices
    state[PLAYING] = False
    state[ASSETS] = ensure_static_assets()
    state[SYNCED] = True


def remember_place(lat: float, lon: float, zoom: float) -> None:
    """Keep where the reader moved the map, ignoring sub-pixel drift of the same view."""
    old_lat, old_lon, old_zoom = st.session_state[PLACE]
    zoom = snap_zoom(zoom)  # a fitted view is a quarter step: a link must keep it
    if abs(lat - old_lat) > PLACE_TOLERANCE or abs(lon - old_lon) > PLACE_TOLERANCE or zoom != old_zoom:
        st.session_state[PLACE] = (round(lat, 4), round(lon, 4), zoom)


def map_origin(current: ViewState) -> tuple[float, float, float]:
    """Where the map is created: the place when the session (or the base map) started.

    It changes only when the base map does, so panning never changes the base map's script
    (which would reload the map), and the map is never told to move back to a stale view.
    """
    origin = st.session_state.get(ORIGIN)
    if origin is None or origin[0] != current.base:
        origin = (current.base, current.lat, current.lon, current.zoom)
        st.session_state[ORIGIN] = origin
    return origin[1], origin[2], origin[3]


def view() -> ViewState:
    state = st.session_state
    lat, lon, zoom = state.get(PLACE, DEFAULT_PLACE)
    return ViewState(
        day=state.get(DAY, DEFAULT.day),
        layers=tuple(state.get(LAYERS, DEFAULT.layers)),
        lat=lat,
        lon=lon,
        zoom=zoom,
        base=state.get(BASE) or DEFAULT.base,  # pills are typed to allow None
        lang=state.get(LANG, DEFAULT.lang),
    )


def read_lecture_url_once(chapters: list[Chapter]) -> None:
    """The lecture's chapter and step from the link, on the first visit to that page."""
    state = st.session_state
    state.setdefault(NOTES, False)
    state.setdefault(HALL, False)
    if state.get(LECTURE_SYNCED):
        return
    position, notices = parse_position(st.query_params.to_dict(), chapters)
    state[LECTURE] = position
    state[NOTICES] = [*state.get(NOTICES, []), *notices]
    state[LECTURE_SYNCED] = True


def write_url(current: ViewState, page_params: dict[str, str] | None = None) -> None:
    """Make the address bar show the view, or the page's own parameters where it has them.

    Written on every run, even when it looks unchanged: a run started while the previous
    one was still updating the address sees the old address, and skipping the write there
    would leave the address one step behind the page.
    """
    st.query_params.from_dict(page_params if page_params is not None else to_params(current))


def share_url(current: ViewState) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{query_string(current)}"


def show_notices() -> None:
    if st.session_state.get(ASSETS):
        st.error(st.session_state[ASSETS], icon="🗺️")
    for notice in st.session_state.get(NOTICES, []):
        st.warning(notice, icon="⚠️")


def page_css(name: str) -> str:
    return package_text("page_assets", name)


@dataclass
class Page:
    """What a page gets from its frame; it may set `params` to write its own URL."""

    battle: Battle
    params: dict[str, str] | None = field(default=None)


@contextmanager
def page(title: str, icon: str, *, lecture: bool = False, css: str = "app.css") -> Iterator[Page]:
    """Every page's frame, in one order: configure, load, read the link once, show notices
    and data problems, let the page draw, then write the view back to the address."""
    st.set_page_config(
        page_title=f"Kumsong 1953 · {title}",
        page_icon=icon,
        layout="wide",
        initial_sidebar_state="collapsed" if lecture else "auto",
    )
    st.html(f"<style>{page_css('common.css')}{page_css(css)}</style>")
    current = battle()
    read_url_once()
    if lecture:
        read_lecture_url_once(chapters())
    show_notices()
    show_data_problems()
    frame = Page(current)
    yield frame
    write_url(view(), frame.params)


def show_data_problems() -> None:
    """The same notice on every page: what could not be read and was left out."""
    problems = library().problems
    if problems:
        more = (
            f"\n- … and {len(problems) - 10} more (`python -m src validate` lists them all)"
            if len(problems) > 10
            else ""
        )
        st.error(
            "Some data could not be read and is left out:\n\n"
            + "\n".join(f"- {md(shorten(str(p), 300))}" for p in problems[:10])
            + more,
            icon="🧭",
        )
