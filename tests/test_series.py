"""A CoP is a series: carry-over between meetings, history, the next date and the outward brief."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from textual.widgets import Static

from copsession.brief import render_brief
from copsession.cli import main
from copsession.clock import FakeClock
from copsession.i18n import Catalog
from copsession.index import scan
from copsession.record import SessionRecord
from copsession.recordfile import record_files
from copsession.series import history, join_series, meetings_of, pulse_columns, render_history
from copsession.ui.app import make_app
from copsession.ui.screens.review import ReviewScreen
from copsession.worksheet import parse_worksheet
from mdhelpers import sections, table_rows
from meetings import new_meeting, say

SIZE = (100, 32)
MD = MarkdownIt("commonmark").enable("table")


def meeting(small_text: str, day: str, extra: str = "") -> str:
    return small_text.replace("date = 2026-12-03", f"date = {day}\ncadence_weeks = 6{extra}")


async def run_first_meeting(worksheet, minutes: Path) -> Path:
    app = make_app(worksheet, minutes_dir=minutes, clock=FakeClock(datetime(2026, 10, 22, 14, 0)), seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", *"I bring a question", "enter")  # check-in: a personal remark
        await pilot.press("pagedown", *"/action Invite the school board @Fatima 2026-11-01", "enter")
        await pilot.press(*"/action Collect figures @Joost", "enter")
        await pilot.press(*"/concern Schools are missing", "enter")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
        await pilot.pause()
    return app.saved_path


async def test_second_meeting_reviews_what_the_first_left_open(small_text, tmp_path):
    minutes = tmp_path / "minutes"
    first = parse_worksheet(meeting(small_text, "2026-10-22"))
    await run_first_meeting(first, minutes)

    second = parse_worksheet(
        meeting(small_text, "2026-12-03").replace('meeting = "Meeting 2"', 'meeting = "Meeting 3"')
    )
    app = make_app(second, minutes_dir=minutes, clock=FakeClock(datetime(2026, 12, 3, 14, 0)), seed=2)
    async with app.run_test(size=SIZE) as pilot:
        opening = str(app.screen.query_one("#opening-text", Static).render())
        assert "Meeting 2 of this series" in opening and "previous meeting: 2026-10-22" in opening
        carried = opening
        assert "Carried over (3 open)" in carried
        assert "Invite the school board (Fatima, 2026-11-01)  [2026-10-22]" in carried
        assert "Schools are missing" in carried
        await pilot.press("pagedown", "f4")  # the review panel from a step
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("d", "down", "enter", *"Figures come in January", "enter", "down", "x", "escape")
        await pilot.pause()
        assert [(c.status, c.reviewed) for c in app.record.carried] == [
            ("done", True),
            ("open", True),
            ("dropped", True),
        ]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
        await pilot.pause()

    text = app.saved_path.read_text(encoding="utf-8")
    rows = table_rows(MD, text, "From")
    assert rows[1:] == [
        ["action: Invite the school board (Fatima, 2026-11-01)", "2026-10-22", "done", "–"],
        ["action: Collect figures (Joost)", "2026-10-22", "still open", "Figures come in January"],
        ["concern: Schools are missing", "2026-10-22", "dropped", "–"],
    ]
    header = sections(MD, text)["Safe at school"]
    assert "**Series:** meeting 2, previous meeting 22 October 2026" in header
    assert "**Next meeting (proposed):** Thursday 14 January 2027" in header

    # a third meeting only inherits what is still open
    third = parse_worksheet(meeting(small_text, "2027-01-14"))
    record = SessionRecord.start(third, datetime(2027, 1, 14, 14, 0))
    join_series(record, meetings_of(scan(minutes).summaries, third.series))
    assert record.series_number == 3
    assert [c.text for c in record.carried] == ["Collect figures"]


def test_series_key_overrides_the_title(small_text, tmp_path):
    a = parse_worksheet(small_text.replace('title = "Safe at school"', 'title = "Kick-off"\nseries = "Safe at school"'))
    assert a.series == "Safe at school" and a.title == "Kick-off"


def write_meeting(
    minutes: Path, worksheet, started: datetime, pulse: dict, actions: int, done_before: set[str], finished: bool = True
) -> None:
    """A meeting of the series, held through the engine and saved in ``minutes``."""
    earlier = meetings_of(scan(minutes).summaries, worksheet.series)
    m = new_meeting(worksheet, FakeClock(started), minutes_dir=minutes, earlier=earlier)
    for i, item in enumerate(m.record.carried):
        if item.text in done_before:
            m.review(i, "done")
    m.go_to(1)
    for i in range(actions):
        say(m, f"/action action {started:%m}-{i}")
    for name, score in pulse.items():
        m.set_pulse(name, score)
    if finished:
        m.finish()
    else:
        m.stop("test")


def test_history_of_several_meetings(small_text, tmp_path, capsys):
    minutes = tmp_path / "minutes"
    ws = parse_worksheet(small_text)
    write_meeting(minutes, ws, datetime(2026, 9, 1, 14), {"Fatima": 2, "Joost": 3}, 2, set())
    write_meeting(minutes, ws, datetime(2026, 10, 13, 14), {"Fatima": 4, "Joost": 4, "Mirjam": 5}, 1, {"action 09-0"})
    write_meeting(minutes, ws, datetime(2026, 11, 24, 14), {}, 0, {"action 09-1", "action 10-0"}, finished=False)
    rows = history(meetings_of(scan(minutes).summaries, ws.series))
    assert [(r.number, r.actions_done, r.actions_open) for r in rows] == [(1, 2, 0), (2, 1, 0), (3, 0, 0)]
    assert [r.pulse for r in rows] == [2.5, 13 / 3, None]
    chart = pulse_columns([r.pulse for r in rows])
    assert chart[0] == "5 │  ▃  " and chart[1] == "4 │  █  " and chart[-1] == "   1 2 3"

    assert main(["history", "--minutes-dir", str(minutes)]) == 0
    out = capsys.readouterr().out
    assert "Safe at school" in out
    lines = [line for line in out.splitlines() if line.strip().startswith(("1 ", "2 ", "3 "))]
    assert len(lines) >= 3
    assert "2.5" in out and "4.3" in out and "* not finished" in out


def test_history_of_an_empty_folder(tmp_path, capsys):
    assert main(["history", "--minutes-dir", str(tmp_path)]) == 1
    assert "No meetings" in capsys.readouterr().err


def test_carry_over_keeps_origin_and_drops_done_items(small, tmp_path):
    first = new_meeting(small, FakeClock(datetime(2026, 10, 22, 14)), minutes_dir=tmp_path)
    first.go_to(1)
    say(first, "/action A @Joost 2026-11-01", "/concern C", "not carried")
    first.finish()
    summaries = meetings_of(scan(tmp_path).summaries, small.series)
    second = SessionRecord.start(small, datetime(2026, 12, 3, 14))
    join_series(second, summaries)
    assert [(i.kind, i.text, i.owner, i.due, i.origin_date) for i in second.carried] == [
        ("action", "A", "Joost", date(2026, 11, 1), date(2026, 12, 3)),
        ("concern", "C", "", None, date(2026, 12, 3)),
    ]


def test_brief_leaves_out_round_notes(small, md):
    m = new_meeting(small)
    m.go_to(0)
    say(m, "My mother is ill")  # personal: said in the check-in
    m.go_to(1)
    say(m, "The coach hears it first", "How many children?", "untagged chatter")
    known, unknown, _ = m.record.notes[1:]
    m.tag(known.id, "known")
    m.tag(unknown.id, "unknown")
    m.go_to(4)
    m.move_turn(+1)
    say(m, "Worried about budget")
    m.go_to(5)
    say(m, "A shared map")
    m.next_list()
    m.next_list()
    say(m, "Tell my team")
    record = m.record
    text = render_brief(record)
    assert "My mother is ill" not in text and "Worried about budget" not in text and "untagged chatter" not in text
    parsed = sections(md, text)
    assert parsed["Central question"] == ["How do we make school safe together?"]
    assert parsed["Results"] == ["A shared map"]
    assert parsed["What we learnt"] == ["The coach hears it first"]
    assert parsed["Open questions"] == ["How many children?"]
    assert parsed["Taking it back to our organisations"] == ["**Fatima (GGD):** Tell my team"]
    assert parsed["Next meeting"] == ["Not planned yet."]


def test_brief_lists_the_actions_agreed_and_says_when_a_section_is_empty(small, small_nl, md):
    for worksheet in (small, small_nl):
        m = new_meeting(worksheet)
        m.go_to(5)
        m.next_list()  # the actions list of the results step
        say(m, "Invite the school | board @Fatima 2026-12-10", "Find figures")
        text = render_brief(m.record)
        parsed = sections(md, text)
        if worksheet.language == "en":
            assert table_rows(md, text, "Who") == [
                ["Action", "Who", "Due"],
                ["Invite the school | board", "Fatima", "2026-12-10"],
                ["Find figures", "–", "–"],
            ]
            assert parsed["Results"] == ["No results yet."]
            assert parsed["What we learnt"] == ["Nothing noted yet."]
            assert parsed["Open questions"] == ["No open questions noted."]
            assert parsed["Taking it back to our organisations"] == ["Nobody has named anything to take back yet."]
        else:
            assert table_rows(md, text, "Wie") == [
                ["Actie", "Wie", "Uiterlijk op"],
                ["Invite the school | board", "Fatima", "10-12-2026"],
                ["Find figures", "–", "–"],
            ]
            assert parsed["Resultaten"] == ["Nog geen resultaten."]
            assert parsed["Wat we hebben geleerd"] == ["Nog niets genoteerd."]
            assert parsed["Open vragen"] == ["Geen open vragen genoteerd."]
            assert parsed["Mee terug naar onze organisaties"] == [
                "Nog niemand heeft iets genoemd om mee terug te nemen."
            ]
            assert parsed["Volgende bijeenkomst"] == ["Nog niet gepland."]
        assert "None." not in text and "Geen." not in text
    empty = render_brief(SessionRecord.start(small, datetime(2026, 12, 3, 14)))
    assert sections(md, empty)["Actions agreed"] == ["No actions agreed yet."]


async def test_save_writes_the_brief_and_the_brief_command_recreates_it(small, tmp_path, capsys):
    minutes = tmp_path / "minutes"
    app = make_app(small, minutes_dir=minutes, clock=FakeClock(), seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["pagedown"] * 6, *"A shared map", "enter", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    brief = app.saved_path.with_name(app.saved_path.stem + "-brief.md")
    original = brief.read_text(encoding="utf-8")
    assert "A shared map" in original
    brief.unlink()
    assert main(["brief", str(app.saved_path)]) == 0
    assert brief.read_text(encoding="utf-8") == original
    brief.unlink()
    (record,) = record_files(minutes)
    assert main(["brief", str(record)]) == 0
    assert brief.read_text(encoding="utf-8") == original
    assert main(["brief", str(tmp_path / "nothing.md")]) == 1
    assert "nothing.md: no such file or folder" in capsys.readouterr().err
    stranger = minutes / "somebody-else.md"
    stranger.write_text("# Not ours\n", encoding="utf-8")
    assert main(["brief", str(stranger)]) == 1
    assert "no session record" in capsys.readouterr().err


def test_dutch_history_headings(small_nl):
    text = render_history("Reeks", [], Catalog("nl"))
    assert "Datum" in text and "Koers per bijeenkomst" in text


def test_the_bundled_worksheets_cover_the_life_of_a_cop():
    from copsession.bundled import bundled_worksheets

    names = {b.name for b in bundled_worksheets()}
    assert names == {
        f"{kind}.{lang}"
        for kind in ("kickoff", "regular", "expert", "literature", "reflection", "midterm", "closing")
        for lang in ("en", "nl")
    }


@pytest.mark.parametrize(
    "name",
    [
        f"{kind}.{lang}"
        for kind in ("kickoff", "regular", "expert", "literature", "reflection", "midterm", "closing")
        for lang in ("en", "nl")
    ],
)
async def test_every_bundled_worksheet_runs_as_it_is(tmp_path, name):
    from copsession.bundled import find_bundled

    worksheet = find_bundled(name).load()
    app = make_app(worksheet, minutes_dir=tmp_path / name, clock=FakeClock(), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in worksheet.steps:
            await pilot.press("pagedown", *"x", "enter")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.saved_path is not None and app.record.current == len(worksheet.steps) - 1
    assert len(app.record.notes) == len(worksheet.steps)


def test_a_series_in_the_real_command(tmux_factory, tmp_path):
    first = tmux_factory("run", "kickoff.en")
    first.wait_for("Attendance")
    first.wait_for("The first meeting of this series")
    first.keys("PageDown")
    first.wait_for("Now speaking")
    first.text("/action Draft the shared goal @Joost 2040-12-20")
    first.keys("Enter")
    first.wait_for("Draft the shared goal")
    first.keys("C-s")
    first.wait_for("Minutes saved")
    first.keys("C-q")
    first.wait_gone()

    second = tmux_factory("run", "regular.en")
    second.wait_for("Meeting 2 of this series")
    screen = second.wait_for("Draft the shared goal")
    assert "Carried over (1 open)" in screen
    second.keys("F4")
    second.wait_for("Review: carried over from earlier meetings")
    second.keys("d")
    second.wait_for("done")
    second.keys("Escape", "C-s")
    second.wait_for("Minutes saved")
    second.keys("C-q")
    second.wait_gone()
    minutes = sorted((tmp_path / "minutes").glob("*-positive-youth-policy*.md"))
    texts = [m.read_text(encoding="utf-8") for m in minutes if not m.name.endswith("-brief.md")]
    assert any("| action: Draft the shared goal (Joost, 2040-12-20) |" in t and "| done |" in t for t in texts)


def test_work_done_at_the_opening_screen_makes_a_meeting_of_the_series(small_text, tmp_path):
    """Reviewing what the last meeting left open, a pulse score or saved minutes, all from the
    opening screen, are a meeting: the series counts it and does not offer the items again."""
    minutes = tmp_path / "minutes"
    ws = parse_worksheet(small_text)
    write_meeting(minutes, ws, datetime(2026, 9, 1, 14), {}, 2, set())
    earlier = meetings_of(scan(minutes).summaries, ws.series)
    m = new_meeting(ws, FakeClock(datetime(2026, 10, 13, 14)), minutes_dir=minutes, earlier=earlier)
    assert [c.text for c in m.record.carried] == ["action 09-0", "action 09-1"]
    m.review(0, "done")
    m.review(1, "dropped")
    m.finish()  # never left the opening screen
    meetings = meetings_of(scan(minutes).summaries, ws.series)
    assert len(meetings) == 2
    third = new_meeting(ws, FakeClock(datetime(2026, 11, 24, 14)), minutes_dir=minutes, earlier=meetings)
    assert third.record.series_number == 3 and third.record.carried == []

    # minutes saved from the opening screen of a fresh folder: the record names them
    other = tmp_path / "other"
    m = new_meeting(ws, FakeClock(datetime(2026, 10, 13, 14)), minutes_dir=other)
    m.minutes_written(other / "2026-10-13-safe-at-school.md", m.record.changes)
    m.finish()
    found = scan(other).summaries
    assert len(found) == 1
    # a pulse alone is a meeting too
    pulse_only = tmp_path / "pulse"
    m = new_meeting(ws, FakeClock(datetime(2026, 10, 13, 14)), minutes_dir=pulse_only)
    m.set_pulse("Fatima", 4)
    m.finish()
    assert len(scan(pulse_only).summaries) == 1


def test_a_meeting_starts_with_only_its_own_series_read_from_the_index(small_text, tmp_path):
    """After years of meetings of several CoPs, the index is read as far as the meeting about to
    start needs: its own series and any unfinished meeting. The others are passed over by their
    short head, undecoded; the full scan (history, report) still has every one."""
    from copsession.index import OLD_INDEX_FILES, index_path

    minutes = tmp_path / "minutes"
    a = parse_worksheet(small_text.replace('title = "Safe at school"', 'title = "Safe at school"\nseries = "A"'))
    b = parse_worksheet(small_text.replace('title = "Safe at school"', 'title = "Safe at school"\nseries = "B"'))
    for month, worksheet in ((1, a), (2, b), (3, a), (4, b)):
        write_meeting(minutes, worksheet, datetime(2026, month, 5, 14, 0), {}, 1, set())
    write_meeting(minutes, b, datetime(2026, 5, 5, 14, 0), {}, 1, set(), finished=False)
    index_path(minutes).unlink()  # as after an upgrade: only the index of an older version is there
    (minutes / ".copsession" / OLD_INDEX_FILES[0]).write_text("{}", encoding="utf-8")
    everything = scan(minutes)  # rebuilt from the records' summary lines
    assert len(everything.summaries) == 5 and everything.reads == 0
    assert index_path(minutes).exists() and not (minutes / ".copsession" / OLD_INDEX_FILES[0]).exists()
    assert scan(minutes).parsed == 5

    own = scan(minutes, only_series="A")
    assert own.reads == 0 and own.parsed == 3  # A's two meetings and B's unfinished one
    assert sorted((s["series"], s["finished"]) for s in own.summaries) == [("A", True), ("A", True), ("B", False)]
    assert [s["series_number"] for s in meetings_of(own.summaries, "A")] == [1, 2]

    # a damaged line is read from its record again; the rest of the index still serves
    lines = index_path(minutes).read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2][: len(lines[2]) // 2]
    index_path(minutes).write_text("\n".join(lines), encoding="utf-8")
    again = scan(minutes)
    assert len(again.summaries) == 5 and again.reads == 0 and not again.problems
    assert scan(minutes).parsed == 5


async def test_the_opening_screen_lists_a_dozen_carried_items_and_counts_the_rest(small, tmp_path):
    """Two years of open items do not fill the projector: twelve are listed, the others counted;
    F4 reviews them all."""
    from copsession.record import CarriedItem
    from mdhelpers import screen_text

    record = SessionRecord.start(small, datetime(2026, 12, 3, 14, 0), seed=1)
    record.carried = [
        CarriedItem(origin=f"x#{i}", origin_date=date(2026, 10, 22), kind="action", text=f"Open item {i}")
        for i in range(1, 21)
    ]
    app = make_app(small, minutes_dir=tmp_path / "m", clock=FakeClock(datetime(2026, 12, 3, 14, 0)), record=record)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Carried over (20 open)" in text
        assert "Open item 12" in text and "Open item 13" not in text
        assert "… and 8 more: review them all with F4" in text
        await pilot.press("f4")
        await pilot.pause()
        assert "Open item 20" in screen_text(app)


FIRST_LINE_EDITS = {
    "a date that is not a date": lambda s: {**s, "date": "de 3e"},
    "a carried item without text": lambda s: {
        **s,
        "carry": [{"origin": "x#1", "origin_date": "2026-12-03", "kind": "action"}],
    },
    "results that are not texts": lambda s: {**s, "results": [{"nested": True}, 3]},
    "a huge cadence": lambda s: {**s, "cadence_weeks": 10**40},
    "attendance that is not a table": lambda s: {**s, "attended": "everyone", "roles": ["core"]},
    "a pulse of many": lambda s: {**s, "pulse": "high"},
    "no summary at all": lambda s: [s],
    "a closed item's source nobody knows": lambda s: {
        **s,
        "closed": [{"kind": "question", "text": "q", "status": "done", "source": "bogus"}],
    },
    "the series renamed": lambda s: {**s, "series": "Other CoP"},
    "marked finished": lambda s: {**s, "finished": not s["finished"]},
}


@pytest.mark.parametrize("damage", list(FIRST_LINE_EDITS))
def test_a_hand_edited_summary_line_never_stops_a_command(small, tmp_path, capsys, damage):
    """Editing only a record's first line (its summary) made report, next and history stop with
    "unexpected problem". The summary is now checked field by field; a bad one is not used and the
    record is read in full instead, so every command works and nothing is lost."""
    import json

    from copsession.cli import main
    from copsession.recordfile import record_files

    minutes = tmp_path / "minutes"
    clock = FakeClock()
    for number in (1, 2):
        meeting = new_meeting(small, clock, minutes_dir=minutes, earlier=None)
        meeting.next_step()
        say(meeting, f"remark in meeting {number}", f"/result result of meeting {number}")
        meeting.finish()
        clock.advance(7 * 24 * 3600)
    first = record_files(minutes)[0]
    summary_line, record_line = first.read_text(encoding="utf-8").split("\n", 1)
    edited = FIRST_LINE_EDITS[damage](json.loads(summary_line))
    first.write_text(json.dumps(edited) + "\n" + record_line, encoding="utf-8")
    for command in (["history", "--series", small.series], ["report"], ["next", "--out", str(tmp_path / "n.toml")]):
        code = main([*command, "--minutes-dir", str(minutes)])
        out = capsys.readouterr()
        assert code == 0, (command, out.err)
        assert "unexpected problem" not in out.err and "Traceback" not in out.err
    report = next(minutes.glob("*-report.md")).read_text(encoding="utf-8")
    assert "result of meeting 1" in report and "result of meeting 2" in report
    from copsession.index import scan

    kept = [(s["series"], s["finished"]) for s in scan(minutes).summaries]
    assert kept == [(small.series, True), (small.series, True)]  # as the records say, not the edit


def test_a_hand_edited_index_entry_is_read_again_from_its_record(small, tmp_path, capsys):
    import json

    from copsession.cli import main
    from copsession.index import index_path, scan

    minutes = tmp_path / "minutes"
    meeting = new_meeting(small, FakeClock(), minutes_dir=minutes)
    meeting.next_step()
    say(meeting, "/result kept")
    meeting.finish()
    scan(minutes)
    path = index_path(minutes)
    lines = path.read_text(encoding="utf-8").split("\n")
    head, entry = lines[1].split("\t")
    damaged = json.loads(entry)
    damaged["summary"]["results"] = [None]
    damaged["summary"]["date"] = 20261203
    lines[1] = head + "\t" + json.dumps(damaged)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["report", "--minutes-dir", str(minutes)]) == 0
    assert "kept" in next(minutes.glob("*-report.md")).read_text(encoding="utf-8")
    assert "unexpected problem" not in capsys.readouterr().err
