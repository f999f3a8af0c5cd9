"""The order of battle: formations.json loads, every chain is whole, and each rule of the
chain (it resolves, it does not circle, echelons go up, a formation's own position agrees
with it) is reported on the file and entry that break it, without dropping the unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from src.data import JSON_FILES, load_atlas
from src.day import Battle
from src.echelons import ECHELON_RANK
from src.formations import chain, chain_names, formation_findings, unit_findings
from src.text import unit_facts

TOY = {
    "army": {"id": "army", "name": "Field Army", "echelon": "field army", "side": "UNC", "parent": None},
    "corps": {"id": "corps", "name": "A Corps", "echelon": "corps", "side": "UNC", "parent": "army"},
    "div": {"id": "div", "name": "A Division", "echelon": "division", "side": "UNC", "parent": "corps"},
}


def _edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _formation(doc: dict, fid: str) -> dict:
    return next(f for f in doc["formations"] if f["id"] == fid)


def _unit(doc: dict, fid: str) -> dict:
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)["properties"]


def _messages(atlas, file: str) -> list[tuple[str | None, str | None, str]]:
    return [(p.feature, p.field, p.message) for p in atlas.problems if p.file == f"geodata/{file}"]


# --- the pure rules ------------------------------------------------------------------------


def test_a_chain_runs_from_the_formation_to_the_top():
    assert chain(TOY, "div") == ["div", "corps", "army"]
    assert chain_names(TOY, "corps") == ["A Corps", "Field Army"]
    assert chain(TOY, "nowhere") == []
    assert chain(TOY, None) == []
    assert formation_findings(TOY) == []


def test_a_broken_parent_is_found_and_the_chain_stops_there():
    broken = {**TOY, "corps": {**TOY["corps"], "parent": "ghost"}}
    assert chain(broken, "div") == ["div", "corps"]
    assert formation_findings(broken) == [("corps", "parent", "unknown formation 'ghost'")]
    left_out = formation_findings(broken, left_out={"ghost"})
    assert left_out[0].message == "its parent 'ghost' was left out (see formations.json)"


def test_a_cycle_is_found_and_chain_still_ends():
    circle = {**TOY, "army": {**TOY["army"], "parent": "div"}}
    assert chain(circle, "div") == ["div", "corps", "army"]
    found = formation_findings(circle)
    assert any("runs in a circle: div -> corps -> army -> div" in f.message for f in found)
    assert {f.entry for f in found if "circle" in f.message} == {"army", "corps", "div"}


def test_echelons_must_go_up():
    flat = {**TOY, "div": {**TOY["div"], "echelon": "corps"}}
    assert formation_findings(flat) == [
        ("div", "parent", "its parent 'corps' (corps) does not stand above its corps: echelons must go up")
    ]
    unit = {"id": "u", "side": "UNC", "echelon": "army group", "parent": "corps"}
    assert [f.field for f in unit_findings([unit], TOY)] == ["parent"]


def test_a_unit_must_match_the_formation_it_stands_for():
    unit = {"id": "u", "side": "UNC", "echelon": "division", "parent": "corps", "formation": "div"}
    assert unit_findings([unit], TOY) == []
    wrong = {**unit, "side": "PVA", "echelon": "regiment"}
    found = unit_findings([wrong], TOY)
    assert [(f.field, f.message.split(" '")[0]) for f in found] == [
        ("formation", "its side"),
        ("formation", "its echelon"),
    ]
    assert unit_findings([{**unit, "formation": "ghost"}], TOY) == [("u", "formation", "unknown formation 'ghost'")]


def test_the_ranks_cover_exactly_the_echelons_the_schema_allows(atlas):
    assert set(ECHELON_RANK) == set(atlas.schema["$defs"]["echelon"]["enum"])
    assert ECHELON_RANK["army"] == ECHELON_RANK["corps"] < ECHELON_RANK["army group"] == ECHELON_RANK["field army"]
    assert "formations.json" in JSON_FILES


# --- the shipped data ----------------------------------------------------------------------


def test_every_unit_has_a_whole_chain_to_the_top(atlas):
    tops = {"UNC": "eighth-army", "PVA": "cpv-hq"}
    for row in atlas["units"].itertuples():
        ids = chain(atlas.formations, row.parent)
        assert ids, f"{row.id}: parent {row.parent!r} does not resolve"
        assert ids[-1] == tops[row.side], f"{row.id}: {ids}"
        assert atlas.formations[ids[-1]]["parent"] is None
        assert all(atlas.formations[f]["side"] == row.side for f in ids), row.id


def test_the_required_formations_are_there(atlas):
    wanted = {"eighth-army", "ix-corps", "x-corps", "rok-ii-corps", "cpv-hq", "pva-20th-army-group"}
    assert wanted <= set(atlas.formations)
    assert chain(atlas.formations, "rok-ii-corps") == ["rok-ii-corps", "eighth-army"]
    assert all(len(f["short"]) <= 8 for f in atlas.formations.values())


def test_formations_cite_sources_that_were_read(atlas):
    for fid, entry in atlas.formations.items():
        assert atlas.sources[entry["source"]]["consulted"] == "read", fid


def test_the_rok_5th_division_changes_corps_on_its_dates(atlas):
    units = atlas["units"]
    fifth = units[units["name"] == "ROK 5th Division"].sort_values("from")
    spans = [(r["from"], r["to"], r["parent"]) for _, r in fifth.iterrows()]
    assert spans == [
        ("1953-06-10", "1953-06-14", "rok-ii-corps"),
        ("1953-06-15", "1953-06-17", "x-corps"),
        ("1953-06-18", "1953-06-25", "x-corps"),
        ("1953-06-26", "1953-07-13", "rok-ii-corps"),
    ]
    assert {"rok-5-jun", "rok-5-east"} <= set(units.index)  # the old ids stay, on the first part


def test_a_popup_says_what_the_unit_was_part_of(atlas):
    row = atlas["units"].loc["rok-cap-jun"]
    assert unit_facts(row, atlas.formations)[-1] == "Part of: IX Corps, US Eighth Army"
    assert not any(f.startswith("Part of") for f in unit_facts(row))
    rct = unit_facts(atlas["units"].loc["us-187"], Battle(atlas).atlas.formations)
    assert rct[-1] == "Part of: US 2nd Infantry Division, IX Corps, US Eighth Army"


# --- loading and reporting -----------------------------------------------------------------


def test_a_unit_whose_parent_does_not_resolve_is_kept_and_reported(geodata_copy):
    _edit(geodata_copy / "units.geojson", lambda d: _unit(d, "rok-9").update(parent="ghost-corps"))
    atlas = load_atlas(geodata_copy)
    assert "rok-9" in atlas["units"].index
    assert ("rok-9", "parent", "unknown formation 'ghost-corps'") in _messages(atlas, "units.geojson")


def test_a_left_out_formation_is_named_on_the_units_that_point_at_it(geodata_copy):
    _edit(geodata_copy / "formations.json", lambda d: _formation(d, "ix-corps").pop("echelon"))
    atlas = load_atlas(geodata_copy)
    assert "ix-corps" not in atlas.formations
    assert ("ix-corps", None, "'echelon' is a required property") in _messages(atlas, "formations.json")
    units = _messages(atlas, "units.geojson")
    assert ("rok-cap-jun", "parent", "its parent 'ix-corps' was left out (see formations.json)") in units
    assert "rok-cap-jun" in atlas["units"].index


def test_a_cycle_and_a_wrong_echelon_in_the_file_are_reported(geodata_copy):
    def change(doc):
        _formation(doc, "eighth-army")["parent"] = "ix-corps"
        _formation(doc, "pva-60th-army")["echelon"] = "army group"

    _edit(geodata_copy / "formations.json", change)
    found = _messages(load_atlas(geodata_copy), "formations.json")
    assert any(f == "eighth-army" and "circle" in m for f, _, m in found)
    message = "its parent 'pva-20th-army-group' (army group) does not stand above its army group: echelons must go up"
    assert ("pva-60th-army", "parent", message) in found


def test_a_missing_file_leaves_no_formations_and_says_so(geodata_copy):
    (geodata_copy / "formations.json").unlink()
    atlas = load_atlas(geodata_copy)
    assert atlas.formations == {}
    assert _messages(atlas, "formations.json") == [(None, None, "the file is missing")]
    assert _messages(atlas, "units.geojson") == []  # one problem, not one a unit
    assert not any(f.startswith("Part of") for f in unit_facts(atlas["units"].loc["rok-9"], atlas.formations))


@pytest.mark.parametrize("fid", ["us-2", "pva-20ag"])
def test_a_formation_id_that_does_not_match_is_reported(geodata_copy, fid):
    _edit(geodata_copy / "units.geojson", lambda d: _unit(d, fid).update(formation="ix-corps"))
    found = _messages(load_atlas(geodata_copy), "units.geojson")
    assert any(f == fid and field == "formation" for f, field, _ in found), found
