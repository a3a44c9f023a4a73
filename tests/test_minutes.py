"""The minutes renderer: a pure function of the record, checked on its parsed Markdown."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings import new_meeting, say

from copsession.clock import FakeClock
from copsession.minutes import escape, render_minutes
from copsession.record import SessionRecord
from mdhelpers import sections, table_rows, unescape

NOW = datetime(2026, 12, 3, 14, 0)
END = datetime(2026, 12, 3, 15, 20)


@pytest.fixture
def meeting(small):
    clock = FakeClock(NOW)
    m = new_meeting(small, clock)
    m.set_present("Mirjam", False)
    m.go_to(0)
    say(m, "I bring questions from the nurses")
    m.move_turn(+1)
    say(m, "Busy week | # not a heading")
    clock.advance(600)
    m.go_to(1)
    say(m, "Children tell the coach first", "/question How many children feel unsafe?")
    clock.advance(1200)
    m.go_to(2)
    say(m, "A map of who meets whom")
    clock.advance(1200)
    m.go_to(4)
    m.move_turn(+1)  # Fatima has nothing to say; Joost speaks
    say(m, "Too little time in schools")
    clock.advance(600)
    m.go_to(5)
    say(m, "/result A shared map of signals", "/action Invite the school board @Fatima 2026-12-10",
        "/action Find figures")
    return m.record


def render(record, mono=4200):
    return render_minutes(record, ended=END, mono=mono)


def test_header_and_participants(meeting, md):
    text = render(meeting)
    parsed = sections(md, text)
    assert text.startswith("# Safe at school\n")
    header = parsed["Safe at school"]
    assert "Meeting 2" in header[0]
    assert "**Date:** 3 December 2026" in header
    assert "**Time:** 14:00–15:20" in header
    assert "**Location:** Room 4" in header and "**Facilitator:** Sanne" in header
    assert parsed["Present"] == ["Fatima (GGD, youth health care)", "Joost (Municipality)"]
    assert parsed["Absent"] == ["Mirjam"]
    assert parsed["Central question"] == ["How do we make school safe together?"]
    assert parsed["Goals"] == ["One shared approach"]


def test_agenda_table_has_planned_and_actual_minutes(meeting, md):
    rows = table_rows(md, render(meeting), "Planned (min)")
    assert rows[0] == ["#", "Step", "Kind", "Planned (min)", "Actual (min)"]
    assert rows[1] == ["1", "Check-in", "Check-in", "10", "10"]
    assert rows[2] == ["2", "Exploring the question", "Exploring the question", "20", "20"]
    assert rows[4] == ["4", "Break", "Break", "5", "–"]  # never opened
    assert rows[6] == ["6", "Naming results", "Naming results", "10", "10"]
    assert rows[-1] == ["", "**Total**", "", "**75**", "**70**"]


def test_round_notes_are_under_each_persons_name(meeting, md):
    parsed = sections(md, render(meeting))
    assert parsed["1. Check-in"] == ["**Prompt:** What do you bring today?"]
    assert parsed["Fatima"] == ["I bring questions from the nurses"]
    assert unescape(md, parsed["Joost"][0]) == "Busy week | # not a heading"
    assert "Mirjam" not in parsed  # absent


def test_a_pass_is_recorded_under_the_name(small, md):
    m = new_meeting(small)
    m.go_to(0)
    m.pass_turn()
    parsed = sections(md, render(m.record, mono=60))
    assert parsed["Fatima"] == ["*passed*"]


def test_step_sections_work_form_and_unreached(meeting, md):
    parsed = sections(md, render(meeting))
    # exploration notes are grouped under the question they belong to
    assert parsed["1. Where do children feel unsafe?"] == ["Children tell the coach first"]
    assert parsed["2. Who notices it first?"] == ["No notes."]
    assert parsed["3. Rich picture"] == ["**Work form:** Rich picture"]
    form_step = "1. Each person draws, without words, how they see the situation around the central question."
    assert parsed[form_step] == ["A map of who meets whom"]
    assert parsed["4. Break"] == ["*Not reached in this meeting.*"]


def test_results_actions_concerns_and_questions(meeting, md):
    text = render(meeting)
    parsed = sections(md, text)
    assert parsed["Results"] == ["A shared map of signals"]
    assert table_rows(md, text, "Who") == [
        ["Action", "Who", "Due"],
        ["Invite the school board", "Fatima", "2026-12-10"],
        ["Find figures", "–", "–"],
    ]
    assert parsed["Concerns"] == ["Too little time in schools (Joost)"]
    assert parsed["Open questions"] == ["How many children feel unsafe?"]


def test_dutch_minutes_use_dutch_headings(small_nl, md):
    record = SessionRecord.start(small_nl, NOW)
    parsed = sections(md, render(record, mono=0))
    for heading in ("Deelnemers", "Aanwezig", "Afwezig", "Centrale vraag", "Doelen", "Agenda", "Resultaten", "Acties", "Zorgpunten", "Open vragen"):
        assert heading in parsed
    assert parsed["Afwezig"] == ["niemand"]


def test_rendering_is_pure(meeting):
    assert render(meeting) == render(meeting)


@pytest.mark.parametrize("hostile", [
    "# heading", "- item", "1. one", "> quote", "| a | b |", "**bold**", "<script>alert(1)</script>",
    "[link](http://x)", "`code`", "a\nb", "\\", "&amp;", "=== ", "+ plus", "~~strike~~", "_x_", "2) two",
])
def test_escape_keeps_text_literal(md, hostile):
    escaped = escape(hostile)
    rendered = md.render(f"- {escaped}\n")
    tokens = md.parse(f"- {escaped}\n")
    assert [t.type for t in tokens] == ["bullet_list_open", "list_item_open", "paragraph_open", "inline",
                                        "paragraph_close", "list_item_close", "bullet_list_close"]
    assert "<script>" not in rendered
    assert unescape(md, escaped) == " ".join(hostile.split("\n")).strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip()))
def test_any_text_stays_inside_its_table_cell(text):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    doc = f"| A | B |\n|---|---|\n| {escape(text)} | x |\n"
    rows = table_rows(md, doc, "A")
    assert len(rows) == 2 and len(rows[1]) == 2 and rows[1][1] == "x"
