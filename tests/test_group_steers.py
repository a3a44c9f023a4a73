"""The group steers: `next` (`volgende`) proposes the next meeting's questions from what the group
left open — open questions, actions due, the ideas with the most votes, results, the shared goal and
the working agreements — each marked with where it came from; the facilitator keeps, drops and
reorders them, at the terminal or with --keep (--houden)."""

from __future__ import annotations

import builtins
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path

import pytest

from copsession.cli import main
from copsession.clock import FakeClock
from copsession.session import Session
from copsession.steering import chosen, propose
from copsession.trajectory import plan_file, read_plan
from copsession.ui.app import make_app
from copsession.worksheet import load_worksheet
from mdhelpers import screen_text
from meetings import say

WORDS = {
    "en": {
        "cmd": ["trajectory", "--minutes-dir"],
        "next": "next",
        "keep": "--keep",
        "out": "--out",
        "goal": "/goal Every ship leaves the harbour safely",
        "agreement": "/agreement We share every incident within a week",
        "question": "/question Which near-misses never get reported",
        "action_due": "/action Collect the incident logs @Pieter 2027-03-20",
        "action_later": "/action Write the long-term vision @Anne 2027-12-01",
        "idea": "A shared near-miss register",
        "idea2": "Joint drills twice a year",
        "plain": "The pilots and the port authority use different forms",
        "result": "/result A map of who reports what",
        "private": "/private Pieter seems tired",
        "round": "My team is short-staffed this month",
    },
    "nl": {
        "cmd": ["traject", "--map"],
        "next": "volgende",
        "keep": "--houden",
        "out": "--naar",
        "goal": "/doel Elk schip verlaat de haven veilig",
        "agreement": "/afspraak We delen elk incident binnen een week",
        "question": "/vraag Welke bijna-ongevallen worden nooit gemeld",
        "action_due": "/actie Incidentlogboeken verzamelen @Pieter 20-03-2027",
        "action_later": "/actie Langetermijnvisie schrijven @Anne 01-12-2027",
        "idea": "Een gedeeld register van bijna-ongevallen",
        "idea2": "Twee keer per jaar samen oefenen",
        "plain": "Loodsen en havenbedrijf gebruiken verschillende formulieren",
        "result": "/resultaat Een kaart van wie wat meldt",
        "private": "/privé Pieter lijkt moe",
        "round": "Mijn team is deze maand onderbezet",
    },
}


def _plan(folder: Path, language: str, series: str, meetings: int = 9) -> None:
    words = WORDS[language]
    args = [*words["cmd"], str(folder), "--series" if language == "en" else "--traject", series]
    args += ["--location" if language == "en" else "--locatie", "Harbour office, room 4"]
    args += ["--start", "2027-03-01", "--meetings" if language == "en" else "--aantal", str(meetings)]
    en = language == "en"
    args += [
        "--question" if en else "--vraag",
        "How do the harbour's organisations learn from every near-miss together?",
    ]
    args += ["--scope" if en else "--afbakening", "Incidents in the inner harbour; not the open sea"]
    args += ["--facilitator", "Samira"]
    args += ["--participant" if en else "--deelnemer", "Pieter; Port authority; nautical safety"]
    args += ["--participant" if en else "--deelnemer", "Anne; Pilots' association; pilotage"]
    assert main([*args, "--lang" if en else "--taal", language]) == 0


def _index(session: Session, kind: str) -> int:
    return next(i for i, step in enumerate(session.record.worksheet.steps) if step.kind == kind)


def _hold_kickoff(worksheet_path: Path, folder: Path, language: str) -> None:
    """The kick-off, through the meeting engine as the app drives it: a check-in round, then a goal, an
    agreement, an open question, two actions, three notes (two voted on), a result, a private remark."""
    words = WORDS[language]
    worksheet = load_worksheet(worksheet_path)
    session = Session.new(worksheet, folder, FakeClock(datetime.combine(worksheet.date, time(14))), seed=1)
    meeting = session.meeting
    meeting.go_to(_index(session, "check-in"))
    say(meeting, words["round"])
    meeting.go_to(_index(session, "exploration"))
    say(meeting, words["goal"], words["agreement"], words["question"], words["action_due"], words["action_later"])
    say(meeting, words["plain"], words["idea2"], words["idea"], words["private"])
    notes = {n.text: n.id for n in meeting.record.notes}
    meeting.tag(notes[words["idea"]], "idea")
    for _ in range(3):
        meeting.vote(notes[words["idea"]], +1)
    meeting.vote(notes[words["idea2"]], +1)
    meeting.go_to(_index(session, "results"))
    say(meeting, words["result"])
    assert meeting.finish()


def _exploration(path: Path) -> tuple[list[str], str]:
    """The first exploration step's questions, and the worksheet's text."""
    text = path.read_text(encoding="utf-8")
    step = next(s for s in tomllib.loads(text)["steps"] if s["kind"] == "exploration")
    return step["questions"], text


@pytest.mark.parametrize("language", ["en", "nl"])
def test_next_proposes_the_questions_the_group_left_open_with_where_each_came_from(tmp_path, capsys, language):
    words = WORDS[language]
    folder = tmp_path / "minutes"
    _plan(folder, language, "Harbour Safety Network" if language == "en" else "Veilige haven")
    kickoff = tmp_path / "kickoff.toml"
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(kickoff)]) == 0
    _hold_kickoff(kickoff, folder, language)
    capsys.readouterr()

    second = tmp_path / "second.toml"
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(second), words["keep"], "1,3 2"]) == 0
    out = capsys.readouterr().out
    listed = [line.strip() for line in out.splitlines() if line[:5].strip().rstrip(".").isdigit()]
    if language == "en":
        assert out.splitlines()[0] == (
            "Questions for meeting 2 (Monday 12 April 2027, literature meeting), from what the group left open:"
        )
        assert listed == [
            "1. Which near-misses never get reported?",
            "2. What came of the action of Pieter: Collect the incident logs?",
            "3. The group's choice last time: A shared near-miss register. How do we take it further?",
            "4. The group's choice last time: Joint drills twice a year. How do we take it further?",
            "5. Our result: A map of who reports what. How do we follow it up?",
            "6. Our shared goal: Every ship leaves the harbour safely. How much closer have we come?",
            "7. Our working agreement: We share every incident within a week. Does it still work for us?",
        ]
        assert "— open question from meeting 1 (1 March 2027)" in out
        assert "— action due 20 March 2027, from meeting 1 (1 March 2027)" in out
        assert "— 3 votes in meeting 1 (1 March 2027)" in out and "— 1 vote in meeting 1 (1 March 2027)" in out
        assert "In the worksheet: 1, 3, 2. Choose others with --keep, such as --keep 3,1." in out
        first = '# open question from meeting 1 (1 March 2027)\n    "Which near-misses never get reported?",'
    else:
        assert out.splitlines()[0] == (
            "Vragen voor bijeenkomst 2 (maandag 12 april 2027, literatuurbijeenkomst), uit wat de groep open liet:"
        )
        assert listed == [
            "1. Welke bijna-ongevallen worden nooit gemeld?",
            "2. Wat is er terechtgekomen van de actie van Pieter: Incidentlogboeken verzamelen?",
            "3. De keuze van de groep vorige keer: Een gedeeld register van bijna-ongevallen. Hoe werken we dit verder"
            " uit?",
            "4. De keuze van de groep vorige keer: Twee keer per jaar samen oefenen. Hoe werken we dit verder uit?",
            "5. Ons resultaat: Een kaart van wie wat meldt. Hoe geven we hier vervolg aan?",
            "6. Ons gezamenlijk doel: Elk schip verlaat de haven veilig. Hoeveel dichterbij zijn we gekomen?",
            "7. Onze werkafspraak: We delen elk incident binnen een week. Werkt die nog voor ons?",
        ]
        assert "— actie, uiterlijk op 20 maart 2027, uit bijeenkomst 1 (1 maart 2027)" in out
        assert (
            "— 3 stemmen in bijeenkomst 1 (1 maart 2027)" in out and "— 1 stem in bijeenkomst 1 (1 maart 2027)" in out
        )
        assert "In het werkblad: 1, 3, 2. Kies andere met --houden, zoals --houden 3,1." in out
        first = '# open vraag uit bijeenkomst 1 (1 maart 2027)\n    "Welke bijna-ongevallen worden nooit gemeld?",'

    questions, text = _exploration(second)
    kept = [listed[0], listed[2], listed[1]]
    # kept in the order chosen, ahead of the literature meeting's own questions, each under its source
    assert questions[:3] == [line.split(". ", 1)[1] for line in kept]
    assert len(questions) > 3 and first in text
    assert load_worksheet(second).phase == "literature"  # the kind of meeting follows the plan
    # never a word said in a round, never a private remark, never the action due after the next meeting
    for never in (
        words["round"],
        words["private"].split(" ", 1)[1],
        words["action_later"].split(" ", 1)[1].split(" @")[0],
    ):
        assert never not in out and never not in text
    assert words["plain"] not in out  # a note with no votes is not the group's choice


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_facilitator_chooses_at_the_terminal_and_a_wrong_answer_is_asked_again(
    tmp_path, capsys, monkeypatch, language
):
    words = WORDS[language]
    folder = tmp_path / "minutes"
    _plan(folder, language, "Harbour Safety Network")
    kickoff = tmp_path / "kickoff.toml"
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(kickoff)]) == 0
    _hold_kickoff(kickoff, folder, language)
    answers = iter(["2 x", "8", "7 1"])
    asked = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("copsession.cli.trajectory.at_a_terminal", lambda: True)
    monkeypatch.setattr(builtins, "input", typed)
    capsys.readouterr()
    second = tmp_path / "second.toml"
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(second)]) == 0
    out = capsys.readouterr().out
    if language == "en":
        assert asked[0] == (
            "Which do you keep, in which order? Numbers with spaces, such as 3 1 2 (Enter: 1 2 3 4; 0: none): "
        )
        assert "“2 x” is not a list of the numbers 1 to 7; try again, such as 3 1 2." in out
        assert "“8” is not a list" in out
    else:
        assert asked[0] == (
            "Welke houd je, in welke volgorde? Nummers met spaties, zoals 3 1 2 (Enter: 1 2 3 4; 0: geen): "
        )
        assert "“2 x” is geen lijst van de nummers 1 tot en met 7; probeer het opnieuw, zoals 3 1 2." in out
    assert len(asked) == 3
    questions, _ = _exploration(second)
    assert questions[0].startswith(("Our working agreement", "Onze werkafspraak"))
    assert questions[1].startswith(("Which near-misses", "Welke bijna-ongevallen"))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_keeping_none_leaves_the_kind_s_own_questions_and_a_bad_keep_writes_nothing(tmp_path, capsys, language):
    words = WORDS[language]
    folder = tmp_path / "minutes"
    _plan(folder, language, "Harbour Safety Network")
    kickoff = tmp_path / "kickoff.toml"
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(kickoff)]) == 0
    _hold_kickoff(kickoff, folder, language)
    capsys.readouterr()
    second = tmp_path / "second.toml"
    for bad in ("9", "1,x", "0 1", "99999999999999999999", "\x1b[31m1"):
        assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(second), words["keep"], bad]) == 1
        err = capsys.readouterr().err
        assert "\x1b" not in err
        assert (
            "not a list of the numbers 1 to 7 of the proposed questions; nothing was written" in err
            if language == "en"
            else "geen lijst van de nummers 1 tot en met 7 van de voorgestelde vragen; er is niets opgeslagen" in err
        )
        assert not second.exists()
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(second), words["keep"], "0"]) == 0
    assert ("None kept" if language == "en" else "Geen gekozen") in capsys.readouterr().out
    questions, text = _exploration(second)
    assert "#" not in text.split("[[steps]]", 1)[1]  # no proposal, no comment
    literature = tomllib.loads((Path(__file__).parents[1] / "worksheets" / f"literature.{language}.toml").read_text())
    assert questions == next(s for s in literature["steps"] if s["kind"] == "exploration")["questions"]


def test_without_a_terminal_the_first_four_are_kept_and_a_regular_meeting_asks_only_them(tmp_path, capsys):
    folder = tmp_path / "minutes"
    _plan(folder, "en", "Harbour Safety Network", meetings=3)  # kick-off, regular, closing
    kickoff = tmp_path / "kickoff.toml"
    assert main(["next", "--minutes-dir", str(folder), "--out", str(kickoff)]) == 0
    _hold_kickoff(kickoff, folder, "en")
    second = tmp_path / "second.toml"
    assert main(["next", "--minutes-dir", str(folder), "--out", str(second)]) == 0
    assert "In the worksheet: 1, 2, 3, 4." in capsys.readouterr().out
    questions, _ = _exploration(second)
    assert load_worksheet(second).phase == "regular"
    assert len(questions) == 4 and questions[0] == "Which near-misses never get reported?"


def test_choosing_reads_numbers_ranges_and_none():
    proposals = propose(
        [
            {
                "id": "a",
                "series_number": 1,
                "date": "2027-03-01",
                "results": [],
                "carry": [
                    {"kind": "question", "text": f"Question {n}", "origin": "a#1", "origin_date": "2027-03-01"}
                    for n in range(1, 6)
                ],
            }
        ],
        None,
        date(2027, 4, 12),
        "en",
    )
    assert [p.text for p in proposals] == [f"Question {n}?" for n in range(5, 0, -1)]  # the newest first
    assert [p.text for p in chosen("3-1", proposals) or []] == ["Question 3?", "Question 4?", "Question 5?"]
    assert [p.text for p in chosen("2, 2 5", proposals) or []] == ["Question 4?", "Question 1?"]
    assert chosen("", proposals) == proposals[:4]
    assert chosen("0", proposals) == []
    for bad in ("0 1", "6", "1-6", "a", "1.5", "-1", "1000000"):
        assert chosen(bad, proposals) is None, bad


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_what_the_plan_does_not_know_is_marked_warned_and_shown_to_the_facilitator_only(
    tmp_path, capsys, language
):
    """A kick-off made from a plan without the group's question, place and members carries «…» where
    they go: `next` and `validate` warn, and the opening screen names them only after F8."""
    words = WORDS[language]
    folder = tmp_path / "minutes"
    args = [*words["cmd"], str(folder), "--series" if language == "en" else "--traject", "Rivierenland"]
    assert main([*args, "--start", "2027-03-01", "--lang" if language == "en" else "--taal", language]) == 0
    capsys.readouterr()
    kickoff = tmp_path / "kickoff.toml"
    assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(kickoff)]) == 0
    out = capsys.readouterr().out
    expected = {
        "en": "warning: still to fill in where «…» stands: the central question, the location, the participants",
        "nl": "waarschuwing: nog in te vullen waar «…» staat: de centrale vraag, de locatie, de deelnemers",
    }[language]
    assert expected in out
    assert main(["validate" if language == "en" else "controleren", str(kickoff)]) == 0
    assert expected.split(": ", 1)[1] in capsys.readouterr().err

    worksheet = load_worksheet(kickoff)
    app = make_app(worksheet, minutes_dir=folder, clock=FakeClock(datetime(2027, 3, 1, 14)), remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        note = app.screen.query_one("#unfilled")
        assert not note.display or not note.region  # hidden: the group may be looking
        await pilot.press("f8")
        await pilot.pause()
        assert note.region.height > 0
        assert ("Only you see this (F8)" if language == "en" else "Alleen jij ziet dit (F8)") in screen_text(app)
        assert (
            "The worksheet is not finished: «…» still stands in the central question, the location, the participants"
            if language == "en"
            else "Het werkblad is nog niet af: «…» staat nog in de centrale vraag, de locatie, de deelnemers"
        ) in str(note.render())
        await pilot.press("f8")
        await pilot.pause()
        assert not note.region or note.region.height == 0


def _example_words() -> set[str]:
    """Everything that belongs to the bundled example CoP: its name, question, place, facilitator and
    people, in both languages."""
    found: set[str] = {"children", "kinderen", "school"}
    for path in (Path(__file__).parents[1] / "worksheets").glob("*.toml"):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        found |= {doc.get(key, "") for key in ("title", "series", "central_question", "location", "facilitator")}
        for person in doc.get("participants", []):
            found |= {person.get("name", ""), person.get("organisation", "")}
    return {word for word in found if word and word != "Online"}


NINE = {
    "en": {
        "series": "Harbour Safety Network",
        "question": "/question What does a near-miss on meeting {n} teach the others",
        "action": "/action Share the logbook of meeting {n} @Pieter {due}",
        "idea": "Idea {n}: a joint drill on the quay",
        "result": "/result Agreement {n} on reporting",
        "round": "Busy weeks at the locks ({n})",
    },
    "nl": {
        "series": "Klimaatadaptatie Rivierenland",
        "question": "/vraag Wat leert bijeenkomst {n} ons over wateroverlast",
        "action": "/actie Logboek van bijeenkomst {n} delen @Pieter {due}",
        "idea": "Idee {n}: samen een waterdag organiseren",
        "result": "/resultaat Afspraak {n} over melden",
        "round": "Drukke weken bij het waterschap ({n})",
    },
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_nine_meetings_of_a_new_cop_carry_only_its_own_content_and_its_own_questions(tmp_path, capsys, language):
    """From `traject` to the report: nine meetings of a CoP that is not the bundled example. Every
    worksheet `next` writes proposes what the group left open; nothing of the example anywhere."""
    words, nine = WORDS[language], NINE[language]
    folder = tmp_path / "minutes"
    _plan(folder, language, nine["series"])
    plan = read_plan(plan_file(folder))
    example = _example_words()
    written: list[str] = []
    for number in range(1, 10):
        capsys.readouterr()
        path = tmp_path / f"meeting-{number}.toml"
        assert main([words["next"], words["cmd"][1], str(folder), words["out"], str(path)]) == 0
        out = capsys.readouterr().out
        text = path.read_text(encoding="utf-8")
        if number > 1:  # questions from the group's own open items, each under where it came from
            questions, _ = _exploration(path)
            assert f"{number - 1}" in questions[0] and "\n    # " in text, (number, questions)
            assert ("warning" not in out and "waarschuwing" not in out) or plan.meetings[number - 1].phase == "expert"
        if plan.meetings[number - 1].phase == "expert":  # a place for the expert, filled in as a facilitator does
            assert ("«fill in: the expert»" if language == "en" else "«invullen: de expert»") in text
            text = text.replace(
                "«fill in: the expert»" if language == "en" else "«invullen: de expert»", "Dr Lotte Vermeer"
            )
            text = text.replace("«their organisation»" if language == "en" else "«diens organisatie»", "Deltares")
            text = text.replace("«their expertise»" if language == "en" else "«diens vakgebied»", "water safety")
            path.write_text(text, encoding="utf-8")
        worksheet = load_worksheet(path)
        assert worksheet.phase == plan.meetings[number - 1].phase and worksheet.date == plan.meetings[number - 1].date
        written.append(text)
        session = Session.new(worksheet, folder, FakeClock(datetime.combine(worksheet.date, time(14))), seed=1)
        meeting = session.meeting
        meeting.go_to(_index(session, "check-in"))
        say(meeting, nine["round"].format(n=number))
        meeting.go_to(_index(session, "exploration"))
        due = plan.meetings[min(number, 8)].date.isoformat()
        say(meeting, nine["question"].format(n=number), nine["action"].format(n=number, due=due))
        say(meeting, nine["idea"].format(n=number))
        meeting.vote(meeting.record.notes[-1].id, +2)
        meeting.go_to(_index(session, "results"))
        say(meeting, nine["result"].format(n=number))
        session.write_documents(meeting.record, meeting.clock.now(), meeting.mono)
        assert meeting.finish()

    assert main(["report" if language == "en" else "rapportage", words["cmd"][1], str(folder)]) == 0
    documents = [p.read_text(encoding="utf-8") for p in folder.glob("*.md")]
    assert len(documents) == 9 * 2 + 1  # minutes and brief of every meeting, and the report
    for text in [*written, *documents]:
        for word in example:
            assert not re.search(rf"\b{re.escape(word)}\b", text), word
    report = next(p for p in folder.glob("*.md") if "report" in p.name or "rapportage" in p.name)
    assert nine["series"] in report.read_text(encoding="utf-8")


def test_the_choice_of_questions_in_a_real_terminal(tmux_factory, tmp_path):
    """`copsession volgende` in a real terminal asks which proposals to keep; a wrong answer is asked
    again, the answer typed decides the worksheet."""
    folder = tmp_path / "verslagen"
    _plan(folder, "nl", "Veilige haven")
    kickoff = tmp_path / "kickoff.toml"
    assert main(["volgende", "--map", str(folder), "--naar", str(kickoff)]) == 0
    _hold_kickoff(kickoff, folder, "nl")
    second = tmp_path / "tweede.toml"
    term = tmux_factory("volgende", "--map", str(folder), "--naar", str(second), size=(120, 40), env={"CI": ""})
    term.wait_for("Welke houd je, in welke volgorde?")
    term.text("3 x")
    term.keys("Enter")
    term.wait_for("is geen lijst van de nummers 1 tot en met 7")
    term.text("3 1")
    term.keys("Enter")
    term.wait_for("In het werkblad: 3, 1.")
    term.wait_gone()
    questions, _ = _exploration(second)
    assert questions[:2] == [
        "De keuze van de groep vorige keer: Een gedeeld register van bijna-ongevallen. Hoe werken we dit verder uit?",
        "Welke bijna-ongevallen worden nooit gemeld?",
    ]
