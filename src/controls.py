"""The Explorer's time controls: stepping, jumping and playing, as session-state callbacks.

Callbacks run before the page is drawn, so a click changes the day exactly once and the
slider is drawn with the new value (no hand-off through a second rerun).
"""

from __future__ import annotations

import time

import streamlit as st

from src import session
from src.calendar import all_days, day_label, step
from src.constants import LAST_DAY

PLAY_SECONDS = 1.2
KEYS = ("n", "p", "N", "P")  # the Explorer's shortcuts: they work with the map focused too
STEPS = {session.STEP_KEYS[0]: ("p", -1), session.STEP_KEYS[1]: ("n", 1)}  # button key: (shortcut, days)


def follow() -> dict:
    """What the map follows on the page, so that it can draw a step before the server has run."""
    return {"buttons": {key: days for key, (_, days) in STEPS.items()}, "keys": dict(STEPS.values())}


def time_controls() -> None:
    """The day slider and the Previous / Next / Play row above the map."""
    state, days = st.session_state, all_days()
    sync_slider()
    st.select_slider(
        "Day", days, format_func=day_label, key=session.DAY_SLIDER, on_change=slid, help="Drag, or use the arrow keys."
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        day = state[session.DAY]
        for key, (shortcut, step_days) in STEPS.items():
            ahead = step_days > 0
            st.button(
                "Next ▶" if ahead else "◀ Previous",
                key=key,
                on_click=go,
                args=(step_days,),
                shortcut=shortcut,
                help=f"{'Next' if ahead else 'Previous'} day ({shortcut.upper()})",
                disabled=day >= LAST_DAY if ahead else day <= days[0],
            )
        label, kind = ("❚❚ Pause", "primary") if state[session.PLAYING] else ("▶ Play", "secondary")
        st.button(label, on_click=toggle_play, type=kind)


def slid() -> None:
    """A drag of the slider sets the day, unless this rerun came from a step button.

    A click travels with the value each widget has on the page at that moment; when a
    reader clicks Next again before the page has received the previous step, that value is
    the older day, and taking it would undo the step (the lost steps seen under load). So
    the day lives in session.DAY, which only the server changes, and a button's rerun never
    takes the slider's value.
    """
    state = st.session_state
    if not any(state.get(key) for key in session.STEP_KEYS):
        state[session.DAY] = state[session.DAY_SLIDER]


def sync_slider() -> None:
    """Show the server's day on the slider (before it is drawn)."""
    st.session_state[session.DAY_SLIDER] = st.session_state[session.DAY]


def go(days: int) -> None:
    state = st.session_state
    state[session.DAY] = step(state[session.DAY], days)


def jump() -> None:
    state = st.session_state
    if state.get(session.JUMP):
        state[session.DAY] = state[session.JUMP]
    state[session.JUMP] = None


def toggle_play() -> None:
    state = st.session_state
    state[session.PLAYING] = not state[session.PLAYING]
    if state[session.PLAYING] and state[session.DAY] >= LAST_DAY:
        state[session.DAY] = all_days()[0]


def apply_pending_day() -> None:
    """The play timer sets the next day here; it is applied before the slider is drawn."""
    state = st.session_state
    if session.PENDING_DAY in state:
        state[session.DAY] = state.pop(session.PENDING_DAY)


def play_timer() -> None:
    """While playing, a fragment that asks for the next day every PLAY_SECONDS."""
    state = st.session_state
    if not state[session.PLAYING]:
        return

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
