"""Kumsong 1953 atlas: data, timeline, measurement and map building, free of Streamlit."""
