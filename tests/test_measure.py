"""Measurements in UTM 52N: the method on known shapes, and construction tests of the lines.

A test that compares a line with what it was drawn from is a construction test and says so in
its name; comparisons with independent figures live in src/checks.py.
"""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import LineString

from src.measure import advance, area_km2, distance_km, length_km, lost_ground_lonlat, to_lonlat

MILE_KM = 1.609344


def _line(front_lines, day: str) -> LineString:
    return front_lines[front_lines["date"] == day].geometry.iloc[0]


# --- the method ---------------------------------------------------------------------------


@pytest.fixture
def square_step():
    """Two UTM lines 20 km long; the later one 2 km further south along its middle 10 km."""
    x0, y0 = 400_000, 4_240_000
    a = LineString([(x0, y0), (x0 + 20_000, y0)])
    b = LineString(
        [
            (x0, y0),
            (x0 + 5_000, y0),
            (x0 + 5_000, y0 - 2_000),
            (x0 + 15_000, y0 - 2_000),
            (x0 + 15_000, y0),
            (x0 + 20_000, y0),
        ]
    )
    return to_lonlat(a), to_lonlat(b)


def test_advance_of_a_known_step(square_step):
    a, b = square_step
    result = advance(a, b)
    assert result.area_km2 == pytest.approx(20.0, rel=1e-3)
    assert result.frontage_km == pytest.approx(10.0, rel=1e-3)
    assert result.mean_depth_km == pytest.approx(2.0, rel=1e-3)
    assert result.max_depth_km == pytest.approx(2.0, rel=1e-2)
    assert result.regained_km2 == 0


def test_advance_backwards_is_ground_regained(square_step):
    a, b = square_step
    back = advance(b, a)
    assert back.area_km2 == 0
    assert back.regained_km2 == pytest.approx(20.0, rel=1e-3)


def test_lengths_are_metric_not_degrees():
    line = LineString([(127.5, 38.0), (127.5, 39.0)])
    geodesic = Geod(ellps="WGS84").line_length(*line.xy) / 1000
    assert length_km(line) == pytest.approx(geodesic, rel=2e-3)


def test_distance_between_two_points():
    # Triangle Hill to Kumhwa: 2 km due south by construction of the geodata
    assert distance_km((127.4644, 38.3214), (127.4644, 38.303)) == pytest.approx(2.04, abs=0.05)


def test_lost_ground_is_drawn_in_lon_lat(front_lines):
    shape = lost_ground_lonlat(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-06-18"))
    west, south, east, north = shape.bounds
    assert 127 < west < east < 129
    assert 38 < south < north < 39
    assert area_km2(shape) == pytest.approx(
        advance(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-06-18")).area_km2, rel=1e-3
    )


# --- construction tests ------------------------------------------------------------------
# The lines were drawn over these places and from these statements, so these tests show only
# that the drawing did what geodata/README.md says. The sources' summary figures (areas, depths,
# frontages), which the lines were NOT drawn from, are compared in src/checks.py (tests/test_checks.py).

ON_THE_LINE_M = 50


def _near(atlas, day: str, place: str) -> float:
    from src.measure import to_utm

    line = to_utm(_line(atlas["front_lines"], day))
    return line.distance(to_utm(atlas["places"].loc[place].geometry))


@pytest.mark.parametrize(
    ("day", "places"),
    [
        (
            "1953-06-10",
            ["sniper-ridge", "kyoam-san", "capitol-hill", "finger-ridge", "hill-973", "hill-882", "christmas-hill"],
        ),
        ("1953-07-13", ["kyoam-san", "christmas-hill"]),
        ("1953-07-14", ["jeokgeun-san", "jupa-ryeong", "paegam-san"]),
        ("1953-07-15", ["jeokgeun-san", "jupa-ryeong"]),
    ],
)
def test_construction_lines_run_over_the_heights_they_were_drawn_over(atlas, day, places):
    """Construction test: each line was drawn through the heights the sources put on it."""
    for place in places:
        assert _near(atlas, day, place) < ON_THE_LINE_M + 300, place


def test_construction_20_july_line_is_the_armistice_line(front_lines):
    """Construction test: the sources put the 20 July line on the high ground south of the
    Kumsong River, where the MDL runs, so it is drawn on the armistice line."""
    assert _line(front_lines, "1953-07-20").equals(_line(front_lines, "1953-07-27"))


def test_construction_counterattack_only_regains_ground(front_lines):
    """Construction test: 16-20 July the ROK regained ground and lost none (Hermes, via the
    article); the lines were drawn that way."""
    counter = advance(_line(front_lines, "1953-07-16"), _line(front_lines, "1953-07-20"))
    assert counter.area_km2 == 0
    assert counter.regained_km2 > 20


def test_quiet_spells_are_dated_states_that_do_not_move(front_lines):
    """15-26 June, 3-13 July and 15-16 July: no source reports a change, so the morph must not move the front."""
    quiet = (("1953-06-15", "1953-06-18"), ("1953-06-18", "1953-06-26"), ("1953-07-03", "1953-07-13"))
    for a, b in (*quiet, ("1953-07-15", "1953-07-16")):
        assert _line(front_lines, a).equals(_line(front_lines, b))


def test_front_lengths_are_plausible(front_lines):
    """Sanity, not a source figure: from the Kumhwa area to beyond Mundung-ni the winding
    front runs 60-90 km."""
    for line in front_lines.geometry:
        assert 60 <= length_km(line) <= 90


def test_the_salient_is_the_ground_between_the_first_and_last_lines(front_lines):
    from src.measure import salient

    bulge = salient(front_lines)
    assert bulge.is_valid
    assert 190 <= area_km2(bulge) <= 250  # the first and last lines enclose the bulge
    assert bulge.representative_point().y > 38.3


def test_phases_add_up_to_the_whole_change(front_lines):
    from src.measure import phase_changes

    phases = phase_changes(front_lines)
    assert set(phases["direction"]) == {"lost by the UNC", "regained by the UNC"}
    lost = phases.loc[phases["direction"] == "lost by the UNC", "area_km2"].sum()
    regained = phases.loc[phases["direction"] == "regained by the UNC", "area_km2"].sum()
    whole = advance(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-07-27"))
    assert lost - regained == pytest.approx(whole.area_km2 - whole.regained_km2, abs=0.5)
    june = phases[(phases["from"] == "1953-06-10") & (phases["to"] == "1953-06-15")]
    assert june["area_km2"].iloc[0] == pytest.approx(
        advance(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-06-15")).area_km2, abs=0.1
    )
    assert phases[phases["from"] == "1953-06-15"].empty  # 15 to 18 June: nothing changed hands
