"""The closing seen by all: the audience window follows the recap and the pulse (names only when
the scores are not anonymous), the recap scrolls with the keyboard and the clicker at any size, the
results step lists every kind of note typed in it, and undo says which kind it took back."""

from __future__ import annotations

import pytest

from conftest import SMALL
from copsession.clock import FakeClock
from copsession.worksheet import parse_worksheet
from mdhelpers import screen_text
from meetings import announced, new_meeting, say

NL = SMALL.replace('meeting = "Meeting 2"', 'meeting = "Bijeenkomst 2"\nlanguage = "nl"')


async def look(app, pilot) -> str:
    await app.reread().wait()
    await pilot.pause()
    return screen_text(app)


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_the_audience_follows_the_recap_and_the_pulse(tmp_path, language):
    from copsession.ui.audience import AudienceApp, PulseView, RecapView, StepView

    worksheet = parse_worksheet(SMALL if language == "en" else NL, "w.toml")
    minutes = tmp_path / "minutes"
    clock = FakeClock()
    meeting = new_meeting(worksheet, clock, minutes_dir=minutes)
    announced(meeting, minutes)
    meeting.go_to(len(worksheet.steps) - 1)
    word = "/result" if language == "en" else "/resultaat"
    say(meeting, f"{word} A shared map of signals", "/private Joost looks tired")
    meeting.flush()
    app = AudienceApp(minutes, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await look(app, pilot)
        assert isinstance(app.screen, StepView)

        meeting.show_to_group("recap")  # what the facilitator's RecapScreen does when it opens
        meeting.flush()
        text = await look(app, pilot)
        assert isinstance(app.screen, RecapView)
        assert "A shared map of signals" in text and "Joost looks tired" not in text
        assert ("What we agreed" if language == "en" else "Wat we hebben afgesproken") in text

        meeting.set_pulse("Fatima", 4)
        meeting.set_pulse("Joost", 2)
        meeting.show_to_group("pulse")
        meeting.flush()
        text = await look(app, pilot)
        assert isinstance(app.screen, PulseView)
        assert "Fatima" in text and "4" in text  # named scores: who scored what
        assert ("Average 3.0" if language == "en" else "Gemiddeld 3,0") in text

        meeting.show_to_group("pulse-anonymous")
        meeting.flush()
        text = await look(app, pilot)
        assert "Fatima" not in text and "Joost" not in text  # anonymous: never the names
        assert ("Scores given: 2" if language == "en" else "Gegeven scores: 2") in text

        meeting.show_to_group("")
        meeting.flush()
        await look(app, pilot)
        assert isinstance(app.screen, StepView)


def _app(worksheet, clock, tmp_path):
    from copsession.ui.app import make_app

    return make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=3)


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_the_results_step_lists_every_kind_typed_in_it_and_undo_names_the_kind(clock, tmp_path, language):
    from copsession.ui.widgets.notes import NoteList
    from mdhelpers import type_line

    worksheet = parse_worksheet(SMALL if language == "en" else NL, "w.toml")
    words = (
        ("/decision", "/goal", "/question", "/agreement")
        if language == "en"
        else ("/besluit", "/doel", "/vraag", "/afspraak")
    )
    app = _app(worksheet, clock, tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press(*["pagedown"] * len(worksheet.steps))  # the results step
        await pilot.pause()
        await type_line(pilot, "A shared map of signals")
        for word, text in zip(words, ("We meet at the school", "Every child safe", "Who pays?", "Phones off")):
            await type_line(pilot, f"{word} {text}")
        shown = [n.text for n in app.screen.query_one(NoteList).notes]
        assert shown == [
            "A shared map of signals",
            "We meet at the school",
            "Every child safe",
            "Who pays?",
            "Phones off",
        ]
        await pilot.press("ctrl+z")
        await pilot.pause()
        said = {"en": "Undone: agreement added.", "nl": "Ongedaan gemaakt: afspraak toegevoegd."}[language]
        assert said in screen_text(app)
        assert [n.text for n in app.screen.query_one(NoteList).notes][-1] == "Who pays?"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)])
async def test_the_recap_scrolls_with_the_keys_and_the_clicker(clock, tmp_path, size):
    from textual.containers import VerticalScroll

    from copsession.ui.screens.recap import RecapScreen
    from mdhelpers import type_line

    worksheet = parse_worksheet(SMALL, "w.toml")
    app = _app(worksheet, clock, tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press(*["pagedown"] * len(worksheet.steps))
        await pilot.pause()
        await pilot.press("ctrl+n")  # the action list
        await type_line(pilot, "Action number 1 @Fatima 2026-12-20")
        for number in range(2, 31):  # the rest as Enter stores them (typing them all took seconds)
            assert app.meeting.add_line(f"Action number {number} @Fatima 2026-12-20", confirm=True) is None
        await pilot.pause()
        app.clear_notifications()  # each stored action said what it was understood as
        await pilot.pause()
        assert [n.kind for n in app.record.notes].count("action") == 30
        await pilot.press("pagedown")
        await pilot.pause()
        assert isinstance(app.screen, RecapScreen)
        assert app.record.showing == "recap"
        view = app.screen.query_one("#recap", VerticalScroll)
        if view.max_scroll_y == 0:  # 200x60 shows it all: PageDown says how to save, PageUp goes back
            await pilot.press("pagedown")
            await pilot.pause()
            await pilot.pause()
            assert "Ctrl+S saves the minutes" in screen_text(app) and isinstance(app.screen, RecapScreen)
        else:
            pages = 0
            while view.scroll_y < view.max_scroll_y and pages < 40:
                await pilot.press("pagedown")  # the clicker reads on
                await pilot.pause()
                pages += 1
            assert view.scroll_y == view.max_scroll_y and "Action number 30" in screen_text(app)
            assert isinstance(app.screen, RecapScreen)
            await pilot.press("home")
            await pilot.pause()
            assert view.scroll_y == 0 and "Action number 1 " in screen_text(app) + " "
            await pilot.press("end")
            await pilot.pause()
            assert view.scroll_y == view.max_scroll_y
            await pilot.press("up")
            await pilot.pause()
            assert view.scroll_y == view.max_scroll_y - 1
            while view.scroll_y > 0:
                await pilot.press("pageup")  # back up through the recap
                await pilot.pause()
            assert isinstance(app.screen, RecapScreen)
        await pilot.press("pageup")  # from its top: back to the last step
        await pilot.pause()
        assert not isinstance(app.screen, RecapScreen)
        assert app.record.showing == ""


async def test_the_pulse_dialog_tells_the_audience_what_to_show(clock, tmp_path):
    worksheet = parse_worksheet(SMALL, "w.toml")
    app = _app(worksheet, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", "f3")
        await pilot.pause()
        assert app.record.showing == "pulse"
        await pilot.press("a")  # scores without names
        await pilot.pause()
        assert app.record.showing == "pulse-anonymous"
        await pilot.press("escape")
        await pilot.pause()
        assert app.record.showing == ""
