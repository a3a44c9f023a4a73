"""Worksheets and documents: ``validate``, ``plan``, ``schema``, ``new``, ``list``, ``brief``, ``export``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from copsession.bundled import bundled_worksheets
from copsession.cli.common import (
    _print_error,
    _printable,
    _resolve,
    _told,
    _tr,
    _write_new,
)
from copsession.cli.parser import language_note
from copsession.export import ExportError, export_all
from copsession.i18n import Catalog
from copsession.index import scan
from copsession.plan import render_plan, trajectory_warnings, unfilled_warning
from copsession.problems import Problem
from copsession.schema import SCHEMA_FILE, SCHEMA_FILES, schema_text
from copsession.settings import save_setting, user_language
from copsession.starter import starter_worksheet
from copsession.storage import (
    StorageError,
    minutes_stem,
)
from copsession.worksheet import WorksheetError


def cmd_validate(files: list[str]) -> int:
    """Check each worksheet; everything is said in the worksheet's language, or the user's when the
    file cannot be read that far."""
    failed = False
    for name in files:
        try:
            worksheet = _resolve(name)  # a file, or a bundled worksheet by name, as run and plan take them
        except WorksheetError as error:
            _print_error(error)
            failed = True
        else:
            tr = Catalog(worksheet.language)
            count = len(worksheet.steps)
            steps = tr("worksheet.validate_steps", count=count)
            print(
                tr(
                    "worksheet.validate_ok",
                    name=name,
                    title=worksheet.title,
                    steps=steps,
                    minutes=worksheet.total_minutes,
                ),
                file=sys.stderr,
            )
            warnings = [*trajectory_warnings(worksheet, tr), unfilled_warning(worksheet, tr)]
            for warning in filter(None, warnings):
                print(tr("worksheet.validate_warning", name=name, warning=warning), file=sys.stderr)
    return 1 if failed else 0


def cmd_brief(source: Path) -> int:
    """Write again the brief of a meeting whose minutes were saved (see :func:`copsession.session.write_brief`)."""
    # lazy: the session service and the meeting engine, 20 ms (5 modules) that validate, plan,
    # schema, new, list and export never use (python -X importtime, 7 Dec 2026)
    from copsession.session import BriefNotWritten, write_brief

    try:
        target, language = write_brief(source)
    except BriefNotWritten as problem:
        print(_told(problem, problem.language), file=sys.stderr)
        return 1
    except Problem as problem:  # the file or the record cannot be read: said in the user's language
        print(_told(problem), file=sys.stderr)
        return 1
    print(_printable(_tr(language)("cli.brief_written", path=target)))
    return 0


def cmd_export(source: Path, formats: list[str], language: str | None) -> int:
    """Write ``source`` (Markdown that copsession wrote) as documents beside it."""

    language = language or _document_language(source) or user_language()
    try:
        written = export_all(source, formats, language)
    except ExportError as error:
        for path in error.written:
            print(path)
        print(_told(error, language), file=sys.stderr)
        return 1
    except StorageError as error:
        print(_told(error, language), file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _document_language(source: Path) -> str | None:
    """The language of the meeting whose minutes (or brief) ``source`` is, from the series index."""

    stem = minutes_stem(source)
    for summary in scan(source.parent).summaries:
        if Path(str(summary.get("minutes_file", ""))).stem == stem:
            language = summary.get("language")
            return language if language in ("en", "nl") else None
    return None


def cmd_plan(name: str) -> int:

    try:
        worksheet = _resolve(name)
    except WorksheetError as error:
        _print_error(error)
        return 1
    text, warnings = render_plan(worksheet, date.today())
    print(text)
    tr = _tr(worksheet.language)
    for warning in warnings:
        print(tr("cli.warning", text=warning), file=sys.stderr)
    return 0


def _write_schema(path: Path) -> str | None:
    """Write the schema to a new file ``path``; the error message, if it could not be written."""

    return _write_new(path, schema_text())


def cmd_schema(path: Path | None) -> int:

    if path is None or str(path) == "-":
        sys.stdout.write(schema_text())
        return 0
    error = _write_schema(path)
    if error:
        print(error, file=sys.stderr)
        return 1
    print(_tr()("cli.wrote", path=path))
    return 0


def cmd_list(everything: bool = False) -> int:
    """The bundled worksheets in the user's language (``everything``: in every language)."""
    tr = _tr()
    own = [w for w in bundled_worksheets() if everything or w.name.endswith("." + tr.language)]
    for bundled in own:
        try:
            ws = bundled.load()
        except WorksheetError as error:  # a broken bundled file is a bug, but say so plainly
            print(f"{bundled.name:<24} ({tr('cli.broken', problem=error.problems[0])})")
            continue
        meeting = f" — {ws.meeting}" if ws.meeting else ""
        print(f"{bundled.name:<24} {ws.language}  {ws.title}{meeting}")
    others = len(bundled_worksheets()) - len(own)
    if others:
        print()
        print(tr("cli.list_others", count=others, option="--alle" if tr.language == "nl" else "--all"))
    return 0


def cmd_new(path: Path, language: str) -> int:

    tr = _tr(language)
    error = _write_new(path, starter_worksheet(language, path.name), language)
    if error:
        print(error, file=sys.stderr)
        return 1

    schema = path.with_name(SCHEMA_FILES.get(language, SCHEMA_FILE))
    if not schema.exists() and not schema.is_symlink():
        error = _write_schema(schema)
        if error:
            print(tr("cli.warning", text=error), file=sys.stderr)
    else:
        print(tr("cli.schema_kept", path=schema), file=sys.stderr)
    print(tr("cli.new_written", path=path))
    return 0


def cmd_language(language: str | None) -> int:
    """Show the command line's language and where it comes from; with ``language``, remember it
    (then the command line, ``copsession new`` and the audience window speak it)."""
    if language is None:
        print(language_note(Catalog(user_language())))
        return 0
    error = save_setting("language", language)
    tr = Catalog(language)
    if error is not None:
        print(_told(error, language), file=sys.stderr)
        return 1
    print(tr("cli.language_set", language=tr(f"language.{language}") if tr.has(f"language.{language}") else language))
    return 0
