"""The Lecture's Options offer the printable handout, made only when asked for; a server
without Chromium says so instead of offering a button that would fail."""

from __future__ import annotations

from src import handout_download
from tests import pages


def _handout_buttons(at):
    return [b for b in at.get("download_button") if "handout" in b.proto.label.lower()]


def test_the_lectures_options_offer_the_handout_made_when_asked(monkeypatch):
    made = []
    monkeypatch.setattr(handout_download, "handout", lambda: made.append(1) or b"%PDF")
    at = pages.run(pages.LECTURE)
    assert not at.exception
    (button,) = _handout_buttons(at)
    assert button.proto.HasField("deferred_file_id")  # the PDF is printed on the click, not on the page's run
    assert made == []


def test_without_chromium_the_options_say_so(monkeypatch):
    monkeypatch.setattr(handout_download, "cannot_print", lambda: "no chromium")
    at = pages.run(pages.LECTURE)
    assert not at.exception
    assert _handout_buttons(at) == []
    assert handout_download.NO_CHROMIUM_NOTE in [c.value for c in at.caption]
