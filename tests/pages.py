"""Running the app's pages through Streamlit's AppTest, the same way in every test."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
EXPLORER, LECTURE, EVIDENCE = (ROOT / "pages" / name for name in ("0_Explorer.py", "1_Lecture.py", "2_Evidence.py"))
PAGES = [APP, EXPLORER, LECTURE, EVIDENCE]


def run(page: Path = APP, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def param(at: AppTest, key: str) -> str:
    """The last value of a query parameter, as the address bar shows it."""
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value
