"""Our own words: no text of the atlas repeats 8 consecutive words of a source.

Every string in geodata/ (events, chapters, claims, notes, `cite`, summaries, metadata,
the README) and every string literal of the app (pages/*.py, src/*.py) is cut into runs of
8 folded words and looked up in the fingerprints of the sources: the seed documents
(computed live when ../shared/seeds is beside the repo, and stored in tests/fingerprints so
the check runs on any clone) and the other source texts we read (stored only). A marked,
attributed quotation is exempt. Names are exempt too: a proper name or a title is not
prose, and the English, Korean and Chinese names of a place are the sources' by nature.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
SEED_DIRS = (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds"))

_spec = importlib.util.spec_from_file_location("fingerprint", ROOT / "scripts" / "fingerprint.py")
fp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fp)

# names and bibliographic fields: the words are the thing named, not our prose
NAME_FIELDS = {"name", "name_ko", "name_zh", "aliases", "label"}
BIBLIOGRAPHY_FIELDS = {"title", "author", "publisher", "url"}
# codes and keys, never prose
CODE_FIELDS = {"id", "source", "also", "via", "kind", "certainty", "side", "nation", "echelon", "topic", "claimant"}


def seed_dir() -> Path | None:
    return next((d for d in SEED_DIRS if d.is_dir() and any(d.glob("*.txt"))), None)


def seed_key(path: Path) -> str:
    return f"seed_{path.stem}"


def live_seed_prints() -> dict[str, set[str]]:
    folder = seed_dir()
    if folder is None:
        return {}
    return {seed_key(p): fp.fingerprint(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))}


@pytest.fixture(scope="module")
def prints() -> dict[str, set[str]]:
    """Stored fingerprints, with the seeds' recomputed from the texts when they are here."""
    return {**fp.read_store(), **live_seed_prints()}


# --- what we wrote ------------------------------------------------------------------------


def _strings(value, path: str, skip: set[str]) -> Iterator[tuple[str, str]]:
    """(field path, text) of every string inside a JSON value, skipping the named fields."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}.{i}" if path else str(i), skip)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in skip or key.startswith("$schema"):
                continue
            yield from _strings(item, f"{path}.{key}" if path else key, skip)


def _item_id(item, fallback: str) -> str:
    return str(item.get("id", fallback)) if isinstance(item, dict) else fallback


def geodata_texts() -> Iterator[tuple[str, str, str, str]]:
    """(file, feature or entry, field, text) for every text in geodata/."""
    skip = NAME_FIELDS | CODE_FIELDS
    for path in sorted([*GEODATA.glob("*.json"), *GEODATA.glob("*.geojson")]):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if "features" in doc:
            for i, feature in enumerate(doc["features"]):
                props = feature.get("properties") or {}
                for field, text in _strings(props, "", skip):
                    yield path.name, _item_id(props, f"#{i}"), field, text
            for field, text in _strings(doc.get("metadata", {}), "metadata", skip):
                yield path.name, "(file)", field, text
        elif path.name == "sources.json":
            for key, entry in doc["sources"].items():
                for field, text in _strings(entry, "", skip | BIBLIOGRAPHY_FIELDS):
                    yield path.name, key, field, text
        else:
            for key, value in doc.items():
                items = value if isinstance(value, list) else [value]
                for i, item in enumerate(items):
                    for field, text in _strings(item, "", skip if key != "$defs" else set()):
                        yield path.name, _item_id(item, f"{key}.{i}"), field, text
    readme = GEODATA / "README.md"
    for number, paragraph in enumerate(re.split(r"\n\s*\n", readme.read_text(encoding="utf-8")), 1):
        yield readme.name, f"paragraph {number}", "text", paragraph


def app_texts() -> Iterator[tuple[str, str, str, str]]:
    """(file, line, 'string', text) for every string literal of the pages and src modules."""
    for path in sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "src").glob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.parent.name}/{path.name}", f"line {node.lineno}", "string", node.value


def violations(texts, prints: dict[str, set[str]]) -> list[str]:
    return [
        f"{file} · {where} · field '{field}': shares with {key}: “{phrase}”"
        for file, where, field, text in texts
        for key, phrase in fp.shared_phrases(text, prints)
    ]


# --- the checks ---------------------------------------------------------------------------


def test_there_are_fingerprints_to_check_against(prints):
    assert any(key.startswith("seed_001") for key in prints), "the encyclopedia article's fingerprint is missing"
    assert all(prints.values()), [key for key, hashes in prints.items() if not hashes]


def test_geodata_is_in_our_own_words(prints):
    found = violations(geodata_texts(), prints)
    assert not found, "8-word runs shared with a source (rewrite, or mark and attribute a quotation):\n" + "\n".join(
        found
    )


def test_app_prose_is_in_our_own_words(prints):
    found = violations(app_texts(), prints)
    assert not found, "app text shares 8-word runs with a source:\n" + "\n".join(found)


def test_stored_seed_fingerprints_match_the_seeds():
    """The store must hold today's seeds, or a clone without them would check stale runs."""
    live = live_seed_prints()
    if not live:
        pytest.skip("the seed documents are not beside this clone; the stored fingerprints stand in")
    stored = fp.read_store()
    for key, hashes in live.items():
        assert stored.get(key) == hashes, f"tests/fingerprints/{key}.txt is stale: run scripts/fingerprint.py"


def test_the_store_holds_hashes_only():
    for path in sorted(fp.STORE.glob("*.txt")):
        body = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        assert body, path.name
        assert all(re.fullmatch(r"[0-9a-f]{16}", line) for line in body), f"{path.name} holds more than hashes"


# --- the detector -------------------------------------------------------------------------

SOURCE = "On the evening of 10 June the artillery fire became intense, and the attack followed at once."


def test_a_copied_phrase_is_found_whatever_its_case_and_punctuation():
    prints = {"src": fp.fingerprint(SOURCE)}
    ours = "Then ON THE EVENING of 10-June, the artillery-fire became intense; we held."
    [(key, phrase)] = fp.shared_phrases(ours, prints)
    assert key == "src"
    assert phrase == "on the evening of 10 june the artillery fire became intense"


def test_seven_shared_words_are_not_a_copy():
    prints = {"src": fp.fingerprint(SOURCE)}
    assert fp.shared_phrases("We note: evening of 10 June the artillery fire was heavy.", prints) == []


def test_a_marked_attributed_quotation_is_exempt_and_an_unattributed_one_is_not():
    prints = {"src": fp.fingerprint(SOURCE)}
    quoted = "Hermes: “on the evening of 10 June the artillery fire became intense”."
    assert fp.shared_phrases(quoted, prints) == []
    bare = "It was, “on the evening of 10 June the artillery fire became intense”, a hard night."
    assert fp.shared_phrases(bare, prints) != []


def test_a_run_does_not_bridge_an_exempt_quotation():
    prints = {"src": fp.fingerprint("alpha beta gamma delta epsilon zeta eta theta iota")}
    text = "alpha beta gamma delta: “x” epsilon zeta eta theta iota"
    assert fp.shared_phrases(text, prints) == []
    assert fp.shared_phrases(text.replace("“x”", ""), prints) != []


def test_a_run_of_figures_is_data_not_prose():
    prints = {"src": fp.fingerprint("at 38°25′14″N 127°35′40″E; killed 2,689, wounded 7,548, missing 4,136 in all")}
    ours = "The seat: 38°25′14″N 127°35′40″E, with killed 2,689, wounded 7,548, missing 4,136."
    assert fp.shared_phrases(ours, prints) == []


def test_each_chinese_character_is_a_word():
    assert fp.words("金城战役 Hwach'on") == ["金", "城", "战", "役", "hwachon"]


def test_the_violation_names_file_feature_field_and_words():
    prints = {"seed": fp.fingerprint(SOURCE)}
    texts = [("events.geojson", "ev-x", "summary", "Then on the evening of 10 June the artillery fire became intense.")]
    [message] = violations(texts, prints)
    assert "events.geojson · ev-x · field 'summary'" in message
    assert "the artillery fire became intense" in message
