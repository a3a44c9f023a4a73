"""The whole trajectory: a plan with a calendar, five meetings through the app from the kick-off to
the closing, each prepared with `copsession next`, and the report at the end."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from copsession.cli import main
from copsession.clock import FakeClock
from copsession.index import scan
from copsession.series import meetings_of
from copsession.trajectory import make_plan, phases_for, read_plan, resize
from copsession.ui.app import make_app
from copsession.worksheet import load_worksheet
from mdhelpers import save, screen_text, sections, type_line

MD = MarkdownIt("commonmark").enable("table")
SIZE = (120, 40)


def test_the_plan_has_a_kick_off_a_closing_and_the_meetings_between():
    assert phases_for(5) == ["kickoff", "regular", "expert", "reflection", "closing"]
    assert phases_for(10) == [
        "kickoff",
        "literature",
        "expert",
        "reflection",
        "regular",
        "midterm",
        "regular",
        "reflection",
        "regular",
        "closing",
    ]
    plan = make_plan("Safe harbour", "en", date(2027, 1, 14), 6, 8)
    assert [m.date for m in plan.meetings][:3] == [date(2027, 1, 14), date(2027, 2, 25), date(2027, 4, 8)]
    longer = resize(plan, 10)
    assert [m.phase for m in longer.meetings][:7] == [m.phase for m in plan.meetings][:7]  # the past stays
    assert longer.meetings[-1].phase == "closing" and len(longer.meetings) == 10
    shorter = resize(plan, 4)
    assert [m.phase for m in shorter.meetings] == ["kickoff", "literature", "expert", "closing"]


def test_the_trajectory_command_writes_a_plan_and_a_calendar_a_calendar_library_reads(tmp_path, capsys):
    import icalendar

    minutes = tmp_path / "minutes"
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(minutes),
                "--series",
                "Safe harbour",
                "--start",
                "2027-01-14",
                "--every",
                "6",
                "--meetings",
                "6",
                "--time",
                "09:30",
                "--length",
                "120",
                "--lang",
                "nl",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "6 bijeenkomsten, om de 6 weken" in out and "donderdag 14 januari 2027" in out and "startbijeenkomst" in out
    # a Dutch trajectory's files have Dutch names (the Dutch review, E5)
    assert sorted(p.name for p in minutes.iterdir() if p.is_file()) == ["traject.ics", "traject.toml"]
    calendar = icalendar.Calendar.from_ical((minutes / "traject.ics").read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 6
    assert events[0].decoded("dtstart") == datetime(2027, 1, 14, 9, 30)
    assert events[0].decoded("dtend") == datetime(2027, 1, 14, 11, 30)
    assert "Bijeenkomst 1" in str(events[0]["summary"]) and "slotbijeenkomst" in str(events[-1]["summary"])
    assert len({str(e["uid"]) for e in events}) == 6
    assert main(["traject", "--minutes-dir", str(minutes), "--extend", "2"]) == 0
    assert len(read_plan(minutes / "traject.toml").meetings) == 8
    assert (
        len(
            [
                c
                for c in icalendar.Calendar.from_ical((minutes / "traject.ics").read_bytes()).walk()
                if c.name == "VEVENT"
            ]
        )
        == 8
    )
    assert main(["trajectory", "--minutes-dir", str(minutes), "--start", "2027-01-14"]) == 1  # never over a plan
    assert "a plan exists already" in capsys.readouterr().err


def _to_step(app, index: int):
    """The keys that go from the current step to step ``index``."""
    delta = index - app.record.current
    return ["pagedown"] * delta if delta >= 0 else ["pageup"] * -delta


def _index(app, kind: str) -> int:
    return next(i for i, step in enumerate(app.record.worksheet.steps) if step.kind == kind)


async def _meeting(worksheet, minutes: Path, day: date, script) -> object:
    clock = FakeClock(datetime.combine(day, datetime.min.time()).replace(hour=14))
    app = make_app(worksheet, minutes_dir=minutes, clock=clock, seed=1, remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        await script(app, pilot)
        await save(pilot)
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
    return app


async def test_a_whole_trajectory_from_kick_off_to_closing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    minutes = tmp_path / "minutes"
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(minutes),
                "--series",
                "Positive youth policy",
                "--start",
                "2027-01-14",
                "--every",
                "6",
                "--meetings",
                "5",
                "--lang",
                "en",
            ]
        )
        == 0
    )

    # 1. the kick-off: goal, agreement, an open question, an action, a take-back, a private remark
    kickoff = load_worksheet(Path(__file__).parents[1] / "worksheets" / "kickoff.en.toml")

    async def first(app, pilot):
        await pilot.press(*_to_step(app, _index(app, "check-in")))
        await type_line(pilot, "My mother is ill this week")  # personal: said in the check-in
        await type_line(pilot, "/private Joost looks tired")
        await pilot.press(*_to_step(app, _index(app, "exploration")))
        await type_line(pilot, "/goal Every child feels safe at school")
        await type_line(pilot, "/agreement What we say in the rounds stays here")
        await type_line(pilot, "/question How many children feel unsafe")
        await type_line(pilot, "/action Ask the schools for figures @Joost")
        await pilot.press(*_to_step(app, _index(app, "results")), "ctrl+n", "ctrl+n")
        await type_line(pilot, "Tell my team about the goal")  # Fatima's take-back

    app = await _meeting(kickoff, minutes, date(2027, 1, 14), first)
    # the kick-off has no cadence (the group agrees on it there): the plan gives the next date
    assert "**Next meeting (proposed):** Thursday 25 February 2027" in app.saved_path.read_text(encoding="utf-8")

    # 2.–5. each meeting prepared with `copsession next`
    async def second(app, pilot):
        opening = screen_text(app)
        assert "Meeting 2 of this series" in opening
        assert "Every child feels safe at school" in opening and "What we say in the rounds stays here" in opening
        kinds = [c.kind for c in app.record.carried]
        assert {"goal", "agreement", "question", "action", "takeback"} <= set(kinds)
        await pilot.press("pagedown", "f4")
        await pilot.press(*["down"] * kinds.index("question"), "e")  # answered by an expert
        await pilot.press(*["up"] * kinds.index("question"), *["down"] * kinds.index("takeback"), "d", "escape")
        await pilot.press(*_to_step(app, _index(app, "exploration")))
        await type_line(pilot, "/result A shared map of signals")
        await type_line(pilot, "/question Who notices it first")

    async def third(app, pilot):
        kinds = [(c.kind, c.text) for c in app.record.carried]
        assert ("question", "How many children feel unsafe") not in kinds  # answered: no longer carried
        assert ("question", "Who notices it first") in kinds
        assert not any(kind == "takeback" for kind, _ in kinds)  # taken up
        await pilot.press("pagedown")
        await type_line(pilot, "/result A protocol the three organisations share")

    async def fourth(app, pilot):
        assert app.record.worksheet.phase == "reflection"
        await pilot.press("pagedown", "f3", "4", "3", "5")
        chart = screen_text(app)
        assert "Every child feels safe at school" in chart and "What we say in the rounds stays here" in chart
        await pilot.press("escape")

    async def fifth(app, pilot):
        assert app.record.worksheet.phase == "closing"
        await pilot.press("pagedown")
        await type_line(pilot, "/decision The schools take the protocol into their own plans")
        await type_line(pilot, "/result The protocol is adopted")

    for number, script in ((2, second), (3, third), (4, fourth), (5, fifth)):
        capsys.readouterr()
        assert main(["next", "--minutes-dir", str(minutes)]) == 0, capsys.readouterr().err
        written = Path(capsys.readouterr().out.split("Wrote ")[1].split(" (")[0])
        worksheet = load_worksheet(written)  # valid as written
        plan = read_plan(minutes / "trajectory.toml")
        assert worksheet.date == plan.meetings[number - 1].date and worksheet.phase == plan.meetings[number - 1].phase
        assert [p.name for p in worksheet.participants if p.role != "expert"] == [p.name for p in kickoff.participants]
        # the expert meeting has a place for its guest, marked to fill in; other meetings have no expert
        experts = [p.name for p in worksheet.participants if p.role == "expert"]
        assert experts == (["«fill in: the expert»"] if worksheet.phase == "expert" else [])
        # the shared goal is carried over on its own, not copied into this meeting's goals (the Dutch review, T8)
        assert "Every child feels safe at school" not in worksheet.goals
        assert "What we say in the rounds stays here" in worksheet.agreements
        assert worksheet.start == time(14, 0) and worksheet.cadence_weeks == 6  # the plan's time and rhythm
        app = await _meeting(worksheet, minutes, worksheet.date, script)
        assert any(c.kind == "goal" and c.text == "Every child feels safe at school" for c in app.record.carried)
        if number == 2:  # the carried-over table says where the answer to an open question came from
            table = app.saved_path.read_text(encoding="utf-8")
            assert any(
                "How many children feel unsafe" in line and "| answered by an expert |" in line
                for line in table.splitlines()
            )

    meetings = meetings_of(scan(minutes).summaries, "Positive youth policy")
    assert [m["series_number"] for m in meetings] == [1, 2, 3, 4, 5]

    # the report: what it must hold, and nothing said in a round, nothing private
    assert main(["report", "--minutes-dir", str(minutes)]) == 0
    report = (minutes / "positive-youth-policy-report.md").read_text(encoding="utf-8")
    parsed = sections(MD, report)
    assert parsed["Shared goal"] == ["Every child feels safe at school"]
    assert parsed["Working agreements"] == ["What we say in the rounds stays here"]
    assert any("A shared map of signals" in line for line in parsed["Results"])
    assert any("The protocol is adopted" in line for line in parsed["Results"])
    assert any("How many children feel unsafe" in line and "an expert" in line for line in parsed["What was learnt"])
    assert any("Who notices it first" in line for line in parsed["Open questions"])
    assert any("Ask the schools for figures" in line for line in parsed["Actions: done (✓) and still open (○)"])
    assert any("Tell my team about the goal" in line for line in parsed["What went back into the organisations"])
    assert parsed["How the movement continues"] == ["The schools take the protocol into their own plans"]
    assert "My mother is ill" not in report and "Joost looks tired" not in report
    assert len([line for line in parsed["The meetings"] if line]) >= 1

    # history: one line for the organiser, then attendance per person
    capsys.readouterr()
    assert main(["history", "--minutes-dir", str(minutes)]) == 0
    out = capsys.readouterr().out
    assert "Positive youth policy — meetings held: 5 of 5;" in out
    assert "Attendance per person" in out and "Fatima" in out


async def test_a_due_date_after_the_trajectory_s_last_meeting_is_pointed_out_in_the_meeting_s_language(
    tmp_path, capsys, small_nl
):
    dutch = small_nl
    assert (
        main(
            [
                "traject",
                "--minutes-dir",
                str(tmp_path),
                "--series",
                dutch.series,
                "--start",
                "2026-09-24",  # the last meeting on 17 December: not in the Christmas weeks
                "--every",
                "6",
                "--meetings",
                "3",
                "--lang",
                "nl",
            ]
        )
        == 0
    )
    capsys.readouterr()
    app = make_app(dutch, minutes_dir=tmp_path, clock=FakeClock(datetime(2026, 12, 3, 14, 0)))
    meeting = app.meeting
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the plan is read after the first frame, in a worker
        await pilot.pause()
        assert meeting.trajectory_end == date(2026, 12, 17)
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "/actie Verslag rondsturen 17-12")  # on the last day: fine
        await type_line(pilot, "/actie Evaluatie plannen 15-1-2027")
        await pilot.pause()
        told = [str(n.message) for n in app._notifications]
        assert any(
            m.startswith("De datum 15-01-2027 valt na de laatste bijeenkomst van het traject (17-12-2026).")
            for m in told
        ), told
        assert [n.text for n in meeting.record.notes] == ["Verslag rondsturen"]  # nothing stored yet
        await pilot.press("enter")  # Enter again keeps it
        await pilot.pause()
        assert [n.due for n in meeting.record.notes] == [date(2026, 12, 17), date(2027, 1, 15)]


async def test_a_plan_of_another_series_or_a_damaged_plan_sets_no_end(tmp_path, capsys, small):
    from copsession.trajectory import PLAN_FILE

    async def end_seen() -> date | None:
        app = make_app(small, minutes_dir=tmp_path, clock=FakeClock(datetime(2026, 12, 3, 14, 0)))
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            return app.meeting.trajectory_end

    assert await end_seen() is None  # no plan at all
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(tmp_path),
                "--series",
                "Another CoP",
                "--start",
                "2026-10-01",
                "--meetings",
                "3",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    assert await end_seen() is None  # the plan of another trajectory
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(tmp_path / "own"),
                "--series",
                small.series.upper(),
                "--start",
                "2026-10-01",
                "--meetings",
                "3",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    (tmp_path / PLAN_FILE).write_bytes((tmp_path / "own" / PLAN_FILE).read_bytes())
    assert await end_seen() == date(2027, 1, 7)  # its own (off Christmas), whatever the case of its name
    (tmp_path / PLAN_FILE).write_bytes(b"series = [\xff")
    assert await end_seen() is None  # damaged: the meeting goes on without it


def test_next_prepares_the_kick_off_from_the_plan_alone(tmp_path, capsys):
    """Before the first meeting `next` (`volgende`) writes the kick-off's worksheet: the plan's
    name, date, time and place, the bundled kick-off in the plan's language."""
    folder = tmp_path / "verslagen"
    assert (
        main(
            [
                "traject",
                "--minutes-dir",
                str(folder),
                "--series",
                "Veilige haven",
                "--start",
                "2027-01-14",
                "--meetings",
                "4",
                "--time",
                "09:30",
                "--location",
                "Stadhuis, zaal 3",
                "--lang",
                "nl",
            ]
        )
        == 0
    )
    capsys.readouterr()
    out = tmp_path / "start.toml"
    assert main(["volgende", "--minutes-dir", str(folder), "--out", str(out)]) == 0
    assert "bijeenkomst 1, donderdag 14 januari 2027, startbijeenkomst" in capsys.readouterr().out
    worksheet = load_worksheet(out)
    assert (worksheet.title, worksheet.series, worksheet.language, worksheet.phase) == (
        "Veilige haven",
        "Veilige haven",
        "nl",
        "kickoff",
    )
    assert (worksheet.date, worksheet.start, worksheet.location) == (date(2027, 1, 14), time(9, 30), "Stadhuis, zaal 3")
    assert worksheet.cadence_weeks is None  # the kick-off agrees on the rhythm itself


@pytest.mark.parametrize(
    "change, message",
    [
        (["--shorten", "-3"], "--extend and --shorten take a number of meetings of 1 or more, not -3"),
        (["--extend", "2", "--shorten", "1"], "give either --extend or --shorten, not both"),
    ],
)
def test_an_impossible_change_of_the_plan_is_refused(tmp_path, capsys, change, message):
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(tmp_path),
                "--series",
                "X",
                "--start",
                "2027-01-14",
                "--meetings",
                "5",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    before = (tmp_path / "trajectory.toml").read_bytes()
    capsys.readouterr()
    assert main(["trajectory", "--minutes-dir", str(tmp_path), *change]) == 1
    assert message in capsys.readouterr().err
    assert (tmp_path / "trajectory.toml").read_bytes() == before


def test_the_calendar_file_is_as_shareable_as_the_minutes(tmp_path, capsys):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert (
            main(
                [
                    "trajectory",
                    "--minutes-dir",
                    str(tmp_path),
                    "--series",
                    "X",
                    "--start",
                    "2027-01-14",
                    "--meetings",
                    "3",
                    "--lang",
                    "en",
                ]
            )
            == 0
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "trajectory.ics").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "trajectory.toml").stat().st_mode) == 0o644


def test_a_hostile_name_is_cleaned_before_it_reaches_the_plan_the_calendar_or_the_terminal(tmp_path, capsys):
    import icalendar

    name = "Safe\n harbour \x1b]0;owned\x07 \u202e \udc9b"
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(tmp_path),
                "--series",
                name,
                "--start",
                "2027-01-14",
                "--meetings",
                "3",
                "--location",
                "Room\t4\x1b[31m",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\n harbour" not in out
    plan = read_plan(tmp_path / "trajectory.toml")
    assert plan.series == "Safe harbour ]0;owned \ufffd" and plan.location == "Room 4[31m"
    calendar = icalendar.Calendar.from_ical((tmp_path / "trajectory.ics").read_bytes())
    assert all("\x1b" not in str(e.get("summary")) for e in calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    "option, message",
    [
        (["--length", "0"], "a meeting lasts 15 to 1440 minutes, not 0"),
        (["--length", "100000000000000000000"], "a meeting lasts 15 to 1440 minutes"),
        (["--time", "14:00+02:00"], "is not a time like 14:00"),
        (["--series", "   "], "name the trajectory with --series"),
        (["--series", "x" * 300], "--series: too long (300 characters, at most 200)"),
    ],
)
def test_a_plan_that_cannot_be_used_is_refused_before_anything_is_written(tmp_path, capsys, option, message):
    args = ["trajectory", "--minutes-dir", str(tmp_path / "m"), "--series", "S", "--start", "2027-01-14", *option]
    assert main(args) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe",
        b"series = 5\n",
        b'meetings = "x"\n',
        b'series = "S"\nstart = 2027-01-14\ncadence_weeks = 6\nmeetings = ['
        b'{number = 2, date = 2027-01-14, phase = "kickoff"},'
        b'{number = 1, date = 2027-02-25, phase = "closing"}]\n',
    ],
)
def test_a_damaged_plan_is_named_in_the_user_s_language_by_every_command(tmp_path, capsys, monkeypatch, content):
    monkeypatch.setenv("COPSESSION_LANG", "nl")
    (tmp_path / "trajectory.toml").write_bytes(content)
    for command in (["traject"], ["traject", "--extend", "1"], ["volgende"]):
        assert main([*command, "--minutes-dir", str(tmp_path)]) == 1
        err = capsys.readouterr().err
        assert "trajectory.toml" in err and ("planning" in err), err
        for english in ("Error", "invalid", "range", "not ", "string", "literal"):
            assert english not in err, err
    assert (tmp_path / "trajectory.toml").read_bytes() == content


def test_a_change_keeps_a_date_moved_by_hand_and_a_plan_of_another_series_is_left_alone(tmp_path, capsys):
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(tmp_path),
                "--series",
                "S",
                "--start",
                "2027-01-14",
                "--meetings",
                "4",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    plan_file = tmp_path / "trajectory.toml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("2027-04-08", "2027-04-15"), encoding="utf-8")
    assert main(["trajectory", "--minutes-dir", str(tmp_path), "--extend", "1"]) == 0
    dates = [m.date for m in read_plan(plan_file).meetings]
    assert dates[2] == date(2027, 4, 15) and dates[4] == date(2027, 7, 1)  # moved by hand; the new one after
    capsys.readouterr()
    before = plan_file.read_bytes()
    assert main(["trajectory", "--minutes-dir", str(tmp_path), "--series", "Other", "--extend", "1"]) == 1
    assert "this is the plan of 'S'" in capsys.readouterr().err
    assert plan_file.read_bytes() == before


def test_a_linked_calendar_stops_the_change_before_the_plan_is_written(tmp_path, capsys):
    assert (
        main(
            [
                "trajectory",
                "--minutes-dir",
                str(tmp_path),
                "--series",
                "S",
                "--start",
                "2027-01-14",
                "--meetings",
                "4",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    elsewhere = tmp_path / "elsewhere.ics"
    elsewhere.write_text("mine", encoding="utf-8")
    (tmp_path / "trajectory.ics").unlink()
    (tmp_path / "trajectory.ics").symlink_to(elsewhere)
    before = (tmp_path / "trajectory.toml").read_bytes()
    assert main(["trajectory", "--minutes-dir", str(tmp_path), "--extend", "1"]) == 1
    assert "symbolic link; nothing was written" in capsys.readouterr().err
    assert (tmp_path / "trajectory.toml").read_bytes() == before and elsewhere.read_text(encoding="utf-8") == "mine"


def test_two_trajectories_with_one_name_never_share_a_calendar_event(tmp_path):
    """Jeugd & Beleid and Jeugd beleid (or two organisations' CoPs with one name) got the same event
    UIDs: importing one trajectory's calendar could replace the other's meetings."""
    from icalendar import Calendar

    from copsession.cli import main

    uids = []
    for number, series in enumerate(("Jeugd & Beleid", "Jeugd beleid", "Jeugd beleid")):
        folder = tmp_path / f"cop{number}"
        assert (
            main(["traject", "--series", series, "--start", "2027-01-14", "--minutes-dir", str(folder), "--lang", "nl"])
            == 0
        )
        calendar = Calendar.from_ical((folder / "traject.ics").read_bytes())
        uids.append({str(event["uid"]) for event in calendar.walk("VEVENT")})
    assert all(len(found) == 10 for found in uids)
    assert not uids[0] & uids[1] and not uids[1] & uids[2] and not uids[0] & uids[2]


def test_a_changed_plan_marks_its_moved_meetings_as_newer(tmp_path):
    """A calendar that imports the file again takes the event with the higher SEQUENCE (and a later
    DTSTAMP) as the newer one: a plan that changed said nothing (DTSTAMP fixed, no SEQUENCE)."""
    from icalendar import Calendar

    from copsession.cli import main

    def events() -> dict[int, tuple]:
        calendar = Calendar.from_ical((tmp_path / "trajectory.ics").read_bytes())
        return {
            int(str(e["uid"]).split("-")[-1].split("@")[0]): (
                int(e.get("sequence", 0)),
                e.decoded("dtstamp"),
                e.decoded("dtstart"),
                str(e["uid"]),
                str(e["status"]),
            )
            for e in calendar.walk("VEVENT")
        }

    assert (
        main(
            [
                "trajectory",
                "--series",
                "Safe at school",
                "--start",
                "2027-01-14",
                "--meetings",
                "6",
                "--minutes-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    first = events()
    assert all(sequence == 0 for sequence, *_ in first.values())
    plan_text = (tmp_path / "trajectory.toml").read_text(encoding="utf-8")
    assert "id = " in plan_text
    assert main(["trajectory", "--extend", "2", "--minutes-dir", str(tmp_path)]) == 0
    second = events()
    assert {n: e[3] for n, e in second.items() if n <= 6} == {n: e[3] for n, e in first.items()}  # same events
    # meetings 1-5 kept their date and kind: as they were; the closing moved from 6 to 8: newer
    for number in range(1, 6):
        assert second[number][:3] == first[number][:3]
    assert second[6][0] == 1 and second[6][1] >= first[6][1]  # no longer the closing: changed once
    assert second[8][0] == 0 and 7 in second
    assert main(["trajectory", "--shorten", "1", "--minutes-dir", str(tmp_path)]) == 0
    third = events()
    assert third[8][4] == "CANCELLED" and third[8][0] == 1  # taken off: cancelled in every calendar that has it
    assert third[7][0] == 1 and third[7][4] == "CONFIRMED"  # meeting 7 became the closing
    # a date moved by hand in the plan: the next calendar marks that meeting as changed
    plan = (tmp_path / "trajectory.toml").read_text(encoding="utf-8")
    moved = plan.replace("date = 2027-07-01", "date = 2027-07-08", 1)
    assert moved != plan
    (tmp_path / "trajectory.toml").write_text(moved, encoding="utf-8")
    assert main(["trajectory", "--extend", "1", "--minutes-dir", str(tmp_path)]) == 0
    fourth = events()
    moved_number = next(n for n, e in fourth.items() if e[2].date().isoformat() == "2027-07-08")
    assert fourth[moved_number][0] == third[moved_number][0] + 1


def test_a_plan_from_before_ids_keeps_its_events_names_and_bad_fields_are_named(tmp_path, capsys):
    from icalendar import Calendar

    from copsession.cli import main

    assert (
        main(["trajectory", "--series", "Safe at school", "--start", "2027-01-14", "--minutes-dir", str(tmp_path)]) == 0
    )
    plan = tmp_path / "trajectory.toml"
    text = "\n".join(line for line in plan.read_text(encoding="utf-8").splitlines() if not line.startswith("id = "))
    plan.write_text(text + "\n", encoding="utf-8")
    assert main(["trajectory", "--extend", "1", "--minutes-dir", str(tmp_path)]) == 0
    uids = {str(e["uid"]) for e in Calendar.from_ical((tmp_path / "trajectory.ics").read_bytes()).walk("VEVENT")}
    assert "safe-at-school-1@copsession" in uids  # as calendars imported them before plans had ids
    plan.write_text(plan.read_text(encoding="utf-8").replace('language = "en"', 'language = "de"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["trajectory", "--minutes-dir", str(tmp_path)]) == 1
    assert "language is missing or not usable" in capsys.readouterr().err


def test_a_folder_with_two_plans_is_refused_and_named(tmp_path, capsys):
    """An English and a Dutch plan side by side: copsession cannot know which holds, and says so."""
    from copsession.cli import main

    assert main(["trajectory", "--series", "Harbour", "--start", "2027-01-14", "--minutes-dir", str(tmp_path)]) == 0
    (tmp_path / "traject.toml").write_bytes((tmp_path / "trajectory.toml").read_bytes())
    capsys.readouterr()
    assert main(["trajectory", "--minutes-dir", str(tmp_path), "--extend", "1"]) == 1
    assert "holds two plans, trajectory.toml and traject.toml" in capsys.readouterr().err
    assert main(["next", "--minutes-dir", str(tmp_path)]) == 1
    assert "two plans" in capsys.readouterr().err
