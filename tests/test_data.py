"""The geodata is valid, complete and sourced; broken files are reported precisely."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from src import __main__ as cli
from src.constants import GEODATA_DIR
from src.data import LAYERS, GeodataError, load_atlas, validate

GEOJSON_FILES = sorted(p.name for p in GEODATA_DIR.glob("*.geojson"))


def _edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def _feature(doc: dict, fid: str) -> dict:
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)


# --- the real data ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*GEOJSON_FILES, "sources.json", "formations.json"])
def test_every_file_is_valid(name):
    report = validate()
    problems = report[f"geodata/{name}"]
    assert problems == [], "\n".join(map(str, problems))


def test_every_layer_has_a_file(atlas):
    assert set(atlas.layers) == set(LAYERS)
    assert all(len(atlas[layer]) for layer in LAYERS)


def test_required_front_line_states_are_present(front_lines):
    dates = set(front_lines["date"])
    required = ["1953-06-10", "1953-06-15", "1953-06-18", "1953-07-13", "1953-07-14", "1953-07-16"]
    for day in [*required, "1953-07-20", "1953-07-27"]:
        assert day in dates
    assert set(front_lines["kind"]) == {"mlr", "armistice"}


def test_front_lines_share_their_flanks(front_lines):
    """The measurement model needs one start and one end point for every state."""
    starts = {line.coords[0] for line in front_lines.geometry}
    ends = {line.coords[-1] for line in front_lines.geometry}
    assert len(starts) == 1
    assert len(ends) == 1


def test_front_lines_span_kumhwa_to_mundung_ni(front_lines):
    west, _, east, _ = front_lines.total_bounds
    assert west < 127.47  # the Kumhwa area
    assert east > 128.0  # beyond Mundung-ni, by Heartbreak Ridge


@pytest.mark.parametrize(
    "fid",
    [
        "hill-973",
        "hill-882",
        "hill-938",
        "hill-1220",
        "capitol-hill",
        "finger-ridge",
        "sniper-ridge",
        "arrowhead",
        "heartbreak-ridge",
        "kumsong",
        "kumhwa",
        "mundung-ni",
        "cheorwon",
    ],
)
def test_named_places_are_present(atlas, fid):
    assert fid in atlas["places"].index


def test_hills_say_who_held_them_every_day(atlas):
    hills = atlas["places"][atlas["places"]["kind"].isin(["hill", "ridge"])]
    for row in hills.itertuples():
        periods = sorted(row.control, key=lambda p: p["from"])
        assert periods[0]["from"] <= "1953-06-10", row.id
        assert periods[-1]["to"] >= "1953-07-27", row.id
        for a, b in itertools.pairwise(periods):
            gap = (date.fromisoformat(b["from"]) - date.fromisoformat(a["to"])).days
            assert gap == 1, f"{row.id}: gap or overlap between {a} and {b}"


def test_rivers_and_reservoir_are_present(atlas):
    assert {"pukhan-river", "kumsong-river", "hwachon-reservoir"} <= set(atlas["water"].index)


@pytest.mark.parametrize(
    "unit",
    [
        "ROK 9th",
        "ROK Capital",
        "ROK 6th",
        "ROK 8th",
        "ROK 3rd",
        "ROK 5th",
        "ROK 7th",
        "ROK 11th",
        "ROK 20th",
        "US 2nd",
        "US 3rd",
        "US 40th",
        "US 45th",
        "187th",
        "PVA 24th",
        "PVA 60th",
        "PVA 67th",
        "PVA 68th",
        "PVA 54th",
        "33rd",
        "179th",
        "203rd",
        "204th",
        "72nd",
    ],
)
def test_units_named_by_the_sources_are_present(atlas, unit):
    names = (
        " | ".join(atlas["units"]["name"])
        + " | "
        + " | ".join(n for units in atlas["movements"]["units"] for n in units)
    )
    assert unit in names


def test_timeline_covers_the_battle(atlas):
    days = sorted(atlas["events"]["date"])
    assert days[0] == "1953-06-10"
    assert days[-1] == "1953-07-27"
    assert len(days) >= 15


def test_every_feature_cites_a_known_source(atlas):
    for layer in LAYERS:
        for row in atlas[layer].itertuples():
            assert row.source in atlas.sources, f"{layer}/{row.id}"


CONSULTED = {"read", "read in part", "as cited in"}


def test_every_source_says_how_it_was_consulted(atlas):
    """'read', 'read in part' (with the passages in `extent`) or 'as cited in' the source in `via`."""
    for key, src in atlas.sources.items():
        assert src.get("consulted") in CONSULTED, key
        if src["consulted"] != "read":
            via = atlas.sources.get(src.get("via"), {})
            assert via.get("consulted") == "read", f"{key}: 'via' must name a source that was read"
        if src["consulted"] == "read in part":
            assert src.get("extent"), f"{key}: say which passages were read"


def _primary_sources(atlas):
    for layer in LAYERS:
        for row in atlas[layer].itertuples():
            yield f"{layer}/{row.id}", row.source
    claims = json.loads((GEODATA_DIR / "claims.json").read_text(encoding="utf-8"))["claims"]
    yield from ((f"claims/{c['id']}", c["source"]) for c in claims)


def test_no_feature_cites_as_primary_a_source_it_did_not_read(atlas):
    """A source known only through another is listed in `also` (the app writes 'as cited in'),
    and the feature's `source` is the one that was read."""
    unread = {key for key, src in atlas.sources.items() if src["consulted"] == "as cited in"}
    wrong = [f"{where} -> {key}" for where, key in _primary_sources(atlas) if key in unread]
    assert not wrong, wrong


def test_every_line_says_stretch_by_stretch_what_it_is_drawn_from(atlas):
    """`stretches` cover each line from its first vertex to its last, each one beginning on
    the vertex where the one before ends, and cite known sources."""
    for row in atlas["front_lines"].itertuples():
        parts = row.stretches
        assert parts, row.id
        assert parts[0]["from_vertex"] == 0
        assert parts[-1]["to_vertex"] == len(row.geometry.coords) - 1, row.id
        for before, after in itertools.pairwise(parts):
            assert before["to_vertex"] == after["from_vertex"], row.id
        for part in parts:
            assert part["from_vertex"] < part["to_vertex"], row.id
            for key in [part["source"], *part.get("also", [])]:
                assert key in atlas.sources, f"{row.id}: {key}"
            assert part["certainty"] == "attested" or part.get("uncertainty_m"), row.id


def test_lines_share_the_vertices_of_ground_that_did_not_move(front_lines):
    """Consecutive states share their flank vertices exactly, so the morph keeps them still."""
    ordered = front_lines.sort_values("date").geometry.tolist()
    for a, b in itertools.pairwise(ordered):
        shared = set(a.coords) & set(b.coords)
        assert a.coords[0] in shared
        assert a.coords[-1] in shared
        assert len(shared) >= 10


def test_reconstructed_features_state_their_uncertainty(atlas):
    for layer in LAYERS:
        frame = atlas[layer]
        uncertain = frame[frame["certainty"] != "attested"]
        assert uncertain["uncertainty_m"].notna().all(), layer


# --- broken input -------------------------------------------------------------------------


def test_invalid_json_names_the_file_and_line(geodata_copy):
    (geodata_copy / "units.geojson").write_text('{"type": "FeatureCollection",\n "features": [', encoding="utf-8")
    problems = validate(geodata_copy)["geodata/units.geojson"]
    assert len(problems) == 1
    assert "not valid JSON (line 2" in str(problems[0])


@pytest.mark.parametrize(
    ("fid", "change", "field", "words"),
    [
        ("hill-973", lambda p: p.update(source="nobody1999"), "source", "unknown source key"),
        ("hill-973", lambda p: p.update(certainty="certain"), "certainty", "is not one of"),
        ("hill-973", lambda p: p.pop("uncertainty_m"), None, "'uncertainty_m' is a required property"),
        ("hill-973", lambda p: p.update(colour="red"), None, "Unevaluated properties"),
        ("hill-973", lambda p: p["control"][0].update(to="1953-06-31"), "control.0.to", "not a calendar date"),
    ],
)
def test_a_bad_property_names_feature_and_field(geodata_copy, fid, change, field, words):
    _edit(geodata_copy / "places.geojson", lambda doc: change(_feature(doc, fid)["properties"]))
    problems = validate(geodata_copy)["geodata/places.geojson"]
    assert problems, "the change was not caught"
    text = " / ".join(map(str, problems))
    assert f"feature '{fid}'" in text
    assert words in text
    if field:
        assert any(p.field == field for p in problems), text


def test_dates_outside_the_battle_are_rejected(geodata_copy):
    _edit(geodata_copy / "events.geojson", lambda doc: _feature(doc, "ev-0610")["properties"].update(date="1953-05-31"))
    problems = validate(geodata_copy)["geodata/events.geojson"]
    assert any(p.field == "date" and "outside" in p.message for p in problems)


def test_swapped_coordinates_are_caught(geodata_copy):
    def swap(doc):
        geom = _feature(doc, "kumsong")["geometry"]
        geom["coordinates"] = geom["coordinates"][::-1]

    _edit(geodata_copy / "places.geojson", swap)
    problems = validate(geodata_copy)["geodata/places.geojson"]
    assert any("outside the theatre" in p.message and p.feature == "kumsong" for p in problems)


def test_a_front_line_drawn_east_to_west_is_caught(geodata_copy):
    def reverse(doc):
        geom = _feature(doc, "front-1953-06-18")["geometry"]
        geom["coordinates"].reverse()

    _edit(geodata_copy / "front_lines.geojson", reverse)
    problems = validate(geodata_copy)["geodata/front_lines.geojson"]
    assert [p.message for p in problems] == ["front lines must run west to east"]


def test_a_self_intersecting_polygon_is_explained(geodata_copy):
    bowtie = [[[127.8, 38.1], [127.9, 38.2], [127.9, 38.1], [127.8, 38.2], [127.8, 38.1]]]
    _edit(
        geodata_copy / "water.geojson",
        lambda doc: _feature(doc, "hwachon-reservoir")["geometry"].update(coordinates=bowtie),
    )
    problems = validate(geodata_copy)["geodata/water.geojson"]
    assert any("invalid geometry: Self-intersection" in p.message for p in problems)


def test_duplicate_ids_across_files_are_caught(geodata_copy):
    _edit(geodata_copy / "units.geojson", lambda doc: doc["features"][0]["properties"].update(id="hill-973"))
    problems = [p for ps in validate(geodata_copy).values() for p in ps]
    assert any(p.feature == "hill-973" and "id also used in" in p.message for p in problems)


def test_events_must_name_known_places(geodata_copy):
    _edit(
        geodata_copy / "events.geojson", lambda doc: _feature(doc, "ev-0610")["properties"].update(places=["hill-9999"])
    )
    problems = validate(geodata_copy)["geodata/events.geojson"]
    assert any("unknown place 'hill-9999'" in p.message for p in problems)


def test_a_broken_file_is_left_out_and_the_rest_loads(geodata_copy):
    (geodata_copy / "units.geojson").write_text("not json", encoding="utf-8")
    atlas = load_atlas(geodata_copy)
    assert len(atlas["units"]) == 0
    assert len(atlas["front_lines"]) == len(load_atlas()["front_lines"]) > 0
    assert any(p.file == "geodata/units.geojson" for p in atlas.problems)


def test_strict_loading_raises_with_every_problem(geodata_copy):
    (geodata_copy / "units.geojson").write_text("not json", encoding="utf-8")
    _edit(geodata_copy / "places.geojson", lambda doc: _feature(doc, "kumsong")["properties"].update(source="x"))
    with pytest.raises(GeodataError) as caught:
        load_atlas(geodata_copy, strict=True)
    assert len(caught.value.problems) == 2
    assert "units.geojson" in str(caught.value)
    assert "feature 'kumsong'" in str(caught.value)


def test_validate_command_prints_a_line_per_file(capsys, geodata_copy):
    assert cli.main(["validate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "geodata/front_lines.geojson: ok" in out
    every = len(GEOJSON_FILES) + 5  # with schema, sources, formations, chapters and claims
    assert out[-2] == f"{every} of {every} files valid"
    assert out[-1] == "cross-layer: units and hills on their side of every dated line: ok"

    (geodata_copy / "units.geojson").write_text("[]", encoding="utf-8")
    assert cli.main(["validate", "--geodata", str(geodata_copy)]) == 1
    out = capsys.readouterr().out
    assert "units.geojson: 1 problem(s)" in out


def test_the_kumsong_river_runs_past_kumsong_and_along_the_armistice_line(atlas):
    """Two independent datasets (OSM rivers, KOSTAT/NGII boundary) should agree with the
    sources: the river passes the town, and the line of 27 July follows its lower course."""
    from shapely.geometry import box

    from src.measure import to_utm

    river = to_utm(atlas["water"].loc["kumsong-river"].geometry)
    town = to_utm(atlas["places"].loc["kumsong"].geometry)
    armistice = atlas["front_lines"].loc["front-1953-07-27"].geometry
    lower_river = to_utm(atlas["water"].loc["kumsong-river"].geometry.intersection(box(127.70, 38.0, 127.75, 38.6)))
    lower_line = to_utm(armistice.intersection(box(127.70, 38.0, 127.75, 38.6)))
    assert river.distance(town) < 1_000
    assert lower_river.hausdorff_distance(lower_line) < 2_000  # never more than 2 km apart over 4.4 km


def test_units_and_hills_lie_on_their_side_of_the_front(atlas):
    """Separately sourced layers must agree on every dated line: a UNC unit or hill south of
    it, a PVA one north (within SIDE_TOLERANCE_M, 50 m, of the line counts as on it)."""
    from src.consistency import side_conflicts
    from src.day import Battle

    assert side_conflicts(Battle(atlas)) == []


def test_a_unit_on_the_wrong_side_is_caught(geodata_copy):
    from src.consistency import side_conflicts
    from src.day import Battle

    _edit(
        geodata_copy / "units.geojson",
        lambda doc: _feature(doc, "rok-6-jun")["geometry"].update(coordinates=[127.60, 38.45]),
    )
    atlas = load_atlas(geodata_copy)
    conflicts = side_conflicts(Battle(atlas))
    unit = atlas["units"].loc["rok-6-jun"]
    dated = sorted(d for d in atlas["front_lines"]["date"] if unit["from"] <= d <= unit["to"])
    assert [c[:3] for c in conflicts] == [("rok-6-jun", d, "UNC") for d in dated]
    assert len(dated) >= 3


def test_an_unreadable_file_is_reported_without_the_server_path(geodata_copy):
    (geodata_copy / "units.geojson").write_bytes(b'{"type": "FeatureCollection", "name": "\xff"}')
    (geodata_copy / "events.geojson").unlink()
    (geodata_copy / "events.geojson").mkdir()  # a folder where the file should be: an OSError
    report = validate(geodata_copy)
    assert [p.message for p in report["geodata/units.geojson"]] == ["not UTF-8 text (byte 39)"]
    assert [p.message for p in report["geodata/events.geojson"]] == ["cannot read the file: Is a directory"]
    assert all(str(geodata_copy) not in str(p) for problems in report.values() for p in problems)


def test_citations_read_as_citations_for_every_kind_of_source(atlas):
    """An unnamed author is not cited as 'not named'; a work read in a quotation says where."""
    cites = {key: atlas.cite(key) for key in atlas.sources}
    assert [c for c in cites.values() if "not named" in c] == []
    assert cites["h114390_jincheng"] == "1953年7月13日: 金城战役开始 (114390.com, 2024)"
    assert cites["shuoxu_hansin"].endswith(", as quoted in an online book on m.shuoxu.com")
    assert cites["shuoxu_hansin"].startswith("韩信 (Han Sin) (1976) memoir of June 1953")
