"""``copsession show``: the audience window for a second screen, in this terminal or in browser tabs."""

from __future__ import annotations

import sys
from pathlib import Path

from copsession.audience_web import serve
from copsession.cli.common import _needs_a_terminal, _printable, _tr
from copsession.running import running_meetings
from copsession.settings import user_language
from copsession.ui.audience import run_audience


def cmd_show(
    minutes_dir: Path,
    web: bool = False,
    port: int = 8000,
    host: str | None = None,
    network: bool = False,
    series: str | None = None,
) -> int:
    """The read-only audience window, in this terminal or (``web``) in browser tabs: it follows one
    running meeting, of ``series`` or the only one that runs (asked here when several run)."""
    if not web and _needs_a_terminal():
        return 1
    decided, chosen = _choose_meeting(minutes_dir, series)
    if not decided:
        return 2
    if web:
        return serve(minutes_dir, host=host, port=port, network=network, language=user_language(), series=chosen)

    return run_audience(minutes_dir, chosen)


def _choose_meeting(minutes_dir: Path, series: str | None) -> tuple[bool, str | None]:
    """Whether it is decided, and the series whose meeting the audience window follows: ``series``
    as given, the one running meeting's (None: whichever starts first), or chosen here when several
    run. Not decided: several run and none could be chosen (no terminal to ask in, or no answer)."""

    if series is not None:
        if not series.strip():
            print(_tr()("cli.show_empty_series"), file=sys.stderr)
            return False, None
        return True, series
    running = running_meetings(minutes_dir)
    names = sorted({r.series for r in running}, key=str.casefold)
    if len(names) <= 1:
        return True, None
    tr = _tr()
    if not sys.stdin.isatty():
        print(tr("cli.show_several", names=", ".join(_printable(n) for n in names)), file=sys.stderr)
        return False, None
    print(tr("cli.show_which"))
    for number, name in enumerate(names, 1):
        print(f"  {number}. {_printable(name)}")
    try:
        answer = input(tr("cli.show_number", count=len(names)))
    except EOFError:
        return False, None
    if answer.strip().isdigit() and 1 <= int(answer) <= len(names):
        return True, names[int(answer) - 1]
    print(tr("cli.show_several", names=", ".join(_printable(n) for n in names)), file=sys.stderr)
    return False, None
