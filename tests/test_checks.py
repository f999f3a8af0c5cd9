"""Independent checks of the lines against figures they were not drawn from (src/checks.py)."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from src import checks
from src.constants import GEODATA_DIR, WGS84
from src.measure import to_lonlat


@pytest.mark.parametrize("check", checks.CHECKS, ids=lambda c: c.id)
def test_each_check_gives_the_verdict_the_readme_states(check, atlas):
    """The verdicts record where the atlas stands against each source (geodata/README.md says
    the same). A change of the lines that flips one must be looked at, and the README updated:
    the verdict is never tuned by moving a line toward the figure."""
    outcome = checks.evaluate(check, atlas["front_lines"], atlas["places"])
    assert outcome.verdict == check.verdict, f"{check.id}: the atlas gives {outcome.value:.2f}"


@pytest.mark.parametrize("check", checks.CONSTRUCTION, ids=lambda c: c.id)
def test_construction_figures_are_met(check, atlas):
    """Construction tests, not checks: the lines were drawn from these figures, so this only
    shows that the drawing did what the README says it did."""
    assert checks.evaluate(check, atlas["front_lines"], atlas["places"]).agrees


def test_no_check_reuses_a_figure_the_lines_were_drawn_from():
    drawn = {(c.source, c.says) for c in checks.CONSTRUCTION}
    assert not drawn & {(c.source, c.says) for c in checks.CHECKS}
    ids = [c.id for c in checks.CHECKS + checks.CONSTRUCTION]
    assert len(ids) == len(set(ids))


def test_checks_cite_sources_that_were_read(atlas):
    for check in checks.CHECKS + checks.CONSTRUCTION:
        assert atlas.sources[check.source]["consulted"] in ("read", "read in part"), check.id
        assert check.low <= check.high
        assert check.measure in (*checks.MEASURES, "regained_share", "behind_km")


def test_both_sides_figures_are_checked():
    assert {c.side for c in checks.CHECKS} == {"UNC", "ROK", "PVA"}
    assert {c.verdict for c in checks.CHECKS} == {"agrees", "disagrees"}


def test_the_readme_states_every_verdict():
    readme = (GEODATA_DIR / "README.md").read_text(encoding="utf-8")
    for check in checks.CHECKS:
        row = next((line for line in readme.splitlines() if f"`{check.id}`" in line), "")
        assert re.search(rf"\b{check.verdict}\b", row), (
            f"geodata/README.md has no row for {check.id} saying {check.verdict}"
        )


def test_the_table_has_a_row_per_figure(atlas):
    frame = checks.table(atlas["front_lines"], atlas["places"], atlas.cite)
    assert len(frame) == len(checks.CHECKS) + len(checks.CONSTRUCTION)
    assert set(frame["role"]) == {"independent check", "drawn from (not a check)"}
    assert set(frame["verdict"]) <= {"agrees", "disagrees"}
    assert frame["source"].str.len().min() > 10


@pytest.fixture
def step_lines():
    """Three lines 20 km long: the second 2 km south along its middle 10 km, the third back on the first."""
    x0, y0 = 400_000, 4_240_000
    flat = LineString([(x0, y0), (x0 + 20_000, y0)])
    step = LineString(
        [
            (x0, y0),
            (x0 + 5_000, y0),
            (x0 + 5_000, y0 - 2_000),
            (x0 + 15_000, y0 - 2_000),
            (x0 + 15_000, y0),
            (x0 + 20_000, y0),
        ]
    )
    lines = [to_lonlat(flat), to_lonlat(step), to_lonlat(flat)]
    return gpd.GeoDataFrame({"date": ["1953-07-13", "1953-07-16", "1953-07-20"]}, geometry=lines, crs=WGS84)


def test_the_measures_on_a_known_step(step_lines):
    def value(measure, earlier="1953-07-13", later="1953-07-16", **kw):
        check = checks.Check("x", "", measure, earlier, later, 0, 0, 0, "k", "", "UNC", "agrees", **kw)
        return checks.evaluate(check, step_lines, kw.get("places")).value

    assert value("area_km2") == pytest.approx(20.0, rel=1e-3)
    assert value("width_km") == pytest.approx(10.0, rel=1e-3)
    assert value("mean_depth_km") == pytest.approx(2.0, rel=1e-3)
    assert value("max_depth_km") == pytest.approx(2.0, rel=1e-2)
    assert value("regained_share") == pytest.approx(1.0, rel=1e-3)


def test_behind_measures_a_place_from_the_later_line(step_lines):
    x0, y0 = 400_000, 4_240_000
    places = gpd.GeoDataFrame({"id": ["hill"]}, geometry=[to_lonlat(Point(x0 + 10_000, y0))], crs=WGS84)
    check = checks.Check(
        "x", "", "behind_km", "1953-07-13", "1953-07-16", 0, 1.9, 2.1, "k", "", "UNC", "agrees", place="hill"
    )
    assert checks.evaluate(check, step_lines, places).agrees


def test_a_sector_depth_counts_only_the_ground_between_its_longitudes(step_lines):
    """The step is 2 km deep between 5 and 15 km along; a sector west of it sees nothing."""
    a, b = step_lines.geometry.iloc[0], step_lines.geometry.iloc[1]
    west, _, east, _ = a.bounds
    third = (east - west) / 3
    assert checks.depth_within_km(a, b, west, west + third) == pytest.approx(2.0, rel=1e-2)
    assert checks.depth_within_km(a, b, west, west + 0.2 * third) == 0.0
    check = checks.Check(
        "x", "", "max_depth_km", "1953-07-13", "1953-07-16", 0, 1.9, 2.1, "k", "", "UNC", "agrees", sector=(west, east)
    )
    assert checks.evaluate(check, step_lines).agrees


def test_the_west_sector_ends_where_the_13_july_line_crosses_the_kumsong_river(atlas):
    line = atlas["front_lines"].loc["front-1953-07-13"].geometry
    river = atlas["water"].loc["kumsong-river"].geometry
    crossing = line.intersection(river)
    assert crossing.geom_type == "Point"
    assert crossing.x == pytest.approx(checks.KUMSONG_RIVER_ON_13_JULY, abs=0.001)  # about 90 m
    sectored = [c for c in checks.CHECKS if c.sector is not None]
    assert sectored
    assert all(c.sector[1] == checks.KUMSONG_RIVER_ON_13_JULY for c in sectored)
