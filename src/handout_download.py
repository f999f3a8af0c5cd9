"""The Lecture's handout button. Chromium prints the PDF on the server in 15-40 s, so it
is made only when a reader first asks for it (Streamlit runs the button's callable then, off
the page's run) and kept for the process; a server without Chromium says so instead."""

from __future__ import annotations

import streamlit as st

from src import session
from src.constants import geodata_dir
from src.handout import FILE_NAME, cannot_print, handout_pdf

NO_CHROMIUM_NOTE = "The printable handout is made by Chromium, which this server does not have."


@st.cache_resource(show_spinner=False, max_entries=4)
def _handout(directory: str) -> bytes:
    library = session.library()
    return handout_pdf(library.battle, library.chapters)


def handout() -> bytes:
    """The PDF of the lecture's chapters, printed once per process (and data folder)."""
    return _handout(str(geodata_dir()))


def handout_download(label: str = "Printable handout (PDF)") -> None:
    if cannot_print():
        st.caption(NO_CHROMIUM_NOTE)
        return
    st.download_button(
        label,
        data=handout,
        file_name=FILE_NAME,
        mime="application/pdf",
        on_click="ignore",
        help=(
            "The lecture's chapters on A4: each one's map, key points, each side's account and sources. "
            "The first request prints it (about half a minute, the button spins); later ones are at once."
        ),
    )
