"""Timings of the app's hot paths; prints figures, asserts nothing.

    make bench            # server-side steps
    make bench ARGS=--browser   # also a real browser: click "Next", wait for the new line

What a slider step costs on the server: building the day's feature groups and turning
them into the script streamlit-folium sends (the base map is not rebuilt in the browser).
In the browser: from the click to the new front line drawn, and whether the map survived.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit_folium import _get_feature_group_string, _get_map_string

from src.calendar import all_days
from src.data import load_atlas
from src.day import Battle
from src.mapbuild import base_map, day_layers


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, samples: list[float]) -> None:
    if len(samples) == 1:
        print(f"{name:<52} {samples[0]:8.1f} ms")
    else:
        print(
            f"{name:<52} median {statistics.median(samples):7.1f} ms   max {max(samples):7.1f} ms   (n={len(samples)})"
        )


def main() -> None:
    atlas_holder = {}
    report("load and validate geodata (once per process)", timed(lambda: atlas_holder.setdefault("a", load_atlas())))
    battle = Battle(atlas_holder["a"])
    report("compute geometry of all 48 days (once per process)", timed(battle.series))
    report("base map script (stable: no reload on a step)", timed(lambda: _get_map_string(base_map()), 10))

    def step(day: date) -> None:
        fmap = base_map()
        groups = day_layers(battle, day)
        "".join(_get_feature_group_string(g, fmap, i) for i, g in enumerate(groups))

    report("slider step: day layers + their script (cached day)", [timed(lambda d=d: step(d))[0] for d in all_days()])
    cold = Battle(atlas_holder["a"])
    report("slider step with an uncached day", [timed(lambda d=d: (cold.on(d), step(d)))[0] for d in all_days()[:10]])


def browser_steps(steps: int = 12) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import FRONT_PATH, launch_chromium, map_frame, serve_app

    with serve_app() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/?date=1953-07-01")
        frame = map_frame(page)
        frame.evaluate("() => { window.__kept = true; }")
        samples = []
        for _ in range(steps):
            before = frame.eval_on_selector(FRONT_PATH, "p => p.getAttribute('d')")
            start = time.perf_counter()
            page.get_by_role("button", name="Next ▶").click()
            frame.wait_for_function(
                f"d => document.querySelector('{FRONT_PATH}').getAttribute('d') !== d", arg=before, timeout=10_000
            )
            samples.append((time.perf_counter() - start) * 1000)
            page.wait_for_timeout(300)
        report("browser: click Next → new front line drawn", samples)
        print(f"{'map kept (not reloaded) after all steps':<52} {frame.evaluate('() => window.__kept === true')}")
        browser.close()


if __name__ == "__main__":
    main()
    if "--browser" in sys.argv:
        browser_steps()
