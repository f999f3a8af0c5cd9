"""The fonts the handout embeds: Noto Sans CJK cut down to the characters it prints.

Chromium embeds the glyphs it draws either way, but it labels each glyph with the lowest code
point the font maps to it, and Noto Sans CJK maps 山, 高, 金 … and their Kangxi radicals
(⼭, ⾼, ⾦) to one glyph: copied or searched, the PDF would read the radicals. A subset that
maps only the characters printed labels every glyph with its own. Without fontTools (or the
font) the handout keeps Chromium's own fonts: the same glyphs on paper.
"""

from __future__ import annotations

import base64
import io
import shutil
import subprocess

# (family the handout's CSS names, the installed face fontconfig finds for it, CSS weight)
FACES = (
    ("Handout Sans KR", "Noto Sans CJK KR", 400),
    ("Handout Sans KR", "Noto Sans CJK KR:bold", 700),
    ("Handout Sans SC", "Noto Sans CJK SC", 400),
    ("Handout Sans SC", "Noto Sans CJK SC:bold", 700),
)


def installed_face(pattern: str) -> tuple[str, int] | None:
    """The file and index of a Noto Sans CJK face, or None if fontconfig finds only a stand-in."""
    if not shutil.which("fc-match"):
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{family[0]}|%{file}|%{index}", pattern], capture_output=True, text=True, check=False
    ).stdout.split("|")
    if len(found) != 3 or found[0] != pattern.split(":")[0]:
        return None
    return found[1], int(found[2])


def subset_font(path: str, index: int, text: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the font's own name: the PDF names Noto Sans CJK
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_faces_css(text: str) -> str:
    """@font-face rules for the faces cut to `text`, inlined; empty when they cannot be made."""
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return ""
    characters = "".join(sorted(set(text)))
    rules = []
    for family, pattern, weight in FACES:
        face = installed_face(pattern)
        if face is None:
            continue
        data = base64.b64encode(subset_font(*face, characters)).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'src: url(data:font/otf;base64,{data}) format("opentype"); }}'
        )
    return "\n".join(rules)
