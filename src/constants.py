"""Facts every module shares: the battle's dates, the theatre and the coordinate systems."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEODATA_DIR = ROOT / "geodata"  # the data shipped with the app
GEODATA_ENV = "KUMSONG_GEODATA"  # names another folder to read instead (tests use a scratch copy)
STATIC_DIR = ROOT / "static"

# The span the app steps through: the eve of the first assault to the armistice.
# The US account dates the battle 10 June – 20 July; in Chinese usage the Jincheng Campaign
# (金城战役) is its July phase, 13–27 July, and the June attacks were the second phase of
# the summer offensive. Said once here, for every caption.
SUBTITLE = (
    "The last large Chinese offensive of the Korean War: the Battle of Kumsong, 10 June – 20 July 1953 in the "
    "US account, whose July phase, 13–27 July, is the Jincheng Campaign (金城战役) of Chinese usage; "
    "followed day by day to the armistice of 27 July."
)
FIRST_DAY = date(1953, 6, 10)
LAST_DAY = date(1953, 7, 27)
# Any date in the data must fall in this window (a little wider than the battle).
DATA_WINDOW = (date(1953, 6, 1), date(1953, 7, 31))

# lon/lat box of the central front; anything outside it is a typo, not a position.
THEATRE_BBOX = (126.9, 37.9, 128.5, 38.8)  # west, south, east, north
MAP_CENTRE = (38.345, 127.74)  # lat, lon: the middle of the salient
MAP_ZOOM = 11

# What the loaders accept at most: a file over these is reported and left out, never parsed
# into memory the app cannot afford (file size is checked before reading).
MAX_FILE_BYTES = 5_000_000
MAX_FEATURES = 2_000  # features in one GeoJSON file, or entries in one JSON file
MAX_TEXT_CHARS = 2_000  # any one text value


def geodata_dir() -> Path:
    """The folder the app reads its data from: geodata/, or the one KUMSONG_GEODATA names.

    Read on every call (not at import), so a test or a deployment can point the app at
    another copy of the data without reloading the modules.
    """
    return Path(os.environ.get(GEODATA_ENV) or GEODATA_DIR)


WGS84 = "EPSG:4326"
UTM52N = "EPSG:32652"  # metric work only ever happens in this CRS

BASEMAPS = {
    "plain": "Plain (offline)",
    "topo": "OpenTopoMap (online)",
    "osm": "OpenStreetMap (online)",
    "imagery": "Esri imagery (online)",
}
LANGUAGES = {"en": "English", "ko": "한국어", "zh": "中文"}
ZOOM_RANGE = (7, 16)
ZOOM_STEP = 0.25  # the map fits the battle in quarter steps, and a shared link keeps them
