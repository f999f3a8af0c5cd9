"""The view a link carries: day, layers, place, base map and language.

Parsing never raises: each bad parameter falls back to its default and adds a notice
that quotes the offending value, made harmless, so the page can show it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
)
from src.layers import LAYER_LABELS

MAX_QUOTED = 40


@dataclass(frozen=True)
class ViewState:
    day: date = FIRST_DAY
    layers: tuple[str, ...] = tuple(LAYER_LABELS)
    lat: float = MAP_CENTRE[0]
    lon: float = MAP_CENTRE[1]
    zoom: int = MAP_ZOOM
    base: str = "plain"
    lang: str = "en"

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)


DEFAULT = ViewState()


def quote(value: object) -> str:
    """A value as it may be shown back to the reader: printable, short, no markup."""
    text = re.sub(r"[^\w .:,+\-]", "?", str(value))
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


def _first(params: Mapping[str, object], name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return None if value is None else str(value)


def parse(params: Mapping[str, object]) -> tuple[ViewState, list[str]]:
    """The view a query string asks for, and a notice for each part that was ignored."""
    state, notices = DEFAULT, []

    raw = _first(params, "date")
    if raw is not None:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            day = None
        if day is None or not FIRST_DAY <= day <= LAST_DAY:
            notices.append(
                f"Ignored date '{quote(raw)}': use a day from {FIRST_DAY} to {LAST_DAY}; "
                f"showing {day_label(DEFAULT.day)}."
            )
        else:
            state = state.with_(day=day)

    raw = _first(params, "layers")
    if raw is not None:
        asked = [part.strip() for part in raw.split(",") if part.strip()]
        known = tuple(key for key in LAYER_LABELS if key in asked)
        unknown = [part for part in asked if part not in LAYER_LABELS]
        if unknown:
            notices.append(f"Ignored unknown layer(s) {', '.join(quote(u) for u in unknown)}.")
        if known or raw.strip() == "":
            state = state.with_(layers=known)

    lat, lon = _first(params, "lat"), _first(params, "lon")
    if lat is not None or lon is not None:
        west, south, east, north = THEATRE_BBOX
        try:
            lat_f, lon_f = float(lat or "nan"), float(lon or "nan")
        except ValueError:
            lat_f = lon_f = float("nan")
        if south <= lat_f <= north and west <= lon_f <= east:
            state = state.with_(lat=round(lat_f, 4), lon=round(lon_f, 4))
        else:
            notices.append(f"Ignored map centre '{quote(lat)}, {quote(lon)}': it must lie in the battle area.")

    raw = _first(params, "zoom")
    if raw is not None:
        if raw.isdigit() and ZOOM_RANGE[0] <= int(raw) <= ZOOM_RANGE[1]:
            state = state.with_(zoom=int(raw))
        else:
            notices.append(f"Ignored zoom '{quote(raw)}': use a whole number from {ZOOM_RANGE[0]} to {ZOOM_RANGE[1]}.")

    for name, choices in (("base", BASEMAPS), ("lang", LANGUAGES)):
        raw = _first(params, name)
        if raw is None:
            continue
        if raw in choices:
            state = state.with_(**{name: raw})
        else:
            notices.append(f"Ignored {name} '{quote(raw)}': use one of {', '.join(choices)}.")
    return state, notices


def to_params(state: ViewState) -> dict[str, str]:
    """The query parameters of a view; defaults are left out to keep links short."""
    params = {"date": state.day.isoformat()}
    if state.layers != DEFAULT.layers:
        params["layers"] = ",".join(state.layers)
    if (state.lat, state.lon) != (DEFAULT.lat, DEFAULT.lon):
        params["lat"], params["lon"] = f"{state.lat:.4f}", f"{state.lon:.4f}"
    if state.zoom != DEFAULT.zoom:
        params["zoom"] = str(state.zoom)
    for name in ("base", "lang"):
        if getattr(state, name) != getattr(DEFAULT, name):
            params[name] = getattr(state, name)
    return params


def query_string(state: ViewState) -> str:
    return urlencode(to_params(state), safe=",")
