"""`copsession show`: the read-only audience window for a second screen, in a terminal and in a browser."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SMALL
from copsession.clock import FakeClock
from copsession.worksheet import parse_worksheet
from mdhelpers import screen_text
from meetings import announced, new_meeting, say
from terminal import COMMAND

GUIDE = "Keep the round short, Sanne"
GUIDED = SMALL.replace('prompt = "What do you bring today?"', f'prompt = "What do you bring today?"\nguide = "{GUIDE}"')


@pytest.fixture
def guided():
    return parse_worksheet(GUIDED, "guided.toml")


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


async def look(app, pilot) -> str:
    """Let the app re-read the record (its own worker), then what its screen shows."""
    await app.reread().wait()
    await pilot.pause()
    return screen_text(app)


# -- the audience app ----------------------------------------------------- #


async def test_shows_the_step_without_private_remarks_or_the_guide_and_follows(guided, tmp_path):
    from copsession.ui.audience import LOOK_EVERY, AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    meeting = new_meeting(guided, clock, minutes_dir=minutes)
    announced(meeting, minutes)
    meeting.next_step()
    say(meeting, "A quiet week at school", "/private Joost looks tired")
    meeting.flush()
    app = AudienceApp(minutes, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await look(app, pilot)
        assert "What do you bring today?" in text  # the focus: kinds.focus of the check-in
        assert "A quiet week at school" in text
        assert "Now speaking: Fatima" in text and "Next: Joost" in text
        assert "Check-in" in text and "Safe at school" in text
        assert "Joost looks tired" not in text and GUIDE not in text
        assert "F9" not in text and "^q" not in text.lower() and "ctrl" not in text.lower()  # no key hints

        meeting.move_turn(+1)
        say(meeting, "Busy with the new policy", "/private ask her later")
        meeting.flush()
        text = await look(app, pilot)
        assert "Busy with the new policy" in text and "Now speaking: Joost" in text
        assert "ask her later" not in text

        meeting.next_step()  # another step: another view
        meeting.flush()
        text = await look(app, pilot)
        assert "1. Where do children feel unsafe?" in text and "A quiet week" not in text
    assert LOOK_EVERY <= 0.5  # what the app's own timer does: so a change shows within a second


async def test_follows_within_a_second_on_its_own(small, tmp_path):
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    meeting = new_meeting(small, clock, minutes_dir=minutes)
    announced(meeting, minutes)
    meeting.next_step()
    meeting.flush()
    app = AudienceApp(minutes, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await look(app, pilot)
        say(meeting, "typed just now")
        meeting.flush()
        started = time.monotonic()
        while "typed just now" not in screen_text(app) and time.monotonic() - started < 5:
            await pilot.pause(0.05)
        assert "typed just now" in screen_text(app)
        assert time.monotonic() - started < 1.0  # a look every 0.25 s (typically shown after about 0.2 s)


async def test_the_timer_counts_on_from_the_time_the_record_was_saved(small, tmp_path):
    from copsession.recordfile import record_files
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    meeting = new_meeting(small, clock, minutes_dir=minutes)
    announced(meeting, minutes)
    meeting.next_step()  # the check-in: 10 minutes, the timer runs
    clock.advance(60)
    say(meeting, "one minute in")
    meeting.flush()
    (path,) = record_files(minutes)
    saved_at = path.stat().st_mtime_ns / 1e9
    since = {"seconds": 30.0}
    app = AudienceApp(minutes, clock=clock, wall=lambda: saved_at + since["seconds"])
    async with app.run_test(size=(80, 24)) as pilot:
        await look(app, pilot)
        assert app.meeting.time_used(0)[0] == pytest.approx(90)  # 60 s used + 30 s since it was saved
        clock.advance(5)
        assert app.meeting.time_used(0)[0] == pytest.approx(95)

        meeting.toggle_timer()  # paused by the facilitator (65 s on the shared fake clock): the time saved
        meeting.flush()
        await look(app, pilot)
        assert app.meeting.time_used(0)[0] == pytest.approx(65)

        meeting.toggle_timer()
        meeting.flush()
        since["seconds"] = 600.0  # nobody saved for ten minutes: that window is gone; show the time saved
        await look(app, pilot)
        assert app.meeting.time_used(0)[0] == pytest.approx(65)


async def test_waiting_opening_screen_and_the_end(small, tmp_path):
    from copsession.running import SCAN_EVERY
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    app = AudienceApp(minutes, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await look(app, pilot)
        assert "Waiting for the meeting to start" in text

        meeting = new_meeting(small, clock, minutes_dir=minutes)

        announced(meeting, minutes)
        meeting.next_step()
        meeting.previous_step()  # back at the opening screen
        meeting.flush()
        app.follower._scanned = time.monotonic() - SCAN_EVERY  # the next look also looks for meetings
        text = await look(app, pilot)
        assert "How do we make school safe together?" in text  # the central question
        assert "Agenda" in text and "14:10  Exploring the question" in text
        assert "Attendance" not in text

        meeting.finish()
        app.follower._scanned = time.monotonic() - SCAN_EVERY
        text = await look(app, pilot)
        assert "The meeting has ended" in text


async def test_it_writes_nothing_and_has_only_two_keys(small, tmp_path):
    from copsession.index import index_path
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    meeting = new_meeting(small, minutes_dir=minutes)
    announced(meeting, minutes)
    meeting.next_step()
    say(meeting, "something")
    meeting.flush()
    index_path(minutes).unlink()  # a missing index is read from the records; it is not written back here
    before = folder_state(tmp_path)
    app = AudienceApp(minutes)
    async with app.run_test(size=(80, 24)) as pilot:
        await look(app, pilot)
        assert "something" in screen_text(app)
        themes = []
        for _ in range(4):
            await pilot.press("f9")
            themes.append(app.theme)
        assert themes == ["projector-light", "textual-dark", "textual-light", "projector-dark"]
        for key in ("pagedown", "ctrl+p", "f8", "f6", "ctrl+s", "ctrl+z", "ctrl+c", "a", "enter"):
            await pilot.press(key)
        text = await look(app, pilot)
        assert "something" in text and "Search for commands" not in text and "quit" not in text.lower()
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert folder_state(tmp_path) == before  # no lock, no record, no index, no settings


def test_show_needs_a_terminal(tmp_path):
    out = subprocess.run([COMMAND, "show"], capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert out.returncode == 1 and "needs a terminal" in out.stderr


# -- in real terminals ------------------------------------------------------ #


def test_the_audience_window_follows_the_facilitator_in_real_terminals(tmux_factory, tmp_path):
    facilitator = tmux_factory()
    audience = tmux_factory("show", size=(80, 24))
    # Waiting, or already the opening's agenda when the facilitator's window announced its meeting
    # before the audience window's first look: both are right, the order is the two processes'.
    audience.wait_for_any("Waiting for the meeting to start", "Central question")
    facilitator.open_check_in()  # opening a step writes the record
    audience.wait_for("What did you see in your own work")  # the check-in's prompt
    facilitator.text("Glad to be here")
    facilitator.keys("Enter")
    facilitator.text("/private Joost seems tired")
    facilitator.keys("Enter")
    facilitator.text("after the remark")
    facilitator.keys("Enter")
    facilitator.wait_for("after the remark")
    screen = audience.wait_for("after the remark")
    assert "Glad to be here" in screen and "Now speaking: Fatima" in screen
    assert "Joost seems tired" not in screen
    assert "PgDn" not in screen and "^q" not in screen.lower()
    facilitator.keys("PageDown")
    audience.wait_for("What do we know, what not yet?")
    audience.keys("C-q")
    audience.wait_gone()
    assert audience.exit_status() == (0, None)
    assert not facilitator.dead()


# -- in a browser ----------------------------------------------------------- #

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TERMINAL_TEXT = """() => {
    const terminal = window.copsessionTerminal;
    if (!terminal) return "";
    const buffer = terminal.buffer.active, lines = [];
    for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        if (line) lines.push(line.translateToString(true));
    }
    return lines.join("\\n");
}"""
"""The text of the terminal in the page, read from xterm.js's buffer (the page draws it on a canvas)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`copsession show --web` running as a subprocess of the test."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.port = free_port()
        env = {**os.environ, "COPSESSION_CONFIG_DIR": str(tmp_path / "config"), "LANG": "C.UTF-8"}
        self.log = tmp_path / f"show-{self.port}.log"
        with self.log.open("w") as output:  # a file, not a pipe: a full pipe would stop the server
            self.process = subprocess.Popen(
                [COMMAND, "show", "--web", "--port", str(self.port), "--minutes-dir", str(tmp_path / "minutes"), *args],
                cwd=tmp_path,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.url = ""
        deadline = time.monotonic() + 30
        while not self.url and self.process.poll() is None and time.monotonic() < deadline:
            found = re.search(r"http://\S+", self.log.read_text())
            self.url = found.group(0) if found else ""
            time.sleep(0.05)
        assert self.url, f"copsession show --web printed no address:\n{self.log.read_text()}"

    def children(self) -> list[int]:
        """The audience window processes the server started (one per browser window)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def request(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_who_may_connect():
    from copsession.audience_web import Access

    assert Access.for_options(None, 8000, network=False).token is None  # 127.0.0.1: this machine only
    assert Access.for_options("localhost", 8000, network=False).token is None
    for host, network in ((None, True), ("0.0.0.0", False), ("192.168.1.20", False), ("127.0.0.1", True)):
        access = Access.for_options(host, 8000, network)
        assert access.token and len(access.token) >= 24, host
        assert access.url().endswith(f":8000/?token={access.token}")
    assert Access.for_options(None, 8000, network=True).host == "0.0.0.0"
    assert "0.0.0.0" not in Access.for_options(None, 8000, network=True).url()  # an address others can open
    assert Access.for_options(None, 8000, True).token != Access.for_options(None, 8000, True).token  # one per run
    local = Access.for_options(None, 8000, False)
    assert local.host_allowed("127.0.0.1:8000") and local.host_allowed("localhost:8000")
    assert not local.host_allowed("attacker.example:8000") and not local.host_allowed('x"><script>')


def test_web_on_localhost_answers_only_loopback_names(tmp_path):
    served = Served(tmp_path)
    try:
        assert served.url == f"http://127.0.0.1:{served.port}/"
        assert request(served.port, "/").status == 200
        assert request(served.port, "/", {"Host": f"localhost:{served.port}"}).status == 200
        assert request(served.port, "/", {"Host": f"attacker.example:{served.port}"}).status == 421  # DNS rebinding
        assert request(served.port, "/ws", {"Origin": "http://attacker.example"}).status == 403
    finally:
        served.stop()


def test_web_on_the_network_needs_the_printed_token(tmp_path):
    served = Served(tmp_path, "--network", "--host", "127.0.0.1")  # the token rules, on loopback for the test
    try:
        token = re.search(r"\?token=([A-Za-z0-9_-]{20,})$", served.url)
        assert token, served.url
        port = served.port
        for path in ("/", "/?token=wrong", "/static/js/textual.js", "/ws"):
            assert request(port, path).status == 403, path
        given = request(port, f"/?token={token.group(1)}&fontsize=24")
        assert given.status == 303 and given.getheader("Location") == "/?fontsize=24"  # the token leaves the address
        cookie = given.getheader("Set-Cookie")
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        jar = {"Cookie": cookie.split(";", 1)[0]}
        assert request(port, "/", jar).status == 200
        assert request(port, "/static/js/textual.js", jar).status == 200
        assert request(port, "/", {"Cookie": "copsession-show=guess"}).status == 403
    finally:
        served.stop()


def _browser():
    """Playwright's Chromium from the system (Playwright's own download is not used)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    return sync_playwright


def test_the_audience_window_in_a_browser_follows_the_facilitator(tmux_factory, tmp_path):
    sync_playwright = _browser()
    facilitator = tmux_factory()
    facilitator.open_check_in()
    served = Served(tmp_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1000, "height": 700})

                def expose_terminal(route) -> None:
                    # textual-serve's page keeps its xterm.js terminal to itself: hand it to the test
                    response = route.fetch()
                    script = response.text()
                    assert script.count("this.terminal.open(e),") == 1, "textual-serve's textual.js changed"
                    route.fulfill(
                        response=response,
                        body=script.replace(
                            "this.terminal.open(e),", "this.terminal.open(e),window.copsessionTerminal=this.terminal,"
                        ),
                    )

                page.route("**/static/js/textual.js", expose_terminal)
                page.goto(served.url)

                def wait_for(needle: str, timeout: float = 20.0) -> str:
                    deadline = time.monotonic() + timeout
                    while time.monotonic() < deadline:
                        text = page.evaluate(TERMINAL_TEXT)
                        if needle in text:
                            return text
                        time.sleep(0.1)
                    raise AssertionError(f"{needle!r} did not appear in the page; it showed:\n{text}")

                wait_for("Positive youth policy")  # the meeting's title, in the title bar
                wait_for("Now speaking: Fatima")
                facilitator.text("/private only for the facilitator")
                facilitator.keys("Enter")
                facilitator.text("Seen on the projector")
                facilitator.keys("Enter")
                text = wait_for("Seen on the projector")
                assert "only for the facilitator" not in text
                children = served.children()
                assert len(children) == 1  # one audience window for the one tab
            finally:
                browser.close()
        deadline = time.monotonic() + 10  # the tab closed: its audience window ends
        while served.children() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert served.children() == []
    finally:
        served.stop()
    assert served.process.returncode == 0


@pytest.mark.parametrize(
    "language, closed", [("en", "The audience window has closed."), ("nl", "Het publieksvenster is gesloten.")]
)
def test_the_browser_page_speaks_the_user_s_language(language, closed):
    from copsession.audience_web import page
    from copsession.i18n import Catalog

    html_text = page("ws://127.0.0.1:8000/ws", 16, Catalog(language))
    assert f'<html lang="{language}">' in html_text and closed in html_text
    other = Catalog("nl" if language == "en" else "en")("web.closed")
    assert other not in html_text


# -- one meeting, chosen by the facilitator: never another CoP's -------------------------------- #

HARBOUR = SMALL.replace('title = "Safe at school"', 'title = "Harbour Safety Network"').replace(
    "How do we make school safe together?", "How do we keep the harbour safe at night?"
)
BURNOUT = "I am close to burnout"


async def test_the_audience_never_shows_another_cops_meeting(small, tmp_path):
    """Two CoPs in one folder. The other CoP's meeting was left unfinished (its terminal simply
    closed): while this meeting is on its opening screen, and after it ends, the group sees this
    meeting and then that it ended — never the other one's check-in."""
    from copsession.running import SCAN_EVERY
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    other = new_meeting(parse_worksheet(HARBOUR, "harbour.toml"), clock, minutes_dir=minutes)
    other.next_step()
    say(other, BURNOUT)
    other.stop("closed")  # the terminal was closed: unfinished on disk, not running
    app = AudienceApp(minutes, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:

        async def scan() -> str:
            app.follower._scanned = time.monotonic() - SCAN_EVERY  # the next look also looks for meetings
            return await look(app, pilot)

        text = await scan()
        assert "Waiting for the meeting to start" in text and BURNOUT not in text
        meeting = new_meeting(small, clock, minutes_dir=minutes)
        announcement = announced(meeting, minutes)  # the window opened: its opening screen, nothing written yet
        text = await scan()
        assert "How do we make school safe together?" in text and "harbour" not in text.lower()
        meeting.next_step()
        say(meeting, "Glad to be here")
        meeting.flush()
        text = await scan()
        assert "Glad to be here" in text and BURNOUT not in text
        meeting.finish()
        announcement.withdraw()  # Ctrl+Q: the window closed
        for _ in range(3):
            text = await scan()
            assert "The meeting has ended" in text and BURNOUT not in text and "harbour" not in text.lower()


async def test_with_two_meetings_running_the_audience_follows_the_one_chosen(small, tmp_path):
    from copsession.running import SCAN_EVERY
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    other = new_meeting(parse_worksheet(HARBOUR, "harbour.toml"), clock, minutes_dir=minutes)
    announced(other, minutes, key="harbour")
    other.next_step()
    say(other, BURNOUT)
    meeting = new_meeting(small, clock, minutes_dir=minutes)
    announced(meeting, minutes, key="school")
    meeting.next_step()
    say(meeting, "Glad to be here")
    other.flush()
    meeting.flush()
    for series, shown, hidden in (
        (None, None, None),
        ("Safe at school", "Glad to be here", BURNOUT),
        ("harbour safety network", BURNOUT, "Glad to be here"),
    ):
        app = AudienceApp(minutes, clock=clock, series=series)
        async with app.run_test(size=(80, 24)) as pilot:
            app.follower._scanned = time.monotonic() - SCAN_EVERY
            text = await look(app, pilot)
            if shown is None:  # nobody chose: nothing (`copsession show` asks before it opens)
                assert "Waiting" in text and BURNOUT not in text and "Glad to be here" not in text
            else:
                assert shown in text and hidden not in text
    other.stop("test")
    meeting.stop("test")


def test_show_asks_which_meeting_when_several_run(tmux_factory, tmp_path):
    """Two CoPs' meetings run in one folder: `copsession show` asks which one (in Dutch for a Dutch
    user); without a terminal to ask in, it says to choose with --series."""
    harbour = tmp_path / "harbour.toml"
    harbour.write_text(HARBOUR, encoding="utf-8")
    school = tmp_path / "school.toml"
    school.write_text(SMALL, encoding="utf-8")
    for worksheet in (harbour, school):
        meeting = tmux_factory("run", str(worksheet), "--minutes-dir", "minutes")
        meeting.wait_for("Attendance")
        meeting.keys("PageDown")
        meeting.wait_for("Now speaking")
    deadline = time.monotonic() + 10
    while len(list((tmp_path / "minutes" / ".copsession" / "running").glob("*.json"))) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    out = subprocess.run(
        [COMMAND, "show", "--web", "--minutes-dir", "minutes"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "COPSESSION_LANG": "nl"},
        timeout=30,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip() == (
        "Er lopen meerdere bijeenkomsten in deze map (Harbour Safety Network, Safe at "
        "school): kies er één met --traject NAAM."
    )
    audience = tmux_factory("show", "--minutes-dir", "minutes", env={"COPSESSION_LANG": "nl"})
    asked = audience.wait_for("Welke volgt het publieksvenster?")
    assert "1. Harbour Safety Network" in asked and "2. Safe at school" in asked
    audience.keys("2", "Enter")
    audience.wait_for("What do you bring today?")
    assert "Harbour" not in audience.screen()


def test_a_worksheet_of_the_same_title_in_another_series_is_not_offered(tmp_path):
    """Found by an attack: two CoPs with worksheets of one title ("Youth CoP", series South and
    North): running North offered South's unfinished meeting for resuming, and the audience window
    then showed South's notes under North's name."""
    from copsession.session import look_for_meetings

    minutes = tmp_path / "minutes"
    south = parse_worksheet(SMALL.replace('title = "Safe at school"', 'title = "Youth CoP"\nseries = "South"'), "s")
    north = parse_worksheet(SMALL.replace('title = "Safe at school"', 'title = "Youth CoP"\nseries = "North"'), "n")
    meeting = new_meeting(south, FakeClock(), minutes_dir=minutes)
    meeting.next_step()
    say(meeting, "south confidential note")
    meeting.stop("closed")
    assert look_for_meetings(north, minutes).offer is None
    assert look_for_meetings(south, minutes).offer is not None


async def test_an_announcement_that_names_another_cops_record_shows_nothing(small, tmp_path):
    import json

    from copsession.running import SCAN_EVERY, running_dir
    from copsession.ui.audience import AudienceApp

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    other = new_meeting(parse_worksheet(HARBOUR, "harbour.toml"), clock, minutes_dir=minutes)
    other.next_step()
    say(other, BURNOUT)
    other.flush()
    meeting = new_meeting(small, clock, minutes_dir=minutes)
    announcement = announced(meeting, minutes)
    path = running_dir(minutes) / announcement.path.name
    for edit in (
        {"record": other.store.path.name},
        {"language": "de"},
        {"record": "a\u0000.json"},
        {"record": "../../x.json"},
    ):
        data = {**announcement.content, **edit}
        path.write_text(json.dumps(data), encoding="utf-8")  # edited in place: still held by the meeting
        app = AudienceApp(minutes, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            app.follower._scanned = time.monotonic() - SCAN_EVERY
            text = await look(app, pilot)
            assert BURNOUT not in text, edit
    other.stop("test")
    meeting.stop("test")


def test_an_empty_series_is_refused(tmp_path):
    out = subprocess.run(
        [COMMAND, "show", "--web", "--series", " "],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert out.returncode == 2 and "--series needs the name of a trajectory" in out.stderr
