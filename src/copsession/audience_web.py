"""``copsession show --web``: the audience window in a browser tab.

The page is textual-serve's terminal (xterm.js, its scripts and fonts served from this machine);
the server is copsession's own, on aiohttp: for every browser connection it runs the audience
window (``python -m copsession.ui.audience``) with Textual's web driver and passes its screen
through a websocket. The window only reads the minutes folder, so every tab is a read-only view of
the meeting.

Who may connect:

- By default the server listens on 127.0.0.1 only, and answers only requests addressed to the
  loopback names (``Host``), so a web page elsewhere cannot reach it through DNS rebinding.
- ``--network`` (or a ``--host`` that is not a loopback address, such as 0.0.0.0) listens on the
  network and needs a token: a random one per run, printed in the link
  ``http://HOST:PORT/?token=…``. The first request with the token gets it back as a cookie
  (HttpOnly, SameSite=Lax) and is sent on to ``/``, so the token leaves the address bar — the
  tab may be on the projector. Every request without the cookie or the token (the page, its
  scripts, the websocket) is refused. The token dies with the server.
- The websocket is refused when a browser says it comes from another site (``Origin``), and at
  most :data:`MAX_VIEWERS` windows run at once, counted over the processes that still run.

What a browser may ask is bounded: the terminal size (:data:`MAX_COLUMNS` × :data:`MAX_ROWS`), the
size of a message, the messages understood (keys, a size, a ping, focus and blur; anything else is
ignored). Every audience process ends with its connection and with the server (asked to quit,
then terminated, then killed). A malformed request is answered with a status code; nothing prints
a traceback.

Only the standard library is imported here at first; textual-serve and aiohttp when serving.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import logging
import os
import re
import secrets
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from copsession.i18n import Catalog

COOKIE = "copsession-show"
MAX_VIEWERS = 12
"""Browser windows at once: each runs its own audience window process (counted until it has ended)."""
MIN_COLUMNS, MAX_COLUMNS = 20, 400
MIN_ROWS, MAX_ROWS = 5, 150
"""The terminal size a browser may ask for: a 20000×20000 terminal had an audience process render
400 million cells."""
MAX_MESSAGE = 64 * 1024
"""The largest message a browser may send (keys, a size): a paste of more closes the connection."""
MAX_PACKET = 64 * 1024 * 1024
STOP_WAIT = 2.0
"""Seconds an audience process gets to quit, then to end when terminated, before it is killed."""
_HOST_HEADER = re.compile(r"^(?P<name>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?$")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1, localhost and the like; False for 0.0.0.0, a LAN address or a name."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_parts(host_header: str) -> tuple[str, str | None] | None:
    """The name (or address) and port a ``Host`` header gives; None when it is not one."""
    match = _HOST_HEADER.match(host_header)
    return None if match is None else (match["name"], match["port"])


@dataclass
class Access:
    """Where the server listens and who may connect."""

    host: str
    port: int
    token: str | None = None
    """Needed by every request when the server listens on the network."""
    viewers: int = field(default=0)

    @classmethod
    def for_options(cls, host: str | None, port: int, network: bool) -> Access:
        """``--host`` / ``--network`` as the user gave them: a token whenever it is not loopback only."""
        if host is None:
            host = "0.0.0.0" if network else "127.0.0.1"
        token = secrets.token_urlsafe(24) if network or not is_loopback(host) else None
        return cls(host, port, token)

    def host_allowed(self, host_header: str) -> bool:
        """Whether a request addressed to ``host_header`` is answered."""
        parts = host_parts(host_header)
        if parts is None:
            return False
        if self.token is not None:
            return True  # on the network any name or address may be used; the token decides
        name, port = parts
        return is_loopback(name) and (port or "80") == str(self.port)

    def token_ok(self, given: str | None) -> bool:
        if self.token is None:
            return True
        return given is not None and secrets.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def url(self) -> str:
        """The address to open, with the token when one is needed."""
        shown = self.host
        if shown in ("0.0.0.0", "::", ""):
            shown = this_machine()
        if ":" in shown and not shown.startswith("["):
            shown = f"[{shown}]"
        return f"http://{shown}:{self.port}/" + (f"?token={self.token}" if self.token else "")


def this_machine() -> str:
    """This machine's address on the network (what others type), or its name."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent; the system picks the outgoing address
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def child_command(minutes_dir: Path, series: str | None = None) -> list[str]:
    """The command run for every browser window: the audience window, with the web driver."""
    chosen = [f"--series={series}"] if series is not None else []
    return [sys.executable, "-m", "copsession.ui.audience", f"--minutes-dir={minutes_dir}", *chosen]


def clamped(value: object, default: int, lowest: int, highest: int) -> int:
    """A terminal size a browser asked for, as a number within what a screen can show."""
    try:
        number = int(str(value)) if not isinstance(value, bool) else default
    except (TypeError, ValueError):
        number = default
    return max(lowest, min(highest, number))


def columns(value: object) -> int:
    return clamped(value, 80, MIN_COLUMNS, MAX_COLUMNS)


def rows(value: object) -> int:
    return clamped(value, 24, MIN_ROWS, MAX_ROWS)


class Viewer:
    """One browser window's audience process, and the bridge between it and the websocket.

    It speaks textual-serve's protocol with the web driver (packets ``D`` for the terminal's
    bytes, ``M`` for meta data as JSON), but is copsession's own, so that every process it starts
    ends with its connection and with the server: asked to quit, then terminated, then killed."""

    def __init__(self, command: list[str], send_bytes, close) -> None:
        self.command = command
        self._send_bytes = send_bytes
        self._close = close
        self.process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self, width: int, height: int) -> None:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        environment.update(
            {
                "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
                "TEXTUAL_FPS": "60",
                "TEXTUAL_COLOR_SYSTEM": "truecolor",
                "TERM_PROGRAM": "textual",
                "COLUMNS": str(width),
                "ROWS": str(height),
            }
        )
        self.process = await asyncio.create_subprocess_exec(
            *self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        """The process's screen, to the browser; its "exit" closes the connection."""
        stdout = self.process.stdout if self.process is not None else None
        if stdout is None:
            return
        try:
            for _ in range(10):  # the web driver says who it is before anything else
                line = await stdout.readline()
                if not line or line == b"__GANGLION__\n":
                    break
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                if size > MAX_PACKET:
                    break  # not the web driver speaking: stop listening
                payload = await stdout.readexactly(size)
                if kind == b"D":
                    await self._send_bytes(payload)
                elif kind == b"M":
                    try:
                        meta = json.loads(payload)
                    except ValueError:
                        continue
                    if isinstance(meta, dict) and meta.get("type") == "exit":
                        break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            await self._close()

    async def _write(self, kind: bytes, payload: bytes) -> None:
        """A packet to the process; a process that stopped reading (hung, or stopped) holds nobody
        up for longer than :data:`STOP_WAIT`."""
        process = self.process
        if process is None or process.stdin is None or process.returncode is not None:
            return
        try:
            process.stdin.write(kind + len(payload).to_bytes(4, "big") + payload)
            await asyncio.wait_for(process.stdin.drain(), timeout=STOP_WAIT)
        except (ConnectionError, RuntimeError, asyncio.TimeoutError):
            pass

    async def keys(self, text: str) -> None:
        await self._write(b"D", text.encode("utf-8"))

    async def meta(self, data: dict) -> None:
        await self._write(b"M", json.dumps(data).encode("utf-8"))

    async def stop(self) -> None:
        """End the process, however it behaves: asked to quit, then terminated, then killed."""
        process = self.process
        if process is None:
            return
        if process.returncode is None:
            await self.meta({"type": "quit"})
            for ending in (None, process.terminate, process.kill):
                if ending is not None:
                    try:
                        ending()
                    except ProcessLookupError:
                        break
                try:
                    await asyncio.wait_for(process.wait(), timeout=STOP_WAIT)
                    break
                except asyncio.TimeoutError:
                    continue
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except BaseException:  # noqa: BLE001 - it was cancelled on purpose
                pass


def page(websocket_url: str, font_size: int, tr: Catalog) -> str:
    """The page a browser gets: textual-serve's terminal, without fonts from the internet; its own
    words in the user's language."""
    ws = html.escape(websocket_url, quote=True)
    closed = html.escape(tr("web.closed"))
    return f"""<!DOCTYPE html>
<html lang="{tr.language}">
<head>
<meta charset="utf-8">
<title>copsession</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<script src="/static/js/textual.js"></script>
<style>
@font-face {{ font-family: "Roboto Mono"; src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf"); }}
body {{ margin: 0; background: #000; }}
.notice {{ position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
          color: #fff; font: 20px "Roboto Mono", monospace; }}
body.-first-byte .loading, .closed, body.-closed .textual-terminal {{ display: none; }}
body.-closed .closed {{ display: flex; }}
.textual-terminal {{ opacity: 0; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
</style>
</head>
<body>
<div class="notice loading">copsession</div>
<div class="notice closed">{closed}</div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{ws}" data-font-size="{font_size}"></div>
</body>
</html>
"""


def make_app(minutes_dir: Path, access: Access, tr: Catalog, series: str | None = None):
    """The web application: the page, textual-serve's scripts and fonts, and one audience window
    per websocket, guarded by ``access`` and bounded (see the module's text)."""
    # lazy: textual-serve and aiohttp, 143 ms at the start of `show` without --web (importtime, 7 Dec 2026)
    import textual_serve
    from aiohttp import WSMsgType, web

    command = child_command(minutes_dir, series)
    viewers: set[Viewer] = set()

    def refuse(status: int = 403, key: str = "web.refused") -> web.Response:
        return web.Response(status=status, text=tr(key) + "\n")

    @web.middleware
    async def guard(request: web.Request, handler):
        try:
            if not access.host_allowed(request.host):
                return refuse(421, "web.misdirected")
            if access.token is not None:
                given = request.query.get("token")
                if given is not None:
                    if not access.token_ok(given):
                        return refuse()
                    if request.path == "/":
                        rest = urlencode({k: v for k, v in request.query.items() if k != "token"})
                        response = web.Response(status=303, headers={"Location": "/?" + rest if rest else "/"})
                        response.set_cookie(COOKIE, access.token, httponly=True, samesite="Lax", path="/")
                        return response
                elif not access.token_ok(request.cookies.get(COOKIE)):
                    return refuse()
            if request.path == "/ws":
                origin = request.headers.get("Origin")
                if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                    return refuse()
            return await handler(request)
        except web.HTTPException:
            raise
        except (ValueError, UnicodeError, LookupError):  # a request that makes no sense
            return refuse(400, "web.bad_request")

    async def index(request: web.Request) -> web.Response:
        font_size = clamped(request.query.get("fontsize", "16"), 16, 8, 72)
        scheme = "wss" if request.secure else "ws"
        return web.Response(text=page(f"{scheme}://{request.host}/ws", font_size, tr), content_type="text/html")

    async def websocket(request: web.Request) -> web.StreamResponse:
        if len(viewers) >= MAX_VIEWERS:  # counted over the processes that still run, not the handlers
            return refuse(503, "web.too_many")
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await socket.prepare(request)
        viewer = Viewer(command, socket.send_bytes, socket.close)
        viewers.add(viewer)
        try:
            await viewer.start(columns(request.query.get("width")), rows(request.query.get("height")))
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                await _handle(viewer, socket, message.data)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            await viewer.stop()
            viewers.discard(viewer)
        return socket

    async def stop_all(app: web.Application) -> None:
        await asyncio.gather(*(viewer.stop() for viewer in list(viewers)), return_exceptions=True)

    app = web.Application(middlewares=[guard], client_max_size=MAX_MESSAGE)
    app["viewers"] = viewers
    static = Path(textual_serve.__file__).resolve().parent / "static"
    app.add_routes([web.get("/", index), web.get("/ws", websocket), web.static("/static", static)])
    app.on_shutdown.append(stop_all)
    return app


async def _handle(viewer: Viewer, socket, data: str) -> None:
    """One message from the browser: keys, a new size, a ping, focus or blur. Anything else, or a
    message that is not what the page sends, is left unanswered."""
    try:
        envelope = json.loads(data)
    except ValueError:
        return
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return
    kind, value = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(value, str):
        await viewer.keys(value)
    elif kind == "resize" and isinstance(value, dict):
        await viewer.meta({"type": "resize", "width": columns(value.get("width")), "height": rows(value.get("height"))})
    elif kind == "ping" and isinstance(value, str) and len(value) <= 32:
        await socket.send_json(["pong", value])
    elif kind in ("focus", "blur"):
        await viewer.meta({"type": kind})


class _Plain(logging.Formatter):
    """A log line without a traceback: errors are told as one line, never with code or variables."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return super().format(record)


def serve(
    minutes_dir: Path,
    *,
    host: str | None = None,
    port: int = 8000,
    network: bool = False,
    language: str = "en",
    series: str | None = None,
) -> int:
    """Serve the audience window until Ctrl+C; the exit status."""
    tr = Catalog(language)
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        print(tr("cli.show_needs_web"), file=sys.stderr)
        return 1
    if not 0 < port < 65536:
        print(tr("cli.show_port", port=port, problem="1–65535"), file=sys.stderr)
        return 1
    access = Access.for_options(host, port, network)
    # lazy: aiohttp, 143 ms (118 modules) at the start of `show` without --web (importtime, 7 Dec 2026)
    from aiohttp import web

    handler = logging.StreamHandler()
    handler.setFormatter(_Plain("%(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)  # a malformed request is answered with 400

    def announce(*_: object) -> None:
        print(tr("cli.show_open", url=access.url()), flush=True)
        if access.token is not None:
            print(tr("cli.show_network"), flush=True)
        print(tr("cli.show_stop"), flush=True)

    try:
        web.run_app(
            make_app(minutes_dir, access, tr, series),
            host=access.host,
            port=access.port,
            handle_signals=True,
            access_log=None,
            shutdown_timeout=1.0,
            print=announce,
        )
    except OSError as error:
        print(tr("cli.show_port", port=port, problem=error.strerror or str(error)), file=sys.stderr)
        return 1
    return 0
