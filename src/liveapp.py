"""A live app on a free localhost port and Debian's Chromium: for the browser tests, the
benchmarks and the load test, which all need the same two things."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from src.constants import ROOT

SERVER_FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url}")


@contextmanager
def serve(
    script: str | Path = "app.py", log: Path | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Iterator[str]:
    """Run a Streamlit script on a free localhost port for as long as the block lasts (from
    `cwd`, whose .streamlit/config.toml applies)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = log or ROOT / "test-results" / "streamlit.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), *SERVER_FLAGS, "--server.port", str(port)],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright):
    """Debian's Chromium through Playwright; Playwright never downloads a browser here."""
    executable = chromium_path()
    if not executable:
        raise RuntimeError("Debian's chromium is not installed: run `make test` (it installs it)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
