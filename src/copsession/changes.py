"""Every change to a session record as plain data: where, what was there before, what is there after.

An *edit* is ``[path, before, after]``: ``path`` names one value in the record (``["note", 12]``,
``["step", 2, "turn"]``, ``["present", "Ann"]``, …) and ``before``/``after`` are plain, JSON-ready
values (``None`` where there was or is nothing). A *change* is a list of edits with a label; the
meeting engine applies changes only through :func:`apply_edits`, keeps them for undo and redo, and
saves them with the record, so that Ctrl+Z works for every kind of change and survives a resume.

The note, carried-item and participant codecs here are also what the record file uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from copsession.record import OPENING, CarriedItem, Note, SessionRecord
from copsession.worksheet import Participant

STEP_FIELDS = (
    "visited",
    "order",
    "turn",
    "passes",
    "cursor",
    "prompt",
    "drawn",
    "times_up",
    "running",
    "extra_minutes",
    "prompt_switches",
)
"""The step-state values an edit may change."""

_NOTE_OPTIONAL = ("author", "owner", "tag", "follow_up", "follow_up_owner", "via")


# -- codecs ----------------------------------------------------------------- #


def note_doc(note: Note) -> dict[str, Any]:
    """A note as plain, JSON-ready data (dates as ISO text; empty fields left out)."""
    doc: dict[str, Any] = {
        "id": note.id,
        "step": note.step,
        "kind": note.kind,
        "text": note.text,
        "created": note.created.isoformat(),
    }
    for key in _NOTE_OPTIONAL:
        value = getattr(note, key)
        if value:
            doc[key] = value
    if note.due is not None:
        doc["due"] = note.due.isoformat()
    if note.topic is not None:
        doc["topic"] = note.topic
    if note.votes:
        doc["votes"] = note.votes
    return doc


def note_from_doc(doc: dict[str, Any]) -> Note:
    """The note that :func:`note_doc` wrote (the record reader checks types first)."""
    due = doc.get("due")
    return Note(
        id=doc["id"],
        step=doc["step"],
        kind=doc["kind"],
        text=doc["text"],
        created=datetime.fromisoformat(doc["created"]),
        author=doc.get("author", ""),
        owner=doc.get("owner", ""),
        due=date.fromisoformat(due) if due else None,
        topic=doc.get("topic"),
        tag=doc.get("tag", ""),
        votes=doc.get("votes", 0),
        follow_up=doc.get("follow_up", ""),
        follow_up_owner=doc.get("follow_up_owner", ""),
        via=doc.get("via", ""),
    )


def carried_doc(item: CarriedItem) -> dict[str, Any]:
    """A carried-over item as plain, JSON-ready data."""
    doc: dict[str, Any] = {
        "origin": item.origin,
        "origin_date": item.origin_date.isoformat(),
        "kind": item.kind,
        "text": item.text,
        "status": item.status,
        "reviewed": item.reviewed,
    }
    if item.owner:
        doc["owner"] = item.owner
    if item.due is not None:
        doc["due"] = item.due.isoformat()
    if item.note:
        doc["note"] = item.note
    if item.source:
        doc["source"] = item.source
    return doc


def carried_from_doc(doc: dict[str, Any]) -> CarriedItem:
    due = doc.get("due")
    return CarriedItem(
        origin=doc["origin"],
        origin_date=date.fromisoformat(doc["origin_date"]),
        kind=doc["kind"],
        text=doc["text"],
        owner=doc.get("owner", ""),
        due=date.fromisoformat(due) if due else None,
        status=doc.get("status", "open"),
        note=doc.get("note", ""),
        reviewed=bool(doc.get("reviewed", False)),
        source=doc.get("source", ""),
    )


def participant_doc(person: Participant) -> dict[str, Any]:
    doc = {"name": person.name}
    for key in ("organisation", "field"):
        if getattr(person, key):
            doc[key] = getattr(person, key)
    if person.role != "member":
        doc["role"] = person.role
    return doc


def participant_from_doc(doc: dict[str, Any]) -> Participant:
    return Participant(
        name=doc["name"],
        organisation=doc.get("organisation", ""),
        field=doc.get("field", ""),
        role=doc.get("role", "member"),
    )


# -- reading values --------------------------------------------------------- #


def current_value(record: SessionRecord, path: list) -> Any:
    """The value at ``path`` now, in the plain form an edit holds."""
    head = path[0]
    if head == "current":
        return record.current
    if head == "present":
        return record.present.get(path[1])
    if head == "pulse":
        return record.pulse.get(path[1])
    if head == "note":
        note = record.get(path[1])
        return None if note is None else note_doc(note)
    if head == "carried":
        return carried_doc(record.carried[path[1]])
    if head == "participant":
        person = next((p for p in record.added if p.name == path[1]), None)
        return None if person is None else participant_doc(person)
    if head == "step":
        state = record.steps[path[1]]
        name = path[2]
        if name == "running":
            return state.clock.running
        if name == "extra_minutes":
            return state.clock.extra_minutes
        value = getattr(state, name)
        return list(value) if isinstance(value, list) else value
    raise ValueError(f"unknown path {path!r}")


def edit(record: SessionRecord, path: list, after: Any) -> list:
    """An edit that sets ``path`` to ``after``, remembering what is there now."""
    return [path, current_value(record, path), after]


# -- applying --------------------------------------------------------------- #


@dataclass
class Applied:
    """What applying some edits touched, for the screens to redraw just that."""

    notes: set[int] = field(default_factory=set)
    steps: set[int] = field(default_factory=set)
    current: bool = False
    attendance: bool = False
    pulse: bool = False
    carried: bool = False

    def merge(self, other: "Applied") -> None:
        self.notes |= other.notes
        self.steps |= other.steps
        self.current |= other.current
        self.attendance |= other.attendance
        self.pulse |= other.pulse
        self.carried |= other.carried


def apply_edits(record: SessionRecord, edits: list[list], mono: float, *, backwards: bool = False) -> Applied:
    """Apply ``edits`` (their ``after`` values), or with ``backwards`` undo them (their ``before``
    values, last edit first)."""
    applied = Applied()
    sequence = reversed(edits) if backwards else edits
    for path, before, after in sequence:
        _set(record, path, before if backwards else after, mono, applied)
    return applied


def _set(record: SessionRecord, path: list, value: Any, mono: float, applied: Applied) -> None:
    head = path[0]
    if head == "current":
        _set_current(record, value, mono)
        applied.current = True
    elif head == "present":
        if value is None:
            record.present.pop(path[1], None)
        else:
            record.present[path[1]] = bool(value)
        applied.attendance = True
    elif head == "pulse":
        if value is None:
            record.pulse.pop(path[1], None)
        else:
            record.pulse[path[1]] = value
        applied.pulse = True
    elif head == "note":
        if value is None:
            record.drop_note(path[1])
        else:
            record.put_note(note_from_doc(value))
        applied.notes.add(path[1])
    elif head == "carried":
        record.carried[path[1]] = carried_from_doc(value)
        applied.carried = True
    elif head == "participant":
        _set_participant(record, path[1], value)
        applied.attendance = True
    elif head == "step":
        _set_step(record, path[1], path[2], value, mono)
        applied.steps.add(path[1])
    else:
        raise ValueError(f"unknown path {path!r}")


def _set_current(record: SessionRecord, index: int, mono: float) -> None:
    if not OPENING <= index < len(record.steps):
        raise IndexError(index)
    if index == record.current:
        return
    if record.current != OPENING:
        record.steps[record.current].clock.pause(mono)
    record.current = index
    if index != OPENING:
        state = record.steps[index]
        state.clock.start(mono)
        state.part_started = mono


def _set_step(record: SessionRecord, index: int, name: str, value: Any, mono: float) -> None:
    state = record.steps[index]
    if name == "running":
        if value:
            state.clock.start(mono)
        else:
            state.clock.pause(mono)
    elif name == "extra_minutes":
        state.clock.extra_minutes = value
    elif name in STEP_FIELDS:
        setattr(state, name, list(value) if isinstance(value, list) else value)
        if name in ("turn", "cursor"):
            state.part_started = mono  # a new speaker or form step starts its own time
    else:
        raise ValueError(f"unknown step field {name!r}")


def _set_participant(record: SessionRecord, name: str, value: dict | None) -> None:
    others = tuple(p for p in record.worksheet.participants if p.name != name)
    record.added = [p for p in record.added if p.name != name]
    if value is None:
        record.worksheet = replace(record.worksheet, participants=others)
    else:
        person = participant_from_doc(value)
        record.worksheet = replace(record.worksheet, participants=others + (person,))
        record.added.append(person)
