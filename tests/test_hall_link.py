"""The hall's link: where the offline file is hosted, and its address for a lecture step."""

from __future__ import annotations

import pytest

from src.hall_link import ENV, follow_link, offline_url, qr_png
from src.lecture import Position


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("  https://example.org/kumsong-1953.html  ", "https://example.org/kumsong-1953.html"),
        ("http://intranet/atlas/k.html#1953-07-14", "http://intranet/atlas/k.html"),  # our fragment wins
        ("file:///home/me/k.html", None),
        ("javascript:alert(1)", None),
        ("https://", None),
        ("https://exa mple.org/k.html", None),
        ("https://example.org/atlas(1)/k.html", "https://example.org/atlas%281%29/k.html"),  # a Markdown link
    ],
)
def test_only_a_web_address_is_taken(raw, expected):
    url, problem = offline_url({ENV: raw})
    assert url == expected
    assert (problem is None) == (expected is not None or raw == "")


def test_the_link_names_the_chapter_and_step_as_a_person_counts():
    assert follow_link("https://example.org/k.html", Position(3, 1)) == "https://example.org/k.html#chapter=4&step=2"


def test_the_qr_code_is_a_png_that_grows_with_the_link():
    short, long = qr_png("https://e.org/k#chapter=1&step=1"), qr_png("https://example.org/" + "a" * 200)
    assert short.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(long) > len(short)
