"""The worksheet: a meeting's agenda in TOML, its model and its loader.

A worksheet is what a facilitator writes and shares before a meeting. The
loader turns its text into a :class:`Worksheet` or raises a
:class:`WorksheetError` that lists every problem in plain words, each naming
the place in the file (``steps[2].minutes``) — never a traceback.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from copsession.forms import BUILTIN_FORMS, FormStep, WorkForm
from copsession.kinds import COMMON_KEYS, KINDS, STEP_KINDS

ROLES = ("member", "core", "expert", "facilitator")
PHASES = ("kickoff", "regular", "expert", "literature", "reflection", "midterm", "closing")
"""Where a meeting stands in the trajectory (the worksheet's ``phase``)."""
EXPORT_FORMATS = ("docx", "odt", "html")
"""What ``export`` may list; the same as :data:`copsession.export.FORMATS` (a test keeps them equal)."""
LANGUAGES = ("en", "nl")
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
        return (len({p.organisation.casefold() for p in members if p.organisation}),
                len({p.field.casefold() for p in members if p.field}))

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
    "title", "meeting", "language", "central_question", "goals", "date", "start",
    "location", "facilitator", "cadence_weeks", "participants", "steps", "forms", "series", "end", "export",
    "phase", "agreements", "pulse",
)
_PARTICIPANT_KEYS = ("name", "organisation", "field", "role")
_STEP_KEYS = tuple(dict.fromkeys(COMMON_KEYS + tuple(key for k in KINDS.values() for key in k.keys)))
_FORM_KEYS = ("name", "purpose", "materials", "steps")
_FORM_STEP_KEYS = ("text", "minutes")

_TYPE_NAMES = {
    str: "text", int: "a whole number", list: "a list", dict: "a table",
    date: "a date (YYYY-MM-DD)", time: "a time (HH:MM:SS)", float: "a number",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 control characters (ESC among them, so no terminal escape survives) and the bidi
overrides and isolates that can make text read differently than it is stored."""
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
"""Zero-width and other invisible characters: they make two names look the same."""


def _close_match(word: str, options) -> list[str]:
    """The known word closest to a mistyped one (difflib is only loaded when a worksheet has errors)."""
    import difflib

    return difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    for t, name in _TYPE_NAMES.items():
        if type(value) is t:
            return name
    return type(value).__name__


class _Checker:
    """Collects every problem of one document, each with its path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        # key names and values come from the file: they are shown, never acted on by the terminal
        self.problems.append(visible(f"{path}: {message}" if path else message))

    def unknown_keys(self, table: dict, allowed: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                path = f"{prefix}.{key}" if prefix else key
                close = _close_match(key, allowed)
                hint = f", did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(allowed)})"
                self.add(path, f"unknown key{hint}")

    def text(self, table: dict, key: str, path: str, required: bool = False) -> str:
        if key not in table:
            if required:
                self.add(path, "is required")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_type_name(value)}")
            return ""
        if required and not value.strip():
            self.add(path, "must not be empty")
        if len(value) > MAX_TEXT:
            self.add(path, f"is too long ({len(value)} characters, at most {MAX_TEXT})")
            return ""
        return clean_text(value)

    def choice(self, table: dict, key: str, path: str, options: tuple[str, ...], default: str) -> str:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, str) or value not in options:
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            self.add(path, f"must be one of {', '.join(options)}, not {shown}")
            return default
        return value

    def integer(self, table: dict, key: str, path: str, low: int, high: int, required: bool = False) -> int | None:
        if key not in table:
            if required:
                self.add(path, "is required")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"must be a whole number, not {_type_name(value)}")
            return None
        if not low <= value <= high:
            shown = value if abs(value) < 10 ** 15 else ("a huge number" if value > 0 else "a huge negative number")
            self.add(path, f"must be between {low} and {high}, not {shown}")
            return None
        return value

    def number(self, table: dict, key: str, path: str, low: float, high: float) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(path, f"must be a number, not {_type_name(value)}")
            return None
        if not low <= value <= high:
            shown = f"{value:g}" if isinstance(value, float) or abs(value) < 10 ** 15 else "a huge number"
            self.add(path, f"must be between {low:g} and {high:g}, not {shown}")
            return None
        return float(value)

    def text_list(self, table: dict, key: str, path: str) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if not isinstance(value, list):
            self.add(path, f"must be a list of texts, not {_type_name(value)}")
            return ()
        if len(value) > MAX_ITEMS:
            self.add(path, f"has {len(value)} entries, at most {MAX_ITEMS} are allowed")
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.add(f"{path}[{i + 1}]", f"must be text, not {_type_name(item)}")
            elif len(item) > MAX_TEXT:
                self.add(f"{path}[{i + 1}]", f"is too long ({len(item)} characters, at most {MAX_TEXT})")
            else:
                out.append(clean_text(item))
        return tuple(out)

    def tables(self, doc: dict, key: str, required: bool) -> list[tuple[str, dict]]:
        if key not in doc:
            if required:
                self.add(key, "at least one is required (add a [[" + key + "]] table)")
            return []
        value = doc[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add(key, f"must be a list of tables ([[{key}]]), not {_type_name(value)}")
            return []
        if required and not value:
            self.add(key, "at least one is required")
        if len(value) > MAX_ITEMS:
            self.add(key, f"has {len(value)} entries, at most {MAX_ITEMS} are allowed")
            return []
        return [(f"{key}[{i + 1}]", v) for i, v in enumerate(value)]


def clean_text(value: str) -> str:
    """Remove control characters (terminal escapes among them) from a text.

    Newlines and tabs become spaces only where they would break a one-line
    display; here we keep newlines (multi-line prompts are fine) and drop the rest.
    """
    value = value.replace("\r\n", "\n").replace("\t", " ")
    return _CONTROL.sub("", value)


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` for a terminal: every control character and bidi override shown as an escape
    (``\\x1b``, ``\\u202e``) instead of acting on the terminal. Newlines and tabs stay."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def clean_name(name: str) -> str:
    """A participant's name as stored and compared: NFC, no control or invisible characters, single
    spaces; empty when nothing visible is left (a name must be readable on the screen)."""
    name = unicodedata.normalize("NFC", name)
    name = _INVISIBLE.sub("", _CONTROL.sub(" ", name))
    name = " ".join(name.split())
    if not any(unicodedata.category(ch)[0] not in "CZM" for ch in name):
        return ""
    return name


def name_key(name: str) -> str:
    """What makes two names the same person: the cleaned name, case-folded."""
    return clean_name(name).casefold()


def _syntax_message(exc: tomllib.TOMLDecodeError, text: str) -> str:
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        reason = message[: match.start()].strip()
        return f"line {match.group(1)}, column {match.group(2)}: TOML syntax error: {reason}"
    match = re.search(r"\(at end of document\)", message)
    if match:
        reason = message[: match.start()].strip()
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        return f"line {line}, column {column} (end of file): TOML syntax error: {reason}"
    return f"TOML syntax error: {message}"


def read_worksheet_text(data: bytes, source: str) -> str:
    """Decode a worksheet's bytes, with a clear error for binary or huge files."""
    if len(data) > MAX_BYTES:
        raise WorksheetError(source, [f"the file is {len(data):,} bytes; a worksheet may be at most {MAX_BYTES:,} bytes"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorksheetError(source, [f"the file is not UTF-8 text (bad byte at position {exc.start})"]) from None
    return text.removeprefix("\ufeff")


def load_worksheet(path: str | Path) -> Worksheet:
    """Read and validate the worksheet at ``path``: an ordinary file of at most 1 MiB.

    A pipe, a device or a folder is refused at once, without waiting or reading.
    """
    from copsession.storage import FileTooLarge, NotARegularFile, StorageError, read_regular_file

    path = Path(path)
    source = visible(str(path))
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        raise WorksheetError(source, ["no such file"]) from None
    except NotARegularFile as error:
        what = "is a folder, not a worksheet file" if error.folder else \
            "is not an ordinary file (a pipe or a device); a worksheet is a .toml file"
        raise WorksheetError(source, [what]) from None
    except FileTooLarge:
        raise WorksheetError(source, [f"the file is larger than {MAX_BYTES:,} bytes; a worksheet may be at most "
                                      f"{MAX_BYTES:,} bytes"]) from None
    except StorageError as error:
        raise WorksheetError(source, [f"cannot be read: {error}"]) from None
    return parse_worksheet(read_worksheet_text(data, source), source)


def parse_worksheet(text: str, source: str = "<worksheet>") -> Worksheet:
    """Validate a worksheet's TOML ``text``; ``source`` names it in messages."""
    if len(text) > MAX_BYTES:
        raise WorksheetError(source, [f"the text is longer than {MAX_BYTES:,} characters"])
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorksheetError(source, [_syntax_message(exc, text)]) from None
    except RecursionError:
        raise WorksheetError(source, ["TOML cannot be read: it is nested too deeply"]) from None
    except ValueError as exc:  # a number with thousands of digits, among others
        reason = "a number in it has too many digits" if "digits" in str(exc) else str(exc)
        raise WorksheetError(source, [f"TOML cannot be read: {reason}"]) from None
    return _build(doc, source, text)


def _build(doc: dict, source: str, text: str) -> Worksheet:
    c = _Checker()
    c.unknown_keys(doc, _TOP_KEYS, "")
    title = c.text(doc, "title", "title", required=True)
    central = c.text(doc, "central_question", "central_question", required=True)
    language = c.choice(doc, "language", "language", LANGUAGES, "en")
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
            c.add(f"export[{i + 1}]", f"must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
        elif fmt in export[:i]:
            c.add(f"export[{i + 1}]", f"'{fmt}' is listed twice")

    day = doc.get("date")
    if day is not None and not (isinstance(day, date) and type(day) is date):
        c.add("date", f"must be a date like 2026-12-03, not {_type_name(day)}")
        day = None
    elif day is not None and not FIRST_DATE <= day <= LAST_DATE:
        c.add("date", f"must be between {FIRST_DATE.isoformat()} and {LAST_DATE.isoformat()}, not {day.isoformat()}")
        day = None
    start = _local_time(c, doc, "start")
    end = _local_time(c, doc, "end")

    forms = dict(BUILTIN_FORMS[language])
    custom = doc.get("forms", {})
    if not isinstance(custom, dict):
        c.add("forms", f"must be a table of work forms ([forms.my-form]), not {_type_name(custom)}")
        custom = {}
    for form_id, table in custom.items():
        path = f"forms.{form_id}"
        if not isinstance(table, dict):
            c.add(path, f"must be a table, not {_type_name(table)}")
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
            c.add(f"{path}.name", "must be on one line")
            continue
        name = clean_name(raw)
        given = table.get("name")
        if isinstance(given, str) and given.strip() and not name:
            c.add(f"{path}.name", "must contain a visible letter or digit")
            continue
        if name and name_key(name) in seen:
            c.add(f"{path}.name", f"'{name}' is already used by another participant; names must be unique")
        if name:
            seen.add(name_key(name))
        participants.append(Participant(
            name=name,
            organisation=c.text(table, "organisation", f"{path}.organisation"),
            field=c.text(table, "field", f"{path}.field"),
            role=c.choice(table, "role", f"{path}.role", ROLES, "member"),
        ))

    steps: list[Step] = []
    for path, table in c.tables(doc, "steps", required=True):
        step = _build_step(c, table, path, forms, language)
        if step is not None:
            steps.append(step)

    if c.problems:
        raise WorksheetError(source, c.problems)
    return Worksheet(
        title=title, central_question=central, participants=tuple(participants),
        steps=tuple(steps), meeting=meeting, language=language, goals=goals,
        date=day, start=start, location=location, facilitator=facilitator,
        cadence_weeks=cadence, forms=forms, source=source, text=text, series=series or title, end=end,
        export=tuple(dict.fromkeys(f for f in export if f in EXPORT_FORMATS)), phase=phase, agreements=agreements, pulse=pulse,
    )


def _local_time(c: _Checker, doc: dict, key: str) -> time | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, time):
        c.add(key, f"must be a time like 14:00:00, not {_type_name(value)}")
        return None
    if value.tzinfo is not None:
        c.add(key, "must be a local time without a time zone, like 14:00:00")
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
        c.add(f"{path}.steps", f"must be a list, not {_type_name(raw)}")
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
            c.add(ipath, f"must be text or a table with text and minutes, not {_type_name(item)}")
    if len(raw) > MAX_ITEMS:
        c.add(f"{path}.steps", f"has {len(raw)} entries, at most {MAX_ITEMS} are allowed")
    if len(c.problems) > before:
        return None
    return WorkForm(form_id, name, purpose, materials, tuple(steps))


def _build_step(c: _Checker, table: dict, path: str, forms: dict[str, WorkForm], language: str) -> Step | None:
    from copsession.i18n import Catalog

    before = len(c.problems)
    c.unknown_keys(table, _STEP_KEYS, path)
    if "kind" not in table:
        c.add(f"{path}.kind", f"is required (one of {', '.join(STEP_KINDS)})")
        return None
    kind = c.choice(table, "kind", f"{path}.kind", STEP_KINDS, "")
    if not kind:
        return None
    title = c.text(table, "title", f"{path}.title").strip()
    minutes = c.integer(table, "minutes", f"{path}.minutes", 1, 480, required=True)
    prompt = c.text(table, "prompt", f"{path}.prompt")
    guide = c.text(table, "guide", f"{path}.guide")
    questions = c.text_list(table, "questions", f"{path}.questions")
    prompts = c.text_list(table, "prompts", f"{path}.prompts")
    expert_prompt = c.text(table, "expert_prompt", f"{path}.expert_prompt")
    provocations = c.text_list(table, "provocations", f"{path}.provocations")
    turn = c.number(table, "turn_minutes", f"{path}.turn_minutes", 0.25, 60)
    order = c.choice(table, "order", f"{path}.order", ORDERS, "worksheet")
    form = None
    if "form" in table:
        form_id = c.text(table, "form", f"{path}.form")
        if form_id and form_id not in forms:
            close = _close_match(form_id, list(forms))
            hint = f"did you mean '{close[0]}'?" if close else f"known forms: {', '.join(sorted(forms))}"
            c.add(f"{path}.form", f"unknown work form '{form_id}'; {hint}")
        form = forms.get(form_id)
    for key in KINDS[kind].required:
        if key not in table:
            options = f" (one of {', '.join(sorted(forms))})" if key == "form" else ""
            c.add(f"{path}.{key}", f"is required for a {kind} step{options}")
    for key in table:
        if key in _STEP_KEYS and key not in COMMON_KEYS and key not in KINDS[kind].keys:
            kinds = [name for name, k in KINDS.items() if key in k.keys]
            c.add(f"{path}.{key}", f"only applies to {' and '.join(kinds)} steps, not to {kind}")
    if len(c.problems) > before or minutes is None:
        return None
    if not title:
        title = form.name if form is not None else Catalog(language)(f"kind.{kind}")
    return Step(kind=kind, title=title, minutes=minutes, prompt=prompt, guide=guide,
                questions=questions, form=form, turn_minutes=turn, order=order,
                prompts=prompts, provocations=provocations, expert_prompt=expert_prompt)
