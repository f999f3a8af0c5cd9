"""Escaping: Markdown that shows text as written, bounded quotes, scripts that stay whole."""

from __future__ import annotations

import json

import pytest

from src.safetext import (
    MAX_QUOTED,
    WORD_JOINER,
    is_web_url,
    listed,
    md,
    quote,
    script_json,
    script_text,
    style_text,
)
from tests.hostile import HOSTILE, PAYLOADS, flat, is_inert, shown


@pytest.mark.parametrize("text", PAYLOADS)
def test_markdown_escaping_shows_the_text_as_written(text):
    escaped = md(text)
    assert is_inert(escaped)
    assert flat(shown(escaped)) == flat(text)


def test_markdown_escaping_keeps_plain_text_plain():
    assert md("The lull, and Arrowhead in the west") == "The lull, and Arrowhead in the west"
    assert md("Hill 973 (ROK 5th)") == r"Hill 973 \(ROK 5th\)"


def test_a_colon_cannot_start_an_emoji_or_icon():
    escaped = md(":skull: :material/home:")
    assert f":{WORD_JOINER}skull" in escaped
    assert ":material/" not in escaped  # Streamlit rewrites that before parsing Markdown


def test_line_breaks_never_make_structure():
    assert "\n" not in md("a\n\n# heading\n- item\r\n    code\u2028x")


def test_a_quote_is_bounded_visible_and_inert():
    long = quote("y" * 5000)
    assert len(long) == MAX_QUOTED
    assert long.endswith("…")
    assert shown(quote("a\u202eb\u2028c\x00\U000e0041")) == "a\\u202eb\\u2028c\\u0000\\U000e0041"  # nothing hides
    assert is_inert(quote("<b>`[link](javascript:x)` :skull:"))


def test_a_list_of_values_says_how_many_it_leaves_out():
    assert listed(["a", "b"]) == "'a', 'b'"
    assert listed([f"x{i}" for i in range(2000)]) == "'x0', 'x1', 'x2' and 1997 more"


@pytest.mark.parametrize("text", PAYLOADS)
def test_inline_json_has_nothing_the_html_parser_reads(text):
    blob = script_json({"name": text, "list": [text]})
    assert not set(blob) & set("<>&\u2028\u2029")
    assert json.loads(blob) == {"name": text, "list": [text]}


def test_inline_scripts_and_styles_cannot_end_their_element():
    js = script_text('var a = "</script><!--<script>"; var b = /<\\/SCRIPT/;')
    assert "</script" not in js.lower()
    assert "<!--" not in js
    assert '"<\\/script><\\!--<script>"' in js  # the same string to JavaScript
    assert "</style" not in style_text("a::after { content: '</STYLE>' }").lower()


@pytest.mark.parametrize("link", HOSTILE["links"], ids=lambda link: repr(link["url"]))
def test_only_web_links_are_clickable(link):
    assert is_web_url(link["url"]) is link["clickable"]
