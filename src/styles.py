"""Colours, line styles and symbol sizes, defined once for the map, legend, charts and export.

The palette is Okabe-Ito (safe for the common colour-vision deficiencies), and each
style also differs in dash pattern or marker shape so that nothing relies on colour.
The drawer (src/drawer_assets/drawer.js) receives these as data; nothing here is retyped
in JavaScript.
"""

from __future__ import annotations

SIDE_COLOURS = {
    "UNC": "#0072B2",  # blue
    "PVA": "#D55E00",  # vermilion
    "contested": "#7A7A7A",  # grey
}
SIDE_LABELS = {
    "UNC": "UN Command (ROK / US)",
    "PVA": "Chinese People's Volunteers",
    "contested": "Contested",
}
INK = "#1A1A1A"

FRONT_ATTESTED = {"color": "#111111", "weight": 5, "opacity": 0.95}
FRONT_INTERPOLATED = {"color": "#111111", "weight": 4, "opacity": 0.85, "dashArray": "10 8"}
FRONT_STRETCH = {"color": "#000000", "weight": 14, "opacity": 0, "className": "atlas-stretch"}  # takes the click
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
ARROWHEAD_M = (900, 700)  # length and width of a movement's head on the ground, metres
TOWN = {"radius": 4, "color": INK, "weight": 2, "fillColor": "#FFFFFF", "fillOpacity": 1}
BACKGROUND = "#F4F1E8"  # the offline base map's paper colour
LOCATOR = {"land": "#E4DCC8", "coast": "#7A7060", "sea": "#FFFFFF", "battle": "#D55E00", "width_px": 72}

# Symbol boxes in CSS pixels at scale 1 (the drawer multiplies them by the map's scale).
HILL_PX = 18
EVENT_PX = 26
UNIT_TEXT_PX = 10  # a unit's fields beside its frame: its designation and its higher formation
NAME_PX = 12  # a place's name (a town's a pixel larger, a phone's a pixel smaller)

CERTAINTY_LABELS = {
    "attested": "attested: read from a map, coordinate list or exact description",
    "reconstructed": "reconstructed: placed from distances and directions in the sources",
    "approximate": "approximate: general area only",
}

# A projector's map scales every weight, symbol and font so that its place names are this share
# of the screen's height, what the back row reads (21.6 px at 1080 p); never below NAME_PX.
PROJECTOR_NAME_SHARE = 0.02
