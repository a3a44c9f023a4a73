"""Terminal input that never ends the app: invalid UTF-8 becomes a replacement character.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder. One invalid
byte — a paste from a document in another encoding, a terminal set to Latin-1 — raises in its
input thread, which then stops the app (with exit status 0, so not even the shell notices).
copsession decodes terminal input with ``errors="replace"`` instead: the byte shows as "�", the
meeting goes on, and nothing typed before or after it is lost.
"""

from __future__ import annotations

import codecs
import functools


def _tolerant_decoder(encoding: str):
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_invalid_input() -> None:
    """Make the terminal driver replace undecodable input instead of failing on it (idempotent)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - not on this platform (Windows has its own driver)
        return
    if getattr(linux_driver, "getincrementaldecoder", None) is codecs.getincrementaldecoder:
        linux_driver.getincrementaldecoder = _tolerant_decoder
