"""``copsession run`` and ``copsession resume``: a meeting in this terminal (see :mod:`copsession.session`)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from copsession.cli.common import (
    _needs_a_terminal,
    _print_error,
    _resolve,
    _told,
    _tr,
    _warn,
)
from copsession.clock import SystemClock
from copsession.i18n import Catalog
from copsession.participation import Opening
from copsession.problems import Problem
from copsession.session import latest_to_resume, look_for_meetings, read
from copsession.settings import user_language
from copsession.storage import default_minutes_folder
from copsession.ui.app import make_app
from copsession.ui.themes import CYCLE
from copsession.worksheet import Worksheet, WorksheetError


def _check_theme(theme: str | None) -> None:

    if theme is not None and theme not in CYCLE:
        print(_tr()("cli.unknown_theme", theme=theme, themes=", ".join(CYCLE)), file=sys.stderr)


def opening_of(parsed: argparse.Namespace) -> Opening | None:
    """Whether (and where) the meeting opens to participants' devices from the start: ``--participants``
    (``--network``, ``--host`` and ``--port`` say where; any of them alone asks for it too)."""
    if not (parsed.participants or parsed.network or parsed.host or parsed.port):
        return None
    return Opening(parsed.host, parsed.port, parsed.network)


def cmd_run(
    worksheet_name: str,
    minutes_dir: Path | None,
    bell: bool = False,
    theme: str | None = None,
    practice: bool = False,
    participants: Opening | None = None,
) -> int:
    try:
        worksheet = _resolve(worksheet_name)
    except WorksheetError as error:
        _print_error(error)
        return 1
    if minutes_dir is None:  # the meeting's language names the folder (./verslagen for a Dutch meeting)
        minutes_dir = default_minutes_folder(worksheet.language)
    if _needs_a_terminal():
        return 1
    _check_theme(theme)
    if practice:
        folder = Path(tempfile.mkdtemp(prefix="copsession-practice-"))
        try:
            return _start(worksheet, folder / "minutes", bell, theme, practice=True, participants=participants)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return _start(worksheet, minutes_dir, bell, theme, participants=participants)


def _start(
    worksheet: Worksheet,
    minutes_dir: Path,
    bell: bool,
    theme: str | None,
    practice: bool = False,
    participants: Opening | None = None,
) -> int:

    found = look_for_meetings(worksheet, minutes_dir)  # its carry-over, and any unfinished meeting
    _warn(found.problems)

    app = make_app(
        worksheet,
        minutes_dir=minutes_dir,
        clock=SystemClock(),
        earlier=found.earlier,
        offer=found.offer,
        bell=bell,
        theme=theme,
        practice=practice,
        participants=participants,
    )
    return _run_app(app)


def cmd_resume(minutes_dir: Path, bell: bool = False, theme: str | None = None) -> int:

    _check_theme(theme)
    clock = SystemClock()
    found = latest_to_resume(minutes_dir)
    if found is None:
        print(Catalog(user_language())("cli.nothing_to_resume", folder=minutes_dir), file=sys.stderr)
        return 1
    if _needs_a_terminal():
        return 1
    path, summary = found
    try:
        loaded = read(path, clock)
    except Problem as error:
        print(_told(error, summary.get("language")), file=sys.stderr)
        return 1
    # Session.open decides: resumed, holding the lock, or read-only when another window runs it
    app = make_app(
        loaded.record.worksheet, minutes_dir=minutes_dir, clock=clock, resumed=loaded, bell=bell, theme=theme
    )
    running = app.session.held_by
    if running is not None:
        print(
            Catalog(loaded.record.worksheet.language)("cli.open_elsewhere", pid=running if running > 0 else "?"),
            file=sys.stderr,
        )
    return _run_app(app)


def _run_app(app) -> int:

    app.run()
    if app.return_code:
        return app.return_code
    if app.saved_path is not None and not app.practice:
        print(Catalog(app.record.worksheet.language)("cli.minutes_saved", path=app.saved_path))
    return 0
