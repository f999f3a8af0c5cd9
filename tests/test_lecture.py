"""The lecture page through AppTest: chapters in order, navigation, deep links."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from src import hall_link
from tests import pages
from tests.pages import param as _param


def _run(params: dict[str, str] | None = None) -> AppTest:
    return pages.run(pages.LECTURE, params)


def _status(at: AppTest) -> str:
    """The line under the title: chapter, span, day and step."""
    return next(m.value for m in at.markdown if m.value.startswith("**Chapter "))


def _button(at: AppTest, label: str):
    return next(b for b in at.button if label in b.label)


def test_it_opens_on_the_first_chapter():
    at = _run()
    assert not at.exception
    assert at.title[0].value == "The Kumsong salient"
    assert "Chapter 1 of 6" in _status(at)


def test_next_walks_through_the_chapters_in_order():
    at = _run()
    titles = [at.title[0].value]
    for _ in range(1 + 9):  # the salient (1 step), then the first assault (9 steps)
        _button(at, "Next").click().run()
        titles.append(at.title[0].value)
    assert titles[1] == "The first assault"
    assert titles[-1] == "The lull, and Arrowhead in the west"
    assert (_param(at, "chapter"), _param(at, "step")) == ("3", "1")


def test_back_and_first_and_last():
    at = _run({"chapter": "3", "step": "1"})
    _button(at, "Back").click().run()
    assert at.title[0].value == "The first assault"
    assert "(step 9 of 9)" in _status(at)
    _button(at, "Last chapter").click().run()
    assert at.title[0].value == "The armistice line"
    _button(at, "First chapter").click().run()
    assert at.title[0].value == "The Kumsong salient"
    assert _button(at, "Back").disabled


def test_a_deep_link_opens_chapter_and_step():
    at = _run({"chapter": "4", "step": "2"})
    assert at.title[0].value == "The renewed assault and the collapse of the bulge"
    assert "14 Jul 1953" in _status(at)


def test_a_bad_deep_link_gives_a_notice():
    at = _run({"chapter": "x", "step": "99"})
    assert not at.exception
    assert len(at.warning) == 2
    assert at.title[0].value == "The Kumsong salient"


def test_presenter_notes_are_hidden_until_turned_on():
    at = _run({"chapter": "2"})
    assert not at.info
    at.toggle[0].set_value(True).run()
    assert "triangles" in at.info[0].value


def test_the_buttons_answer_clicker_and_arrow_keys():
    at = _run()
    shortcuts = {b.label: b.proto.shortcut for b in at.button}
    assert shortcuts["Next ▶"].lower() in {"right", "arrowright"}
    assert shortcuts["◀ Back"].lower() in {"left", "arrowleft"}
    assert shortcuts["« First chapter"].lower() == "home"
    assert shortcuts["Last chapter »"].lower() == "end"


def test_presenter_settings_survive_a_visit_to_another_page():
    at = pages.run()
    at.switch_page("pages/1_Lecture.py").run()
    at.toggle[0].set_value(True).run()
    at.switch_page("pages/2_Evidence.py").run()
    at.switch_page("pages/1_Lecture.py").run()
    assert at.toggle[0].value is True


def test_the_hall_link_is_offered_only_where_the_offline_file_is_hosted(monkeypatch):
    monkeypatch.delenv(hall_link.ENV, raising=False)
    at = _run({"chapter": "4", "step": "2"})
    assert [t.label for t in at.toggle] == ["Show the notes on this screen too"]
    assert any(hall_link.ENV in c.value for c in at.caption)  # how to turn it on
    monkeypatch.setenv(hall_link.ENV, "https://example.org/atlas/kumsong-1953.html")
    at = _run({"chapter": "4", "step": "2"})
    hall = next(t for t in at.toggle if "hall" in t.label)
    assert not at.get("image")
    hall.set_value(True).run()
    assert not at.exception
    assert len(at.get("image")) == 1  # the QR code
    assert any("https://example.org/atlas/kumsong-1953.html#chapter=4&step=2" in c.value for c in at.caption)
    _button(at, "Next").click().run()
    assert any("#chapter=4&step=3" in c.value for c in at.caption)  # the link follows the lecture


def test_a_hall_link_that_is_not_a_web_address_says_so(monkeypatch):
    monkeypatch.setenv(hall_link.ENV, "javascript:alert(1)")
    at = _run()
    assert not at.exception
    assert not any("hall" in t.label for t in at.toggle)
    assert any("not a web address" in c.value for c in at.caption)
