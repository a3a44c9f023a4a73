"""Every private Textual name copsession uses, in one place, each with the reason it is needed.

Textual has no public API for these three things. Everything else in copsession uses Textual's
public API only (``tests/test_textual_private.py`` proves it by reading the source). Textual is
pinned to one version in ``pyproject.toml``; before moving that pin, run
``tests/test_textual_private.py``: each check there fails loudly when Textual changes what a use
here relies on, instead of copsession silently falling back to something worse on the group's
screen.

1. **The exception hook** (``App._handle_exception``). Every unexpected error in the app ends up
   there. Textual's own report is a traceback with the local variables of every frame, which hold
   the meeting's notes (private remarks among them), drawn on the group's screen. copsession saves
   the record, writes a crash report without meeting content and stops with a calm message
   instead (:class:`CalmCrashes`).
2. **The footer's key** (``textual.widgets._footer.FooterKey``). copsession's footer fits the
   keys to the width (Textual's lets a long line run off a 60-column screen). It builds its keys
   from Textual's own key widget, so they look, highlight and respond to clicks as Textual's do;
   that widget is not exported.
3. **The terminal's input decoder** (``textual.drivers.linux_driver.getincrementaldecoder``).
   Textual's Linux driver decodes input with a strict UTF-8 decoder: one invalid byte (a paste
   from a document in another encoding) ends the app, and control characters inside a bracketed
   paste are re-issued as key presses. The driver looks the decoder factory up in its module when
   its input thread starts; copsession puts its own there (:mod:`copsession.ui.terminal_input`).
"""

from __future__ import annotations

import codecs

from rich.text import Text
from textual.widgets._footer import FooterKey  # (2) the footer's key, see the module's docstring

__all__ = ["CalmCrashes", "CalmStop", "FooterKey", "replace_input_decoder"]


class CalmStop(Exception):
    """The calm message shown instead of a traceback when an app has to stop."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __rich__(self) -> Text:
        return Text(self.message)


class CalmCrashes:
    """(1) For an App (a mixin, before ``App``): every unexpected error goes to :meth:`calm_stop`,
    whose message is shown instead of Textual's traceback."""

    def calm_stop(self, error: Exception) -> CalmStop:
        """Do what must be done before the app stops (save, report; without raising) and say so calmly."""
        raise NotImplementedError

    def _handle_exception(self, error: Exception) -> None:
        super()._handle_exception(self.calm_stop(error))  # type: ignore[misc]


def replace_input_decoder(factory) -> bool:
    """(3) Make Textual's Linux driver decode terminal input with ``factory`` (an incremental decoder
    factory, given the encoding). True when it was put in place now, False when it already was
    (idempotent) or this platform has no Linux driver (Windows has its own)."""
    try:
        # lazy: Textual's Linux driver, 5.7 ms (10 modules) at start-up (importtime, 7 Dec 2026)
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - not on this platform
        return False
    if getattr(linux_driver, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
        linux_driver.getincrementaldecoder = factory
        return True
    return False
