"""The quick-capture parser."""

from datetime import date

import pytest

from copsession.capture import Capture, CaptureError, parse_capture, suggestion

NAMES = ["Fatima", "Jan de Vries", "Joost"]


def test_plain_text_is_a_note():
    assert parse_capture("  We know the school nurse sees it first ", NAMES) == Capture(
        "note", "We know the school nurse sees it first"
    )


def test_empty_line_is_nothing():
    assert parse_capture("   ", NAMES) is None


def test_action_with_owner_and_date():
    assert parse_capture("/action Write the proposal @Fatima 2026-12-10", NAMES) == Capture(
        "action", "Write the proposal", "Fatima", date(2026, 12, 10)
    )


def test_action_owner_with_spaces_and_any_case():
    parsed = parse_capture("/action Call the club @jan de vries", NAMES)
    assert parsed == Capture("action", "Call the club", "Jan de Vries", None)


def test_action_without_owner_or_date():
    assert parse_capture("/action Book a room", NAMES) == Capture("action", "Book a room")


def test_action_date_without_leading_zeros():
    assert parse_capture("/action X 2026-1-5", NAMES).due == date(2026, 1, 5)


def test_email_address_is_not_an_owner():
    assert parse_capture("/action Mail info@school.nl", NAMES) == Capture("action", "Mail info@school.nl")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("/concern Too little time", "concern"),
        ("/result A shared map", "result"),
        ("/question Who pays?", "question"),
        ("/RESULT Caps work", "result"),
    ],
)
def test_other_commands(line, kind):
    parsed = parse_capture(line, NAMES)
    assert isinstance(parsed, Capture) and parsed.kind == kind and parsed.text == line.split(" ", 1)[1]


def test_dutch_aliases_only_in_dutch_meetings():
    assert parse_capture("/actie Bellen @Joost 2026-12-01", NAMES, "nl") == Capture(
        "action", "Bellen", "Joost", date(2026, 12, 1)
    )
    assert parse_capture("/zorg Te weinig tijd", NAMES, "nl").kind == "concern"
    assert parse_capture("/resultaat Een kaart", NAMES, "nl").kind == "result"
    assert parse_capture("/vraag Wie betaalt?", NAMES, "nl").kind == "question"
    assert parse_capture("/action English works too", NAMES, "nl").kind == "action"
    assert isinstance(parse_capture("/zorg x", NAMES, "en"), CaptureError)


def test_unknown_command_is_pointed_out():
    error = parse_capture("/acton Write", NAMES)
    assert isinstance(error, CaptureError)
    assert error.key == "ui.capture_error_command" and error.values["word"] == "/acton"


def test_unknown_owner_is_pointed_out():
    error = parse_capture("/action Write @Nobody", NAMES)
    assert error == CaptureError("ui.capture_error_name", {"name": "Nobody"})


def test_impossible_date_is_pointed_out():
    error = parse_capture("/action Write 2026-13-40", NAMES)
    assert error == CaptureError("ui.capture_error_date", {"text": "2026-13-40", "hint": "YYYY-MM-DD"})


def test_command_without_text_is_pointed_out():
    assert parse_capture("/concern", NAMES) == CaptureError("ui.capture_error_empty", {"word": "/concern"})
    assert parse_capture("/action @Fatima", NAMES) == CaptureError("ui.capture_error_empty", {"word": "/action"})


def test_double_slash_escapes_a_leading_slash():
    assert parse_capture("//etc is a folder", NAMES) == Capture("note", "/etc is a folder")


def test_suggestions_complete_commands_and_names():
    assert suggestion("/ac", NAMES) == "/action"
    assert suggestion("/zo", NAMES, "nl") == "/zorgpunt"
    assert suggestion("/ac", NAMES, "nl") == "/actie"  # a Dutch meeting is offered its own words
    assert suggestion("/pri", NAMES, "nl") == "/prive"
    assert suggestion("/action Call @Ja", NAMES) == "/action Call @Jan de Vries"
    assert suggestion("/action Call @", NAMES) is None
    assert suggestion("plain text", NAMES) is None


def test_control_characters_and_newlines_are_neutralised():
    assert parse_capture("a\x1b[2Jb\nc\x07", NAMES) == Capture("note", "a[2Jb c")


TODAY = __import__("datetime").date(2026, 11, 30)  # a Monday


@pytest.mark.parametrize(
    "typed, language, due",
    [
        ("Plan maken @Jan de Vries 31-12-2026", "nl", "2026-12-31"),
        ("Plan maken 31-12", "nl", "2026-12-31"),
        ("Plan maken 31/12", "nl", "2026-12-31"),
        ("Plan maken 15-1", "nl", "2027-01-15"),  # without a year: the next 15 January
        ("Plan maken vrijdag", "nl", "2026-12-04"),
        ("Plan maken maandag", "nl", "2026-12-07"),  # never today: the next Monday
        ("Plan maken volgende week", "nl", "2026-12-07"),
        ("Plan maken morgen", "nl", "2026-12-01"),
        ("Plan maken 2026-12-31", "nl", "2026-12-31"),
        ("Draft the plan 2026-12-31", "en", "2026-12-31"),
        ("Draft the plan friday", "en", "2026-12-04"),
        ("Draft the plan next week", "en", "2026-12-07"),
        ("Draft the plan tomorrow", "en", "2026-12-01"),
        ("Upgrade to version 2.1", "nl", None),
        ("Book room 3-0", "en", None),
    ],
)
def test_due_dates_as_people_type_them(typed, language, due):
    word = "/actie " if language == "nl" else "/action "
    parsed = parse_capture(word + typed, NAMES, language, TODAY)
    assert isinstance(parsed, Capture)
    assert (parsed.due.isoformat() if parsed.due else None) == due
    assert not any(ch.isdigit() for ch in parsed.text.split()[-1]) or due is None


def test_an_ambiguous_english_date_is_pointed_out():
    error = parse_capture("/action Draft the plan 31/12/2026", NAMES, "en", TODAY)
    assert isinstance(error, CaptureError) and error.key == "ui.capture_error_date_order"
    error = parse_capture("/actie Plan 31-02", NAMES, "nl", TODAY)
    assert isinstance(error, CaptureError) and error.values == {"text": "31-02", "hint": "DD-MM-JJJJ"}


def test_names_match_without_accents_and_by_a_unique_first_name():
    names = ["Émile Dubois", "Jan de Vries", "Jan Smit", "Fatima"]
    assert parse_capture("/action Call @emile dubois", names).owner == "Émile Dubois"
    assert parse_capture("/action Call @Emile", names).owner == "Émile Dubois"  # the only Émile
    error = parse_capture("/action Call @Jan", names)  # two people are called Jan
    assert isinstance(error, CaptureError) and error.values == {"name": "Jan"}
    assert suggestion("/action Call @emi", names) == "/action Call @Émile Dubois"
