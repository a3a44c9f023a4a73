"""Participants on their own devices, the web part (copsession.participant_web): joining by the QR
link and by the typed code, the page on each step, what it posts reaching the desk's inbox — and one
hostile participant per test, who changes nothing and gets a clear answer."""

from __future__ import annotations

import re
import socket

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from copsession import participant_web
from copsession.clock import FakeClock
from copsession.participant_web import COOKIE, HEADERS, MAX_BODY, ParticipantServer
from copsession.participation import MAX_JOIN_TRIES, MAX_PER_MINUTE, Desk
from copsession.worksheet import parse_worksheet
from meetings import new_meeting, say

CHECK_IN, EXPLORATION, WORK_FORM, BREAK, CONCERNS, RESULTS = range(6)


@pytest.fixture
def cards(small_text):
    return parse_worksheet(small_text.replace('form = "drawing"', 'form = "brainwriting"'), "cards.toml")


class Room:
    """A meeting, its desk, the server's application under aiohttp's test server, and phones."""

    def __init__(self, worksheet, step: int = CHECK_IN) -> None:
        self.meeting = new_meeting(worksheet, FakeClock())
        if step >= 0:
            self.meeting.go_to(step)
        self.desk = Desk(self.meeting)
        self.server = ParticipantServer(self.desk)
        self.test_server = TestServer(self.server.app)
        self.phones: list[TestClient] = []

    async def phone(self, *, join: bool = True) -> TestClient:
        client = TestClient(self.test_server)
        await client.start_server()
        self.phones.append(client)
        if join:
            answer = await client.get(f"/j/{self.desk.code}")
            assert answer.status == 200 and answer.url.path == "/p"
        return client

    async def close(self) -> None:
        for client in self.phones:
            await client.close()
        await self.test_server.close()


@pytest.fixture
async def room_of():
    rooms: list[Room] = []

    def make(worksheet, step: int = CHECK_IN) -> Room:
        rooms.append(Room(worksheet, step))
        return rooms[-1]

    yield make
    for room in rooms:
        await room.close()


async def page(client: TestClient, path: str = "/p") -> str:
    answer = await client.get(path)
    assert answer.status == 200, await answer.text()
    return await answer.text()


def form_key(html: str, kind: str) -> str:
    found = re.search(rf'name="kind" value="{kind}">\s*<input type="hidden" name="key" value="([^"]+)"', html)
    assert found, f"no {kind} form on the page"
    return found[1]


async def send(client: TestClient, kind: str, **fields: str) -> aiohttp.ClientResponse:
    """Fill in the form of ``kind`` on the page as it is now and send it (without following the answer)."""
    key = form_key(await page(client), kind)
    return await client.post("/p", data={"kind": kind, "key": key, **fields}, allow_redirects=False)


# -- joining ---------------------------------------------------------------- #


async def test_a_phone_joins_by_the_qr_link_and_by_the_typed_code(small, room_of):
    room = room_of(small)
    scanned = await room.phone(join=False)
    answer = await scanned.get(f"/j/{room.desk.code}", allow_redirects=False)
    assert answer.status == 303 and answer.headers["Location"] == "/p"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Path=/" in cookie and "Max-Age" not in cookie and "expires" not in cookie.lower()  # gone with the browser
    assert "What do you bring today?" in await page(scanned)
    again = await scanned.get(f"/j/{room.desk.code}", allow_redirects=False)  # scanned twice: still one device
    assert again.status == 303 and "Set-Cookie" not in again.headers
    typed = await room.phone(join=False)
    form = await page(typed, "/")
    assert '<form method="post" action="/join"' in form and '<label for="code">' in form
    answer = await typed.post("/join", data={"code": f" {room.desk.code.upper()} "})
    assert answer.status == 200 and answer.url.path == "/p"
    assert [d.number for d in room.desk.devices] == [1, 2]
    assert (await typed.get("/", allow_redirects=False)).headers["Location"] == "/p"  # in already


async def test_a_guessed_code_is_unknown_and_then_not_even_looked_at(small, room_of):
    room = room_of(small)
    guesser = await room.phone(join=False)
    for n in range(MAX_JOIN_TRIES):
        answer = await guesser.get(f"/j/guess{n:05d}")
        assert answer.status == 404
        assert "This meeting code is not known" in await answer.text()
    answer = await guesser.post("/join", data={"code": room.desk.code})  # even the right one, for a minute
    assert answer.status == 429 and "Wait a minute" in await answer.text()
    assert (await guesser.get(f"/j/{room.desk.code}")).status == 429
    assert room.desk.devices == []


async def test_a_stale_code_and_a_closed_meeting_let_nobody_in(small, room_of):
    room = room_of(small)
    phone = await room.phone()
    room.desk.close()
    answer = await phone.get("/p")
    assert answer.status == 403 and "no longer" in await answer.text()
    assert (await phone.get("/p/version")).status == 403
    latecomer = await room.phone(join=False)
    assert (await latecomer.get(f"/j/{room.desk.code}")).status == 404
    answer = await phone.post("/p", data={"kind": "answer", "key": "k" * 16, "text": "After the end"})
    assert answer.status == 403 and room.desk.waiting() == []


async def test_a_removed_device_is_out(small, room_of):
    room = room_of(small)
    phone, other = await room.phone(), await room.phone()
    key = form_key(await page(phone), "answer")
    room.desk.remove(
        room.desk.device(phone.session.cookie_jar.filter_cookies(phone.make_url("/"))[COOKIE].value).number
    )
    answer = await phone.post("/p", data={"kind": "answer", "key": key, "text": "Still here?"})
    assert answer.status == 403 and "took this device out of the meeting" in await answer.text()
    assert (await phone.get("/p")).status == 403
    assert (await other.get("/p")).status == 200
    assert room.desk.waiting() == []
    again = await phone.get(f"/j/{room.desk.code}", allow_redirects=False)  # scanning the code again
    assert again.status == 403 and len(room.desk.devices) == 1


# -- the page on each step --------------------------------------------------- #


async def test_the_page_follows_the_steps_and_what_it_sends_reaches_the_inbox(cards, room_of):
    room = room_of(cards, CHECK_IN)
    meeting, desk = room.meeting, room.desk
    phone = await room.phone()
    html = await page(phone)
    assert "<h1>Check-in</h1>" in html and "What do you bring today?" in html
    assert '<html lang="en"' in html and "<main>" in html and "<header>" in html
    assert (await send(phone, "answer", text="Curious", name="Anne")).headers["Location"] == "/p?sent=answer"
    assert "Sent. The facilitator will look at it." in await page(phone, "/p?sent=answer")

    meeting.go_to(EXPLORATION)
    say(meeting, "Teachers notice it first", "/private Joost seems tired today")
    html = await page(phone)
    assert "Where do children feel unsafe?" in html and "Teachers notice it first" in html
    assert "Joost" not in html and "tired" not in html  # a private remark is never on a phone
    assert "Dots left: 3" in html and html.count('class="dot"') == 1
    shown = meeting.record.notes[0].id
    assert (await send(phone, "vote", note=str(shown))).status == 303
    assert "Dots left: 2" in await page(phone)

    meeting.go_to(WORK_FORM)
    assert (await send(phone, "card", text="A buddy for every newcomer")).status == 303

    meeting.go_to(CONCERNS)
    html = await page(phone)
    assert "Bring in a concern" in html and "leave it empty to stay anonymous" in html
    await send(phone, "concern", text="Nobody owns the follow-up")
    await send(phone, "concern", text="Too little time", name="Anne")
    await send(phone, "question", text="Who pays for it?", name="Anne")

    meeting.show_to_group("pulse")
    html = await page(phone)
    assert "<fieldset" in html and "<legend>" in html and "always anonymous" in html
    assert html.count('type="radio" name="score"') == 5
    await send(phone, "pulse", score="4")
    assert "<fieldset" not in await page(phone)  # one score per device

    got = [(c.kind, c.step, c.text, c.name, c.score, c.note) for c in desk.waiting()]
    assert got == [
        ("answer", CHECK_IN, "Curious", "Anne", None, None),
        ("vote", EXPLORATION, "", "", None, shown),
        ("card", WORK_FORM, "A buddy for every newcomer", "", None, None),
        ("concern", CONCERNS, "Nobody owns the follow-up", "", None, None),
        ("concern", CONCERNS, "Too little time", "Anne", None, None),
        ("question", CONCERNS, "Who pays for it?", "", None, None),  # a question never carries a name
        ("pulse", CONCERNS, "", "", 4, None),
    ]
    assert desk.accept_all() == 2 and meeting.record.pulse == {"#1": 4}
    assert meeting.record.notes[0].votes == 1


async def test_the_page_in_dutch(small_nl, room_of):
    room = room_of(small_nl, CONCERNS)
    html = await page(await room.phone())
    assert '<html lang="nl"' in html and "Breng een zorgpunt in" in html and "Vernieuw de pagina" in html
    assert "Versturen" in html and "Send" not in html


async def test_before_the_first_step_the_page_waits(small, room_of):
    room = room_of(small, -1)
    html = await page(await room.phone())
    assert "The meeting starts soon" in html and "<form" not in html  # nothing to send yet


async def test_the_version_changes_when_the_page_would_and_not_when_another_phone_sends(small, room_of):
    room = room_of(small, CONCERNS)
    phone, other = await room.phone(), await room.phone()

    async def version() -> str:
        return await page(phone, "/p/version")

    first = await version()
    assert re.fullmatch(r"[0-9a-f]{16}", first) and f'data-version="{first}"' in await page(phone)
    await send(other, "concern", text="Someone else's worry")
    assert await version() == first  # the other phones do not reload for it
    room.meeting.show_to_group("pulse")
    shown_pulse = await version()
    assert shown_pulse != first
    room.meeting.go_to(RESULTS)
    assert await version() != shown_pulse


# -- a hostile participant, one kind at a time -------------------------------- #


async def test_markup_and_script_in_texts_are_escaped(small, room_of):
    room = room_of(small, EXPLORATION)
    say(room.meeting, '<script>alert("x")</script> & <img src=x onerror=alert(1)>')
    phone = await room.phone()
    await send(phone, "answer", text='<b onmouseover="x">bold</b>', name="<i>Anne</i>")
    html = await page(phone)
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in html
    (item,) = room.desk.waiting()
    assert item.text == '<b onmouseover="x">bold</b>'  # kept as typed; escaped wherever it is shown
    sent = await phone.get('/p?sent="><script>alert(1)</script>')
    assert "<script>alert" not in await sent.text()


async def test_control_characters_are_not_kept(small, room_of):
    room = room_of(small, CONCERNS)
    phone = await room.phone()
    answer = await send(phone, "concern", text="Line\x1b[2J one\n\nand\u202etwo\x00", name="\x1b]0;Anne\x07")
    assert answer.status == 303
    (item,) = room.desk.waiting()
    assert (item.text, item.name) == ("Line[2J one andtwo", "]0;Anne")
    answer = await send(phone, "concern", text="\x1b\x07\x00")
    assert answer.status == 400 and "nothing to send" in await answer.text()


async def test_a_post_of_a_megabyte_is_refused_whole(small, room_of):
    room = room_of(small, CONCERNS)
    phone = await room.phone()
    key = form_key(await page(phone), "concern")
    answer = await phone.post("/p", data={"kind": "concern", "key": key, "text": "x" * 1_000_000})
    assert answer.status == 413 and "far too large" in await answer.text()
    for name, value in HEADERS.items():
        assert answer.headers[name] == value
    answer = await phone.post("/p", data={"kind": "concern", "key": key, "text": "x" * (MAX_BODY // 2)})
    assert answer.status == 413 and "at most 500 characters" in await answer.text()  # the desk's own limit
    assert room.desk.waiting() == []
    assert (await phone.get("/p")).status == 200  # and the server is still there


async def test_a_thousand_posts_store_at_most_the_rate(small, room_of):
    room = room_of(small, CONCERNS)
    phone = await room.phone()
    statuses = []
    for n in range(1000):
        answer = await phone.post(
            "/p", data={"kind": "question", "key": f"flood-{n:06d}", "text": f"Spam {n}"}, allow_redirects=False
        )
        statuses.append(answer.status)
        answer.release()
    assert statuses[:MAX_PER_MINUTE] == [303] * MAX_PER_MINUTE
    assert set(statuses[MAX_PER_MINUTE:]) == {429}
    assert len(room.desk.waiting()) == MAX_PER_MINUTE <= 20
    answer = await phone.post("/p", data={"kind": "question", "key": "flood-x00001", "text": "One more"})
    assert "Wait a minute" in await answer.text()


async def test_a_broken_form_is_a_bad_request(small, room_of):
    room = room_of(small, CONCERNS)
    phone = await room.phone()
    broken = b'--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nconcern\r\n--x'  # never ends
    for body, kind in ((broken, "multipart/form-data; boundary=x"), (b"kind=concern&text=%ff%fe", None)):
        headers = {"Content-Type": kind or "application/x-www-form-urlencoded"}
        answer = await phone.post("/p", data=body, headers=headers)
        assert answer.status == 400, await answer.text()
        assert "Traceback" not in await answer.text()
    assert room.desk.waiting() == []


async def test_a_retry_with_the_same_key_is_stored_once(small, room_of):
    room = room_of(small, CONCERNS)
    phone = await room.phone()
    key = form_key(await page(phone), "concern")
    for _ in range(3):  # flaky Wi-Fi: the browser sends the same form again
        answer = await phone.post("/p", data={"kind": "concern", "key": key, "text": "Once"}, allow_redirects=False)
        assert answer.status == 303
    assert [c.text for c in room.desk.waiting()] == ["Once"]
    assert form_key(await page(phone), "concern") != key  # a new key for the next one


async def test_a_request_for_another_host_is_refused(small, room_of):
    room = room_of(small)
    phone = await room.phone()
    for host in ("evil.example", f"evil.example:{room.test_server.port}", "127.0.0.1:1", "0.0.0.0", "[::1"):
        answer = await phone.get("/p", headers={"Host": host})
        assert answer.status in (400, 421), host
    answer = await phone.get("/p", headers={"Host": f"localhost:{room.test_server.port}"})
    assert answer.status == 200


async def test_a_form_posted_from_another_site_is_refused(small, room_of):
    room = room_of(small, CONCERNS)
    phone = await room.phone()
    key = form_key(await page(phone), "concern")
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"},  # a browser never says both
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another port of this computer is another origin
    ):
        answer = await phone.post("/p", data={"kind": "concern", "key": key, "text": "Forged"}, headers=headers)
        assert answer.status == 403 and "another website" in await answer.text()
    assert (
        await phone.post("/join", data={"code": room.desk.code}, headers={"Origin": "http://evil.example"})
    ).status == 403
    assert room.desk.waiting() == []
    own = f"http://127.0.0.1:{room.test_server.port}"
    for n, headers in enumerate(
        (
            {"Origin": own},
            {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # what a page with no-referrer sends
            {"Origin": "null"},
        )
    ):
        mine = form_key(await page(phone), "concern")
        answer = await phone.post("/p", data={"kind": "concern", "key": mine, "text": f"Mine {n}"}, headers=headers)
        assert answer.status == 200
    assert [c.text for c in room.desk.waiting()] == ["Mine 0", "Mine 1", "Mine 2"]


async def test_every_response_carries_the_safety_headers(small, room_of):
    room = room_of(small, EXPLORATION)
    say(room.meeting, "An idea")
    stranger, phone = await room.phone(join=False), await room.phone()
    answers = [
        await stranger.get("/"),
        await stranger.get(f"/j/{room.desk.code}x", allow_redirects=False),
        await stranger.get("/p"),
        await phone.get(f"/j/{room.desk.code}", allow_redirects=False),
        await phone.get("/p"),
        await phone.get("/p/version"),
        await phone.get("/static/participate.css"),
        await phone.get("/static/participate.js"),
        await phone.get("/static/../pyproject.toml"),
        await phone.get("/no-such-page"),
        await phone.put("/p"),
        await phone.post("/p", data={"kind": "vote", "key": "k" * 16, "note": "abc"}),
        await phone.get("/p", headers={"Host": "evil.example"}),
    ]
    for answer in answers:
        for name, value in HEADERS.items():
            assert answer.headers.get(name) == value, (answer.url, answer.status, name)
    assert [a.status for a in answers] == [200, 404, 403, 303, 200, 200, 200, 200, 404, 404, 405, 409, 421]
    assert answers[6].content_type == "text/css" and answers[7].content_type == "text/javascript"
    assert "default-src 'none'" in HEADERS["Content-Security-Policy"]
    html = await answers[4].text()
    assert "http://" not in html and "https://" not in html and "//" not in html  # nothing from outside


async def test_an_unexpected_error_is_a_plain_page_and_nothing_is_printed(small, room_of, capfd, monkeypatch):
    room = room_of(small)
    phone = await room.phone()

    def broken(token):
        raise RuntimeError("secret detail at 192.168.1.20 with Mozilla/5.0")

    monkeypatch.setattr(room.desk, "offer", broken)
    answer = await phone.get("/p", headers={"User-Agent": "Mozilla/5.0 (secret)"})
    text = await answer.text()
    assert answer.status == 500 and "Something went wrong" in text and "secret" not in text
    assert "Traceback" not in text and "RuntimeError" not in text
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# -- the server on the app's own event loop ---------------------------------- #


async def test_the_server_listens_on_this_computer_by_default_and_stops(small):
    meeting = new_meeting(small, FakeClock())
    desk = Desk(meeting)
    server = ParticipantServer(desk)
    assert server.host == "127.0.0.1" and not server.network
    await server.start()
    try:
        port = server.port
        assert port > 0 and server.address == f"http://127.0.0.1:{port}"
        assert server.join_url == f"http://127.0.0.1:{port}/j/{desk.code}"
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            async with session.get(server.join_url) as answer:
                assert answer.status == 200 and answer.url.path == "/p"
            async with session.get(f"http://localhost:{port}/p") as answer:
                assert answer.status == 403  # the name is answered (not 421); the cookie belongs to 127.0.0.1
    finally:
        await server.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


async def test_on_the_network_it_answers_the_address_it_shows(small, monkeypatch):
    monkeypatch.setattr(participant_web, "this_machine", lambda: "192.0.2.20")
    server = ParticipantServer(Desk(new_meeting(small, FakeClock())), network=True)
    assert server.network and server.host == "0.0.0.0"
    assert server.address.startswith("http://192.0.2.20:")
    assert server.host_allowed("192.0.2.20:8123", 8123) and server.host_allowed("127.0.0.1:8123", 8123)
    assert not server.host_allowed("192.0.2.21:8123", 8123) and not server.host_allowed("evil.example:8123", 8123)
    assert not server.host_allowed("192.0.2.20:8124", 8123)
    assert not server.host_allowed("0.0.0.0:8123", 8123)  # what a page elsewhere uses to reach this computer
    await server.start()
    try:
        port = server.port
        assert server.join_url == f"http://192.0.2.20:{port}/j/{server.desk.code}"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/", headers={"Host": f"192.0.2.20:{port}"}) as answer:
                assert answer.status == 200  # reached through another interface, addressed as shown
    finally:
        await server.stop()
    local = ParticipantServer(Desk(new_meeting(small, FakeClock())))
    assert not local.host_allowed("192.0.2.20:8123", 8123)


def test_the_page_s_files_are_in_the_package():
    for name in participant_web.STATIC_FILES:
        assert (participant_web.STATIC / name).is_file()
    script = (participant_web.STATIC / "participate.js").read_text(encoding="utf-8")
    assert "/p/version" in script and "http://" not in script and "https://" not in script


async def test_one_address_on_the_network_cannot_fill_the_meeting_with_devices(small, room_of):
    """A script that joins again and again without keeping its cookie gets a new device each time:
    from one address on the network, six a minute, then it is told to wait (this computer itself is
    not counted: the facilitator trying the page)."""
    from unittest import mock

    from aiohttp.test_utils import make_mocked_request

    from copsession.participant_web import MAX_JOINS_PER_ADDRESS

    room = room_of(small)
    server = room.server
    statuses = []
    for _ in range(MAX_JOINS_PER_ADDRESS + 2):
        transport = mock.Mock()
        transport.get_extra_info.side_effect = lambda name, default=None: (
            ("192.168.1.50", 50000) if name == "peername" else default
        )
        request = make_mocked_request("GET", f"/j/{room.desk.code}", headers={"Host": "127.0.0.1"}, transport=transport)
        statuses.append(server._join(request, room.desk.code).status)  # noqa: SLF001 - the join itself
    assert statuses == [303] * MAX_JOINS_PER_ADDRESS + [429, 429]
    assert len(room.desk.devices) == MAX_JOINS_PER_ADDRESS
