"""Every screen, dialog and document in one language holds no sentence of the other language's catalog.

A Dutch meeting is walked from the opening screen through every step, every dialog (help,
attendance, pulse, review, history, presenter view, command palette, quit) and the recap, and its
minutes, brief, history, plan and report are rendered; the same for an English meeting. Each text
is checked against the *other* language's catalog: any fragment of two or more words from it that
the own language does not also use is a leak (an untranslated or hard-coded text), and so are
Textual's own English words in a Dutch meeting.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from copsession.bundled import find_bundled
from copsession.clock import FakeClock
from copsession.i18n import Catalog, texts
from copsession.ui.app import make_app
from mdhelpers import save, screen_text

# what Textual itself would say in English, were it not replaced
TEXTUAL_ENGLISH = (
    "Search for commands",
    "No matches found",
    "Quit the application",
    "Do you want to quit",
    "Change the current theme",
    "Save an SVG",
    "Show help for the focused widget",
    "Maximize the focused",
)


def _fragments(language: str) -> set[str]:
    """The fixed words of ``language``'s catalog: every text split at its placeholders, each part of
    two or more words that the other language's catalog does not also contain."""
    own, others = texts(language), texts("nl" if language == "en" else "en")
    other = "\n".join(form for forms in others.values() for form in forms)
    found = set()
    for key, forms in own.items():
        if forms == others[key]:
            continue
        for part in (piece for form in forms for piece in re.split(r"\{[^}]*\}", form)):
            part = part.strip(" .,:;!?()'‘’“”\"—-…\n")
            if len(part.split()) >= 2 and len(part) >= 10 and part not in other:
                found.add(part)
    return found


def leaks(text: str, own: str) -> list[str]:
    """The other language's fragments in ``text``."""
    other = "nl" if own == "en" else "en"
    flat = " ".join(text.split())
    found = [f for f in _fragments(other) if " ".join(f.split()) in flat]
    if own == "nl":
        found += [t for t in TEXTUAL_ENGLISH if t in flat]
    return sorted(found)


def test_the_catalog_check_would_catch_a_leak():
    """The check itself works: an English sentence in a Dutch text is found, and the reverse."""
    tr_en, tr_nl = Catalog("en"), Catalog("nl")
    assert leaks("Welkom. " + tr_en("ui.resumed"), "nl")
    assert leaks(tr_nl("ui.resumed"), "en")
    assert not leaks(tr_nl("ui.resumed"), "nl")
    assert leaks("Search for commands…", "nl")


# one sitting: through every step and dialog, typing in each step
DIALOGS = {
    "help": ["f1"],
    "attendance": ["f2"],
    "pulse": ["f3", "4", "3"],
    "review": ["f4"],
    "history": ["f5"],
    "presenter": ["f6"],
    "palette": ["ctrl+p"],
    "palette-search": ["ctrl+p", *"qqqzzz"],
    "quit": ["ctrl+q"],
}


LINES = {
    "nl": ["Fatima: een eerste punt", "/actie Plan maken @Joost vrijdag"],
    "en": ["Fatima: a first point", "/action Make a plan @Joost friday"],
}


async def _walk(language: str, tmp_path: Path) -> dict[str, str]:
    worksheet = find_bundled(f"regular.{language}").load()
    app = make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=FakeClock(), seed=3, remember_theme=False)
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:

        async def look(name: str) -> None:
            await pilot.pause()
            for screen in app.screen_stack:
                for box in screen.query(Input):
                    box.cursor_blink = False
            seen[name] = screen_text(app) + "\n" + "\n".join(str(n.message) for n in app._notifications)
            app.clear_notifications()

        await look("opening")
        for number in range(len(worksheet.steps)):
            await pilot.press("pagedown")
            await look(f"step {number + 1}")
            for line in LINES[language]:  # set, not typed key by key: the walk stays quick
                box = app.focused
                if isinstance(box, Input):
                    box.value = line
                    await pilot.press("enter")
            await look(f"step {number + 1} with notes")
            if number == 1:
                for name, keys in DIALOGS.items():
                    await pilot.press(*keys)
                    await pilot.pause(0.6 if name == "palette-search" else None)
                    await look(name)
                    await pilot.press("escape")
                    await pilot.pause()
                    if name == "presenter":
                        await pilot.press("f6")
        await pilot.press("pagedown")
        await look("recap")
        await save(pilot)
        await look("saved")
    return seen


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_every_screen_and_dialog_speaks_one_language(language, tmp_path):
    seen = await _walk(language, tmp_path)
    problems = {name: leaks(text, language) for name, text in seen.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    assert len(seen) >= 20  # the walk really went through the meeting


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_every_document_speaks_one_language(language, tmp_path):
    from copsession.brief import render_brief
    from copsession.minutes import render_minutes
    from copsession.recordfile import to_doc
    from copsession.series import history, render_history, summarise
    from copsession.trajectory import make_plan, render_plan, render_report
    from meetings import new_meeting, say

    worksheet = find_bundled(f"regular.{language}").load()
    meeting = new_meeting(worksheet)
    tr = Catalog(language)
    action, result, concern = (
        ("/actie", "/resultaat", "/zorgpunt") if language == "nl" else ("/action", "/result", "/concern")
    )
    for _ in worksheet.steps:
        meeting.next_step()
        say(
            meeting,
            "Fatima: een punt",
            f"{action} Afspraak maken @Fatima 2026-12-20",
            f"{result} Een kaart",
            f"{concern} Scholen ontbreken",
        )
    record = meeting.record
    summary = {
        **summarise(to_doc(record, 0.0, finished=True, minutes_file="m.md", saved=datetime(2026, 12, 3, 17))),
        "file": "r.json",
        "happened": True,
    }
    plan = make_plan(worksheet.series, language, date(2026, 1, 15), 6, 8)
    documents = {
        "minutes": render_minutes(record, ended=datetime(2026, 12, 3, 17), mono=0.0),
        "brief": render_brief(record),
        "history": render_history(worksheet.series, history([summary]), tr, [summary]),
        "plan": render_plan(plan, tr, 1),
        "report": render_report([summary], tr, plan),
    }
    problems = {name: leaks(text, language) for name, text in documents.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    assert all(len(text) > 100 for text in documents.values())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_command_line_messages_follow_the_users_language(language, tmp_path, monkeypatch, capsys):
    """Commands not tied to a worksheet speak $LANG: no meetings, a missing file, a bad option
    value, a file in the way, a starter worksheet."""
    from copsession.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPSESSION_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8" if language == "nl" else "en_GB.UTF-8")
    (tmp_path / "in-the-way").write_text("x")
    runs = [
        ["history"],
        ["export", "missing.md", "--to", "odt"],
        ["trajectory", "--start", "2027-01-14", "--time", "two o'clock", "--series", "CoP"],
        ["trajectory", "--start", "2027-01-14", "--meetings", "1", "--series", "CoP"],
        ["report"],
        ["history", "--minutes-dir", "in-the-way/x"],
        ["new", "in-the-way", "--lang", language],
        ["new", "starter.toml", "--lang", language],
    ]
    said = []
    for argv in runs:
        main(argv)
        out = capsys.readouterr()
        said.append(out.out + out.err)
    text = "\n".join(said)
    assert leaks(text, language) == []
    expected = {
        "nl": [
            "Geen bijeenkomsten",
            "dit bestand bestaat niet",
            "geen tijd zoals 14:00",
            "moet 2 tot en met",
            "bestaat al; kies een andere naam",
            "is aangemaakt",
        ],
        "en": [
            "No meetings",
            "no such file",
            "not a time like 14:00",
            "has between 2 and",
            "already exists; choose another name",
            "Wrote starter.toml",
        ],
    }[language]
    for phrase in expected:
        assert phrase in text, phrase
