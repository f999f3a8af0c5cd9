"""The printable handout: the lecture's chapters on A4, each with its map, key points, each
side's account, its places in three languages and its sources, printed by Chromium.

The text comes from the same chapter records the Lecture and the offline file show; each map
is the atlas's own drawer in Chromium at the chapter's ground and last day, taken as an image.
Chromium embeds the subset of the fonts it draws with, so the Korean and Chinese names print
anywhere. No page asks the network: every request but the pages' own is refused.
"""

from __future__ import annotations

import base64
import errno
import importlib.util
import re
import string
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from html import escape, unescape
from pathlib import Path

from src.assets import leaflet_inline, package_text
from src.calendar import day_label
from src.chapters import Chapter
from src.constants import SUBTITLE
from src.day import Battle
from src.export import replace_atomically
from src.handout_fonts import font_faces_css
from src.layers import LAYER_LABELS
from src.lecture import key_places
from src.legend import legend_html
from src.liveapp import chromium_path, launch_chromium
from src.safetext import script_json, script_text, style_text
from src.scene import asset, build_scene, drawer_js
from src.text import accounts, names

FILE_NAME = "kumsong-1953-handout.pdf"
TITLE = "The Battle of Kumsong, 1953"
LOCAL_TITLES = (("ko", "금성 전투"), ("zh-Hans", "金城战役"))
MAP_PX = (820, 440)  # CSS px of each map as drawn; printed 180 mm wide, so names read at about 8 pt
MAP_SCALE = 2  # device pixels per CSS px in the image, for print
MAP_QUALITY = 88  # JPEG: a sixth of a PNG's size, and Chromium passes it into the PDF as it is
MOST_PLACES = 8
PLACE_LANGS = (("ko", "ko"), ("zh", "zh-Hans"))  # a name in each, with its language tag for the font
NO_CHROMIUM = (
    "the handout is printed by Debian's chromium, which is not installed "
    "(scripts/install-chromium.sh, or apt-get install chromium fonts-noto-cjk)"
)
NO_PLAYWRIGHT = (
    "the handout is printed through Playwright, which is not installed (pip install -r requirements-dev.txt)"
)


class ChromiumMissingError(RuntimeError):
    """Chromium (or Playwright, which drives it) is not on this machine: no handout here."""


class PrintError(RuntimeError):
    """Chromium started but could not draw or print the handout."""


def cannot_print() -> str | None:
    """Why this machine cannot print the handout, or None if it can."""
    if not chromium_path():
        return NO_CHROMIUM
    if importlib.util.find_spec("playwright") is None:
        return NO_PLAYWRIGHT
    return None


def _fill(template: str, fills: dict[str, str]) -> str:
    """Every /*SLOT*/ filled in one pass, so a filled text that reads like a slot stays text."""
    slot = re.compile(rf"/\*({'|'.join(fills)})\*/")
    return slot.sub(lambda m: fills[m.group(1)], template)


def map_page_html(battle: Battle) -> str:
    """A bare page with Leaflet, the drawer and the scene, the map at its printed size."""
    leaflet_js, leaflet_css = leaflet_inline()
    width, height = MAP_PX
    return _fill(
        package_text("handout_assets", "map.html"),
        {
            "LEAFLET_CSS": style_text(leaflet_css),
            "MAP_CSS": style_text(asset("drawer.css")),
            "WIDTH": str(width),
            "HEIGHT": str(height),
            "LEAFLET_JS": script_text(leaflet_js),
            "SCENE": script_json(build_scene(battle)),
            "DRAWER_JS": script_text(drawer_js()),
        },
    )


def map_day(chapter: Chapter) -> date:
    """The day a chapter's map shows: its last, so the page shows where the chapter ended."""
    return chapter.steps[-1]


def chapter_places(battle: Battle, chapter: Chapter) -> list[dict[str, str]]:
    """The places the chapter's events name, then the towns on its ground: {en, ko, zh}."""
    places = battle.atlas["places"]
    if places.empty:
        return []
    by_id = {row["id"]: row for row in places.to_dict("records")}
    (south, west), (north, east) = chapter.bounds
    towns = [
        pid
        for pid, row in by_id.items()
        if row.get("kind") == "town" and south <= row["geometry"].y <= north and west <= row["geometry"].x <= east
    ]
    ids = [pid for pid in dict.fromkeys([*key_places(battle, chapter), *towns]) if pid in by_id]
    return [names(by_id[pid]) for pid in ids[:MOST_PLACES]]


def _local_titles() -> str:
    return " · ".join(f'<span lang="{lang}">{escape(text)}</span>' for lang, text in LOCAL_TITLES)


def _title_page(chapters: list[Chapter]) -> str:
    contents = "".join(f"<li>{escape(c.title)} <span class='muted'>({escape(c.span)})</span></li>" for c in chapters)
    return (
        f'<section class="title-page"><h1>{escape(TITLE)}</h1><p class="names">{_local_titles()}</p>'
        f"<p>{escape(SUBTITLE)}</p>"
        f"<h3>The chapters</h3><ol class='contents'>{contents}</ol>"
        f"<p class='small muted'>Each chapter's map shows its ground on its last day. Lines and positions "
        f"other than the armistice line are reconstructions from the sources; the atlas's popups give each "
        f"one's source and uncertainty.</p><div class='legend'>{legend_html()}</div></section>"
    )


def _places_line(places: list[dict[str, str]]) -> str:
    if not places:
        return ""
    listed = "; ".join(
        escape(p["en"])
        + "".join(f" <span lang='{tag}'>{escape(p[lang])}</span>" for lang, tag in PLACE_LANGS if p[lang] != p["en"])
        for p in places
    )
    languages = "English, <span lang='ko'>한국어</span>, <span lang='zh-Hans'>中文</span>"
    return f"<p class='places'><b>Places</b> ({languages}): {listed}</p>"


def _chapter_page(battle: Battle, chapter: Chapter, number: int, total: int, image: bytes) -> str:
    atlas = battle.atlas
    points = "".join(f"<li>{escape(point)}</li>" for point in chapter.points)
    sides = "".join(
        f"<p class='account'><b>{escape(whose)}:</b> {escape(said)} <span class='muted'>({escape(source)})</span></p>"
        for whose, said, source in accounts(atlas, list(chapter.accounts))
    )
    cited = "; ".join(atlas.cite(key) for key in chapter.sources)
    picture = base64.b64encode(image).decode("ascii")
    day = day_label(map_day(chapter))
    return (
        f"<section class='chapter'><p class='small muted running'><span>{escape(TITLE)} · {_local_titles()}</span>"
        f"<span>Chapter {number} of {total}</span></p>"
        f"<h2>{escape(chapter.title)} <span class='span'>{escape(chapter.span)}</span></h2>"
        f"<figure><img src='data:image/jpeg;base64,{picture}' alt='Map of the chapter on {escape(day)}'>"
        f"<figcaption>The front and the units on {escape(day)}.</figcaption></figure>"
        f"<h3>Key points</h3><ul>{points}</ul>"
        + (f"<h3>What each side's sources say</h3>{sides}" if sides else "")
        + _places_line(chapter_places(battle, chapter))
        + (f"<p class='small muted'><b>Sources:</b> {escape(cited)}</p>" if cited else "")
        + "</section>"
    )


def handout_html(battle: Battle, chapters: list[Chapter], maps: list[bytes]) -> str:
    """The whole handout as one page to print: the title page, then a page a chapter."""
    body = _title_page(chapters) + "".join(
        _chapter_page(battle, c, n, len(chapters), image)
        for n, (c, image) in enumerate(zip(chapters, maps, strict=True), 1)
    )
    printed = unescape(re.sub(r"<[^>]+>", " ", body)) + string.printable
    return _fill(
        package_text("handout_assets", "handout.html"),
        {
            "TITLE": escape(TITLE),
            "FONTS_CSS": style_text(font_faces_css(printed)),
            "MAP_CSS": style_text(asset("drawer.css")),
            "HANDOUT_CSS": style_text(package_text("handout_assets", "handout.css")),
            "BODY": body,
        },
    )


def _local_only(route) -> None:
    """The handout's pages are a file and data: anything else would be a request to the network."""
    if route.request.url.startswith(("file:", "data:", "about:", "blob:")):
        route.continue_()
    else:
        route.abort("internetdisconnected")


def chapter_maps(browser, battle: Battle, chapters: list[Chapter], folder: Path) -> list[bytes]:
    """Each chapter's map as a JPEG: the drawer shows the chapter's day on its ground with the
    chapter's places named first, as the Lecture does, and the image is taken once it is laid out."""
    page_file = folder / "map.html"
    page_file.write_text(map_page_html(battle), encoding="utf-8")
    width, height = MAP_PX
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=MAP_SCALE)
    try:
        page = context.new_page()
        page.route("**/*", _local_only)
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.Atlas && Atlas.live")
        images = []
        for chapter in chapters:
            day = map_day(chapter).isoformat()
            extra = {"bounds": [list(corner) for corner in chapter.bounds], "keep": list(key_places(battle, chapter))}
            page.evaluate(
                "([d, layers, extra]) => Atlas.live.show(d, layers, 'en', extra)", [day, list(LAYER_LABELS), extra]
            )
            page.wait_for_function(
                "(d) => { const c = document.querySelector('.leaflet-container');"
                " return c.dataset.day === d && c.dataset.settled === '1'; }",
                arg=day,
            )
            images.append(page.locator("#map").screenshot(type="jpeg", quality=MAP_QUALITY, animations="disabled"))
        return images
    finally:
        context.close()


# Chromium draws the footer apart from the page, with its own fonts: numbers only, in Latin.
FOOTER = (
    '<div style="width:100%;font:7pt sans-serif;color:#555;text-align:right;padding:0 15mm">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def print_pdf(browser, html: str, folder: Path) -> bytes:
    """The handout printed on A4, with the page number at the foot."""
    page_file = folder / "handout.html"
    page_file.write_text(html, encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", _local_only)
        page.goto(page_file.as_uri())
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page.pdf(
            format="A4",
            print_background=True,
            prefer_css_page_size=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
        )
    finally:
        context.close()


def handout_pdf(battle: Battle, chapters: list[Chapter]) -> bytes:
    """The handout as PDF bytes. Raises ChromiumMissingError where it cannot be printed, and
    PrintError if Chromium fails (one line, for a message rather than a traceback).

    Printed in a thread of its own: Playwright's sync API refuses a thread whose asyncio loop
    runs (Streamlit's server, a test that drives a browser already)."""
    reason = cannot_print()
    if reason:
        raise ChromiumMissingError(reason)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout") as pool:
        return pool.submit(_print_handout, battle, chapters).result()


def _print_handout(battle: Battle, chapters: list[Chapter]) -> bytes:
    from playwright.sync_api import Error, sync_playwright

    try:
        with tempfile.TemporaryDirectory(prefix="handout-") as tmp, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                maps = chapter_maps(browser, battle, chapters, Path(tmp))
                return print_pdf(browser, handout_html(battle, chapters, maps), Path(tmp))
            finally:
                browser.close()
    except Error as exc:
        raise PrintError(f"Chromium could not print the handout: {str(exc).splitlines()[0]}") from exc


def write_handout(battle: Battle, chapters: list[Chapter], out_dir: Path) -> Path:
    """Write the PDF into `out_dir` atomically; the folder is made (or refused) before the
    printing starts, so a bad folder fails at once."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    replace_atomically(path, handout_pdf(battle, chapters))
    return path
