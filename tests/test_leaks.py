"""Nothing private reaches a shared surface: one rule (``capture.is_private`` for notes,
``capture.may_be_private`` for a line being typed), held against every surface the group or the
outside world sees — the presenter view, the audience window (terminal and browser), the minutes,
the brief, the report, the documents exported from them and the calendar."""

from __future__ import annotations

import pytest

from copsession.capture import is_private, may_be_private
from copsession.clock import FakeClock
from copsession.ui.app import make_app
from copsession.ui.widgets.capture import CaptureBox
from mdhelpers import burst, screen_text
from meetings import new_meeting, say

SECRET = "Joost looks burnt out"


@pytest.mark.parametrize(
    "line, language, private",
    [
        ("/private x", "en", True),
        ("/Private x", "en", True),
        ("  /private", "en", True),
        ("/", "en", True),
        ("/p", "en", True),
        ("/priv", "en", True),
        ("/privé x", "nl", True),
        ("/prive x", "nl", True),
        ("/private x", "nl", True),
        ("/privé x", "en", True),  # the other language's word is masked too
        ("/privacy matters", "en", False),
        ("/action x", "en", False),
        ("/a", "en", False),
        ("plain", "en", False),
        ("//private is a plain note", "en", False),
        ("", "en", False),
    ],
)
def test_the_one_rule_for_a_line_being_typed(line, language, private):
    assert may_be_private(line, language) is private


def test_the_one_rule_for_notes():
    from copsession.capture import NOTE_KINDS_TABLE

    assert [k.kind for k in NOTE_KINDS_TABLE if is_private(k.kind)] == ["private"]
    assert not is_private("no such kind")


@pytest.mark.parametrize("language, word", [("en", "/private"), ("nl", "/privé")])
async def test_the_presenter_view_masks_a_private_remark_as_it_is_typed(
    small, small_nl, clock, tmp_path, language, word
):
    worksheet = small if language == "en" else small_nl
    app = make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", "f6")
        box = app.screen.query_one(CaptureBox)
        for typed in ("/", "/pr", f"{word} {SECRET}"):
            box.value = ""
            burst(app, typed)
            await pilot.pause()
            assert box.password, typed
            assert SECRET not in screen_text(app) and "/pr" not in screen_text(app)
        await pilot.press("f6")  # the working view, on the facilitator's own screen: shown as typed
        await pilot.pause()
        assert not box.password and SECRET in screen_text(app)
        await pilot.press("f6")
        await pilot.pause()
        assert box.password and SECRET not in screen_text(app)
        box.value = ""
        burst(app, "/action call the school")
        await pilot.pause()
        assert not box.password and "call the school" in screen_text(app)


async def test_a_resumed_half_typed_private_remark_is_masked_at_once(small, clock, tmp_path):
    from copsession.recordfile import read_record, record_files

    minutes = tmp_path / "minutes"
    meeting = new_meeting(small, clock, minutes_dir=minutes)
    meeting.next_step()
    meeting.set_draft(f"/private {SECRET}")
    meeting.stop("killed")
    loaded = read_record(record_files(minutes)[0], 0.0)
    app = make_app(small, minutes_dir=minutes, clock=clock, resumed=loaded)
    app.presenter = True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(CaptureBox)
        assert box.value == f"/private {SECRET}" and box.password
        assert SECRET not in screen_text(app)


def test_no_surface_shows_a_private_remark(small, tmp_path):
    """A meeting with a private remark among its notes, and one half-typed: the audience window's
    views, the minutes, the brief, the report, the HTML, DOCX and ODT made from them, and the
    calendar of the trajectory hold neither."""
    import zipfile

    from copsession.brief import render_brief
    from copsession.export import export_all
    from copsession.i18n import Catalog
    from copsession.minutes import render_minutes
    from copsession.storage import write_documents
    from copsession.ui.widgets.presenter import presenter_content

    clock = FakeClock()
    minutes_dir = tmp_path / "minutes"
    meeting = new_meeting(small, clock, minutes_dir=minutes_dir)
    meeting.next_step()
    say(meeting, "A quiet week", f"/private {SECRET}")
    meeting.set_draft(f"/private {SECRET} and more")
    for index in range(len(small.steps)):
        meeting.go_to(index)
        say(meeting, f"/private {SECRET} in step {index + 1}")
        assert SECRET not in " ".join(presenter_content(meeting.record, index, Catalog("en")).notes)
    meeting.flush()

    record = meeting.record
    minutes = render_minutes(record, ended=clock.now(), mono=clock.monotonic())
    brief = render_brief(record)
    assert "A quiet week" in minutes
    path = write_documents(minutes_dir, record.meeting_date, small.title, minutes, brief, None, "en")
    written = [path, path.with_name(path.stem + "-brief.md")]
    for markdown in written:
        export_all(markdown, ("html", "docx", "odt"), "en")
    _the_audience_window_never_shows(meeting, minutes_dir, clock)
    meeting.finish()
    from copsession.cli import main

    assert (
        main(["trajectory", "--series", small.series, "--start", "2026-12-03", "--minutes-dir", str(minutes_dir)]) == 0
    )
    assert main(["report", "--minutes-dir", str(minutes_dir), "--to", "html"]) == 0
    reports = list(minutes_dir.glob("*-report.*"))
    assert {p.suffix for p in reports} == {".md", ".html"}
    written += reports + list(minutes_dir.glob("*.ics")) + list(minutes_dir.glob("trajectory.toml"))
    texts = [p.read_text(encoding="utf-8") for p in written]
    texts.append(path.with_suffix(".html").read_text(encoding="utf-8"))
    for suffix, member in ((".docx", "word/document.xml"), (".odt", "content.xml")):
        with zipfile.ZipFile(path.with_suffix(suffix)) as document:
            texts.append(document.read(member).decode("utf-8"))
    for text in texts:
        assert SECRET not in text


def _the_audience_window_never_shows(meeting, minutes_dir, clock) -> None:
    """The audience window follows the running meeting (announced, as the app announces it) through
    every step and its opening screen, showing the remark on none of them."""
    import asyncio

    from copsession.ui.audience import AudienceApp
    from meetings import announced

    announcement = announced(meeting, minutes_dir)

    async def follow() -> list[str]:
        seen = []
        app = AudienceApp(minutes_dir, clock=clock)
        async with app.run_test(size=(100, 30)) as pilot:
            for index in [-1, *range(len(meeting.record.steps))]:
                meeting.go_to(index)
                meeting.flush()
                for _ in range(3):
                    await app.reread().wait()
                    await pilot.pause()
                seen.append(screen_text(app))
        return seen

    try:
        seen = asyncio.run(follow())
    finally:
        announcement.withdraw()
    assert "A quiet week" in seen[1]  # it really follows the meeting: the check-in's note is on screen
    for shown in seen:
        assert SECRET not in shown


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)])
async def test_the_presenter_view_and_the_audience_show_the_newest_notes_of_a_long_step(small, tmp_path, size):
    """From about 25 notes on, the presenter view (F6) and the audience window showed the oldest
    notes and cut the newest off."""
    from copsession.ui.audience import AudienceApp
    from meetings import announced

    clock = FakeClock()
    minutes = tmp_path / "minutes"
    meeting = new_meeting(small, clock, minutes_dir=minutes)
    announcement = announced(meeting, minutes)
    meeting.next_step()
    say(meeting, *[f"note number {n}" for n in range(1, 61)])
    meeting.flush()
    app = AudienceApp(minutes, clock=clock)
    async with app.run_test(size=size) as pilot:
        app.follower._scanned = None
        await app.reread().wait()
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "note number 60" in text and "note number 1\n" not in text
    announcement.withdraw()
    meeting.stop("test")
    app = make_app(small, minutes_dir=tmp_path / "other", clock=clock, seed=3)
    async with app.run_test(size=size) as pilot:
        await pilot.press("pagedown")
        app.meeting.add_lines([f"line number {n}" for n in range(1, 61)])
        await pilot.press("f6")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "line number 60" in text and "line number 1\n" not in text


@pytest.mark.parametrize("subtitle", ["Bijeenkomst 3 | extra", "a|b|c", "\\\\| pipe", "<b>x</b> | *y*"])
def test_a_bar_in_a_meetings_subtitle_stays_in_its_cell_of_the_report(subtitle, md):
    from copsession.i18n import Catalog
    from copsession.trajectory import render_report
    from mdhelpers import table_rows, unescape

    summaries = [
        {
            "series": "Safe at school",
            "meeting": subtitle,
            "date": "2026-12-03",
            "present": 3,
            "absent": 1,
            "pulse": 3.5,
            "central_question": "How?",
        },
        {"series": "Safe at school", "meeting": "Plain", "date": "2027-01-14", "present": 4, "absent": 0},
    ]
    report = render_report(summaries, Catalog("en"))
    rows = table_rows(md, report, "Meeting")
    assert [len(row) for row in rows] == [4, 4, 4]
    assert unescape(md, rows[1][0]) == subtitle and rows[1][1] == "2026-12-03"


async def test_editing_a_private_remark_in_the_presenter_view_shows_dots(small, clock, tmp_path):
    """Found by an attack: a private remark edited (F8, Tab, Enter) showed its text in the presenter
    view, since the box holds it without "/private" in front."""
    from copsession.ui.widgets.notes import NoteList

    app = make_app(small, minutes_dir=tmp_path / "minutes", clock=clock, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown")
        burst(app, f"/private {SECRET}", "<enter>")
        await pilot.pause()
        await pilot.press("f8", "f6")
        app.screen.query_one(NoteList).focus()
        await pilot.press("enter")  # edit the highlighted note: the private remark
        await pilot.pause()
        box = app.screen.query_one(CaptureBox)
        assert box.value == SECRET and box.password
        assert SECRET not in screen_text(app)


@pytest.mark.parametrize(
    "line",
    ["\u200b/private " + SECRET, "\ufeff/private " + SECRET, "/private\u00a0" + SECRET, "  \u2060/privé " + SECRET],
)
def test_invisible_characters_never_make_a_private_remark_public(small_nl, line):
    """A pasted zero-width space or byte-order mark before /private made the remark a public note."""
    meeting = new_meeting(small_nl)
    meeting.next_step()
    assert may_be_private(line, "nl")
    assert meeting.add_line(line) is None
    assert [(n.kind, n.text) for n in meeting.record.notes] == [("private", SECRET)]
