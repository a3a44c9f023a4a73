"""A new kind of step is one class in kinds.py (and a screen); a new capture command is one row in
capture.py's table — plus their catalog lines, in the .po files. Proved here by registering a throwaway step kind
(with a key of its own) and a throwaway capture command inside the test, then checking that a
worksheet using them validates against the generated JSON Schema, runs in the app, and reaches the
minutes, the recap, the brief, the meeting's summary and the trajectory's report."""

from __future__ import annotations

from contextlib import contextmanager

from jsonschema import Draft202012Validator

from copsession import capture, i18n, kinds
from copsession.worksheet import parse_worksheet
from mdhelpers import screen_text, sections

WORKSHEET = """
title = "Harbour Safety Network"
central_question = "How do we keep the harbour safe at night?"

[[participants]]
name = "Fatima"

[[participants]]
name = "Joost"

[[steps]]
kind = "silent-reflection"
minutes = 10
prompt = "What did you notice on your last night shift?"
silence_minutes = 3

[[steps]]
kind = "results"
minutes = 10
"""


CATALOG_LINES = {
    "kind.silent-reflection": ("Silent reflection", "Stille reflectie"),
    "note_kind.insight": ("insight", "inzicht"),
    "capture.words.insight": ("insight", "inzicht"),
    "help.capture_insight": ("/insight TEXT  an insight", "/inzicht TEKST  een inzicht"),
    "minutes.insights": ("Insights", "Inzichten"),
    "minutes.empty_insight": ("No insights yet.", "Nog geen inzichten."),
}


def _po(language: str) -> str:
    """The catalog lines a contributor adds, as a ``.po`` file of their own (the bundled catalogs
    are not touched: a translator's folder is read on top of them)."""
    index = 0 if language == "en" else 1

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = ['msgid ""', 'msgstr ""', quoted(f"Language: {language}\n"), ""]
    for key, texts in CATALOG_LINES.items():
        lines += [f"msgctxt {quoted(key)}", f"msgid {quoted(texts[0])}", f"msgstr {quoted(texts[index])}", ""]
    return "\n".join(lines)


@contextmanager
def a_new_kind_and_command(folder):
    """Register the throwaway kind and command as a contributor would; take them away afterwards."""
    import os

    saved = (
        dict(kinds.KINDS),
        dict(kinds.STEP_KEYS),
        list(capture.NOTE_KINDS_TABLE),
        list(capture.NOTE_KINDS),
        dict(capture.KIND_INFO),
        os.environ.get("COPSESSION_TRANSLATIONS"),
    )
    try:
        # kinds.py: one key of its own, one class (its screen: the plain step screen)
        kinds.step_key("silence_minutes", "minutes", "How long the group reflects in silence.")

        @kinds.kind
        class SilentReflection(kinds.StepKind):
            """Everyone thinks in silence, then writes down one insight."""

            name = "silent-reflection"
            screen = "copsession.ui.screens.base:StepScreen"
            keys = ("prompt", "silence_minutes")

        # capture.py: one row
        capture.note_kind(
            capture.NoteKind(
                "insight",
                True,
                "✶",
                section="minutes.insights",
                outward="minutes.insights",
                report=capture.ReportSection("minutes.insights"),
            )
        )
        # the catalog lines, in .po files
        folder.mkdir(parents=True, exist_ok=True)
        for language in ("en", "nl"):
            (folder / f"{language}.po").write_text(_po(language), encoding="utf-8")
        os.environ["COPSESSION_TRANSLATIONS"] = str(folder)
        i18n.reload()
        yield
    finally:
        kinds.KINDS.clear()
        kinds.KINDS.update(saved[0])
        kinds.STEP_KEYS.clear()
        kinds.STEP_KEYS.update(saved[1])
        capture.NOTE_KINDS_TABLE[:] = saved[2]
        capture.NOTE_KINDS[:] = saved[3]
        capture.KIND_INFO.clear()
        capture.KIND_INFO.update(saved[4])
        if saved[5] is None:
            os.environ.pop("COPSESSION_TRANSLATIONS", None)
        else:
            os.environ["COPSESSION_TRANSLATIONS"] = saved[5]
        i18n.reload()


async def test_a_new_step_kind_and_capture_command_work_end_to_end(clock, tmp_path, md):
    import tomllib
    from datetime import datetime

    from copsession.brief import render_brief
    from copsession.i18n import Catalog
    from copsession.recordfile import to_doc
    from copsession.schema import worksheet_schema
    from copsession.series import summarise
    from copsession.trajectory import render_report
    from copsession.ui.app import make_app

    with a_new_kind_and_command(tmp_path / "translations"):
        problems = list(Draft202012Validator(worksheet_schema()).iter_errors(tomllib.loads(WORKSHEET)))
        assert problems == []
        bad = tomllib.loads(WORKSHEET.replace('kind = "results"', 'kind = "results"\nsilence_minutes = 2'))
        assert list(Draft202012Validator(worksheet_schema()).iter_errors(bad))  # only its own kind takes the key
        worksheet = parse_worksheet(WORKSHEET, "harbour.toml")
        assert worksheet.steps[0].value("silence_minutes") == 3
        assert worksheet.steps[0].title == "Silent reflection"

        app = make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=3)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("pagedown")
            await pilot.pause()
            assert "Silent reflection" in screen_text(app)
            await pilot.press(*"/insight the quiet helps", "enter")
            await pilot.press(*"a plain remark", "enter")
            await pilot.pause()
            assert [(n.kind, n.text) for n in app.record.notes] == [
                ("insight", "the quiet helps"),
                ("note", "a plain remark"),
            ]
            await pilot.press("pagedown", "pagedown")  # the results step, then the recap
            await pilot.pause()
            assert "Insights" in screen_text(app) and "the quiet helps" in screen_text(app)
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        minutes = app.saved_path.read_text(encoding="utf-8")
        found = sections(md, minutes)
        assert found["Insights"] == ["the quiet helps"]
        assert found["1. Silent reflection"][-1] == "a plain remark"
        assert "the quiet helps" in render_brief(app.record)
        summary = summarise(to_doc(app.record, 0.0, finished=True, minutes_file="m.md", saved=datetime(2027, 3, 4, 17)))
        assert summary["insights"] == ["the quiet helps"]
        report = render_report([summary], Catalog("en"))
        assert sections(md, report)["Insights"] == ["the quiet helps"]
        assert report.index("## Insights") > report.index("## What went back into the organisations")
    assert "silent-reflection" not in kinds.KINDS and "insight" not in capture.KIND_INFO  # nothing left behind
    assert not i18n.known("minutes.insights")
