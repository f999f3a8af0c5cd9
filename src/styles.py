"""Colours and line styles, defined once for the map, legend, charts and export.

The palette is Okabe-Ito (safe for the common colour-vision deficiencies), and each
style also differs in dash pattern or marker shape so that nothing relies on colour.
"""

from __future__ import annotations

SIDE_COLOURS = {
    "UNC": "#0072B2",  # blue
    "PVA": "#D55E00",  # vermilion
    "contested": "#7A7A7A",  # grey
}
SIDE_FILLS = {"UNC": "#C6E0F2", "PVA": "#F7D2B6", "contested": "#DDDDDD"}  # symbol fills
SIDE_LABELS = {
    "UNC": "UN Command (ROK / US)",
    "PVA": "Chinese People's Volunteers",
    "contested": "Contested",
}

FRONT_ATTESTED = {"color": "#111111", "weight": 5, "opacity": 0.95}
FRONT_INTERPOLATED = {"color": "#111111", "weight": 4, "opacity": 0.85, "dashArray": "10 8"}
REF_BEFORE = {"color": SIDE_COLOURS["UNC"], "weight": 3, "opacity": 0.9, "dashArray": "2 6"}
REF_ARMISTICE = {"color": "#009E73", "weight": 3, "opacity": 0.9, "dashArray": "14 6 2 6"}
LOST_GROUND = {
    "color": SIDE_COLOURS["PVA"],
    "weight": 0,
    "fillColor": SIDE_COLOURS["PVA"],
    "fillOpacity": 0.22,
}
RIVER = {"color": "#4A90C2", "weight": 2.5, "opacity": 0.9}
RESERVOIR = {"color": "#4A90C2", "weight": 1, "fillColor": "#A9CBE3", "fillOpacity": 0.8}
MOVEMENT = {  # solid, long dashes, short dashes: told apart without colour
    "attack": {"color": SIDE_COLOURS["PVA"], "weight": 4, "opacity": 0.9},
    "counterattack": {"color": SIDE_COLOURS["UNC"], "weight": 4, "opacity": 0.9, "dashArray": "14 5"},
    "withdrawal": {"color": SIDE_COLOURS["UNC"], "weight": 3, "opacity": 0.9, "dashArray": "4 5"},
}
BACKGROUND = "#F4F1E8"  # the offline base map's paper colour

CERTAINTY_LABELS = {
    "attested": "attested: read from a map, coordinate list or exact description",
    "reconstructed": "reconstructed: placed from distances and directions in the sources",
    "approximate": "approximate: general area only",
}

# Lecture mode scales every weight and font by this factor.
PROJECTOR_SCALE = 1.6
