"""The command line's words: commands, their Dutch names, options and help."""

from __future__ import annotations

import argparse
from pathlib import Path

from copsession import __version__
from copsession.bundled import DEFAULT
from copsession.cli.common import _date_argument

COMMANDS = (
    "run",
    "resume",
    "validate",
    "list",
    "new",
    "history",
    "brief",
    "plan",
    "schema",
    "export",
    "show",
    "trajectory",
    "traject",
    "next",
    "volgende",
    "report",
    "rapportage",
)
ALIASES = {"traject": "trajectory", "volgende": "next", "rapportage": "report"}
"""Dutch names of the trajectory commands."""

_FOLDER_HELP = "the minutes folder (default: ./minutes, for a Dutch meeting ./verslagen)"


class _Unused:
    """Stands in for the parser of a command that is not being run (see :func:`_parser`)."""

    def add_argument(self, *args, **kwargs) -> None:
        pass


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only``, the parser of that one command (the others are not built:
    a meeting opens a few milliseconds sooner). Help and error messages are the same either way."""
    parser = argparse.ArgumentParser(
        prog="copsession",
        description="Walk a community of practice through one meeting, from a TOML worksheet to Markdown minutes.",
        epilog="Without a command, copsession runs the bundled default meeting.",
    )
    parser.add_argument("--version", action="version", version=f"copsession {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, **kwargs):
        return sub.add_parser(name, **kwargs) if only is None or name == only else _Unused()

    run = add("run", help="run a meeting from a worksheet (a file or a bundled name)")
    run.add_argument(
        "worksheet", nargs="?", default=DEFAULT, help=f"worksheet file or bundled name (default: {DEFAULT})"
    )
    run.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    run.add_argument("--bell", action="store_true", help="ring the terminal bell when a step's time is up")
    run.add_argument("--theme", help="projector-dark, projector-light, textual-dark, ... (remembered)")
    run.add_argument(
        "--practice",
        action="store_true",
        help="a practice run in a throwaway folder: nothing reaches the minutes folder or the series",
    )

    resume = add("resume", help="reopen the most recent unfinished meeting")
    resume.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    resume.add_argument("--bell", action="store_true", help="ring the terminal bell when a step's time is up")
    resume.add_argument("--theme", help="projector-dark, projector-light, textual-dark, ... (remembered)")

    show = add("show", help="the audience window for a projector: follows the meeting in DIR, read-only")
    show.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    show.add_argument("--web", action="store_true", help="serve it in a browser tab instead (needs textual-serve)")
    show.add_argument("--port", type=int, default=8000, help="the port for --web (default: 8000)")
    show.add_argument("--host", help="the address for --web (default: 127.0.0.1; any other needs the printed link)")
    show.add_argument("--network", action="store_true", help="--web for the network (0.0.0.0), with a link token")
    show.add_argument("--series", help="follow the meeting of this series (asked when several meetings run)")

    validate = add("validate", help="check worksheets; exit 0 when all are valid")
    validate.add_argument("files", nargs="+", metavar="FILE")

    add("list", help="list the bundled worksheets")

    plan = add("plan", help="print the agenda with clock times and totals, to send out beforehand")
    plan.add_argument("worksheet", help="worksheet file or bundled name")

    schema = add("schema", help="print the worksheet's JSON Schema, or write it to PATH")
    schema.add_argument("path", type=Path, nargs="?")

    hist = add("history", help="the meetings of each series in a minutes folder, with a pulse chart")
    hist.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    hist.add_argument("--series", help="only this series (default: every series in the folder)")

    brief = add("brief", help="write the outward brief again from a session record or minutes file")
    brief.add_argument("source", type=Path, metavar="RECORD|MINUTES")

    trajectory = add(
        "trajectory",
        aliases=["traject"],
        help="plan the whole trajectory (or show, shorten or extend the plan) and write a calendar",
    )
    trajectory.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    trajectory.add_argument("--series", help="the trajectory's name (default: the one in the folder)")
    trajectory.add_argument("--start", type=_date_argument, help="the date of the kick-off (YYYY-MM-DD)")
    trajectory.add_argument("--every", type=int, default=6, help="weeks between meetings (default: 6)")
    trajectory.add_argument("--meetings", type=int, default=10, help="how many meetings (default: 10)")
    trajectory.add_argument("--time", default="14:00", help="the meetings' start time (default: 14:00)")
    trajectory.add_argument("--length", type=int, default=150, help="minutes per meeting (default: 150)")
    trajectory.add_argument("--location", default="", help="where the group meets")
    trajectory.add_argument("--lang", choices=("en", "nl"), help="language (default: the trajectory's, else $LANG)")
    trajectory.add_argument("--extend", type=int, default=0, metavar="N", help="add N meetings to the plan")
    trajectory.add_argument("--shorten", type=int, default=0, metavar="N", help="take N meetings off the plan")

    nxt = add("next", aliases=["volgende"], help="write the next meeting's worksheet from the previous meeting")
    nxt.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    nxt.add_argument("--series", help="the trajectory (default: the one in the folder)")
    nxt.add_argument("--out", type=Path, help="the worksheet to write (default: <date>-<title>.toml here)")

    report = add(
        "report", aliases=["rapportage"], help="one document for the whole trajectory (or up to now: a mid-term report)"
    )
    report.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    report.add_argument("--series", help="the trajectory (default: the one in the folder)")
    report.add_argument(
        "--to",
        dest="formats",
        action="append",
        choices=("docx", "odt", "html"),
        default=[],
        help="also write it as docx, odt or html (may be given more than once)",
    )

    export = add("export", help="write minutes, a brief or a report as DOCX, ODT or HTML beside it")
    export.add_argument("source", type=Path, metavar="FILE.md")
    export.add_argument(
        "--to",
        dest="formats",
        action="append",
        choices=("docx", "odt", "html"),
        required=True,
        help="docx, odt or html (may be given more than once)",
    )
    export.add_argument(
        "--lang", choices=("en", "nl"), help="the document's language (default: from its record, else $LANG)"
    )

    new = add("new", help="write a commented starter worksheet")
    new.add_argument("path", type=Path)
    new.add_argument(
        "--lang", choices=("en", "nl"), help="language of the worksheet (default: $COPSESSION_LANG or $LANG, else en)"
    )
    return parser
