"""The lecture's chapters: complete, in order, sourced, and navigable."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from src.chapters import CHAPTERS_FILE, load_chapters
from src.lecture import Position, back, forward, parse_position, position_params


def test_the_six_chapters_are_in_order(chapters):
    assert [c.id for c in chapters] == ["salient", "first-assault", "lull", "collapse", "counterattack", "armistice"]
    starts = [c.start for c in chapters]
    assert starts == sorted(starts)


def test_chapter_steps_are_days_of_the_battle(chapters):
    first = chapters[1]
    assert first.steps[0] == date(1953, 6, 10)
    assert first.steps[-1] == date(1953, 6, 18)
    assert chapters[0].steps == [date(1953, 6, 10)]
    assert chapters[-1].steps == [date(1953, 7, 27)]


def test_each_chapter_has_three_to_five_points_and_sources(chapters, atlas):
    for chapter in chapters:
        assert 3 <= len(chapter.points) <= 5
        assert all(source in atlas.sources for source in chapter.sources)


KEY_POINT_CHARS = 72  # about two lines of the slide's column at 1280×720


def test_each_point_has_a_key_line_short_enough_for_a_slide(chapters):
    for chapter in chapters:
        assert len(chapter.key_points) == len(chapter.points)
        for key, point in zip(chapter.key_points, chapter.points, strict=True):
            assert 0 < len(key) <= KEY_POINT_CHARS < len(point), key


def test_forward_runs_into_the_next_chapter_and_stops_at_the_end(chapters):
    assert forward(Position(0, 0), chapters) == Position(1, 0)
    assert forward(Position(1, 0), chapters) == Position(1, 1)
    last = Position(len(chapters) - 1, 0)
    assert forward(last, chapters) == last


def test_back_runs_to_the_last_step_of_the_previous_chapter(chapters):
    assert back(Position(2, 0), chapters) == Position(1, len(chapters[1].steps) - 1)
    assert back(Position(0, 0), chapters) == Position(0, 0)


def test_walking_forward_visits_every_step_once(chapters):
    pos, seen = Position(0, 0), []
    while True:
        seen.append(pos)
        nxt = forward(pos, chapters)
        if nxt == pos:
            break
        pos = nxt
    assert len(seen) == sum(len(c.steps) for c in chapters)


@pytest.mark.parametrize(
    ("params", "expected", "notices"),
    [
        ({}, Position(0, 0), 0),
        ({"chapter": "4", "step": "2"}, Position(3, 1), 0),
        ({"chapter": "99"}, Position(5, 0), 1),
        ({"chapter": "2", "step": "50"}, Position(1, 8), 1),
        ({"chapter": "<b>", "step": "-1"}, Position(0, 0), 2),
    ],
)
def test_deep_links_to_a_chapter_and_step(chapters, params, expected, notices):
    pos, said = parse_position(params, chapters)
    assert pos == expected
    assert len(said) == notices
    assert all(re.search(r"(?<!\\)<", n) is None for n in said)  # any '<' is escaped


def test_position_params_round_trip(chapters):
    pos = Position(3, 2)
    assert parse_position(position_params(pos), chapters) == (pos, [])


def test_a_chapter_with_a_bad_source_is_left_out(tmp_path, atlas):
    doc = json.loads(CHAPTERS_FILE.read_text(encoding="utf-8"))
    doc["chapters"][2]["sources"] = ["nobody"]
    path = tmp_path / "chapters.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    chapters, problems = load_chapters(path, atlas.sources)
    assert [c.id for c in chapters] == ["salient", "first-assault", "collapse", "counterattack", "armistice"]
    assert [(p.feature, p.field, p.message) for p in problems] == [("lull", "sources", "unknown source 'nobody'")]
