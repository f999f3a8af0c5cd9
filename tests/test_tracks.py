"""A unit's track: its positions in date order, each move measured in UTM 52N."""

from __future__ import annotations

import re
from itertools import pairwise

from src.measure import distance_km
from src.tracks import track_lines, unit_events, unit_key, unit_tracks


def test_a_unit_that_moved_has_its_positions_in_date_order(atlas):
    tracks = unit_tracks(atlas["units"])
    track = tracks["rok-8-mid"]
    assert [step["f"] for step in track] == ["rok-8-jun", "rok-8-mid", "rok-8-jul"]
    assert tracks["rok-8-jun"] is track  # the same track from each of its records
    assert "pva-199" not in tracks  # held one position: no track
    units = atlas["units"]
    for before, after in pairwise(track):
        a, b = (units.loc[s["f"]].geometry.coords[0] for s in (before, after))
        km = float(re.match(r"([\d.]+) km", after["move"]).group(1))
        assert abs(km - distance_km(a, b)) < 0.05
    assert track[2]["move"].endswith("south")  # Jupa-ri lies south of the mid-June line


def test_a_move_of_no_distance_says_so(atlas):
    track = unit_tracks(atlas["units"])["rok-5-jun-x"]  # the 5th kept its point from 10 to 17 June
    assert track[1]["move"] == "the same place"


def test_the_popup_marks_this_position_and_names_the_units_events(atlas):
    track = unit_tracks(atlas["units"])["rok-8-jul"]
    line = track_lines(track, "rok-8-jul")[0]
    assert line.startswith("Positions held: 10 Jun 1953 – 14 Jun 1953;")
    assert "27 Jul 1953 (7.9 km south), shown here" in line
    said = unit_events(atlas["events"], "ROK 8th Division (counterattack)")[0]
    assert "14 Jun 1953: The 21st Regiment broken" in said
    assert unit_key("ROK 5th Division (counterattack)") == "ROK 5th Division"
