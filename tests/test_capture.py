"""The quick-capture parser."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copsession.capture import Capture, CaptureError, parse_capture, suggestion, take_due

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


def test_an_owner_in_the_middle_leaves_one_space():
    assert parse_capture("/action Ask @Joost the board 3 March", NAMES, "en", TODAY) == Capture(
        "action", "Ask the board", "Joost", date(2027, 3, 3)
    )
    assert parse_capture("/action Ask @jan the board", NAMES) == Capture("action", "Ask the board", "Jan de Vries")


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
        ("Plan maken friday", "nl", "2026-12-04"),  # English words work in a Dutch meeting too
        ("Plan maken tomorrow", "nl", "2026-12-01"),
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


# -- dates with a month's name ------------------------------------------------ #

DAY_AND_MONTH = [
    # Dutch: day first, the month written out or abbreviated, with or without a dot and a year
    ("Evaluatie schrijven @Joost 3 maart", "nl", "Evaluatie schrijven", "Joost", date(2027, 3, 3)),
    ("Evaluatie schrijven 15 jan.", "nl", "Evaluatie schrijven", "", date(2027, 1, 15)),
    ("Evaluatie schrijven 15 jan", "nl", "Evaluatie schrijven", "", date(2027, 1, 15)),
    ("Evaluatie schrijven @Jan de Vries 3 maart 2027", "nl", "Evaluatie schrijven", "Jan de Vries", date(2027, 3, 3)),
    ("Evaluatie schrijven 3 mrt", "nl", "Evaluatie schrijven", "", date(2027, 3, 3)),
    ("Evaluatie schrijven 3 mrt. 2027", "nl", "Evaluatie schrijven", "", date(2027, 3, 3)),
    ("Evaluatie schrijven 3 MAART", "nl", "Evaluatie schrijven", "", date(2027, 3, 3)),
    ("Evaluatie schrijven 3 maart 27", "nl", "Evaluatie schrijven", "", date(2027, 3, 3)),  # as 31-12-26
    ("Evaluatie schrijven 30 november", "nl", "Evaluatie schrijven", "", date(2026, 11, 30)),  # today
    ("Evaluatie schrijven 29 november", "nl", "Evaluatie schrijven", "", date(2027, 11, 29)),  # the next one
    ("Evaluatie schrijven 1 december", "nl", "Evaluatie schrijven", "", date(2026, 12, 1)),
    ("Evaluatie schrijven woensdag 3 maart", "nl", "Evaluatie schrijven", "", date(2027, 3, 3)),
    ("Hoofdstuk 3 afmaken 3 maart 2027", "nl", "Hoofdstuk 3 afmaken", "", date(2027, 3, 3)),
    ("Kamer 12 boeken @Fatima 1 mei", "nl", "Kamer 12 boeken", "Fatima", date(2027, 5, 1)),
    # English month names work in a Dutch meeting too, in the Dutch order ("15 sept." is English CLDR's)
    ("Evaluatie schrijven 3 March", "nl", "Evaluatie schrijven", "", date(2027, 3, 3)),
    ("Evaluatie schrijven 15 sept.", "nl", "Evaluatie schrijven", "", date(2027, 9, 15)),
    # English: both orders
    ("Write the evaluation @Joost 3 March", "en", "Write the evaluation", "Joost", date(2027, 3, 3)),
    ("Write the evaluation March 3", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation 3 Mar", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation Mar. 3", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation 3 March 2027", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation March 3, 2027", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation March 3 2027", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation 3 march 2027.", "en", "Write the evaluation", "", date(2027, 3, 3)),
    ("Write the evaluation 15 Sept", "en", "Write the evaluation", "", date(2027, 9, 15)),
    ("Write the evaluation Sep 15", "en", "Write the evaluation", "", date(2027, 9, 15)),
    ("Write the evaluation Friday, March 5", "en", "Write the evaluation", "", date(2027, 3, 5)),
    ("Write the evaluation @Fatima Dec 1", "en", "Write the evaluation", "Fatima", date(2026, 12, 1)),
    ("Book room 3 May 12", "en", "Book room 3", "", date(2027, 5, 12)),  # room 3, on May 12
    # "may" next to a day is the month, in any case: the verb is never followed by a bare number
    ("Book the hall may 3", "en", "Book the hall", "", date(2027, 5, 3)),
    ("Book the hall 3 may", "en", "Book the hall", "", date(2027, 5, 3)),
]


@pytest.mark.parametrize("typed, language, text, owner, due", DAY_AND_MONTH)
def test_a_day_and_a_months_name_is_a_due_date(typed, language, text, owner, due):
    word = "/actie " if language == "nl" else "/action "
    assert parse_capture(word + typed, NAMES, language, TODAY) == Capture("action", text, owner, due)


@pytest.mark.parametrize(
    "typed, language, shown",
    [
        ("Evaluatie schrijven 30 februari", "nl", "30 februari"),
        ("Evaluatie schrijven 31 april 2027", "nl", "31 april 2027"),
        ("Evaluatie schrijven 3 maart 20277", "nl", "3 maart 20277"),
        ("Evaluatie schrijven 3 maart 202", "nl", "3 maart 202"),
        ("Evaluatie schrijven 0 mei", "nl", "0 mei"),
        ("Evaluatie schrijven @Joost 32 mei", "nl", "32 mei"),
        ("Evaluatie schrijven 29 februari 2027", "nl", "29 februari 2027"),
        ("Write the evaluation 31 April", "en", "31 April"),
        ("Write the evaluation February 30", "en", "February 30"),
        ("Write the evaluation March 3, 20277", "en", "March 3, 20277"),
        ("Write the evaluation Friday 30 Feb", "en", "Friday 30 Feb"),
    ],
)
def test_a_months_name_with_an_impossible_day_is_pointed_out(typed, language, shown):
    word = "/actie " if language == "nl" else "/action "
    hint = "DD-MM-JJJJ" if language == "nl" else "YYYY-MM-DD"
    error = parse_capture(word + typed, NAMES, language, TODAY)
    assert error == CaptureError("ui.capture_error_date", {"text": shown, "hint": hint})


def test_a_weekday_that_does_not_fit_the_date_is_pointed_out():
    error = parse_capture("/actie Evaluatie schrijven vrijdag 3 maart", NAMES, "nl", TODAY)
    assert error == CaptureError(
        "ui.capture_error_weekday", {"text": "vrijdag 3 maart", "date": "3 maart 2027", "weekday": "woensdag"}
    )
    error = parse_capture("/action Write it Friday, March 3, 2027", NAMES, "en", TODAY)
    assert error == CaptureError(
        "ui.capture_error_weekday", {"text": "Friday, March 3, 2027", "date": "3 March 2027", "weekday": "Wednesday"}
    )


@pytest.mark.parametrize(
    "typed, language",
    [
        ("Book room 3 Main", "en"),
        ("Kamer 3 noord", "nl"),
        ("Versie 2 klaar", "nl"),
        ("Ask whether we may", "en"),  # "may" without a day is a word
        ("May the group decide", "en"),
        ("Read room 101 March", "en"),  # three digits are no day
        ("Read chapter 3 maart", "en"),  # Dutch month names only in a Dutch meeting
        ("Bellen met Jan 3", "nl"),  # month first is English: in a Dutch meeting this is someone called Jan
        ("Evaluatie schrijven in maart 2027", "nl"),  # a month without a day is no due date
        ("Plan 3 stappen", "nl"),
    ],
)
def test_a_number_and_a_word_that_is_no_month_stay_text(typed, language):
    word = "/actie " if language == "nl" else "/action "
    assert parse_capture(word + typed, NAMES, language, TODAY) == Capture("action", typed)


TASKS = ["Verslag rondsturen", "Write the evaluation", "Kamer 3", "Hoofdstuk 12 lezen", "Ask May", "x"]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    language=st.sampled_from(["nl", "en"]),
    task=st.sampled_from(TASKS),
)
def test_a_long_date_as_babel_writes_it_is_read_back(day, today, language, task):
    from copsession.formats import long_date

    assert take_due(f"{task} {long_date(day, language)}", language, today) == (task, day)


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)).filter(
        lambda d: (d.month, d.day) != (2, 29)
    ),
    before=st.integers(min_value=0, max_value=364),
    written=st.sampled_from([("nl", "d MMMM"), ("nl", "d MMM"), ("en", "d MMMM"), ("en", "MMM d"), ("en", "MMMM d")]),
)
def test_a_day_and_a_month_without_a_year_is_the_next_one(day, before, written):
    from babel.dates import format_date

    from copsession.formats import babel_locale

    language, pattern = written
    typed = format_date(day, pattern, locale=babel_locale(language))
    assert take_due("Plan " + typed, language, day - timedelta(days=before)) == ("Plan", day)
