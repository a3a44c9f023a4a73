"""SVG snapshots of every screen, in English and Dutch, at 60×20, 80×24, 120×36 and 200×60.

Deterministic: a fake clock, a fixed seed, no blinking cursor, no notifications.
Update after an intended change of the looks with `pytest tests/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from conftest import SMALL
from copsession.clock import FakeClock
from copsession.record import CarriedItem
from copsession.ui.app import make_app
from copsession.worksheet import parse_worksheet
from mdhelpers import press_quickly

# what to press to reach each screen from the opening screen
SCREENS = {
    "opening": [],
    "check-in": ["pagedown", *"I bring the nurses' questions", "enter", "down"],
    "exploration": ["pagedown", "pagedown", *"The coach hears it first", "enter", "ctrl+r"],
    "work-form": ["pagedown", "pagedown", "pagedown", "down"],
    "break": ["pagedown"] * 4,
    "concern-round": ["pagedown"] * 5 + [*"Schools are not at the table", "enter"],
    "results": ["pagedown"] * 6 + [*"A shared map", "enter", "ctrl+n", *"Call the club @Joost 2026-12-20", "enter"],
    "help": ["pagedown", "f1"],
    "pulse": ["pagedown", "f3", "4", "3", "5"],
    "review": ["f4", "d"],
    "presenter": ["pagedown", *"Glad to be here", "enter", "f6"],
    "attendance": ["pagedown", "f2", "down", "space"],
    "history": ["f5"],
    "confirm-quit": ["pagedown", *"Not saved yet", "enter", "ctrl+q"],
}
LANGUAGES = {
    "en": SMALL,
    "nl": SMALL.replace('meeting = "Meeting 2"', 'meeting = "Bijeenkomst 2"\nlanguage = "nl"'),
}
SIZES = {"60x20": (60, 20), "80x24": (80, 24), "120x36": (120, 36), "200x60": (200, 60)}


def build(language: str, tmp_path):
    worksheet = parse_worksheet(LANGUAGES[language])
    # a relative folder (each test runs in its own temporary folder), so no path differs between runs
    app = make_app(worksheet, minutes_dir=Path("minutes"), clock=FakeClock(), seed=7, remember_theme=False)
    # one item carried over from an earlier meeting, so the opening screen and the review show one
    app.record.series_number = 2
    app.record.previous_date = date(2026, 10, 22)
    app.record.carried = [
        CarriedItem("earlier#1", date(2026, 10, 22), "action", "Invite the school board", "Fatima", date(2026, 11, 1))
    ]
    return app


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_snapshot(snap_compare, tmp_path, screen, language, size):
    keys = SCREENS[screen]
    if screen == "review" and language == "nl":
        keys = ["f4", "a"]  # afgerond: the Dutch letter for done

    async def run_before(pilot) -> None:
        await press_quickly(pilot, keys)
        await pilot.pause()
        for box in pilot.app.query(Input):
            box.cursor_blink = False
        for screen_ in pilot.app.screen_stack:
            for box in screen_.query(Input):
                box.cursor_blink = False
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(build(language, tmp_path), terminal_size=SIZES[size], run_before=run_before)
