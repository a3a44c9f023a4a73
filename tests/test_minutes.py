"""The minutes renderer: a pure function of the record, checked on its parsed Markdown."""

from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copsession.clock import FakeClock
from copsession.minutes import escape, escape_cell, heading, prompt_blocks, render_minutes
from copsession.record import SessionRecord
from mdhelpers import sections, table_rows, unescape
from meetings import new_meeting, say

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
    say(
        m,
        "/result A shared map of signals",
        "/action Invite the school board @Fatima 2026-12-10",
        "/action Find figures",
    )
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
    assert parsed["This meeting's goals"] == ["One shared approach"]


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
    assert parsed["Joost"] == ["Busy week | # not a heading"]  # a | outside a table stays as typed
    assert "Mirjam" not in parsed  # absent


def test_a_pass_is_recorded_under_the_name(small, md):
    m = new_meeting(small)
    m.go_to(0)
    m.pass_turn()
    parsed = sections(md, render(m.record, mono=60))
    assert parsed["Fatima"] == ["*passed*"]


def test_step_sections_work_form_and_unreached(meeting, md):
    text = render(meeting)
    parsed = sections(md, text)
    # exploration notes are grouped under the question they belong to
    assert parsed["1. Where do children feel unsafe?"] == ["Children tell the coach first"]
    assert parsed["2. Who notices it first?"] == ["No notes."]
    # a work form: its steps (whole sentences) as a numbered list, what came out nested under each
    work_form = parsed["3. Rich picture"]
    assert work_form[:3] == [
        "**Work form:** Rich picture",
        "Each person draws, without words, how they see the situation around the central question.",
        "A map of who meets whom",
    ]
    assert len(work_form) == 3 + 3  # the form's other three steps, with nothing under them
    assert (
        "1. Each person draws, without words, how they see the situation around the central question.\n"
        "   - A map of who meets whom\n2. " in text
    )
    # the break and the results step get no section: the agenda lists them, the results have their own
    assert not [h for h in parsed if "Break" in h or "Naming results" in h]
    assert [h for h in parsed if h[:1].isdigit() and h[1:3] == ". "][-1] == "5. Concern round"


def test_a_step_not_reached_says_so(small, md):
    m = new_meeting(small)
    m.go_to(0)
    say(m, "Hello")
    parsed = sections(md, render(m.record, mono=60))
    assert parsed["2. Exploring the question"] == ["*Not reached in this meeting.*"]
    assert parsed["5. Concern round"] == ["*Not reached in this meeting.*"]
    assert not [h for h in parsed if "Break" in h or "Naming results" in h]
    assert parsed["Results"] == ["No results yet."]
    assert parsed["Actions"] == ["No actions agreed yet."]
    assert parsed["Concerns"] == ["No concerns noted."]
    assert parsed["Open questions"] == ["No open questions noted."]


def test_a_break_with_a_note_keeps_it(small, md):
    m = new_meeting(small)
    m.go_to(3)
    say(m, "The coffee machine is broken")
    assert sections(md, render(m.record, mono=60))["4. Break"] == ["The coffee machine is broken"]


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


def test_a_concern_appears_once_with_who_raised_it(small, md):
    m = new_meeting(small)
    m.go_to(0)
    say(m, "Glad to be here", "/concern Nobody from the schools is here")  # /concern in the check-in
    m.go_to(1)
    say(m, "/concern Budget | cuts")  # and in the exploration, nobody speaking
    m.go_to(4)
    say(m, "Too little time in schools")  # the concern round: Fatima's turn
    m.move_turn(+1)
    m.pass_turn()  # Joost passes
    text = render(m.record, mono=60)
    parsed = sections(md, text)
    assert parsed["Concerns"] == [
        "Nobody from the schools is here (Fatima)",
        "Budget | cuts",
        "Too little time in schools (Fatima)",
    ]
    for concern in ("Nobody from the schools is here", "Budget | cuts", "Too little time in schools"):
        assert text.count(concern) == 1
    assert parsed["1. Check-in"] == ["**Prompt:** What do you bring today?"]
    assert parsed["Fatima"] == ["Glad to be here"]  # the check-in only
    assert parsed["5. Concern round"] == [
        "**Prompt:** What worries you?",
        "The concerns named in this round are listed under *Concerns*.",
        "Passed their turn: Joost.",
    ]


def test_a_concern_round_without_concerns_says_so(small, md):
    m = new_meeting(small)
    m.go_to(4)
    assert sections(md, render(m.record, mono=60))["5. Concern round"] == [
        "**Prompt:** What worries you?",
        "No concerns noted.",
    ]


def test_a_round_note_typed_when_nobody_has_the_turn_is_under_the_prompt(small, md):
    m = new_meeting(small)
    m.go_to(0)
    say(m, "Glad to be here")
    m.move_turn(+3)  # everyone had a turn
    say(m, "Everyone is a bit tired")
    parsed = sections(md, render(m.record, mono=60))
    assert parsed["1. Check-in"] == ["**Prompt:** What do you bring today?", "Everyone is a bit tired"]
    assert parsed["Fatima"] == ["Glad to be here"]


def test_a_prompt_drawn_before_anyone_answers_replaces_the_first(small, md):
    m = new_meeting(small)
    m.go_to(0)
    first = m.record.steps[0].prompt
    second = m.draw_prompt()
    say(m, "An answer to the second prompt")
    parsed = sections(md, render(m.record, mono=60))
    assert parsed["1. Check-in"] == [f"**Prompt:** {second}"]
    assert first not in render(m.record, mono=60)  # nobody answered it


def test_each_prompt_heads_the_answers_typed_while_it_was_shown(small, md):
    """With the record saying when each prompt was drawn (the proposed ``prompt_switches`` of the step
    state: the next note's id at each Ctrl+R), a prompt drawn mid-round starts a block of its own."""
    m = new_meeting(small)
    m.go_to(0)
    first = m.record.steps[0].prompt
    say(m, "Fatima answers the first")
    switch = m.record.next_id
    second = m.draw_prompt()
    m.move_turn(+1)
    say(m, "Joost answers the second")
    m.move_turn(-1)
    say(m, "Fatima adds one")
    m.record.steps[0].prompt_switches = [switch]
    text = render(m.record, mono=60)
    parsed = sections(md, text)
    assert f"### Prompt 1: {heading(first)}\n\n#### Fatima\n\n- Fatima answers the first\n" in text
    assert f"### Prompt 2: {heading(second)}\n\n#### Fatima\n\n- Fatima adds one\n\n#### Joost\n" in text
    assert parsed["Joost"] == ["Joost answers the second"]
    assert "**Prompt:**" not in text


def test_one_who_passed_is_listed_under_the_prompt_of_the_speaker_before_them(small, md):
    """Fatima answers the first prompt; a new prompt is drawn; Joost passes, Mirjam answers the new
    one. Joost's pass goes under the prompt Fatima (the last before him who spoke) answered."""
    m = new_meeting(small)
    m.go_to(0)
    first = m.record.steps[0].prompt
    say(m, "Fatima answers the first")
    switch = m.record.next_id
    second = m.draw_prompt()
    m.move_turn(+1)
    m.pass_turn()  # Joost passes; the turn moves to Mirjam
    say(m, "Mirjam answers the second")
    m.record.steps[0].prompt_switches = [switch]
    text = render(m.record, mono=60)
    assert (
        f"### Prompt 1: {heading(first)}\n\n#### Fatima\n\n- Fatima answers the first\n\n#### Joost\n\n- *passed*\n"
        in text
    )
    assert f"### Prompt 2: {heading(second)}\n\n#### Mirjam\n\n- Mirjam answers the second\n" in text
    assert text.count("*passed*") == 1


def test_prompt_blocks_follow_the_order_of_the_draws():
    from copsession.record import Note

    notes = [Note(i, 0, "note", f"n{i}", NOW, author="A") for i in (1, 2, 5, 6, 9)]
    texts = lambda blocks: [(p, [n.text for n in own]) for p, own in blocks]  # noqa: E731
    # notes typed before the n-th draw answer the n-th prompt; a prompt nobody answered is left out
    assert texts(prompt_blocks(["p", "q", "r", "s"], notes, [3, 5, 7])) == [
        ("p", ["n1", "n2"]),
        ("r", ["n5", "n6"]),
        ("s", ["n9"]),
    ]
    # without the draws' moments, everything answers the current prompt
    assert texts(prompt_blocks(["p", "q"], notes, None)) == [("q", ["n1", "n2", "n5", "n6", "n9"])]
    assert texts(prompt_blocks(["p", "q"], [], [3])) == [("q", [])]
    assert texts(prompt_blocks([], notes[:1], None)) == [("", ["n1"])]


def test_dutch_minutes_use_dutch_headings(small_nl, md):
    record = SessionRecord.start(small_nl, NOW)
    parsed = sections(md, render(record, mono=0))
    for title in (
        "Deelnemers",
        "Aanwezig",
        "Afwezig",
        "Centrale vraag",
        "Doelen van deze bijeenkomst",
        "Agenda",
        "Resultaten",
        "Acties",
        "Zorgpunten",
        "Open vragen",
    ):
        assert title in parsed
    assert parsed["Afwezig"] == ["niemand"]
    assert parsed["Resultaten"] == ["Nog geen resultaten."]
    assert parsed["Acties"] == ["Nog geen acties afgesproken."]
    assert parsed["Zorgpunten"] == ["Geen zorgpunten genoteerd."]
    assert parsed["Open vragen"] == ["Geen open vragen genoteerd."]


def test_rendering_is_pure(meeting):
    assert render(meeting) == render(meeting)


HOSTILE = [
    "# heading",
    "- item",
    "1. one",
    "> quote",
    "| a | b |",
    "**bold**",
    "<script>alert(1)</script>",
    "[link](http://x)",
    "`code`",
    "a\nb",
    "\\",
    "&amp;",
    "=== ",
    "+ plus",
    "~~strike~~",
    "_x_",
    "2) two",
    "* star item",
    "___",
    "```",
    "~~~",
    "[x]: /url",
    "- [ ] task",
    "#hashtag",
    "C:\\path\\",
    "<!-- c -->",
    "&#35; &copy;",
    "![img](x.png)",
    "<https://x.org>",
    "a\\*b*",
    "*a*_b_",
    "ends with \\",
    "-- dashes",
    "1.",
    "see https://example.org/a_b?x=1&y=[2]. Then (https://x.org/p_(q)) and www.example.org, mail a.b-c@ggd.nl.",
    "a@b_c.nl x@y",
    "2026. A year",
    "<3 and a < b > c",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_escape_keeps_text_literal(md, hostile):
    escaped = escape(hostile)
    rendered = md.render(f"- {escaped}\n")
    tokens = md.parse(f"- {escaped}\n")
    assert [t.type for t in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    assert "<script>" not in rendered and "<img" not in rendered and "<!--" not in rendered
    assert unescape(md, escaped) == " ".join(hostile.split("\n")).strip()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_heading_keeps_text_literal(md, hostile):
    tokens = md.parse(f"## {heading(hostile)}\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    expected = " ".join(hostile.split("\n")).strip()
    assert unescape(md, tokens[1].content) == (expected.rstrip(".,;:!").rstrip() or expected)


def test_escape_only_where_markdown_needs_it():
    plain = "Costs | benefits, a < b, R&D, 3 * 4 = 12, snake_case, C:\\temp, e-mail, 10:00-11:00, 50% (ca.)"
    assert escape(plain) == plain
    assert escape_cell(plain) == plain.replace("|", "\\|")
    assert escape("# not a heading | <b>bold</b>") == "\\# not a heading | \\<b>bold\\</b>"
    assert escape("1. not a list") == "1\\. not a list"
    assert escape("- not a list") == "\\- not a list"
    assert escape("see https://example.org/a_b.") == "see <https://example.org/a_b>."
    assert escape("mail j.devries@ggd.nl") == "mail <j.devries@ggd.nl>"
    assert heading("Where do children feel unsafe.") == "Where do children feel unsafe"
    assert heading("Room #") == "Room \\#" and heading("C#") == "C#"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip()))
def test_any_text_stays_inside_its_table_cell(text):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    doc = f"| A | B |\n| --- | --- |\n| {escape_cell(text)} | x |\n"
    rows = table_rows(md, doc, "A")
    assert len(rows) == 2 and len(rows[1]) == 2 and rows[1][1] == "x"


# the characters Markdown cares about, often, and any other character now and then
markdownish = (
    st.lists(
        st.one_of(
            st.sampled_from(list("\\`*_[]<>|~&#;:/.-+=!()@ 1aw")),
            st.sampled_from(["http://", "https://a.b", "www.", "a@b.nl", "&amp;", "\n"]),
            st.characters(blacklist_categories=("Cs",)),
        ),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda s: s.strip())
    .filter(
        # markdown-it shows a link's %-escapes and xn-- host names decoded (GitHub and pandoc show them as typed)
        lambda s: not ("://" in s and ("%" in s or "xn--" in s.lower()))
    )
)


@settings(max_examples=300, deadline=None)
@given(markdownish)
@example("\\\r\n\\")  # a Windows line break is one break, one space
def test_any_text_stays_one_list_item_and_one_heading_as_typed(text):
    from markdown_it import MarkdownIt

    from copsession.minutes import _CONTROL

    md = MarkdownIt("commonmark").enable("table")
    expected = " ".join(
        _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ").split("\n")
    ).strip()
    if not expected:
        return
    tokens = md.parse(f"- {escape(text)}\n")
    assert [t.type for t in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    assert unescape(md, tokens[3].content) == expected
    tokens = md.parse(f"## {heading(text)}\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert unescape(md, tokens[1].content) == (expected.rstrip(".,;:!。，；：！").rstrip() or expected)


def test_a_prompt_drawn_mid_round_starts_a_new_block(small_text, md):
    from copsession.worksheet import parse_worksheet

    ws = parse_worksheet(
        small_text.replace('prompt = "What do you bring today?"', 'prompts = ["First prompt?", "Second prompt?"]')
    )
    m = new_meeting(ws)
    m.go_to(0)
    first = m.record.steps[0].prompt
    say(m, "answer to the first")
    second = m.draw_prompt()
    m.move_turn(+1)
    say(m, "answer to the second")
    text = render(m.record, mono=60)
    assert (
        text.index(first) < text.index("answer to the first") < text.index(second) < text.index("answer to the second")
    )


def test_people_are_grouped_by_role_when_the_group_has_more_than_members(small_text, md):
    from copsession.worksheet import parse_worksheet

    text = small_text.replace('name = "Fatima"', 'name = "Fatima"\nrole = "core"').replace(
        'name = "Mirjam"', 'name = "Mirjam"\nrole = "expert"'
    )
    meeting = new_meeting(parse_worksheet(text))
    minutes = render_minutes(meeting.record, ended=datetime(2026, 12, 3, 16), mono=0.0)
    present = sections(md, minutes)["Present"]
    assert present == [
        "**Core group:** Fatima (GGD, youth health care)",
        "**Members:** Joost (Municipality)",
        "**Experts:** Mirjam",
    ]
    # without roles: one person per item, as before
    plain = render_minutes(new_meeting(parse_worksheet(small_text)).record, ended=datetime(2026, 12, 3, 16), mono=0.0)
    assert sections(md, plain)["Present"] == ["Fatima (GGD, youth health care)", "Joost (Municipality)", "Mirjam"]


@pytest.mark.parametrize(
    "language, line, header, row",
    [
        ("en", "/action Write the evaluation @Fatima 3 March", "Who", ["Write the evaluation", "Fatima", "2027-03-03"]),
        ("en", "/action Write the evaluation March 3, 2027", "Who", ["Write the evaluation", "–", "2027-03-03"]),
        ("nl", "/actie Evaluatie schrijven @Fatima 3 maart", "Wie", ["Evaluatie schrijven", "Fatima", "03-03-2027"]),
        ("nl", "/actie Evaluatie schrijven 15 jan.", "Wie", ["Evaluatie schrijven", "–", "15-01-2027"]),
    ],
)
def test_a_due_date_with_a_months_name_is_in_the_due_column_not_in_the_text(
    small, small_nl, md, language, line, header, row
):
    m = new_meeting(small_nl if language == "nl" else small, FakeClock(NOW))
    m.go_to(1)
    say(m, line)
    rows = table_rows(md, render(m.record), header)
    assert rows[1:] == [row]
