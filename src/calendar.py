"""The battle's calendar: its days, how they are named, and stepping between them.

Days are `datetime.date` values and ISO strings, never timestamps: 1953 is before the
Unix epoch, and a timestamp can slip a day in another time zone.
"""

from __future__ import annotations

from datetime import date, timedelta

from src.constants import FIRST_DAY, LAST_DAY


def all_days(first: date = FIRST_DAY, last: date = LAST_DAY) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def day_label(day: date) -> str:
    """'14 Jul 1953': readable in any locale."""
    return f"{day.day} {day:%b %Y}"


def iso_label(iso: str) -> str:
    """day_label for an ISO date as the data stores it."""
    return day_label(date.fromisoformat(iso))


def clamp(day: date, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    return min(max(day, first), last)


def step(day: date, days: int) -> date:
    return clamp(day + timedelta(days=days))
