"""Load and validate the geodata under geodata/.

Every file is checked feature by feature, and every problem names the file, the feature
id and the field, so that a broken file is reported in one readable line and the rest of
the atlas still loads (the app shows what it has and says what it left out).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import jsonschema
from shapely.geometry import shape
from shapely.validation import explain_validity

from src.constants import DATA_WINDOW, GEODATA_DIR, THEATRE_BBOX, WGS84

LAYERS = ("front_lines", "places", "water", "units", "movements", "events")
DATE_FIELDS = ("date", "end", "from", "to")


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    feature: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.feature:
            where.append(f"feature '{self.feature}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return " · ".join(where) + f": {self.message}"


class GeodataError(ValueError):
    """Raised by strict loading; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def prop(props: Any, key: str) -> Any:
    """A property of a feature (dict or pandas row); a missing value (pandas NaN) is None."""
    value = props.get(key)
    return None if isinstance(value, float) and value != value else value


@dataclass(frozen=True)
class Atlas:
    """The whole geographic record: one GeoDataFrame a layer, the bibliography, and
    the problems that kept anything out."""

    layers: dict[str, gpd.GeoDataFrame]
    sources: dict[str, dict[str, Any]]
    metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def __getitem__(self, layer: str) -> gpd.GeoDataFrame:
        return self.layers[layer]

    def cite(self, key: str, _seen: frozenset[str] = frozenset()) -> str:
        """A one-line citation for a bibliography key, saying how the source was read: a work
        known only through another is 'X, as cited in Y'."""
        src = self.sources.get(key)
        if src is None:
            return key
        parts = [src.get("author", ""), f"({src['year']})" if src.get("year") else "", src["title"]]
        text = " ".join(p for p in parts if p).strip()
        via, how = src.get("via"), src.get("consulted")
        if via and via not in _seen and how in ("as cited in", "read in part"):
            through = self.cite(via, _seen | {key})
            text += (
                f", as cited in {through}"
                if how == "as cited in"
                else f" (read in part; the rest as cited in {through})"
            )
        return text

    def cite_feature(self, props: Any) -> str:
        """The citation of a feature's source with its page or section (`cite`), if any."""
        detail = prop(props, "cite")
        return self.cite(props["source"]) + (f", {detail}" if detail else "")


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads((GEODATA_DIR / "schema.json").read_text(encoding="utf-8"))


def layer_schema(layer: str) -> dict[str, Any]:
    """The JSON schema of one layer's properties: the shared fields plus its own, nothing else."""
    doc = _schema()
    spec = doc["layers"][layer]
    return {
        "$defs": doc["$defs"],
        "type": "object",
        "allOf": spec["allOf"],
        "required": spec["required"],
        "properties": spec["properties"],
        "unevaluatedProperties": False,
    }


def _rel(path: Path) -> str:
    """'geodata/units.geojson': short, and the same for a scratch copy of the folder."""
    return f"{path.parent.name}/{path.name}"


def read_sources(directory: Path = GEODATA_DIR) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    path = directory / "sources.json"
    name = _rel(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return {}, [Problem(name, f"cannot read the bibliography: {exc}")]
    problems = []
    sources = {}
    for key, entry in doc.get("sources", {}).items():
        if not isinstance(entry, dict) or not entry.get("title"):
            problems.append(Problem(name, "a source needs at least a title", key, "title"))
            continue
        sources[key] = entry
    return sources, problems


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def check_feature(file: str, layer: str, feature: dict[str, Any], sources: dict[str, Any]) -> list[Problem]:
    """Every problem of one feature: schema, geometry, dates and source keys."""
    props = feature.get("properties") or {}
    fid = str(props.get("id") or "?")
    problems = [
        Problem(file, err.message, fid, ".".join(str(p) for p in err.absolute_path) or None)
        for err in jsonschema.Draft202012Validator(layer_schema(layer)).iter_errors(props)
    ]
    allowed = _schema()["layers"][layer]["geometry"]
    geom_doc = feature.get("geometry") or {}
    if geom_doc.get("type") not in allowed:
        problems.append(Problem(file, f"geometry must be one of {allowed}", fid, "geometry"))
    else:
        problems += _check_geometry(file, fid, layer, geom_doc)
    problems += _check_dates(file, fid, props)
    for key in [props.get("source"), *props.get("also", [])]:
        if isinstance(key, str) and key not in sources:
            problems.append(Problem(file, f"unknown source key '{key}'", fid, "source"))
    return problems


def _check_geometry(file: str, fid: str, layer: str, geom_doc: dict[str, Any]) -> list[Problem]:
    try:
        geom = shape(geom_doc)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        return [Problem(file, f"unreadable geometry: {exc}", fid, "geometry")]
    if geom.is_empty:
        return [Problem(file, "empty geometry", fid, "geometry")]
    problems = []
    if not geom.is_valid:
        problems.append(Problem(file, f"invalid geometry: {explain_validity(geom)}", fid, "geometry"))
    west, south, east, north = THEATRE_BBOX
    x0, y0, x1, y1 = geom.bounds
    if x0 < west or x1 > east or y0 < south or y1 > north:
        problems.append(Problem(file, f"outside the theatre {THEATRE_BBOX} (lon/lat swapped?)", fid, "geometry"))
    if geom.geom_type == "Polygon" and not geom.exterior.is_ccw:
        problems.append(Problem(file, "exterior ring must be counter-clockwise (RFC 7946)", fid, "geometry"))
    if layer == "front_lines" and geom.coords[0][0] >= geom.coords[-1][0]:
        problems.append(Problem(file, "front lines must run west to east", fid, "geometry"))
    return problems


def _check_dates(file: str, fid: str, props: dict[str, Any]) -> list[Problem]:
    problems = []
    values: dict[str, date] = {}
    dated = [(name, props.get(name)) for name in DATE_FIELDS]
    dated += [
        (f"control.{i}.{k}", period.get(k))
        for i, period in enumerate(props.get("control") or [])
        if isinstance(period, dict)
        for k in ("from", "to")
    ]
    for name, raw in dated:
        if raw is None:
            continue
        day = _parse_date(raw)
        if day is None:
            problems.append(Problem(file, f"'{raw}' is not a calendar date", fid, name))
        elif not DATA_WINDOW[0] <= day <= DATA_WINDOW[1]:
            problems.append(Problem(file, f"{raw} is outside {DATA_WINDOW[0]}..{DATA_WINDOW[1]}", fid, name))
        else:
            values[name] = day
    for start, end in (("from", "to"), ("date", "end")):
        if start in values and end in values and values[start] > values[end]:
            problems.append(Problem(file, f"'{start}' is after '{end}'", fid, end))
    return problems


def read_layer(path: Path, sources: dict[str, Any]) -> tuple[str | None, dict[str, Any], list[Problem]]:
    """Parse and check one GeoJSON file; returns its layer name, document and problems."""
    name = _rel(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return None, {}, [Problem(name, f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [Problem(name, f"cannot read the file: {exc}")]
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return None, {}, [Problem(name, "must be a GeoJSON FeatureCollection")]
    layer = (doc.get("metadata") or {}).get("layer")
    if layer not in LAYERS:
        return None, {}, [Problem(name, f"metadata.layer must be one of {LAYERS}", field="metadata.layer")]
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        return layer, doc, [Problem(name, "has no features", field="features")]
    problems = []
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(name, "every member of features must be a Feature"))
            continue
        problems += check_feature(name, layer, feature, sources)
    return layer, doc, problems


def _frame(doc: dict[str, Any]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame.from_features(doc["features"], crs=WGS84)
    return frame.set_index("id", drop=False)


def _cross_checks(docs: dict[str, tuple[str, dict[str, Any]]]) -> list[Problem]:
    """Checks that span files: unique ids, and events that name known places."""
    problems = []
    seen: dict[str, str] = {}
    for _layer, (file, doc) in docs.items():
        for feature in doc.get("features", []):
            fid = (feature.get("properties") or {}).get("id")
            if fid in seen:
                problems.append(Problem(file, f"id also used in {seen[fid]}", fid, "id"))
            seen.setdefault(fid, file)
    place_ids = {f["properties"]["id"] for f in docs.get("places", ("", {}))[1].get("features", [])}
    if place_ids and "events" in docs:
        file, doc = docs["events"]
        for feature in doc["features"]:
            for pid in feature["properties"].get("places", []):
                if pid not in place_ids:
                    problems.append(Problem(file, f"unknown place '{pid}'", feature["properties"]["id"], "places"))
    return problems


def _read_all(directory: Path):
    """Read the bibliography and every layer file once; problems are grouped by file."""
    sources, problems = read_sources(directory)
    report = {_rel(directory / "sources.json"): problems}
    docs: dict[str, tuple[str, dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.geojson")):
        layer, doc, file_problems = read_layer(path, sources)
        report[_rel(path)] = file_problems
        layer = layer or (path.stem if path.stem in LAYERS else None)
        if layer in docs and docs[layer][0]:
            file_problems.append(Problem(_rel(path), f"a second file for layer '{layer}'"))
        elif layer and not file_problems:
            docs[layer] = (_rel(path), doc)
        elif layer:
            docs.setdefault(layer, ("", {}))
    for problem in _cross_checks({k: v for k, v in docs.items() if v[0]}):
        report[problem.file].append(problem)
    for layer in LAYERS:
        if layer not in docs:
            report.setdefault(_rel(directory), []).append(
                Problem(_rel(directory), f"no file holds the layer '{layer}'")
            )
    return sources, report, docs


def validate(directory: Path = GEODATA_DIR) -> dict[str, list[Problem]]:
    """Every problem of every file, by file (the bibliography first)."""
    return _read_all(directory)[1]


def load_atlas(directory: Path = GEODATA_DIR, strict: bool = False) -> Atlas:
    """Read all of geodata/. A file with problems is left out (strict: raise instead)."""
    sources, report, docs = _read_all(directory)
    problems = [p for file_problems in report.values() for p in file_problems]
    if strict and problems:
        raise GeodataError(problems)
    broken = {p.file for p in problems}
    layers: dict[str, gpd.GeoDataFrame] = {}
    metadata: dict[str, dict[str, Any]] = {}
    for layer in LAYERS:
        file, doc = docs.get(layer, ("", {}))
        if file and file not in broken:
            layers[layer] = _frame(doc)
            metadata[layer] = {**doc.get("metadata", {}), "file": file}
        else:
            layers[layer] = gpd.GeoDataFrame({"id": []}, geometry=gpd.GeoSeries([], crs=WGS84))
    return Atlas(layers=layers, sources=sources, metadata=metadata, problems=tuple(problems))
