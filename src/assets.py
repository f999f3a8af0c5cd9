"""Leaflet and the map's own files served by the app itself, never from a CDN.

Leaflet comes from the PyPI package django-js-lib-leaflet (plain files, no dependencies),
installed by the normal set-up. Each new session checks it is under static/vendor/ (and
copies it there if not), which Streamlit serves at /app/static/ (enableStaticServing in
.streamlit/config.toml); its CSS is linked from there. Its script, the drawer and the scene
are published as one file under static/build/ with its content's hash in the name: the map
asks for it once, and a rerun re-sends a link instead of half a megabyte.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from src.constants import STATIC_DIR

VENDOR = "vendor/leaflet"
BUILD = "build"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png")

# The streamlit-folium component runs in an iframe at <app>/component/<name>/index.html;
# a path relative to it reaches <app>/app/static/ however the app is mounted.
COMPONENT_TO_STATIC = "../../app/static/"


@lru_cache(maxsize=32)
def package_text(folder: str, name: str) -> str:
    """A text file shipped in src/ (drawer_assets, page_assets, export_assets), read once per
    process: pages ask for their scripts and styles on every rerun."""
    return (resources.files("src") / folder / name).read_text(encoding="utf-8")


def leaflet_source() -> Path:
    return Path(str(resources.files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"


def ensure_static_assets(static_dir: Path | None = None) -> str | None:
    """Put Leaflet under static/vendor/leaflet if it is missing or changed; None when all is well,
    else a message for the reader. Never raises: it runs once per session, so a folder
    deleted (or replaced by a file) while the server runs is noticed, and mended if it can be.

    Cheap: copy2 keeps the modification time, so an intact copy is recognised by stat() alone.
    """
    target = (static_dir or STATIC_DIR) / VENDOR
    try:
        source = leaflet_source()
        for name in LEAFLET_FILES:
            dst = target / name
            if not (dst.is_file() and filecmp.cmp(source / name, dst, shallow=True)):
                dst.parent.mkdir(parents=True, exist_ok=True)
                _copy(source / name, dst)
    except (OSError, ModuleNotFoundError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        return (
            f"The map cannot be drawn: Leaflet is missing from static/{VENDOR} and could not be put there "
            f"({reason}). Whoever runs the app can fix it: static/vendor must be a writable folder and the "
            "django-js-lib-leaflet package installed. Then reload the page."
        )
    return None


def _copy(source: Path, dst: Path) -> None:
    _replace(dst, lambda temp: shutil.copy2(source, temp))


def _replace(dst: Path, fill: Callable[[Path], object]) -> None:
    """Fill a file beside the target, then rename it, so a browser never fetches a half-written file."""
    handle, temp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".part")
    os.close(handle)
    try:
        fill(Path(temp))
        os.replace(temp, dst)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def publish(name: str, text: str, static_dir: Path | None = None) -> str | None:
    """Write `text` as static/build/<stem>-<hash><suffix> unless it is there already; its URL
    for the map iframe, or None if the folder cannot be written (the caller then inlines it)."""
    file, size = _hashed(name, text)
    target = (static_dir or STATIC_DIR) / BUILD / file
    try:
        if not (target.is_file() and target.stat().st_size == size):
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(text.encode("utf-8"), target)
    except OSError:
        return None
    return static_url(f"{BUILD}/{file}")


@lru_cache(maxsize=16)
def _hashed(name: str, text: str) -> tuple[str, int]:
    """The file name a text is published under, and its size: every rerun publishes the scene
    (0.5 MB), and hashing it each time cost a few ms of every step."""
    stem, dot, suffix = name.rpartition(".")
    data = text.encode("utf-8")
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{dot}{suffix}", len(data)


def _write(data: bytes, dst: Path) -> None:
    def fill(temp: Path) -> None:
        temp.write_bytes(data)
        temp.chmod(0o644)  # mkstemp makes it private; the server must be able to serve it

    _replace(dst, fill)


def static_url(name: str) -> str:
    """URL of a static file as the map iframe must ask for it."""
    return COMPONENT_TO_STATIC + name


@lru_cache(maxsize=1)
def leaflet_inline() -> tuple[str, str]:
    """Leaflet's JS and CSS as text: the offline file inlines both, the app's map script starts
    with the JS."""
    source = leaflet_source()
    return (source / "leaflet.js").read_text(encoding="utf-8"), (source / "leaflet.css").read_text(encoding="utf-8")
