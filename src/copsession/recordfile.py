"""The session record on disk: written as numbered snapshots, read back with clear errors.

Records live in ``<minutes-dir>/.copsession/<id>.json``, next to the minutes. A record file has two
lines of JSON: a short *summary* of the meeting (what the series needs: the opening screen,
carry-over, history) and the whole record. The summary comes first so that a folder of hundreds of
meetings can be scanned without reading them in full. The record holds the worksheet text as it was
loaded, so a meeting can be resumed even when the worksheet file has changed or gone since, and its
undo history, so Ctrl+Z works after a resume.

Format 1 (TOML, ``<id>.toml``, written by copsession 0.1) is still read.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from copsession.capture import NOTE_KINDS
from copsession.changes import (
    STEP_FIELDS,
    apply_edits,
    carried_doc,
    carried_from_doc,
    current_value,
    note_doc,
    note_from_doc,
    participant_doc,
)
from copsession.i18n import known
from copsession.record import (
    ANSWER_SOURCES,
    CARRIED_KINDS,
    CARRY_STATUSES,
    OPENING,
    SHOWING,
    TAGS,
    SessionRecord,
    StepClock,
    StepState,
)
from copsession.series import SUMMARY_FORMAT, summarise
from copsession.storage import (  # noqa: F401 - record_files is read from here too
    Problem,
    StorageError,
    open_regular,
    read_regular_file,
    record_files,
    record_id,
)
from copsession.worksheet import (
    FIRST_DATE,
    LAST_DATE,
    MAX_BYTES,
    ROLES,
    Participant,
    WorksheetError,
    clean_name,
    clean_text,
    name_key,
    parse_worksheet,
)

FORMAT = 3
"""3: the trajectory's memory (goals, agreements, questions, take-backs carried over, answer sources).
Formats 2 (JSON) and 1 (TOML) are still read."""
MAX_RECORD_BYTES = 64 * MAX_BYTES
"""A record larger than this is refused (2,000 notes with their undo history take about 1 MB)."""


class RecordError(Problem):
    """A record file that cannot be used; the message names the file (``told`` in a language)."""


# -- writing ---------------------------------------------------------------- #


def snapshot(
    record: SessionRecord,
    mono: float,
    *,
    finished: bool,
    minutes_file: str,
    saved: datetime,
    stopped: str = "",
    notes: list[dict] | None = None,
) -> dict:
    """A numbered, plain-data copy of ``record``: cheap to take on the UI thread, safe to write from another.

    Every snapshot gets the next number; the store never writes one over a newer one.
    """
    record.snapshots += 1
    return to_doc(record, mono, finished=finished, minutes_file=minutes_file, saved=saved, stopped=stopped, notes=notes)


def to_doc(
    record: SessionRecord,
    mono: float,
    *,
    finished: bool,
    minutes_file: str,
    saved: datetime,
    stopped: str = "",
    notes: list[dict] | None = None,
) -> dict:
    """The record as plain, JSON-ready data (format 2); ``notes``: the notes as data, when the
    caller keeps them (the meeting engine does, so a snapshot converts only what changed)."""
    ws = record.worksheet
    doc: dict[str, Any] = {
        "format": FORMAT,
        "id": record_id(record),
        "snapshot": record.snapshots,
        "title": ws.title,
        "meeting": ws.meeting,
        "language": ws.language,
        "date": record.meeting_date.isoformat(),
        "cadence_weeks": ws.cadence_weeks,
        "current_title": record.step.title if record.step is not None else "",
        "phase": ws.phase,
        "step_kinds": [step.kind for step in ws.steps],
        "central_question": ws.central_question,
        "roles": {p.name: p.role for p in ws.participants if p.role != "member"},
        "organisations": {p.name: p.organisation for p in ws.participants if p.organisation},
        "finished": finished,
        "stopped": stopped,
        "saved": saved.isoformat(),
        "started": record.started.isoformat(),
        "current": record.current,
        "seed": record.seed,
        "next_id": record.next_id,
        "minutes_file": minutes_file,
        "worksheet_source": record.worksheet.source,
        "worksheet": record.worksheet.text,
        "draft": record.draft,
        "showing": record.showing,
        "present": dict(record.present),
        "added": [participant_doc(p) for p in record.added],
        "pulse": dict(record.pulse),
        "steps": [
            {
                "used_seconds": round(state.clock.elapsed(mono), 3),
                "running": state.clock.running,
                "extra_minutes": state.clock.extra_minutes,
                "visited": state.visited,
                "order": list(state.order),
                "turn": state.turn,
                "passes": list(state.passes),
                "cursor": state.cursor,
                "prompt": state.prompt,
                "drawn": list(state.drawn),
                "prompt_switches": list(state.prompt_switches),
                "times_up": state.times_up,
            }
            for state in record.steps
        ],
        "notes": notes if notes is not None else [note_doc(n) for n in record.notes],
        "series": record.worksheet.series,
        "series_number": record.series_number,
        "previous_date": record.previous_date.isoformat() if record.previous_date else None,
        "planned_next": record.planned_next.isoformat() if record.planned_next else None,
        "carried": [carried_doc(c) for c in record.carried],
        "undo": list(record.undo),
        "redo": list(record.redo),
    }
    return doc


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_PIECEWISE = ("notes", "undo", "redo")
"""The long arrays of a record: encoded item by item, and each item only once (see :class:`EncodedItems`)."""


class EncodedItems:
    """The JSON text of every note and undo entry of the last write, kept for the next one.

    A note's document and an undo entry are never changed once made (a changed note gets a new
    document), so an item that is the same object as last time has the same text. Writing a long
    meeting then encodes only what changed, and no single call of the encoder holds the interpreter
    for long: the UI thread keeps its pace while the writer thread writes a meeting of 2,000 notes.
    """

    def __init__(self) -> None:
        self._texts: dict[int, tuple[object, str]] = {}

    def record_line(self, doc: dict) -> str:
        """``doc`` as one line of JSON; the texts of its items are kept for the next call (only those:
        a deleted note's text is let go)."""
        now: dict[int, tuple[object, str]] = {}

        def array(items: list) -> str:
            texts = []
            for item in items:
                known = self._texts.get(id(item))
                if known is None or known[0] is not item:
                    known = (item, _encode(item))
                now[id(item)] = known
                texts.append(known[1])
            return "[" + ",".join(texts) + "]"

        fields = [
            _encode(key) + ":" + (array(value) if key in _PIECEWISE and isinstance(value, list) else _encode(value))
            for key, value in doc.items()
        ]
        self._texts = now
        return "{" + ",".join(fields) + "}\n"


def dumps(doc: dict, items: EncodedItems | None = None) -> str:
    """The text of a record file: the summary line, then the record line.

    The record line is exactly ``json.dumps(doc, ensure_ascii=False, separators=(",", ":"))``;
    ``items`` (kept by the caller between writes) spares encoding the unchanged notes again.
    """
    record = (items if items is not None else EncodedItems()).record_line(doc)
    summary = summarise(doc)
    # the summary knows how long the rest is: a record cut short (or grown) is noticed without reading it
    summary["record_bytes"] = len(record.encode("utf-8"))
    summary["check"] = summary_check(summary)
    return _encode(summary) + "\n" + record


def summary_check(summary: dict) -> str:
    """A check of a summary's own text: a summary line edited by hand (a series renamed, a meeting
    marked finished) no longer matches it and is not used; the record is then read in full."""
    # lazy: 3 ms (3 modules) at the start of `trajectory` (importtime, 7 Dec 2026)
    import hashlib

    text = _encode({k: v for k, v in summary.items() if k != "check"})
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


# -- reading ---------------------------------------------------------------- #


@dataclass
class LoadedRecord:
    """A record read from disk, with what the app needs to carry on."""

    record: SessionRecord
    path: Path
    finished: bool
    saved: datetime
    minutes_file: str
    stopped: str = ""
    history_dropped: int = 0
    """Undo or redo entries left out because they did not fit the record (edited by hand)."""


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_RECORD_BYTES)
    except FileNotFoundError:
        raise RecordError(f"{path}: is gone", "record.gone", path=path) from None
    except StorageError as error:
        raise RecordError(f"{error}; it was left as it is", "record.unreadable", problem=error) from None


def _where(error: Exception, toml: bool) -> tuple[int | None, int | None]:
    """Where in the file the text stops making sense, for the message (not the parser's name)."""
    if isinstance(error, json.JSONDecodeError):
        return error.lineno + 1, error.colno  # the record is the file's second line
    if toml:
        found = re.search(r"at line (\d+), column (\d+)", str(error))
        if found:
            return int(found.group(1)), int(found.group(2))
    return None, None


def _decode(path: Path, data: bytes) -> dict:
    """The record document in ``data`` (format 2: the second line; format 1: the TOML)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(
            f"{path}: is not UTF-8 text; it is damaged and was left as it is", "record.not_utf8", path=path
        ) from None
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        lines = text.split("\n", 2)
        if len(lines) < 2:
            raise ValueError("the record line is missing")
        doc = json.loads(lines[1])
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        line, column = _where(exc, path.suffix == ".toml")
        if line is None:
            raise RecordError(f"{path}: is damaged; it was left as it is", "record.damaged", path=path) from None
        raise RecordError(
            f"{path}: is damaged (unreadable from line {line}, column {column}); it was left as it is",
            "record.damaged_at",
            path=path,
            line=line,
            column=column,
        ) from None
    except RecursionError:
        raise RecordError(
            f"{path}: is nested too deeply to be a session record; it was left as it is", "record.too_deep", path=path
        ) from None
    if not isinstance(doc, dict):
        raise RecordError(f"{path}: is not a session record; it was left as it is", "record.not_a_record", path=path)
    return doc


def read_record(path: Path, mono: float) -> LoadedRecord:
    """Read the record at ``path``; the current step's timer carries on from ``mono``."""
    doc = _decode(path, _read_bytes(path))
    try:
        if path.suffix == ".toml":
            return _from_doc1(doc, path, mono)
        return _from_doc2(doc, path, mono)
    except WorksheetError as error:
        raise RecordError(
            f"{path}: the worksheet inside it is not valid: {error.problems[0]}",
            "record.bad_worksheet",
            path=path,
            problem=error.problems[0],
        ) from None
    except RecursionError:
        raise RecordError(
            f"{path}: is nested too deeply to be a session record; it was left as it is", "record.too_deep", path=path
        ) from None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError):
        raise RecordError(
            f"{path}: is not a complete session record (a part of it is missing or not usable); it was left as it is",
            "record.incomplete",
            path=path,
        ) from None


def read_document(path: Path) -> dict:
    """The plain record document at ``path`` (format 1 or 2), unchecked: for the summary of a format-1 record."""
    return _decode(path, _read_bytes(path))


def read_summary_line(path: Path) -> dict | None:
    """The summary line of a format-2 record, without reading the rest; None when it has none."""
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            line = handle.readline(256 * 1024)
        summary = json.loads(line)
    except (OSError, StorageError, ValueError, RecursionError):
        return None
    if not isinstance(summary, dict) or summary.get("summary") != SUMMARY_FORMAT:
        return None
    if summary.get("record_bytes") != size - len(line) or summary.get("check") != summary_check(summary):
        return None  # cut short or changed by hand: the whole record must be read to know
    return summary


def _expect(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise TypeError(f"{what} has the wrong type")
    if not isinstance(value, kinds):
        raise TypeError(f"{what} has the wrong type")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} is not a number")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
        raise ValueError(f"{what} is out of range")
    return value


def _texts(value: Any, what: str) -> list[str]:
    return [_expect(item, str, what) for item in _expect(value, list, what)]


def _date(value: Any, what: str) -> date:
    parsed = date.fromisoformat(_expect(value, str, what))
    if not FIRST_DATE <= parsed <= LAST_DATE:  # as a worksheet's dates: every date computed from it is valid
        raise ValueError(f"{what} is out of range")
    return parsed


def _datetime(value: Any, what: str) -> datetime:
    parsed = datetime.fromisoformat(_expect(value, str, what))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone().replace(tzinfo=None)  # a local time, whatever wrote it
    if not FIRST_DATE <= parsed.date() <= LAST_DATE:
        raise ValueError(f"{what} is out of range")
    return parsed


def _worksheet_with_added(doc: dict, added_docs: list) -> tuple[Any, list[Participant]]:
    worksheet = parse_worksheet(
        _expect(doc["worksheet"], str, "worksheet"),
        _expect(doc.get("worksheet_source", "record"), str, "worksheet_source"),
    )
    added: list[Participant] = []
    for item in _expect(added_docs, list, "added"):
        item = _expect(item, dict, "added")
        name = _expect(item["name"], str, "added name")
        if not name.strip() or worksheet.participant(name) is not None:
            continue
        person = Participant(
            name=name,
            organisation=_expect(item.get("organisation", ""), str, "organisation"),
            field=_expect(item.get("field", ""), str, "field"),
        )
        worksheet = replace(worksheet, participants=worksheet.participants + (person,))
        added.append(person)
    return worksheet, added


def _steps(steps_doc: Any, worksheet, current: int, names: set[str], mono: float) -> list[StepState]:
    steps_doc = _expect(steps_doc, list, "steps")
    if len(steps_doc) != len(worksheet.steps):
        raise ValueError("the steps do not match the worksheet")
    steps = []
    for i, s in enumerate(steps_doc):
        s = _expect(s, dict, "step")
        used = float(_expect(s["used_seconds"], (int, float), "used_seconds"))
        if used < 0:
            raise ValueError("used_seconds is negative")
        clock = StepClock(used=used, extra_minutes=_expect(s.get("extra_minutes", 0), int, "extra_minutes"))
        if not 0 <= clock.extra_minutes <= 24 * 60:
            raise ValueError("extra_minutes out of range")
        if i == current and s.get("running", False) is True:
            clock.start(mono)
        steps.append(
            StepState(
                clock=clock,
                visited=_expect(s.get("visited", False), bool, "visited"),
                order=[n for n in _texts(s.get("order", []), "order") if n in names],
                turn=max(0, _expect(s.get("turn", 0), int, "turn")),
                passes=[n for n in _texts(s.get("passes", []), "passes") if n in names],
                cursor=max(0, _expect(s.get("cursor", 0), int, "cursor")),
                part_started=mono if i == current else None,
                prompt=_expect(s.get("prompt", ""), str, "prompt"),
                drawn=_texts(s.get("drawn", []), "drawn"),
                prompt_switches=[
                    _expect(i, int, "prompt_switches")
                    for i in _expect(s.get("prompt_switches", []), list, "prompt_switches")
                ],
                times_up=_expect(s.get("times_up", False), bool, "times_up"),
            )
        )
    return steps


def _check_note_doc(n: Any, step_count: int) -> dict:
    """A note document with every field of the right type and in range."""
    n = _expect(n, dict, "note")
    kind = _expect(n["kind"], str, "kind")
    step = _expect(n["step"], int, "step")
    if kind not in NOTE_KINDS or not 0 <= step < step_count:
        raise ValueError("a note is not valid")
    _expect(n["id"], int, "id")
    _expect(n["text"], str, "text")
    for key in ("author", "owner", "tag", "follow_up", "follow_up_owner", "via"):
        _expect(n.get(key, ""), str, key)
    if n.get("tag", "") not in ("",) + TAGS:
        raise ValueError("an unknown mark")
    if n.get("via", "") not in ("", "participant"):
        raise ValueError("a note from an unknown place")
    if "topic" in n and n["topic"] is not None and not 0 <= _expect(n["topic"], int, "topic") < 1000:
        raise ValueError("topic out of range")
    if not 0 <= _expect(n.get("votes", 0), int, "votes") <= 10**6:
        raise ValueError("votes out of range")
    _datetime(n["created"], "created")
    if n.get("due") is not None:
        _date(n["due"], "due")
    return n


def _check_carried_doc(c: Any) -> dict:
    c = _expect(c, dict, "carried")
    if _expect(c.get("status", "open"), str, "status") not in CARRY_STATUSES:
        raise ValueError("a carried item is not valid")
    if _expect(c["kind"], str, "kind") not in CARRIED_KINDS:
        raise ValueError("a carried item is not valid")
    if _expect(c.get("source", ""), str, "source") not in ("",) + ANSWER_SOURCES:
        raise ValueError("a carried item is not valid")
    for key in ("origin", "text", "owner", "note"):
        _expect(c.get(key, ""), str, key)
    _date(c["origin_date"], "origin_date")
    if c.get("due") is not None:
        _date(c["due"], "due")
    _expect(c.get("reviewed", False), bool, "reviewed")
    return c


_PATH_HEADS = {"current": 1, "present": 2, "pulse": 2, "note": 2, "carried": 2, "participant": 2, "step": 3}


def _step_value(name: str, value: Any, record: SessionRecord) -> None:
    """A step-state value of an edit, checked as the record's own step state is."""
    if name in ("visited", "times_up", "running"):
        _expect(value, bool, name)
    elif name in ("order", "passes"):
        people = {p.name for p in record.worksheet.participants}
        if any(n not in people for n in _texts(value, name)):
            raise ValueError(f"{name} names someone who is not in the meeting")
    elif name == "drawn":
        _texts(value, name)
    elif name == "prompt":
        _expect(value, str, name)
    elif name in ("turn", "cursor"):
        if _expect(value, int, name) < 0:
            raise ValueError(f"{name} is negative")
    elif name == "extra_minutes":
        if not 0 <= _expect(value, int, name) <= 24 * 60:
            raise ValueError("extra_minutes out of range")
    elif name == "prompt_switches":
        for number in _expect(value, list, name):
            _expect(number, int, name)
    else:
        raise ValueError(f"unknown step field {name!r}")


_CHANGES: dict[str, set[str]] = {
    "step": {"current", "step.visited", "step.order", "step.prompt"},
    "note_added": {"note+", "step.passes"},
    "lines_added": {"note+", "step.passes"},
    "note_deleted": {"note-"},
    "note_edited": {"note.text", "note.owner", "note.due"},
    "vote": {"note.votes"},
    "tag": {"note.tag"},
    "note_moved": {"note.author", "note.topic"},
    "follow_up": {"note.follow_up", "note.follow_up_owner"},
    "turn": {"step.turn"},
    "pass": {"step.passes", "step.turn"},
    "person": {"step.turn"},
    "question": {"step.cursor"},
    "form_step": {"step.cursor"},
    "results_list": {"step.cursor"},
    "prompt": {"step.drawn", "step.prompt_switches", "step.prompt"},
    "provocation": {"step.drawn"},
    "present": {"present", "step.order"},
    "absent": {"present", "step.order"},
    "participant_added": {"participant", "present", "step.order"},
    "pulse": {"pulse"},
    "review": {"carried"},
    "timer": {"step.running"},
    "add_minute": {"step.extra_minutes"},
}
"""What each kind of change may change: an entry labelled "vote" that rewrites a note's text, or
that makes a private remark public, is not a vote (the engine never writes one)."""

_NOTE_FIELDS = ("text", "owner", "due", "votes", "tag", "author", "topic", "follow_up", "follow_up_owner")


def _what_changes(path: list, before: Any, after: Any) -> set[str]:
    """What one edit changes, in the words of :data:`_CHANGES`."""
    head = path[0]
    if head == "step":
        return {f"step.{path[2]}"}
    if head != "note":
        return {head}
    if before is None or after is None:
        return {"note+" if before is None else "note-"}
    for key in ("id", "step", "kind", "created", "via"):  # what a note is: never changed, by any change
        if before.get(key) != after.get(key):
            return {f"note.{key}"}
    return {f"note.{key}" for key in _NOTE_FIELDS if before.get(key) != after.get(key)}


def _checked_edit(item: Any, record: SessionRecord, label: str = "", *, backwards: bool = False) -> list:
    """One edit of an undo or redo entry, checked by the rules the record itself is read by: a path
    that names something the record has, values of the right types and ranges, a note that is the
    note its path names, a participant's name as names are kept, and only what its kind of change
    (``label``) may change."""
    path, before, after = _expect(item, list, "edit")
    path = _expect(path, list, "path")
    head = _expect(path[0], str, "path")
    if _PATH_HEADS.get(head) != len(path):
        raise ValueError("an edit has an unknown path")
    if head == "participant" and not backwards and before is None and after is not None:
        name = _expect(path[1], str, "participant")
        if any(name_key(p.name) == name_key(name) for p in record.worksheet.participants):
            raise ValueError("a participant who is there already")
    _EDIT_CHECKS[head](path, (before, after), record)
    if label and not _what_changes(path, before, after) <= _CHANGES.get(label, set()):
        raise ValueError(f"a change of kind {label!r} does not change that")
    return [path, before, after]


def _check_current_edit(path: list, values: tuple, record: SessionRecord) -> None:
    for value in values:
        if not OPENING <= _expect(value, int, "current") < len(record.steps):
            raise ValueError("an edit names a step that is not there")


def _check_present_edit(path: list, values: tuple, record: SessionRecord) -> None:
    _expect(path[1], str, "present")
    for value in values:
        if value is not None:
            _expect(value, bool, "present")


def _check_pulse_edit(path: list, values: tuple, record: SessionRecord) -> None:
    _expect(path[1], str, "pulse")
    for value in values:
        if value is not None and not 1 <= _expect(value, int, "pulse") <= 5:
            raise ValueError("a pulse score is 1 to 5")


def _check_note_edit(path: list, values: tuple, record: SessionRecord) -> None:
    note_id = _expect(path[1], int, "note")
    for value in values:
        if value is not None and _check_note_doc(value, len(record.steps))["id"] != note_id:
            raise ValueError("an edit's note is not the note its path names")


def _check_carried_edit(path: list, values: tuple, record: SessionRecord) -> None:
    if not 0 <= _expect(path[1], int, "carried") < len(record.carried):
        raise ValueError("an edit names a carried item that is not there")
    for value in values:
        _check_carried_doc(value)


def _check_participant_edit(path: list, values: tuple, record: SessionRecord) -> None:
    name = _expect(path[1], str, "participant")
    if clean_name(name) != name:
        raise ValueError("a participant's name as it is never kept")
    for value in values:
        if value is None:
            continue
        value = _expect(value, dict, "participant")
        if _expect(value["name"], str, "name") != name or not name.strip():
            raise ValueError("an edit's participant is not the one its path names")
        for key in ("organisation", "field"):
            _expect(value.get(key, ""), str, key)
        if value.get("role", "member") not in ROLES:
            raise ValueError("an unknown role")


def _check_step_edit(path: list, values: tuple, record: SessionRecord) -> None:
    if not 0 <= _expect(path[1], int, "step") < len(record.steps) or path[2] not in STEP_FIELDS:
        raise ValueError("an edit names a step that is not there")
    for value in values:
        _step_value(path[2], value, record)


_EDIT_CHECKS = {
    "current": _check_current_edit,
    "present": _check_present_edit,
    "pulse": _check_pulse_edit,
    "note": _check_note_edit,
    "carried": _check_carried_edit,
    "participant": _check_participant_edit,
    "step": _check_step_edit,
}
"""The checks of an edit's path and its values before and after, by the path's first part (the
heads of :data:`_PATH_HEADS`)."""


def _replayable(entries: list, record: SessionRecord, *, backwards: bool) -> list[dict]:
    """The entries (undo: ``backwards``; redo: forwards) that apply to ``record`` exactly as they say,
    from the one Ctrl+Z (or Ctrl+Y) takes next: each is checked (:func:`_checked_edit`) and tried on
    a copy of the record, where every edit must find what it says was there. The first entry that
    does not, and all beyond it (they build on it), are left out — so Ctrl+Z never writes a record
    the reader would refuse, nor changes another note than the one the screen shows."""
    if not entries:
        return []
    trial = record.copy_for_reading()  # its own lists and step states: the record itself is not touched
    usable = []
    for entry in reversed(entries):
        try:
            entry = _expect(entry, dict, "undo entry")
            label = _expect(entry["label"], str, "label")
            if not known(f"change.{label}"):
                raise ValueError("an unknown kind of change")
            edits = list(_expect(entry["edits"], list, "edits"))
            if not edits:
                raise ValueError("an empty change")
            for index in reversed(range(len(edits))) if backwards else range(len(edits)):
                # each edit checked as the edits before it in the change left the record (a participant
                # added, then the rounds that name them)
                path, before, after = edits[index] = _checked_edit(edits[index], trial, label, backwards=backwards)
                # (a step's clock also runs and stops with the step changes around it: setting it
                # is the same whatever it was, so only its type is checked)
                if path[-1] != "running" and current_value(trial, path) != (after if backwards else before):
                    raise ValueError("an edit does not find what it says was there")
                apply_edits(trial, [[path, before, after]], 0.0, backwards=backwards)
        except (KeyError, TypeError, ValueError, IndexError, OverflowError, RecursionError):
            break
        usable.append({"label": label, "edits": edits})
    usable.reverse()
    return usable


def _without_controls(value: Any) -> Any:
    """Every text in a record as the app may draw it: no control characters (a record edited by
    hand, or by someone hostile, must not steer the terminal)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _without_controls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_controls(v) for v in value]
    return value


def _from_doc2(doc: dict, path: Path, mono: float) -> LoadedRecord:
    if doc.get("format") not in (2, 3):
        raise ValueError(f"unknown format {doc.get('format')!r}")
    worksheet_text = doc.get("worksheet")
    doc = _without_controls(doc)
    doc["worksheet"] = worksheet_text  # the loader checks and cleans the worksheet itself
    worksheet, added = _worksheet_with_added(doc, doc.get("added", []))
    names = {p.name for p in worksheet.participants}
    current = _expect(doc["current"], int, "current")
    if not OPENING <= current < len(worksheet.steps):
        raise ValueError("current step out of range")
    steps = _steps(doc["steps"], worksheet, current, names, mono)
    notes = [note_from_doc(_check_note_doc(n, len(steps))) for n in _expect(doc.get("notes", []), list, "notes")]
    if len({n.id for n in notes}) != len(notes):
        raise ValueError("two notes have the same id")
    notes.sort(key=lambda n: n.id)
    present_doc = _expect(doc.get("present", {}), dict, "present")
    present = {p.name: bool(present_doc.get(p.name, True)) for p in worksheet.participants}
    record = SessionRecord(
        worksheet=worksheet,
        started=_datetime(doc["started"], "started"),
        present=present,
        steps=steps,
        notes=notes,
        current=current,
        seed=_expect(doc.get("seed", 0), int, "seed"),
        next_id=max([_expect(doc.get("next_id", 1), int, "next_id")] + [n.id + 1 for n in notes]),
        added=added,
    )
    record.draft = _expect(doc.get("draft", ""), str, "draft")
    record.showing = _expect(doc.get("showing", ""), str, "showing")
    if record.showing not in SHOWING:
        raise ValueError("showing")
    record.carried = [carried_from_doc(_check_carried_doc(c)) for c in _expect(doc.get("carried", []), list, "carried")]
    record.series_number = max(1, _expect(doc.get("series_number", 1), int, "series_number"))
    previous = doc.get("previous_date")
    record.previous_date = _date(previous, "previous_date") if previous else None
    planned = doc.get("planned_next")
    record.planned_next = _date(planned, "planned_next") if planned else None
    record.pulse = {
        name: score
        for name, score in _expect(doc.get("pulse", {}), dict, "pulse").items()
        if (name in names or name.startswith("#"))  # "#3": an anonymous score
        and isinstance(score, int)
        and not isinstance(score, bool)
        and 1 <= score <= 5
    }
    undo, redo = doc.get("undo", []), doc.get("redo", [])
    undo, redo = (undo if isinstance(undo, list) else []), (redo if isinstance(redo, list) else [])
    record.undo = _replayable(undo, record, backwards=True)
    record.redo = _replayable(redo, record, backwards=False)
    dropped = len(undo) + len(redo) - len(record.undo) - len(record.redo)
    record.snapshots = _expect(doc.get("snapshot", 0), int, "snapshot")
    minutes_file = _expect(doc.get("minutes_file", ""), str, "minutes_file")
    record.minutes_saved = bool(minutes_file)
    return LoadedRecord(
        record,
        path,
        _expect(doc.get("finished", False), bool, "finished"),
        _datetime(doc.get("saved", doc["started"]), "saved"),
        minutes_file,
        _expect(doc.get("stopped", ""), str, "stopped"),
        dropped,
    )


def _plain(value: Any) -> Any:
    """A TOML value as format 2 holds it: dates and times as ISO text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _from_doc1(doc: dict, path: Path, mono: float) -> LoadedRecord:
    """A format-1 record (TOML, copsession 0.1): the same fields as format 2, with TOML dates and no
    undo history; read as format 2 once its dates are text."""
    if doc.get("format") != 1:
        raise ValueError(f"unknown format {doc.get('format')!r}")
    plain = _plain(doc)
    plain["format"] = 2
    for key in ("started", "saved"):
        if key in plain and not isinstance(doc[key], datetime):
            raise TypeError(f"{key} has the wrong type")
    return _from_doc2(plain, path, mono)
