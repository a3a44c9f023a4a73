"""The ``copsession`` command: run a meeting, check worksheets, list and create them.

Errors at this edge are printed as plain messages with a non-zero exit code;
nobody sees a traceback.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from copsession import __version__
from copsession.bundled import DEFAULT, bundled_worksheets, find_bundled
from copsession.worksheet import Worksheet, WorksheetError, load_worksheet

COMMANDS = ("run", "resume", "validate", "list", "new", "history", "brief", "plan", "schema", "export", "show",
            "trajectory", "traject", "next", "volgende", "report", "rapportage")
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
    run.add_argument("worksheet", nargs="?", default=DEFAULT, help=f"worksheet file or bundled name (default: {DEFAULT})")
    run.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    run.add_argument("--bell", action="store_true", help="ring the terminal bell when a step's time is up")
    run.add_argument("--theme", help="projector-dark, projector-light, textual-dark, ... (remembered)")
    run.add_argument("--practice", action="store_true",
                     help="a practice run in a throwaway folder: nothing reaches the minutes folder or the series")

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

    trajectory = add("trajectory", aliases=["traject"],
                     help="plan the whole trajectory (or show, shorten or extend the plan) and write a calendar")
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

    report = add("report", aliases=["rapportage"],
                 help="one document for the whole trajectory (or up to now: a mid-term report)")
    report.add_argument("--minutes-dir", type=Path, default=None, help=_FOLDER_HELP)
    report.add_argument("--series", help="the trajectory (default: the one in the folder)")
    report.add_argument("--to", dest="formats", action="append", choices=("docx", "odt", "html"), default=[],
                        help="also write it as docx, odt or html (may be given more than once)")

    export = add("export", help="write minutes, a brief or a report as DOCX, ODT or HTML beside it")
    export.add_argument("source", type=Path, metavar="FILE.md")
    export.add_argument("--to", dest="formats", action="append", choices=("docx", "odt", "html"), required=True,
                        help="docx, odt or html (may be given more than once)")
    export.add_argument("--lang", choices=("en", "nl"), help="the document's language (default: from its record, "
                        "else $LANG)")

    new = add("new", help="write a commented starter worksheet")
    new.add_argument("path", type=Path)
    new.add_argument("--lang", choices=("en", "nl"),
                     help="language of the worksheet (default: $COPSESSION_LANG or $LANG, else en)")
    return parser


def _resolve(name: str) -> Worksheet:
    """Load a worksheet from a path, or a bundled worksheet by name."""
    path = Path(name)
    if not path.exists():
        bundled = find_bundled(name)
        if bundled is not None:
            return bundled.load()
    return load_worksheet(path, language=_cli_language())


def _print_error(error: WorksheetError) -> None:
    for problem in error.problems:
        print(f"{error.source}: {problem}", file=sys.stderr)


def _check_theme(theme: str | None) -> None:
    from copsession.ui.themes import CYCLE

    if theme is not None and theme not in CYCLE:
        print(_tr()("cli.unknown_theme", theme=theme, themes=", ".join(CYCLE)), file=sys.stderr)


def _tr(language: str | None = None):
    """The catalog of ``language``, or of the user's language (``$LANG``) when not tied to a worksheet."""
    from copsession.i18n import Catalog

    return Catalog(language if language in ("en", "nl") else _cli_language())


def _told(error: BaseException, language: str | None = None) -> str:
    """A problem's message on one line, in ``language`` (else the user's language)."""
    from copsession.storage import Problem

    language = language if language in ("en", "nl") else _cli_language()
    return _printable(error.told(language) if isinstance(error, Problem) else str(error))


def _run_app(app) -> int:
    from copsession.i18n import Catalog

    app.run()
    if app.return_code:
        return app.return_code
    if app.saved_path is not None and not app.practice:
        print(Catalog(app.record.worksheet.language)("cli.minutes_saved", path=app.saved_path))
    return 0


def _scan(minutes_dir: Path, only_series: str | None = None):
    """The meetings in ``minutes_dir`` from the series index (see :func:`copsession.index.scan` for
    ``only_series``); each unusable record is named once."""
    from copsession.index import scan

    found = scan(minutes_dir, only_series)
    _warn(found.problems)
    return found


def _warn(problems: list[dict[str, str]]) -> None:
    """Name each record that cannot be used, once, in the user's language."""
    tr = _tr()
    for problem in problems:
        text = problem.get(tr.language) or problem.get("en", "")
        print(tr("cli.warning", text=_printable(str(text))), file=sys.stderr)


def _printable(text: str) -> str:
    """A message on one line (the output stream shows any control character as an escape)."""
    return " ".join(str(text).split("\n"))


def _needs_a_terminal() -> bool:
    """A meeting runs full screen: without a terminal (output to a file or a pipe) say so and stop."""
    if sys.stdin.isatty() and sys.__stdout__ is not None and sys.__stdout__.isatty():
        return False
    print(_tr()("cli.needs_terminal"), file=sys.stderr)
    return True


def cmd_run(worksheet_name: str, minutes_dir: Path | None, bell: bool = False, theme: str | None = None,
            practice: bool = False) -> int:
    try:
        worksheet = _resolve(worksheet_name)
    except WorksheetError as error:
        _print_error(error)
        return 1
    if minutes_dir is None:  # the meeting's language names the folder (./verslagen for a Dutch meeting)
        from copsession.storage import default_minutes_folder

        minutes_dir = default_minutes_folder(worksheet.language)
    if _needs_a_terminal():
        return 1
    _check_theme(theme)
    if practice:
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="copsession-practice-"))
        try:
            return _start(worksheet, folder / "minutes", bell, theme, practice=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return _start(worksheet, minutes_dir, bell, theme)


def _start(worksheet: Worksheet, minutes_dir: Path, bell: bool, theme: str | None, practice: bool = False) -> int:
    from copsession.clock import SystemClock
    from copsession.session import look_for_meetings

    found = look_for_meetings(worksheet, minutes_dir)  # its carry-over, and any unfinished meeting
    _warn(found.problems)
    from copsession.ui.app import make_app  # Textual is only needed when a meeting runs

    app = make_app(worksheet, minutes_dir=minutes_dir, clock=SystemClock(), earlier=found.earlier, offer=found.offer,
                   bell=bell, theme=theme, practice=practice)
    return _run_app(app)


def cmd_resume(minutes_dir: Path, bell: bool = False, theme: str | None = None) -> int:
    from copsession.clock import SystemClock
    from copsession.i18n import Catalog
    from copsession.problems import Problem
    from copsession.session import holder, latest_to_resume, read

    _check_theme(theme)
    clock = SystemClock()
    found = latest_to_resume(minutes_dir)
    if found is None:
        print(Catalog(_cli_language())("cli.nothing_to_resume", folder=minutes_dir), file=sys.stderr)
        return 1
    if _needs_a_terminal():
        return 1
    path, summary = found
    try:
        loaded = read(path, clock)
    except Problem as error:
        print(_told(error, summary.get("language")), file=sys.stderr)
        return 1
    running = holder(path)
    if running is not None:
        print(Catalog(loaded.record.worksheet.language)("cli.open_elsewhere", pid=running if running > 0 else "?"),
              file=sys.stderr)
    from copsession.ui.app import make_app

    return _run_app(make_app(loaded.record.worksheet, minutes_dir=minutes_dir, clock=clock, resumed=loaded,
                             read_only=running is not None, bell=bell, theme=theme))


def cmd_show(minutes_dir: Path, web: bool = False, port: int = 8000, host: str | None = None,
             network: bool = False, series: str | None = None) -> int:
    """The read-only audience window, in this terminal or (``web``) in browser tabs: it follows one
    running meeting, of ``series`` or the only one that runs (asked here when several run)."""
    if not web and _needs_a_terminal():
        return 1
    chosen = _choose_meeting(minutes_dir, series)
    if chosen is False:
        return 2
    if web:
        from copsession.audience_web import serve

        return serve(minutes_dir, host=host, port=port, network=network, language=_cli_language(), series=chosen)
    from copsession.ui.audience import run_audience

    return run_audience(minutes_dir, chosen)


def _choose_meeting(minutes_dir: Path, series: str | None) -> str | None | bool:
    """The series whose meeting the audience window follows: ``series`` as given, the one running
    meeting's (None: whichever starts first), or chosen here when several run. False: several run
    and none could be chosen (no terminal to ask in, or no answer)."""
    from copsession.running import running_meetings

    if series is not None:
        return series
    running = running_meetings(minutes_dir)
    names = sorted({r.series for r in running}, key=str.casefold)
    if len(names) <= 1:
        return None
    tr = _tr()
    if not sys.stdin.isatty():
        print(tr("cli.show_several", names=", ".join(_printable(n) for n in names)), file=sys.stderr)
        return False
    print(tr("cli.show_which"))
    for number, name in enumerate(names, 1):
        print(f"  {number}. {_printable(name)}")
    try:
        answer = input(tr("cli.show_number", count=len(names)))
    except EOFError:
        return False
    if answer.strip().isdigit() and 1 <= int(answer) <= len(names):
        return names[int(answer) - 1]
    print(tr("cli.show_several", names=", ".join(_printable(n) for n in names)), file=sys.stderr)
    return False


def _cli_language() -> str:
    """The language of messages not tied to a worksheet: ``$COPSESSION_LANG`` or ``$LANG``."""
    for variable in ("COPSESSION_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


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
            from copsession.i18n import Catalog
            from copsession.plan import trajectory_warnings

            tr = Catalog(worksheet.language)
            count = len(worksheet.steps)
            steps = tr("worksheet.validate_step") if count == 1 else tr("worksheet.validate_steps", count=count)
            print(tr("worksheet.validate_ok", name=name, title=worksheet.title, steps=steps,
                     minutes=worksheet.total_minutes), file=sys.stderr)
            for warning in trajectory_warnings(worksheet, tr):
                print(tr("worksheet.validate_warning", name=name, warning=warning), file=sys.stderr)
    return 1 if failed else 0


def cmd_history(minutes_dir: Path, only: str | None) -> int:
    from copsession.i18n import Catalog
    from copsession.series import history, meetings_of, render_history

    summaries = _scan(minutes_dir).summaries
    series_names = list(dict.fromkeys(str(s.get("series", "")) for s in summaries if s.get("happened")))
    if only is not None:
        series_names = [name for name in series_names if name == only]
    if not series_names:
        tr = Catalog(_cli_language())
        key = "cli.no_meetings_series" if only else "cli.no_meetings"
        print(_printable(tr(key, folder=minutes_dir, series=only or "")), file=sys.stderr)
        return 1
    from copsession.series import series_line
    from copsession.trajectory import PLAN_FILE, PlanError, read_plan

    try:
        plan = read_plan(minutes_dir / PLAN_FILE)
    except PlanError:
        plan = None
    overview = []
    for series in series_names:  # one line per trajectory, for an organiser who runs several
        meetings = meetings_of(summaries, series)
        language = meetings[-1].get("language", "en")
        tr = Catalog(language if language in ("en", "nl") else "en")
        planned = len(plan.meetings) if plan is not None and plan.series == series else None
        overview.append(series_line(series, meetings, tr, planned))
    print("\n".join(overview))
    if len(series_names) == 1:  # one trajectory (or --series): its whole history
        meetings = meetings_of(summaries, series_names[0])
        print()
        print(render_history(series_names[0], history(meetings), tr, meetings))
    return 0


def cmd_brief(source: Path) -> int:
    from copsession.brief import render_brief
    from copsession.index import scan
    from copsession.recordfile import RecordError, read_record
    from copsession.storage import StorageError, atomic_write, brief_path, records_dir

    if not source.exists():
        import errno

        from copsession.storage import os_problem

        print(_told(os_problem(source, FileNotFoundError(errno.ENOENT, "No such file"))), file=sys.stderr)
        return 1
    if source.suffix == ".md":
        # a minutes file: find the record that wrote it
        folder = source.parent
        matches = [s for s in scan(folder).summaries if s.get("minutes_file") == source.name]
        if not matches:
            print(_printable(_tr()("cli.brief_no_record", path=source, folder=records_dir(folder))), file=sys.stderr)
            return 1
        record_path = records_dir(folder) / matches[-1]["file"]
    else:
        record_path = source
        folder = source.parent.parent
    try:
        loaded = read_record(record_path, 0.0)
    except RecordError as error:
        print(_told(error), file=sys.stderr)
        return 1
    language = loaded.record.worksheet.language
    tr = _tr(language)
    name = loaded.minutes_file
    if not name:
        print(_printable(tr("cli.brief_never_saved", path=source)), file=sys.stderr)
        return 1
    if Path(name).name != name or name in (".", "..") or not name.endswith(".md"):
        # a record that names a file elsewhere never makes us write outside the minutes folder
        print(_printable(tr("cli.brief_odd_name", path=record_path, name=name)), file=sys.stderr)
        return 1
    minutes = folder / name
    target = brief_path(minutes, language)
    try:
        atomic_write(target, render_brief(loaded.record))
    except StorageError as error:
        print(tr("cli.brief_failed", error=_told(error, language)), file=sys.stderr)
        return 1
    print(_printable(tr("cli.brief_written", path=target)))
    return 0


def _date_argument(text: str):
    """A date as the user's language types it: ISO always, and 14-01-2027 in Dutch (the glossary)."""
    import re
    from datetime import date

    from copsession.i18n import Catalog

    language = _cli_language()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    found = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text.strip())
    if found and language == "nl":
        day, month, year = (int(part) for part in found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(Catalog(language)("cli.bad_date", text=_printable(text))) from None


def _one_series(minutes_dir: Path, only: str | None,
                summaries: list[dict] | None = None) -> tuple[str, list[dict]] | None:
    """The trajectory in ``minutes_dir`` (or ``only``) and its meetings; a message and None when
    there is none, or more than one and none was chosen."""
    from copsession.i18n import Catalog
    from copsession.series import meetings_of

    if summaries is None:  # the caller may have read the folder already
        summaries = _scan(minutes_dir).summaries
    names = list(dict.fromkeys(str(s.get("series", "")) for s in summaries if s.get("happened")))
    tr = Catalog(_cli_language())
    if only is not None:
        names = [n for n in names if n == only]
        if not names:
            print(tr("cli.no_meetings_series", series=only, folder=minutes_dir), file=sys.stderr)
            return None
    if not names:
        print(tr("trajectory.no_meetings", folder=minutes_dir), file=sys.stderr)
        return None
    if len(names) > 1:
        print(tr("trajectory.which_series", folder=minutes_dir, names=", ".join(names)), file=sys.stderr)
        return None
    return names[0], meetings_of(summaries, names[0])


def cmd_trajectory(parsed: argparse.Namespace) -> int:
    """Make, show, shorten or extend the plan of the trajectory; write it and its calendar."""
    from datetime import datetime, timezone
    from datetime import time as clock_time

    from copsession.i18n import Catalog
    from copsession.storage import StorageError, ensure_folder
    from copsession.trajectory import (
        CALENDAR_FILE, PLAN_FILE, PlanError, calendar_bytes, make_plan, plan_text, read_plan, render_plan, resize,
        revised, write_new,
    )
    from copsession.trajectory import plain_name as plan_name

    folder = parsed.minutes_dir
    plan_path = folder / PLAN_FILE
    @functools.cache
    def summaries() -> tuple[dict, ...]:
        """The folder's meetings, read once (and any damaged record named once)."""
        return tuple(_scan(folder).summaries) if folder.exists() else ()

    def held_of(series: str) -> int:
        return sum(1 for s in summaries() if s.get("series") == series and s.get("happened"))

    try:
        if parsed.start is not None:
            if plan_path.exists():
                raise PlanError(f"{plan_path}: a plan exists already; change it with --extend or --shorten",
                                "plan.exists", path=plan_path)
            try:
                at = clock_time.fromisoformat(parsed.time)
            except ValueError:
                raise PlanError(f"{parsed.time!r} is not a time like 14:00", "plan.bad_time", time=parsed.time) from None
            series = parsed.series or (_one_series(folder, None) or (None,))[0]
            if not series:
                raise PlanError("name the trajectory with --series", "plan.name_it")
            plan = make_plan(series, parsed.lang or _cli_language(), parsed.start, parsed.every, parsed.meetings,
                             at=at, minutes=parsed.length, location=parsed.location)
            replace_own = False
        else:
            plan = read_plan(plan_path)
            replace_own = True
            if parsed.series is not None and plan_name(parsed.series).casefold() != plan.series.casefold():
                raise PlanError(f"{plan_path}: this is the plan of {plan.series!r}", "plan.other_series",
                                path=plan_path, series=plan.series)
            if parsed.extend < 0 or parsed.shorten < 0:
                raise PlanError("--extend and --shorten take a number of 1 or more", "plan.negative",
                                count=min(parsed.extend, parsed.shorten))
            if parsed.extend and parsed.shorten:
                raise PlanError("give either --extend or --shorten, not both", "plan.one_change")
            if parsed.extend or parsed.shorten:
                count = len(plan.meetings) + parsed.extend - parsed.shorten
                done = held_of(plan.series)
                if 0 < done and count < done:
                    raise PlanError(f"{done} meetings are held already", "plan.below_held", held=done, count=count)
                plan = revised(plan, resize(plan, count), datetime.now(timezone.utc))
    except PlanError as error:
        print(_told(error, parsed.lang), file=sys.stderr)
        return 1
    tr = Catalog(plan.language)
    print(render_plan(plan, tr, held_of(plan.series)))
    if parsed.start is None and not (parsed.extend or parsed.shorten):
        return 0
    try:
        ensure_folder(folder)
        text, calendar = plan_text(plan), calendar_bytes(plan, tr)  # both made before either is written
        for target in (plan_path, folder / CALENDAR_FILE):
            if target.is_symlink():
                raise StorageError(f"{target}: is a symbolic link; nothing was written", "storage.symlink",
                                   path=target)
        write_new(plan_path, text, replace_own=replace_own)
        write_new(folder / CALENDAR_FILE, calendar, replace_own=True)
    except StorageError as error:
        print(_told(error, plan.language), file=sys.stderr)
        return 1
    print()
    print(tr("trajectory.written", plan=plan_path, calendar=folder / CALENDAR_FILE))
    return 0


def cmd_next(minutes_dir: Path, only: str | None, out: Path | None) -> int:
    """Write the next meeting's worksheet from the previous meeting and the plan; with a plan and no
    meeting held yet, the kick-off's worksheet from the plan alone."""
    from datetime import date, timedelta

    from copsession.bundled import find_bundled
    from copsession.formats import weekday_date
    from copsession.i18n import Catalog
    from copsession.recordfile import RecordError, read_document
    from copsession.storage import StorageError, records_dir, slugify
    from copsession.trajectory import PLAN_FILE, NextMeeting, PlanError, next_worksheet, read_plan, write_new
    from copsession.worksheet import WorksheetError, parse_worksheet

    try:
        plan = read_plan(minutes_dir / PLAN_FILE)
    except PlanError as error:
        if error.key != "plan.none":  # a plan that cannot be used is named, never passed over
            print(_told(error), file=sys.stderr)
            return 1
        plan = None  # no plan (yet): the cadence decides the date, and the meeting is a regular one
    found = _scan(minutes_dir).summaries
    held = [s for s in found if s.get("happened")]
    if plan is not None and (only is None or only == plan.series) and not any(
            s.get("series") == plan.series for s in held):
        # the trajectory is planned and nothing is held yet: the kick-off, from the plan
        series, meetings, doc, language = plan.series, [], None, plan.language
    else:
        chosen = _one_series(minutes_dir, only, found)
        if chosen is None:
            return 1
        series, meetings = chosen
        last = meetings[-1]
        try:
            doc = read_document(records_dir(minutes_dir) / last["file"])
        except RecordError as error:
            print(_told(error, last.get("language")), file=sys.stderr)
            return 1
        language = last.get("language", "en")
        language = language if language in ("en", "nl") else "en"
    number = len(meetings) + 1
    if meetings:
        weeks = meetings[-1].get("cadence_weeks") or (plan.cadence_weeks if plan else 6)
        upcoming_date, phase = date.fromisoformat(meetings[-1]["date"]) + timedelta(weeks=weeks), "regular"
    else:
        upcoming_date, phase = plan.start, "kickoff"
    own_plan = plan is not None and plan.series == series
    if own_plan:
        planned = [m for m in plan.meetings if m.number == number]
        if planned:
            upcoming_date, phase = planned[0].date, planned[0].phase
    carried = meetings[-1].get("carry", []) if meetings else []
    upcoming = NextMeeting(number, upcoming_date, phase,
                           goals=[c["text"] for c in carried if c.get("kind") == "goal"],
                           agreements=[c["text"] for c in carried if c.get("kind") == "agreement"],
                           series=series,
                           start=plan.time if own_plan else None, location=plan.location if own_plan else "",
                           cadence_weeks=plan.cadence_weeks if own_plan else None)
    template = find_bundled(f"{phase}.{language}")
    previous = str(doc.get("worksheet", "")) if doc is not None else (template.text if template else "")
    text = next_worksheet(previous, list(doc.get("added", [])) if doc is not None else [], upcoming,
                          template.text if template else None)
    target = out or Path(f"{upcoming_date.isoformat()}-{slugify(series)}.toml")
    try:
        parse_worksheet(text, str(target))  # it must be a valid worksheet, as it is
        write_new(target, text)
    except (WorksheetError, StorageError) as error:
        print(_told(error, language), file=sys.stderr)
        return 1
    tr = Catalog(language)
    print(tr("trajectory.next_written", path=target, number=number, date=weekday_date(upcoming_date, language),
             phase=tr("phase." + phase)))
    return 0


def cmd_report(minutes_dir: Path, only: str | None, formats: list[str]) -> int:
    """Write the report of the whole trajectory (or of the meetings so far) beside the minutes."""
    from copsession.i18n import Catalog
    from copsession.storage import StorageError, slugify
    from copsession.trajectory import PLAN_FILE, PlanError, read_plan, render_report, write_new

    chosen = _one_series(minutes_dir, only)
    if chosen is None:
        return 1
    series, meetings = chosen
    language = meetings[-1].get("language", "en")
    tr = Catalog(language if language in ("en", "nl") else "en")
    try:
        plan = read_plan(minutes_dir / PLAN_FILE)
        plan = plan if plan.series == series else None
    except PlanError:
        plan = None
    word = "rapportage" if tr.language == "nl" else "report"
    target = minutes_dir / f"{slugify(series)}-{word}.md"
    try:
        write_new(target, render_report(meetings, tr, plan), replace_own=True)
    except StorageError as error:
        print(_told(error, tr.language), file=sys.stderr)
        return 1
    print(tr("report.written", path=target))
    if formats:
        return cmd_export(target, formats, tr.language)
    return 0


def cmd_export(source: Path, formats: list[str], language: str | None) -> int:
    """Write ``source`` (Markdown that copsession wrote) as documents beside it."""
    from copsession.export import ExportError, export_all
    from copsession.storage import StorageError

    language = language or _document_language(source) or _cli_language()
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
    from copsession.index import scan

    from copsession.storage import minutes_stem

    stem = minutes_stem(source)
    for summary in scan(source.parent).summaries:
        if Path(str(summary.get("minutes_file", ""))).stem == stem:
            language = summary.get("language")
            return language if language in ("en", "nl") else None
    return None


def cmd_plan(name: str) -> int:
    from datetime import date

    from copsession.plan import render_plan

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
    from copsession.schema import schema_text

    return _write_new(path, schema_text())


def cmd_schema(path: Path | None) -> int:
    from copsession.schema import schema_text

    if path is None or str(path) == "-":
        sys.stdout.write(schema_text())
        return 0
    error = _write_schema(path)
    if error:
        print(error, file=sys.stderr)
        return 1
    print(_tr()("cli.wrote", path=path))
    return 0


def _write_new(path: Path, text: str, language: str | None = None) -> str | None:
    """Create ``path`` with ``text``; never overwrites a file and never writes through a symbolic
    link (even one that points nowhere). The reason, when it could not be written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        key = "cli.new_symlink" if path.is_symlink() else "cli.new_exists"
        return _tr(language)(key, path=path)
    except OSError as exc:
        from copsession.storage import os_problem

        return _told(os_problem(path, exc), language)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return None


def cmd_list() -> int:
    for bundled in bundled_worksheets():
        try:
            ws = bundled.load()
        except WorksheetError as error:  # a broken bundled file is a bug, but say so plainly
            print(f"{bundled.name:<24} ({_tr()('cli.broken', problem=error.problems[0])})")
            continue
        meeting = f" — {ws.meeting}" if ws.meeting else ""
        print(f"{bundled.name:<24} {ws.language}  {ws.title}{meeting}")
    return 0


def cmd_new(path: Path, language: str) -> int:
    from copsession.starter import starter_worksheet

    tr = _tr(language)
    error = _write_new(path, starter_worksheet(language, path.name), language)
    if error:
        print(error, file=sys.stderr)
        return 1
    from copsession.schema import SCHEMA_FILE

    schema = path.with_name(SCHEMA_FILE)
    if not schema.exists() and not schema.is_symlink():
        error = _write_schema(schema)
        if error:
            print(tr("cli.warning", text=error), file=sys.stderr)
    else:
        print(tr("cli.schema_kept", path=schema), file=sys.stderr)
    print(tr("cli.new_written", path=path))
    return 0


class _Shown:
    """A text stream that shows control characters (``\\x1b``) instead of sending them to the terminal.

    Everything a command prints goes through it: worksheet titles and key names, record contents,
    paths. A file can never retitle the terminal, write the clipboard or move the cursor.
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from copsession.worksheet import visible

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
    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
        args.insert(0, "run")  # `copsession WORKSHEET` and `copsession --bell` mean `copsession run ...`
    if not args:
        args = ["run"]
    command = ALIASES.get(args[0], args[0])
    parsed = _parser(only=command if command in COMMANDS else None).parse_args(args)
    if parsed.command in ("run", "resume") or (parsed.command == "show" and not parsed.web):
        # a window opens in this process (not the web server's: it runs for hours): see copsession.startup
        from copsession import startup

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
                sys.__stderr__.write(f"copsession: the output cannot be written: {os.strerror(error.errno)}\n")
            except OSError:
                pass
            return 74
        return _crashed(error, getattr(parsed, "minutes_dir", None))
    except Exception as error:  # noqa: BLE001 - the last edge: a calm message and a report, never a traceback
        return _crashed(error, getattr(parsed, "minutes_dir", None))
    finally:
        from copsession import startup

        startup.resume_collector()  # when no window painted (an error, the output not a terminal)


def _crashed(error: BaseException, minutes_dir: Path | None) -> int:
    """An unexpected error outside a running meeting: a report in the records folder, a calm message."""
    from datetime import datetime

    from copsession.i18n import Catalog
    from copsession.persistence import write_crash_report

    report = "–"
    if minutes_dir is not None:
        report = str(write_crash_report(minutes_dir, error, datetime.now()) or "–")
    print(_printable(Catalog(_cli_language())("cli.crashed", report=report)), file=sys.stderr)
    return 70


def _dispatch(parsed: argparse.Namespace) -> int:
    """Run the command the arguments name."""
    if getattr(parsed, "minutes_dir", False) is None and parsed.command != "run":
        # not tied to a worksheet: the folder of the user's language, or the one that holds meetings
        from copsession.storage import default_minutes_folder

        parsed.minutes_dir = default_minutes_folder(getattr(parsed, "lang", None) or _cli_language())
    commands = {
        "run": lambda: cmd_run(parsed.worksheet, parsed.minutes_dir, parsed.bell, parsed.theme, parsed.practice),
        "resume": lambda: cmd_resume(parsed.minutes_dir, parsed.bell, parsed.theme),
        "show": lambda: cmd_show(parsed.minutes_dir, parsed.web, parsed.port, parsed.host, parsed.network,
                                 parsed.series),
        "validate": lambda: cmd_validate(parsed.files),
        "plan": lambda: cmd_plan(parsed.worksheet),
        "schema": lambda: cmd_schema(parsed.path),
        "history": lambda: cmd_history(parsed.minutes_dir, parsed.series),
        "brief": lambda: cmd_brief(parsed.source),
        "list": cmd_list,
        "export": lambda: cmd_export(parsed.source, parsed.formats, parsed.lang),
        "trajectory": lambda: cmd_trajectory(parsed),
        "next": lambda: cmd_next(parsed.minutes_dir, parsed.series, parsed.out),
        "report": lambda: cmd_report(parsed.minutes_dir, parsed.series, parsed.formats),
        "new": lambda: cmd_new(parsed.path, parsed.lang or _cli_language()),
    }
    return commands[ALIASES.get(parsed.command, parsed.command)]()
