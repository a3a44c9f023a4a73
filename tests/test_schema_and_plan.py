"""The JSON Schema agrees with the loader; `copsession plan` prints the agenda and warns past `end`."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime, time
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from copsession.bundled import bundled_worksheets, find_bundled
from copsession.cli import main
from copsession.plan import render_plan
from copsession.schema import schema_text, worksheet_schema
from copsession.worksheet import WorksheetError, parse_worksheet

VALIDATOR = Draft202012Validator(worksheet_schema())


def as_json(value):
    """TOML values as an editor's language server sees them: dates and times as strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(as_json(tomllib.loads(text)))


def loader_accepts(text: str) -> bool:
    try:
        parse_worksheet(text)
    except WorksheetError:
        return False
    return True


def test_schema_is_valid_and_made_from_the_kinds_registry():
    """No schema file is shipped to keep in step: `copsession schema` and `copsession new` write the
    one the registry makes, so a kind registered is a kind in the schema."""
    Draft202012Validator.check_schema(worksheet_schema())
    assert not resources.files("copsession").joinpath("worksheet.schema.json").is_file()
    schema = worksheet_schema()
    step = schema["properties"]["steps"]["items"]
    from copsession.kinds import KINDS, STEP_KEYS

    assert step["properties"]["kind"]["enum"] == list(KINDS)
    assert set(STEP_KEYS) <= set(step["properties"])


@pytest.mark.parametrize("bundled", bundled_worksheets(), ids=lambda b: b.name)
def test_schema_accepts_every_bundled_worksheet(bundled):
    assert loader_accepts(bundled.text) and schema_accepts(bundled.text)


BASE = find_bundled("regular.en").text


@pytest.mark.parametrize(
    "broken",
    [
        BASE.replace("minutes = 15", "minuts = 15", 1),
        BASE.replace("minutes = 15", "minutes = 0", 1),
        BASE.replace("minutes = 15", 'minutes = "15"', 1),
        BASE.replace('language = "en"', 'language = "de"'),
        BASE.replace('kind = "check-in"', 'kind = "checkin"', 1),
        BASE.replace('form = "role-play"', ""),
        BASE.replace('title = "Positive youth policy"', "", 1),
        BASE.replace('title = "Positive youth policy"', 'title = " "', 1),
        BASE.replace('title = "Positive youth policy"', 'title = "x"\nzzz = 1', 1),
        BASE.replace('field = "sports"', 'field = "sports"\nrole = "boss"'),
        BASE.replace('kind = "break"\nminutes = 10', 'kind = "break"\nminutes = 10\nprompt = "no"'),
        BASE.replace('kind = "break"\nminutes = 10', 'kind = "break"\nminutes = 10\nquestions = ["no"]'),
        BASE.replace("cadence_weeks = 6", "cadence_weeks = 0"),
        BASE.replace("cadence_weeks = 6", 'cadence_weeks = "six"'),
    ],
    ids=range(14),
)
def test_schema_and_loader_reject_the_same_broken_worksheets(broken):
    assert not loader_accepts(broken)
    assert not schema_accepts(broken)


def test_starter_refers_to_the_schema_and_new_writes_it(tmp_path):
    path = tmp_path / "ws.toml"
    assert main(["new", str(path)]) == 0
    assert path.read_text(encoding="utf-8").startswith("#:schema ./worksheet.schema.json\n")
    schema = json.loads((tmp_path / "worksheet.schema.json").read_text(encoding="utf-8"))
    assert schema == worksheet_schema()
    assert schema_accepts(path.read_text(encoding="utf-8"))


def test_schema_command_prints_or_writes(tmp_path, capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "copsession worksheet"
    assert main(["schema", str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text()


def test_plan_with_clock_times_and_a_warning_past_end(small_text):
    ws = parse_worksheet(small_text.replace("start = 14:00:00", "start = 14:00:00\nend = 15:00:00"))
    text, warnings = render_plan(ws, date(2026, 1, 1))
    lines = text.splitlines()
    assert "  14:00–14:10  Check-in" in "\n".join(lines)
    assert "  15:05–15:15  Naming results" in text
    assert "Total 75 min, ends 15:15" in text
    assert warnings == ["the agenda runs 15 min past the end time 15:00."]


def test_plan_without_a_start_counts_from_zero(capsys):
    assert main(["plan", "regular.nl"]) == 0
    out = capsys.readouterr().out
    assert "+0:15" in out and "Totaal 110 min, einde +1:50" in out
