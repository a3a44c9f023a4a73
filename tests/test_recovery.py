"""Never lose a meeting: autosave from the app, resume after a crash, kill -9 in a real terminal."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from terminal import COMMAND

from copsession.recordfile import latest_unfinished, read_record, records_dir
from copsession.ui.app import make_app
from copsession.ui.screens.resume import ResumeScreen
from copsession.ui.widgets.capture import CaptureBox

SIZE = (80, 24)


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def only_record(minutes_dir: Path) -> Path:
    files = list(records_dir(minutes_dir).glob("*.toml"))
    assert len(files) == 1, files
    return files[0]


async def test_every_note_is_autosaved_and_quit_marks_the_meeting_finished(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    app = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"first note", "enter")
        await pilot.pause()
        path = only_record(minutes)
        wait_until(lambda: [n.text for n in read_record(path, 0).record.notes] == ["first note"])
        await pilot.press(*"still typing")
        await pilot.pause(2.2)  # the draft is saved once typing paused for a tick
        wait_until(lambda: read_record(path, 0).record.draft == "still typing")
        assert not read_record(path, 0).finished
        await pilot.press("ctrl+s", "ctrl+q")
        await pilot.pause()
    loaded = read_record(path, 0)
    assert loaded.finished and loaded.minutes_file == app.saved_path.name


async def test_run_offers_to_resume_an_unfinished_meeting(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"before the crash", "enter", "down", *"half")
        await pilot.pause(2.2)  # the half-typed line is saved once typing paused for a tick
        first.autosaver.flush()
        first.autosaver = None  # as if the process died here: no final write
    offer, problems = latest_unfinished(minutes, clock.monotonic(), title=small.title)
    assert offer is not None and problems == []

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
    assert only_record(minutes) == offer.path  # the same record carries on


async def test_starting_fresh_keeps_the_old_record_but_stops_offering_it(small, clock, tmp_path):
    minutes = tmp_path / "minutes"
    first = make_app(small, minutes_dir=minutes, clock=clock, seed=1)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"old note", "enter")
        await pilot.pause()
        first.autosaver.flush()
        first.autosaver = None
    offer, _ = latest_unfinished(minutes, 0, title=small.title)
    clock.advance(3600)
    second = make_app(small, minutes_dir=minutes, clock=clock, offer=offer)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#fresh")
        await pilot.pause()
        assert second.record.notes == []
    old = read_record(offer.path, 0)
    assert old.finished and [n.text for n in old.record.notes] == ["old note"]


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


def test_kill_9_then_resume_in_a_real_terminal(tmux_factory, tmp_path):
    term = tmux_factory()
    term.wait_for("Attendance")
    term.keys("PageDown")
    term.wait_for("Now speaking: Fatima")
    term.text("said before the kill")
    term.keys("Enter")
    term.wait_for("Fatima: said before the kill")
    term.keys("Down")
    term.wait_for("Now speaking: Joost")
    time.sleep(1.5)  # more than a second before the end
    subprocess.run(["pkill", "-KILL", "-f", f"{COMMAND}$"], check=False)
    wait_until(lambda: "$" in term.screen() or not term.alive(), timeout=10)
    term.close()

    again = tmux_factory("resume")
    again.wait_for("Fatima: said before the kill")
    again.wait_for("Now speaking: Joost")
    again.text("after resume")
    again.keys("Enter")
    again.wait_for("Joost: after resume")
    again.keys("C-s")
    again.wait_for("Minutes saved")
    text = next((tmp_path / "minutes").glob("*.md")).read_text(encoding="utf-8")
    assert "- said before the kill" in text and "- after resume" in text


def test_sigterm_writes_the_record_before_exiting(tmux_factory, tmp_path):
    term = tmux_factory()
    term.wait_for("Attendance")
    term.keys("PageDown")
    term.wait_for("Now speaking")
    term.text("typed just now")
    term.wait_for("typed just now")
    pid = int(subprocess.run(["pgrep", "-f", f"{COMMAND}$"], capture_output=True, text=True).stdout.split()[0])
    import os

    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0, timeout=10)
    loaded = read_record(only_record(tmp_path / "minutes"), 0)
    assert not loaded.finished and loaded.record.draft == "typed just now"


def test_closing_the_terminal_window_saves_the_half_typed_line(tmux_factory, tmp_path):
    term = tmux_factory()
    term.wait_for("Attendance")
    term.keys("PageDown")
    term.wait_for("Now speaking")
    term.text("typed as the window closed")
    term.wait_for("typed as the window closed")
    term.close()  # tmux sends SIGHUP, as a closed terminal window or a dropped SSH session does
    path = records_dir(tmp_path / "minutes")
    wait_until(lambda: any(read_record(p, 0).record.draft == "typed as the window closed"
                           for p in path.glob("*.toml")), timeout=10)
