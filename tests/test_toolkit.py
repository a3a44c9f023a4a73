"""The facilitation toolkit: prompts, turns, time, tags, votes, provocations, follow-ups, pulse, results."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, Static

from copsession.minutes import render_minutes
from copsession.prompts import check_in_prompts, provocations
from copsession.ui.app import make_app
from copsession.ui.screens.pulse import PulseScreen
from copsession.ui.widgets.agenda import AgendaSidebar
from copsession.ui.widgets.capture import CaptureBox
from copsession.ui.widgets.round_panel import RoundPanel
from copsession.worksheet import parse_worksheet
from mdhelpers import screen_text, sections, shown, table_rows, type_line
from meetings import new_meeting

SIZE = (80, 24)
NOW = datetime(2026, 12, 3, 14, 0)

TOOLKIT = """
title = "Toolkit"
central_question = "Q?"
goals = ["Goal one"]
date = 2026-12-03
start = 14:00:00
[[participants]]
name = "Ann"
[[participants]]
name = "Bo"
[[participants]]
name = "Cy"
[[steps]]
kind = "check-in"
minutes = 10
turn_minutes = 2
[[steps]]
kind = "exploration"
minutes = 20
questions = ["First?", "Second?"]
provocations = ["What if we stopped?"]
[[steps]]
kind = "work-form"
minutes = 10
form = "reverse-brainstorm"
[[steps]]
kind = "concern-round"
minutes = 10
prompt = "Worries?"
order = "random"
[[steps]]
kind = "results"
minutes = 10
"""


@pytest.fixture
def toolkit():
    return parse_worksheet(TOOLKIT)


def build(worksheet, clock, tmp_path, **kwargs):
    return make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=5, **kwargs)


def minutes_of(app) -> str:
    return render_minutes(app.record, ended=app.clock.now(), mono=app.clock.monotonic())


# -- banks ----------------------------------------------------------------- #


def test_banks_are_large_enough_and_parallel():
    for language in ("en", "nl"):
        assert len(check_in_prompts(language)) >= 30 and len(set(check_in_prompts(language))) == len(
            check_in_prompts(language)
        )
        assert len(provocations(language)) >= 15
    assert len(check_in_prompts("en")) == len(check_in_prompts("nl"))


def test_drawn_prompts_do_not_repeat_within_a_meeting(toolkit):
    m = new_meeting(toolkit)
    m.go_to(0)
    seen = {m.record.steps[0].prompt}
    for _ in range(len(check_in_prompts("en")) - 1):
        seen.add(m.draw_prompt())
    assert seen == set(check_in_prompts("en"))


def test_worksheet_prompts_replace_the_bank(toolkit):
    ws = parse_worksheet(TOOLKIT.replace("turn_minutes = 2", 'turn_minutes = 2\nprompts = ["Own A", "Own B"]'))
    m = new_meeting(ws)
    m.go_to(0)
    first = m.record.steps[0].prompt
    assert first in ("Own A", "Own B")
    assert m.draw_prompt() == ({"Own A", "Own B"} - {first}).pop()


def test_projected_end_and_pulse_in_the_core(toolkit):
    from copsession.clock import FakeClock

    clock = FakeClock(NOW)
    m = new_meeting(toolkit, clock)
    assert m.record.projected_end(NOW, 0) == datetime(2026, 12, 3, 15, 0)
    m.go_to(0)
    clock.advance(900)
    # 15 minutes into a 10-minute step: five minutes behind
    assert m.record.projected_end(clock.now(), clock.monotonic()) == datetime(2026, 12, 3, 15, 5)
    for name, score in (("Ann", 4), ("Bo", 4), ("Cy", 2)):
        m.set_pulse(name, score)
    assert m.record.pulse_distribution() == [0, 1, 0, 2, 0]
    assert m.record.pulse_average() == pytest.approx(10 / 3)
    with pytest.raises(ValueError):
        m.set_pulse("Ann", 6)


# -- rounds and time --------------------------------------------------------- #


async def test_check_in_prompt_from_the_bank_and_another_by_key(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        prompt = shown(app.screen.query_one("#prompt"))
        assert prompt in check_in_prompts("en")
        await pilot.press("ctrl+r")
        second = shown(app.screen.query_one("#prompt"))
        assert second in check_in_prompts("en") and second != prompt
        await type_line(pilot, "answer")
    parsed = sections(app_md(), minutes_of(app))
    assert parsed["1. Check-in"][0] == f"**Prompt:** {second}"


def app_md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


async def test_turn_timer_restarts_at_each_turn(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        panel = app.screen.query_one(RoundPanel)
        clock.advance(70)
        panel.update_round()
        assert "Turn 01:10 / 02:00" in shown(panel)
        await pilot.press("down")
        clock.advance(5)
        panel.update_round()
        assert "Now speaking: Bo" in shown(panel) and "Turn 00:05 / 02:00" in shown(panel)


async def test_times_up_is_shown_once_and_rings_the_bell(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path, bell=True)
    rings = []
    app.bell = lambda: rings.append(1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        clock.advance(10 * 60 + 1)
        app.meeting.tick()
        clock.advance(1)
        app.meeting.tick()
        await pilot.pause()
        assert rings == [1]
        assert "Time's up!" in [n.message for n in app._notifications]
        assert app.record.steps[0].times_up


async def test_agenda_shows_how_far_behind_the_meeting_runs(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown")
        clock.advance(15 * 60)
        app.screen.tick()
        text = shown(app.screen.query_one(AgendaSidebar))
        assert "End 15:00 → 15:05" in text and "5 min behind" in text


async def test_random_order_is_shown_and_kept(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")  # concern round
        order = app.record.steps[3].order
        assert sorted(order) == ["Ann", "Bo", "Cy"]
        panel = shown(app.screen.query_one(RoundPanel))
        assert f"Now speaking: {order[0]}" in panel
        positions = [panel.index(name, panel.index("\n▶") if "\n▶" in panel else 0) for name in order]
        assert positions == sorted(positions)


# -- exploration ------------------------------------------------------------- #


async def test_tags_votes_sorting_and_provocations(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_line(pilot, "We know the nurse sees it")
        await type_line(pilot, "Nobody knows the numbers")
        await pilot.press("tab", "2", "plus", "plus", "up", "1", "plus")
        await pilot.pause()
        notes = app.record.notes_in(1)
        assert [(n.tag, n.votes) for n in notes] == [("known", 1), ("unknown", 2)]
        await pilot.press("asterisk")
        await pilot.pause()
        assert "Nobody knows the" in screen_text(app).split("We know the nurse")[0]
        await pilot.press("escape", "ctrl+r")
        assert "Provocative question: What if we stopped?" in shown(app.screen.query_one("#provocation"))
        await pilot.press("down")
        await type_line(pilot, "An idea for the second question")
        assert app.record.notes_in(1)[-1].topic == 1
    text = minutes_of(app)
    parsed = sections(app_md(), text)
    assert parsed["1. First?"] == [
        "We know the nurse sees it *(known)* — 1 vote",
        "Nobody knows the numbers *(not yet known)* — 2 votes",
    ]
    assert parsed["2. Second?"] == ["An idea for the second question"]
    assert "What if we stopped?" in parsed["2. Exploring the question"]


async def test_work_form_steps_and_their_timer(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("pagedown", "pagedown", "pagedown")
        steps = app.screen.query_one("#form-steps", Static)
        assert "▶ 1. Turn the question around" in shown(steps)
        clock.advance(65)
        app.screen.tick()
        assert "This step 01:05 / 02:00" in shown(steps)
        await pilot.press("down")
        assert "▶ 2. Brainstorm" in shown(steps) and "This step 00:00 / 08:00" in shown(steps)
        await type_line(pilot, "Never talk to parents")
    assert (
        "2. Brainstorm as many ways to make it worse as you can; no judging.\n   - Never talk to parents\n"
    ) in minutes_of(app)


# -- concern round, pulse, results ----------------------------------------- #


async def test_concern_follow_up(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["pagedown"] * 4)
        speaker = app.record.speaker(3)
        await type_line(pilot, "Schools are not at the table")
        await pilot.press("tab", "ctrl+f")
        assert "Follow-up of" in app.screen.query_one(CaptureBox).placeholder
        await pilot.press(*"Invite the school board @Bo", "enter")
        await pilot.pause()
        concern = app.record.of_kind("concern")[0]
        assert (concern.author, concern.follow_up, concern.follow_up_owner) == (
            speaker,
            "Invite the school board",
            "Bo",
        )
    parsed = sections(app_md(), minutes_of(app))
    assert parsed["Concerns"] == [
        f"Schools are not at the table ({speaker}) — *Follow-up:* Invite the school board (Bo)"
    ]


async def test_pulse_scores_chart_and_minutes(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["pagedown"] * 4, "f3")
        assert isinstance(app.screen, PulseScreen)
        await pilot.press("4", "4", "2")
        await pilot.pause()
        chart = shown(app.screen.query_one("#pulse-chart", Static))
        assert "Average 3.3 (3 scores)" in chart and "Goal one" in chart
        assert "4 ████████████████████ 2" in chart
        await pilot.press("escape")
    assert app.record.pulse == {"Ann": 4, "Bo": 4, "Cy": 2}
    text = minutes_of(app)
    assert "4 | #################### 2" in text
    assert "Average: 3.3 (3 scores)" in sections(app_md(), text)["Are we still on track?"]


async def test_results_actions_table_and_take_back(toolkit, clock, tmp_path):
    app = build(toolkit, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["pagedown"] * 5)
        await type_line(pilot, "A shared map")  # results list
        await pilot.press("ctrl+n")  # actions
        await type_line(pilot, "Call the club @Ann 2026-12-20")
        table = app.screen.query_one(DataTable)
        assert table.display and table.row_count == 1
        await pilot.press("tab", "enter")  # edit the row
        box = app.screen.query_one(CaptureBox)
        assert box.value == "Call the club @Ann 2026-12-20"
        box.value = "Call the club @Bo 2026-12-21"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")  # take back
        await type_line(pilot, "Tell my team about the map")
        await pilot.press("down")
        await type_line(pilot, "Bring it to the board")
    text = minutes_of(app)
    parsed = sections(app_md(), text)
    assert parsed["Results"] == ["A shared map"]
    assert table_rows(app_md(), text, "Who")[1:] == [["Call the club", "Bo", "2026-12-21"]]
    assert parsed["Take back to my organisation"] == [
        "**Ann:** Tell my team about the map",
        "**Bo:** Bring it to the board",
    ]
