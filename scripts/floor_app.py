"""The floor of any design that goes through the Streamlit server: a bare page whose
select_slider only changes a line of text (run by scripts/benchmark.py)."""

from datetime import date, timedelta

import streamlit as st

days = [date(1953, 6, 10) + timedelta(days=i) for i in range(48)]
day = st.select_slider("Day", options=days, format_func=lambda d: f"{d.day} {d:%b %Y}")
st.markdown(f"Shown: {day.isoformat()}")
