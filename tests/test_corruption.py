"""Broken data never breaks a page: every data file, corrupted in every way that applies.

For each (file, corruption), on a scratch copy of geodata/ that the app is pointed at
through KUMSONG_GEODATA: `python -m src validate` names the problem and exits 1; all three
pages run with no exception and show the problem notice (one AppTest session over all of
them); the offline export works without the broken feature, or fails with a clear
message. The real geodata/ is never touched (hashed before and after).
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from src import __main__ as cli
from src import session
from src.constants import GEODATA_DIR, GEODATA_ENV, MAX_FILE_BYTES
from src.data import packaged_schema
from src.export import export_html
from src.library import report

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("pages/0_Explorer.py", "pages/1_Lecture.py", "pages/2_Evidence.py")
NOTICE = "could not be read"
CLI_CASES = ("invalid-json", "very-large")  # where the validate command itself is run
SCRIPT = "<script>alert(1)</script>"


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module", autouse=True)
def real_geodata_untouched():
    before = _digest(GEODATA_DIR)
    yield
    assert _digest(GEODATA_DIR) == before, "a corruption test modified the real geodata/"


# --- corruptions ---------------------------------------------------------------------------

Edit = Callable[[Path], None]


def _text(change: Callable[[str], str]) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return edit


def _doc(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        doc = json.loads(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")

    return edit


INVALID_JSON = _text(lambda text: text.replace("{", "{,", 2))
TRUNCATED = _text(lambda text: text[: len(text) // 2])
VERY_LARGE = _text(lambda text: text[:-1] + " " * (MAX_FILE_BYTES + 1) + text[-1])


def _feature(fid: str, change: Callable[[dict], None]) -> Edit:
    """Change one feature of a GeoJSON file (the whole feature: properties and geometry)."""

    def apply(doc: dict) -> None:
        change(next(f for f in doc["features"] if f["properties"]["id"] == fid))

    return _doc(apply)


def _props(fid: str, change: Callable[[dict], None]) -> Edit:
    return _feature(fid, lambda f: change(f["properties"]))


def _one_point(feature: dict) -> None:
    geom = feature["geometry"]
    geom["coordinates"] = [geom["coordinates"][0]]  # a line of one point; a point of one number


def _swap(feature: dict) -> None:
    def swap(coords):
        return [coords[1], coords[0]] if isinstance(coords[0], int | float) else [swap(c) for c in coords]

    feature["geometry"]["coordinates"] = swap(feature["geometry"]["coordinates"])


def _duplicate_feature(fid: str) -> Edit:
    def apply(doc: dict) -> None:
        doc["features"].append(copy.deepcopy(next(f for f in doc["features"] if f["properties"]["id"] == fid)))

    return _doc(apply)


def _entry(member: str, index: int, change: Callable[[dict], None]) -> Edit:
    return _doc(lambda doc: change(doc[member][index]))


def _duplicate_entry(member: str, index: int) -> Edit:
    return _doc(lambda doc: doc[member].append(copy.deepcopy(doc[member][index])))


def _set(key: str, value) -> Callable[[dict], None]:
    return lambda obj: obj.__setitem__(key, value)


def _pop(key: str) -> Callable[[dict], None]:
    return lambda obj: obj.pop(key)


@dataclass(frozen=True)
class Case:
    file: str
    name: str
    edit: Edit
    words: str  # what `validate` must say
    gone: str | None = None  # an id that must not reach the offline file
    flagged: str | None = None  # the file validate must flag, if not the broken one

    @property
    def id(self) -> str:
        return f"{self.file}-{self.name}"


# One feature a layer to break: (id, the date field it has, a wrong-typed value for one field).
TARGETS = {
    "front_lines.geojson": ("front-1953-06-18", "date", ("label", 18)),
    "places.geojson": ("hill-973", None, ("control", "UNC")),  # the reviewer's case: control not a list
    "water.geojson": ("kumsong-river", None, ("name", 7)),
    "units.geojson": ("rok-cap-jun", "from", ("uncertainty_m", "far")),
    "movements.geojson": ("mv-0610-973", "to", ("units", "PVA 60th")),
    "events.geojson": ("ev-0610", "date", ("summary", {"text": "x"})),
}
BAD_DATES = {"date": "1953-06-31", "from": "1953-05-12", "to": "1953-08-15"}  # malformed or outside the window


def _geojson_cases(file: str) -> list[Case]:
    fid, date_field, (typed_field, typed_value) = TARGETS[file]
    # Only ids the offline file keys by can be checked there; a front line or a water body is kept by value.
    gone = fid if file in ("units.geojson", "movements.geojson", "events.geojson", "places.geojson") else None
    cases = [
        Case(file, "invalid-json", INVALID_JSON, "not valid JSON"),
        Case(file, "truncated", TRUNCATED, "not valid JSON"),
        Case(file, "missing-required", _props(fid, _pop("name")), "'name' is a required property", gone),
        Case(file, "wrong-type", _props(fid, _set(typed_field, typed_value)), "is not of type", gone),
        Case(file, "one-point-geometry", _feature(fid, _one_point), "geometry", gone),
        Case(file, "lon-lat-swapped", _feature(fid, _swap), "outside the theatre", gone),
        Case(
            file, "unknown-source", _props(fid, _set("source", "nobody1999")), "unknown source key 'nobody1999'", gone
        ),
        Case(file, "duplicate-id", _duplicate_feature(fid), "id also used in", None),
        Case(file, "html-in-text", _props(fid, _set("name", SCRIPT)), "must not contain HTML", gone),
        Case(file, "very-large", VERY_LARGE, "over the limit"),
    ]
    if date_field:
        bad = BAD_DATES[date_field]
        cases.append(Case(file, "bad-date", _props(fid, _set(date_field, bad)), bad, gone))
    if file == "places.geojson":
        bad_period = _props(fid, lambda p: p["control"][0].update({"to": "1953-02-30"}))
        cases.append(Case(file, "bad-date", bad_period, "1953-02-30", gone))
    if file == "water.geojson":
        bowtie = [[[127.8, 38.1], [127.9, 38.2], [127.9, 38.1], [127.8, 38.2], [127.8, 38.1]]]
        reservoir = _feature("hwachon-reservoir", lambda f: f["geometry"].update(coordinates=bowtie))
        cases.append(Case(file, "invalid-geometry", reservoir, "Self-intersection"))
    if file == "events.geojson":  # the reviewer's case: an event naming a place that does not exist
        cases.append(Case(file, "unknown-place", _props(fid, _set("places", ["hill-9999"])), "unknown place", gone))
    if file == "front_lines.geojson":
        reversed_line = _feature(fid, lambda f: f["geometry"]["coordinates"].reverse())
        cases.append(Case(file, "invalid-geometry", reversed_line, "west to east"))
    return cases


def _json_cases() -> list[Case]:
    chapters, claims, sources, formations = "chapters.json", "claims.json", "sources.json", "formations.json"

    def chapter(change):
        return _entry("chapters", 2, change)  # the lull

    def claim(change):
        return _entry("claims", 0, change)

    def formation(change):
        return _entry("formations", 1, change)  # IX Corps

    def source(change):
        return _doc(lambda doc: change(doc["sources"]["time1953"]))

    duplicate_source = _text(lambda t: t.replace('"sources": {', '"sources": {\n  "time1953": {"title": "Again"},', 1))
    return [
        Case(chapters, "invalid-json", INVALID_JSON, "not valid JSON"),
        Case(chapters, "truncated", TRUNCATED, "not valid JSON"),
        Case(chapters, "missing-required", chapter(_pop("title")), "'title' is a required property"),
        Case(chapters, "wrong-type", chapter(_set("points", "one long point")), "is not of type 'array'"),
        Case(chapters, "bad-date", chapter(_set("start", "1953-13-01")), "1953-13-01"),
        Case(chapters, "date-out-of-range", chapter(_set("end", "1953-05-01")), "1953-05-01"),
        Case(chapters, "one-point-geometry", chapter(_set("bounds", [[38.3, 127.6]])), "bounds"),
        Case(chapters, "lon-lat-swapped", chapter(_set("bounds", [[127.1, 38.2], [128.08, 38.45]])), "swapped"),
        Case(chapters, "unknown-source", chapter(_set("sources", ["nobody1999"])), "unknown source 'nobody1999'"),
        Case(chapters, "duplicate-id", _duplicate_entry("chapters", 2), "id used twice"),
        Case(chapters, "html-in-text", chapter(lambda c: c["points"][0].update(key=SCRIPT)), "must not contain HTML"),
        Case(chapters, "very-large", VERY_LARGE, "over the limit"),
        Case(claims, "invalid-json", INVALID_JSON, "not valid JSON"),
        Case(claims, "truncated", TRUNCATED, "not valid JSON"),
        Case(claims, "missing-required", claim(_pop("value")), "'value' is a required property"),
        Case(claims, "wrong-type", claim(_set("value", "many")), "is not of type 'number'"),
        Case(claims, "out-of-range", claim(_set("value", -5)), "less than or equal to the minimum"),
        Case(claims, "unknown-topic", claim(_set("topic", "morale")), "unknown topic 'morale'"),
        Case(claims, "unknown-source", claim(_set("source", "nobody1999")), "unknown source 'nobody1999'"),
        Case(claims, "duplicate-id", _duplicate_entry("claims", 0), "id used twice"),
        Case(claims, "html-in-text", claim(_set("counts", SCRIPT)), "must not contain HTML"),
        Case(claims, "very-large", VERY_LARGE, "over the limit"),
        Case(formations, "invalid-json", INVALID_JSON, "not valid JSON"),
        Case(formations, "truncated", TRUNCATED, "not valid JSON"),
        Case(formations, "missing-required", formation(_pop("echelon")), "'echelon' is a required property"),
        Case(formations, "wrong-type", formation(_set("parent", 8)), "feature 'ix-corps' · field 'parent'"),
        Case(formations, "unknown-source", formation(_set("source", "nobody1999")), "unknown source key 'nobody1999'"),
        Case(formations, "unknown-reference", formation(_set("parent", "ghost")), "unknown formation 'ghost'"),
        Case(formations, "duplicate-id", _duplicate_entry("formations", 1), "id used twice"),
        Case(formations, "html-in-text", formation(_set("note", SCRIPT)), "must not contain HTML"),
        Case(formations, "very-large", VERY_LARGE, "over the limit"),
        Case(sources, "invalid-json", INVALID_JSON, "not valid JSON"),
        Case(sources, "truncated", TRUNCATED, "not valid JSON"),
        Case(sources, "missing-required", source(_pop("title")), "'title' is a required property"),
        Case(sources, "wrong-type", source(_set("year", "1953")), "is not of type 'integer'"),
        Case(sources, "date-out-of-range", source(_set("year", 1066)), "less than the minimum"),
        Case(sources, "script-url", source(_set("url", "javascript:alert(1)")), "feature 'time1953' · field 'url'"),
        Case(sources, "ftp-url", source(_set("url", "ftp://example.org/x")), "field 'url'"),
        Case(
            sources,
            "unknown-reference",  # an entry others cite is gone: the citing features are left out
            _doc(lambda d: d["sources"].pop("ngii_peaks")),  # cited by places.geojson alone
            "unknown source key 'ngii_peaks'",
            flagged="places.geojson",
        ),
        Case(sources, "duplicate-id", duplicate_source, "key given twice"),
        Case(sources, "html-in-text", source(_set("title", SCRIPT)), "must not contain HTML"),
        Case(sources, "very-large", VERY_LARGE, "over the limit"),
    ]


def _schema_cases() -> list[Case]:
    file, fallback = "schema.json", "copy shipped with the app"

    def layers(change):
        return _doc(lambda doc: change(doc["layers"]))

    return [
        Case(file, "invalid-json", INVALID_JSON, fallback),
        Case(file, "truncated", TRUNCATED, fallback),
        Case(file, "missing-required", layers(_pop("places")), "'layers' must define places"),
        Case(file, "wrong-type", _doc(_set("layers", [])), "'layers' must be an object"),
        Case(
            file, "invalid-schema", _doc(lambda d: d["$defs"]["id"].update(type="strnig")), "not a usable JSON Schema"
        ),
        Case(
            file, "duplicate-key", _text(lambda t: t.replace('"layers": {', '"layers": {}, "layers": {', 1)), fallback
        ),
        Case(file, "very-large", VERY_LARGE, fallback),
    ]


CASES = [*(c for f in TARGETS for c in _geojson_cases(f)), *_json_cases(), *_schema_cases()]


# --- the matrix ----------------------------------------------------------------------------


@pytest.fixture
def broken(case: Case, tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, folder)
    case.edit(folder / case.file)
    monkeypatch.setenv(GEODATA_ENV, str(folder))
    return folder


def _validate(case: Case, folder: Path, capsys) -> str:
    """What `python -m src validate` prints. The command itself runs for the file-level
    corruptions; elsewhere its report is read from the library the pages loaded (the same
    function the command prints), which saves loading every folder twice."""
    if case.name in CLI_CASES:
        code = cli.main(["validate", "--geodata", str(folder)])
        out = capsys.readouterr().out
        assert code == 1, out
        return out
    by_file = report(session._library(str(folder)), folder)
    assert any(by_file.values())
    return "\n".join(
        f"{file}: {'ok' if not found else 'problems'}\n" + "\n".join(map(str, found)) for file, found in by_file.items()
    )


def _pages(folder: Path) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for page in PAGES:
        if page != PAGES[0]:
            at.switch_page(page).run()
        assert not at.exception, f"{page}: {[e.value for e in at.exception]}"
        notices = [e.value for e in at.error]
        assert any(NOTICE in n for n in notices), f"{page} shows no problem notice"
        assert all("Traceback" not in n and str(ROOT) not in n for n in notices)
    return at


def _export(case: Case, folder: Path, tmp_path: Path, capsys) -> None:
    """The offline file from the library the pages loaded (its days are computed already);
    with no front line, the export command must refuse with a clear message."""
    library = session._library(str(folder))
    if not library.battle.has_front:
        code = cli.main(["export", "--out", str(tmp_path / "dist"), "--geodata", str(folder)])
        assert code == 1
        assert "error: no front line could be read" in capsys.readouterr().err
        return
    html = export_html(library.battle, library.chapters)
    assert SCRIPT not in html
    if case.gone:
        assert f'"{case.gone}"' not in html, f"{case.gone} reached the offline file"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_broken_data_is_named_left_out_and_never_breaks_a_page(case, broken, tmp_path, capsys):
    _pages(broken)
    out = _validate(case, broken, capsys)
    assert case.words in out, out
    flagged = case.flagged or case.file
    assert f"geodata/{flagged}: ok" not in out
    _export(case, broken, tmp_path, capsys)


def test_every_file_has_the_whole_matrix():
    names = {(c.file, c.name) for c in CASES}
    for file in [*TARGETS, "chapters.json"]:
        for name in ("invalid-json", "truncated", "missing-required", "wrong-type", "lon-lat-swapped", "html-in-text"):
            assert (file, name) in names
    for file in [*TARGETS, "chapters.json", "claims.json", "sources.json", "formations.json", "schema.json"]:
        assert {(file, "very-large"), (file, "invalid-json"), (file, "truncated")} <= names


def test_the_shipped_schema_copy_matches_geodata():
    """src/schema.json is the fallback for a broken geodata/schema.json: the same schema."""
    assert packaged_schema() == json.loads((GEODATA_DIR / "schema.json").read_text(encoding="utf-8"))
