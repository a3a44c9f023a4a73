"""Never lose a meeting: saving as it goes, resume, one window per meeting, signals, crashes — in the app
and in the real command in a real terminal."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from copsession.index import scan
from copsession.persistence import MeetingLock
from copsession.recordfile import read_record, record_files
from copsession.series import latest_unfinished
from copsession.ui.app import Offer, make_app
from copsession.ui.screens.resume import ResumeScreen
from copsession.ui.textual_private import CalmStop
from copsession.ui.widgets.capture import CaptureBox
from mdhelpers import save, screen_text, until

SIZE = (80, 24)


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def only_record(minutes_dir: Path) -> Path:
    files = record_files(minutes_dir)
    assert len(files) == 1, files
    return files[0]


def die(app) -> None:
    """As if the process were killed here: no last write, and the system lets go of the lock."""
    app.meeting.finished = True
    store = app.meeting.store
    store.close()


def offer_for(minutes: Path, title: str) -> Offer:
    summary = latest_unfinished(scan(minutes).summaries, title=title)
    assert summary is not None
    path = minutes / ".copsession" / summary["file"]
    return Offer(summary, path, MeetingLock.holder(path))


async def test_every_change_is_saved_and_quit_marks_the_meeting_finished(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    app = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"first note", "enter")
        await pilot.pause()
        path = only_record(minutes)
        wait_until(lambda: [n.text for n in read_record(path, 0).record.notes] == ["first note"])
        await pilot.press(*"still typing")
        clock.advance(0.6)  # typing paused: the half-typed line is saved at the next tick
        app.meeting.tick()
        wait_until(lambda: read_record(path, 0).record.draft == "still typing")
        assert not read_record(path, 0).finished
        await save(pilot)
        await pilot.press("escape", "ctrl+q")  # Escape clears the half-typed line: nothing left to ask about
        await pilot.pause()
    loaded = read_record(path, 0)
    assert loaded.finished and loaded.minutes_file == app.saved_path.name


async def test_the_box_after_enter_is_empty_in_the_record_too(small, clock, tmp_path):
    """What Enter leaves in the capture box is what a resumed meeting shows there: nothing, after
    a note and after a blank line alike; after editing a note the half-typed line comes back."""
    app = make_app(small, minutes_dir=tmp_path / "minutes", clock=clock, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"a note", "enter")
        await pilot.pause()
        assert app.record.draft == "" and app.record.notes[-1].text == "a note"
        await pilot.press(*"   ")
        await pilot.pause()
        assert app.record.draft == "   "
        await pilot.press("enter")  # a blank line stores nothing and leaves nothing
        await pilot.pause()
        assert app.record.draft == "" and len(app.record.notes) == 1
        await pilot.press(*"half", "tab", "enter")  # edit the note from the list
        await pilot.pause()
        await pilot.press("end", *" more", "enter")
        await pilot.pause()
        assert app.record.notes[-1].text == "a note more"
        assert app.record.draft == "half" and app.screen.query_one("#capture").value == "half"


async def test_quitting_at_the_opening_screen_leaves_no_meeting(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    for _ in range(2):  # testing the projector twice before the meeting
        app = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down", "space")  # even a change of attendance is not a meeting yet
            await pilot.press("ctrl+q")
            await pilot.pause()
    assert record_files(minutes) == []
    app = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "The first meeting of this series" in screen_text(app)


async def test_run_offers_to_resume_an_unfinished_meeting(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"before the crash", "enter", "down", *"half")
        clock.advance(1)
        first.meeting.tick()
        await pilot.pause()
        die(first)
    offer = offer_for(minutes, small.title)
    assert offer.holder is None

    second = make_app(small, minutes_dir=minutes, clock=clock, offer=offer)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ResumeScreen)
        await pilot.click("#resume")
        await pilot.pause()
        assert second.record.current == 0
        assert second.record.speaker(0) == "Joost"
        assert [n.text for n in second.record.notes] == ["before the crash"]
        assert second.screen.query_one(CaptureBox).value == "half"
        await pilot.press(*" and after", "enter")
        await pilot.pause()
        assert [n.text for n in second.record.notes] == ["before the crash", "half and after"]
        await pilot.press("ctrl+z")  # the undo history came back with the meeting
        await pilot.pause()
        assert [n.text for n in second.record.notes] == ["before the crash"]
    assert only_record(minutes) == offer.path  # the same record carries on


async def test_starting_fresh_keeps_the_old_record_but_stops_offering_it(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"old note", "enter")
        await pilot.pause()
        die(first)
    offer = offer_for(minutes, small.title)
    clock.advance(3600)
    second = make_app(small, minutes_dir=minutes, clock=clock, offer=offer)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#fresh")
        await second.workers.wait_for_complete()
        await pilot.pause()
        assert second.record.notes == []
    old = read_record(offer.path, 0)
    assert old.finished and [n.text for n in old.record.notes] == ["old note"]


async def test_a_second_window_on_a_running_meeting_only_looks(small, clock, tmp_path):
    """Two copies on the same folder: the second never changes the first one's meeting."""
    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot_a:
        await pilot_a.press("pagedown", *"from window A", "enter")
        await pilot_a.pause()
        first.meeting.flush()
        offer = offer_for(minutes, small.title)
        assert offer.holder is not None  # this process holds it, in window A

        second = make_app(small, minutes_dir=minutes, clock=clock, offer=offer)
        async with second.run_test(size=(100, 30)) as pilot_b:
            await pilot_b.pause()
            text = screen_text(second)
            assert "This meeting is open in another window" in text
            await pilot_b.click("#read-only")
            await pilot_b.pause()
            assert second.meeting.read_only
            assert "READ-ONLY" in screen_text(second)
            assert [n.text for n in second.record.notes] == ["from window A"]
            await pilot_b.press(*"typed in window B", "enter", "ctrl+z")
            await pilot_b.pause()
            assert [n.text for n in second.record.notes] == ["from window A"]
            await pilot_a.press(*"more from A", "enter")
            first.meeting.flush()
            # the second window follows the first as it saves (it looks 4 times a second)
            await until(pilot_b, lambda: len(second.record.notes) == 2)
            assert [n.text for n in second.record.notes] == ["from window A", "more from A"]
            await pilot_b.press("ctrl+q")
        await pilot_a.pause()
        assert [n.text for n in first.record.notes] == ["from window A", "more from A"]
    loaded = read_record(only_record(minutes), 0)
    assert [n.text for n in loaded.record.notes] == ["from window A", "more from A"]


async def test_resume_while_another_window_runs_the_meeting_opens_it_read_only(
    small, clock, tmp_path, capsys, monkeypatch
):
    """``copsession resume`` leaves the lock to Session.open, the one place that decides: read-only,
    and the window that runs the meeting named."""
    import os

    from copsession.cli import meeting as cli_meeting
    from copsession.session import Session

    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"from window A", "enter")
        await pilot.pause()
        first.meeting.flush()
        die(first)
    path = only_record(minutes)
    window_a = MeetingLock(path)  # window A runs the meeting
    assert window_a.acquire()
    try:
        session = Session.open(read_record(path, 0.0), minutes, clock)
        assert session.read_only and session.held_by == os.getpid() and session.lock_problem is None
        opened = []
        monkeypatch.setattr(cli_meeting, "_needs_a_terminal", lambda: False)
        monkeypatch.setattr(cli_meeting, "_run_app", lambda app: opened.append(app) or 0)
        assert cli_meeting.cmd_resume(minutes) == 0
        assert opened[0].meeting.read_only
        assert f"open in another window (process {os.getpid()})" in capsys.readouterr().err
    finally:
        window_a.release()
    session = Session.open(read_record(path, 0.0), minutes, clock)  # nobody runs it now: resumed
    assert not session.read_only and session.held_by is None
    session.meeting.store.close()


async def test_a_second_window_can_start_a_separate_meeting(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot_a:
        await pilot_a.press("pagedown", *"meeting A", "enter")
        await pilot_a.pause()
        first.meeting.flush()
        clock.advance(5)
        second = make_app(small, minutes_dir=minutes, clock=clock, offer=offer_for(minutes, small.title))
        async with second.run_test(size=(100, 30)) as pilot_b:
            await pilot_b.pause()
            await pilot_b.click("#separate")
            await pilot_b.press("pagedown", *"meeting B", "enter", "ctrl+q")
            await pilot_b.pause()
        await pilot_a.press("ctrl+q", "escape")
    records = [read_record(p, 0) for p in record_files(minutes)]
    assert sorted([n.text for n in r.record.notes] for r in records) == [["meeting A"], ["meeting B"]]
    assert not any(r.finished for r in records if r.record.notes[0].text == "meeting A")


async def test_resize_down_and_back_loses_nothing(small, clock, tmp_path):
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"a note", "enter")
        for size in ((60, 20), (40, 12), (200, 60), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press(*"another", "enter")
        await pilot.pause()
        assert [n.text for n in app.record.notes] == ["a note", "another"]


async def test_an_error_inside_a_key_handler_saves_reports_and_stops_calmly(small, clock, tmp_path, monkeypatch):
    """No traceback (with its local variables: the notes) on the group's screen."""
    from copsession.ui.screens.round import RoundScreen

    minutes = tmp_path / "minutes"
    app = make_app(small, minutes_dir=minutes, clock=clock, seed=1)

    def broken(self) -> None:
        raise ValueError(self.record.notes[0].text)

    monkeypatch.setattr(RoundScreen, "action_pass_turn", broken)
    with pytest.raises(CalmStop) as stopped:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("pagedown", *"private: Joost is burnt out", "enter", *"half typed")
            await pilot.press("ctrl+o")
            await pilot.pause()
    message = stopped.value.message
    assert "copsession resume --minutes-dir" in message and "Nothing is lost" in message
    assert "burnt out" not in message
    loaded = read_record(only_record(minutes), 0)
    assert not loaded.finished and loaded.stopped == "error"
    assert [n.text for n in loaded.record.notes] == ["private: Joost is burnt out"]
    assert loaded.record.draft == "half typed"
    (report,) = (minutes / ".copsession").glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert "ValueError" in text and "in broken" in text
    assert "burnt out" not in text and "half typed" not in text
    assert oct(report.stat().st_mode & 0o777) == "0o600"


# -- the real command in a real terminal ------------------------------------------ #


def test_kill_9_then_resume_in_a_real_terminal(tmux_factory, tmp_path):
    term = tmux_factory()
    term.open_check_in()
    term.text("said before the kill")
    term.keys("Enter")
    term.wait_for("Fatima: said before the kill")
    term.keys("Down")
    term.wait_for("Now speaking: Joost")
    term.type_and_wait("half a line")
    time.sleep(1.0)  # the half-typed line is saved within a second of the last keystroke
    term.signal(signal.SIGKILL)
    term.wait_gone()
    assert term.exit_status()[1] == signal.SIGKILL
    term.close()

    again = tmux_factory("resume")
    again.wait_for("Fatima: said before the kill")
    again.wait_for("Now speaking: Joost")
    again.wait_for("half a line")
    again.text(" and after resume")
    again.keys("Enter")
    again.wait_for("Joost: half a line and after resume")
    again.keys("C-s")
    again.wait_for("Minutes saved")
    text = next((tmp_path / "minutes").glob("*-safe*.md"), None) or next(
        p for p in (tmp_path / "minutes").glob("*.md") if not p.stem.endswith("-brief")
    )
    content = text.read_text(encoding="utf-8")
    assert "- said before the kill" in content and "- half a line and after resume" in content


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_saves_the_record_before_the_program_ends(tmux_factory, tmp_path, signum):
    term = tmux_factory()
    term.open_check_in()
    term.type_and_wait("typed just now")
    term.signal(signum)
    term.wait_gone()
    status, killed_by = term.exit_status()
    assert killed_by is None and status == 128 + signum  # the program ended itself, after saving
    loaded = read_record(only_record(tmp_path / "minutes"), 0)
    assert not loaded.finished and loaded.stopped == f"signal {int(signum)}"
    assert loaded.record.draft == "typed just now"


def test_closing_the_terminal_window_saves_the_half_typed_line(tmux_factory, tmp_path):
    term = tmux_factory()
    term.open_check_in()
    term.type_and_wait("typed as the window closed")
    term.close()  # tmux sends SIGHUP, as a closed terminal window or a dropped SSH session does
    wait_until(
        lambda: any(read_record(p, 0).stopped == "signal 1" for p in record_files(tmp_path / "minutes")), timeout=10
    )
    loaded = read_record(only_record(tmp_path / "minutes"), 0)
    assert loaded.record.draft == "typed as the window closed"


def test_two_windows_in_real_terminals(tmux_factory, tmp_path):
    first = tmux_factory()
    first.open_check_in()
    first.text("from the first window")
    first.keys("Enter")
    first.wait_for("Fatima: from the first window")
    second = tmux_factory(size=(100, 30))
    second.wait_for("open in another window")
    second.keys("Enter")  # open read-only
    second.wait_for("READ-ONLY")
    second.wait_for("from the first window")
    second.text("x")
    second.keys("Enter")
    first.text("and more")
    first.keys("Enter")
    second.wait_for("and more")  # follows the first window within a second or so
    second.keys("C-q")
    second.wait_gone()
    first.keys("C-s")
    first.wait_for("Minutes saved")
    loaded = read_record(only_record(tmp_path / "minutes"), 0)
    assert [n.text for n in loaded.record.notes] == ["from the first window", "and more"]


def test_practice_runs_leave_nothing_behind(tmux_factory, tmp_path):
    term = tmux_factory("run", "--practice")
    term.wait_for("PRACTICE")
    term.keys("PageDown")
    term.wait_for("Now speaking")
    term.text("only practice")
    term.keys("Enter", "C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_gone()
    assert not (tmp_path / "minutes").exists()
    again = tmux_factory(size=(100, 30))
    again.wait_for("The first meeting of this series")
