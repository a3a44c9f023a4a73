"""The facilitator's side of participants' devices: the meeting opens to them (run --participants,
or F7), F7 shows the QR code, the address and the code, and the inbox where the facilitator accepts,
edits, merges and declines what arrived; the title bar counts what waits; the audience window shows
how to join. Devices here are real HTTP clients of the meeting's own server."""

from __future__ import annotations

import re
from datetime import datetime

import aiohttp
import pytest

from copsession.clock import FakeClock
from copsession.participation import Opening
from copsession.running import Follower
from copsession.ui.app import make_app
from copsession.ui.audience import AudienceApp, JoinView
from mdhelpers import screen_text, type_line, until

SIZE = (110, 40)
CONCERNS = 4


async def _open(pilot, app) -> None:
    assert await until(pilot, lambda: app.desk is not None), "the meeting did not open to participants' devices"


def _device(app) -> str:
    """A phone that joined with the meeting's code (its token, as its cookie holds it)."""
    return app.desk.join(app.desk.code)


def _send(token: str, app, kind: str, **fields) -> None:
    _send.serial = getattr(_send, "serial", 0) + 1
    app.desk.submit(token, kind, f"test-key-{_send.serial:06d}", **fields)


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_the_inbox_accepts_edits_merges_and_declines_what_devices_sent(small, small_nl, tmp_path, language):
    worksheet = small if language == "en" else small_nl
    letters = {
        "en": dict(edit="e", merge="m", remove="r", show="s"),
        "nl": dict(edit="b", merge="s", remove="v", show="t"),
    }
    keys = letters[language]
    minutes = tmp_path / "minutes"
    app = make_app(
        worksheet,
        minutes_dir=minutes,
        clock=FakeClock(datetime(2026, 12, 3, 14)),
        remember_theme=False,
        participants=Opening(),
    )
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        assert app.participant_server.address.startswith("http://127.0.0.1:")  # this computer only
        await pilot.press(*["pagedown"] * (CONCERNS + 1))
        assert app.record.current == CONCERNS
        phones = [_device(app) for _ in range(3)]
        _send(phones[0], app, "concern", text="Nobody <b>owns</b> the follow-up")
        _send(phones[1], app, "concern", text="Too little time", name="Anne")
        _send(phones[2], app, "concern", text="Not enough time to prepare")
        _send(phones[2], app, "concern", text="Spam spam")
        await until(pilot, lambda: "✉ 4 (F7)" in screen_text(app))  # arrivals are shown together, twice a second
        assert "✉ 4 (F7)" in screen_text(app)  # the count in the title bar
        await pilot.press("f7")
        await pilot.pause()
        shown = screen_text(app)
        assert app.desk.code in shown and app.participant_server.address in shown
        assert "▀" in shown or "▄" in shown  # the QR code
        await pilot.press("enter")  # accept the first as it is
        await pilot.press(keys["merge"], "down", keys["merge"], "enter")  # the two about time, merged
        await pilot.pause()
        app.screen.query_one("#inbox-edit").value = ""
        await type_line(pilot, "Too little time to prepare")
        await pilot.press("delete")  # the spam
        await pilot.pause()
        notes = [(n.kind, n.text, n.author, n.via) for n in app.record.notes]
        assert notes == [
            ("concern", "Nobody <b>owns</b> the follow-up", "", "participant"),
            ("concern", "Too little time to prepare", "", "participant"),
        ]
        assert app.desk.waiting() == []
        await pilot.press(keys["show"])
        follower = Follower(minutes, FakeClock())
        seen = None
        for _ in range(50):  # the audience window is told a moment later, by a worker
            await pilot.pause(0.1)
            seen = follower.look() or follower.look() or seen
            if seen is not None and seen.joining is not None and seen.joining.shown:
                break
        assert seen is not None and seen.joining is not None and seen.joining.shown
        assert seen.joining.code == app.desk.code
        await pilot.press(keys["remove"])  # nothing selected: nothing happens
        await pilot.press("escape")
        await pilot.press("ctrl+z")  # undo treats the accepted note like any other
        await pilot.pause()
        assert [n.text for n in app.record.notes] == ["Nobody <b>owns</b> the follow-up"]
        desk, address = app.desk, app.participant_server.address
    assert not desk.is_open  # the window closed: every device is out
    with pytest.raises(aiohttp.ClientError):
        async with aiohttp.ClientSession() as client:
            await client.get(address)


async def test_f7_opens_the_meeting_to_devices_and_closes_it_again(small, tmp_path):
    app = make_app(small, minutes_dir=tmp_path / "minutes", clock=FakeClock(), remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.desk is None
        await pilot.press("f7")
        await _open(pilot, app)
        code, address = app.desk.code, app.participant_server.address
        async with aiohttp.ClientSession() as client:
            async with client.get(f"{address}/j/{code}", allow_redirects=False) as answer:
                assert answer.status == 303  # a phone joins
        await pilot.press("o")  # close: every device is out, the code dies
        await until(pilot, lambda: app.desk is None)
        assert app.desk is None and "✉" not in screen_text(app)
        with pytest.raises(aiohttp.ClientError):
            async with aiohttp.ClientSession() as client:
                await client.get(f"{address}/j/{code}")
        await pilot.press("o")  # open again: a new code
        await _open(pilot, app)
        assert app.desk.code != code


async def test_the_audience_window_shows_how_to_join(small, tmp_path):
    minutes = tmp_path / "minutes"
    app = make_app(small, minutes_dir=minutes, clock=FakeClock(), remember_theme=False, participants=Opening())
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        await pilot.pause()
        audience = AudienceApp(minutes, clock=FakeClock())
        async with audience.run_test(size=(100, 30)) as viewer:
            for _ in range(40):
                await viewer.pause(0.25)
                if audience.joining is not None and app.desk.code in screen_text(audience):
                    break
            text = screen_text(audience)
            assert app.desk.code in text and app.participant_server.address in text  # the strip
            app.show_join(True)
            for _ in range(40):  # the join screen comes, then draws its words (a frame later on a busy machine)
                await viewer.pause(0.25)
                if isinstance(audience.screen, JoinView) and "Scan the code" in screen_text(audience):
                    break
            assert isinstance(audience.screen, JoinView)
            assert "Scan the code" in screen_text(audience)


def test_a_phone_takes_part_in_a_meeting_in_the_real_terminal(tmux_factory, tmp_path, small_text):
    """`copsession run --participants` in a real terminal: F7 shows the address and the code, a
    phone (an HTTP client here) joins with them and sends a concern, the facilitator accepts it with
    Enter and saves: the minutes have it."""
    import asyncio

    worksheet = tmp_path / "meeting.toml"
    worksheet.write_text(small_text, encoding="utf-8")
    term = tmux_factory(
        "run", str(worksheet), "--participants", "--minutes-dir", str(tmp_path / "minutes"), size=(110, 40)
    )
    term.wait_for("Attendance")
    for _ in range(CONCERNS + 1):
        term.keys("PageDown")
    term.wait_for("What worries you?")
    term.keys("F7")
    screen = term.wait_for("and type the code")
    address = re.search(r"http://127\.0\.0\.1:\d+", screen).group()
    code = re.search(r"and type the code: ([a-z0-9]+)", screen).group(1)

    async def phone() -> None:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            async with client.post(f"{address}/join", data={"code": code}) as joined:
                page = await joined.text()
            key = re.search(r'name="kind" value="concern">\s*<input type="hidden" name="key" value="([^"]+)"', page)
            form = {"kind": "concern", "key": key.group(1), "text": "Nobody owns the follow-up"}
            async with client.post(f"{address}/p", data=form, headers={"Origin": address}) as sent:
                assert sent.status == 200

    asyncio.run(phone())
    term.wait_for("Nobody owns the follow-up")  # in the inbox
    term.keys("Enter")
    term.wait_for("0 contributions waiting")
    term.keys("Escape", "C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_gone()
    minutes = next(p for p in (tmp_path / "minutes").glob("*.md") if not p.name.endswith("-brief.md"))
    assert "- Nobody owns the follow-up *(sent in by a participant)*" in minutes.read_text(encoding="utf-8")


async def test_nothing_that_waits_is_lost_on_one_key(small, tmp_path):
    """Closing to devices, removing a device and quitting each ask for a second press while
    contributions still wait (they would be lost)."""
    app = make_app(
        small, minutes_dir=tmp_path / "minutes", clock=FakeClock(), remember_theme=False, participants=Opening()
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open(pilot, app)
        await pilot.press(*["pagedown"] * (CONCERNS + 1))
        phone = _device(app)
        _send(phone, app, "concern", text="Still waiting")
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.2)
        assert app.desk is not None and "press o again to close" in screen_text(app)
        await pilot.press("r")
        await pilot.pause(0.2)
        assert len(app.desk.devices) == 1 and "Press r again to remove" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert app.desk.devices == [] and app.desk.waiting() == []  # removed: what it sent is declined
        _send(_device(app), app, "concern", text="Another one")
        await pilot.press("escape", "ctrl+q")
        await pilot.pause(0.2)
        assert app.is_running and "press Ctrl+Q again" in _said(app)


def _said(app) -> str:
    """The screen's words on one line, the notices' borders and wrapping taken out."""
    return " ".join(re.sub(r"[▌█▀▄]", " ", screen_text(app)).split())
