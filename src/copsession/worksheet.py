"""The worksheet: a meeting's agenda in TOML, its model and its loader.

A worksheet is what a facilitator writes and shares before a meeting. The
loader turns its text into a :class:`Worksheet` or raises a
:class:`WorksheetError` that lists every problem in plain words, each naming
the place in the file (``steps[2].minutes``) — never a traceback.

The problems are told in the worksheet's own language (its ``language`` key); when the file cannot
be read that far, in the ``language`` the caller passes (the user's), else in English. Key names,
paths, values and TOML words stay as the file has them; only the prose is translated, from the
``worksheet.`` keys of the catalog.
"""

from __future__ import annotations

import re
import string
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from copsession.forms import FormStep, WorkForm, builtin_forms
from copsession.i18n import Catalog, english, languages
from copsession.kinds import COMMON_KEYS, KINDS, STEP_KEYS, accepting, step_kinds
from copsession.storage import FileTooLarge, NotARegularFile, StorageError, read_regular_file

ROLES = ("member", "core", "expert", "facilitator")
PHASES = ("kickoff", "regular", "expert", "literature", "reflection", "midterm", "closing")
"""Where a meeting stands in the trajectory (the worksheet's ``phase``)."""
EXPORT_FORMATS = ("docx", "odt", "html")
"""What ``export`` may list; the same as :data:`copsession.export.FORMATS` (a test keeps them equal)."""
ORDERS = ("worksheet", "random")

MAX_BYTES = 1024 * 1024
"""A worksheet larger than this is refused: it is not an agenda any more."""
MAX_ITEMS = 500
"""The most entries any list in a worksheet may hold."""
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2199, 12, 31)
"""Meeting dates are range-checked, so that every date computed from one (the next meeting, a step
that runs past midnight) is a valid date."""
MAX_TEXT = 5000
"""The longest text any single worksheet value may hold."""


class WorksheetError(Exception):
    """A worksheet that cannot be used; ``problems`` says why, one line each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


@dataclass(frozen=True)
class Participant:
    """A member of the community of practice."""

    name: str
    organisation: str = ""
    field: str = ""
    role: str = "member"

    def describe(self) -> str:
        """Organisation and field, for lists: ``"GGD, youth health care"``."""
        return ", ".join(p for p in (self.organisation, self.field) if p)


@dataclass(frozen=True)
class Step:
    """One part of the meeting's agenda."""

    kind: str
    title: str
    minutes: int
    prompt: str = ""
    guide: str = ""
    questions: tuple[str, ...] = ()
    form: WorkForm | None = None
    turn_minutes: float | None = None
    order: str = "worksheet"
    prompts: tuple[str, ...] = ()
    provocations: tuple[str, ...] = ()
    expert_prompt: str = ""
    """Check-in: what experts are asked (without it, experts are not in the check-in round)."""
    values: tuple[tuple[str, Any], ...] = ()
    """The values of keys that registered kinds accept and that have no field of their own here."""

    def value(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` (a field, or one of :attr:`values`)."""
        if key in _STEP_FIELD_NAMES:
            return getattr(self, key)
        return dict(self.values).get(key, default)

    @property
    def is_round(self) -> bool:
        """True for steps in which each present participant takes a turn."""
        return KINDS[self.kind].is_round


@dataclass(frozen=True)
class Worksheet:
    """A loaded, validated worksheet."""

    title: str
    central_question: str
    participants: tuple[Participant, ...]
    steps: tuple[Step, ...]
    meeting: str = ""
    language: str = "en"
    goals: tuple[str, ...] = ()
    date: date | None = None
    start: time | None = None
    location: str = ""
    facilitator: str = ""
    cadence_weeks: int | None = None
    forms: dict[str, WorkForm] = field(default_factory=dict)
    source: str = "<worksheet>"
    text: str = ""
    """The worksheet's TOML text as it was loaded (kept in the session record)."""
    series: str = ""
    """The series this meeting belongs to: the ``series`` key, or else the title."""
    end: time | None = None
    """When the meeting must end at the latest (``copsession plan`` warns when the agenda runs past it)."""
    export: tuple[str, ...] = ()
    """Document formats written beside the Markdown minutes and brief at every save (docx, odt, html)."""
    phase: str = ""
    """Where this meeting stands in the trajectory: kickoff, regular, expert, literature, reflection,
    midterm or closing (empty: not said)."""
    agreements: tuple[str, ...] = ()
    """The working agreements the group made (``copsession next`` carries them from meeting to meeting)."""
    pulse: str = "named"
    """``anonymous``: "are we still on track?" is scored without names (the screen shows how many)."""

    def spread(self) -> tuple[int, int]:
        """How many organisations and how many fields the participants come from (experts and the
        facilitator not counted)."""
        members = [p for p in self.participants if p.role in ("member", "core")]
        return (
            len({p.organisation.casefold() for p in members if p.organisation}),
            len({p.field.casefold() for p in members if p.field}),
        )

    @property
    def total_minutes(self) -> int:
        """The planned length of the meeting."""
        return sum(s.minutes for s in self.steps)

    def schedule(self, start: datetime) -> list[tuple[datetime, datetime]]:
        """Planned start and end of each step, from ``start`` and the cumulative minutes."""
        times = []
        at = start
        for step in self.steps:
            end = at + timedelta(minutes=step.minutes)
            times.append((at, end))
            at = end
        return times

    def participant(self, name: str) -> Participant | None:
        """The participant called ``name`` (ignoring case, invisible characters and Unicode forms), if any."""
        key = name_key(name)
        for p in self.participants:
            if name_key(p.name) == key:
                return p
        return None


# --------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------- #

_TOP_KEYS = (
    "title",
    "meeting",
    "language",
    "central_question",
    "goals",
    "date",
    "start",
    "location",
    "facilitator",
    "cadence_weeks",
    "participants",
    "steps",
    "forms",
    "series",
    "end",
    "export",
    "phase",
    "agreements",
    "pulse",
)
_PARTICIPANT_KEYS = ("name", "organisation", "field", "role")


def _step_keys() -> tuple[str, ...]:
    """Every key a step may have: the common ones and those of every registered kind (looked up when
    a worksheet is read, so that a kind registered later is known)."""
    return COMMON_KEYS + tuple(STEP_KEYS)


_FORM_KEYS = ("name", "purpose", "materials", "steps")
_FORM_STEP_KEYS = ("text", "minutes")

_TYPE_NAMES = {
    str: "worksheet.type.text",
    int: "worksheet.type.whole",
    list: "worksheet.type.list",
    dict: "worksheet.type.table",
    date: "worksheet.type.date",
    time: "worksheet.type.time",
    float: "worksheet.type.number",
    datetime: "worksheet.type.datetime",
}
"""The catalog key of the name of each TOML value type, as said after "not" ("not a whole number")."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 control characters (ESC among them, so no terminal escape survives) and the bidi
overrides and isolates that can make text read differently than it is stored."""
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
"""Zero-width and other invisible characters: they make two names look the same."""


def _close_match(word: str, options) -> list[str]:
    """The known word closest to a mistyped one (difflib is only loaded when a worksheet has errors)."""
    # lazy: only to suggest a key; 1.6 ms (3 modules) at start-up (importtime, 7 Dec 2026)
    import difflib

    return difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)


def _catalog(language: str | None):
    """The catalog the messages are told from: ``language`` when it is one we speak, else English."""
    return Catalog(language if language in languages() else "en")


def _whole(value: int, language: str) -> str:
    """A count or a limit with the language's thousands separator: ``1.048.576`` / ``1,048,576``."""
    # lazy: Babel, 8 ms (16 modules) at the start of every command (importtime, 7 Dec 2026)
    from babel.numbers import format_decimal

    from copsession.formats import babel_locale

    return format_decimal(value, "#,##0", locale=babel_locale(language))


def _type_name(value: Any, tr) -> str:
    """What kind of value ``value`` is, in words, as said after "not": ``a whole number`` / ``geheel getal``."""
    if isinstance(value, bool):
        return tr("worksheet.type.boolean")
    for t, key in _TYPE_NAMES.items():
        if type(value) is t:
            return tr(key)
    return type(value).__name__


class _Checker:
    """Collects every problem of one document, each with its path, told in ``tr``'s language."""

    def __init__(self, tr) -> None:
        self.problems: list[str] = []
        self.tr = tr

    def kind(self, kind: str) -> str:
        """A step kind as a message names it: the worksheet's word, and in another language than
        English with its title there too (``check-in (incheckronde)``)."""
        if self.tr.language == "en" or not self.tr.has(f"kind.{kind}"):
            return kind
        title = self.tr(f"kind.{kind}")
        return f"{kind} ({title[:1].lower()}{title[1:]})"

    def add(self, path: str, message: str) -> None:
        # key names and values come from the file: they are shown, never acted on by the terminal
        self.problems.append(visible(f"{path}: {message}" if path else message))

    def say(self, path: str, key: str, **values: object) -> None:
        """Add the problem the catalog's ``key`` describes, filled in with ``values``."""
        self.add(path, self.tr(key, **values))

    def type_name(self, value: Any) -> str:
        return _type_name(value, self.tr)

    def count(self, value: int) -> str:
        return _whole(value, self.tr.language)

    def unknown_keys(self, table: dict, allowed: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                path = f"{prefix}.{key}" if prefix else key
                close = _close_match(key, allowed)
                if close:
                    self.say(path, "worksheet.unknown_key_close", close=close[0])
                else:
                    self.say(path, "worksheet.unknown_key", known=", ".join(allowed))

    def text(self, table: dict, key: str, path: str, required: bool = False) -> str:
        if key not in table:
            if required:
                self.say(path, "worksheet.required")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.say(path, "worksheet.not_text", type=self.type_name(value))
            return ""
        if len(value) > MAX_TEXT:
            self.say(path, "worksheet.too_long", count=self.count(len(value)), limit=self.count(MAX_TEXT))
            return ""
        cleaned = clean_text(value)
        if required and not value.strip():
            self.say(path, "worksheet.empty")
        elif required and not has_visible_text(cleaned):  # only control or invisible characters
            self.say(path, "worksheet.nothing_visible")
        return cleaned

    def choice(self, table: dict, key: str, path: str, options: tuple[str, ...], default: str) -> str:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, str) and value not in options:
            self.say(path, "worksheet.not_one_of", options=", ".join(options), value=repr(value))
            return default
        if not isinstance(value, str):
            self.say(path, "worksheet.not_one_of_type", options=", ".join(options), type=self.type_name(value))
            return default
        return value

    def integer(self, table: dict, key: str, path: str, low: int, high: int, required: bool = False) -> int | None:
        if key not in table:
            if required:
                self.say(path, "worksheet.required")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.say(path, "worksheet.not_whole_number", type=self.type_name(value))
            return None
        if not low <= value <= high:
            if abs(value) < 10**15:
                self.say(path, "worksheet.between", low=low, high=high, value=value)
            else:
                huge = self.tr("worksheet.type.huge" if value > 0 else "worksheet.type.huge_negative")
                self.say(path, "worksheet.between_type", low=low, high=high, type=huge)
            return None
        return value

    def number(self, table: dict, key: str, path: str, low: float, high: float) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.say(path, "worksheet.not_number", type=self.type_name(value))
            return None
        if not low <= value <= high:
            # the bounds and the value as TOML writes them (0.25), whatever the language: they are the file's words
            if isinstance(value, float) or abs(value) < 10**15:
                self.say(path, "worksheet.between", low=f"{low:g}", high=f"{high:g}", value=f"{value:g}")
            else:
                self.say(
                    path,
                    "worksheet.between_type",
                    low=f"{low:g}",
                    high=f"{high:g}",
                    type=self.tr("worksheet.type.huge"),
                )
            return None
        return float(value)

    def too_many(self, path: str, count: int) -> None:
        self.say(path, "worksheet.too_many", count=self.count(count), limit=self.count(MAX_ITEMS))

    def text_list(self, table: dict, key: str, path: str) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if not isinstance(value, list):
            self.say(path, "worksheet.not_text_list", type=self.type_name(value))
            return ()
        if len(value) > MAX_ITEMS:
            self.too_many(path, len(value))
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.say(f"{path}[{i + 1}]", "worksheet.not_text", type=self.type_name(item))
            elif len(item) > MAX_TEXT:
                self.say(
                    f"{path}[{i + 1}]", "worksheet.too_long", count=self.count(len(item)), limit=self.count(MAX_TEXT)
                )
            else:
                out.append(clean_text(item))
        return tuple(out)

    def tables(self, doc: dict, key: str, required: bool) -> list[tuple[str, dict]]:
        if key not in doc:
            if required:
                self.say(key, "worksheet.at_least_one_add", table=key)
            return []
        value = doc[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.say(key, "worksheet.not_table_list", table=key, type=self.type_name(value))
            return []
        if required and not value:
            self.say(key, "worksheet.at_least_one")
        if len(value) > MAX_ITEMS:
            self.too_many(key, len(value))
            return []
        return [(f"{key}[{i + 1}]", v) for i, v in enumerate(value)]


def clean_text(value: str) -> str:
    """Remove control characters (terminal escapes among them) from a text.

    Newlines and tabs become spaces only where they would break a one-line
    display; here we keep newlines (multi-line prompts are fine) and drop the rest.
    """
    value = value.replace("\r\n", "\n").replace("\t", " ")
    return _CONTROL.sub("", value)


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
"""Also the bytes of the command line that are not UTF-8 (Python keeps them as lone surrogates,
and would write them back raw: 0x9b is a terminal's CSI)."""


def visible(text: str) -> str:
    """``text`` for a terminal: every control character and bidi override shown as an escape
    (``\\x1b``, ``\\u202e``) instead of acting on the terminal. Newlines and tabs stay."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def has_visible_text(text: str) -> bool:
    """Whether ``text`` has a character that shows on a screen (not only spaces, control characters,
    marks or invisible ones)."""
    return any(unicodedata.category(ch)[0] not in "CZM" for ch in _INVISIBLE.sub("", text))


def clean_name(name: str) -> str:
    """A participant's name as stored and compared: NFC, no control or invisible characters, single
    spaces; empty when nothing visible is left (a name must be readable on the screen)."""
    name = unicodedata.normalize("NFC", name)
    name = _INVISIBLE.sub("", _CONTROL.sub(" ", name))
    name = " ".join(name.split())
    return name if has_visible_text(name) else ""


def name_key(name: str) -> str:
    """What makes two names the same person: the cleaned name, case-folded."""
    return clean_name(name).casefold()


_TOML_REASONS = (
    "worksheet.toml.statement",
    "worksheet.toml.newline",
    "worksheet.toml.overwrite",
    "worksheet.toml.table_end",
    "worksheet.toml.array_end",
    "worksheet.toml.equals",
    "worksheet.toml.key_start",
    "worksheet.toml.unclosed_array",
    "worksheet.toml.unclosed_table",
    "worksheet.toml.backslash",
    "worksheet.toml.hex",
    "worksheet.toml.scalar",
    "worksheet.toml.unterminated",
    "worksheet.toml.datetime",
    "worksheet.toml.value",
    "worksheet.toml.twice",
    "worksheet.toml.immutable",
    "worksheet.toml.redefine",
    "worksheet.toml.duplicate",
    "worksheet.toml.found_invalid",
    "worksheet.toml.illegal",
    "worksheet.toml.expected",
)
"""The catalog keys of the reasons Python's TOML parser gives; their English text is the parser's own,
with a placeholder where it names a key or a character. The general ``Expected {expected}`` comes last."""


def _toml_reason(reason: str, tr) -> str:
    """The TOML parser's ``reason`` in ``tr``'s language; unchanged when the catalog does not know it."""
    for key in _TOML_REASONS:
        pattern = "".join(
            re.escape(literal) + (f"(?P<{name}>.+)" if name else "")
            for literal, name, _, _ in string.Formatter().parse(english(key))
        )
        match = re.fullmatch(pattern, reason, re.DOTALL)
        if match:
            return tr(key, **match.groupdict())
    return reason


def _syntax_message(exc: tomllib.TOMLDecodeError, text: str, tr=None) -> str:
    tr = tr or _catalog(None)
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        reason = _toml_reason(message[: match.start()].strip(), tr)
        return tr("worksheet.syntax_at", line=match.group(1), column=match.group(2), reason=reason)
    match = re.search(r"\(at end of document\)", message)
    if match:
        reason = _toml_reason(message[: match.start()].strip(), tr)
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        return tr("worksheet.syntax_at_end", line=line, column=column, reason=reason)
    return tr("worksheet.syntax", reason=message)


def read_worksheet_text(data: bytes, source: str, language: str | None = None) -> str:
    """Decode a worksheet's bytes, with a clear error for binary or huge files (told in ``language``,
    default English)."""
    if len(data) > MAX_BYTES:
        tr = _catalog(language)
        raise WorksheetError(
            source,
            [tr("worksheet.file_too_big", size=_whole(len(data), tr.language), limit=_whole(MAX_BYTES, tr.language))],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorksheetError(source, [_catalog(language)("worksheet.not_utf8", position=exc.start)]) from None
    return text.removeprefix("\ufeff")


def load_worksheet(path: str | Path, language: str | None = None) -> Worksheet:
    """Read and validate the worksheet at ``path``: an ordinary file of at most 1 MiB.

    A pipe, a device or a folder is refused at once, without waiting or reading. Problems are told
    in the worksheet's own language; when it cannot be read that far, in ``language`` (the
    user's; default English).
    """
    path = Path(path)
    source = visible(str(path))
    tr = _catalog(language)
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        raise WorksheetError(source, [tr("worksheet.no_file")]) from None
    except NotARegularFile as error:
        what = tr("worksheet.is_folder") if error.folder else tr("worksheet.not_regular")
        raise WorksheetError(source, [what]) from None
    except FileTooLarge:
        raise WorksheetError(source, [tr("worksheet.larger_than", limit=_whole(MAX_BYTES, tr.language))]) from None
    except StorageError as error:
        told = getattr(error, "told", None)  # the storage error in the same language, where it can say so
        reason = told(tr.language) if callable(told) else str(error)
        raise WorksheetError(source, [visible(tr("worksheet.unreadable", reason=reason))]) from None
    return parse_worksheet(read_worksheet_text(data, source, language), source, language)


def parse_worksheet(text: str, source: str = "<worksheet>", language: str | None = None) -> Worksheet:
    """Validate a worksheet's TOML ``text``; ``source`` names it in messages.

    Problems are told in the worksheet's own ``language`` when the TOML can be read and names one
    we speak; otherwise in ``language`` (the user's; default English).
    """
    tr = _catalog(language)
    if len(text) > MAX_BYTES:
        raise WorksheetError(source, [tr("worksheet.text_too_long", limit=_whole(MAX_BYTES, tr.language))])
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorksheetError(source, [visible(_syntax_message(exc, text, tr))]) from None
    except RecursionError:
        raise WorksheetError(source, [tr("worksheet.too_deep")]) from None
    except ValueError as exc:  # a number with thousands of digits, among others
        reason = tr("worksheet.too_many_digits") if "digits" in str(exc) else str(exc)
        raise WorksheetError(source, [visible(tr("worksheet.toml_unreadable", reason=reason))]) from None
    own = doc.get("language")
    if isinstance(own, str) and own in languages():
        tr = _catalog(own)
    return _build(doc, source, text, tr)


def _build(doc: dict, source: str, text: str, tr=None) -> Worksheet:
    c = _Checker(tr or _catalog(None))
    c.unknown_keys(doc, _TOP_KEYS, "")
    title = c.text(doc, "title", "title", required=True)
    central = c.text(doc, "central_question", "central_question", required=True)
    language = c.choice(doc, "language", "language", languages(), "en")
    meeting = c.text(doc, "meeting", "meeting")
    location = c.text(doc, "location", "location")
    facilitator = c.text(doc, "facilitator", "facilitator")
    goals = c.text_list(doc, "goals", "goals")
    agreements = c.text_list(doc, "agreements", "agreements")
    cadence = c.integer(doc, "cadence_weeks", "cadence_weeks", 1, 104)
    series = c.text(doc, "series", "series").strip()
    phase = c.choice(doc, "phase", "phase", PHASES, "")
    pulse = c.choice(doc, "pulse", "pulse", ("named", "anonymous"), "named")
    export = c.text_list(doc, "export", "export")
    for i, fmt in enumerate(export):
        if fmt not in EXPORT_FORMATS:
            c.say(f"export[{i + 1}]", "worksheet.not_one_of", options=", ".join(EXPORT_FORMATS), value=repr(fmt))
        elif fmt in export[:i]:
            c.say(f"export[{i + 1}]", "worksheet.listed_twice", value=fmt)

    day = doc.get("date")
    if day is not None and not (isinstance(day, date) and type(day) is date):
        c.say("date", "worksheet.not_date", type=c.type_name(day))
        day = None
    elif day is not None and not FIRST_DATE <= day <= LAST_DATE:
        c.say(
            "date", "worksheet.between", low=FIRST_DATE.isoformat(), high=LAST_DATE.isoformat(), value=day.isoformat()
        )
        day = None
    start = _local_time(c, doc, "start")
    end = _local_time(c, doc, "end")

    forms = builtin_forms(language)
    custom = doc.get("forms", {})
    if not isinstance(custom, dict):
        c.say("forms", "worksheet.not_forms_table", type=c.type_name(custom))
        custom = {}
    for form_id, table in custom.items():
        path = f"forms.{form_id}"
        if not isinstance(table, dict):
            c.say(path, "worksheet.not_table", type=c.type_name(table))
            continue
        form = _build_form(c, form_id, table, path)
        if form is not None:
            forms[form_id] = form

    participants: list[Participant] = []
    seen: set[str] = set()
    for path, table in c.tables(doc, "participants", required=True):
        c.unknown_keys(table, _PARTICIPANT_KEYS, path)
        raw = c.text(table, "name", f"{path}.name", required=True).strip()
        if "\n" in raw:
            c.say(f"{path}.name", "worksheet.one_line")
            continue
        name = clean_name(raw)
        given = table.get("name")
        if isinstance(given, str) and given.strip() and not name:
            c.say(f"{path}.name", "worksheet.invisible_name")
            continue
        if name and name_key(name) in seen:
            c.say(f"{path}.name", "worksheet.duplicate_name", name=name)
        if name:
            seen.add(name_key(name))
        participants.append(
            Participant(
                name=name,
                organisation=c.text(table, "organisation", f"{path}.organisation"),
                field=c.text(table, "field", f"{path}.field"),
                role=c.choice(table, "role", f"{path}.role", ROLES, "member"),
            )
        )

    steps: list[Step] = []
    for path, table in c.tables(doc, "steps", required=True):
        step = _build_step(c, table, path, forms, language)
        if step is not None:
            steps.append(step)

    if c.problems:
        raise WorksheetError(source, c.problems)
    return Worksheet(
        title=title,
        central_question=central,
        participants=tuple(participants),
        steps=tuple(steps),
        meeting=meeting,
        language=language,
        goals=goals,
        date=day,
        start=start,
        location=location,
        facilitator=facilitator,
        cadence_weeks=cadence,
        forms=forms,
        source=source,
        text=text,
        series=series or title,
        end=end,
        export=tuple(dict.fromkeys(f for f in export if f in EXPORT_FORMATS)),
        phase=phase,
        agreements=agreements,
        pulse=pulse,
    )


def _local_time(c: _Checker, doc: dict, key: str) -> time | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, time):
        c.say(key, "worksheet.not_time", type=c.type_name(value))
        return None
    if value.tzinfo is not None:
        c.say(key, "worksheet.time_zone")
        return None
    return value


def _build_form(c: _Checker, form_id: str, table: dict, path: str) -> WorkForm | None:
    before = len(c.problems)
    c.unknown_keys(table, _FORM_KEYS, path)
    name = c.text(table, "name", f"{path}.name", required=True)
    purpose = c.text(table, "purpose", f"{path}.purpose")
    materials = c.text_list(table, "materials", f"{path}.materials")
    steps: list[FormStep] = []
    raw = table.get("steps", [])
    if not isinstance(raw, list):
        c.say(f"{path}.steps", "worksheet.not_list", type=c.type_name(raw))
        raw = []
    for i, item in enumerate(raw[:MAX_ITEMS]):
        ipath = f"{path}.steps[{i + 1}]"
        if isinstance(item, str):
            steps.append(FormStep(clean_text(item)))
        elif isinstance(item, dict):
            c.unknown_keys(item, _FORM_STEP_KEYS, ipath)
            text = c.text(item, "text", f"{ipath}.text", required=True)
            minutes = c.integer(item, "minutes", f"{ipath}.minutes", 1, 480)
            steps.append(FormStep(text, minutes))
        else:
            c.say(ipath, "worksheet.not_form_step", type=c.type_name(item))
    if len(raw) > MAX_ITEMS:
        c.too_many(f"{path}.steps", len(raw))
    if len(c.problems) > before:
        return None
    return WorkForm(form_id, name, purpose, materials, tuple(steps))


def _step_value(c: _Checker, table: dict, key: str, path: str, forms: dict[str, WorkForm]) -> Any:
    """The value of step key ``key``, checked by what kind of value it is (see :class:`~copsession.kinds.StepKey`)."""
    value = STEP_KEYS[key].value
    where = f"{path}.{key}"
    if value == "text":
        return c.text(table, key, where)
    if value == "texts":
        return c.text_list(table, key, where)
    if value == "minutes":
        return c.number(table, key, where, 0.25, 60)
    if value == "order":
        return c.choice(table, key, where, ORDERS, "worksheet")
    form_id = c.text(table, key, where)  # "form"
    if form_id and form_id not in forms:
        close = _close_match(form_id, list(forms))
        if close:
            c.say(where, "worksheet.unknown_form_close", form=form_id, close=close[0])
        else:
            c.say(where, "worksheet.unknown_form", form=form_id, known=", ".join(sorted(forms)))
    return forms.get(form_id)


def _build_step(c: _Checker, table: dict, path: str, forms: dict[str, WorkForm], language: str) -> Step | None:
    before = len(c.problems)
    c.unknown_keys(table, _step_keys(), path)
    kinds = step_kinds()
    if "kind" not in table:
        c.say(f"{path}.kind", "worksheet.kind_required", kinds=", ".join(c.kind(k) for k in kinds))
        return None
    kind = c.choice(table, "kind", f"{path}.kind", kinds, "")
    if not kind:
        return None
    title = c.text(table, "title", f"{path}.title").strip()
    minutes = c.integer(table, "minutes", f"{path}.minutes", 1, 480, required=True)
    guide = c.text(table, "guide", f"{path}.guide")
    accepted = KINDS[kind].keys
    values: dict[str, Any] = {}
    for key in STEP_KEYS:
        if key in table and key in accepted:
            values[key] = _step_value(c, table, key, path, forms)
    for key in KINDS[kind].required:
        if key not in table:
            if STEP_KEYS[key].value == "form":
                c.say(
                    f"{path}.{key}",
                    "worksheet.required_for_kind_options",
                    kind=c.kind(kind),
                    options=", ".join(sorted(forms)),
                )
            else:
                c.say(f"{path}.{key}", "worksheet.required_for_kind", kind=c.kind(kind))
    for key in table:
        if key in STEP_KEYS and key not in accepted:
            others = [c.kind(other) for other in accepting(key)]
            named = (
                c.tr("worksheet.and", first=", ".join(others[:-1]), last=others[-1])
                if len(others) > 1
                else others[0]
                if others
                else c.kind(kind)
            )
            c.say(f"{path}.{key}", "worksheet.only_for_kinds", kinds=named, kind=c.kind(kind))
    if len(c.problems) > before or minutes is None:
        return None
    form = values.get("form")
    if not title:
        title = form.name if form is not None else Catalog(language)(f"kind.{kind}")
    fields = {k: v for k, v in values.items() if k in _STEP_FIELD_NAMES}
    kept = tuple((k, v) for k, v in values.items() if k not in _STEP_FIELD_NAMES)
    return Step(kind=kind, title=title, minutes=minutes, guide=guide, values=kept, **fields)


_STEP_FIELD_NAMES = frozenset(
    ("prompt", "questions", "form", "turn_minutes", "order", "prompts", "provocations", "expert_prompt")
)
"""Step keys that have a field of their own in :class:`Step`."""
