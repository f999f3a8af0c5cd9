"""A map you can read from the back row, on every page as it is served: it never lies (see
mapread.py; the drawer's own placement is tested on the harness page, test_placement.py),
keeps to the battle, shows its symbols in the legend, and fills a projector's screen."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from src.lecture import key_places
from tests.browser.conftest import FRONT_PATH, idle, map_frame, open_explorer
from tests.browser.mapread import NAMED_SHARE, broken_promises, legend_moves_nothing, read_map, settled

pytestmark = pytest.mark.browser

HILLS_CLICKABLE = """() => [...document.querySelectorAll('.leaflet-marker-icon')]
  .filter((e) => /: (UNC|PVA|contested)$/.test(e.getAttribute('aria-label') || '') && e.style.display !== 'none')
  .filter((e) => { const r = e.firstElementChild.getBoundingClientRect();  // the symbol as drawn
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    return !e.contains(document.elementFromPoint(x, y)); })
  .map((e) => e.getAttribute('aria-label'))"""


def _overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["h"]
    )


SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]


def _lecture_day(page) -> str:
    status = page.locator("p", has_text=re.compile(r"Chapter \d of 6")).first.inner_text()
    day, month = re.findall(r"(\d{1,2})\W+(\w{3})\W+1953", status)[-1]  # the step's day comes last
    return datetime.strptime(f"{day} {month} 1953", "%d %b %Y").date().isoformat()


def _promises(where, share: float | None = None, keep=()) -> list[str]:
    """The view laid out as the drawer does after every move, and read in the same task."""
    where.evaluate("() => Atlas.live.layout()")
    return broken_promises(read_map(where, keep), share)


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
@pytest.mark.parametrize("day", ["1953-06-10", "1953-06-18", "1953-07-14", "1953-07-27"])
def test_the_explorers_map_never_lies(page, app_url, day, viewport):
    frame = open_explorer(page, app_url, day)
    assert _promises(frame) == []
    if viewport["width"] > 600:  # on a phone two hills the story names can still lie on one another
        assert frame.evaluate(HILLS_CLICKABLE) == []


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_the_explorer_names_its_places(page, app_url, viewport):
    problems = {}
    for day in ["1953-06-10", "1953-06-18", "1953-07-14", "1953-07-27"]:
        found = _promises(open_explorer(page, app_url, day), NAMED_SHARE[viewport["width"]])
        if found:
            problems[day] = found
    assert not problems, "\n".join(f"{at}: {found}" for at, found in problems.items())


# How far the lowest thing a person can see on the page lies below the window (elements in
# a closed toggle keep their boxes but are not seen), and whether the page scrolls.
SLIDE_OVERFLOW = """() => { const main = document.querySelector('[data-testid="stMain"]');
  const seen = [...document.querySelectorAll('[data-testid="stMainBlockContainer"] *')]
    .filter((e) => e.getClientRects().length
      && e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }));
  const below = Math.max(...seen.map((e) => e.getBoundingClientRect().bottom)) - innerHeight;
  return Math.max(below, main.scrollHeight - main.clientHeight); }"""


def _lecture_steps(page, app_url, battle, chapters, share: float | None) -> dict[str, list[str]]:
    """Each step's broken map promises, and on a projector a slide that does not fit the screen."""
    page.goto(f"{app_url}/Lecture?chapter=1&step=1")
    frame = map_frame(page)
    idle(page)
    page.get_by_role("heading", level=1).click()
    problems = {}
    while True:
        chapter = int(re.search(r"Chapter (\d) of 6", page.locator("p", has_text="of 6").first.inner_text()).group(1))
        day = _lecture_day(page)
        settled(frame, day)
        found = _promises(frame, share, key_places(battle, chapters[chapter - 1]))
        overflow = page.evaluate(SLIDE_OVERFLOW) if page.viewport_size["width"] > 600 else 0
        if overflow > 0.5:
            found.append(f"the slide reaches {overflow:.0f} px below the window")
        if found:
            problems[f"chapter {chapter}, {day}"] = found
        if chapter == 6 and day == "1953-07-27":
            return problems
        _step(page, "PageDown")


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_the_lecture_never_lies_and_its_slide_fits_at_any_step(page, app_url, battle, chapters):
    problems = _lecture_steps(page, app_url, battle, chapters, None)
    assert not problems, "\n".join(f"{at}: {found}" for at, found in problems.items())


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_the_lecture_names_its_places_in_every_chapter(page, app_url, battle, chapters, viewport):
    problems = {}
    for number, chapter in enumerate(chapters, 1):
        page.goto(f"{app_url}/Lecture?chapter={number}&step=1")
        frame = map_frame(page)
        idle(page)
        settled(frame, _lecture_day(page))
        found = _promises(frame, NAMED_SHARE[viewport["width"]], key_places(battle, chapter))
        if found:
            problems[f"chapter {number}"] = found
    assert not problems, "\n".join(f"{at}: {found}" for at, found in problems.items())


def _offline_days(page, exported, share: float | None) -> dict[str, list[str]]:
    page.goto(f"{exported.as_uri()}#1953-06-10")
    settled(page, "1953-06-10")
    problems = {}
    for day in [d["iso"] for d in page.evaluate("() => Atlas.live.days")]:
        page.evaluate("(d) => Atlas.live.show(d)", day)
        settled(page, day)
        found = _promises(page, share)
        if found:
            problems[day] = found
    return problems


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_the_offline_file_never_lies_on_any_day(page, exported):
    problems = _offline_days(page, exported, None)
    assert not problems, "\n".join(f"{at}: {found}" for at, found in problems.items())


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_the_offline_file_names_its_places_on_every_day(page, exported, viewport):
    problems = _offline_days(page, exported, NAMED_SHARE[viewport["width"]])
    assert not problems, "\n".join(f"{at}: {found}" for at, found in problems.items())


def _step(page, key: str) -> None:
    """Press a clicker key and wait for the lecture to show the step it asks for: keys
    pressed faster than the server answers are merged or overshoot the chapter sought."""
    status = page.locator("p", has_text=re.compile(r"Chapter \d of 6")).first
    before = status.inner_text()
    page.keyboard.press(key)
    expect(status).not_to_have_text(before)
    idle(page)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_the_names_shown_are_placed_for_the_styles_they_are_drawn_with(page, app_url):
    """What a person sees, not laid out again by the test: streamlit-folium adds the map's
    stylesheets after its scripts, and names measured before them overlapped (the README's
    lecture picture showed it, with this suite's request routing slowing the styles)."""
    page.goto(f"{app_url}/Lecture?chapter=2&step=1")
    frame = map_frame(page)
    idle(page)
    settled(frame, "1953-06-10")
    page.wait_for_timeout(1000)
    assert read_map(frame)["covered"] == []


def test_the_map_keeps_to_its_zoom_range_and_the_page_scrolls_over_it(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14&zoom=8")
    frame = map_frame(page)
    frame.evaluate("() => window.map.setZoom(3)")
    assert frame.evaluate("() => window.map.getZoom()") >= 7
    before = page.evaluate("() => window.scrollY")
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    zoom = frame.evaluate("() => window.map.getZoom()")
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(500)
    assert frame.evaluate("() => window.map.getZoom()") == zoom  # the wheel did not zoom the map
    expect(frame.locator(".atlas-wheel-hint.shown")).to_be_visible()
    assert page.evaluate("() => window.scrollY") >= before


def test_fit_the_battle_brings_the_salient_back(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14&lat=38.6&lon=128.3&zoom=14")
    frame = map_frame(page)
    frame.get_by_role("button", name="Fit the battle in view").click()
    frame.wait_for_timeout(600)
    assert frame.evaluate(
        "() => window.map.getBounds().contains(L.latLng(38.40, 127.60)) && window.map.getZoom() <= 12"
    )


def test_the_legend_on_the_map_shows_its_symbols(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    frame.locator(".atlas-legend-control summary").click()
    legend = frame.locator(".atlas-legend-control")
    expect(legend).to_contain_text("Hill held by")
    assert legend.locator("svg").count() >= 15  # a swatch for every entry, drawn


def test_escape_closes_a_popup_and_n_steps_after_a_map_click(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-13")
    frame = map_frame(page)
    idle(page)
    middle = frame.eval_on_selector(
        FRONT_PATH,
        "p => { const m = p.getPointAtLength(p.getTotalLength() / 2); const c = p.getScreenCTM();"
        " return {x: m.x * c.a + c.e, y: m.y * c.d + c.f}; }",
    )
    frame.locator(".leaflet-container").click(position=middle)
    expect(frame.locator(".leaflet-popup-content")).to_be_visible()
    page.keyboard.press("Escape")
    expect(frame.locator(".leaflet-popup-content")).to_have_count(0)
    page.wait_for_timeout(500)  # the popup's pan is reported to the app, a rerun of its own
    idle(page)
    page.keyboard.press("n")  # the focus is in the map's frame now
    expect(page.get_by_role("heading", name="14 Jul 1953")).to_be_visible()


@pytest.mark.parametrize(
    ("viewport", "share"), [({"width": 1280, "height": 720}, 0.6), ({"width": 1920, "height": 1080}, 0.65)]
)
def test_the_lecture_map_fills_the_screen_and_the_clicker_works_after_a_map_click(page, app_url, viewport, share):
    page.goto(f"{app_url}/Lecture?chapter=2&step=1")
    frame = map_frame(page)
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["height"] >= share * viewport["height"]
    assert box["y"] + box["height"] <= viewport["height"] + 1  # all of it on the screen
    body = page.locator('[data-testid="stMarkdownContainer"] li').first
    size = float(body.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= (27 if viewport["height"] >= 1080 else 18)
    frame.locator(".leaflet-container").click(position={"x": 40, "y": 200})
    page.keyboard.press("PageDown")
    expect(page.get_by_text("(step 2 of 9)")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("(step 3 of 9)")).to_be_visible()


def test_presenter_notes_open_in_a_second_window_and_follow_the_lecture(page, app_url):
    page.goto(f"{app_url}/Lecture?chapter=2&step=1")
    map_frame(page)
    page.get_by_role("button", name=re.compile("Options")).click()
    frame = page.frame_locator('iframe[srcdoc*="Open presenter notes"]')
    with page.context.expect_page() as opened:
        frame.get_by_role("button", name="Open presenter notes in a second window").click()
    notes = opened.value
    expect(notes.locator("#title")).to_have_text("The first assault")
    expect(notes.locator("body")).to_have_attribute("data-position", "2.1")
    page.keyboard.press("Escape")
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("PageDown")
    expect(page.get_by_text("(step 2 of 9)")).to_be_visible()
    expect(notes.locator("body")).to_have_attribute("data-position", "2.2")
    assert (
        page.locator('[data-testid="stAlert"]').filter(has_text=notes.locator("#notes").inner_text()[:30]).count() == 0
    )


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}])
def test_a_locator_inset_shows_where_the_battle_lies_and_names_stay_clear_of_it(page, app_url, exported):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    settled(frame, "1953-07-14")
    inset = frame.get_by_role("img", name=re.compile("Where the battle was"))
    expect(inset).to_be_visible()
    assert inset.bounding_box()["width"] >= 60
    frame.evaluate("() => Atlas.live.layout()")
    inset_box = inset.bounding_box()
    names = frame.eval_on_selector_all(
        ".atlas-name .atlas-label",
        "ls => ls.filter((l) => l.style.visibility === 'visible').map((l) => {"
        " const r = l.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; })",
    )
    assert not [n for n in names if _overlaps(n, inset_box)]  # a control: names keep off it as off the others
    page.goto(f"{exported.as_uri()}#1953-07-14")
    expect(page.get_by_role("img", name=re.compile("Where the battle was"))).to_be_visible()  # the same drawer


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_a_phone_has_no_room_for_the_inset(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    expect(frame.locator(".atlas-locator")).to_be_hidden()


def test_a_dated_line_tells_how_each_stretch_was_placed(page, app_url, battle):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    pieces = frame.evaluate(
        """() => { const out = []; window.map.eachLayer((l) => {
          if (l.options && l.options.className === 'atlas-stretch') {
            const p = l.getPopup().getContent(); out.push(typeof p === 'function' ? p(l) : p); } });
          return out; }"""
    )
    assert len(pieces) == len(battle.atlas["front_lines"].loc["front-1953-07-14", "stretches"])
    assert all("west to east" in p and "Source:" in p for p in pieces)
    assert frame.locator("path.atlas-stretch").count() == len(pieces)  # on the map, over the line


@pytest.mark.parametrize(("viewport", "touch"), [({"width": 390, "height": 844}, True)])
def test_two_fingers_pinch_the_map_on_a_phone(page, app_url):
    """A real pinch (two touch points through Chromium's input, as a phone sends them), not
    only axe's reading of the viewport meta tag."""
    frame = open_explorer(page, app_url, "1953-07-14")
    before = frame.evaluate("() => window.map.getZoom()")
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)

    def fingers(kind: str, apart: float) -> None:
        points = [{"x": x - apart, "y": y, "id": 0}, {"x": x + apart, "y": y, "id": 1}]
        points = [] if kind == "touchEnd" else points
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    fingers("touchStart", 20)
    for apart in range(30, 130, 10):
        fingers("touchMove", apart)
        page.wait_for_timeout(16)
    fingers("touchEnd", 0)
    frame.wait_for_function("(z) => window.map.getZoom() > z", arg=before)


UNIT_WIDTH = """() => { const u = document.querySelector('.atlas-unit[data-f] .atlas-sym');
  return u && u.getBoundingClientRect().width; }"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}])
def test_units_are_drawn_smaller_on_a_narrow_map_and_full_size_when_it_widens(page, app_url):
    page.goto(f"{app_url}/?date=1953-07-14")
    frame = map_frame(page)
    idle(page)
    settled(frame, "1953-07-14")
    narrow = frame.evaluate(UNIT_WIDTH)
    page.set_viewport_size({"width": 1400, "height": 1000})
    frame.wait_for_function(f"() => ({UNIT_WIDTH})() > {narrow}")
    wide = frame.evaluate(UNIT_WIDTH)
    assert narrow == pytest.approx(0.7 * wide, abs=1)
    settled(frame, "1953-07-14")
    assert _promises(frame, 0) == []


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: str(v["width"]))
def test_opening_the_legend_moves_nothing_on_any_page(page, app_url, exported):
    """The legend lies over the map on every page, not only on the harness page."""
    legend_moves_nothing(open_explorer(page, app_url, "1953-07-14"))
    page.goto(f"{app_url}/Lecture?chapter=4&step=1")
    lecture = map_frame(page)
    idle(page)
    settled(lecture, _lecture_day(page))
    legend_moves_nothing(lecture)
    page.goto(f"{exported.as_uri()}#1953-07-14")
    settled(page, "1953-07-14")
    legend_moves_nothing(page)
