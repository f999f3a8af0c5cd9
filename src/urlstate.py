"""The view a link carries: day, layers, place, base map and language.

Parsing never raises: each bad parameter falls back to its default and adds a notice
that quotes the offending value, bounded and escaped for Markdown, so the page can show it.
Only plain ASCII forms are valid (see the patterns below).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from src.calendar import day_label
from src.constants import (
    BASEMAPS,
    FIRST_DAY,
    LANGUAGES,
    LAST_DAY,
    MAP_CENTRE,
    MAP_ZOOM,
    THEATRE_BBOX,
    ZOOM_RANGE,
    ZOOM_STEP,
)
from src.layers import LAYER_LABELS
from src.safetext import listed, quote

# What a link may say, in ASCII only: str.isdigit() and int() also take '²', '٣' and '３',
# and date.fromisoformat() also takes '19530714' and '1953-W29-2'.
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ZOOM_RE = re.compile(r"[0-9]{1,2}(\.[0-9]{1,3})?")
DEGREES_RE = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,8})?")


@dataclass(frozen=True)
class ViewState:
    day: date = FIRST_DAY
    layers: tuple[str, ...] = tuple(LAYER_LABELS)
    lat: float = MAP_CENTRE[0]
    lon: float = MAP_CENTRE[1]
    zoom: float = MAP_ZOOM
    base: str = "plain"
    lang: str = "en"

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)


DEFAULT = ViewState()


def param(params: Mapping[str, object], name: str) -> str | None:
    """The parameter's value as text; a repeated parameter counts by its last value."""
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return None if value is None else str(value)


def _day(raw: str) -> tuple[dict, str | None]:
    day = None
    if DATE_RE.fullmatch(raw):
        try:
            day = date.fromisoformat(raw)
        except ValueError:  # 1953-02-30 has the shape but is no day
            day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        return {}, (
            f"Ignored date '{quote(raw)}': use a day from {FIRST_DAY} to {LAST_DAY}, written YYYY-MM-DD; "
            f"showing {day_label(DEFAULT.day)}."
        )
    return {"day": day}, None


def _layers(raw: str) -> tuple[dict, str | None]:
    """Known layer keys, comma-separated; empty (`layers=`) means none. Anything else,
    including empty names (`layers=,,`), is named in the notice; if nothing known is left,
    the default layers stay."""
    if raw == "":
        return {"layers": ()}, None
    asked = [part.strip() for part in raw.split(",")]
    known = tuple(key for key in LAYER_LABELS if key in asked)
    unknown = [part for part in asked if part not in LAYER_LABELS]
    notice = None
    if unknown:
        named = [u for u in unknown if u]
        empty = len(unknown) - len(named)
        parts = ([f"unknown layer(s) {listed(named)}"] if named else []) + (
            [f"{empty} empty layer name(s)"] if empty else []
        )
        keep = "" if known else "; showing the default layers"
        notice = f"Ignored {' and '.join(parts)}{keep}. Layers are: {', '.join(LAYER_LABELS)}."
    return ({"layers": known} if known else {}), notice


def _place(lat: str | None, lon: str | None) -> tuple[dict, str | None]:
    west, south, east, north = THEATRE_BBOX
    if lat is not None and lon is not None and DEGREES_RE.fullmatch(lat) and DEGREES_RE.fullmatch(lon):
        lat_f, lon_f = float(lat), float(lon)
        if south <= lat_f <= north and west <= lon_f <= east:
            return {"lat": round(lat_f, 4), "lon": round(lon_f, 4)}, None
    return {}, (
        f"Ignored map centre '{quote(lat or '')}, {quote(lon or '')}': give lat and lon in decimal degrees "
        f"inside the battle area ({south} to {north} N, {west} to {east} E)."
    )


def snap_zoom(zoom: float) -> float:
    """The nearest zoom the map can show, halves up (whole when it is whole: '9', not '9.0',
    in a link)."""
    snapped = math.floor(zoom / ZOOM_STEP + 0.5) * ZOOM_STEP
    return int(snapped) if snapped.is_integer() else snapped


def _zoom(raw: str) -> tuple[dict, str | None]:
    """A zoom in range, taken to the nearest quarter step (a hand-typed 9.3 reads as 9.25)."""
    if ZOOM_RE.fullmatch(raw) and ZOOM_RANGE[0] <= float(raw) <= ZOOM_RANGE[1]:
        return {"zoom": snap_zoom(float(raw))}, None
    return {}, f"Ignored zoom '{quote(raw)}': use a number from {ZOOM_RANGE[0]} to {ZOOM_RANGE[1]}."


def _choice(name: str, choices: Mapping[str, str]) -> Callable[[str], tuple[dict, str | None]]:
    def read(raw: str) -> tuple[dict, str | None]:
        if raw in choices:
            return {name: raw}, None
        return {}, f"Ignored {name} '{quote(raw)}': use one of {', '.join(choices)}."

    return read


READERS = {
    "date": _day,
    "layers": _layers,
    "zoom": _zoom,
    "base": _choice("base", BASEMAPS),
    "lang": _choice("lang", LANGUAGES),
}


def parse(params: Mapping[str, object]) -> tuple[ViewState, list[str]]:
    """The view a query string asks for, and a notice for each part that was ignored.

    Never raises (every reader checks the shape before converting): a link is typed by
    anyone, and the page must come up to rewrite it.
    """
    changes: dict = {}
    notices: list[str] = []
    readings = [read(raw) for name, read in READERS.items() if (raw := param(params, name)) is not None]
    lat, lon = param(params, "lat"), param(params, "lon")
    if lat is not None or lon is not None:
        readings.append(_place(lat, lon))
    for found, notice in readings:
        changes.update(found)
        if notice:
            notices.append(notice)
    return DEFAULT.with_(**changes), notices


def to_params(state: ViewState) -> dict[str, str]:
    """The query parameters of a view; defaults are left out to keep links short."""
    params = {"date": state.day.isoformat()}
    if state.layers != DEFAULT.layers:
        params["layers"] = ",".join(state.layers)
    if (state.lat, state.lon) != (DEFAULT.lat, DEFAULT.lon):
        params["lat"], params["lon"] = f"{state.lat:.4f}", f"{state.lon:.4f}"
    if state.zoom != DEFAULT.zoom:
        params["zoom"] = f"{state.zoom:g}"
    for name in ("base", "lang"):
        if getattr(state, name) != getattr(DEFAULT, name):
            params[name] = getattr(state, name)
    return params


def query_string(state: ViewState) -> str:
    return urlencode(to_params(state), safe=",")
