"""Every figure the evidence page computes, and the data it hands out."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest

from src.data import LAYERS
from src.evidence import (
    TIMELINE_FILE,
    TOPICS,
    data_zip,
    depth_profile,
    feature_table,
    ground_series,
    load_claims,
    names_table,
    timeline_csv,
)


@pytest.fixture(scope="module")
def claims(atlas):
    claims, problems = load_claims(atlas)
    assert problems == []
    return claims


def _value(claims, cid: str) -> int:
    return int(claims.frame.set_index("id").loc[cid, "value"])


def test_every_topic_has_figures_from_more_than_one_claimant(claims):
    for topic in TOPICS:
        frame = claims.topic(topic)
        assert len(frame) >= 2
        assert frame["claimant"].nunique() >= 2 or topic == "phase"


@pytest.mark.parametrize(
    ("cid", "parts"),
    [
        ("rok-losses-chae", [2689, 7548, 4136]),  # Chae et al. 2001: killed, wounded, missing
        ("rok-losses-un", [1701, 7548, 4136]),  # dmook2025 quoting the UN count
        ("unc-losses-chinese", [47661, 2766]),  # Xue 1990: casualties and captured
        ("pva-losses-chinese", [9187, 12391]),  # Xue 1990: killed and wounded
        ("pva-losses-un-count", [27216, 38700]),  # dmook2025
    ],
)
def test_totals_add_up_from_their_parts(claims, cid, parts):
    assert _value(claims, cid) == sum(parts)
    counts = claims.frame.set_index("id").loc[cid, "counts"]
    assert all(f"{p:,}" in counts for p in parts)


def test_the_estimates_of_chinese_losses_disagree_threefold(claims):
    pva = claims.topic("losses").query("subject == 'PVA'")
    assert pva["value"].max() / pva["value"].min() > 3


def test_every_claim_names_its_source(claims, atlas):
    assert claims.frame["citation"].str.len().min() > 10
    assert set(claims.frame["source"]) <= set(atlas.sources)


def test_a_claim_with_an_unknown_source_is_left_out(atlas, tmp_path):
    from src.evidence import CLAIMS_FILE

    doc = json.loads(CLAIMS_FILE.read_text(encoding="utf-8"))
    doc["claims"][0]["source"] = "rumour"
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    claims, problems = load_claims(atlas, path)
    assert doc["claims"][0]["id"] not in set(claims.frame["id"])
    assert len(claims.frame) == len(doc["claims"]) - 1
    assert [(p.feature, p.message) for p in problems] == [(doc["claims"][0]["id"], "unknown source 'rumour'")]


def test_ground_series_matches_the_map(battle):
    series = ground_series(battle)
    assert len(series) == 48
    assert series.iloc[0]["lost_km2"] == 0
    on_16 = series.set_index("day").loc[date(1953, 7, 16)]
    assert on_16["lost_km2"] == pytest.approx(battle.on(date(1953, 7, 16)).since_start.area_km2, abs=0.01)
    assert on_16["front"] == "dated state"
    deepest = series.loc[series["lost_km2"] >= series["lost_km2"].max() - 0.01, "day"]
    assert list(deepest) == [date(1953, 7, 15), date(1953, 7, 16)]  # the 16 July state repeats 15 July's line


def test_depth_profile_peaks_at_the_deepest_point(battle):
    day = date(1953, 7, 16)
    profile = depth_profile(battle, day)
    assert profile["depth_km"].max() == pytest.approx(battle.on(day).since_start.max_depth_km, abs=0.5)
    assert profile["depth_km"].iloc[0] == 0  # the west flank did not move
    assert profile["along_km"].is_monotonic_increasing


def test_the_feature_table_lists_every_feature_once(atlas):
    table = feature_table(atlas)
    assert len(table) == sum(len(atlas[layer]) for layer in LAYERS)
    assert table["id"].is_unique
    assert table["source"].str.len().min() > 5


def test_the_feature_table_speaks_the_chosen_language(atlas):
    korean = feature_table(atlas, "ko").set_index("id")
    assert korean.loc["kumsong", "name"] == "금성"
    assert feature_table(atlas, "zh").set_index("id").loc["kumsong", "name"] == "金城"


def test_names_carry_korean_chinese_and_old_spellings(atlas):
    names = names_table(atlas).set_index("English")
    assert names.loc["Kumsong", "한국어"] == "금성"
    assert "Kimsong" in names.loc["Kumsong", "other spellings"]


def test_timeline_csv_opens_cleanly_in_a_spreadsheet_and_is_cited(atlas):
    data = timeline_csv(atlas)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Korean and Chinese right
    text = data.decode("utf-8-sig")
    assert text.split("\n", 1)[0].startswith("date,end,title")  # no comment line before the header
    assert "CC-BY-4.0" in TIMELINE_FILE
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(atlas["events"])
    assert rows[0]["date"] == "1953-06-10"
    assert all(row["source"] for row in rows)


def test_the_zip_holds_valid_geojson_and_the_licence():
    with zipfile.ZipFile(io.BytesIO(data_zip())) as archive:
        names = archive.namelist()
        assert "kumsong-1953/LICENCE.txt" in names
        geojson = [n for n in names if n.endswith(".geojson")]
        assert len(geojson) == 6
        for name in geojson:
            doc = json.loads(archive.read(name))
            assert doc["type"] == "FeatureCollection"
            assert doc["features"]


def test_the_derived_phases_are_valid_geojson(atlas):
    from src.evidence import phases_geojson

    doc = json.loads(phases_geojson(atlas))
    assert doc["features"][0]["properties"]["id"] == "salient"
    assert len(doc["features"]) >= 5
    assert all(f["properties"]["area_km2"] > 0 for f in doc["features"])


def test_feature_search_is_plain_text_and_an_empty_query_keeps_every_row(atlas):
    from src.evidence import feature_table, search_features

    table = feature_table(atlas)
    assert len(search_features(table, "")) == len(table)
    hills = search_features(table, "hill 973")
    assert hills["name"].str.contains("973").any()  # the hill itself, and rows whose notes name it
    assert search_features(table, "[(*").empty  # a regex metacharacter is text, not an error


def test_the_derived_downloads_start_with_the_zip_and_all_produce_bytes(atlas):
    from src.evidence import downloads

    items = downloads(atlas)
    assert items[0].file_name.endswith(".zip")
    for item in items:
        data = item.data() if callable(item.data) else item.data
        assert len(data) > 100, item.file_name
