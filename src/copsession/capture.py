"""The quick-capture syntax: one line typed in a step's capture box.

``/action Write the proposal @Fatima 2026-12-10`` is an action with an owner
and a due date; ``/concern …``, ``/result …`` and ``/question …`` capture those
kinds; plain text is a note. Dutch meetings also accept ``/actie``, ``/zorg``,
``/resultaat`` and ``/vraag``. Mistakes come back as a :class:`CaptureError`
so that the box can point them out instead of storing something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from copsession.worksheet import clean_text

COMMANDS: dict[str, dict[str, str]] = {
    "en": {"action": "action", "concern": "concern", "result": "result", "question": "question", "private": "private"},
    "nl": {"actie": "action", "zorg": "concern", "resultaat": "result", "vraag": "question", "prive": "private"},
}
"""Command words per language, mapped to note kinds."""

_DATE = re.compile(r"(?:^|\s)(\d{4}-\d{1,2}-\d{1,2})\s*$")


@dataclass(frozen=True)
class Capture:
    """A parsed line, ready to be stored."""

    kind: str
    text: str
    owner: str = ""
    due: date | None = None


@dataclass(frozen=True)
class CaptureError:
    """Why a line cannot be stored; ``key`` is a catalog key, ``values`` its placeholders."""

    key: str
    values: dict[str, str]


def command_words(language: str) -> dict[str, str]:
    """The command words accepted in a meeting of ``language``: English always, Dutch in Dutch meetings."""
    words = dict(COMMANDS["en"])
    if language != "en":
        words.update(COMMANDS[language])
    return words


def parse_capture(line: str, names: Iterable[str], language: str = "en") -> Capture | CaptureError | None:
    """Parse one typed line; None for an empty line. Control characters never get through."""
    line = " ".join(clean_text(line).splitlines()).strip()
    if not line:
        return None
    if not line.startswith("/") or line.startswith("//"):
        return Capture("note", line[1:] if line.startswith("//") else line)
    word, _, rest = line[1:].partition(" ")
    words = command_words(language)
    kind = words.get(word.casefold())
    if kind is None:
        known = ", ".join("/" + w for w in words)
        return CaptureError("ui.capture_error_command", {"word": "/" + word, "known": known})
    rest = rest.strip()
    owner = ""
    due = None
    if kind == "action":
        match = _DATE.search(rest)
        if match:
            try:
                due = date.fromisoformat(_pad_date(match.group(1)))
            except ValueError:
                return CaptureError("ui.capture_error_date", {"text": match.group(1)})
            rest = rest[: match.start()].rstrip()
        rest, owner_or_error = _take_owner(rest, list(names))
        if isinstance(owner_or_error, CaptureError):
            return owner_or_error
        owner = owner_or_error
    if not rest:
        return CaptureError("ui.capture_error_empty", {"word": "/" + word})
    return Capture(kind, rest, owner, due)


def _pad_date(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _take_owner(text: str, names: list[str]) -> tuple[str, str | CaptureError]:
    """Find ``@Name`` (a participant's full name, spaces allowed) and cut it out."""
    at = text.rfind("@")
    while at != -1 and at > 0 and not text[at - 1].isspace():
        at = text.rfind("@", 0, at)  # an e-mail address is not an owner
    if at == -1:
        return text, ""
    after = text[at + 1:]
    for name in sorted(names, key=len, reverse=True):
        if after.casefold().startswith(name.casefold()):
            tail = after[len(name):]
            if not tail or tail[0].isspace():
                return (text[:at] + tail).strip(), name
    token = after.split()[0] if after.split() else ""
    return text, CaptureError("ui.capture_error_name", {"name": token})


def suggestion(line: str, names: Iterable[str], language: str = "en") -> str | None:
    """The completion of a partly typed ``/command`` or trailing ``@name``, for the box's suggester."""
    if line.startswith("/") and " " not in line:
        typed = line[1:].casefold()
        for word in command_words(language):
            if word.startswith(typed) and word != typed:
                return "/" + word + " "
        return None
    at = line.rfind("@")
    if at == -1 or (at > 0 and not line[at - 1].isspace()):
        return None
    typed = line[at + 1:].casefold()
    if not typed:
        return None
    for name in names:
        if name.casefold().startswith(typed) and name.casefold() != typed:
            return line[: at + 1] + name
    return None


def parse_follow_up(line: str, names: Iterable[str]) -> tuple[str, str] | CaptureError:
    """A concern's follow-up: ``"Raise it with the board @Joost"`` → text and owner."""
    line = " ".join(clean_text(line).splitlines()).strip()
    text, owner = _take_owner(line, list(names))
    if isinstance(owner, CaptureError):
        return owner
    return text, owner
