"""The catalogs: gettext .po files, one per language, that standard tools read; every message in
every bundled language, with the same placeholders; a language added from a .po file alone."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from copsession import i18n

LOCALE = Path(i18n.__file__).parent / "locale"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def babel_catalog(path: Path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        return read_po(handle)


def test_every_bundled_catalog_has_every_message_with_the_same_placeholders():
    template = {m.context: m for m in babel_catalog(LOCALE / "copsession.pot") if m.id and m.context}
    assert len(template) > 500
    for language in i18n.BUNDLED:
        catalog = {m.context: m for m in babel_catalog(LOCALE / f"{language}.po") if m.id and m.context}
        assert sorted(catalog) == sorted(template), f"{language}.po and the template differ"
        for key, message in catalog.items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert message.id == template[key].id, f"{language}.po: {key}: another English text than the template"
            assert not message.fuzzy, f"{language}.po: {key} is marked fuzzy"
            assert all(s.strip() for s in strings), f"{language}.po: {key} has no text"
            source = message.id if isinstance(message.id, tuple) else (message.id,)
            wanted = set().union(*(fields(s) for s in source))
            for form in strings:
                # a singular form may leave out the count ("One meeting"); nothing else may differ
                assert fields(form) <= wanted and wanted - fields(form) <= {"count"}, f"{language}.po: {key}: {form!r}"
            if "{" in "".join(strings):
                assert "python-brace-format" in message.flags, f"{language}.po: {key} lacks its format flag"


def test_our_reader_reads_what_babel_reads():
    """The small reader used at start-up agrees with Babel's on every bundled catalog."""
    for language in i18n.BUNDLED:
        ours = i18n.texts(language)
        theirs = {
            m.context: (m.string if isinstance(m.string, tuple) else (m.string,))
            for m in babel_catalog(LOCALE / f"{language}.po")
            if m.id and m.context
        }
        assert ours == theirs


def test_the_template_is_made_from_the_english_catalog():
    """copsession.pot is what `python -m copsession.i18n_tools update` makes of en.po."""
    from copsession.i18n_tools import template_text

    assert (LOCALE / "copsession.pot").read_text(encoding="utf-8") == template_text()


@pytest.mark.parametrize(
    "forms, expected",
    [
        ("nplurals=2; plural=(n != 1);", {0: 1, 1: 0, 2: 1, 11: 1}),
        ("nplurals=1; plural=0;", {0: 0, 1: 0, 5: 0}),
        ("nplurals=2; plural=(n > 1);", {0: 0, 1: 0, 2: 1}),
        (  # Polish
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            {1: 0, 2: 1, 4: 1, 5: 2, 12: 2, 22: 1, 25: 2, 0: 2},
        ),
        (  # Russian
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            {1: 0, 21: 0, 11: 2, 3: 1, 13: 2, 100: 2},
        ),
    ],
)
def test_plural_rules_are_gettexts(forms, expected):
    count, rule = i18n.plural_rule(forms)
    assert {n: rule(n) for n in expected} == expected
    assert all(0 <= rule(n) < count for n in range(200))


@pytest.mark.parametrize("forms", ["nplurals=2; plural=__import__('os');", "nplurals=2; plural=(n != ;", "plural=n;"])
def test_a_plural_rule_that_is_not_one_is_refused(forms):
    with pytest.raises(ValueError):
        i18n.plural_rule(forms)


def test_plurals_follow_the_count():
    en, nl = i18n.Catalog("en"), i18n.Catalog("nl")
    assert en("worksheet.validate_steps", count=1) == "1 step"
    assert en("worksheet.validate_steps", count=4) == "4 steps"
    assert nl("worksheet.validate_steps", count=1) == "1 onderdeel"
    assert nl("worksheet.validate_steps", count=12345) == "12345 onderdelen"


GERMAN = r"""
msgid ""
msgstr ""
"Language: de\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgctxt "ui.agenda"
msgid "Agenda"
msgstr "Tagesordnung"

msgctxt "ui.attendance"
msgid "Attendance"
msgstr "Anwesenheit"

msgctxt "ui.central_question"
msgid "Central question"
msgstr "Zentrale Frage"

#, fuzzy
msgctxt "ui.goals"
msgid "Goals"
msgstr "Tore"
"""


@pytest.fixture
def translations(tmp_path, monkeypatch):
    folder = tmp_path / "translations"
    folder.mkdir()
    monkeypatch.setenv("COPSESSION_TRANSLATIONS", str(folder))
    i18n.reload()
    yield folder
    monkeypatch.delenv("COPSESSION_TRANSLATIONS")
    i18n.reload()


async def test_a_third_language_from_a_po_file_alone(translations, clock, tmp_path):
    """A translator drops de.po in a folder; a worksheet in German then opens with German words
    (and English for what the file does not have yet, or marks fuzzy)."""
    from conftest import SMALL
    from copsession.ui.app import make_app
    from copsession.worksheet import parse_worksheet
    from mdhelpers import screen_text

    (translations / "de.po").write_text(GERMAN, encoding="utf-8")
    i18n.reload()
    assert "de" in i18n.languages()
    worksheet = parse_worksheet(SMALL.replace('meeting = "Meeting 2"', 'meeting = "Meeting 2"\nlanguage = "de"'))
    assert worksheet.language == "de"
    app = make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "Tagesordnung" in text and "Anwesenheit" in text and "Zentrale Frage" in text
    assert "Tore" not in text and "This meeting's goals" in text  # fuzzy: not used


def test_a_translators_file_corrects_a_bundled_message(translations):
    (translations / "nl.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: nl\\n"\n\nmsgctxt "ui.agenda"\nmsgid "Agenda"\nmsgstr "Programma"\n',
        encoding="utf-8",
    )
    i18n.reload()
    nl = i18n.Catalog("nl")
    assert nl("ui.agenda") == "Programma" and nl("ui.attendance") == "Aanwezigheid"


@pytest.mark.parametrize(
    "content",
    [
        'msgid "a"\nmsgstr "b\n',  # a quote left open
        'msgctxt "x"\nmsgid "a"\n',  # no msgstr
        'msgid "a"\nmsgstr "b"\ngarbage\n',
        'msgid "a"\nmsgstr "\\q"\n',  # an escape gettext does not know
        'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=import os;\\n"\n',
        "\udcff",
    ],
    ids=["open quote", "no msgstr", "garbage", "bad escape", "bad plural rule", "not utf-8"],
)
def test_a_damaged_translation_is_left_out_and_named(translations, content):
    path = translations / "fr.po"
    if content == "\udcff":
        path.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    else:
        path.write_text(content, encoding="utf-8")
    i18n.reload()
    assert "fr" not in i18n.languages()
    assert [p.path for p in i18n.translation_problems()] == [str(path)]
    assert i18n.Catalog("nl")("ui.agenda") == "Agenda"
