"""The evidence behind the map: claims side by side, ground over time, provenance, names
and the data to take away. Pure functions returning frames, text and bytes."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from src import checks
from src.calendar import day_label, iso_label
from src.constants import GEODATA_DIR, MAX_FILE_BYTES, geodata_dir
from src.data import LAYERS, Atlas, Problem, load_schema, prop, read_entries, rel
from src.day import Battle
from src.measure import advance, area_km2, phase_changes, salient, to_utm, unc_side
from src.safetext import is_web_url
from src.styles import CERTAINTY_LABELS
from src.text import local_name, rows

CLAIMS_FILE = GEODATA_DIR / "claims.json"  # the shipped claims; load_claims reads the folder in use
TOPICS = {
    "strength": "Strength",
    "losses": "Losses in the whole battle",
    "phase": "Losses in single phases",
    "ground": "Ground that changed hands (km²)",
}
CITATION = (
    "Kumsong 1953 atlas (2026), geodata of the Battle of Kumsong, 10 June – 27 July 1953. "
    "Our data and text: CC BY 4.0; the armistice line derives from KOSTAT (KOGL Type 1) and NGII; "
    "water.geojson derives from OpenStreetMap (ODbL 1.0, © OpenStreetMap contributors)."
)
PROFILE_STEP_M = 250
CLAIMS_INTRO = (
    "Each side counted differently and had reasons to count high or low. The tables give every figure "
    "as its source states it, with what it counts; the charts put the estimates of the same thing next "
    "to each other instead of choosing one."
)
DEPTH_NOTE = (
    "Computed in UTM zone 52N from the same front lines and interpolation as the map. Between dated states "
    "the lines are interpolated, so the curve between dots is a drawing aid, not a record."
)
NO_DEPTH = "No depth yet: on {day} the front still ran along the 10 June line."
NO_FRONT_DEPTH = "No depth: the front lines could not be read."
NO_MATCH = "No feature matches “{query}”. Try a name, an id such as hill-973, a certainty or a source."
HEADERS = {  # the frames' field names as the page's tables head them
    "subject": "forces of",
    "who": "figure from",
    "claimant": "claimed by",
    "counts": "what it counts",
    "citation": "source",
    "area_km2": "area (km²)",
    "uncertainty_km": "uncertainty (km)",
}
LAYER_WORDS = {
    "front_lines": "front lines",
    "places": "places",
    "water": "rivers and reservoir",
    "units": "units",
    "movements": "attacks and counterattacks",
    "events": "events",
}
CHECK_GROUPS = {  # checks.table's roles, as the page heads them
    "independent check": "Independent checks: figures the lines were not drawn from",
    "drawn from (not a check)": "Not checks: figures the lines were drawn from (shown, never counted as agreement)",
}
MEASURE_WORDS = {
    "area_km2": "area that changed hands",
    "mean_depth_km": "mean depth",
    "max_depth_km": "deepest point",
    "frontage_km": "length of front that moved",
    "width_km": "width, west to east",
    "regained_share": "share won back by 20 July",
    "behind_km": "distance behind {place}",
}
CHECK_COLUMNS = (
    "whose figure",
    "the source says",
    "measured",
    "accepted",
    "the atlas gives",
    "verdict",
    "note",
    "source",
)


@dataclass(frozen=True)
class Claims:
    frame: pd.DataFrame  # one row per figure, with its citation

    def topic(self, topic: str) -> pd.DataFrame:
        return self.frame[self.frame["topic"] == topic]


CLAIM_COLUMNS = ("id", "who", "topic", "subject", "claimant", "value", "approx", "counts", "source", "cite", "also")


def _claim_problems(file: str, cid: str, raw: dict, atlas: Atlas) -> list[Problem]:
    problems = []
    if raw["topic"] not in TOPICS:
        problems.append(Problem(file, f"unknown topic '{raw['topic']}'", cid, "topic"))
    for key in [raw["source"], *raw.get("also", [])]:
        if key not in atlas.sources:
            problems.append(Problem(file, f"unknown source '{key}'", cid, "source"))
    return problems


def load_claims(atlas: Atlas, path: Path | None = None, schema: dict | None = None) -> tuple[Claims, list[Problem]]:
    """The claims that pass their checks (a positive figure, a known topic and source),
    each with its citation, and the problems of the rest; never raises."""
    path = Path(path or geodata_dir() / "claims.json")
    schema = schema if schema is not None else (atlas.schema or load_schema(path.parent)[0])
    file = rel(path)
    entries, problems = read_entries(path, schema, lambda cid, raw: _claim_problems(file, cid, raw, atlas))
    frame = pd.DataFrame([raw for _, raw in entries], columns=list(CLAIM_COLUMNS))
    frame["value"] = pd.to_numeric(frame["value"])
    frame["figure"] = pd.Series(
        [
            ("about " if approx else "") + f"{value:,}"
            for value, approx in zip(frame["value"], frame["approx"], strict=True)
        ],
        index=frame.index,
        dtype="str",
    )
    frame["citation"] = pd.Series(
        [
            atlas.cite_feature({"source": src, "cite": cite if isinstance(cite, str) else None})
            for src, cite in zip(frame["source"], frame["cite"], strict=True)
        ],
        index=frame.index,
        dtype="str",
    )
    return Claims(frame), problems


def ground_series(battle: Battle) -> pd.DataFrame:
    """Per day: ground lost since 10 June and the deepest point, as the map computes them."""
    records = [
        {
            "day": info.day,
            "label": day_label(info.day),
            "lost_km2": round(info.since_start.area_km2, 2),
            "deepest_km": round(info.since_start.max_depth_km, 2),
            "front": "interpolated" if info.front.interpolated else "dated state",
        }
        for info in battle.series()
        if info.front is not None
    ]
    return pd.DataFrame(records, columns=["day", "label", "lost_km2", "deepest_km", "front"])


def depth_profile(battle: Battle, day: date) -> pd.DataFrame:
    """How far behind the 10 June line the day's front lay, along the 10 June line from west
    to east (km), every 250 m. Empty when there is no front line to measure."""
    if not battle.has_front:
        return pd.DataFrame({"along_km": pd.Series(dtype="float64"), "depth_km": pd.Series(dtype="float64")})
    first = to_utm(battle.first_line)
    line = to_utm(battle.on(day).front.line)
    lost = unc_side(first).difference(unc_side(line))
    distances = np.arange(0, first.length, PROFILE_STEP_M)
    points = shapely.line_interpolate_point(first, distances)
    inside = shapely.contains(lost.buffer(1.0), points) if not lost.is_empty else np.zeros(len(points), bool)
    depth = np.where(inside, shapely.distance(line, points), 0.0)
    return pd.DataFrame({"along_km": distances / 1000, "depth_km": depth / 1000})


JULY_OFFENSIVE = date(1953, 7, 13)  # the eve of the Jincheng Campaign: the line it started from


def kept_km2(battle: Battle) -> float | None:
    """Ground the Chinese took in July and kept: between the 13 July line and the armistice."""
    if not battle.has_front:
        return None
    return advance(battle.on(JULY_OFFENSIVE).front.line, battle.last_line).area_km2


def provenance_markdown(battle: Battle) -> str:
    kept = kept_km2(battle)
    ours = f"about {kept:.0f} km²" if kept is not None else "no figure (the front lines could not be read)"
    dated = (
        ", ".join(iso_label(d) for d in sorted(battle.atlas["front_lines"]["date"]) if d != battle.last_row["date"])
        if battle.has_front
        else "none"
    )
    return (
        "**How the lines were made.** Only the armistice line is taken from a dataset (the Military Demarcation "
        "Line in Statistics Korea's and NGII's boundaries). The other dated lines "
        f"({dated}) are drawn over the heights, ridges and rivers the sources name, stretch by stretch, each "
        "stretch with its own source and uncertainty (see the geodata README). **Where sources disagree:** the "
        "ground the Chinese kept is given as more than 140 km² and as 160 or 180 km² (Chinese), about 170 km² "
        f"and 200 km² (Korean); our lines give {ours} between the 13 July line and the armistice line "
        "(computed in UTM 52N). Christmas Hill is Hill 1090 in Korean sources, with Hill 1220 behind it; "
        "Capitol Hill's loss is credited to the ROK 8th Division by Hermes and to the 5th by *Time*. The table "
        "below sets our lines against figures from sources that were not used to draw them."
    )


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its columns headed in words (area (km²), not area_km2), for display."""
    return frame.rename(columns=HEADERS)


def _trim(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _digits(check: checks.Check, value: float, scale: float) -> int:
    """Decimals enough that the rounded value sits on the same side of the rounded bounds as the
    value itself (2.97 km against 3-6 km is not shown as 3 km)."""
    agrees = check.low <= value <= check.high
    for digits in range(0 if scale == 100 else 1, 4):
        low, shown, high = (round(x * scale, digits) for x in (check.low, value, check.high))
        if (low <= shown <= high) == agrees:
            return digits
    return 4


def _figures(check: checks.Check, value: float | None) -> tuple[str, str]:
    """The accepted range and the atlas's value as the table reads them: to 0.1, a share in per
    cent, each figure kept on one line with its unit."""
    unit, scale = ("%", 100) if checks.unit(check) == "share" else (checks.unit(check), 1)
    digits = _digits(check, value, scale) if value is not None else (0 if scale == 100 else 1)
    low, high = (_trim(x * scale, digits) for x in (check.low, check.high))
    given = f"{_trim(value * scale, digits)}\u00a0{unit}" if value is not None else "—"
    return f"{low}\u2060–\u2060{high}\u00a0{unit}", given


def _short_day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day}\u00a0{day:%b}"


def _measured(check: checks.Check, places: pd.DataFrame) -> str:
    names = dict(zip(places["id"], places["name"], strict=True)) if not places.empty else {}
    words = MEASURE_WORDS[check.measure].format(place=names.get(check.place, check.place))
    if check.sector is not None:
        words += f" between {check.sector[0]:g}° and {check.sector[1]:g}° E"
    return f"{words}, {_short_day(check.earlier)} → {_short_day(check.later)}"


def checks_tables(battle: Battle) -> dict[str, pd.DataFrame]:
    """The lines against the sources' own figures, in words and with the atlas's value beside the
    verdict, under two headings: the independent checks, then the few figures the lines were drawn
    from (shown, but not counted as agreement)."""
    atlas = battle.atlas
    table = checks.table(atlas["front_lines"], atlas["places"], atlas.cite)
    by_id = {c.id: c for c in (*checks.CHECKS, *checks.CONSTRUCTION)}
    groups = {}
    for role, title in CHECK_GROUPS.items():
        records = []
        for row in rows(table[table["role"] == role]):
            check = by_id[row["id"]]
            accepted, given = _figures(check, row["atlas"] if pd.notna(row["atlas"]) else None)
            records.append(
                {
                    "whose figure": check.side,
                    "the source says": check.says,
                    "measured": _measured(check, atlas["places"]),
                    "accepted": accepted,
                    "the atlas gives": given,
                    "verdict": row["verdict"],
                    "note": check.note,
                    "source": row["source"],
                }
            )
        groups[title] = pd.DataFrame(records, columns=list(CHECK_COLUMNS))
    return groups


def feature_table(atlas: Atlas, lang: str = "en") -> pd.DataFrame:
    """Every map feature with its source, certainty and uncertainty: the provenance table."""
    records = []
    for layer in LAYERS:
        for row in rows(atlas[layer]):
            radius = prop(row, "uncertainty_m")
            records.append(
                {
                    "layer": LAYER_WORDS[layer],
                    "id": row["id"],
                    "name": local_name(row, lang),
                    "source": atlas.cite_feature(row),
                    "certainty": row["certainty"],
                    "uncertainty_km": round(radius / 1000, 1) if radius is not None else None,
                    "note": prop(row, "note") or "",
                }
            )
    return pd.DataFrame(records, columns=["layer", "id", "name", "source", "certainty", "uncertainty_km", "note"])


def no_depth_text(battle: Battle, day: date) -> str:
    return NO_DEPTH.format(day=day_label(day)) if battle.has_front else NO_FRONT_DEPTH


def has_depth(profile: pd.DataFrame) -> bool:
    """Whether the day's front lay behind the 10 June line anywhere: a chart of zeros says nothing."""
    return not profile.empty and bool((profile["depth_km"] > 0).any())


def search_features(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows with the query in any column, as plain text (a reader's brackets are no regex)."""
    if not query:
        return table
    hits = table.astype(str).apply(lambda column: column.str.contains(query, case=False, regex=False))
    return table[hits.any(axis=1)]


def bibliography(atlas: Atlas) -> pd.DataFrame:
    """The sources as a table; only an http(s) URL is kept, since the page makes it a link."""
    rows = [
        {
            "key": key,
            "citation": atlas.cite(key) + (f", {src['cite']}" if src.get("cite") else ""),
            "kind": src.get("kind", ""),
            "how far to trust it": src.get("trust", ""),
            "note": src.get("note", ""),
            "url": src["url"] if is_web_url(src.get("url")) else "",  # never a javascript: link
        }
        for key, src in sorted(atlas.sources.items())
    ]
    return pd.DataFrame(rows, columns=["key", "citation", "kind", "how far to trust it", "note", "url"])


def names_table(atlas: Atlas) -> pd.DataFrame:
    """Place names in English, Korean and Chinese, with the older spellings."""
    records = []
    for layer in ("places", "water"):
        for row in rows(atlas[layer]):
            aliases = prop(row, "aliases")
            records.append(
                {
                    "English": row["name"],
                    "한국어": prop(row, "name_ko") or "",
                    "中文": prop(row, "name_zh") or "",
                    "other spellings": ", ".join(aliases) if isinstance(aliases, list) else "",
                    "kind": row["kind"],
                }
            )
    return pd.DataFrame(records, columns=["English", "한국어", "中文", "other spellings", "kind"])


def certainty_summary(atlas: Atlas) -> pd.DataFrame:
    """How many features of each layer are attested, reconstructed or approximate."""
    table = feature_table(atlas)
    counts = table.groupby(["layer", "certainty"]).size().unstack(fill_value=0)
    return counts.reindex(index=list(LAYER_WORDS.values()), columns=list(CERTAINTY_LABELS), fill_value=0)


TIMELINE_FILE = "kumsong-1953-timeline_CC-BY-4.0.csv"  # the licence travels in the name


def timeline_csv(atlas: Atlas) -> bytes:
    """The events as CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark,
    the header on the first line; the licence is in the file's name and the zip."""
    events = atlas["events"].sort_values("date")
    frame = pd.DataFrame(
        {
            "date": events["date"],
            "end": events["end"].where(events["end"].notna(), "") if "end" in events else "",
            "title": events["name"],
            "summary": events["summary"],
            "units": ["; ".join(u) for u in events["units"]],
            "places": ["; ".join(p) for p in events["places"]],
            "lon": events.geometry.x.round(5),
            "lat": events.geometry.y.round(5),
            "source": [atlas.cite(s) for s in events["source"]],
        }
    )
    return frame.to_csv(index=False).encode("utf-8-sig")


def phases_geojson(atlas: Atlas) -> str:
    """The salient and the ground that changed hands in each phase, as GeoJSON: derived from
    the front lines, so it is made here rather than stored."""
    fronts = atlas["front_lines"]
    phases = phase_changes(fronts)
    shape = salient(fronts)
    bulge = {
        "type": "Feature",
        "geometry": mapping(shape),
        "properties": {
            "id": "salient",
            "phase": "the salient on 10 June (to the armistice line)",
            "area_km2": round(area_km2(shape), 1),
        },
    }
    doc = json.loads(phases.to_json(drop_id=True))
    doc["features"].insert(0, bulge)
    doc["metadata"] = {"title": "Derived: the salient and the ground that changed hands", "licence": CITATION}
    return json.dumps(doc, ensure_ascii=False)


def geojson_files(directory: Path | None = None) -> list[Path]:
    """The layer files offered for download (one over the size limit is not read)."""
    paths = sorted(Path(directory or geodata_dir()).glob("*.geojson"))
    return [path for path in paths if path.stat().st_size <= MAX_FILE_BYTES]


def data_zip(directory: Path | None = None) -> bytes:
    """All the geodata, the bibliography and schema, and a licence note, as one zip."""
    directory = Path(directory or geodata_dir())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in [
            *geojson_files(directory),
            directory / "sources.json",
            directory / "schema.json",
            directory / "README.md",
        ]:
            if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                archive.write(path, f"kumsong-1953/{path.name}")
        archive.writestr("kumsong-1953/LICENCE.txt", CITATION + "\n")
    return buffer.getvalue()


@dataclass(frozen=True)
class Download:
    label: str
    data: bytes | str | Callable[[], bytes | str]  # a callable is made only when asked for
    file_name: str
    mime: str


def downloads(atlas: Atlas) -> list[Download]:
    """The derived files offered beside the layer files, the zip first."""
    return [
        Download("All geodata as one zip", data_zip, "kumsong-1953-geodata.zip", "application/zip"),
        Download(
            "Salient and phases (derived GeoJSON)",
            lambda: phases_geojson(atlas),
            "kumsong-1953-phases.geojson",
            "application/geo+json",
        ),
        Download("Timeline as CSV", timeline_csv(atlas), TIMELINE_FILE, "text/csv"),
    ]
