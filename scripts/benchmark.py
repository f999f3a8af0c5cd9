"""Timings of the app's hot paths; prints figures, asserts nothing.

    make bench

What a slider step costs on the server: building the day's feature groups and turning
them into the script streamlit-folium sends (the base map is not rebuilt in the browser).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit_folium import _get_feature_group_string, _get_map_string

from src.data import load_atlas
from src.day import Battle
from src.mapbuild import base_map, day_layers
from src.timeline import all_days


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


if __name__ == "__main__":
    main()
