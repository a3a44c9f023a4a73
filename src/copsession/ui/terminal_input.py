"""Terminal input that never ends the app and never turns pasted text into keys.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder. One invalid
byte — a paste from a document in another encoding, a terminal set to Latin-1 — raises in its
input thread, which then stops the app (with exit status 0, so not even the shell notices).
And inside a bracketed paste, an escape or control character (a paste from a terminal log, a
hostile document) is re-issued as key presses: a pasted BEL became Ctrl+G (a minute added),
a pasted ESC an Escape that cleared the box, and the rest of the paste arrived out of order.

copsession gives the driver a decoder of its own: invalid UTF-8 becomes "�", and the content of a
bracketed paste loses its control characters (line breaks and tabs stay) before Textual's parser
sees it, so a paste is always one paste of plain text.
"""

from __future__ import annotations

import codecs
import re

from copsession.ui.textual_private import replace_input_decoder

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
_PASTE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters dropped from pasted text: all of C0 (ESC and BEL among them) but tab, line
feed and carriage return, and all of C1."""


def _partial_suffix(text: str, marker: str) -> int:
    """How many characters at the end of ``text`` could be the start of ``marker``."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


class TerminalInputDecoder:
    """An incremental UTF-8 decoder for terminal input (see the module's docstring)."""

    def __init__(self, errors: str = "replace") -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._in_paste = False
        self._held = ""
        """Inside a paste: what may be the start of its end marker, kept until the next read."""
        self._recent = ""
        """Outside a paste: the last characters passed on, which may be the start of a start marker
        (they are passed on at once: a lone Escape key must never wait for the next read)."""

    def decode(self, data: bytes, final: bool = False) -> str:
        text = self._held + self._decoder.decode(data, final)
        self._held = ""
        out: list[str] = []
        position = 0
        while position < len(text):
            if not self._in_paste:
                seen = self._recent + text[position:]
                start = seen.find(PASTE_START)
                if start == -1:
                    out.append(text[position:])
                    self._recent = seen[-(len(PASTE_START) - 1) :]
                    break
                end_of_marker = position + start + len(PASTE_START) - len(self._recent)
                out.append(text[position:end_of_marker])
                position = end_of_marker
                self._recent = ""
                self._in_paste = True
            else:
                end = text.find(PASTE_END, position)
                if end == -1:
                    rest = text[position:]
                    held = _partial_suffix(rest, PASTE_END) if not final else 0
                    out.append(_PASTE_CONTROL.sub("", rest[: len(rest) - held]))
                    self._held = rest[len(rest) - held :]
                    break
                out.append(_PASTE_CONTROL.sub("", text[position:end]) + PASTE_END)
                position = end + len(PASTE_END)
                self._in_paste = False
        return "".join(out)


def _decoder_factory(encoding: str):
    return TerminalInputDecoder


def tolerate_invalid_input() -> None:
    """Give the terminal driver copsession's input decoder (idempotent)."""
    replace_input_decoder(_decoder_factory)
