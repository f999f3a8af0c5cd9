"""The battle's calendar: 48 days, named as they were, stepping inside the battle."""

from __future__ import annotations

from datetime import date

import pytest

from src.calendar import all_days, clamp, day_label, step


def test_the_battle_has_48_days():
    days = all_days()
    assert days[0] == date(1953, 6, 10)
    assert days[-1] == date(1953, 7, 27)
    assert len(days) == 48


@pytest.mark.parametrize(
    ("day", "label"),
    [(date(1953, 6, 10), "10 Jun 1953"), (date(1953, 7, 14), "14 Jul 1953"), (date(1953, 7, 1), "1 Jul 1953")],
)
def test_day_label_is_the_day_itself(day, label):
    assert day_label(day) == label


def test_step_and_clamp_stay_in_the_battle():
    assert step(date(1953, 6, 10), -1) == date(1953, 6, 10)
    assert step(date(1953, 7, 27), 1) == date(1953, 7, 27)
    assert step(date(1953, 6, 30), 1) == date(1953, 7, 1)
    assert clamp(date(1950, 1, 1)) == date(1953, 6, 10)
