"""The day panel: built once, shown as the same HTML by the app and the offline file."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape

from src.calendar import all_days
from src.daytext import day_html, day_text, event_paragraph, front_sentence, linked, panels_json
from src.export import export_data


def test_the_app_and_the_offline_file_show_the_same_panel(battle, chapters):
    offline = {day["iso"]: day["panel"] for day in export_data(battle, chapters)["scene"]["days"]}
    app = json.loads(panels_json(battle, "en"))  # what the app's map shows ahead of the server
    assert list(app) == [d.isoformat() for d in all_days()] == list(offline)
    assert app == offline
    for day in (date(1953, 6, 10), date(1953, 7, 14)):
        assert app[day.isoformat()] == day_html(day_text(battle, day))  # and the page's own panel


def test_the_panels_follow_the_language(battle):
    zh = json.loads(panels_json(battle, "zh"))
    assert zh != json.loads(panels_json(battle, "en"))
    assert zh["1953-07-14"] == day_html(day_text(battle, date(1953, 7, 14), "zh"))


def test_the_panel_says_what_changed_and_cites_every_event(battle):
    text = day_text(battle, date(1953, 7, 14))
    html = day_html(text)
    assert text.changes
    assert "Changed hands today" in html
    assert "reconstructed" in day_html(day_text(battle, date(1953, 7, 13))) or "attested" in html
    assert all(e.source in unescape(html) for e in text.events)


def test_each_side_speaks_in_its_own_right(battle):
    said = [e for day in (date(1953, 6, 10), date(1953, 7, 14)) for e in day_text(battle, day).events if e.accounts]
    assert said, "the events of 10 June and 14 July carry each side's account"
    whose = {a[0] for e in said for a in e.accounts}
    assert "Chinese account" in whose
    paragraph = unescape(event_paragraph(said[0]))
    assert all(a[0] in paragraph and a[1][:20] in paragraph for a in said[0].accounts)


def test_figures_say_not_available_without_front_lines(geodata_copy):
    from src.data import load_atlas
    from src.day import Battle

    (geodata_copy / "front_lines.geojson").write_text("{", encoding="utf-8")
    text = day_text(Battle(load_atlas(geodata_copy)), date(1953, 7, 14))
    assert text.lost_text == "not available"
    assert "could not be read" in front_sentence(text)


def test_the_names_in_the_panel_are_links_to_what_they_name(battle):
    html = day_html(day_text(battle, date(1953, 7, 14)))
    links = {fid: unescape(name) for fid, name in re.findall(r'<a href="#go=([^"]+)">(.*?)</a>', html)}
    assert links["kyoam-san"] == "Kyoam-san"  # a hill that changed hands, and one an event names
    assert links["ev-0713-kyoam"] == "1. Kyoam-san"  # the event's own marker
    assert links["pva-199"] == "PVA 199th Division"  # a unit the event names, drawn that day
    day = next(d for d in export_data(battle, [])["scene"]["days"] if d["iso"] == "1953-07-14")
    drawn = {rec.get("f") for recs in day["records"].values() for rec in recs}
    assert set(links) <= drawn  # every link leads to something on the map that day


def test_a_name_is_linked_whole_and_the_rest_escaped():
    links = (("Hill 88", "hill-88"), ("Hill 883.7", "hill-883"), ("<b>", "x"))
    out = linked("Hill 883.7 and Hill 88, not Hill 8830 <b>", links)
    assert out == (
        '<a href="#go=hill-883">Hill 883.7</a> and <a href="#go=hill-88">Hill 88</a>, not Hill 8830 '
        '<a href="#go=x">&lt;b&gt;</a>'
    )
    assert linked("no names here <i>", ()) == "no names here &lt;i&gt;"
