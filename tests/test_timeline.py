"""Days of the battle, and the front line of any day."""

from __future__ import annotations

from datetime import date

import pytest
import shapely
from shapely.geometry import LineString
from shapely.testing import assert_geometries_equal

from src.calendar import all_days
from src.measure import advance
from src.timeline import front_on, key_dates, morph


def test_key_dates_come_from_the_data(front_lines):
    keys = key_dates(front_lines)
    assert [d for d, _ in keys][:3] == [date(1953, 6, 10), date(1953, 6, 15), date(1953, 6, 18)]
    assert date(1953, 7, 14) in dict(keys)
    assert keys[-1][1].startswith("27 Jul")
    for day, label in keys:
        assert label.startswith(f"{day.day} {day.strftime('%b')}:"), label


def test_a_day_with_a_state_repeats_no_other_days_line(front_lines):
    """15 June repeats 18 June and 15 July repeats 16 July (no change of ground reported),
    but 14 July is a line of its own: the withdrawal, between the 13 and 15 July lines."""
    line = front_lines.geometry
    assert_geometries_equal(line.loc["front-1953-06-15"], line.loc["front-1953-06-18"])
    assert_geometries_equal(line.loc["front-1953-07-15"], line.loc["front-1953-07-16"])
    on_14 = line.loc["front-1953-07-14"]
    assert not on_14.equals(line.loc["front-1953-07-13"])
    assert not on_14.equals(line.loc["front-1953-07-15"])
    assert advance(line.loc["front-1953-07-13"], on_14).area_km2 > 100  # the collapse of the night of 13-14 July
    assert advance(on_14, line.loc["front-1953-07-15"]).regained_km2 == 0


def test_a_dated_state_is_drawn_as_it_is(front_lines):
    state = front_on(front_lines, date(1953, 6, 18))
    assert not state.interpolated
    assert state.before_id == "front-1953-06-18"
    expected = front_lines.loc["front-1953-06-18"].geometry
    assert_geometries_equal(state.line, expected)


def test_a_day_between_states_is_interpolated(front_lines):
    state = front_on(front_lines, date(1953, 6, 14))
    assert state.interpolated
    assert (state.before_id, state.after_id) == ("front-1953-06-10", "front-1953-06-15")
    assert state.fraction == pytest.approx(0.8)
    assert not front_on(front_lines, date(1953, 7, 14)).interpolated


def test_the_morph_moves_the_front_part_of_the_way(front_lines):
    a = front_lines.loc["front-1953-06-10"].geometry
    b = front_lines.loc["front-1953-06-15"].geometry
    full = advance(a, b).area_km2
    half = advance(a, front_on(front_lines, date(1953, 6, 12)).line).area_km2  # 2 of 5 days
    assert 0.2 * full < half < 0.6 * full


def test_the_morph_keeps_unmoved_flanks_in_place(front_lines):
    a = front_lines.loc["front-1953-07-13"].geometry
    b = front_lines.loc["front-1953-07-16"].geometry
    mid = morph(a, b, 0.5)
    assert mid.coords[0] == a.coords[0]
    assert mid.coords[-1] == a.coords[-1]
    west_flank = LineString(a.coords[:10])
    assert mid.buffer(1e-9).contains(west_flank)


def test_morph_ends_are_the_lines_themselves():
    a = LineString([(0, 0), (1, 1), (2, 0)])
    b = LineString([(0, 0), (1, -1), (2, 0)])
    assert morph(a, b, 0) is a
    assert morph(a, b, 1) is b
    halfway = morph(a, b, 0.5)
    assert halfway.hausdorff_distance(LineString([(0, 0), (2, 0)])) < 1e-9


def test_every_day_has_a_valid_front(front_lines):
    for day in all_days():
        line = front_on(front_lines, day).line
        assert line.is_valid
        assert not line.is_empty
        assert shapely.is_simple(line), day
