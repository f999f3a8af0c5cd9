"""Leaflet served by the app itself, never from a CDN.

Leaflet comes from the PyPI package django-js-lib-leaflet (plain files, no dependencies),
installed by the normal set-up. At start-up it is copied under static/vendor/, which
Streamlit serves at /app/static/ (enableStaticServing in .streamlit/config.toml).
"""

from __future__ import annotations

import filecmp
import shutil
from functools import lru_cache
from importlib import resources
from pathlib import Path

from src.constants import STATIC_DIR

VENDOR = "vendor/leaflet"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png")

# The streamlit-folium component runs in an iframe at <app>/component/<name>/index.html;
# a path relative to it reaches <app>/app/static/ however the app is mounted.
COMPONENT_TO_STATIC = "../../app/static/"


def leaflet_source() -> Path:
    return Path(str(resources.files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"


def ensure_static_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet into static/vendor/leaflet if it is missing or stale; returns the folder."""
    source, target = leaflet_source(), static_dir / VENDOR
    for name in LEAFLET_FILES:
        dst = target / name
        if not dst.exists() or not filecmp.cmp(source / name, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, dst)
    return target


def static_url(name: str) -> str:
    """URL of a static file as the map iframe must ask for it."""
    return COMPONENT_TO_STATIC + name


@lru_cache(maxsize=1)
def leaflet_inline() -> tuple[str, str]:
    """Leaflet's JS and CSS as text, for the self-contained export."""
    source = leaflet_source()
    return (source / "leaflet.js").read_text(encoding="utf-8"), (source / "leaflet.css").read_text(encoding="utf-8")
