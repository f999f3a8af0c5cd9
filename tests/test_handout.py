"""The handout's page and its command without a browser: what each chapter's page says, and
the command's plain errors. The printed PDF itself is read in tests/browser/test_handout.py."""

from __future__ import annotations

import re
from html import unescape

import pytest

from src import __main__ as cli
from src import handout
from src.handout import FILE_NAME, chapter_places, handout_html, map_day

FAKE_MAP = b"\xff\xd8not-a-real-jpeg"


@pytest.fixture(scope="module")
def page_html(battle, chapters) -> str:
    return handout_html(battle, chapters, [FAKE_MAP] * len(chapters))


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_the_title_names_the_battle_in_english_korean_and_chinese(page_html):
    title_page = page_html.split("<section class='chapter'>")[0]
    assert "The Battle of Kumsong, 1953" in title_page
    assert '<span lang="ko">금성 전투</span>' in title_page
    assert '<span lang="zh-Hans">金城战役</span>' in title_page


def test_each_chapter_is_a_page_with_its_map_points_accounts_and_sources(battle, chapters, page_html):
    pages = page_html.split("<section class='chapter'>")[1:]
    assert len(pages) == len(chapters)
    for chapter, page in zip(chapters, pages, strict=True):
        text = _text(page)
        assert chapter.title in text
        assert page.count("<img src='data:image/jpeg;base64,") == 1
        assert all(point in text for point in chapter.points)
        assert "What each side's sources say" in text
        assert all(battle.atlas.cite(key) in text for key in chapter.sources)


def test_the_map_shows_the_chapters_last_day(chapters):
    assert [map_day(c) for c in chapters] == [c.steps[-1] for c in chapters]


def test_places_carry_their_korean_and_chinese_names_with_language_tags(battle, chapters, page_html):
    first = chapter_places(battle, chapters[0])
    assert first[0] == {"en": "Hill 973", "ko": "973고지", "zh": "973高地"}
    assert "Hill 973 <span lang='ko'>973고지</span> <span lang='zh-Hans'>973高地</span>" in page_html


def test_a_name_with_no_translation_is_not_repeated(battle, chapters, page_html):
    untranslated = [p for c in chapters for p in chapter_places(battle, c) if p["zh"] == p["en"]]
    assert untranslated, "the data has a place without a Chinese name (Jupa-ryeong)"
    assert f"<span lang='zh-Hans'>{untranslated[0]['en']}</span>" not in page_html


def test_without_chromium_the_command_says_so_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(handout, "chromium_path", lambda: None)
    assert cli.main(["handout", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the handout is printed by Debian's chromium, which is not installed")
    assert "Traceback" not in err
    assert not (tmp_path / FILE_NAME).exists()


def test_a_folder_that_cannot_be_made_is_refused_before_printing(tmp_path, monkeypatch, capsys):
    def no_printing(*args):
        raise AssertionError("printed although the folder cannot be written")

    monkeypatch.setattr(handout, "handout_pdf", no_printing)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert cli.main(["handout", "--out", str(blocker)]) == 2
    assert cli.main(["handout", "--out", str(blocker / "inside")]) == 2
    err = capsys.readouterr().err
    assert err.count("error: cannot write the handout to ") == 2
    assert "Traceback" not in err


def test_a_chromium_that_fails_is_one_line_of_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHROMIUM", "/bin/false")  # starts, and exits at once
    assert cli.main(["handout", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Chromium could not print the handout: ")
    assert err.count("\n") == 1
    assert not (tmp_path / FILE_NAME).exists()
