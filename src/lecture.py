"""The lecture page's projector styling and clicker bridge, read from their asset files."""

from __future__ import annotations

from importlib import resources

# Map height in pixels for each projector resolution (the rest holds the title and buttons).
SCREENS = {"1280×720": 430, "1920×1080": 720}


def clicker_html() -> str:
    code = (resources.files("src") / "page_assets" / "clicker.js").read_text(encoding="utf-8")
    return f"<script>{code}</script>"
