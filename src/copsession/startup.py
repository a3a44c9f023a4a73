"""Start-up pacing of Python's cyclic garbage collector.

While a meeting window starts, Python and Textual build a few hundred thousand objects that live as
long as the program. The cyclic collector would walk them again and again while they are being
built (about 15–20 ms of a start-up on the build machine) and, later, in every full collection: a
pause of tens of milliseconds in the middle of typing. So the commands that open a window pause
the collector until the first frame is painted; then everything built so far is frozen (``gc.freeze``:
it is left out of every later collection; it is still freed by reference counting) and the
collector runs again as usual. This is Python's documented way to keep long-lived objects out of
the collector's way; nothing else changes.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Pause the cyclic collector until :func:`settle` or :func:`resume_collector` (if it runs now)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """The first frame is painted: freeze what start-up built and let the collector run again.

    Only after :func:`pause_collector` (once per program: the command that opens the window); a
    window opened in a test or by other code leaves the collector as it found it.
    """
    if _paused:
        gc.freeze()
        resume_collector()


def resume_collector() -> None:
    """Let the collector run again if :func:`pause_collector` paused it (safe to call twice)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
