"""The load a class makes: many sessions stepping the Explorer at once (a benchmark, not a test).

    python scripts/loadtest.py                      # starts the app, N = 1, 10, 30, 50
    python scripts/loadtest.py --url http://127.0.0.1:8501 --pid 1234
    python scripts/loadtest.py --sessions 30 --steps 5 --think 2
    python scripts/loadtest.py --soak 1000          # RSS over 1,000 steps of one session
    python scripts/loadtest.py --browsers 3         # also real Chromium sessions stepping at once

Each lightweight session speaks Streamlit's own websocket protocol (tests/wsclient.py: the
BackMsg / ForwardMsg protobufs the streamlit package ships), opens the Explorer at its own
?date=, reports the map's first view as a browser does, then presses Next `--steps` times,
waiting for each step to land and `--think` seconds (±50 %) between steps, as a student
following a lecture would. It prints step latency (p50 / p95 / max, from the click to the
end of the run), lost steps (the page did not show the next day), out-of-order days, crossed
state (a day only another session could show), errors, and the server's RSS before and after.
Only localhost is ever contacted; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from src.calendar import day_label  # noqa: E402
from src.constants import FIRST_DAY, LAST_DAY  # noqa: E402
from src.wsclient import Session  # noqa: E402

NEXT = "Next ▶"
SERVER_FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true")
LOCAL = {"127.0.0.1", "localhost", "::1"}


# --- the server ----------------------------------------------------------------------------


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of a process in MB, from /proc (None if unknown)."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int | None) -> float | None:
    """CPU time (user + system) the process has used, from /proc: a cost that other
    workers on the machine do not inflate, unlike wall-clock latency."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (ROOT / "test-results").mkdir(exist_ok=True)
    log = open(ROOT / "test-results" / "loadtest-server.log", "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"the app did not start at {url}")


# --- lightweight sessions ------------------------------------------------------------------


@dataclass
class Result:
    start: date
    steps: int
    latencies: list[float] = field(default_factory=list)
    first_paint: list[float] = field(default_factory=list)
    shown: list[date] = field(default_factory=list)  # the day each step showed
    errors: list[str] = field(default_factory=list)

    def expected(self) -> list[date]:
        return [self.start + timedelta(days=k + 1) for k in range(self.steps)]


def start_days(n: int, steps: int) -> list[date]:
    """A different ?date= for each session (spread over the days that leave room to step)."""
    span = (LAST_DAY - FIRST_DAY).days - steps
    return [FIRST_DAY + timedelta(days=(i * 7) % (span + 1)) for i in range(n)]


def _parse_day(label: str | None) -> date | None:
    if label is None:
        return None
    for offset in range((LAST_DAY - FIRST_DAY).days + 1):
        day = FIRST_DAY + timedelta(days=offset)
        if day_label(day) == label:
            return day
    return None


async def one_session(url: str, start: date, steps: int, think: float, rng: random.Random, timeout: float) -> Result:
    result = Result(start, steps)
    try:
        async with Session(url, f"date={start.isoformat()}", timeout=timeout) as session:
            opened = await session.open()
            if opened.exceptions:
                result.errors.append(f"open: {opened.exceptions[0]['message'][:80]}")
            for _ in range(steps):
                if think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                run = await session.run(trigger=NEXT)
                result.latencies.append(run.seconds)
                if run.first_heading_s is not None:
                    result.first_paint.append(run.first_heading_s)
                result.shown.append(_parse_day(run.day))
                if run.exceptions:
                    result.errors.append(f"step: {run.exceptions[0]['message'][:80]}")
                if run.status != "ok":
                    result.errors.append(f"step finished: {run.status}")
    except (OSError, TimeoutError) as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a websocket closed by the server, a protocol error: counted, not fatal
        result.errors.append(f"{type(exc).__name__}: {exc}")
    return result


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def summarise(results: list[Result]) -> dict[str, float | int]:
    latencies = [s for r in results for s in r.latencies]
    lost = out_of_order = crossed = 0
    for r in results:
        mine = set(r.expected()) | {r.start}
        others = {d for o in results if o is not r for d in o.expected()} - mine
        previous = r.start
        for want, got in zip(r.expected(), r.shown, strict=False):
            lost += got != want
            if got is not None and got < previous:
                out_of_order += 1
            crossed += got in others
            previous = got or previous
        lost += r.steps - len(r.shown) if not r.errors else 0
    return {
        "sessions": len(results),
        "steps": sum(len(r.shown) for r in results),
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": _pct(latencies, 0.95) * 1000,
        "max_ms": max(latencies) * 1000 if latencies else float("nan"),
        "lost": lost,
        "out_of_order": out_of_order,
        "crossed": crossed,
        "errors": sum(len(r.errors) for r in results),
        "final_ok": sum(bool(r.shown) and r.shown[-1] == r.expected()[-1] for r in results),
    }


async def wave(url: str, n: int, steps: int, think: float, seed: int, timeout: float) -> list[Result]:
    rng = random.Random(seed)
    days = start_days(n, steps)
    tasks = [one_session(url, day, steps, think, random.Random(rng.random()), timeout) for day in days]
    return await asyncio.gather(*tasks)


async def soak(url: str, steps: int, pid: int | None, timeout: float) -> None:
    """One session stepping `steps` times (Next to the last day, then back to the first by
    the slider), with the server's RSS every 100 steps."""
    start_rss = rss_mb(pid)
    print(f"soak: one session, {steps} steps; server RSS at start {_mb(start_rss)}")
    samples, done = [], 0
    async with Session(url, f"date={FIRST_DAY.isoformat()}", timeout=timeout) as session:
        await session.open()
        while done < steps:
            day_shown = session.widgets["Day"].value[0] if session.widgets.get("Day") else None
            if day_shown == day_label(LAST_DAY):
                run = await session.run(slider=("Day", day_label(FIRST_DAY)))
            else:
                run = await session.run(trigger=NEXT)
            samples.append(run.seconds)
            done += 1
            if done % 100 == 0:
                print(
                    f"  step {done:5d}: RSS {_mb(rss_mb(pid))}, median step {statistics.median(samples) * 1000:.0f} ms"
                )
                samples = []
    end_rss = rss_mb(pid)
    if start_rss and end_rss:
        print(f"soak: RSS {start_rss:.0f} → {end_rss:.0f} MB ({(end_rss / start_rss - 1) * 100:+.1f} %)")


async def warm(url: str, timeout: float) -> None:
    """One session through every day first, so the figures are of steps, not of the first
    computation of a day (which every later session shares)."""
    async with Session(url, f"date={FIRST_DAY.isoformat()}", timeout=timeout) as session:
        await session.open()
        for _ in range((LAST_DAY - FIRST_DAY).days):
            await session.run(trigger=NEXT)


async def impatient_session(url: str, start: date, steps: int, interval: float, timeout: float) -> dict:
    """Press Next every `interval` seconds whether or not the page has caught up (a reader
    who clicks again because the page looks slow), then wait for the page to settle."""
    async with Session(url, f"date={start.isoformat()}", timeout=timeout) as session:
        await session.open()
        shown: list[tuple[float, str]] = []
        stale = 0
        for k in range(steps):
            sent_day = _parse_day(session.widgets["Day"].value[0])
            stale += sent_day != start + timedelta(days=k)  # the page still holds an older day
            await session.click_without_waiting(NEXT)
            await session.listen(shown, time.perf_counter() + interval)
        deadline = time.perf_counter() + timeout  # until a run after the last click has finished
        while time.perf_counter() < deadline and not await session.listen(shown, deadline, stop_after_run=True):
            pass
        await session.listen(shown, time.perf_counter() + 2.0)  # anything still on its way
    days = [_parse_day(label) for _, label in shown]
    return {
        "start": start,
        "final": days[-1] if days else None,
        "want": start + timedelta(days=steps),
        "backwards": sum(b < a for a, b in itertools.pairwise(days)),
        "stale_clicks": stale,
        "seen": [label for _, label in shown],
    }


async def impatient(url: str, n: int, steps: int, interval: float, timeout: float) -> None:
    results = await asyncio.gather(
        *(impatient_session(url, day, steps, interval, timeout) for day in start_days(n, steps))
    )
    lost = sum((r["want"] - r["final"]).days if r["final"] else steps for r in results)
    print(
        f"impatient x{n} (Next every {interval:.1f} s, not waiting): steps lost {lost} of {n * steps}, "
        f"clicks sent with an older day than the page had reached {sum(r['stale_clicks'] for r in results)}, "
        f"sessions that went backwards {sum(bool(r['backwards']) for r in results)}, "
        f"final day right {sum(r['final'] == r['want'] for r in results)}/{n}"
    )
    for r in results[:3]:
        print(f"  from {r['start']}: {' → '.join(r['seen'])}")


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} cores"


# --- real browsers -------------------------------------------------------------------------


async def browsers(url: str, count: int, steps: int, think: float, throttle: bool) -> None:
    """`count` Chromium pages, each its own context, stepping at once: what a person sees.
    Every rerun a page sends is decoded, so a lost step can be traced to its cause."""
    from playwright.async_api import async_playwright
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from tests.browser.conftest import CHROMIUM_ARGS

    args = list(CHROMIUM_ARGS)
    if not throttle:  # pages in the background would otherwise get their timers throttled
        args += [
            "--disable-background-timer-throttling",
            "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows",
        ]
    days = start_days(count, steps)

    async def session(browser, start: date) -> dict:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        sent: list[str] = []

        def on_frame(payload) -> None:
            if isinstance(payload, str):
                return
            msg = BackMsg()
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") != "rerun_script":
                return
            parts = []
            for w in msg.rerun_script.widget_states.widgets:
                if w.WhichOneof("value") == "trigger_value":
                    parts.append("click")
                elif w.id.endswith("-day"):
                    parts.append("slider=" + ",".join(w.string_array_value.data))
                elif w.WhichOneof("value") == "json_value":
                    parts.append("map")
            sent.append(f"{time.perf_counter():.2f} " + " ".join(parts))

        page.on("websocket", lambda ws: ws.on("framesent", on_frame))
        await page.route("**/*", _local_only)
        await page.goto(f"{url}/?date={start.isoformat()}")
        await page.get_by_role("heading", name=day_label(start), exact=True).wait_for(timeout=120_000)
        await page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=120_000)
        await page.evaluate(
            """() => { window.__days = []; const seen = () => { const h = [...document.querySelectorAll('h2, h3')]
                .map(e => e.innerText).find(t => /^\\d+ \\w{3} 1953$/.test(t));
                if (h && window.__days[window.__days.length - 1] !== h) window.__days.push(h); };
              new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, characterData: true});
              seen(); }"""
        )
        latencies, lost = [], 0
        for k in range(steps):
            await asyncio.sleep(think)
            want = day_label(start + timedelta(days=k + 1))
            begin = time.perf_counter()
            await page.get_by_role("button", name=NEXT).click()
            try:
                await page.get_by_role("heading", name=want, exact=True).wait_for(timeout=60_000)
                latencies.append(time.perf_counter() - begin)
            except Exception:
                lost += 1
        await page.wait_for_timeout(3000)
        days_seen = await page.evaluate("() => window.__days")
        final = days_seen[-1] if days_seen else None
        await context.close()
        return {
            "start": start,
            "latencies": latencies,
            "lost": lost,
            "final": final,
            "want": day_label(start + timedelta(days=steps)),
            "seen": days_seen,
            "sent": sent,
        }

    async with async_playwright() as playwright:
        executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        browser = await playwright.chromium.launch(executable_path=executable, args=args)
        results = await asyncio.gather(*(session(browser, d) for d in days))
        await browser.close()
    latencies = [s for r in results for s in r["latencies"]]
    back = sum(
        any(_parse_day(b) < _parse_day(a) for a, b in zip(r["seen"], r["seen"][1:], strict=False)) for r in results
    )
    print(
        f"chromium x{count} ({'throttled' if throttle else 'unthrottled'} timers): steps {len(latencies)}, "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {_pct(latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms, lost {sum(r['lost'] for r in results)}, "
        f"went backwards in {back} session(s), final day right in "
        f"{sum(r['final'] == r['want'] for r in results)}/{count}"
        if latencies
        else f"chromium x{count}: no step landed"
    )
    for r in results:
        if r["lost"] or r["final"] != r["want"]:
            print(f"  session from {r['start']}: saw {r['seen']}; reruns sent: {r['sent']}")


async def _local_only(route) -> None:
    host = urlsplit(route.request.url).hostname
    if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL:
        await route.continue_()
    else:
        await route.abort("internetdisconnected")


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running app on this machine (default: start one)")
    parser.add_argument("--pid", type=int, help="the server's process id, for its RSS (with --url)")
    parser.add_argument("--sessions", type=int, nargs="*", default=[1, 10, 30, 50], help="N for each wave")
    parser.add_argument("--steps", type=int, default=5, help="Next presses per session")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a step landing and the next")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a step counts as lost")
    parser.add_argument("--seed", type=int, default=1953)
    parser.add_argument("--soak", type=int, default=0, help="steps of one session, with RSS (e.g. 1000)")
    parser.add_argument("--impatient", type=float, default=0, help="also press Next every so many seconds, not waiting")
    parser.add_argument("--browsers", type=int, default=0, help="real Chromium sessions stepping at once")
    parser.add_argument("--throttle", action="store_true", help="leave Chromium's background-timer throttling on")
    args = parser.parse_args()
    if args.url and urlsplit(args.url).hostname not in LOCAL:
        raise SystemExit("only an app on this machine (localhost) may be load-tested")
    proc = None
    if args.url:
        url, pid = args.url.rstrip("/"), args.pid
    else:
        proc, url = start_server()
        pid = proc.pid
    os.nice(5)  # the clients yield the cores to the server they measure
    print(f"app {url}; {_load()} (other workers share these cores: figures are upper bounds on cost)")
    try:
        asyncio.run(warm(url, args.timeout))
        if args.sessions:
            print(
                f"{'N':>4} {'steps':>6} {'p50':>7} {'p95':>7} {'max':>7} {'lost':>5} {'order':>6} {'cross':>6}"
                f" {'err':>4} {'final':>6} {'RSS before → after':>20}"
            )
        for n in args.sessions:
            before, cpu_before = rss_mb(pid), cpu_seconds(pid)
            results = asyncio.run(wave(url, n, args.steps, args.think, args.seed, args.timeout))
            s = summarise(results)
            cpu = cpu_seconds(pid)
            runs = s["steps"] + 2 * n  # each session's first run and its map report count too
            per_step = f"{(cpu - cpu_before) / runs * 1000:>6.0f}ms" if cpu is not None and runs else "     n/a"
            print(
                f"{n:>4} {s['steps']:>6} {s['p50_ms']:>5.0f}ms {s['p95_ms']:>5.0f}ms {s['max_ms']:>5.0f}ms"
                f" {s['lost']:>5} {s['out_of_order']:>6} {s['crossed']:>6} {s['errors']:>4}"
                f" {s['final_ok']:>3}/{n:<2} {per_step:>9} {_mb(before):>8} → {_mb(rss_mb(pid))}"
            )
            for r in results:
                for error in r.errors[:2]:
                    print(f"       session from {r.start}: {error}")
        if args.impatient:
            for n in args.sessions:
                asyncio.run(impatient(url, n, args.steps, args.impatient, args.timeout))
        if args.soak:
            asyncio.run(soak(url, args.soak, pid, args.timeout))
        if args.browsers:
            asyncio.run(browsers(url, args.browsers, args.steps, min(args.think, 1.0), args.throttle))
        print(f"done; {_load()}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
