"""The printed handout, as `python -m src handout` writes it with Debian's Chromium, read back
with pypdf: its pages, the fonts it embeds (a CJK one for the Korean and Chinese names), one
map per chapter and the chapters' titles in its text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from src import __main__ as cli
from src.handout import FILE_NAME, MAP_PX, MAP_SCALE

pytestmark = pytest.mark.browser

A4_PT = (595, 842)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handout")
    assert cli.main(["handout", "--out", str(out)]) == 0
    return out / FILE_NAME


@pytest.fixture(scope="module")
def reader(printed) -> PdfReader:
    return PdfReader(printed)


def _images(resources: DictionaryObject) -> list[DictionaryObject]:
    """The raster images a page draws, inside forms too."""
    found = []
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject["/Subtype"] == "/Image":
            found.append(xobject)
        elif xobject["/Subtype"] == "/Form" and "/Resources" in xobject:
            found.extend(_images(xobject["/Resources"]))
    return found


def _descriptor(font: DictionaryObject) -> DictionaryObject:
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


def _embedded(font: DictionaryObject) -> bool:
    """A font whose glyphs are in the file: a font program, or (Type 3, as Chromium writes a
    CFF font such as Noto Sans CJK) the glyphs' own drawing procedures."""
    if font["/Subtype"] == "/Type3":
        return len(font["/CharProcs"]) > 0
    return any(key in _descriptor(font) for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _fonts_drawing(page, pattern: re.Pattern) -> set[str]:
    """The fonts (by their descriptor's name) that draw text matching `pattern` on the page."""
    names = set()

    def visit(text, cm, tm, font, size):
        if font is not None and pattern.search(text):
            names.add(str(_descriptor(font)["/FontName"]))

    page.extract_text(visitor_text=visit)
    return names


def test_a_title_page_and_one_a4_page_a_chapter(reader, chapters, printed):
    assert len(reader.pages) == 1 + len(chapters)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_PT
    assert printed.stat().st_size < 5_000_000


def test_every_font_is_embedded(reader):
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(_descriptor(font)["/FontName"])] = _embedded(font)
    assert fonts
    assert [name for name, inside in fonts.items() if not inside] == []


def test_korean_and_chinese_are_drawn_with_an_embedded_noto_sans_cjk(reader):
    text = reader.pages[0].extract_text()
    assert "금성 전투" in text
    assert "金城战役" in text  # not the Kangxi radical ⾦ that shares 金's glyph (src/handout_fonts.py)
    hangul = set().union(*(_fonts_drawing(page, HANGUL) for page in reader.pages))
    han = set().union(*(_fonts_drawing(page, HAN) for page in reader.pages))
    assert [name for name in hangul | han if "NotoSansCJK" not in name] == []
    assert any("NotoSansCJKkr" in name for name in hangul)
    assert any("NotoSansCJKsc" in name for name in han)  # Chinese names in Chinese letterforms


def test_each_chapter_page_has_its_title_and_one_map(reader, chapters):
    assert _images(reader.pages[0]["/Resources"]) == []
    width, height = (side * MAP_SCALE for side in MAP_PX)
    for chapter, page in zip(chapters, reader.pages[1:], strict=True):
        text = " ".join(page.extract_text().split())
        assert chapter.title in text
        assert "金城战役" in text  # the running head
        images = _images(page["/Resources"])
        assert [(int(i["/Width"]), int(i["/Height"])) for i in images] == [(width, height)]
        assert images[0]["/Filter"] == "/DCTDecode"  # the JPEG, passed in as it was taken


def test_a_map_shows_the_chapters_ground_not_a_blank_frame(reader):
    sizes = [len(_images(page["/Resources"])[0].get_data()) for page in reader.pages[1:]]
    assert min(sizes) > 50_000, sizes  # a blank or unstyled map compresses to a few kB


def test_the_lectures_options_download_the_handout(app_url, page, chapters):
    page.goto(f"{app_url}/Lecture")
    page.get_by_role("button", name="Options").click()
    with page.expect_download(timeout=180_000) as download:  # printed on the click: about 15-40 s
        page.get_by_role("button", name="Printable handout (PDF)").click()
    assert download.value.suggested_filename == FILE_NAME
    assert len(PdfReader(download.value.path()).pages) == 1 + len(chapters)
    assert page.offline.blocked == []
