"""Participants on their own devices: the small web server a phone or laptop talks to.

Another face of the core, beside the Textual one: it never imports Textual and it changes nothing in
the meeting itself — what a device sends goes to the :class:`~copsession.participation.Desk`, whose
inbox the facilitator looks at; only what the facilitator accepts becomes a note, through the engine.
It runs on the caller's event loop (the meeting app's), so the desk is only ever touched from there.

A participant scans the QR code (``/j/CODE``) or types the short address and the code (``/``); the
device gets a random token in a cookie (HttpOnly, SameSite=Strict, gone when the browser closes) and
its page (``/p``) follows the step the facilitator is on: the step's title and prompt, the notes on
the group's screen, and a form for what the step allows (the pulse, dots, a concern, an idea card, an
answer, an open question). A small script asks every few seconds whether the page changed
(``/p/version``) and reloads it unless the participant is typing; without the script the page still
works (the forms post, a link refreshes it).

What keeps it safe:

- Everything on a page is escaped and everything it needs comes from this server (it works without
  internet); every response carries a strict Content-Security-Policy (no inline script, no other
  site), ``nosniff``, ``no-referrer`` and ``no-store``.
- By default the server listens on this computer only; with ``network`` on every address, and it
  answers only requests addressed to a name it goes by (the loopback names; with ``network`` also the
  address it shows), on the port it listens on — a web page elsewhere cannot reach it through DNS
  rebinding. A form posted from another site (``Sec-Fetch-Site``, ``Origin``) is refused.
- A request body is at most :data:`MAX_BODY` bytes; the desk bounds what a device sends a minute and
  stores a retry (the same idempotency key) once; more than
  :data:`~copsession.participation.MAX_JOIN_TRIES` wrong codes a minute from one address are answered
  429 without looking (the count is kept in memory, under a salted hash of the address).
- Nothing identifies a device: no address or browser string is logged or stored; aiohttp's access
  log is off, and an unexpected error is a plain 500 page (the meeting's terminal belongs to the app:
  nothing here prints).
"""

from __future__ import annotations

import hashlib
import html
import logging
import secrets
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from copsession.audience_web import host_parts, is_loopback, this_machine
from copsession.engine import MAX_CONTRIBUTION, MAX_NAME
from copsession.i18n import Catalog
from copsession.participation import KINDS, MAX_JOIN_TRIES, Desk, Offer, Refused

if TYPE_CHECKING:
    from aiohttp import web

COOKIE = "copsession-participant"
MAX_BODY = 16 * 1024
"""The largest request body (a form with a 500-character text is about 2 KB)."""
POLL_SECONDS = 2.5
"""How often a page asks whether it changed (the script's own number is in web/participate.js)."""
STATIC = Path(__file__).resolve().parent / "web"
STATIC_FILES = {"participate.css": "text/css", "participate.js": "text/javascript"}
HEADERS = {
    # connect-src: the page's script asks /p/version (fetch) — on this server only
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
MAX_REMEMBERED = 10_000
"""Addresses whose wrong codes are counted at once (the oldest are forgotten first)."""
TEXT_KINDS = ("concern", "card", "answer", "question")
NAMED_KINDS = ("concern", "card", "answer")
"""The texts a participant may put a name to (an open question is always anonymous)."""

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())  # never Python's last-resort handler: it would print in the meeting's terminal


def e(text: object) -> str:
    """``text`` escaped for anywhere in a page (element or attribute)."""
    return html.escape(str(text), quote=True)


# -- wrong codes per address ------------------------------------------------- #


MAX_JOINS_PER_ADDRESS = 6
"""Devices one address on the network may join in a minute (a phone joins once; a shared laptop or a
retry a few times): one laptop in the room cannot fill the meeting with devices. This computer itself
is not counted (the facilitator trying the page, or the benchmark's sixty simulated phones)."""


class JoinTries:
    """Wrong meeting codes (or, with another ``limit``, devices joined) per address in the last
    minute, in memory only, under a hash of the address with a salt made for this server (the
    address itself is not kept)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, limit: int = MAX_JOIN_TRIES) -> None:
        self._clock = clock
        self._limit = limit
        self._salt = secrets.token_bytes(16)
        self._wrong: dict[bytes, deque[float]] = {}

    def _who(self, address: str) -> bytes:
        return hashlib.blake2b(address.encode("utf-8", "replace"), key=self._salt, digest_size=16).digest()

    def blocked(self, address: str) -> bool:
        """Whether this address tried :data:`MAX_JOIN_TRIES` wrong codes in the last minute."""
        tries = self._wrong.get(self._who(address))
        if tries is None:
            return False
        while tries and tries[0] < self._clock() - 60:
            tries.popleft()
        return len(tries) >= self._limit

    def wrong(self, address: str) -> None:
        who = self._who(address)
        self._wrong.setdefault(who, deque()).append(self._clock())
        while len(self._wrong) > MAX_REMEMBERED:
            del self._wrong[next(iter(self._wrong))]


# -- pages -------------------------------------------------------------------- #


def page_version(offer: Offer) -> str:
    """Changes exactly when what the page shows or offers changes: a digest of the offer. (The desk's
    own ``offer.version`` also moves when any device sends something, which would reload every phone
    in the room each time, and not when the facilitator shows the pulse.)"""
    seen = (offer.open, offer.step, offer.title, offer.focus, [(n, t) for n, t, _ in offer.shown])
    return hashlib.sha256(repr((seen, offer.kinds, offer.dots, offer.pulse_given)).encode()).hexdigest()[:16]


def document(tr: Catalog, title: str, body: str, *, version: str | None = None) -> str:
    """A whole page: ``title`` as its heading, ``body`` (already escaped) as its main part; with
    ``version`` the page follows the facilitator (its script)."""
    following = f' data-version="{e(version)}"' if version is not None else ""
    script = '\n<script src="/static/participate.js" defer></script>' if version is not None else ""
    return f"""<!DOCTYPE html>
<html lang="{e(tr.language)}"{following}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} · copsession</title>
<link rel="stylesheet" href="/static/participate.css">{script}
</head>
<body>
<header>
<p class="brand">copsession</p>
<h1>{e(title)}</h1>
</header>
<main>
{body}
</main>
</body>
</html>
"""


def message_page(tr: Catalog, key: str, *, back: str = "/p", **values: Any) -> str:
    """A page that says one thing (why something was refused) and where to go on."""
    words = tr(key, **values)
    link = tr("participate.back") if back == "/p" else tr("participate.join_heading")
    body = f'<p class="notice problem" role="alert">{e(words)}</p>\n<p><a href="{e(back)}">{e(link)}</a></p>'
    return document(tr, tr("participate.page_title"), body)


def join_page(tr: Catalog, problem: str | None = None) -> str:
    """The form to type the meeting's code (for who types the short address instead of scanning)."""
    said = f'<p class="notice problem" role="alert">{e(problem)}</p>\n' if problem else ""
    body = f"""{said}<form method="post" action="/join" class="card">
<label for="code">{e(tr("participate.code_label"))}</label>
<input id="code" name="code" type="text" required maxlength="40" autocomplete="off" autocapitalize="none"
 spellcheck="false">
<button type="submit">{e(tr("participate.join"))}</button>
</form>"""
    return document(tr, tr("participate.join_heading"), body)


def _hidden(kind: str) -> str:
    key = secrets.token_urlsafe(12)
    return f'<input type="hidden" name="kind" value="{e(kind)}">\n<input type="hidden" name="key" value="{key}">'


def _pulse_form(tr: Catalog) -> str:
    choices = "\n".join(
        f'<label class="score"><input type="radio" name="score" value="{n}" required> {n}</label>' for n in range(1, 6)
    )
    return f"""<section class="card" aria-labelledby="pulse-heading">
<h2 id="pulse-heading">{e(tr("ui.pulse_title"))}</h2>
<form method="post" action="/p">
{_hidden("pulse")}
<fieldset aria-describedby="pulse-scale pulse-anonymous">
<legend>{e(tr("participate.pulse_legend"))}</legend>
<p id="pulse-scale" class="hint">{e(tr("minutes.pulse_statement"))}</p>
<div class="scale">
{choices}
</div>
<p id="pulse-anonymous" class="hint">{e(tr("participate.pulse_anonymous"))}</p>
</fieldset>
<button type="submit">{e(tr("participate.send"))}</button>
</form>
</section>"""


def _vote_form(tr: Catalog, offer: Offer) -> str:
    buttons = "\n".join(
        f'<li><button type="submit" name="note" value="{number}" class="dot">'
        f'<span class="dot-word">{e(tr("participate.dot_for"))}</span> {e(text)}</button></li>'
        for number, text, _ in offer.shown
    )
    return f"""<section class="card" aria-labelledby="vote-heading">
<h2 id="vote-heading">{e(tr("participate.vote_heading"))}</h2>
<p>{e(tr("participate.dots_left", dots=offer.dots))}</p>
<form method="post" action="/p">
{_hidden("vote")}
<ul class="notes">
{buttons}
</ul>
</form>
</section>"""


def _shown_list(tr: Catalog, offer: Offer) -> str:
    items = "\n".join(f"<li>{e(text)}</li>" for _, text, _ in offer.shown)
    return f"""<section class="card" aria-labelledby="shown-heading">
<h2 id="shown-heading">{e(tr("participate.on_screen"))}</h2>
<ul class="notes">
{items}
</ul>
</section>"""


def _text_form(tr: Catalog, kind: str) -> str:
    name = ""
    if kind in NAMED_KINDS:
        name = f"""<label for="{kind}-name">{e(tr("participate.name_label"))}</label>
<input id="{kind}-name" name="name" type="text" maxlength="{MAX_NAME}" autocomplete="name">
"""
    return f"""<section class="card" aria-labelledby="{kind}-heading">
<h2 id="{kind}-heading">{e(tr(f"participate.{kind}_heading"))}</h2>
<form method="post" action="/p">
{_hidden(kind)}
<label for="{kind}-text">{e(tr(f"participate.{kind}_label"))}</label>
<textarea id="{kind}-text" name="text" rows="3" maxlength="{MAX_CONTRIBUTION}" required></textarea>
{name}<button type="submit">{e(tr("participate.send"))}</button>
</form>
</section>"""


def participant_page(offer: Offer, sent: str | None = None) -> str:
    """The page of a device that takes part, following ``offer`` (what the desk allows it now);
    ``sent``: the kind it just sent (the page thanks for it)."""
    tr = Catalog(offer.language)
    parts = []
    if sent in KINDS:
        parts.append(f'<p class="notice done" role="status">{e(tr("participate.sent"))}</p>')
    parts.append(f'<p id="moved" class="notice" role="status" hidden>{e(tr("participate.moved"))}</p>')
    if offer.step < 0:
        parts.append(f'<p class="focus">{e(tr("participate.waiting"))}</p>')
    elif offer.focus:
        parts.append(f'<p class="focus">{e(offer.focus)}</p>')
    if "pulse" in offer.kinds:
        parts.append(_pulse_form(tr))
    if "vote" in offer.kinds:
        parts.append(_vote_form(tr, offer))
    elif offer.shown:
        parts.append(_shown_list(tr, offer))
    parts.extend(_text_form(tr, kind) for kind in TEXT_KINDS if kind in offer.kinds)
    parts.append(f'<p class="refresh"><a href="/p">{e(tr("participate.refresh"))}</a></p>')
    title = offer.title or tr("participate.page_title")
    return document(tr, title, "\n".join(parts), version=page_version(offer))


# -- the server ---------------------------------------------------------------- #


class ParticipantServer:
    """The participants' web server for ``desk``, on the caller's event loop (see the module's text).

    ``host``: the address to listen on (default 127.0.0.1, or every address with ``network``);
    ``port``: 0 takes a free one. After :meth:`start`, :attr:`address` is what to type and
    :attr:`join_url` what the QR code holds."""

    def __init__(self, desk: Desk, *, host: str | None = None, port: int = 0, network: bool = False) -> None:
        if host is None:
            host = "0.0.0.0" if network else "127.0.0.1"
        self.desk = desk
        self.host = host
        self.network = network or not is_loopback(host)
        """Whether devices other than this computer can reach it (shown on screen)."""
        self._port = port
        self._shown_host = self._advertised(host)
        self._tries = JoinTries()
        self._joins = JoinTries(limit=MAX_JOINS_PER_ADDRESS)
        """Devices joined per address: a phone joins once; one laptop cannot fill the room with devices."""
        self._runner: web.AppRunner | None = None
        self._app: web.Application | None = None

    @staticmethod
    def _advertised(host: str) -> str:
        if host in ("0.0.0.0", "::", ""):
            return this_machine()
        return "127.0.0.1" if host == "localhost" else host

    @property
    def port(self) -> int:
        """The port listened on (the one chosen when 0 was asked, once started)."""
        if self._runner is not None:
            for address in self._runner.addresses:
                return int(address[1])
        return self._port

    @property
    def address(self) -> str:
        """The short address to type, such as ``http://192.168.1.20:8123``."""
        shown = self._shown_host
        if ":" in shown and not shown.startswith("["):
            shown = f"[{shown}]"
        return f"http://{shown}:{self.port}"

    @property
    def join_url(self) -> str:
        """The address that joins at once (what the QR code holds): ``{address}/j/{code}``."""
        return f"{self.address}/j/{self.desk.code}"

    @property
    def app(self) -> web.Application:
        """The aiohttp application (made once; :meth:`start` serves it, a test may serve it itself)."""
        if self._app is None:
            self._app = self._make_app()
        return self._app

    async def start(self) -> None:
        """Listen (on the running event loop). Raises OSError when the address or port cannot be used."""
        from aiohttp import web

        _quiet_aiohttp()
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self._port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner

    async def stop(self) -> None:
        """Stop listening and end every connection (a phone's next request finds nobody)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    # -- who may ask ----------------------------------------------------------- #

    def host_allowed(self, host_header: str, port: int | None) -> bool:
        """Whether a request addressed to ``host_header`` on the connection's ``port`` is answered:
        a loopback name, or (on the network) the address this server shows."""
        parts = host_parts(host_header)
        if parts is None or port is None:
            return False
        name, given = parts
        if (given or "80") != str(port):
            return False
        names = {self._shown_host, self.host} - {"0.0.0.0", "::", ""} if self.network else set()
        return is_loopback(name) or name.strip("[]").lower() in {n.strip("[]").lower() for n in names}

    # -- the application ------------------------------------------------------- #

    def _tr(self) -> Catalog:
        return Catalog(self.desk.meeting.record.worksheet.language)

    def _page(self, text: str, status: int = 200) -> web.Response:
        from aiohttp import web

        return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")

    def _refused(self, refused: Refused) -> web.Response:
        back = "/" if refused.key in ("participate.not_in", "participate.bad_code") else "/p"
        return self._page(message_page(self._tr(), refused.key, back=back, **refused.values), refused.status)

    def _make_app(self) -> web.Application:
        from aiohttp import web

        files = {name: (STATIC / name).read_bytes() for name in STATIC_FILES}

        @web.middleware
        async def guard(request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
            try:
                return await self._guarded(request, handler)
            except web.HTTPException as problem:
                return self._http_problem(problem)
            except (ValueError, UnicodeError, LookupError):  # a request that makes no sense (a broken form)
                return self._page(message_page(self._tr(), "participate.bad_request"), 400)
            except Exception as error:  # noqa: BLE001 - whatever it was, the phone gets a plain page
                _log.error("participant page: unexpected %s", type(error).__name__)
                return self._page(message_page(self._tr(), "participate.error"), 500)

        async def headers(request: web.Request, response: web.StreamResponse) -> None:
            response.headers.update(HEADERS)

        async def static(request: web.Request) -> web.Response:
            name = request.match_info["name"]
            if name not in files:
                raise web.HTTPNotFound()
            return web.Response(body=files[name], content_type=STATIC_FILES[name], charset="utf-8")

        async def nothing(request: web.Request) -> web.Response:
            return web.Response(status=204)

        app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
        app.on_response_prepare.append(headers)
        app.add_routes(
            [
                web.get("/", self._index),
                web.post("/join", self._join_typed),
                web.get("/j/{code}", self._join_scanned),
                web.get("/p", self._participant),
                web.post("/p", self._send),
                web.get("/p/version", self._version),
                web.get("/static/{name}", static),
                web.get("/favicon.ico", nothing),  # browsers ask for it: no icon, and no error in their console
            ]
        )
        return app

    async def _guarded(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        transport = request.transport
        sockname = transport.get_extra_info("sockname") if transport is not None else None
        port = sockname[1] if isinstance(sockname, tuple) and len(sockname) >= 2 else None
        if not self.host_allowed(request.host, port):
            return self._page(message_page(self._tr(), "participate.wrong_host", back="/"), 421)
        if request.method not in ("GET", "HEAD") and _from_elsewhere(request):
            return self._page(message_page(self._tr(), "participate.other_site"), 403)
        return await handler(request)

    def _http_problem(self, problem: Any) -> web.Response:
        """aiohttp's own answers (no such page, a body too large, a method not allowed) as pages."""
        status = int(problem.status)
        if status < 400:
            raise problem
        key = {404: "participate.no_page", 413: "participate.too_large"}.get(status, "participate.bad_request")
        if status >= 500:
            key = "participate.error"
        response = self._page(message_page(self._tr(), key), status)
        if status == 405 and "Allow" in problem.headers:
            response.headers["Allow"] = problem.headers["Allow"]
        return response

    # -- joining --------------------------------------------------------------- #

    def _joined(self, request: web.Request) -> bool:
        try:
            self.desk.device(request.cookies.get(COOKIE))
        except Refused:
            return False
        return True

    async def _index(self, request: web.Request) -> web.Response:
        if self._joined(request):
            return _see_other("/p")
        return self._page(join_page(self._tr()))

    async def _join_typed(self, request: web.Request) -> web.Response:
        data = await request.post()
        code = data.get("code")
        return self._join(request, code if isinstance(code, str) else "")

    async def _join_scanned(self, request: web.Request) -> web.Response:
        return self._join(request, request.match_info["code"])

    def _join(self, request: web.Request, code: str) -> web.Response:
        if self._joined(request):  # scanned again: the same device, not a second one
            return _see_other("/p")
        address = request.remote or ""
        tr = self._tr()
        many = not is_loopback(address) and self._joins.blocked(address)  # this computer: the facilitator's own tries
        if self._tries.blocked(address) or many:
            return self._page(message_page(tr, "participate.too_many_codes", back="/"), 429)
        try:
            token = self.desk.join(code[:64], request.cookies.get(COOKIE))
        except Refused as refused:
            if refused.key == "participate.bad_code":
                self._tries.wrong(address)
                return self._page(join_page(tr, tr(refused.key)), refused.status)
            return self._refused(refused)
        self._joins.wrong(address)  # counted: a script joining again and again without its cookie is slowed
        response = _see_other("/p")
        response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        return response

    # -- taking part ----------------------------------------------------------- #

    def _offer(self, request: web.Request) -> Offer:
        offer = self.desk.offer(request.cookies.get(COOKIE))
        if not offer.open:
            raise Refused("participate.not_in", 403)
        return offer

    async def _participant(self, request: web.Request) -> web.Response:
        try:
            offer = self._offer(request)
        except Refused as refused:
            return self._refused(refused)
        return self._page(participant_page(offer, request.query.get("sent")))

    async def _version(self, request: web.Request) -> web.Response:
        from aiohttp import web

        try:
            offer = self._offer(request)
        except Refused as refused:
            return web.Response(text="gone", status=refused.status)
        return web.Response(text=page_version(offer))

    async def _send(self, request: web.Request) -> web.Response:
        data = await request.post()

        def field(name: str) -> str:
            value = data.get(name)
            return value if isinstance(value, str) else ""

        kind = field("kind")
        try:
            self.desk.submit(
                request.cookies.get(COOKIE),
                kind,
                field("key"),
                text=field("text"),
                score=_number(field("score")),
                note=_number(field("note")),
                name=field("name"),
            )
        except Refused as refused:
            return self._refused(refused)
        return _see_other(f"/p?sent={kind}")


def _see_other(location: str) -> web.Response:
    from aiohttp import web

    return web.Response(status=303, headers={"Location": location})


def _number(text: str) -> int | None:
    """A number a form sent (a score, a note's id), or None for anything else."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _from_elsewhere(request: web.Request) -> bool:
    """Whether a browser says the request comes from another site (a form there posting here).

    ``Sec-Fetch-Site`` decides where a browser sends it (every current one): only this origin, or
    the user themselves. Otherwise ``Origin`` must be this server's. A page with ``no-referrer`` (as
    these are) makes the browser send ``Origin: null`` even for its own forms; an older browser that
    sends that without ``Sec-Fetch-Site`` is let through — its posts to ``/p`` still need the
    device's cookie, which is SameSite=Strict, so a form on another site posts without it."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return False
    try:
        return urlsplit(origin).netloc.lower() != request.host.lower()
    except ValueError:
        return True


def _quiet_aiohttp() -> None:
    """aiohttp's own loggers say nothing where the meeting's terminal is (tracebacks of malformed
    requests, access lines): they end in a handler that drops them."""
    for name in ("aiohttp.access", "aiohttp.server", "aiohttp.web"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
