"""``copsession show --web``: the audience window in a browser tab, served with textual-serve.

textual-serve runs one command per browser connection and passes the terminal through a
websocket. The command here is the audience window (``python -m copsession.ui.audience``): it
only reads the minutes folder, so every tab is a read-only view of the meeting.

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
  most :data:`MAX_VIEWERS` windows run at once (each is a process).

Only the standard library is imported here at first; textual-serve and aiohttp when serving.
"""

from __future__ import annotations

import html
import ipaddress
import re
import secrets
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from copsession.i18n import Catalog

COOKIE = "copsession-show"
MAX_VIEWERS = 12
"""Browser windows at once: each runs its own audience window process."""
_HOST_HEADER = re.compile(r"^(?P<name>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?$")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1, localhost and the like; False for 0.0.0.0, a LAN address or a name."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
        match = _HOST_HEADER.match(host_header)
        if match is None:
            return False
        if self.token is not None:
            return True  # on the network any name or address may be used; the token decides
        return is_loopback(match["name"]) and (match["port"] or "80") == str(self.port)

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
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent; the system picks the outgoing address
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def child_command(minutes_dir: Path, series: str | None = None) -> str:
    """The shell command textual-serve runs for every browser window (in this process's folder)."""
    chosen = [f"--series={series}"] if series is not None else []
    return shlex.join([sys.executable, "-m", "copsession.ui.audience", f"--minutes-dir={minutes_dir}", *chosen])


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


def make_server(minutes_dir: Path, access: Access, tr: Catalog, series: str | None = None):
    """A textual-serve server for the audience window, guarded by ``access``."""
    from urllib.parse import urlencode, urlsplit

    from aiohttp import web
    from textual_serve.server import Server

    def refuse(status: int = 403, key: str = "web.refused") -> web.Response:
        return web.Response(status=status, text=tr(key) + "\n")

    @web.middleware
    async def guard(request: web.Request, handler):
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
            if access.viewers >= MAX_VIEWERS:
                return refuse(503, "web.too_many")
            access.viewers += 1
            try:
                return await handler(request)
            finally:
                access.viewers -= 1
        return await handler(request)

    class AudienceServer(Server):
        def initialize_logging(self) -> None:
            import logging

            # textual-serve's own logging prints tracebacks with local variables; only warnings, plainly
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(guard)
            return app

        async def on_startup(self, app: web.Application) -> None:
            pass  # announced once the port is open (see serve)

        async def handle_index(self, request: web.Request) -> web.Response:
            try:
                font_size = max(8, min(72, int(request.query.get("fontsize", "16"))))
            except ValueError:
                font_size = 16
            scheme = "wss" if request.secure else "ws"
            return web.Response(text=page(f"{scheme}://{request.host}/ws", font_size, tr), content_type="text/html")

        def announce(self, *_: object) -> None:
            print(tr("cli.show_open", url=access.url()), flush=True)
            if access.token is not None:
                print(tr("cli.show_network"), flush=True)
            print(tr("cli.show_stop"), flush=True)

        def serve(self, debug: bool = False) -> None:
            self.initialize_logging()
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=True, access_log=None,
                        shutdown_timeout=1.0,  # open windows are closed at once on Ctrl+C, not after a minute
                        print=self.announce)

    return AudienceServer(child_command(minutes_dir, series), host=access.host, port=access.port, title="copsession")


def serve(minutes_dir: Path, *, host: str | None = None, port: int = 8000, network: bool = False,
          language: str = "en", series: str | None = None) -> int:
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
    server = make_server(minutes_dir, access, tr, series)
    try:
        server.serve()
    except OSError as error:
        print(tr("cli.show_port", port=port, problem=error.strerror or str(error)), file=sys.stderr)
        return 1
    return 0
