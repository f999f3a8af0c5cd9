"""The day panel: built once, said the same way in the app (Markdown) and the offline file (HTML)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from src.daytext import HTML, MARKDOWN, day_html, day_text, event_paragraph, front_sentence
from src.safetext import WORD_JOINER


def _plain(text: str) -> str:
    """What a reader sees of either rendering: no markup, no escapes."""
    text = re.sub(r"<[^>]+>", "", text.replace("<br>", " "))
    text = unescape(text).replace("\\", "").replace("*", "").replace(WORD_JOINER, "")
    return " ".join(text.split())


def test_the_app_and_the_offline_file_say_the_same_words(battle):
    for day in (date(1953, 6, 10), date(1953, 7, 14), date(1953, 7, 16)):
        text = day_text(battle, day)
        assert _plain(front_sentence(text, MARKDOWN)) == _plain(front_sentence(text, HTML))
        for event in text.events:
            assert _plain(event_paragraph(event, MARKDOWN)) == _plain(event_paragraph(event, HTML))


def test_the_offline_panel_has_what_the_app_shows(battle):
    text = day_text(battle, date(1953, 7, 14))
    html = day_html(text)
    assert text.changes
    assert "Changed hands today" in html
    assert "reconstructed" in day_html(day_text(battle, date(1953, 7, 13))) or "attested" in html
    assert all(e.source in unescape(html) for e in text.events)


def test_each_side_speaks_in_its_own_right(battle):
    said = [e for day in (date(1953, 6, 10), date(1953, 7, 14)) for e in day_text(battle, day).events if e.accounts]
    assert said, "the events of 10 June and 14 July carry each side's account"
    whose = {a[0] for e in said for a in e.accounts}
    assert "Chinese account" in whose
    paragraph = event_paragraph(said[0])
    assert all(
        a[1][:20].replace("-", "\\-").replace(".", "\\.") in paragraph or a[0] in paragraph for a in said[0].accounts
    )


def test_figures_say_not_available_without_front_lines(geodata_copy):
    from src.data import load_atlas
    from src.day import Battle

    (geodata_copy / "front_lines.geojson").write_text("{", encoding="utf-8")
    text = day_text(Battle(load_atlas(geodata_copy)), date(1953, 7, 14))
    assert text.lost_text == "not available"
    assert "could not be read" in front_sentence(text)
