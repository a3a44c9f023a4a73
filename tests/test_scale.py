"""Long meetings stay quick: one note changed is one row redrawn, and start-up reads no full record."""

from __future__ import annotations

from datetime import datetime

from copsession.record import Note, SessionRecord
from copsession.ui.app import make_app
from copsession.ui.widgets import notes as notes_module
from copsession.ui.widgets.notes import NoteList
from mdhelpers import type_line

SIZE = (100, 30)


def crowded(small, count: int) -> SessionRecord:
    """A meeting in its exploration step with ``count`` notes already typed."""
    record = SessionRecord.start(small, datetime(2026, 12, 3, 14, 0), seed=1)
    record.steps[1].visited = True
    record.current = 1
    for i in range(1, count + 1):
        record.put_note(Note(i, 1, "note", f"Note {i} about the question", datetime(2026, 12, 3, 14, 1), topic=0))
    return record


async def test_adding_voting_and_deleting_redraw_one_row(small, clock, tmp_path, monkeypatch):
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 1000))
    calls: list[int] = []
    original = notes_module.describe_note
    monkeypatch.setattr(
        notes_module, "describe_note", lambda note, *a, **k: calls.append(note.id) or original(note, *a, **k)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        note_list = app.screen.query_one(NoteList)
        assert note_list.option_count == 1000
        calls.clear()
        await type_line(pilot, "one more")
        await pilot.pause()
        assert calls == [1001] and note_list.option_count == 1001
        calls.clear()
        await pilot.press("tab", "plus")
        await pilot.pause()
        assert calls == [1001] and app.record.get(1001).votes == 1
        calls.clear()
        await pilot.press("up", "delete")
        await pilot.pause()
        assert calls == [] and note_list.option_count == 1000 and app.record.get(1000) is None


async def test_typing_and_enter_lay_out_nothing_but_the_capture_box(small, clock, tmp_path, monkeypatch):
    """A keystroke and Enter redraw what changed: the list keeps its place and the question list
    its lines, so with 1,000 notes only Textual's own Input asks for a layout (it does, as the
    width of its text changes). Laying out the whole screen because of the list or the counts
    was once the largest part of a keystroke's time."""
    from textual.widget import Widget

    from mdhelpers import screen_text

    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 1000))
    layouts: list[str] = []
    original = Widget.refresh

    def refresh(self, *regions, **kwargs):
        if kwargs.get("layout") or kwargs.get("recompose"):
            layouts.append(type(self).__name__)
        return original(self, *regions, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(Widget, "refresh", refresh)
        await type_line(pilot, "a note about the question")
        await pilot.pause()
        assert app.record.get(1001).text == "a note about the question"
        assert "[1001]" in screen_text(app)  # the question's count went up, in the same lines
        assert layouts and set(layouts) == {"CaptureBox"}


async def test_the_screen_shows_a_change_within_the_call_that_made_it(small, clock, tmp_path):
    """The engine's events reach the screen at once: the list holds the new note as soon as the
    engine has it, so the note and the cleared capture box are painted in one frame."""
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        note_list = app.screen.query_one(NoteList)
        assert app.meeting.add_line("said and shown") is None
        assert note_list.option_count == 11 and note_list.current_id() == 11  # no await in between
        app.meeting.undo()
        assert note_list.option_count == 10


async def test_a_step_with_ten_thousand_notes_stays_usable(small, clock, tmp_path):
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 10_000))
    async with app.run_test(size=SIZE) as pilot:
        await type_line(pilot, "still quick")
        await pilot.press("tab", "home", "delete", "end", "plus", "ctrl+z", "ctrl+z")
        await pilot.pause()
        note_list = app.screen.query_one(NoteList)
        assert note_list.option_count == 10_001
        assert note_list.current_id() == 10_001
        assert app.record.get(1) is not None and app.record.get(10_001).votes == 0


async def test_start_up_reads_no_full_record_unless_one_is_resumed(small, clock, tmp_path, monkeypatch):
    import shutil

    from copsession import recordfile
    from copsession.index import index_path, scan
    from copsession.series import latest_unfinished, meetings_of
    from copsession.ui.app import Offer
    from mdhelpers import screen_text
    from meetings import new_meeting, say

    minutes = tmp_path / "minutes"
    for day in range(3):
        m = new_meeting(small, clock, minutes_dir=minutes)
        m.go_to(1)
        say(m, f"/action follow up {day}")
        clock.advance(86400)
        m.finish() if day < 2 else m.stop("test")  # the last one is unfinished: offered for resume
    shutil.copy(
        __import__("pathlib").Path(__file__).parent / "data" / "format1-2026-10-22-140205-safe-at-school.toml",
        minutes / ".copsession",
    )
    index_path(minutes).unlink()
    assert scan(minutes).reads == 1  # the index is rebuilt: format-2 records by their summary line

    decoded: list[str] = []
    original = recordfile._decode
    monkeypatch.setattr(recordfile, "_decode", lambda path, data: decoded.append(path.name) or original(path, data))
    found = scan(minutes)
    assert found.reads == 0 and len(found.summaries) == 4
    summary = latest_unfinished(found.summaries, title=small.title)
    offer = Offer(summary, minutes / ".copsession" / summary["file"])
    app = make_app(
        small, minutes_dir=minutes, clock=clock, earlier=meetings_of(found.summaries, small.series), offer=offer
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert decoded == []  # the opening screen and the offer come from the index
        await pilot.click("#fresh")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.record.series_number == 5 and "Meeting 5 of this series" in screen_text(app)
    assert decoded == [summary["file"]]  # only the meeting set aside was read, to mark it finished


async def test_the_collector_waits_for_the_first_frame_then_runs_again(small, clock, tmp_path, monkeypatch):
    """The command that opens a window pauses Python's cyclic collector while it starts; once the
    first frame is painted, what start-up built is frozen and the collector runs again."""
    import gc
    import sys

    from copsession import startup

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # the test process keeps collecting its garbage
    assert gc.isenabled()
    try:
        startup.pause_collector()
        assert not gc.isenabled()
        app = make_app(small, minutes_dir=tmp_path / "m", clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled() and frozen == [True]
            assert sys.getswitchinterval() <= 0.001  # a saving worker hands the interpreter back quickly
            startup.settle()  # a second window, or a second call, changes nothing
            assert frozen == [True]
    finally:
        startup.resume_collector()
        gc.enable()


def test_commands_leave_the_collector_running(tmp_path, capsys):
    """A command that opens no window never pauses it; one that stops before its window leaves it running."""
    import gc

    from copsession.cli import main

    assert main(["list"]) == 0 and gc.isenabled()
    assert main(["run", "--minutes-dir", str(tmp_path / "m")]) == 1  # pytest's output is no terminal
    assert gc.isenabled()
    assert "terminal" in capsys.readouterr().err


async def test_a_line_longer_than_the_box_scrolls_with_the_cursor(small, clock, tmp_path):
    """Without a layout per keystroke the box still scrolls sideways: the end of a long line is in
    view while typing, its start after Home."""
    from mdhelpers import screen_text

    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 3))
    async with app.run_test(size=(60, 20)) as pilot:
        line = "start " + " ".join(f"w{i}" for i in range(20)) + " THEEND"  # 84 characters
        app.screen.query_one("#capture").focus()
        await pilot.press(*["space" if c == " " else c for c in line])
        await pilot.pause()
        assert "THEEND" in screen_text(app) and "start w0" not in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert "start w0" in screen_text(app) and "THEEND" not in screen_text(app)


async def test_a_changed_line_is_drawn_again_alone_and_a_longer_one_gets_a_layout(small, clock, tmp_path, monkeypatch):
    """The question list after a note: only the line whose count went up is drawn again, with no
    layout; a line that wraps onto another row (a long question whose count grew) gets a new
    layout, so nothing is cut off; the same text again costs nothing."""
    from rich.text import Text
    from textual.geometry import Region
    from textual.widget import Widget

    from copsession.ui.widgets.lines import TextLines
    from mdhelpers import screen_text

    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, record=crowded(small, 3))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        widget = app.screen.query_one("#questions", TextLines)
        calls: list[tuple] = []
        original = Widget.refresh
        monkeypatch.setattr(
            Widget,
            "refresh",
            lambda self, *r, **k: (
                (calls.append((r, bool(k.get("layout")))) if self is widget else None) or original(self, *r, **k)
            ),
        )
        assert widget.show(Text("Questions\nQuestion one [1]\nQuestion two"))
        await pilot.pause()
        width = widget.outer_size.width - widget.styles.gutter.width
        calls.clear()
        assert widget.show(Text("Questions\nQuestion one [2]\nQuestion two"))
        assert calls == [((Region(0, 1, width, 1),), False)]  # the second row, nothing else
        await pilot.pause()
        assert "Question one [2]" in screen_text(app)
        calls.clear()
        assert not widget.show(Text("Questions\nQuestion one [2]\nQuestion two"))  # the same: nothing at all
        assert calls == []
        assert widget.show(Text("Questions\nQuestion one [2]\nQuestion two", style="bold"))  # a style is a change
        calls.clear()
        long = "Question one " + "word " * width
        assert widget.show(Text(f"Questions\n{long}\nQuestion two"))
        assert calls == [((), True)]
        await pilot.pause()
        rows = len(Text(long).wrap(app.console, width))
        assert rows > 1 and widget.outer_size.height == 2 + rows  # every row has its place
        dark = widget.render_line(0)
        app.theme = "projector-light"  # F9: the kept lines were drawn in the old colours
        await pilot.pause()
        assert widget.render_line(0).text == dark.text and widget.render_line(0) != dark


async def test_a_change_while_the_next_screen_is_still_being_built_waits_for_it(small, clock, tmp_path):
    """The meeting can change between showing a new step's screen and that screen having its
    widgets (the clock runs out in that moment): the change then reaches the screen as a message,
    once it is built, instead of crashing the meeting."""
    from mdhelpers import screen_text

    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.meeting.go_to(5)  # the results step: its screen is shown, not yet built
        building = app.screen_stack[-1]
        assert not building.ready  # is_mounted can already be true while its widgets are still coming
        clock.advance(small.steps[5].minutes * 60 + 65)
        app.meeting.tick()  # time's up, at once
        await pilot.pause()
        assert building.ready and app.screen is building
        assert app.record.steps[5].times_up
        assert "over" in screen_text(app)


async def test_keys_reach_the_screen_at_once_and_the_clock_as_a_message(small, clock, tmp_path, monkeypatch):
    """What a key does is drawn within the key's handler; the clock's events (time's up) come from
    a timer, also while screens are built or closed, and reach the screen as a message."""
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        seen: list[str] = []
        original = type(app.screen).meeting_changed
        monkeypatch.setattr(
            type(app.screen), "meeting_changed", lambda self, event: seen.append(event.what) or original(self, event)
        )
        clock.advance(small.steps[0].minutes * 60 + 5)
        app.meeting.tick()
        assert seen == []  # not yet: a message
        await pilot.pause()
        assert seen == ["times_up"]
        assert app.meeting.add_line("a remark") is None
        assert seen == ["times_up", "change"]  # at once


def test_the_web_server_never_runs_with_the_collector_paused(tmp_path, monkeypatch):
    """`show --web` serves for hours in this process: it starts no window here, so the collector
    is never paused for it."""
    import gc

    from copsession import cli

    seen: list[bool] = []
    from copsession.cli import show

    monkeypatch.setattr(show, "cmd_show", lambda *args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["show", "--web", "--minutes-dir", str(tmp_path)]) == 0
    assert seen == [True]
    assert cli.main(["show", "--minutes-dir", str(tmp_path)]) == 0
    assert seen == [True, False] and gc.isenabled()  # the window's own start is paced, and resumed after


async def test_a_note_in_a_round_lays_out_nothing_but_the_capture_box(small, clock, tmp_path, monkeypatch):
    """In a check-in round a note marks its speaker (✓) in the round panel: that redraws the
    panel's changed line; the prompt, unchanged, is not drawn again, and nothing is laid out but
    Textual's own Input (as its text's width changes)."""
    from textual.widget import Widget

    from mdhelpers import screen_text

    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock, seed=1)
    layouts: list[str] = []
    original = Widget.refresh

    def refresh(self, *regions, **kwargs):
        if kwargs.get("layout") or kwargs.get("recompose"):
            layouts.append(f"{type(self).__name__}#{self.id}")
        return original(self, *regions, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")  # from the opening screen into the check-in
        await pilot.pause()
        speaker = app.record.speaker(0)
        assert speaker and f"▶ {speaker}" in screen_text(app)
        monkeypatch.setattr(Widget, "refresh", refresh)
        await type_line(pilot, "glad to be here")
        await pilot.pause()
        assert app.record.notes[-1].author == speaker and app.record.notes[-1].text == "glad to be here"
        assert layouts and set(layouts) == {"CaptureBox#capture"}


async def test_a_text_of_lines_as_wide_as_its_text(tmp_path):
    """``width: auto`` gives a TextLines the width of its widest line, and its height follows."""
    from textual.app import App

    from copsession.ui.widgets.lines import TextLines

    class Auto(App):
        CSS = "TextLines { width: auto; }"

        def compose(self):
            yield TextLines("short\na longer line\n")

    app = Auto()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        widget = app.query_one(TextLines)
        assert widget.outer_size == (len("a longer line"), 3)
        assert widget.show("wide " * 3)
        await pilot.pause()
        assert widget.outer_size == (len("wide " * 3), 1) and widget.render_line(0).text.startswith("wide wide wide")


async def test_a_text_of_lines_with_no_room_or_hostile_text_draws_calmly(tmp_path):
    """No room at all (the padding takes the width), control characters and markup in the text:
    nothing breaks, nothing reaches the terminal as a command, markup stays text."""
    from textual.app import App

    from copsession.ui.widgets.lines import TextLines

    class Tight(App):
        CSS = "TextLines { width: 4; padding: 0 2; }"

        def compose(self):
            yield TextLines("\x1b[2Jcleared?\n[bold]not markup[/bold]\x07", id="tight")
            yield TextLines("\x1b]0;title\x07[red]plain[/red]", id="wide")

    app = Tight()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        tight = app.query_one("#tight", TextLines)
        assert tight.render_line(0).cell_length == 0
        wide = app.query_one("#wide", TextLines)
        wide.styles.width = 30
        wide.styles.padding = 0
        await pilot.pause()
        text = wide.render_line(0).text
        assert "\x1b" not in text and "\x07" not in text and "[red]plain[/red]" in text
        assert "\x1b" not in tight.plain and "[bold]not markup[/bold]" in tight.plain
