"""Bad input of every kind: random worksheets, random bytes, mutated worksheets, hostile notes."""

from __future__ import annotations

from datetime import date, datetime

import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from copsession.bundled import bundled_worksheets
from copsession.minutes import render_minutes
from copsession.record import Note, SessionRecord
from copsession.worksheet import MAX_ITEMS, WorksheetError, parse_worksheet, read_worksheet_text
from mdhelpers import save, sections, table_rows, unescape

BUNDLED = [b.text for b in bundled_worksheets()]
KEYS = [
    "title",
    "meeting",
    "language",
    "central_question",
    "goals",
    "date",
    "start",
    "participants",
    "steps",
    "forms",
    "name",
    "kind",
    "minutes",
    "prompt",
    "questions",
    "form",
    "role",
    "order",
    "turn_minutes",
    "x",
]

scalars = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["check-in", "results", "en", "nl"]),
)
documents = st.recursive(
    st.dictionaries(st.sampled_from(KEYS), scalars, max_size=6),
    lambda children: st.dictionaries(
        st.sampled_from(KEYS),
        st.one_of(children, st.lists(children, max_size=4), st.lists(scalars, max_size=4)),
        max_size=6,
    ),
    max_leaves=30,
)


def load_or_clean_error(text: str) -> None:
    try:
        parse_worksheet(text, "fuzz.toml")
    except WorksheetError as error:
        assert error.problems and all(isinstance(p, str) and p.strip() for p in error.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_toml_documents_load_or_give_a_clean_error(doc):
    load_or_clean_error(tomli_w.dumps(doc))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_load_or_give_a_clean_error(data):
    try:
        text = read_worksheet_text(data, "fuzz.toml")
    except WorksheetError as error:
        assert error.problems
        return
    load_or_clean_error(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BUNDLED), st.data())
def test_mutated_bundled_worksheets_load_or_give_a_clean_error(text, data):
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = data.draw(st.text(alphabet=st.sampled_from(list("[]{}\"=\n#.,0123456789 abc\\'-:")), max_size=8))
        if action == "delete":
            text = text[:position] + text[position + len(chunk) :]
        elif action == "insert":
            text = text[:position] + chunk + text[position:]
        else:
            text = text[:position] + chunk + text[position + len(chunk) :]
    load_or_clean_error(text)


def test_list_length_is_limited():
    text = 'title = "T"\ncentral_question = "Q"\ngoals = [' + ", ".join('"g"' for _ in range(MAX_ITEMS + 1)) + "]\n"
    text += '[[participants]]\nname = "A"\n[[steps]]\nkind = "results"\nminutes = 5\n'
    try:
        parse_worksheet(text)
    except WorksheetError as error:
        assert f"goals: has {MAX_ITEMS + 1} entries, at most {MAX_ITEMS} are allowed" in error.problems
    else:
        raise AssertionError("a list over the limit loaded")


def test_deep_nesting_is_a_clean_error():
    load_or_clean_error("x = " + "[" * 5000 + "]" * 5000)


WORKSHEET = parse_worksheet("""
title = "T"
central_question = "Q"
[[participants]]
name = "Ann"
[[steps]]
kind = "check-in"
minutes = 5
[[steps]]
kind = "results"
minutes = 5
""")

typed = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda s: s.strip()
)


@settings(max_examples=150, deadline=None)
@given(note=typed, action=typed)
def test_any_typed_text_stays_in_its_section_and_cell(note, action):
    from copsession.capture import parse_capture

    md = MarkdownIt("commonmark").enable("table")
    # what the capture box stores ('//' keeps a leading '/' as text); a line of only control characters is nothing
    note_capture = parse_capture("//" + note, ["Ann"])
    action_capture = parse_capture("//" + action, ["Ann"])
    assume(note_capture is not None and action_capture is not None)
    record = SessionRecord.start(WORKSHEET, datetime(2026, 12, 3, 14, 0))
    for index in (0, 1):
        record.steps[index].visited = True
    record.steps[0].order = ["Ann"]
    record.put_note(Note(1, 0, "note", note_capture.text, datetime(2026, 12, 3, 14, 1), author="Ann"))
    record.put_note(
        Note(2, 1, "action", action_capture.text, datetime(2026, 12, 3, 14, 2), owner="Ann", due=date(2026, 12, 10))
    )
    text = render_minutes(record, ended=datetime(2026, 12, 3, 15, 0), mono=120)
    parsed = sections(md, text)
    assert len(parsed["Ann"]) == 1
    assert unescape(md, parsed["Ann"][0]) == note_capture.text
    rows = table_rows(md, text, "Who")
    assert len(rows) == 2 and len(rows[1]) == 3
    assert unescape(md, rows[1][0]) == action_capture.text
    assert rows[1][1:] == ["Ann", "2026-12-10"]


async def test_long_emoji_combining_and_rtl_notes_keep_the_layout(small, clock, tmp_path):
    from copsession.ui.app import make_app
    from copsession.ui.widgets.capture import CaptureBox
    from copsession.ui.widgets.notes import NoteList

    notes = ["word " * 300, "👩‍👩‍👧‍👦 🚲 🇳🇱 ✓", "e\u0301e\u0301 Z\u0351\u0352\u0353", "مرحبا بالعالم שלום", "tab\there"]
    app = make_app(small, minutes_dir=tmp_path / "m", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("pagedown", "pagedown")
        box = app.screen.query_one(CaptureBox)
        for text in notes:
            box.value = text
            await pilot.press("enter")
            await pilot.pause()
        note_list = app.screen.query_one(NoteList)
        assert note_list.option_count == len(notes)
        assert box.region.bottom <= 23 and box.region.height == 3  # the box is still on screen, whole
        await save(pilot)
        await pilot.pause()
    text = app.saved_path.read_text(encoding="utf-8")
    assert ("word " * 300).strip() in text
    # combining accents are stored composed (NFC)
    for fragment in ("👩‍👩‍👧‍👦 🚲 🇳🇱 ✓", "\u00e9\u00e9", "مرحبا بالعالم שלום", "tab here"):
        assert fragment in text
