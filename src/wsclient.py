"""A small Streamlit client that speaks the app's own websocket protocol.

It sends the BackMsg protobufs a browser sends (a rerun with the widget states) and reads
the ForwardMsgs it gets back, using the message classes the streamlit package ships, so
a load test puts the server under the load of real sessions without running browsers.
It knows what the atlas needs: headings, alerts, exceptions, buttons, the day slider and
the map component (which a browser's map reports back once, after its first draw).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "interrupted by a rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment ok",
}
DAY_HEADING = re.compile(r"^\d{1,2} [A-Z][a-z]{2} 1953$")
HTML_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)
MAP_VIEW = json.dumps({"zoom": 11, "center": {"lat": 38.345, "lng": 127.74}})  # what the map reports on first draw


@dataclass
class Run:
    """What one script run showed."""

    status: str = ""
    headings: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    exceptions: list[dict] = field(default_factory=list)
    seconds: float = 0.0  # from the BackMsg to script_finished
    first_heading_s: float | None = None  # from the BackMsg to the day heading of this run
    bytes: int = 0

    @property
    def day(self) -> str | None:
        """The day the page shows (its day heading), if any."""
        return next((h for h in self.headings if DAY_HEADING.match(h)), None)


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    options: list[str] = field(default_factory=list)
    value: list[str] = field(default_factory=list)  # labels, as the browser sends them


class Session:
    """One reader of the app: a websocket, the page's widgets and what each run showed."""

    def __init__(self, url: str, query: str = "", timeout: float = 120.0):
        parts = urlsplit(url)
        self.url = url.rstrip("/")
        self.ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.query = query
        self.timeout = timeout
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # by label
        self.component_id: str | None = None
        self.ws: ClientConnection | None = None

    async def __aenter__(self) -> Session:
        self.ws = await connect(  # no pings of our own: a browser sends none, it only answers the server's
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout, ping_interval=None
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _context(self) -> ContextInfo:
        return ContextInfo(
            timezone="UTC",
            timezone_offset=0,
            locale="en-US",
            url=f"{self.url}/",
            is_embedded=False,
            color_scheme="light",
        )

    def _states(self, trigger: str | None, component_value: str | None) -> list[WidgetState]:
        states = []
        for widget in self.widgets.values():
            if widget.kind == "slider":
                state = WidgetState(id=widget.id)
                state.string_array_value.data.extend(widget.value)
                states.append(state)
        if trigger is not None:
            states.append(WidgetState(id=self.widgets[trigger].id, trigger_value=True))
        if self.component_id and component_value is not None:
            states.append(WidgetState(id=self.component_id, json_value=component_value))
        return states

    async def run(
        self, trigger: str | None = None, slider: tuple[str, str] | None = None, component_value: str | None = None
    ) -> Run:
        """Rerun the page as a browser does: press a button (by label), move a slider
        (label, option) or report the map's value; returns what the run showed."""
        if slider is not None:
            self.widgets[slider[0]].value = [slider[1]]
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.context_info.CopyFrom(self._context())
        msg.rerun_script.widget_states.widgets.extend(self._states(trigger, component_value))
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._read_run(start)

    async def _read_run(self, start: float) -> Run:
        result = Run()
        while True:
            data = await asyncio.wait_for(self.ws.recv(), self.timeout)
            if self._handle(data, result, start):
                return result

    def _handle(self, data: bytes, result: Run, start: float) -> bool:
        """Take in one ForwardMsg; True when it ends a run (not one cut short by a rerun)."""
        result.bytes += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, result, start)
        elif kind == "script_finished":
            result.status = FINISHED.get(msg.script_finished, str(msg.script_finished))
            if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                result.seconds = time.perf_counter() - start
                return True
        return False

    async def click_without_waiting(self, label: str) -> None:
        """Press a button the way an impatient reader does: now, with the widget values the
        page has at this moment, whether or not the last run has finished."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.context_info.CopyFrom(self._context())
        msg.rerun_script.widget_states.widgets.extend(self._states(label, None))
        await self.ws.send(msg.SerializeToString())

    async def click_until_started(self, label: str) -> None:
        """Press a button and read only until the server has begun the run it causes (its
        callbacks have run), not until the page has the run's widget values."""
        await self.click_without_waiting(label)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(self.ws.recv(), self.timeout))
            if msg.WhichOneof("type") == "new_session":
                return

    async def finish(self) -> Run:
        """Read until a run has finished (not one cut short by a later rerun)."""
        return await self._read_run(time.perf_counter())

    async def listen(self, shown: list[tuple[float, str]], until: float, stop_after_run: bool = False) -> int:
        """Read everything the server sends until `until` (perf_counter) or, with
        `stop_after_run`, the end of the next run, noting every day heading as it arrives;
        returns the number of runs that finished."""
        finished = 0
        result = Run()
        while time.perf_counter() < until:
            try:
                data = await asyncio.wait_for(self.ws.recv(), max(0.01, until - time.perf_counter()))
            except TimeoutError:
                break
            before = len(result.headings)
            done = self._handle(data, result, 0.0)
            for heading in result.headings[before:]:
                if DAY_HEADING.match(heading):
                    shown.append((time.perf_counter(), heading))
            if done:
                finished += 1
                result = Run()
                if stop_after_run:
                    break
        return finished

    def _element(self, element, result: Run, start: float) -> None:
        kind = element.WhichOneof("type")
        if kind in ("heading", "html"):  # the day's heading is in its panel's HTML
            found = [element.heading.body] if kind == "heading" else HTML_HEADING.findall(element.html.body)
            for heading in map(unescape, found):
                result.headings.append(heading)
                if result.first_heading_s is None and DAY_HEADING.match(heading):
                    result.first_heading_s = time.perf_counter() - start
        elif kind == "alert":
            result.alerts.append(element.alert.body)
        elif kind == "exception":
            exc = element.exception
            result.exceptions.append({"type": exc.type, "message": exc.message, "trace": list(exc.stack_trace)})
        elif kind == "button":
            self.widgets[element.button.label] = Widget(element.button.id, "button", element.button.label)
        elif kind == "slider":
            slider = element.slider
            options, old = list(slider.options), self.widgets.get(slider.label)
            if slider.set_value:  # the server set the value: the browser now holds it
                values = list(slider.raw_value) or [options[int(i)] for i in slider.value]
            elif old is not None:  # the browser keeps what it had
                values = old.value
            else:
                values = [options[int(i)] for i in slider.default]
            self.widgets[slider.label] = Widget(slider.id, "slider", slider.label, options, values)
        elif kind == "component_instance" and self.component_id is None:
            self.component_id = element.component_instance.id

    async def open(self, report_map: bool = True) -> Run:
        """The first run of a fresh session, and the rerun a browser's map sends once drawn."""
        first = await self.run()
        if report_map and self.component_id:
            return await self.run(component_value=MAP_VIEW)
        return first
