"""Hostile links and hostile data in Chromium: nothing runs, nothing is fetched, the map is there.

The data cases use a second server on a scratch copy of geodata/ with every payload of
tests/fixtures/hostile.json appended to every visible text (KUMSONG_GEODATA), and the
offline file made from that copy. alert/confirm/prompt are hooked in every frame.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import date
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from src.assets import ensure_static_assets
from src.chapters import load_chapters
from src.data import load_atlas
from src.day import Battle
from src.export import write_export
from src.safetext import WORD_JOINER
from src.text import rows
from tests.browser.conftest import ROOT, map_frame, serve_app
from tests.hostile import HOSTILE, PAYLOADS, flat, inject, params

pytestmark = pytest.mark.browser

DIALOG_HOOK = """
(() => {
  for (const kind of ["alert", "confirm", "prompt"]) {
    window[kind] = (message) => { window.__hostileDialog(kind, String(message)); return null; };
  }
})();
"""
# The offline player keeps its map private; this keeps a handle when Leaflet loads.
KEEP_LEAFLET_MAP = """
Object.defineProperty(window, "L", {
  configurable: true,
  get() { return this.__L; },
  set(value) { this.__L = value; value.Map.addInitHook(function () { window.__leafletMap = this; }); },
});
"""
WAIT = 60_000  # ms: the machine running the suite may be shared and slow
BUSY_DAY = "1953-07-14"  # two events and a dated front
MARKUP_ELEMENTS = "img, a, em, strong, code, del, table, h1, h2, h3, .katex, [data-testid=stIconMaterial]"


@pytest.fixture(scope="module")
def hostile_geodata(tmp_path_factory):
    return inject(tmp_path_factory.mktemp("hostile") / "geodata")


@pytest.fixture(scope="module")
def hostile_battle(hostile_geodata) -> Battle:
    return Battle(load_atlas(hostile_geodata, strict=True))


@pytest.fixture(scope="module")
def hostile_chapters(hostile_geodata, hostile_battle):
    return load_chapters(hostile_geodata / "chapters.json", hostile_battle.atlas.sources)[0]


@pytest.fixture(scope="module")
def hostile_url(hostile_geodata):
    with serve_app(env={"KUMSONG_GEODATA": str(hostile_geodata)}, log_name="streamlit-hostile.log") as url:
        yield url


@pytest.fixture
def guarded(page: Page) -> Page:
    """The page, with every dialog (called or opened, in any frame) written down."""
    page.set_default_timeout(WAIT)
    page.dialogs = []
    page.expose_binding("__hostileDialog", lambda _source, kind, message: page.dialogs.append((kind, message)))
    page.add_init_script(DIALOG_HOOK)
    page.on("dialog", lambda dialog: (page.dialogs.append((dialog.type, dialog.message)), dialog.dismiss()))
    return page


def _harmless(page: Page) -> None:
    assert page.dialogs == []
    assert page.offline.blocked == []
    assert page.get_by_test_id("stException").count() == 0


def _seen(locator) -> str:
    """The text a reader sees there, whitespace flattened (the Markdown word joiners removed)."""
    return flat(" ".join(locator.all_inner_texts()).replace(WORD_JOINER, ""))


def test_the_dialog_guard_sees_a_dialog_in_the_map_frame(guarded, app_url):
    guarded.goto(app_url)
    map_frame(guarded).evaluate("() => alert('probe')")
    assert guarded.dialogs == [("alert", "probe")]


def _open_every_popup(frame, leaflet_map: str = "window.map") -> list[str]:
    """Open each popup and tooltip on the map in turn (the HTML the data reaches); their texts."""
    texts = frame.evaluate(
        """() => {
          const map = LEAFLET_MAP;
          const texts = [];
          map.eachLayer((layer) => {
            for (const kind of ["Popup", "Tooltip"]) {
              const item = layer["get" + kind] && layer["get" + kind]();
              if (!item) continue;
              layer["open" + kind]();
              texts.push(item.getElement().innerText);
              layer["close" + kind]();
            }
          });
          return texts;
        }""".replace("LEAFLET_MAP", leaflet_map)
    )
    assert len(texts) > 20
    return [flat(t.replace(WORD_JOINER, "")) for t in texts]


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1400}])  # the whole map in view for the click
def test_the_explorer_shows_hostile_data_as_text(guarded, hostile_url, hostile_battle):
    guarded.goto(f"{hostile_url}/?date={BUSY_DAY}")
    frame = map_frame(guarded)
    events = list(rows(hostile_battle.on(date.fromisoformat(BUSY_DAY)).events))
    assert len(events) >= 2
    panel = guarded.locator(".atlas-day")
    expect(panel.filter(has_text="What happened")).to_be_visible(timeout=WAIT)
    for event in events:
        assert flat(event["name"]) in _seen(panel)
        assert flat(event["summary"]) in _seen(panel)
    labels = _seen(guarded.get_by_test_id("stButtonGroup"))
    for label in hostile_battle.atlas["front_lines"]["label"]:
        assert flat(label) in labels
    frame.locator(".leaflet-marker-icon:has(.atlas-event)").first.click()
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("Source:", timeout=WAIT)
    texts = _open_every_popup(frame)
    assert all(any(flat(e["name"]) in t for t in texts) for e in events)
    _harmless(guarded)


def test_the_lecture_shows_hostile_data_as_text(guarded, hostile_url, hostile_battle, hostile_chapters):
    chapter = hostile_chapters[1]
    guarded.goto(f"{hostile_url}/Lecture?chapter=2&step=1")
    map_frame(guarded)
    assert flat(chapter.title) in _seen(guarded.locator("h1"))
    markdown = guarded.get_by_test_id("stMarkdownContainer")
    for key in chapter.key_points:  # the slide's lines; the points in full and the sources behind toggles
        assert flat(key) in _seen(markdown)
    for toggle in ("The points in full", "Sources ("):
        guarded.locator("summary", has_text=toggle).click()
    expect(guarded.get_by_test_id("stCaptionContainer").last).to_be_visible(timeout=WAIT)
    for point in chapter.points:
        assert flat(point) in _seen(markdown)
    caption = _seen(guarded.get_by_test_id("stCaptionContainer"))
    for key in chapter.sources:
        assert flat(hostile_battle.atlas.cite(key)) in caption
    guarded.get_by_role("button", name="⚙ Options").click()
    guarded.get_by_text("Show the notes on this screen too").click()
    notes = guarded.get_by_test_id("stAlertContentInfo")
    expect(notes).to_be_visible(timeout=WAIT)
    assert flat(chapter.notes) in _seen(notes)
    _harmless(guarded)


def test_the_evidence_page_survives_hostile_data(guarded, hostile_url):
    guarded.goto(f"{hostile_url}/Evidence")
    expect(guarded.get_by_role("heading", name="The evidence")).to_be_visible(timeout=WAIT)
    guarded.get_by_test_id("stExpander").filter(has_text="Bibliography").locator("summary").click()
    expect(guarded.get_by_role("heading", name="Take the data away")).to_be_visible(timeout=WAIT)
    guarded.mouse.wheel(0, 20_000)
    expect(guarded.get_by_role("button", name="Timeline as CSV")).to_be_visible(timeout=WAIT)
    assert guarded.locator(".stDataFrame, [data-testid=stDataFrame]").count() >= 5
    _harmless(guarded)


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1400}])
def test_the_offline_file_plays_hostile_data_as_text(guarded, tmp_path, hostile_battle, hostile_chapters):
    path = write_export(hostile_battle, hostile_chapters, tmp_path)
    guarded.add_init_script(KEEP_LEAFLET_MAP)
    guarded.goto(path.as_uri())
    expect(guarded.locator("#day-label")).to_have_text("10 Jun 1953", timeout=WAIT)  # the player ran
    guarded.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 5")
    guarded.get_by_text("Sources and credits").click()
    sources = _seen(guarded.locator("#sources"))
    for key in hostile_battle.atlas.sources:
        assert flat(hostile_battle.atlas.cite(key)) in sources
    buttons = guarded.locator("#chapter-list button")
    for number, chapter in enumerate(hostile_chapters):
        buttons.nth(number).click()
        points = _seen(guarded.locator("#chapter-points"))
        assert all(flat(point) in points for point in chapter.points)
    guarded.goto("about:blank")  # a new load: the player reads the hash when it starts
    guarded.goto(f"{path.as_uri()}#{BUSY_DAY}")
    expect(guarded.locator("#day-label")).to_have_text("14 Jul 1953", timeout=WAIT)
    panel = _seen(guarded.locator("#panel"))
    assert all(flat(e["name"]) in panel for e in rows(hostile_battle.on(date.fromisoformat(BUSY_DAY)).events))
    guarded.locator(".leaflet-marker-icon svg").first.click()
    expect(guarded.locator(".leaflet-popup-content")).to_contain_text("Source:", timeout=WAIT)
    texts = _open_every_popup(guarded.main_frame, "window.__leafletMap")
    shown_today = hostile_battle.on(date.fromisoformat(BUSY_DAY))
    assert all(any(flat(u["name"]) in t for t in texts) for u in rows(shown_today.units))
    assert all(any(flat(e["name"]) in t for t in texts) for e in rows(shown_today.events))
    _harmless(guarded)


SCRIPT_BREAKERS = [p for p in PAYLOADS if re.search(r"<!--|<script|</script", p, re.I)]


@pytest.mark.parametrize("payload", SCRIPT_BREAKERS)
def test_a_name_that_could_end_a_script_leaves_the_offline_file_working(guarded, tmp_path, payload):
    # The loader refuses such a name, so it is put in after loading: the export's own escaping
    # must hold for any text that reaches it.
    atlas = load_atlas(strict=True)
    events = atlas["events"].copy()
    events.iloc[0, events.columns.get_loc("name")] = payload
    atlas = dataclasses.replace(atlas, layers={**atlas.layers, "events": events})
    path = write_export(Battle(atlas), load_chapters(sources=atlas.sources)[0], tmp_path)
    guarded.goto(path.as_uri())
    expect(guarded.locator("#day-label")).to_have_text("10 Jun 1953", timeout=WAIT)  # the player's script ran
    guarded.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 5")
    assert guarded.locator("script").count() == 4  # Leaflet, data, drawer, player
    _harmless(guarded)


MARKUP_CASES = [
    (page, case)
    for page, cases in (("", HOSTILE["view_cases"]), ("Lecture", HOSTILE["lecture_cases"]))
    for case in cases
    if case["notice"] and any(re.search(r"[<>\[\]*_`~$:!]", str(v)) for v in params(case).values())
]


@pytest.mark.parametrize(("page_path", "case"), MARKUP_CASES, ids=lambda v: v["id"] if isinstance(v, dict) else v)
def test_a_notice_shows_a_hostile_value_as_text(guarded, app_url, page_path, case):
    asked = f"{app_url}/{page_path}?{urlencode(params(case), doseq=True)}"
    guarded.goto(asked)
    alert = guarded.get_by_test_id("stAlert")
    expect(alert.first).to_be_visible(timeout=WAIT)
    assert flat(case["notice"]) in _seen(alert)
    assert alert.locator(MARKUP_ELEMENTS).count() == 0
    expect(guarded).not_to_have_url(asked, timeout=WAIT)  # rewritten to valid values
    _harmless(guarded)


def test_a_deleted_leaflet_copy_is_put_back_for_the_next_reader(guarded, app_url):
    vendor = ROOT / "static" / "vendor"
    shutil.rmtree(vendor, ignore_errors=True)
    guarded.goto(f"{app_url}/?date=1953-06-20")
    map_frame(guarded)
    assert (vendor / "leaflet" / "leaflet.js").is_file()
    _harmless(guarded)


def test_static_vendor_as_a_file_is_explained_not_raised(guarded, app_url):
    vendor = ROOT / "static" / "vendor"
    shutil.rmtree(vendor, ignore_errors=True)
    vendor.write_text("not a folder", encoding="utf-8")
    try:
        guarded.goto(app_url)
        expect(guarded.get_by_text("The map cannot be drawn")).to_be_visible(timeout=WAIT)
        _harmless(guarded)
    finally:
        vendor.unlink()
        assert ensure_static_assets() is None
