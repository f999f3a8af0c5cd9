"""Kumsong 1953 atlas: the entry point. It names the pages; each page is its own script."""

from __future__ import annotations

import streamlit as st

st.navigation(
    [
        st.Page("pages/0_Explorer.py", title="Explorer", default=True),
        st.Page("pages/1_Lecture.py", title="Lecture", url_path="Lecture"),
        st.Page("pages/2_Evidence.py", title="Evidence", url_path="Evidence"),
    ]
).run()
