"""Measurements in UTM 52N, checked against the sources' own figures.

Each check names the figure, its source and the tolerance we allow. The tolerances are
wide on purpose: the sources give round numbers and our lines are reconstructions.
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


# --- the sources' figures -----------------------------------------------------------------


def test_first_assault_matches_hermes(front_lines):
    """Hermes (via enwiki_kumsong): ROK forces pushed back about 3 km on average along a
    front of about 13 km, 10-18 June. Tolerance: depth 3 +/- 1 km, front 13 +/- 3 km."""
    june = advance(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-06-18"))
    assert june.mean_depth_km == pytest.approx(3.0, abs=1.0)
    assert june.frontage_km == pytest.approx(13.0, abs=3.0)
    assert june.regained_km2 == 0


def test_first_assault_matches_chinese_account(front_lines):
    """chinamil2023: a gap about 12 km wide and 3-6 km deep astride the Pukhan.
    Tolerance: the deepest point within 3-6 km."""
    june = advance(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-06-18"))
    assert 3.0 <= june.max_depth_km <= 6.0


def test_july_penetration_matches_hermes(front_lines):
    """Hermes: the Chinese penetration was approximately 6 mi (9.7 km); zhwiki_jincheng:
    about 10 km. Tolerance: 9.7 +/- 2 km at the deepest point."""
    july = advance(_line(front_lines, "1953-07-13"), _line(front_lines, "1953-07-16"))
    assert july.max_depth_km == pytest.approx(6 * MILE_KM, abs=2.0)


def test_ground_kept_by_the_chinese_matches_the_claims(front_lines):
    """Ground between the 13 July line and the armistice line. Claims: 140+ km²
    (newdu_jincheng), 160+ km² (Chinese articles), about 170 km² (dmook2025), 200 km²
    (Chosun Ilbo 2021). Tolerance: the span of the claims, 140-200 km²."""
    kept = advance(_line(front_lines, "1953-07-13"), _line(front_lines, "1953-07-27"))
    assert 140 <= kept.area_km2 <= 200


def test_counterattack_only_regains_ground(front_lines):
    """16-20 July the ROK regained ground and lost none (Hermes)."""
    counter = advance(_line(front_lines, "1953-07-16"), _line(front_lines, "1953-07-20"))
    assert counter.area_km2 == 0
    assert counter.regained_km2 > 20


def test_front_lengths_are_plausible(front_lines):
    """Time (27 Jul 1953): an 18-mile (29 km) sector of the salient itself; our lines run
    further, from the Kumhwa area to beyond Mundung-ni: 60-90 km of winding front."""
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
    june = phases[(phases["from"] == "1953-06-10") & (phases["to"] == "1953-06-18")]
    assert june["area_km2"].iloc[0] == pytest.approx(
        advance(_line(front_lines, "1953-06-10"), _line(front_lines, "1953-06-18")).area_km2, abs=0.1
    )
