"""Behaviour of the app, driven by keys through Pilot, checked on the screen and in the minutes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from copsession.record import OPENING
from copsession.ui.app import make_app
from copsession.ui.screens.base import StepScreen
from copsession.ui.screens.choose_folder import ChooseFolderScreen
from copsession.ui.screens.confirm_quit import ConfirmQuitScreen
from copsession.ui.screens.help import HelpScreen
from copsession.ui.widgets.capture import CaptureBox
from copsession.ui.widgets.notes import NoteList
from copsession.ui.widgets.round_panel import RoundPanel
from copsession.ui.widgets.timer import StepTimer
from mdhelpers import save, screen_text, sections, shown, table_rows, type_line

SIZE = (80, 24)


def build(worksheet, clock, tmp_path: Path, **kwargs):
    return make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=3, **kwargs)


async def test_walk_a_whole_meeting_by_keys(small, clock, tmp_path, md):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        # opening: Mirjam is not here
        attendance = app.screen.query_one("#attendance")
        assert attendance.has_focus
        await pilot.press("down", "down", "space")
        assert app.record.present_names == ["Fatima", "Joost"]

        await pilot.press("pagedown")  # check-in
        assert app.record.current == 0
        assert "Now speaking: Fatima" in shown(app.screen.query_one(RoundPanel))
        assert app.screen.query_one(CaptureBox).has_focus
        await type_line(pilot, "I bring the nurses' questions")
        await pilot.press("down")
        assert "Now speaking: Joost" in shown(app.screen.query_one(RoundPanel))
        await type_line(pilot, "Busy | week")
        clock.advance(9 * 60)

        await pilot.press("pagedown")  # exploration
        await type_line(pilot, "Children tell the coach first")
        await pilot.press("down")  # second question
        await type_line(pilot, "/question How many children feel unsafe?")
        clock.advance(20 * 60)

        await pilot.press("pagedown")  # work form
        assert "Rich picture" in shown(app.screen.query_one("#form-intro", Static))
        await type_line(pilot, "A map of who meets whom")
        clock.advance(15 * 60)

        await pilot.press("pagedown")  # break
        clock.advance(5 * 60)
        await pilot.press("pagedown")  # concern round
        await type_line(pilot, "Too little time in schools")
        await pilot.press("down", "ctrl+o")  # Joost passes
        assert "Everyone has had a turn." in shown(app.screen.query_one(RoundPanel))
        clock.advance(10 * 60)

        await pilot.press("pagedown")  # results
        await type_line(pilot, "A shared map of signals")
        await type_line(pilot, "/action Invite the school board @Fatima 2026-12-10")
        clock.advance(10 * 60)
        await save(pilot)
        await pilot.pause()

    path = app.saved_path
    assert path == tmp_path / "minutes" / "2026-12-03-safe-at-school.md"
    text = path.read_text(encoding="utf-8")
    parsed = sections(md, text)
    assert parsed["Present"] == ["Fatima (GGD, youth health care)", "Joost (Municipality)"]
    assert parsed["Absent"] == ["Mirjam"]
    # Fatima's check-in note; her concern is listed once, under Concerns, with her name
    assert parsed["Fatima"] == ["I bring the nurses' questions"]
    assert parsed["Joost"][0] == "Busy | week"
    assert parsed["1. Where do children feel unsafe?"] == ["Children tell the coach first"]
    assert (
        "1. Each person draws, without words, how they see the situation around the central question.\n"
        "   - A map of who meets whom\n"
    ) in text
    assert parsed["Open questions"] == ["How many children feel unsafe?"]
    assert parsed["Concerns"] == ["Too little time in schools (Fatima)"]
    assert parsed["Results"] == ["A shared map of signals"]
    assert table_rows(md, text, "Who")[1] == ["Invite the school board", "Fatima", "2026-12-10"]
    agenda = table_rows(md, text, "Planned (min)")
    assert [row[4] for row in agenda[1:7]] == ["9", "20", "15", "5", "10", "10"]


async def test_clicker_keys_work_from_the_note_list(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        await type_line(pilot, "a note")
        await pilot.press("tab")
        assert isinstance(app.focused, NoteList)
        await pilot.press("pagedown")
        assert app.record.current == 1
        await pilot.press("pageup", "pageup")
        assert app.record.current == OPENING


async def test_clicker_keys_close_help_and_move_on(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.record.current == 0 and isinstance(app.screen, StepScreen)


async def test_edit_and_delete_notes(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")  # exploration
        await type_line(pilot, "first")
        await type_line(pilot, "second")
        await pilot.press("tab")  # to the note list; the last note is highlighted
        await pilot.press("enter")  # edit
        box = app.screen.query_one(CaptureBox)
        assert box.has_focus and box.value == "second"
        await pilot.press(*" (edited)", "enter")
        await pilot.pause()
        assert [n.text for n in app.record.notes_in(1)] == ["first", "second (edited)"]
        await pilot.press("tab", "up", "delete")
        await pilot.pause()
        assert [n.text for n in app.record.notes_in(1)] == ["second (edited)"]


async def test_escape_cancels_an_edit(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "keep me")
        await pilot.press("tab", "enter", "backspace", "backspace", "escape")
        await pilot.pause()
        assert app.screen.query_one(CaptureBox).value == ""
        assert [n.text for n in app.record.notes_in(1)] == ["keep me"]


async def test_unknown_command_or_name_is_pointed_out_not_stored(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "/acton Write")
        box = app.screen.query_one(CaptureBox)
        assert box.has_class("-error") and box.value == "/acton Write"
        assert app.record.notes == []
        box.value = ""
        await type_line(pilot, "/action Write @Nobody")
        assert app.record.notes == [] and box.has_class("-error")


async def test_suggester_completes_commands(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await pilot.press("/", "a", "c")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        assert app.screen.query_one(CaptureBox).value == "/action"
        await pilot.press("space", *"Call", "space", "@", "J", "o")
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one(CaptureBox).value == "/action Call @Joost"  # one space each, as typed


async def test_timer_shows_elapsed_left_and_overrun(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")  # check-in: 10 minutes
        timer = app.screen.query_one(StepTimer)
        clock.advance(5 * 60)
        timer.update_time()
        assert shown(timer) == "planned 10 min · elapsed 05:00 · 05:00 left"
        assert timer.has_class("-ok")
        clock.advance(4 * 60 + 30)
        timer.update_time()
        assert timer.has_class("-alert")
        clock.advance(3 * 60 + 40)
        timer.update_time()
        assert "+03:10 over time" in shown(timer) and timer.has_class("-over")
        await pilot.press("ctrl+g")  # add a minute
        assert "planned 11 min" in shown(timer)
        await pilot.press("ctrl+t")  # pause
        clock.advance(600)
        timer.update_time()
        assert "elapsed 13:10" in shown(timer) and "paused" in shown(timer)


async def test_quit_asks_when_notes_are_unsaved(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        await type_line(pilot, "precious")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
    assert app.saved_path is not None and "precious" in app.saved_path.read_text(encoding="utf-8")


async def test_quit_without_notes_does_not_ask(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_saving_again_updates_the_same_file_and_another_meeting_gets_a_new_one(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        await type_line(pilot, "one")
        await save(pilot)
        await type_line(pilot, "two")
        await save(pilot)
        await pilot.pause()
    first = app.saved_path
    assert "two" in first.read_text(encoding="utf-8")
    other = build(small, clock, tmp_path)
    async with other.run_test(size=SIZE) as pilot:
        await save(pilot)
        await pilot.pause()
    assert other.saved_path.name == "2026-12-03-safe-at-school-2.md"
    assert "two" in first.read_text(encoding="utf-8")


async def test_unwritable_minutes_folder_offers_another_and_loses_nothing(small, clock, tmp_path):
    blocker = tmp_path / "minutes"
    blocker.write_text("a file where the folder should be")
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        await type_line(pilot, "do not lose me")
        await save(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChooseFolderScreen)
        box = app.screen.query_one("#folder")
        box.value = str(tmp_path / "elsewhere")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.saved_path == tmp_path / "elsewhere" / "2026-12-03-safe-at-school.md"
    assert "do not lose me" in app.saved_path.read_text(encoding="utf-8")
    assert blocker.read_text() == "a file where the folder should be"
    # the session record, which could not be written next to the blocked folder, now lives with the minutes
    import time

    from copsession.recordfile import read_record, record_files

    deadline = time.monotonic() + 5  # the record's writer thread writes it
    while not record_files(tmp_path / "elsewhere") and time.monotonic() < deadline:
        time.sleep(0.02)
    records = record_files(tmp_path / "elsewhere")
    assert len(records) == 1 and [n.text for n in read_record(records[0], 0).record.notes] == ["do not lose me"]


async def test_late_arrival_via_attendance_joins_the_round(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "space")  # Mirjam absent at the start
        await pilot.press("pagedown")
        assert "Mirjam" not in shown(app.screen.query_one(RoundPanel))
        await pilot.press("f2")
        await pilot.press("down", "down", "space", "escape")
        await pilot.pause()
        assert "Mirjam" in shown(app.screen.query_one(RoundPanel))
        assert app.record.speakers(0) == ["Fatima", "Joost", "Mirjam"]


async def test_help_lists_the_keys_of_the_current_step(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("pagedown", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in (
            "Next speaker",
            "Pass",
            "Save",
            "Next step",
            "Start/pause timer",
            "Attendance",
            "Pulse",
            "New prompt",
            "Vote +",
            "Sort by votes",
            "Edit note",
            "/action <what> @<who> <date>",
            "/question <text>",
        ):
            assert expected in text, expected


async def test_dutch_meeting_speaks_dutch(small_nl, clock, tmp_path):
    app = build(small_nl, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Geef aan wie er is" in shown(app.screen.query_one("#start-hint", Static))
        await pilot.press("pagedown")
        assert "Aan het woord: Fatima" in shown(app.screen.query_one(RoundPanel))
        assert app.screen.query_one(CaptureBox).placeholder.startswith("Aantekening bij Fatima")
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Volgende", "Vorige", "Opslaan", "Passen"} <= descriptions
        await type_line(pilot, "/zorg Te weinig tijd")
        assert app.record.of_kind("concern")[0].text == "Te weinig tijd"


HOSTILE = """
title = "[bold]Policy[/"
meeting = "[/] \\u001b[2J"
central_question = "What if [red]markup[/red] or \\u001b]0;pwned\\u0007 shows up?"
[[participants]]
name = "[/]"
organisation = "[link=x]org"
[[participants]]
name = "Ann"
[[steps]]
kind = "check-in"
minutes = 5
prompt = "[b]Why?[/b"
guide = "[/]"
[[steps]]
kind = "results"
title = "[i]Results"
minutes = 5
"""


async def test_hostile_text_is_shown_literally_and_saved_escaped(clock, tmp_path, md):
    from copsession.worksheet import parse_worksheet

    worksheet = parse_worksheet(HOSTILE)
    app = build(worksheet, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "[bold]Policy[/" in screen_text(app)
        await pilot.press("pagedown")
        assert "Now speaking: [/]" in shown(app.screen.query_one(RoundPanel))
        await type_line(pilot, "[red]not red[/] | # <b>x</b>")
        assert "[red]not red[/] | # <b>x</b>" in screen_text(app)
        await pilot.press("pagedown")
        await type_line(pilot, "/action [x] @[/] 2026-12-10")
        await save(pilot)
        await pilot.pause()
    text = app.saved_path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    rows = table_rows(md, text, "Who")
    assert rows[1] == ["\\[x]", "\\[/]", "2026-12-10"]
    assert sections(md, text)["\\[/]"] == ["\\[red]not red\\[/] | # \\<b>x\\</b>"]


async def test_a_clicker_right_after_enter_keeps_the_note_in_its_step(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"quick", "enter", "pagedown", *"next", "enter", "pagedown")
        await pilot.pause()
        assert [(n.step, n.text) for n in app.record.notes] == [(0, "quick"), (1, "next")]


async def test_note_list_keys_are_in_the_footer_in_dutch(small_nl, clock, tmp_path):
    app = build(small_nl, clock, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("pagedown", "pagedown", *"x", "enter", "tab")
        await pilot.pause()
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Bekend", "Nog onbekend", "Idee", "Stem +"} <= descriptions
        assert not any(d.startswith("key.") for d in descriptions)


async def test_every_step_screen_is_set_up_once_and_restyled_only_after_a_dialog(small, clock, tmp_path, monkeypatch):
    """Textual calls the handler of every class in a screen's ancestry itself: a subclass that also
    called ``super().on_mount()`` set its step screen up twice on every PageDown (its notes drawn
    twice, two once-a-second timers), and one that called ``super().on_screen_resume()`` restyled
    the whole screen twice after each dialog and once on its first frame."""
    from copsession.ui.screens.meeting import MeetingScreen

    mounted: list[str] = []
    restyled: list[str] = []
    set_up, resumed = StepScreen.on_mount, MeetingScreen.on_screen_resume

    def counted_mount(self) -> None:
        mounted.append(type(self).__name__)
        set_up(self)

    def counted_resume(self) -> None:
        if self._shown_before:
            restyled.append(type(self).__name__)
        resumed(self)

    monkeypatch.setattr(StepScreen, "on_mount", counted_mount)
    monkeypatch.setattr(MeetingScreen, "on_screen_resume", counted_resume)
    app = make_app(small, minutes_dir=tmp_path / "minutes", clock=clock, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in small.steps:
            await pilot.press("pagedown")
            await pilot.pause()
        assert len(mounted) == len(set(mounted)) == len(small.steps), mounted
        assert restyled == []  # no dialog yet: every screen was styled once, when it was built
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert restyled == [type(app.screen).__name__]
