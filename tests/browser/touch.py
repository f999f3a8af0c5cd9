"""Touches as a phone sends them, through Chromium's input (CDP), not synthetic DOM events."""

from __future__ import annotations

from playwright.sync_api import Page


def swipe(page: Page, x: float, y: float, dy: float, fingers: int = 1, apart: float = 60) -> None:
    """Drag `fingers` fingers (side by side, `apart` px) from (x, y) by dy, in small moves."""
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, at: float) -> None:
        points = [{"x": x + (i - (fingers - 1) / 2) * apart, "y": at, "id": i} for i in range(fingers)]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [] if kind == "touchEnd" else points})

    touch("touchStart", y)
    steps = 20
    for i in range(1, steps + 1):
        touch("touchMove", y + dy * i / steps)
        page.wait_for_timeout(16)
    touch("touchEnd", y + dy)
    cdp.detach()
