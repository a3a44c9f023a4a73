"""What every command shares: the user's language, messages on one line, worksheets by name or file."""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path

from copsession.bundled import find_bundled
from copsession.i18n import Catalog
from copsession.index import scan
from copsession.series import meetings_of
from copsession.settings import user_language
from copsession.storage import Problem, os_problem
from copsession.worksheet import Worksheet, WorksheetError, load_worksheet


def _resolve(name: str) -> Worksheet:
    """Load a worksheet from a path, or a bundled worksheet by name."""
    path = Path(name)
    if not path.exists():
        bundled = find_bundled(name)
        if bundled is not None:
            return bundled.load()
    return load_worksheet(path, language=user_language())


def _print_error(error: WorksheetError) -> None:
    for problem in error.problems:
        print(f"{error.source}: {problem}", file=sys.stderr)


def _tr(language: str | None = None):
    """The catalog of ``language``, or of the user's language (``$LANG``) when not tied to a worksheet."""

    return Catalog(language if language in ("en", "nl") else user_language())


def _told(error: BaseException, language: str | None = None) -> str:
    """A problem's message on one line, in ``language`` (else the user's language)."""

    language = language if language in ("en", "nl") else user_language()
    return _printable(error.told(language) if isinstance(error, Problem) else str(error))


def _scan(minutes_dir: Path, only_series: str | None = None):
    """The meetings in ``minutes_dir`` from the series index (see :func:`copsession.index.scan` for
    ``only_series``); each unusable record is named once."""

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


def at_a_terminal() -> bool:
    """Whether a command may ask a question: a person at a terminal on both ends, and not a CI run
    (``trajectory --start`` asks what it was not told, ``next`` which questions to keep)."""
    if os.environ.get("CI"):
        return False
    return sys.stdin.isatty() and sys.__stdout__ is not None and sys.__stdout__.isatty()


def _whole_number(text: str) -> int:
    """A whole number given on the command line (``--every 4``); anything else is refused in the
    user's language, naming what was given."""
    cleaned = text.strip()
    if re.fullmatch(r"[-+]?\d+", cleaned):
        try:
            return int(cleaned)  # how large it may be is the command's to say (a plan names its limits)
        except ValueError:  # more digits than Python converts
            pass
    raise argparse.ArgumentTypeError(Catalog(user_language())("cli.not_whole_number", text=_printable(text)))


def _date_argument(text: str):
    """A date as the user's language types it: ISO always, and 14-01-2027 in Dutch (the glossary)."""

    language = user_language()
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


def _one_series(
    minutes_dir: Path, only: str | None, summaries: list[dict] | None = None
) -> tuple[str, list[dict]] | None:
    """The trajectory in ``minutes_dir`` (or ``only``) and its meetings; a message and None when
    there is none, or more than one and none was chosen."""

    if summaries is None:  # the caller may have read the folder already
        summaries = _scan(minutes_dir).summaries
    names = list(dict.fromkeys(str(s.get("series", "")) for s in summaries if s.get("happened")))
    tr = Catalog(user_language())
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
        return _told(os_problem(path, exc), language)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return None
