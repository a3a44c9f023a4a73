"""The ``copsession`` command: a thin layer over the core, one module per group of commands.

- :mod:`copsession.cli.parser`: the command line's words (commands, options, help);
- :mod:`copsession.cli.meeting`: ``run`` and ``resume``; :mod:`copsession.cli.show`: ``show``;
- :mod:`copsession.cli.trajectory`: ``trajectory``/``traject``, ``next``/``volgende``,
  ``report``/``rapportage``, ``history``;
- :mod:`copsession.cli.documents`: ``validate``, ``plan``, ``schema``, ``new``, ``list``, ``brief``,
  ``export``;
- :mod:`copsession.cli.common`: what they share.

Only the module of the command being run is imported (see :func:`_dispatch`). Errors at this edge
are printed as plain messages with a non-zero exit code; nobody sees a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from copsession import startup
from copsession.cli.common import _printable
from copsession.cli.parser import ALIASES, COMMANDS, _parser, english_name, in_language
from copsession.i18n import Catalog, translate_argparse, translation_problems
from copsession.persistence import write_crash_report
from copsession.problems import os_reason
from copsession.settings import user_language
from copsession.storage import default_minutes_folder
from copsession.worksheet import visible

__all__ = ["ALIASES", "COMMANDS", "main"]


class _Shown:
    """A text stream that shows control characters (``\\x1b``) instead of sending them to the terminal.

    Everything a command prints goes through it: worksheet titles and key names, record contents,
    paths. A file can never retitle the terminal, write the clipboard or move the cursor.
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:

        return self._stream.write(visible(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``copsession`` command."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Shown(out), _Shown(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    language = user_language()
    translate_argparse(language)  # argparse's own words ("usage:", its errors) in the user's language
    for problem in translation_problems():
        print(_printable(Catalog(language)("cli.translation_unusable", problem=str(problem))), file=sys.stderr)
    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--hulp", "--version", "--versie"):
        args.insert(0, "run")  # `copsession WORKSHEET` and `copsession --bell` mean `copsession run ...`
    if not args:
        args = ["run"]
    args = in_language(args, language)  # the other language's names as the user's own
    command = english_name(args[0])
    parsed = _parser(language, only=command if command in COMMANDS else None).parse_args(args)
    parsed.command = english_name(parsed.command) if parsed.command else parsed.command
    if parsed.command in ("run", "resume") or (parsed.command == "show" and not parsed.web):
        # a window opens in this process (not the web server's: it runs for hours): see copsession.startup

        startup.pause_collector()
    try:
        return _dispatch(parsed)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the output went to a pipe that closed early (`copsession list | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        if error.filename is None and error.errno is not None:  # the output itself cannot be written
            try:
                if sys.__stderr__ is not None:
                    tr = Catalog(user_language())
                    reason = os_reason(tr, error.errno, os.strerror(error.errno))
                    sys.__stderr__.write(tr("cli.output_failed", reason=reason) + "\n")
            except OSError:
                pass
            return 74
        return _crashed(error, getattr(parsed, "minutes_dir", None))
    except Exception as error:  # noqa: BLE001 - the last edge: a calm message and a report, never a traceback
        return _crashed(error, getattr(parsed, "minutes_dir", None))
    finally:
        startup.resume_collector()  # when no window painted (an error, the output not a terminal)


def _crashed(error: BaseException, minutes_dir: Path | None) -> int:
    """An unexpected error outside a running meeting: a report in the records folder, a calm message."""

    report = "–"
    if minutes_dir is not None:
        report = str(write_crash_report(minutes_dir, error, datetime.now()) or "–")
    print(_printable(Catalog(user_language())("cli.crashed", report=report)), file=sys.stderr)
    return 70


def _dispatch(parsed: argparse.Namespace) -> int:
    """Run the command the arguments name. Only that command's module is imported: `copsession
    validate` never loads Textual, `copsession run` never loads the exporter (each module imports
    what it needs at its top)."""
    if getattr(parsed, "minutes_dir", False) is None and parsed.command != "run":
        # not tied to a worksheet: the folder of the user's language, or the one that holds meetings
        parsed.minutes_dir = default_minutes_folder(getattr(parsed, "lang", None) or user_language())
    command = parsed.command
    if command == "language":
        # lazy: each command imports only its own module, here 25 ms (importtime, 7 Dec 2026)
        from copsession.cli.documents import cmd_language

        return cmd_language(parsed.language)
    if command in ("run", "resume"):
        # lazy: `run` and `resume` bring Textual, 250 ms only they and `show` pay (importtime, 7 Dec 2026)
        from copsession.cli import meeting

        if command == "run":
            return meeting.cmd_run(
                parsed.worksheet,
                parsed.minutes_dir,
                parsed.bell,
                parsed.theme,
                parsed.practice,
                meeting.opening_of(parsed),
            )
        return meeting.cmd_resume(parsed.minutes_dir, parsed.bell, parsed.theme)
    if command == "show":
        # lazy: `show` brings Textual, 250 ms only it and `run` pay (importtime, 7 Dec 2026)
        from copsession.cli import show

        return show.cmd_show(parsed.minutes_dir, parsed.web, parsed.port, parsed.host, parsed.network, parsed.series)
    if command in ("trajectory", "next", "report", "history"):
        # lazy: the trajectory's commands, 80 ms the others never pay (importtime, 7 Dec 2026)
        from copsession.cli import trajectory

        return {
            "trajectory": lambda: trajectory.cmd_trajectory(parsed),
            "next": lambda: trajectory.cmd_next(parsed.minutes_dir, parsed.series, parsed.out, parsed.keep),
            "report": lambda: trajectory.cmd_report(parsed.minutes_dir, parsed.series, parsed.formats),
            "history": lambda: trajectory.cmd_history(parsed.minutes_dir, parsed.series),
        }[command]()
    # lazy: the document commands, 25 ms the others never pay (importtime, 7 Dec 2026)
    from copsession.cli import documents

    return {
        "validate": lambda: documents.cmd_validate(parsed.files),
        "plan": lambda: documents.cmd_plan(parsed.worksheet),
        "schema": lambda: documents.cmd_schema(parsed.path),
        "brief": lambda: documents.cmd_brief(parsed.source),
        "list": lambda: documents.cmd_list(parsed.all),
        "export": lambda: documents.cmd_export(parsed.source, parsed.formats, parsed.lang),
        "new": lambda: documents.cmd_new(parsed.path, parsed.lang or user_language()),
    }[command]()
