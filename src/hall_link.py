"""The hall's link: the offline file, hosted on any static web host, opened at the lecture's
chapter and step, so a whole hall follows on phones without loading the app's server.

Where the file is hosted is the deployment's to say, in the environment (README):
ATLAS_OFFLINE_URL=https://example.org/kumsong-1953.html
"""

from __future__ import annotations

import io
import os
from urllib.parse import quote, urlsplit

import segno

from src.lecture import Position, position_params

ENV = "ATLAS_OFFLINE_URL"
URL_SAFE = ":/?#[]@!$&*+,;=%-._~"  # what an address keeps as it is; ( ) ' " < > are encoded
HINT = (
    f"For a hall on phones: put the offline file on any static web host and set {ENV} to its "
    "address; each slide can then show a QR code to the same chapter and step."
)


def offline_url(environ: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    """The hosted file's address, or None with why not (unset says nothing: most
    deployments have no hall)."""
    raw = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not raw:
        return None, None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in raw):
        return None, f"{ENV} is not a web address (http:// or https://), so the slides show no hall link."
    # brackets and quotes percent-encoded: the address also stands in a Markdown link
    return quote(parts._replace(fragment="").geturl(), safe=URL_SAFE), None


def follow_link(base: str, pos: Position) -> str:
    """The offline file's own address for a chapter's step (src/export_assets/player.js reads it)."""
    params = position_params(pos)
    return f"{base}#chapter={params['chapter']}&step={params['step']}"


def qr_png(link: str) -> bytes:
    """A QR code a phone reads from the back of a hall (error correction M, a wide quiet zone)."""
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=8, border=3)
    return out.getvalue()
