"""The worksheet loader: valid files load; every bad file gets one clear message per problem."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from copsession.bundled import DEFAULT, bundled_worksheets, find_bundled
from copsession.forms import builtin_forms
from copsession.worksheet import MAX_BYTES, WorksheetError, load_worksheet, parse_worksheet

TOML_TEST = Path(__file__).resolve().parents[2] / "shared" / "toml-test" / "tests"

MINIMAL = """
title = "T"
central_question = "Q?"
[[participants]]
name = "A"
[[steps]]
kind = "check-in"
minutes = 5
"""


def problems(text: str) -> list[str]:
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(text, "w.toml")
    return info.value.problems


def test_small_worksheet_loads_with_every_field(small):
    assert small.title == "Safe at school"
    assert small.date == date(2026, 12, 3)
    assert small.start == time(14, 0)
    assert [p.name for p in small.participants] == ["Fatima", "Joost", "Mirjam"]
    assert small.participants[0].describe() == "GGD, youth health care"
    assert [s.kind for s in small.steps] == [
        "check-in",
        "exploration",
        "work-form",
        "break",
        "concern-round",
        "results",
    ]
    assert small.steps[2].form is not None and small.steps[2].form.id == "drawing"
    assert small.steps[2].title == "Rich picture"  # a work form step is named after its form
    assert small.steps[0].title == "Check-in"
    assert small.total_minutes == 75


def test_defaults_of_a_minimal_worksheet():
    ws = parse_worksheet(MINIMAL)
    assert ws.language == "en" and ws.date is None and ws.start is None
    assert ws.participants[0].role == "member"


def test_dutch_default_titles():
    ws = parse_worksheet(
        MINIMAL.replace('title = "T"', 'title = "T"\nlanguage = "nl"').replace('"check-in"', '"concern-round"')
    )
    assert ws.steps[0].title == "Zorgpuntenronde"


def test_schedule_gives_cumulative_clock_times(small):
    from datetime import datetime

    times = small.schedule(datetime(2026, 12, 3, 14, 0))
    assert [f"{a:%H:%M}" for a, _ in times] == ["14:00", "14:10", "14:30", "14:50", "14:55", "15:05"]
    assert f"{times[-1][1]:%H:%M}" == "15:15"


def test_unknown_key_suggests_the_right_one():
    assert "steps[1].minuts: unknown key, did you mean 'minutes'?" in problems(
        MINIMAL.replace("minutes = 5", "minuts = 5")
    )


def test_unknown_top_level_key_lists_known_keys_when_nothing_is_close():
    found = problems("zzzzzz = 1\n" + MINIMAL)
    assert any(p.startswith("zzzzzz: unknown key (known keys: title,") for p in found)


def test_syntax_error_names_line_and_column():
    found = problems('title = "T"\ncentral_question = \n')
    assert len(found) == 1
    assert found[0].startswith("line 2, column 20: TOML syntax error")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("minutes = 5", "minutes = 0"), "steps[1].minutes: must be between 1 and 480, not 0"),
        (("minutes = 5", "minutes = 481"), "steps[1].minutes: must be between 1 and 480, not 481"),
        (("minutes = 5", 'minutes = "5"'), "steps[1].minutes: must be a whole number, not text"),
        (("minutes = 5", "minutes = true"), "steps[1].minutes: must be a whole number, not true/false"),
        (("minutes = 5", ""), "steps[1].minutes: is required"),
        (
            ('kind = "check-in"', 'kind = "checkin"'),
            "steps[1].kind: must be one of check-in, exploration, work-form, concern-round, results, break, "
            "not 'checkin'",
        ),
        (('title = "T"', ""), "title: is required"),
        (('title = "T"', 'title = "  "'), "title: must not be empty"),
        (('central_question = "Q?"', "central_question = 3"), "central_question: must be text, not a whole number"),
        (('title = "T"', 'title = "T"\nlanguage = "de"'), "language: must be one of en, nl, not 'de'"),
        (('title = "T"', 'title = "T"\ndate = "2026-12-03"'), "date: must be a date like 2026-12-03, not text"),
        (('title = "T"', 'title = "T"\nstart = 1400'), "start: must be a time like 14:00:00, not a whole number"),
        (('title = "T"', 'title = "T"\ngoals = "one"'), "goals: must be a list of texts, not text"),
        (('title = "T"', 'title = "T"\ngoals = ["a", 2]'), "goals[2]: must be text, not a whole number"),
        (
            ('name = "A"', 'name = "A"\nrole = "boss"'),
            "participants[1].role: must be one of member, core, expert, facilitator, not 'boss'",
        ),
        (('name = "A"', 'name = ""'), "participants[1].name: must not be empty"),
        (('title = "T"', 'title = "T"\ncadence_weeks = 0'), "cadence_weeks: must be between 1 and 104, not 0"),
    ],
)
def test_schema_errors_name_the_path(change, expected):
    old, new = change
    assert expected in problems(MINIMAL.replace(old, new, 1))


def test_missing_lists_are_reported():
    found = problems('title = "T"\ncentral_question = "Q"\n')
    assert "participants: at least one is required (add a [[participants]] table)" in found
    assert "steps: at least one is required (add a [[steps]] table)" in found


def test_duplicate_names_are_an_error():
    text = MINIMAL.replace('name = "A"', 'name = "A"\n[[participants]]\nname = "a"')
    assert "participants[2].name: 'a' is already used by another participant; names must be unique" in problems(text)


def test_work_form_must_name_a_known_form():
    text = MINIMAL.replace('kind = "check-in"', 'kind = "work-form"\nform = "rol-play"')
    assert "steps[1].form: unknown work form 'rol-play'; did you mean 'role-play'?" in problems(text)
    text = MINIMAL.replace('kind = "check-in"', 'kind = "work-form"')
    assert any(p.startswith("steps[1].form: is required for a work-form step") for p in problems(text))


def test_keys_that_do_not_fit_the_kind_are_errors():
    text = MINIMAL.replace('kind = "check-in"', 'kind = "break"\nprompt = "x"')
    assert "steps[1].prompt: only applies to check-in and concern-round steps, not to break" in problems(text)


def test_every_problem_is_reported_at_once():
    text = MINIMAL.replace("minutes = 5", "minutes = 0\nminuts = 1").replace('name = "A"', "name = 3")
    found = problems(text)
    assert len(found) == 3


def test_custom_form_with_timed_steps():
    text = (
        MINIMAL.replace('kind = "check-in"', 'kind = "work-form"\nform = "my-form"')
        + """
[forms.my-form]
name = "Rich picture"
purpose = "See the system"
materials = ["paper"]
steps = ["Draw", { text = "Present", minutes = 5 }]
"""
    )
    ws = parse_worksheet(text)
    form = ws.steps[0].form
    assert form.name == "Rich picture" and form.materials == ("paper",)
    assert [(s.text, s.minutes) for s in form.steps] == [("Draw", None), ("Present", 5)]


def test_custom_form_errors_name_the_path():
    text = MINIMAL + '[forms.x]\npurpose = "p"\nsteps = [{ txt = "a" }]\n'
    found = problems(text)
    assert "forms.x.name: is required" in found
    assert "forms.x.steps[1].txt: unknown key, did you mean 'text'?" in found


def test_control_characters_are_removed_from_texts():
    ws = parse_worksheet(MINIMAL.replace('title = "T"', 'title = "T\\u001b[31mred\\u0007"'))
    assert ws.title == "T[31mred"


def test_file_errors_are_clean(tmp_path):
    with pytest.raises(WorksheetError, match="no such file"):
        load_worksheet(tmp_path / "missing.toml")
    with pytest.raises(WorksheetError, match="is a folder"):
        load_worksheet(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(WorksheetError, match="not UTF-8"):
        load_worksheet(binary)
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(WorksheetError, match="at most"):
        load_worksheet(huge)


def test_error_message_names_the_file(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text("title = ", encoding="utf-8")
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert str(info.value).startswith(f"{path}: line 1")


def test_bundled_worksheets_load_in_both_languages():
    bundled = {b.name: b.load() for b in bundled_worksheets()}
    assert DEFAULT in bundled
    assert {ws.language for ws in bundled.values()} >= {"en", "nl"}
    assert find_bundled(DEFAULT + ".toml") is not None


def test_builtin_forms_are_complete_in_both_languages():
    assert set(builtin_forms("en")) == set(builtin_forms("nl"))
    assert {"role-play", "drawing", "objects"} <= set(builtin_forms("en"))
    assert len(builtin_forms("en")) >= 8
    for language in ("en", "nl"):
        for form in builtin_forms(language).values():
            assert form.name and form.purpose and form.materials and len(form.steps) >= 3


def _corpus():
    if not TOML_TEST.is_dir():
        return []
    return sorted(TOML_TEST.rglob("*.toml"))


@pytest.mark.skipif(not TOML_TEST.is_dir(), reason="shared/toml-test is not beside this checkout")
def test_toml_test_corpus_never_gives_a_traceback():
    files = _corpus()
    assert len(files) > 500
    invalid_rejected = 0
    for path in files:
        try:
            load_worksheet(path)
        except WorksheetError as error:
            assert error.problems and all(isinstance(p, str) and p for p in error.problems), path
            if "invalid" in path.parts:
                invalid_rejected += 1
        else:
            pytest.fail(f"{path} is no worksheet but loaded")
    assert invalid_rejected == sum(1 for p in files if "invalid" in p.parts)


@pytest.mark.skipif(not TOML_TEST.is_dir(), reason="shared/toml-test is not beside this checkout")
def test_invalid_toml_gets_a_position():
    found = 0
    for path in sorted((TOML_TEST / "invalid").rglob("*.toml")):
        try:
            load_worksheet(path)
        except WorksheetError as error:
            if "TOML syntax error" in error.problems[0]:
                found += 1
                assert error.problems[0].startswith("line "), (path, error.problems)
    assert found > 300
