"""The offline file: self-contained, under budget, the whole battle, days as written."""

from __future__ import annotations

import errno
import json
import re
import stat
from pathlib import Path

import pytest

from src import __main__ as cli
from src import export
from src.export import BUDGET_BYTES, FILE_NAME, MAX_BYTES, export_data, export_html, write_export
from src.scene import build_scene


@pytest.fixture(scope="module")
def html(battle, chapters) -> str:
    return export_html(battle, chapters)


def test_the_file_asks_no_other_host(html):
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert "L.map(" in html
    assert "Leaflet 1.9.4" in html


def test_the_file_is_within_its_one_megabyte_budget(html):
    assert len(html.encode("utf-8")) < BUDGET_BYTES < MAX_BYTES


def test_every_day_is_in_the_file_as_an_iso_date_with_its_label(battle, chapters):
    days = export_data(battle, chapters)["scene"]["days"]
    assert len(days) == 48
    assert (days[0]["iso"], days[0]["label"]) == ("1953-06-10", "10 Jun 1953")
    assert (days[-1]["iso"], days[-1]["label"]) == ("1953-07-27", "27 Jul 1953")


def test_the_data_is_valid_json_inside_the_page(html):
    blob = re.search(r'<script id="atlas-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(blob)
    assert len(data["chapters"]) == 6
    assert all("Source:" in f["popup"] for f in data["scene"]["features"].values() if f["layer"] == "units")


def test_chapters_point_at_their_days(battle, chapters):
    data = export_data(battle, chapters)
    first_assault = data["chapters"][1]["steps"]
    assert [data["scene"]["days"][i]["iso"] for i in (first_assault[0], first_assault[-1])] == [
        "1953-06-10",
        "1953-06-18",
    ]


def test_text_is_escaped(html):
    assert "<script>alert" not in html
    assert "</script" not in re.search(r'id="atlas-data"[^>]*>(.*?)</script>', html, re.S).group(1)


def test_export_command_writes_the_file(tmp_path, capsys):
    assert cli.main(["export", "--out", str(tmp_path)]) == 0
    path = tmp_path / FILE_NAME
    assert path.exists()
    assert f"wrote {path}" in capsys.readouterr().out


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path, battle, chapters, monkeypatch):
    good = write_export(battle, chapters, tmp_path).read_bytes()

    def disk_full(fd):  # the bytes are written; the disk refuses them on flush
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_export(battle, chapters, tmp_path)
    assert (tmp_path / FILE_NAME).read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]  # no temporary file left


def test_an_interrupted_rename_leaves_the_previous_file_whole(tmp_path, battle, chapters, monkeypatch):
    (tmp_path / FILE_NAME).write_text("the previous export", encoding="utf-8")

    def interrupted(*_):  # Ctrl-C (or a crash) between writing and renaming
        raise KeyboardInterrupt

    monkeypatch.setattr(export.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(battle, chapters, tmp_path)
    assert (tmp_path / FILE_NAME).read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_the_written_file_is_readable_by_others(tmp_path, battle, chapters):
    path = write_export(battle, chapters, tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("kind", ["existing file", "/dev/null", "inside a file"])
def test_an_unwritable_out_is_one_line_and_exit_2(tmp_path, capsys, kind):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me", encoding="utf-8")
    out = {"existing file": a_file, "/dev/null": Path("/dev/null"), "inside a file": a_file / "dist"}[kind]
    assert cli.main(["export", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"error: cannot write the export to {out}: ")
    assert "Traceback" not in captured.err
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_the_offline_file_reuses_the_apps_scene_and_leaves_it_as_it_was(battle, chapters):
    shared = build_scene(battle)
    data = export_data(battle, chapters)
    assert build_scene(battle) is shared  # computed once per atlas, not again for the file
    assert all("panel" in day for day in data["scene"]["days"])
    assert not any("panel" in day for day in shared["days"])  # the app's map carries no panels
    assert data["scene"]["features"] is shared["features"]
