"""The quick-capture syntax: one line typed in a step's capture box.

``/action Write the proposal @Fatima 2026-12-10`` is an action with an owner
and a due date; ``/concern …``, ``/result …`` and ``/question …`` capture those
kinds; plain text is a note. Dutch meetings also accept ``/actie``, ``/zorgpunt``,
``/resultaat`` and ``/vraag``. The kinds and their words are one table, :data:`NOTE_KINDS_TABLE`.
Mistakes come back as a :class:`CaptureError` so that the box can point them out instead of storing
something else.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from copsession.i18n import Catalog, languages
from copsession.worksheet import clean_text


@dataclass(frozen=True)
class ReportSection:
    """How the trajectory's report (:func:`copsession.trajectory.render_report`) shows a kind of note.

    The report is written from the meetings' summaries alone. A kind that travels to the next
    meetings (:attr:`NoteKind.carries`) shows what is still open, or in force, after the last meeting;
    any other kind lists every meeting's notes of it, which :func:`copsession.series.summarise`
    collects for it. Actions and take-backs have a layout of their own (see
    :data:`copsession.trajectory.REPORT_LAYOUTS`)."""

    title: str
    """The catalog key of the section's title."""
    place: int = 105
    """Where the section stands among the report's own sections (see
    :data:`copsession.trajectory.REPORT_PLACES`: the central question at 10, the meetings at 30, who
    took part at 40, what was learnt at 60, the pulse at 110, how the movement continues at 130). By
    default a new kind comes after the take-backs (100), before the pulse."""
    empty: str = ""
    """The catalog key of the sentence an empty section says; empty: no section when there is nothing."""
    dated: bool = False
    """Each line says the date of the meeting that named it."""
    once: bool = False
    """A text named twice in one meeting is listed once (a source cited again)."""


@dataclass(frozen=True)
class NoteKind:
    """One kind of captured line: whether it is typed as a command, and how it is shown.

    Adding a capture command is adding a row to :data:`NOTE_KINDS_TABLE` (and its catalog lines: its
    command words ``capture.words.<kind>``, ``help.capture_<kind>``, ``note_kind.<kind>``): the
    parser, the completion, the help screen, the lists, the minutes, the recap, the brief, the
    meetings' summaries and the trajectory's report all read it.
    """

    kind: str
    command: bool
    """Typed as a command (``/action``); its words are the catalog's ``capture.words.<kind>`` in each
    language, separated by spaces, the first one shown and completed."""
    mark: str
    """The sign before it in lists on screen."""
    owner_and_date: bool = False
    """Takes ``@who`` and a due date."""
    section: str = ""
    """The catalog key of its own section in the minutes, which lists it from every step (in this
    table's order); empty: it stays with the step it was typed in, or (private) is never shown."""
    carries: bool = False
    """It travels to the next meetings of the trajectory (see :data:`copsession.record.CARRIED_KINDS`)
    until the group closes it."""
    private: bool = False
    """Only the facilitator sees it: never on a shared surface (the audience window, the presenter
    view, the browser page), never in the minutes, the brief, the report or an export."""
    only_when_present: bool = False
    """Its sections appear only when the meeting named some (a kick-off's goals, a closing's decisions);
    other sections say in words that there are none yet."""
    outward: str = ""
    """The catalog key of its section in what goes outside the group (the brief), empty: not there.
    The recap at the end of the meeting shows the same kinds, so the group checks what goes out."""
    report: ReportSection | None = None
    """Its section in the report of the whole trajectory; None: not there."""


NOTE_KINDS_TABLE: list[NoteKind] = [
    NoteKind("note", False, "•"),
    NoteKind(
        "goal",
        True,
        "◎",
        section="minutes.goals_agreed",
        carries=True,
        outward="minutes.goals_agreed",
        only_when_present=True,
        report=ReportSection("minutes.goals_agreed", place=20, empty="report.no_goal"),
    ),
    NoteKind(
        "agreement",
        True,
        "≡",
        section="minutes.agreements",
        carries=True,
        outward="minutes.agreements",
        only_when_present=True,
        report=ReportSection("minutes.agreements", place=25),
    ),
    NoteKind(
        "result",
        True,
        "✓",
        section="minutes.results",
        outward="minutes.results",
        report=ReportSection("report.results", place=50, empty="report.no_results", dated=True),
    ),
    NoteKind(
        "decision",
        True,
        "⚑",
        section="minutes.decisions",
        outward="minutes.decisions",
        only_when_present=True,
        report=ReportSection("report.decisions", place=120, empty="report.none"),
    ),
    NoteKind(
        "action",
        True,
        "→",
        owner_and_date=True,
        section="minutes.actions",
        carries=True,
        outward="brief.actions",
        report=ReportSection("report.actions", place=90, empty="report.no_actions"),
    ),
    NoteKind("concern", True, "!", section="minutes.concerns", carries=True),
    NoteKind(
        "question",
        True,
        "?",
        section="minutes.open_questions",
        carries=True,
        outward="minutes.open_questions",
        report=ReportSection("minutes.open_questions", place=80, empty="report.no_questions"),
    ),
    NoteKind(
        "takeback",
        False,
        "↩",
        section="minutes.takeback",
        carries=True,
        outward="brief.takeback",
        report=ReportSection("report.takeback", place=100, empty="report.none"),
    ),
    NoteKind(
        "source",
        True,
        "§",
        section="minutes.sources",
        outward="minutes.sources",
        only_when_present=True,
        report=ReportSection("report.sources", place=70, dated=True, once=True),
    ),
    NoteKind("private", True, "◌", private=True),
]
"""Every kind of note, in the order the help, the minutes, the recap and the brief list them."""

NOTE_KINDS: list[str] = [k.kind for k in NOTE_KINDS_TABLE]
"""What a captured line can be; ``takeback`` is what a participant takes back to their organisation;
``private`` is a remark only the facilitator sees (never in the minutes or the brief)."""

KIND_INFO: dict[str, NoteKind] = {k.kind: k for k in NOTE_KINDS_TABLE}


def note_kind(info: NoteKind) -> NoteKind:
    """Register a kind of note (a capture command): one row more in the table everything reads —
    the parser, the completion, the help, the lists, the minutes, the recap, the brief, the summaries
    and the report (plus its catalog lines: ``capture.words.<kind>``, ``note_kind.<kind>``,
    ``help.capture_<kind>`` and its sections' titles)."""
    if info.kind in KIND_INFO:
        raise ValueError(f"a kind of note {info.kind!r} exists already")
    NOTE_KINDS_TABLE.insert(len(NOTE_KINDS_TABLE) - 1, info)  # the private remark stays last
    NOTE_KINDS.insert(len(NOTE_KINDS) - 1, info.kind)
    KIND_INFO[info.kind] = info
    return info


def is_open_question(kind: str, tag: str) -> bool:
    """What counts as an open question of the group, everywhere (minutes, recap, brief, report,
    carry-over): a ``/question``, and a note marked *not yet known*."""
    return kind == "question" or (kind == "note" and tag == "unknown")


def words_of(info: NoteKind, language: str) -> tuple[str, ...]:
    """The command words of a kind of note in ``language`` (none when it is not typed as a command)."""
    if not info.command:
        return ()
    return tuple(Catalog(language if language in languages() else "en")(f"capture.words.{info.kind}").split())


def _private_words() -> tuple[str, ...]:
    """The command words of every private kind, in every language (a line typed with another
    language's word is still private)."""
    return tuple(w for language in languages() for k in NOTE_KINDS_TABLE if k.private for w in words_of(k, language))


_LEADING = re.compile(r"^[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]+")
"""Spaces and invisible characters before a line's first visible one (a pasted zero-width space
or byte-order mark must not hide a command: "\u200b/private …" is a private remark)."""
_COMMAND = re.compile(r"/(\S*)\s*(.*)", re.DOTALL)


def _start_of(line: str) -> str:
    """``line`` from its first visible character on."""
    return _LEADING.sub("", line)


def _command_and_rest(line: str) -> tuple[str, str]:
    """A command line's word and the rest, split at any space (a no-break space too)."""
    found = _COMMAND.match(line)
    return (found.group(1), found.group(2)) if found else ("", line)


def is_private(kind: str) -> bool:
    """Whether a note of ``kind`` stays with the facilitator: the one rule for every shared surface,
    the minutes and every document made from them."""
    info = KIND_INFO.get(kind)
    return info is not None and info.private


def may_be_private(line: str, language: str) -> bool:
    """Whether a line being typed is, or may still become, a private remark: its command word is a
    private one, or the beginning of one ("/", "/pr"), in the meeting's language or the other (the
    parser takes a line the way it is stored; a screen the group sees masks it while this holds)."""
    line = _start_of(unicodedata.normalize("NFC", line))
    if not line.startswith("/") or line.startswith("//"):
        return False
    word, rest = _command_and_rest(line)
    space = len(line) > len(word) + 1
    word = word.casefold()
    words = _private_words()
    if space:
        return word in words
    return any(w.startswith(word) for w in words)


_ISO = re.compile(r"(?:^|\s)(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_NUMERIC = re.compile(r"(?:^|\s)(\d{1,2})([-/])(\d{1,2})(?:[-/](\d{4}|\d{2}))?\s*$")
_WORD = re.compile(r"(?:^|\s)(?:([^\W\d_]+)\s+)?([^\W\d_]+)\s*$")
_DAY_MONTH = re.compile(r"(?:^|\s)(?:([^\W\d_]+),?\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?(?:,?\s+(\d+))?\.?\s*$")
"""``3 maart``, ``15 jan.``, ``3 March 2027``, ``vrijdag 3 maart``: (weekday), day, month, (year); a dot
after the day for languages that write one (German ``3. März``)."""
_MONTH_DAY = re.compile(r"(?:^|\s)(?:([^\W\d_]+),?\s+)?([^\W\d_]+)\.?\s+(\d{1,2})(?:,?\s+(\d+))?\.?\s*$")
"""``March 3``, ``Mar. 3``, ``March 3, 2027``, ``Friday, March 3``: (weekday), month, day, (year)."""


def _relative_words(language: str) -> tuple[dict[str, int], set[str], set[str]]:
    """The words for a due date relative to today in ``language`` (the catalog's ``capture.days_ahead``:
    ``vandaag=0 morgen=1 overmorgen=2``), its words for "next" and for "week" (English's always too)."""
    ahead: dict[str, int] = {}
    nexts: set[str] = set()
    weeks: set[str] = set()
    for tr in (Catalog(language if language in languages() else "en"), Catalog("en")):
        for pair in tr("capture.days_ahead").split():
            word, _, days = pair.partition("=")
            if days.isdigit():
                ahead.setdefault(word.casefold(), int(days))
        nexts.update(w.casefold() for w in tr("capture.next").split())
        weeks.update(w.casefold() for w in tr("capture.week").split())
    return ahead, nexts, weeks


@functools.cache
def _month_words(language: str) -> tuple[dict[str, int], bool]:
    """The names of the months in ``language`` and in English (Babel's, any case, with or without a
    trailing dot), and whether ``language`` also writes the month first (``March 3``; a Dutch meeting
    reads ``3 March`` but not ``March 3``: "Jan 3" there is more likely someone called Jan)."""
    # lazy: Babel's dates, 1 ms at the start of `show`, which parses no line (importtime, 7 Dec 2026)
    from copsession.formats import month_first, month_names

    names: dict[str, int] = {}
    for lang in dict.fromkeys((language, "en")):
        for name, number in month_names(lang).items():
            names.setdefault(name, number)
    return names, month_first(language)


@dataclass(frozen=True)
class Capture:
    """A parsed line, ready to be stored."""

    kind: str
    text: str
    owner: str = ""
    due: date | None = None


@dataclass(frozen=True)
class CaptureError:
    """Why a line cannot be stored; ``key`` is a catalog key, ``values`` its placeholders.

    A ``confirmable`` error is a warning (a due date in the past): the same line entered again
    is stored after all.
    """

    key: str
    values: dict[str, str]
    confirmable: bool = False


def command_words(language: str) -> dict[str, str]:
    """The command words accepted in a meeting of ``language``, mapped to note kinds: the meeting's
    own words first, English ones always (a Dutch facilitator may type ``/action``)."""
    words: dict[str, str] = {}
    for lang in dict.fromkeys((language, "en")):
        for info in NOTE_KINDS_TABLE:
            for word in words_of(info, lang):
                words.setdefault(word, info.kind)
    return words


def shown_words(language: str) -> list[str]:
    """The command words shown and completed in a meeting of ``language``: one per kind, in its language."""
    out = []
    for info in NOTE_KINDS_TABLE:
        words = words_of(info, language)
        if words:
            out.append(words[0])
    return out


def parse_capture(
    line: str, names: Iterable[str], language: str = "en", today: date | None = None
) -> Capture | CaptureError | None:
    """Parse one typed line; None for an empty line. Control characters never get through.

    ``today`` anchors due dates typed as words (``vrijdag``, ``tomorrow``) or without a year (``31-12``).
    """
    line = _start_of(unicodedata.normalize("NFC", " ".join(clean_text(line).splitlines()).strip()))
    if not line:
        return None
    if not line.startswith("/") or line.startswith("//"):
        return Capture("note", line[1:] if line.startswith("//") else line)
    word, rest = _command_and_rest(line)
    words = command_words(language)
    kind = words.get(word.casefold())
    if kind is None:
        known = ", ".join("/" + w for w in shown_words(language))
        return CaptureError("ui.capture_error_command", {"word": "/" + word, "known": known})
    rest = rest.strip()
    owner = ""
    due = None
    if KIND_INFO[kind].owner_and_date:
        taken = take_due(rest, language, today or date.today())
        if isinstance(taken, CaptureError):
            return taken
        rest, due = taken
        rest, owner_or_error = _take_owner(rest, list(names))
        if isinstance(owner_or_error, CaptureError):
            return owner_or_error
        owner = owner_or_error
    if not rest:
        return CaptureError("ui.capture_error_empty", {"word": "/" + word})
    return Capture(kind, rest, owner, due)


def take_due(text: str, language: str, today: date) -> tuple[str, date | None] | CaptureError:
    """Cut a due date off the end of ``text``, as people type it.

    Both languages: ISO (``2026-12-31``), ``today``/``tomorrow``, a weekday (the next one after
    today), ``next week`` and a day with a month's name (``3 March``, ``15 Sept.``, ``3 March 2027``;
    without a year the next one), the English words in any meeting; Dutch also ``31-12-2026``,
    ``31-12``, ``31/12`` (the next 31 December), ``3 maart``, ``15 jan.`` and ``vandaag``,
    ``morgen``, ``overmorgen``, ``vrijdag``, ``volgende week``; English also ``March 3``, ``Mar. 3``,
    ``March 3, 2027``. In English ``31/12/2026`` could be either order: it is pointed out, with ISO
    and weekdays as the way out. A date that cannot be ("30 februari") is pointed out, never left in
    the text.
    """
    hint = Catalog(language if language in languages() else "en")("capture.date_hint")
    match = _ISO.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _dated(text, match, year, month, day, hint)
    match = _NUMERIC.search(text)
    # only what could be a date is read as one: "room 3-0" or "version 2.1" stay text
    if (
        match
        and 1 <= int(match.group(1)) <= 31
        and 1 <= int(match.group(3)) <= 31
        and (language == "nl" and int(match.group(3)) <= 12 or match.group(2) == "/")
    ):
        if language != "nl":
            return CaptureError("ui.capture_error_date_order", {"text": match.group(0).strip()})
        day, month = int(match.group(1)), int(match.group(3))
        if match.group(4) is None:
            candidate = _next_date(day, month, today)
            if candidate is None:
                return CaptureError("ui.capture_error_date", {"text": match.group(0).strip(), "hint": hint})
            return text[: match.start()].rstrip(), candidate
        year = int(match.group(4))
        year = year + 2000 if year < 100 else year
        return _dated(text, match, year, month, day, hint)
    named = _named_date(text, language, today, hint)
    if named is not None:
        return named
    match = _WORD.search(text)
    if match:
        relative, nexts, weeks = _relative_words(language)
        word = match.group(2).casefold()
        after_next = (match.group(1) or "").casefold() in nexts
        if not after_next and match.group(1):  # "the report friday": only the last word is the date
            match = re.search(r"(?:^|\s)([^\W\d_]+)\s*$", text)
            assert match is not None
        if word in weeks:
            if after_next:
                return text[: match.start()].rstrip(), today + timedelta(days=7)
        elif word in relative and not after_next:
            return text[: match.start()].rstrip(), today + timedelta(days=relative[word])
        weekday = _weekday_number(word, language)
        if weekday is not None:
            ahead = (weekday - today.weekday() - 1) % 7 + 1  # the next one, never today
            return text[: match.start()].rstrip(), today + timedelta(days=ahead)
    return text, None


def _next_date(day: int, month: int, today: date) -> date | None:
    """The next ``day`` ``month`` from ``today`` on (today included); None when that is no date in the
    year it falls in (``31-4``; ``29-2`` outside a leap year)."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None  # not reached: the same day next year is later than today


def _named_date(text: str, language: str, today: date, hint: str) -> tuple[str, date] | CaptureError | None:
    """A day with a month's name at the end of ``text`` (``3 maart``, ``March 3, 2027``, with a weekday
    before it if you like: ``vrijdag 5 maart``); None when the end of ``text`` is not one.

    Only a word that is a month's name makes it a date: "room 3 Main" and "versie 2 klaar" stay
    text. What has a month's name but cannot be a date ("30 februari", "3 maart 20277") is an error,
    and so is a weekday that does not fit the date (one of the two is not what was meant).
    """
    tries = [(_MONTH_DAY.search(text), 2, 3), (_DAY_MONTH.search(text), 3, 2)]  # "room 3 May 12": May 12
    if not any(match for match, _, _ in tries):
        return None  # Babel's month names only when the end of the line could be a date
    months, month_first = _month_words(language)
    for match, month_at, day_at in tries:
        if match is None or (month_at == 2 and not month_first):
            continue
        month = months.get(match.group(month_at).casefold())
        if month is None:
            continue
        weekday = _weekday_number(match.group(1), language)
        start = match.start(1) if weekday is not None else match.start(2)
        typed = text[start:].strip()
        due = _named_day(int(match.group(day_at)), month, match.group(4), today)
        if due is None:
            return CaptureError("ui.capture_error_date", {"text": typed, "hint": hint})
        if weekday is not None and weekday != due.weekday():
            # lazy: Babel's dates, 1 ms at the start of `show`, which parses no line (importtime, 7 Dec 2026)
            from copsession.formats import long_date
            from copsession.formats import weekday as weekday_of

            values = {"text": typed, "date": long_date(due, language), "weekday": weekday_of(due, language)}
            return CaptureError("ui.capture_error_weekday", values)
        return text[:start].rstrip(), due
    return None


def _weekday_number(word: str | None, language: str) -> int | None:
    """Monday 0 … Sunday 6 for a weekday's name in ``language`` or English; None for another word."""
    if not word:
        return None
    # lazy: Babel's dates, 1 ms at the start of `show`, which parses no line (importtime, 7 Dec 2026)
    from copsession.formats import weekday_names

    for lang in dict.fromkeys((language, "en")):
        names = weekday_names(lang)
        if word.casefold() in names:
            return names.index(word.casefold())
    return None


def _named_day(day: int, month: int, year: str | None, today: date) -> date | None:
    """The date of ``day`` ``month`` and the typed ``year`` (four digits, or two: ``27`` is 2027; none:
    the next one); None when that is no date."""
    if year is None:
        return _next_date(day, month, today)
    if len(year) not in (2, 4):
        return None
    try:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    except ValueError:
        return None


def _dated(text: str, match: re.Match, year: int, month: int, day: int, hint: str) -> tuple[str, date] | CaptureError:
    try:
        due = date(year, month, day)
    except ValueError:
        return CaptureError("ui.capture_error_date", {"text": match.group(0).strip(), "hint": hint})
    return text[: match.start()].rstrip(), due


def folded(text: str) -> str:
    """How names are matched: without case and without accents (``Emile`` is ``Émile``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _take_owner(text: str, names: list[str]) -> tuple[str, str | CaptureError]:
    """Find ``@Name`` — a participant's full name (spaces allowed) or a first name only one person
    has, in any case and with or without accents — and cut it out."""
    at = text.rfind("@")
    while at != -1 and at > 0 and not text[at - 1].isspace():
        at = text.rfind("@", 0, at)  # an e-mail address is not an owner
    if at == -1:
        return text, ""
    after = text[at + 1 :]
    typed = folded(after)
    for name in sorted(names, key=len, reverse=True):
        key = folded(name)
        if typed.startswith(key) and (len(typed) == len(key) or typed[len(key)].isspace()):
            return _joined(text[:at], after[len(name) :]), name
    token = after.split()[0] if after.split() else ""
    first_names = [n for n in names if folded(n.split()[0]) == folded(token)] if token else []
    if len(first_names) == 1:
        return _joined(text[:at], after[len(token) :]), first_names[0]
    return text, CaptureError("ui.capture_error_name", {"name": token})


def _joined(before: str, after: str) -> str:
    """The text around a cut-out ``@name``, with one space where it was ("Ask @Joost the board")."""
    return " ".join(part for part in (before.strip(), after.strip()) if part)


def suggestion(line: str, names: Iterable[str], language: str = "en") -> str | None:
    """The completion of a partly typed ``/command`` or trailing ``@name``, for the box's suggester."""
    if line.startswith("/") and " " not in line:
        typed = line[1:].casefold()
        for word in shown_words(language):
            if word.startswith(typed) and word != typed:
                return "/" + word  # no space after it: typing one would leave two
        return None
    at = line.rfind("@")
    if at == -1 or (at > 0 and not line[at - 1].isspace()):
        return None
    typed = folded(line[at + 1 :])
    if not typed:
        return None
    for name in names:
        if folded(name).startswith(typed) and folded(name) != typed:
            return line[: at + 1] + name
    return None


def parse_follow_up(line: str, names: Iterable[str]) -> tuple[str, str] | CaptureError:
    """A concern's follow-up: ``"Raise it with the board @Joost"`` → text and owner."""
    line = unicodedata.normalize("NFC", " ".join(clean_text(line).splitlines()).strip())
    text, owner = _take_owner(line, list(names))
    if isinstance(owner, CaptureError):
        return owner
    return text, owner
