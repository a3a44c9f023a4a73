"""Every worksheet problem, and `copsession validate`'s summary, in the worksheet's language.

The worksheet's own ``language`` decides; when the file cannot be read that far (no file, not
UTF-8, a TOML syntax error) or names a language we do not speak, the user's language does
($COPSESSION_LANG, $LC_ALL, $LC_MESSAGES, $LANG). Key names, paths, values and TOML words stay as
the file has them: only the prose is translated.
"""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from copsession.cli import main
from copsession.i18n import keys, texts
from copsession.worksheet import MAX_BYTES, WorksheetError, parse_worksheet, read_worksheet_text

SOURCES = [
    Path(__file__).resolve().parents[1] / "src" / "copsession" / name
    for name in ("worksheet.py", "cli/documents.py", "cli/common.py")
]
WORKSHEET_KEYS = sorted(key for key in keys() if key.startswith("worksheet."))

BROKEN = """
language = "{language}"
titel = "Samen tegen pesten"
central_question = 3
cadence_weeks = 500
[[participants]]
name = "Fatima"
[[steps]]
kind = "checkin"
minutes = 10
[[steps]]
kind = "results"
minutes = "tien"
"""
"""One of each: an unknown key with a close match, a wrong type, an out-of-range whole number, a
missing required title, a bad step kind (and a number given as text)."""

VALID = """
title = "Samen tegen pesten"
language = "{language}"
central_question = "Hoe maken we school samen veilig?"
[[participants]]
name = "Fatima"
[[steps]]
kind = "check-in"
minutes = 10
[[steps]]
kind = "results"
minutes = 15
"""


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def fixed_fragments(language: str) -> set[str]:
    """Every run of two or more words of the ``worksheet.`` catalog texts in ``language``, outside
    the placeholders and between punctuation: what must never show in the other language."""
    found = set()
    for key in WORKSHEET_KEYS:
        for literal, _, _, _ in string.Formatter().parse(texts(language)[key][0]):
            for part in re.split(r"[^\w\s/.\-]+", literal):
                words = part.split()
                if len(words) >= 2:
                    found.add(" ".join(words))
    return found


def assert_no_fragments_of(language: str, output: str) -> None:
    seen = " ".join(output.split()).casefold()
    leaked = sorted(f for f in fixed_fragments(language) if f.casefold() in seen)
    assert not leaked, (leaked, output)


def problems(text: str, language: str | None = None) -> list[str]:
    with pytest.raises(WorksheetError) as info:
        parse_worksheet(text, "w.toml", language)
    return info.value.problems


@pytest.fixture
def lang(monkeypatch):
    """Set the user's language as the environment says it; the other variables are cleared."""

    def set_lang(value: str) -> None:
        for variable in ("COPSESSION_LANG", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("LANG", value)

    return set_lang


# -- (a) a Dutch worksheet: every message Dutch ----------------------------------------------- #


def test_a_dutch_worksheet_gets_every_problem_in_dutch(tmp_path, capsys, lang):
    lang("C.UTF-8")  # the worksheet's own language wins over the user's
    path = tmp_path / "werkblad.toml"
    path.write_text(BROKEN.format(language="nl"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for expected in (
        "titel: onbekende sleutel, bedoel je 'title'?",
        "title: is verplicht",
        "central_question: moet tekst zijn, geen geheel getal",
        "cadence_weeks: moet tussen 1 en 104 liggen, niet 500",
        "steps[1].kind: moet een van deze waarden zijn: check-in, exploration, work-form, concern-round, results, "
        "break (niet 'checkin')",
        "steps[2].minutes: moet een geheel getal zijn, geen tekst",
    ):
        assert f"{path}: {expected}" in err, (expected, err)
    assert len(err.splitlines()) == 6
    assert_no_fragments_of("en", err)


def test_more_dutch_problems_read_dutch():
    text = VALID.format(language="nl")
    cases = {
        text.replace(
            'name = "Fatima"', 'name = "Fatima"\n[[participants]]\nname = "fatima"'
        ): "participants[2].name: 'fatima' is al de naam van een andere deelnemer; elke naam mag maar één keer "
        "voorkomen",
        text.replace(
            'kind = "check-in"', 'kind = "work-form"\nform = "rol-play"'
        ): "steps[1].form: onbekende werkvorm 'rol-play'; bedoel je 'role-play'?",
        text.replace(
            'kind = "results"', 'kind = "break"\nprompt = "x"'
        ): "steps[2].prompt: geldt alleen voor onderdelen van de soort check-in (incheckronde) en concern-round "
        "(zorgpuntenronde), niet voor break (pauze)",
        text.replace(
            "title =", 'date = "2026-12-03"\nstart = 1400\ntitle ='
        ): "date: moet een datum zijn zoals 2026-12-03, geen tekst",
        text.replace("title =", "goals = [true]\ntitle ="): "goals[1]: moet tekst zijn, geen true/false",
        text.replace(
            "title =", 'export = ["pdf"]\ntitle ='
        ): "export[1]: moet een van deze waarden zijn: docx, odt, html (niet 'pdf')",
        text.replace("minutes = 15", "minutes = " + "9" * 40): "steps[2].minutes: moet tussen 1 en 480 liggen; "
        "dit getal is veel te groot",
        text.replace('title = "Samen tegen pesten"', 'title = "  "'): "title: mag niet leeg zijn",
        text.replace(
            'title = "Samen tegen pesten"', 'title = "\\u001b\\u0007\\u200b"'
        ): "title: bevat geen zichtbare tekst (alleen stuur- of onzichtbare tekens)",
        text.replace(
            '[[steps]]\nkind = "check-in"', '[[steps]]\nminutes = 1\n[[steps]]\nkind = "check-in"', 1
        ): "steps[1].kind: is verplicht; kies een van deze waarden: check-in (incheckronde),",
    }
    for changed, expected in cases.items():
        found = problems(changed)
        assert any(p.startswith(expected) for p in found), (expected, found)
        assert_no_fragments_of("en", "\n".join(found))


@pytest.mark.parametrize("title", ["\\u001b\\u0007", "\\u007f\\u009b", "\\u200b\\u200e", "\\u2066\\u0301\\u2069"])
def test_a_title_with_nothing_visible_is_refused_by_validate_and_run(tmp_path, capsys, lang, title):
    """A title of control or invisible characters passed `validate` ("ok — , 4 steps") and ran a
    meeting with no title on the group's screen."""
    lang("C.UTF-8")
    path = tmp_path / "worksheet.toml"
    path.write_text(
        VALID.format(language="en").replace('title = "Samen tegen pesten"', f'title = "{title}"'), encoding="utf-8"
    )
    assert main(["validate", str(path)]) == 1
    assert "title: has no visible text (only control or invisible characters)" in capsys.readouterr().err
    assert main(["run", str(path), "--minutes-dir", str(tmp_path / "m")]) == 1
    assert "title: has no visible text" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_a_dutch_summary_when_the_worksheet_is_valid(tmp_path, capsys, lang):
    lang("C.UTF-8")
    path = tmp_path / "werkblad.toml"
    path.write_text(VALID.format(language="nl"), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err.strip() == f"{path}: in orde — Samen tegen pesten, 2 onderdelen, 25 min"
    path.write_text(VALID.format(language="nl").split('[[steps]]\nkind = "results"')[0], encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "1 onderdeel, 10 min" in capsys.readouterr().err


def test_sizes_have_the_languages_thousands_separator():
    with pytest.raises(WorksheetError) as info:
        read_worksheet_text(b"#" * (MAX_BYTES + 1), "groot.toml", "nl")
    assert info.value.problems == ["het bestand is 1.048.577 bytes; een werkblad mag maximaal 1.048.576 bytes zijn"]
    with pytest.raises(WorksheetError) as info:
        read_worksheet_text(b"#" * (MAX_BYTES + 1), "big.toml")
    assert info.value.problems == ["the file is 1,048,577 bytes; a worksheet may be at most 1,048,576 bytes"]


# -- (b) the same for English --------------------------------------------------------------- #


def test_an_english_worksheet_gets_every_problem_in_english(tmp_path, capsys, lang):
    lang("nl_NL.UTF-8")  # the worksheet's own language wins over the user's
    path = tmp_path / "worksheet.toml"
    path.write_text(BROKEN.format(language="en"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for expected in (
        "titel: unknown key, did you mean 'title'?",
        "title: is required",
        "central_question: must be text, not a whole number",
        "cadence_weeks: must be between 1 and 104, not 500",
        "steps[1].kind: must be one of check-in, exploration, work-form, concern-round, results, break, not 'checkin'",
        "steps[2].minutes: must be a whole number, not text",
    ):
        assert f"{path}: {expected}" in err, (expected, err)
    assert len(err.splitlines()) == 6
    assert_no_fragments_of("nl", err)


def test_an_english_summary_when_the_worksheet_is_valid(tmp_path, capsys, lang):
    lang("nl_NL.UTF-8")
    path = tmp_path / "worksheet.toml"
    path.write_text(VALID.format(language="en"), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err.strip() == f"{path}: ok — Samen tegen pesten, 2 steps, 25 min"


def test_without_a_language_the_core_speaks_english():
    """The loader reads no environment: a caller that gives no language gets English."""
    found = problems(BROKEN.replace('language = "{language}"\n', ""))
    assert "title: is required" in found
    assert_no_fragments_of("nl", "\n".join(found))
    assert "title: is verplicht" in problems(BROKEN.replace('language = "{language}"\n', ""), "nl")


# -- (c) when the file cannot be read that far: the user's language ---------------------------- #


def _environment(language: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COPSESSION_LANG", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": language}


def test_a_syntax_error_is_told_in_the_users_language_through_the_real_command(tmp_path):
    path = tmp_path / "werkblad.toml"
    path.write_text('title = "T"\nlanguage = "nl"\ncentral_question = \n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "copsession", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment("nl_NL.UTF-8"),
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"{path}: regel 3, kolom 20: TOML-syntaxfout: ongeldige waarde"
    assert_no_fragments_of("en", result.stderr)
    result = subprocess.run(
        [sys.executable, "-m", "copsession", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment("C.UTF-8"),
        timeout=60,
    )
    assert result.stderr.strip() == f"{path}: line 3, column 20: TOML syntax error: Invalid value"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a = [1,\n", "regel 2, kolom 1 (einde van het bestand): TOML-syntaxfout: ongeldige waarde"),
        ("a = {b = 1, b = 2}\n", "regel 1, kolom 18: TOML-syntaxfout: sleutel 'b' staat twee keer in dezelfde tabel"),
        ('a = "\\q"\n', "regel 1, kolom 8: TOML-syntaxfout: losse '\\' in een tekst"),
        ("a = 1\na = 2\n", "regel 2, kolom 6: TOML-syntaxfout: een waarde kan niet worden overschreven"),
        ("a 1\n", "regel 1, kolom 3: TOML-syntaxfout: na een sleutel hoort '='"),
        ("x = " + "[" * 5000 + "]" * 5000, "TOML is niet te lezen: er zitten te veel niveaus in elkaar"),
    ],
)
def test_toml_syntax_errors_in_dutch(text, expected):
    found = problems(text, "nl")
    assert found[0].startswith(expected) if "niveaus" in expected else found == [expected], found
    assert_no_fragments_of("en", found[0])


def test_unreadable_files_and_unknown_languages_are_told_in_the_users_language(tmp_path, capsys, lang):
    lang("nl_NL.UTF-8")
    missing = tmp_path / "weg.toml"
    binary = tmp_path / "binair.toml"
    binary.write_bytes(b'title = "\xff"\n')
    german = tmp_path / "duits.toml"
    german.write_text(VALID.format(language="de"), encoding="utf-8")
    assert main(["validate", str(missing), str(tmp_path), str(binary), str(german)]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: dit bestand bestaat niet" in err
    assert f"{tmp_path}: is een map, geen werkbladbestand" in err
    assert f"{binary}: het bestand is geen UTF-8-tekst (ongeldige byte op positie 9)" in err
    assert f"{german}: language: moet een van deze waarden zijn: en, nl (niet 'de')" in err
    assert_no_fragments_of("en", err)
    lang("en_GB.UTF-8")
    assert main(["validate", str(missing), str(german)]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: no such file" in err and f"{german}: language: must be one of en, nl, not 'de'" in err


def test_copsession_lang_chooses_before_lang(tmp_path, capsys, monkeypatch, lang):
    lang("en_GB.UTF-8")
    monkeypatch.setenv("COPSESSION_LANG", "nl")
    assert main(["validate", str(tmp_path / "weg.toml")]) == 1
    assert "dit bestand bestaat niet" in capsys.readouterr().err


# -- (d) the catalog's worksheet keys ---------------------------------------------------------- #


def test_every_worksheet_key_is_used_and_has_the_same_placeholders_in_both_languages():
    source = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    assert len(WORKSHEET_KEYS) > 50
    unused = [key for key in WORKSHEET_KEYS if f'"{key}"' not in source]
    assert not unused, unused
    for key in WORKSHEET_KEYS:
        en, nl = texts("en")[key][0], texts("nl")[key][0]
        assert fields(en) == fields(nl), key
        assert en.strip() and nl.strip() and en != nl or key == "worksheet.type.boolean", key


def test_the_toml_parsers_reasons_are_matched_whole():
    """The English text of each ``worksheet.toml.`` key is what Python's TOML parser says: a reason
    it gives is translated, one it does not know (a newer Python's) is passed on as it is."""
    from copsession.i18n import Catalog
    from copsession.worksheet import _toml_reason

    nl = Catalog("nl")
    assert _toml_reason("Invalid value", nl) == "ongeldige waarde"
    assert _toml_reason("Expected \"'''\"", nl) == "hier hoort \"'''\""
    assert _toml_reason("Expected '=' after a key in a key/value pair", nl) == "na een sleutel hoort '='"
    assert _toml_reason("Something new went wrong", nl) == "Something new went wrong"
