"""The hostile inputs of tests/fixtures/hostile.json and what the tests do with them:
build the parameters of a case, read escaped Markdown as a reader sees it, and make a
scratch copy of geodata/ with every payload injected into the text fields."""

from __future__ import annotations

import json
import re
import shutil
from itertools import cycle
from pathlib import Path
from typing import Any

from src.constants import GEODATA_DIR
from src.data import MARKUP as DATA_MARKUP
from src.safetext import WORD_JOINER

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hostile.json"
HOSTILE = json.loads(FIXTURE.read_text(encoding="utf-8"))
PAYLOADS: list[str] = HOSTILE["text"]
# The loader refuses HTML and script in any text (src.data.MARKUP; the corruption matrix shows
# it names and leaves out such a feature), so only the rest can reach a page to be escaped.
REFUSED: list[str] = [p for p in PAYLOADS if DATA_MARKUP.search(p)]
LOADABLE: list[str] = [p for p in PAYLOADS if not DATA_MARKUP.search(p)]
FEATURE_TEXT = ("name", "name_ko", "name_zh", "summary", "note", "label", "cite")
SOURCE_TEXT = ("author", "title", "cite", "note", "trust")
CLAIM_TEXT = ("counts", "cite")
FORMATION_TEXT = ("name", "cite", "note")
# Marks that would be markup if they reached Markdown unescaped.
MARKUP = set("`*_{}[]<>!|~$&^=#")


def value(spec: Any) -> Any:
    """A parameter value of the fixture, generated if it is too long to write out."""
    if isinstance(spec, dict) and "repeat" in spec:
        return spec["repeat"] * spec["times"]
    if isinstance(spec, dict) and "numbered" in spec:
        return spec["sep"].join(f"{spec['numbered']}{i}" for i in range(spec["count"]))
    return spec


def params(case: dict[str, Any]) -> dict[str, Any]:
    return {name: value(spec) for name, spec in case["params"].items()}


def shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown: the backslash escapes and word joiners gone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def flat(text: str) -> str:
    """Whitespace (line breaks and separators included) as single spaces, for comparing text."""
    return " ".join(text.replace("\u2028", " ").replace("\u2029", " ").split())


def is_inert(markdown: str) -> bool:
    """No unescaped mark that starts markup, and no ':name:' shortcode Streamlit would swap."""
    bare = re.sub(r"\\.", "", markdown, flags=re.S)
    return not (set(bare) & MARKUP) and re.search(r":[\w-]+:", bare) is None


def _append(record: dict[str, Any], fields: tuple[str, ...], payloads) -> None:
    for name in fields:
        if isinstance(record.get(name), str):
            record[name] = f"{record[name]} {next(payloads)}"


def inject(target: Path, source: Path = GEODATA_DIR) -> Path:
    """A copy of geodata/ with the payloads appended to every text a reader can see.

    Appended, not replacing, so each file stays valid and the map stays meaningful; the
    payloads cycle so each reaches every kind of field. Source URLs are left alone (the
    loader may refuse a bad one; evidence.bibliography is tested with them directly).
    """
    shutil.copytree(source, target)
    payloads = cycle(LOADABLE)
    for path in sorted(target.glob("*.geojson")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for feature in doc["features"]:
            props = feature["properties"]
            _append(props, FEATURE_TEXT, payloads)
            for period in props.get("control") or []:
                _append(period, ("note",), payloads)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    chapters_path = target / "chapters.json"
    doc = json.loads(chapters_path.read_text(encoding="utf-8"))
    for chapter in doc["chapters"]:
        _append(chapter, ("title",), payloads)
        for point in chapter["points"]:
            _append(point, ("key", "text"), payloads)
        chapter["notes"] = " · ".join([chapter.get("notes", ""), *LOADABLE])
    chapters_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for name, key, fields in (
        ("sources.json", "sources", SOURCE_TEXT),
        ("claims.json", "claims", CLAIM_TEXT),
        ("formations.json", "formations", FORMATION_TEXT),
    ):
        path = target / name
        doc = json.loads(path.read_text(encoding="utf-8"))
        records = doc[key].values() if isinstance(doc[key], dict) else doc[key]
        for record in records:
            _append(record, fields, payloads)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return target


def inject_one(target: Path, payload: str, source: Path = GEODATA_DIR) -> Path:
    """A copy of geodata/ with one payload on the first event's name only: a payload alone,
    where another one (a later `-->`) cannot undo its effect on the HTML parser."""
    shutil.copytree(source, target)
    path = target / "events.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name"] += " " + payload
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return target
