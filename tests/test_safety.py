"""Safe in front of the group: what crashed the app or destroyed work before the meeting engine."""

from __future__ import annotations

from textual.widgets import Input

from copsession.ui.app import make_app
from copsession.ui.widgets.capture import CaptureBox
from copsession.ui.widgets.notes import NoteList
from copsession.worksheet import parse_worksheet
from mdhelpers import screen_text, type_line

SIZE = (100, 30)


def build(worksheet, clock, tmp_path):
    return make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=1, remember_theme=False)


async def test_delete_held_down_never_crashes_and_ctrl_z_brings_everything_back(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        for text in ("one", "two", "three"):
            await type_line(pilot, text)
        await pilot.press("tab", *["delete"] * 6)  # held down: more presses than notes
        await pilot.pause()
        assert app.record.notes == []
        assert any("Ctrl+Z brings it back" in n.message for n in app._notifications)
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert sorted(n.text for n in app.record.notes) == ["one", "three", "two"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(app.record.notes) == 2


async def test_typing_a_word_while_the_list_has_the_focus_changes_no_note(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "keep me")
        await pilot.press("tab")
        await pilot.pause()
        assert "LIST" in screen_text(app)  # list mode is visible
        await pilot.press(*"desk is here")
        await pilot.pause()
        assert [(n.text, n.votes, n.tag) for n in app.record.notes] == [("keep me", 0, "")]
        box = app.screen.query_one(CaptureBox)
        assert app.focused is box and box.value == "desk is here"
        assert "LIST" not in screen_text(app)


async def test_undo_reaches_back_across_steps(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "a voted idea")
        await pilot.press("tab", "plus", "delete", "escape", "pagedown")
        await pilot.pause()
        assert app.record.current == 2 and app.record.notes == []
        await pilot.press("ctrl+z")  # first the step change
        await pilot.pause()
        assert app.record.current == 1 and type(app.screen).__name__ == "ExplorationScreen"
        await pilot.press("ctrl+z")  # then the delete
        await pilot.pause()
        assert [(n.text, n.votes) for n in app.record.notes] == [("a voted idea", 1)]
        assert "a voted idea" in screen_text(app)


async def test_markup_in_the_palette_and_in_titles_is_shown_as_text(small_text, clock, tmp_path):
    ws = parse_worksheet(
        small_text.replace(
            'prompt = "What do you bring today?"', 'title = "[/] check [b]in"\nprompt = "What do you bring today?"'
        )
    )
    app = build(ws, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette_input = app.screen.query_one(Input)
        for text in ("[/]", "[b]", "[/] check", "Jump"):
            palette_input.value = text
            await pilot.pause(0.3)
        assert "[/] check [b]in" in screen_text(app)
        await pilot.press("escape", "pagedown")
        await pilot.pause()
        assert "[/] check [b]in" in screen_text(app)


async def test_a_stale_note_id_in_the_list_is_harmless(small, clock, tmp_path):
    """The list still shows a note that Ctrl+Z just took away: acting on it only says so."""
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "soon gone")
        note_id = app.record.notes[0].id
        app.meeting.undo()
        for message in (
            NoteList.DeleteRequested(note_id),
            NoteList.VoteRequested(note_id, 1),
            NoteList.EditRequested(note_id),
            NoteList.TagRequested(note_id, "known"),
        ):
            app.screen.post_message(message)
        await pilot.pause()
        assert app.record.notes == [] and app.is_running
