"""The hostile-input suite: every case of tests/fixtures/hostile.json, on every page.

A link may carry anything and the data may say anything; neither may crash a page, run a
script, fetch from another host or turn into markup. The same payloads are opened in
Chromium by tests/browser/test_hostile.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from src.calendar import all_days
from src.chapters import load_chapters
from src.data import validate
from src.day import Battle
from src.daytext import day_html, day_text, event_titles
from src.evidence import bibliography
from src.export import export_data, export_html
from src.lecture import Position, parse_position, position_params
from src.urlstate import DEFAULT, parse
from tests.hostile import HOSTILE, LOADABLE, PAYLOADS, REFUSED, inject, inject_one, is_inert, params, shown

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
LECTURE = ROOT / "pages" / "1_Lecture.py"
MAX_NOTICE = 400  # characters of one notice
MAX_NOTICES = 1500  # characters of all of them


def _open(page: Path, query: dict) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=60)
    for key, val in query.items():
        at.query_params[key] = val
    return at.run()


def _url(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def _expected_view(fields: dict):
    changes = dict(fields)
    if "day" in changes:
        changes["day"] = date.fromisoformat(changes["day"])
    if "layers" in changes:
        changes["layers"] = tuple(changes["layers"])
    return DEFAULT.with_(**changes)


def _check_notices(at: AppTest, wanted: str | None) -> None:
    notices = [w.value for w in at.warning]
    if wanted is None:
        assert notices == []
    else:
        assert any(wanted in shown(n) for n in notices), notices
    assert all(len(n) <= MAX_NOTICE for n in notices), [len(n) for n in notices]
    assert sum(len(n) for n in notices) <= MAX_NOTICES
    assert all(is_inert(n) for n in notices), notices


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("case", HOSTILE["view_cases"], ids=lambda c: c["id"])
def test_a_hostile_link_gives_a_notice_and_a_valid_address(page, case):
    at = _open(page, params(case))
    assert not at.exception, at.exception
    _check_notices(at, case["notice"])
    url = _url(at)
    if page == LECTURE:  # the lecture's address carries its own position only
        assert url == position_params(Position(0, 0))
    else:
        assert parse(url) == (_expected_view(case["view"]), [])


@pytest.mark.parametrize("case", HOSTILE["lecture_cases"], ids=lambda c: c["id"])
def test_a_hostile_lecture_link_gives_a_notice_and_a_valid_address(case):
    at = _open(LECTURE, params(case))
    assert not at.exception, at.exception
    _check_notices(at, case["notice"])
    chapter, step = case["position"]
    assert _url(at) == {"chapter": str(chapter), "step": str(step)}
    status = next(m.value for m in at.markdown if m.value.startswith("**Chapter "))
    assert f"Chapter {chapter} of" in status
    assert f"(step {step} of" in status


@pytest.mark.parametrize("name", ["date", "layers", "lat", "lon", "zoom", "base", "lang", "chapter", "step"])
def test_no_payload_in_any_parameter_raises_or_leaks_markup(name, chapters):
    for payload in [*PAYLOADS, *(params(c).get(name) for c in HOSTILE["view_cases"] + HOSTILE["lecture_cases"])]:
        if payload is None:
            continue
        _, notices = parse({name: payload, "lat": payload} if name == "lon" else {name: payload})
        notices += parse_position({name: payload}, chapters)[1]
        assert all(is_inert(n) and len(n) <= MAX_NOTICE for n in notices), (payload, notices)


@pytest.fixture(scope="module")
def chapters(atlas):
    return load_chapters(sources=atlas.sources)[0]


# --- text from the data ---------------------------------------------------------------


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Path:
    return inject(tmp_path_factory.mktemp("hostile") / "geodata")


@pytest.fixture(scope="module")
def hostile_battle(injected) -> Battle:
    from src.data import load_atlas

    return Battle(load_atlas(injected, strict=True))  # the payloads are valid data


@pytest.fixture(scope="module")
def hostile_chapters(injected, hostile_battle):
    return load_chapters(injected / "chapters.json", hostile_battle.atlas.sources)[0]


MARKUP_PAYLOADS = [p for p in LOADABLE if re.search(r"[<>\[\]*_`~$&:|#!]", p)]
HTML_PAYLOADS = [p for p in LOADABLE if re.search(r"[<>&]", p)]


def test_the_day_panel_escapes_every_text_from_the_data(hostile_battle):
    seen = ""
    for day in all_days():
        panel = day_html(day_text(hostile_battle, day))
        assert not any(p in panel for p in HTML_PAYLOADS), panel
        assert not _scripts(panel)
        seen += unescape(re.sub(r"<[^>]+>", "\n", panel))
    reached = [p for p in LOADABLE if p.strip() in seen]
    assert len(reached) > len(LOADABLE) / 2  # the panel really shows the payloads, escaped


def test_the_lectures_event_titles_escape_every_text_from_the_data(hostile_battle):
    for day in all_days():
        for title in event_titles(day_text(hostile_battle, day)):
            assert not any(p in title for p in MARKUP_PAYLOADS), title


def _renamed(events, name: str):
    """The events with the first one renamed: a text put in after loading."""
    events = events.copy()
    events.iloc[0, events.columns.get_loc("name")] = name
    return events


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)


def test_the_offline_file_keeps_every_script_whole(hostile_battle, hostile_chapters):
    html = export_html(hostile_battle, hostile_chapters)
    assert html.count("<script") == html.count("</script>") == 4  # Leaflet, data, drawer, player
    assert "<!--" not in html  # nothing can open the HTML parser's escaped script state
    leaflet, data, drawer, player = _scripts(html)
    assert "Leaflet 1.9.4" in leaflet
    assert not set(data) & set("<>&\u2028\u2029")
    assert json.loads(data) == json.loads(json.dumps(export_data(hostile_battle, hostile_chapters)))
    assert "L.map(" in player
    assert "function drawer(map, scene, options)" in drawer
    slot = dataclasses.replace(
        hostile_battle.atlas,
        layers={**hostile_battle.atlas.layers, "events": _renamed(hostile_battle.atlas["events"], "/*PLAYER_JS*/")},
    )
    assert (
        "/*PLAYER_JS*/" in _scripts(export_html(Battle(slot), hostile_chapters))[1]
    )  # a text naming a slot stays text


def test_the_bibliography_links_only_web_addresses(atlas):
    sources = dict(atlas.sources)
    links = HOSTILE["links"]
    for number, link in enumerate(links):
        sources[f"hostile{number}"] = {"title": "Hostile", "url": link["url"]}
    table = bibliography(type(atlas)(layers=atlas.layers, sources=sources)).set_index("key")
    for number, link in enumerate(links):
        assert table.loc[f"hostile{number}", "url"] == (link["url"] if link["clickable"] else "")


def test_the_loader_refuses_html_and_script_in_any_text(tmp_path):
    """What the escaping tests cannot inject, the loader names and leaves out."""
    assert REFUSED
    for n, payload in enumerate(REFUSED):
        report = validate(inject_one(tmp_path / str(n) / "geodata", payload))
        assert any("must not contain HTML or script" in p.message for p in report["geodata/events.geojson"]), payload
