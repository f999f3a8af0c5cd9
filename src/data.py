"""Load and validate the geodata under geodata/, with one policy for every file.

Each file is read the same way: its size is checked before it is read, it is parsed
strictly (no NaN, no key given twice), its entries are validated against schema.json,
and then geometry, dates, text and references to other files are checked. A problem
names the file, the feature (or entry) and the field. What fails is left out: a bad
feature is dropped and the rest of its file loads; a file that cannot be read leaves its
layer empty (with every column the schema defines, so code downstream still finds them);
a feature that points at something left out is dropped too. Nothing here raises on bad
data: the loaders return what they could read together with the problems.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import geopandas as gpd
import jsonschema
import pandas as pd
from shapely.errors import ShapelyError
from shapely.geometry import shape
from shapely.validation import explain_validity

from src import formations as oob
from src.constants import (
    DATA_WINDOW,
    MAX_FEATURES,
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    THEATRE_BBOX,
    WGS84,
    geodata_dir,
)

LAYERS = ("front_lines", "places", "water", "units", "movements", "events")  # also the order ids are claimed in
DATE_FIELDS = ("date", "end", "from", "to")
JSON_FILES = ("sources.json", "formations.json", "chapters.json", "claims.json")
MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript\s*:", re.IGNORECASE)


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
    formations: dict[str, dict[str, Any]] = field(default_factory=dict)  # the order of battle, by id
    problems: tuple[Problem, ...] = ()
    schema: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, layer: str) -> gpd.GeoDataFrame:
        return self.layers[layer]

    def cite(self, key: str, _seen: frozenset[str] = frozenset()) -> str:
        """A one-line citation for a bibliography key, saying how the source was read: a work
        known only through another is 'X, as cited in Y'; one read in a quotation, 'X, as
        quoted in Z'. A work without a named author is cited by its title, with where and
        when it appeared."""
        src = self.sources.get(key)
        if src is None:
            return key
        year = src.get("year")
        if src.get("author"):
            text = f"{src['author']} ({year}) {src['title']}" if year else f"{src['author']}, {src['title']}"
        else:
            where = ", ".join(str(p) for p in (src.get("publisher"), year) if p)
            text = f"{src['title']} ({where})" if where else src["title"]
        if src.get("quoted_in"):
            text += f", as quoted in {src['quoted_in']}"
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


# --- reading a file ------------------------------------------------------------------------


def rel(path: Path) -> str:
    """'geodata/units.geojson': short, and the same for a scratch copy of the folder."""
    return f"{path.parent.name}/{path.name}"


class _Object(dict):
    """A JSON object that remembers the keys given more than once (the first one is kept)."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    twice = []
    for key, value in pairs:
        if key in obj:
            twice.append(key)
        else:
            obj[key] = value
    obj.duplicates = tuple(twice)
    return obj


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def read_json(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one file strictly: (document or None, problems). Never raises on bad input."""
    name = rel(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")]
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "the file is missing")]
    except UnicodeDecodeError as exc:
        return None, [Problem(name, f"not UTF-8 text (byte {exc.start})")]
    except OSError as exc:  # the reason only: the message of an OSError names the server's path
        return None, [Problem(name, f"cannot read the file: {exc.strerror or type(exc).__name__}")]
    try:
        doc = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem(name, f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}")]
    except (ValueError, RecursionError) as exc:
        return None, [Problem(name, f"not valid JSON: {exc}")]
    problems = [Problem(name, f"key '{key}' is given twice") for key in getattr(doc, "duplicates", ())]
    return doc, problems


def _walk(value: Any, path: str = "") -> Iterable[tuple[str, Any]]:
    """Every (dotted path, value) inside a JSON value, the value itself first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}" if path else str(index))


def check_entry(file: str, entry_id: str, entry: Any, validator: jsonschema.Validator) -> list[Problem]:
    """What every entry of every file must meet: its schema, no key twice, short text
    without markup (everything here is shown to readers)."""
    problems = [
        Problem(file, err.message, entry_id, ".".join(str(p) for p in err.absolute_path) or None)
        for err in validator.iter_errors(entry)
    ]
    for where, value in _walk(entry):
        for key in getattr(value, "duplicates", ()):
            problems.append(Problem(file, f"key '{key}' is given twice", entry_id, where or None))
        if isinstance(value, str):
            if len(value) > MAX_TEXT_CHARS:
                problems.append(
                    Problem(file, f"text of {len(value):,} characters, over {MAX_TEXT_CHARS:,}", entry_id, where)
                )
            if MARKUP.search(value):
                problems.append(Problem(file, "text must not contain HTML or script", entry_id, where))
    return problems


def entry_label(entry: Any, index: int) -> str:
    """How a problem names an entry: its id, or its place in the file."""
    eid = entry.get("id") if isinstance(entry, dict) else None
    return eid if isinstance(eid, str) and eid else f"#{index + 1}"


def read_entries(
    path: Path, schema: dict[str, Any], check: Callable[[str, Any], list[Problem]] | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], list[Problem]]:
    """The entries of sources.json, formations.json, chapters.json or claims.json that pass every check,
    as (id, entry); the rest are reported. `check` adds the file's own rules."""
    name = rel(path)
    spec = schema["files"][path.name]
    doc, problems = read_json(path)
    if doc is None:
        return [], problems
    container = doc.get(spec["entries"]) if isinstance(doc, dict) else None
    if not isinstance(container, dict if spec["keyed"] else list):
        kind = "an object" if spec["keyed"] else "a list"
        return [], [*problems, Problem(name, f"'{spec['entries']}' must be {kind}", field=spec["entries"])]
    if len(container) > MAX_FEATURES:
        return [], [*problems, Problem(name, f"{len(container):,} entries, over the limit of {MAX_FEATURES:,}")]
    problems += [
        Problem(name, "key given twice; only the first entry is used", key)
        for key in getattr(container, "duplicates", ())
    ]
    validator = entry_validator(schema, spec["entry"])
    pairs = container.items() if spec["keyed"] else ((entry_label(e, i), e) for i, e in enumerate(container))
    kept, seen = [], set()
    for key, entry in pairs:
        found = check_entry(name, key, entry, validator)
        if not found and check is not None:
            found = check(key, entry)
        if not found and key in seen:
            found = [Problem(name, "id used twice; the later entry is left out", key, "id")]
        problems += found
        if not found:
            kept.append((key, entry))
            seen.add(key)
    return kept, problems


# --- the schema ----------------------------------------------------------------------------


def packaged_schema() -> dict[str, Any]:
    """The copy of schema.json shipped inside the package: what the app falls back on."""
    return json.loads((resources.files("src") / "schema.json").read_text(encoding="utf-8"))


def _schema_problems(doc: Any, name: str) -> list[Problem]:
    """Whether a schema document can be used at all: every layer and file defined, and
    each definition a valid JSON Schema."""
    if not isinstance(doc, dict):
        return [Problem(name, "must be a JSON object")]
    problems = []
    for member, names in (("layers", LAYERS), ("files", JSON_FILES)):
        block = doc.get(member)
        if not isinstance(block, dict):
            problems.append(Problem(name, f"'{member}' must be an object", field=member))
            continue
        missing = [n for n in names if not isinstance(block.get(n), dict)]
        if missing:
            problems.append(Problem(name, f"'{member}' must define {', '.join(missing)}", field=member))
    if not isinstance(doc.get("$defs"), dict):
        problems.append(Problem(name, "'$defs' must be an object", field="$defs"))
    if problems:
        return problems
    try:
        for layer in LAYERS:
            spec = doc["layers"][layer]
            if not isinstance(spec.get("geometry"), list):
                problems.append(Problem(name, "must list the allowed geometry types", field=f"layers.{layer}.geometry"))
            jsonschema.Draft202012Validator.check_schema(layer_schema(layer, doc))
        for file in JSON_FILES:
            spec = doc["files"][file]
            if spec.get("entry") not in doc["$defs"] or not isinstance(spec.get("entries"), str):
                problems.append(Problem(name, "must name its entries and their definition", field=f"files.{file}"))
            else:
                jsonschema.Draft202012Validator.check_schema(_ref_schema(doc, spec["entry"]))
    except (jsonschema.SchemaError, KeyError, TypeError) as exc:
        problems.append(Problem(name, f"not a usable JSON Schema: {getattr(exc, 'message', exc)!s}"))
    return problems


def load_schema(directory: Path | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """schema.json of the folder, or the packaged copy (with a problem saying why)."""
    path = Path(directory or geodata_dir()) / "schema.json"
    doc, problems = read_json(path)
    if doc is not None:
        problems += _schema_problems(doc, rel(path))
    if not problems:
        return doc, []
    fallback = Problem(rel(path), "cannot be used, so the copy shipped with the app (src/schema.json) is used instead")
    return packaged_schema(), [*problems, fallback]


def layer_schema(layer: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON schema of one layer's properties: the shared fields plus its own, nothing else."""
    doc = schema if schema is not None else load_schema()[0]
    spec = doc["layers"][layer]
    return {
        "$defs": doc["$defs"],
        "type": "object",
        "allOf": spec["allOf"],
        "required": spec["required"],
        "properties": spec["properties"],
        "unevaluatedProperties": False,
    }


def _ref_schema(schema: dict[str, Any], definition: str) -> dict[str, Any]:
    return {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}


def entry_validator(schema: dict[str, Any], definition: str) -> jsonschema.Validator:
    return jsonschema.Draft202012Validator(_ref_schema(schema, definition))


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")
    return _resolve(schema, schema["$defs"][ref.rsplit("/", 1)[-1]]) if ref.startswith("#/$defs/") else node


def layer_columns(layer: str, schema: dict[str, Any]) -> dict[str, str]:
    """Every property a layer's features may carry, with what it holds: 'number', 'array'
    or 'text' (enums and dates included). A table of the layer has all these columns."""
    spec = schema["layers"][layer]
    merged: dict[str, Any] = {}
    for part in spec.get("allOf", []):
        merged |= _resolve(schema, part).get("properties", {})
    merged |= spec["properties"]
    kinds = {}
    for name, node in merged.items():
        kind = _resolve(schema, node).get("type")
        kinds[name] = "number" if kind in ("number", "integer") else "array" if kind == "array" else "text"
    return {"id": "text", **kinds}


# --- the bibliography ----------------------------------------------------------------------


def _check_url(file: str, key: str, entry: dict[str, Any]) -> list[Problem]:
    url = entry.get("url")
    if url is None:
        return []
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in url):
        return [Problem(file, "only http(s) links are allowed", key, "url")]
    return []


def read_sources(
    directory: Path | None = None, schema: dict[str, Any] | None = None
) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The bibliography entries that pass their checks, by key."""
    path = Path(directory or geodata_dir()) / "sources.json"
    schema = schema if schema is not None else load_schema(path.parent)[0]
    kept, problems = read_entries(path, schema, lambda key, entry: _check_url(rel(path), key, entry))
    return dict(kept), problems


# --- the layers ----------------------------------------------------------------------------


def _parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@dataclass
class _Context:
    """What a feature is checked against: the schema and the sources that were kept."""

    schema: dict[str, Any]
    sources: dict[str, Any]
    left_out_sources: set[str]
    validators: dict[str, jsonschema.Validator] = field(default_factory=dict)

    def validator(self, layer: str) -> jsonschema.Validator:
        if layer not in self.validators:
            self.validators[layer] = jsonschema.Draft202012Validator(layer_schema(layer, self.schema))
        return self.validators[layer]


def check_feature(
    file: str, layer: str, feature: Any, sources: dict[str, Any], schema: dict[str, Any] | None = None, index: int = 0
) -> list[Problem]:
    """Every problem of one feature: schema, text, geometry, dates and source keys."""
    schema = schema if schema is not None else load_schema()[0]
    return _check_feature(file, layer, feature, index, _Context(schema, sources, set()))


def _check_feature(file: str, layer: str, feature: Any, index: int, ctx: _Context) -> list[Problem]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [Problem(file, "every member of features must be a GeoJSON Feature", f"#{index + 1}")]
    props = feature.get("properties")
    if not isinstance(props, dict):
        return [Problem(file, "properties must be an object", f"#{index + 1}", "properties")]
    fid = entry_label(props, index)
    problems = check_entry(file, fid, props, ctx.validator(layer))
    problems += [
        Problem(file, f"key '{key}' is given twice", fid, where or None)
        for where, value in _walk(feature.get("geometry"), "geometry")
        for key in getattr(value, "duplicates", ())
    ]
    allowed = ctx.schema["layers"][layer]["geometry"]
    geom_doc = feature.get("geometry")
    if not isinstance(geom_doc, dict) or geom_doc.get("type") not in allowed:
        problems.append(Problem(file, f"geometry must be one of {allowed}", fid, "geometry"))
    else:
        problems += _check_geometry(file, fid, layer, geom_doc)
    problems += _check_dates(file, fid, props)
    return problems + _source_problems(file, fid, props, ctx)


def _source_problems(file: str, fid: str, props: dict[str, Any], ctx: _Context) -> list[Problem]:
    """Its `source` and `also` keys name sources that were kept."""
    problems = []
    also = props.get("also")
    for key in [props.get("source"), *(also if isinstance(also, list) else [])]:
        if not isinstance(key, str) or key in ctx.sources:
            continue
        if key in ctx.left_out_sources:
            problems.append(Problem(file, f"its source '{key}' was left out (see sources.json)", fid, "source"))
        else:
            problems.append(Problem(file, f"unknown source key '{key}'", fid, "source"))
    return problems


# --- the order of battle -------------------------------------------------------------------


def left_out_ids(problems: Iterable[Problem], kept: Iterable[str]) -> set[str]:
    """The ids a file gave whose entries were left out: named by a problem, not kept."""
    return {p.feature for p in problems if p.feature} - set(kept)


def read_formations(directory: Path, ctx: _Context) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The formations that pass their checks, by id, and every problem: an entry that fails
    its schema or names an unknown source is left out; a broken chain is reported and kept
    (the chain then stops there)."""
    path = directory / "formations.json"
    name = rel(path)
    kept, problems = read_entries(path, ctx.schema, lambda fid, entry: _source_problems(name, fid, entry, ctx))
    found = dict(kept)
    findings = oob.formation_findings(found, left_out_ids(problems, found))
    problems += [Problem(name, f.message, f.entry, f.field) for f in findings]
    return found, problems


def _unit_chain_checks(formations: dict[str, dict[str, Any]], part: _LayerFile, left_out: set[str]) -> list[Problem]:
    """Every unit names its higher formation; a unit is never dropped for it (it is still
    drawn, with the problem reported)."""
    units = [f["properties"] for f in part.features]
    return [Problem(part.file, f.message, f.entry, f.field) for f in oob.unit_findings(units, formations, left_out)]


def _finite(coords: Any) -> bool:
    if isinstance(coords, list):
        return all(_finite(c) for c in coords)
    return isinstance(coords, int | float) and not isinstance(coords, bool) and math.isfinite(coords)


def _check_geometry(file: str, fid: str, layer: str, geom_doc: dict[str, Any]) -> list[Problem]:
    coords = geom_doc.get("coordinates")
    if not isinstance(coords, list) or not _finite(coords):
        return [Problem(file, "coordinates must be finite numbers", fid, "geometry")]
    try:
        geom = shape(geom_doc)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, ShapelyError) as exc:
        return [Problem(file, f"unreadable geometry: {exc}", fid, "geometry")]
    if geom.is_empty:
        return [Problem(file, "empty geometry", fid, "geometry")]
    if not geom.is_valid:
        return [Problem(file, f"invalid geometry: {explain_validity(geom)}", fid, "geometry")]
    problems = []
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
    control = props.get("control")
    dated += [
        (f"control.{i}.{k}", period.get(k))
        for i, period in enumerate(control if isinstance(control, list) else [])
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


@dataclass
class _LayerFile:
    file: str
    layer: str
    metadata: dict[str, Any]
    features: list[dict[str, Any]]  # the ones that passed their own checks
    ids: set[str]  # every id the file gave, kept or not


def read_layer(path: Path, ctx: _Context) -> tuple[_LayerFile | None, list[Problem]]:
    """Parse and check one GeoJSON file: its good features, and every problem."""
    name = rel(path)
    doc, problems = read_json(path)
    if doc is None:
        return None, problems
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return None, [*problems, Problem(name, "must be a GeoJSON FeatureCollection", field="type")]
    metadata = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    layer = metadata.get("layer")
    if layer not in LAYERS:
        return None, [*problems, Problem(name, f"metadata.layer must be one of {LAYERS}", field="metadata.layer")]
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        return None, [*problems, Problem(name, "has no features", field="features")]
    if len(features) > MAX_FEATURES:
        return None, [*problems, Problem(name, f"{len(features):,} features, over the limit of {MAX_FEATURES:,}")]
    kept, ids = [], set()
    for index, feature in enumerate(features):
        found = _check_feature(name, layer, feature, index, ctx)
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            ids.add(entry_label(feature["properties"], index))
        problems += found
        if not found:
            kept.append(feature)
    return _LayerFile(name, layer, dict(metadata), kept, ids), problems


def _cross_checks(files: dict[str, _LayerFile]) -> list[Problem]:
    """Checks that span features and files, dropping what fails: ids unique (the first in
    LAYERS order keeps it), one front line a date sharing the first line's flanks, and
    events that name places which were kept."""
    problems = []
    owner: dict[str, str] = {}
    for layer in LAYERS:
        if layer not in files:
            continue
        part = files[layer]
        kept = []
        for feature in part.features:
            fid = feature["properties"]["id"]
            if fid in owner:
                problems.append(Problem(part.file, f"id also used in {owner[fid]}; left out here", fid, "id"))
            else:
                owner[fid] = part.file
                kept.append(feature)
        part.features = kept
    if "front_lines" in files:
        problems += _front_line_checks(files["front_lines"])
    if "events" in files:
        part = files["events"]
        places = files.get("places")
        known = {f["properties"]["id"] for f in places.features} if places else set()
        given = places.ids if places else set()
        kept = []
        for feature in part.features:
            props = feature["properties"]
            found = [
                Problem(
                    part.file,
                    f"place '{pid}' was left out (see places.geojson)" if pid in given else f"unknown place '{pid}'",
                    props["id"],
                    "places",
                )
                for pid in props.get("places", [])
                if pid not in known
            ]
            problems += found
            if not found:
                kept.append(feature)
        part.features = kept
    return problems


def _front_line_checks(part: _LayerFile) -> list[Problem]:
    """The measurement model needs one line a day, every line starting and ending where
    the first does (the salient's flanks did not move)."""
    problems, kept, dates = [], [], set()
    ordered = sorted(part.features, key=lambda f: f["properties"]["date"])
    flanks = None
    for feature in ordered:
        props = feature["properties"]
        coords = feature["geometry"]["coordinates"]
        ends = (tuple(coords[0][:2]), tuple(coords[-1][:2]))
        if props["date"] in dates:
            problems.append(Problem(part.file, f"a second front line for {props['date']}", props["id"], "date"))
            continue
        if flanks is not None and ends != flanks:
            problems.append(
                Problem(part.file, "must start and end where the first front line does", props["id"], "geometry")
            )
            continue
        flanks = flanks or ends
        dates.add(props["date"])
        kept.append(feature)
    part.features = kept
    return problems


def layer_frame(layer: str, features: list[dict[str, Any]], schema: dict[str, Any]) -> gpd.GeoDataFrame:
    """A layer as a table indexed by id, with every column the schema defines even when
    no feature (or none at all) has it: numbers as floats, absent lists as []."""
    columns = layer_columns(layer, schema)
    records = [f["properties"] for f in features]
    frame = (
        pd.DataFrame.from_records(records, columns=list(columns)) if records else pd.DataFrame(columns=list(columns))
    )
    for name, kind in columns.items():
        if kind == "number":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif kind == "array":
            frame[name] = pd.Series(
                [v if isinstance(v, list) else [] for v in frame[name]], index=frame.index, dtype=object
            )
        else:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    geometry = gpd.GeoSeries([shape(f["geometry"]) for f in features], index=frame.index, crs=WGS84)
    table = gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)
    return table.set_index(pd.Index(table["id"], name="id"))


def _report(problems: Iterable[Problem], files: Iterable[str]) -> dict[str, list[Problem]]:
    report: dict[str, list[Problem]] = {name: [] for name in files}
    for problem in problems:
        report.setdefault(problem.file, []).append(problem)
    return report


def load_atlas(directory: Path | None = None, strict: bool = False) -> Atlas:
    """Read the schema, the bibliography, the order of battle and every layer of the folder (geodata/ unless
    KUMSONG_GEODATA names another). What fails is left out (strict: raise instead)."""
    directory = Path(directory or geodata_dir())
    schema, problems = load_schema(directory)
    sources, source_problems = read_sources(directory, schema)
    problems += source_problems
    ctx = _Context(schema, sources, left_out_ids(source_problems, sources))
    formations, formation_problems = read_formations(directory, ctx)
    problems += formation_problems
    files: dict[str, _LayerFile] = {}
    for path in sorted(directory.glob("*.geojson")):
        part, file_problems = read_layer(path, ctx)
        problems += file_problems
        if part is None:
            continue
        if part.layer in files:
            problems.append(Problem(part.file, f"a second file for layer '{part.layer}' (left out)"))
            continue
        files[part.layer] = part
    problems += _cross_checks(files)
    if formations and "units" in files:  # with none, the file's own problem says why
        problems += _unit_chain_checks(formations, files["units"], left_out_ids(formation_problems, formations))
    for layer in LAYERS:
        if layer not in files and not any(Path(p.file).stem == layer for p in problems):
            problems.append(Problem(f"{directory.name}/", f"no file holds the layer '{layer}'"))
    if strict and problems:
        raise GeodataError(problems)
    layers = {layer: layer_frame(layer, files[layer].features if layer in files else [], schema) for layer in LAYERS}
    metadata = {layer: {**part.metadata, "file": part.file} for layer, part in files.items()}
    return Atlas(
        layers=layers,
        sources=sources,
        metadata=metadata,
        formations=formations,
        problems=tuple(problems),
        schema=schema,
    )


def atlas_files(directory: Path) -> list[str]:
    """The files of the atlas as problems name them, schema, bibliography and order of battle first."""
    return [rel(directory / name) for name in ("schema.json", "sources.json", "formations.json")] + [
        rel(path) for path in sorted(directory.glob("*.geojson"))
    ]


def validate(directory: Path | None = None) -> dict[str, list[Problem]]:
    """Every problem of the schema, the bibliography and every layer file, by file."""
    directory = Path(directory or geodata_dir())
    return _report(load_atlas(directory).problems, atlas_files(directory))
