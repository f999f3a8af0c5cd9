"""Text from a link or from the data, made inert for wherever it is shown.

One helper per destination, so every page escapes the same way:
- `md` for anything Streamlit renders as Markdown (markdown, caption, title, notices, labels),
- `quote` for a value read back to the reader in a notice: visible, bounded, then `md`,
- `script_json` / `script_text` / `style_text` for what is inlined in the offline file,
- `is_web_url` for links a reader may click.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

MAX_QUOTED = 40  # characters of a value read back in a notice
MAX_LISTED = 3  # values listed in one notice before "and N more"
WORD_JOINER = "\u2060"  # invisible; keeps ':' from starting an emoji or icon shortcode

# Every ASCII mark that can start Markdown, GitHub or Streamlit markup (emphasis, code, links,
# images, HTML, entities, lists, headings, tables, math, directives). CommonMark lets a
# backslash escape any ASCII punctuation and then shows the mark as written; the marks
# left out (, ; ' " ? @ % /) start nothing once these are escaped.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=^])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def md(text: object) -> str:
    """Data text for Streamlit Markdown: shows exactly as written and never becomes markup.

    Each mark that can start markup is backslash-escaped (no emphasis, links, images, HTML,
    math, tables or headings). Streamlit also turns `:name:` into an emoji or icon after
    Markdown has removed the escapes, so a colon is followed by an invisible word joiner.
    Line breaks become spaces: data text is one paragraph, never a list or a code block.
    """
    flat = _LINE_BREAKS.sub(" ", str(text))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat).replace(":", ":" + WORD_JOINER)


def visible(text: str) -> str:
    """Control, format and separator characters written out as \\uXXXX, so none hides."""
    return "".join(ch if ch.isprintable() else _code(ord(ch)) for ch in text)


def _code(point: int) -> str:
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """A value as a notice may show it: every character visible, at most `limit` long, inert."""
    return md(shorten(visible(str(value)), limit))


def listed(values: Iterable[object], most: int = MAX_LISTED) -> str:
    """'a', 'b', 'c' and 7 more: a bounded list of quoted values."""
    values = list(values)
    shown = ", ".join(f"'{quote(v)}'" for v in values[:most])
    rest = len(values) - most
    return shown + (f" and {rest} more" if rest > 0 else "")


def script_json(data: Any) -> str:
    """JSON to inline in a <script> element: no character of it can end or bend the element.

    `<`, `>` and `&` are written as \\u escapes (so neither `</script` nor `<!--` can occur),
    and U+2028/U+2029 too (line terminators in older JavaScript). JSON.parse reads them back.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


_SCRIPT_BREAKERS = re.compile(r"<(/script|!--)", re.IGNORECASE)
_STYLE_END = re.compile(r"</(style)", re.IGNORECASE)


def script_text(js: str) -> str:
    """Third-party JavaScript to inline in a <script>: `</script` and `<!--` (which would
    end the element or start the parser's escaped state) get a backslash after the `<`.
    That leaves them unchanged inside JavaScript strings, comments and regular expressions."""
    return _SCRIPT_BREAKERS.sub(lambda m: "<\\" + m.group(1), js)


def style_text(css: str) -> str:
    """CSS to inline in a <style>: only `</style` can end it; CSS reads `<\\/style` the same."""
    return _STYLE_END.sub(r"<\\/\1", css)


def is_web_url(url: object) -> bool:
    """True only for an absolute http(s) URL with a host: the only links a reader may click."""
    if not isinstance(url, str) or url != url.strip() or any(not ch.isprintable() for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
