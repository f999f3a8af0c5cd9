"""Timings of the app's hot paths; prints figures, asserts nothing.

    make bench                  # server side: load, the scene, a step's script
    make bench ARGS=--browser   # also real Chromium: the app against a bare Streamlit page

In the browser every figure is set beside the floor measured in the same run: a bare
Streamlit page (scripts/floor_app.py) whose select_slider only changes a line of text.
No design that goes through the server can step faster than that floor.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402

from src.calendar import all_days  # noqa: E402
from src.data import load_atlas  # noqa: E402
from src.day import Battle  # noqa: E402
from src.layers import LAYER_LABELS  # noqa: E402
from src.mapbuild import base_map, day_step  # noqa: E402
from src.scene import build_scene  # noqa: E402

FRONT = 'path[stroke="#111111"]'


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(name: str, samples: list[float], floor: float | None = None) -> None:
    ratio = f"   {statistics.median(samples) / floor:4.2f}× floor" if floor else ""
    if len(samples) == 1:
        print(f"{name:<56} {samples[0]:8.1f} ms{ratio}")
    else:
        print(
            f"{name:<56} median {statistics.median(samples):7.1f} ms   p95 {p95(samples):7.1f} ms"
            f"   (n={len(samples)}){ratio}"
        )


def server() -> None:
    holder = {}
    report("load and validate geodata (once per process)", timed(lambda: holder.setdefault("a", load_atlas())))
    battle = Battle(holder["a"])
    report("geometry of all 48 days (once per process)", timed(battle.series))
    report("the scene: every day's records (once per process)", timed(lambda: build_scene(battle)))
    report("base map script with the scene (cached scene)", timed(lambda: _get_map_string(base_map(battle)), 10))

    def step(day) -> None:
        _get_feature_group_string(day_step(day, tuple(LAYER_LABELS)), base_map(battle))

    report("a step's script (what the component receives)", [timed(lambda d=d: step(d))[0] for d in all_days()])


# Timed inside the page, for the floor and the app alike: from the press (the first keydown
# or click the page sees) to the first animation frame at which each check holds.
WATCH = """(checks) => {
  const t = {};
  const start = () => { if (t.press === undefined) t.press = performance.now(); };
  document.addEventListener("keydown", start, { capture: true, once: true });
  document.addEventListener("click", start, { capture: true, once: true });
  const tests = Object.entries(checks).map(([name, body]) => [name, new Function(body)]);
  window.__timed = new Promise((resolve) => {
    setTimeout(() => resolve(t), 15000); // what never held is missing: _timed says so
    const tick = () => {
      if (t.press !== undefined) {
        for (const [name, test] of tests) {
          try { if (t[name] === undefined && test()) t[name] = performance.now() - t.press; } catch (e) {}
        }
        if (tests.every(([name]) => t[name] !== undefined)) return resolve(t);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}"""
MAP_DAY = (
    "const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
    " return f.contentDocument.querySelector('.leaflet-container').dataset.day === ISO;"
)
HEADING = "const h = document.querySelector('.atlas-day h2'); return h && h.textContent === LABEL;"
SERVED = "return document.querySelector('.st-key-share code').textContent.includes('date=' + ISO);"
FLOOR_TEXT = "return [...document.querySelectorAll('p')].some((p) => p.textContent === 'Shown: ' + ISO);"
# A first load, timed inside the page as the steps are: from the navigation's start (the
# page's time origin) to the first animation frame at which the check holds.
FIRST = """(body) => {
  if (window !== window.top) return; // init scripts run in every frame: the map's too
  const test = new Function(body);
  const tick = () => { try { if (test()) { window.__first = performance.now(); return; } } catch (e) {}
    requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""
FIRST_MAP = (
    "const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
    f" return !!f.contentDocument.querySelector({json.dumps(FRONT)});"
)
FIRST_TEXT = f"const ISO = '1953-06-10'; {FLOOR_TEXT}"


def _first(browser, url: str, check: str) -> float:
    """A fresh page (a new context: nothing cached) loading `url`: ms to `check` holding."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(f"({FIRST})({json.dumps(check)})")
    page.goto(url)
    page.wait_for_function("() => window.__first !== undefined", timeout=60_000)
    first = page.evaluate("() => window.__first")
    page.close()
    return first


def _timed(page, press, checks: dict[str, str], iso: str, label: str = "") -> dict[str, float]:
    bound = {name: f"const ISO = {iso!r}, LABEL = {label!r}; {body}" for name, body in checks.items()}
    page.evaluate(WATCH, bound)
    press()
    timed = page.evaluate("() => window.__timed")
    missing = set(checks) - set(timed)
    if missing:
        raise RuntimeError(f"after 15 s still not shown: {', '.join(sorted(missing))} ({iso})")
    return timed


def _floor(browser, url: str, steps: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/")
    page.get_by_text("Shown: 1953-06-10").wait_for()
    slider = page.get_by_role("slider")
    samples = []
    for i in range(steps):
        slider.focus()
        timed = _timed(page, lambda: page.keyboard.press("ArrowRight"), {"text": FLOOR_TEXT}, f"1953-06-{11 + i}")
        samples.append(timed["text"])
        page.wait_for_timeout(200)
    page.close()
    return samples


def _frame(page):
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_selector(FRONT)
    return frame


def _app(browser, url: str, steps: int, how: str) -> tuple[dict[str, list[float]], bool]:
    """A step by `how` ("key": ArrowRight on the slider, "n": Next's key, "next": a click on
    the Next button, dispatched in the page as Playwright's keyboard presses are, without its
    wait for the button to be stable): the times to the new day drawn on the map ("map"), to
    the day's heading ("text") and to the server's rerun shown, the share link's new date
    ("served"); whether the map was kept."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/?date=1953-06-12")
    frame = _frame(page)
    frame.evaluate("() => { window.__kept = true; }")
    frame.locator('.leaflet-container[data-panels="ready"]').wait_for()
    presses = {
        "key": lambda: page.keyboard.press("ArrowRight"),
        "n": lambda: page.keyboard.press("n"),
        "next": lambda: page.evaluate("() => document.querySelector('.st-key-step_next button').click()"),
    }
    checks = {"map": MAP_DAY, "text": HEADING, "served": SERVED}
    samples = {name: [] for name in checks}
    for i in range(steps):
        if how == "key":
            page.get_by_role("slider").focus()
        timed = _timed(page, presses[how], checks, f"1953-06-{13 + i:02d}", f"{13 + i} Jun 1953")
        for name in samples:
            samples[name].append(timed[name])
        page.wait_for_timeout(200)
    kept = frame.evaluate("() => window.__kept === true")
    page.close()
    return samples, kept


def _offline(browser, steps: int) -> tuple[list[float], int]:
    import tempfile

    from src.chapters import load_chapters
    from src.export import write_export

    atlas = load_atlas()
    path = write_export(Battle(atlas), load_chapters(sources=atlas.sources)[0], Path(tempfile.mkdtemp()))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(path.as_uri())
    page.wait_for_selector(FRONT)
    samples = page.evaluate(
        """(n) => { const s = document.getElementById('day'); const out = [];
        for (let i = 1; i <= n; i++) { const t = performance.now(); s.value = String(i);
          s.dispatchEvent(new Event('input')); out.push(performance.now() - t); } return out; }""",
        steps,
    )
    page.close()
    return samples, path.stat().st_size


FIRST_LOADS = 5


def browser(steps: int = 15) -> None:
    from playwright.sync_api import sync_playwright

    from src import liveapp

    with sync_playwright() as playwright:
        chromium = liveapp.launch_chromium(playwright)
        # A first load is one sample of a noisy thing (the floor's has ranged 0.8-1.2 s in a
        # session): each side's is the median of FIRST_LOADS pages, each with a fresh cache.
        with liveapp.serve(ROOT / "scripts" / "floor_app.py", ROOT / "test-results" / "floor.log") as url:
            _floor(chromium, url, 3)  # warm the server
            floor = _floor(chromium, url, steps)
            floor_first = [_first(chromium, f"{url}/", FIRST_TEXT) for _ in range(FIRST_LOADS)]
        with liveapp.serve("app.py", ROOT / "test-results" / "bench.log") as url:
            _app(chromium, url, 2, "next")  # warm: the first session computes the scene
            steps_by = {}
            steps_by["slider key"], _ = _app(chromium, url, steps, "key")
            steps_by["N (Next's key)"], _ = _app(chromium, url, steps, "n")
            steps_by["Next"], kept = _app(chromium, url, steps, "next")
            first = [_first(chromium, f"{url}/?date=1953-06-12", FIRST_MAP) for _ in range(FIRST_LOADS)]
        offline, size = _offline(chromium, steps)
        chromium.close()
    base = statistics.median(floor)
    report("floor: bare page, slider key → new text", floor)
    report("floor: first paint", floor_first)
    what = {"map": "the day drawn on the map", "text": "the day's text", "served": "the server's rerun shown"}
    for how, samples in steps_by.items():
        for name, label in what.items():
            report(f"explorer: {how} → {label}", samples[name], base)
    report("explorer: first map (to the floor's first paint)", first, statistics.median(floor_first))
    print(f"{'explorer: map kept (not reloaded) after all steps':<56} {kept}")
    report("offline file: slider step (script time, one frame)", offline)
    print(f"{'offline file size':<56} {size / 1e6:8.2f} MB")


if __name__ == "__main__":
    server()
    if "--browser" in sys.argv:
        browser()
