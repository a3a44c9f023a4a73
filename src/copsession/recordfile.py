"""The session record on disk: TOML, written atomically, read back with clear errors.

Records live in ``<minutes-dir>/.copsession/<id>.toml``, next to the minutes.
A record holds the worksheet text as it was loaded, so a meeting can be
resumed even when the worksheet file has changed or gone since.
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import tomli_w

from copsession.record import (
    CARRY_STATUSES, NOTE_KINDS, OPENING, CarriedItem, Note, SessionRecord, StepClock, StepState,
)
from copsession.storage import StorageError, atomic_write, ensure_folder, record_id, records_dir
from copsession.worksheet import MAX_BYTES, Participant, WorksheetError, parse_worksheet

FORMAT = 1


class RecordError(Exception):
    """A record file that cannot be used; the message names the file."""


def snapshot(record: SessionRecord, mono: float, *, finished: bool, minutes_file: str, saved: datetime) -> dict:
    """A plain-data copy of ``record``: cheap to take on the UI thread, safe to write from another."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "id": record_id(record),
        "finished": finished,
        "saved": saved,
        "started": record.started,
        "current": record.current,
        "seed": record.seed,
        "next_id": record.next_id,
        "minutes_file": minutes_file,
        "worksheet_source": record.worksheet.source,
        "worksheet": record.worksheet.text,
        "draft": record.draft,
        "present": dict(record.present),
        "added": [{"name": p.name, "organisation": p.organisation} for p in record.added],
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
                "times_up": state.times_up,
            }
            for state in record.steps
        ],
        "notes": [_note_dict(n) for n in record.notes],
        "series": record.worksheet.series,
        "series_number": record.series_number,
        "carried": [_carried_dict(c) for c in record.carried],
    }
    if record.previous_date is not None:
        doc["previous_date"] = record.previous_date
    return doc


def _note_dict(note: Note) -> dict:
    data: dict[str, Any] = {"id": note.id, "step": note.step, "kind": note.kind, "text": note.text,
                            "created": note.created}
    if note.author:
        data["author"] = note.author
    if note.owner:
        data["owner"] = note.owner
    if note.due is not None:
        data["due"] = note.due
    if note.topic is not None:
        data["topic"] = note.topic
    for key in ("tag", "votes", "follow_up", "follow_up_owner"):
        if getattr(note, key):
            data[key] = getattr(note, key)
    return data


def _carried_dict(item: CarriedItem) -> dict:
    data: dict[str, Any] = {"origin": item.origin, "origin_date": item.origin_date, "kind": item.kind,
                            "text": item.text, "status": item.status, "reviewed": item.reviewed}
    if item.owner:
        data["owner"] = item.owner
    if item.due is not None:
        data["due"] = item.due
    if item.note:
        data["note"] = item.note
    return data


def _read_carried(data: dict) -> CarriedItem:
    status = _expect(data.get("status", "open"), str, "status")
    kind = _expect(data["kind"], str, "kind")
    if status not in CARRY_STATUSES or kind not in ("action", "concern"):
        raise ValueError("a carried item is not valid")
    due = data.get("due")
    if due is not None and (not isinstance(due, date) or isinstance(due, datetime)):
        raise ValueError("a carried item has a bad due date")
    origin_date = data["origin_date"]
    if not isinstance(origin_date, date) or isinstance(origin_date, datetime):
        raise ValueError("a carried item has a bad date")
    return CarriedItem(origin=_expect(data["origin"], str, "origin"), origin_date=origin_date, kind=kind,
                       text=_expect(data["text"], str, "text"), owner=_expect(data.get("owner", ""), str, "owner"),
                       due=due, status=status, note=_expect(data.get("note", ""), str, "note"),
                       reviewed=_expect(data.get("reviewed", False), bool, "reviewed"))


def dumps(doc: dict) -> str:
    """The TOML text of a snapshot."""
    return "# copsession session record: written by the app, read by `copsession resume`.\n" + tomli_w.dumps(
        doc, multiline_strings=True)


def write_record(path: Path, doc: dict) -> None:
    """Write a snapshot atomically; a :class:`StorageError` says why it failed."""
    ensure_folder(path.parent)
    atomic_write(path, dumps(doc))


@dataclass
class LoadedRecord:
    """A record read from disk, with what the app needs to carry on."""

    record: SessionRecord
    path: Path
    finished: bool
    saved: datetime
    minutes_file: str


def read_record(path: Path, mono: float) -> LoadedRecord:
    """Read the record at ``path``; the current step's timer carries on from ``mono``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > 50 * MAX_BYTES:
        raise RecordError(f"{path}: is too large to be a session record")
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{path}: is not UTF-8 text; it is damaged and was left as it is") from None
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(f"{path}: is damaged ({exc}); it was left as it is") from None
    try:
        return _from_doc(doc, path, mono)
    except WorksheetError as error:
        raise RecordError(f"{path}: the worksheet inside it is not valid: {error.problems[0]}") from None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise RecordError(f"{path}: is not a complete session record ({type(exc).__name__}: {exc}); "
                          "it was left as it is") from None


def _expect(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise TypeError(f"{what} has the wrong type")
    if not isinstance(value, kind):
        raise TypeError(f"{what} has the wrong type")
    return value


def _from_doc(doc: dict, path: Path, mono: float) -> LoadedRecord:
    if doc.get("format") != FORMAT:
        raise ValueError(f"unknown format {doc.get('format')!r}")
    worksheet = parse_worksheet(_expect(doc["worksheet"], str, "worksheet"),
                                _expect(doc.get("worksheet_source", "record"), str, "worksheet_source"))
    steps_doc = _expect(doc["steps"], list, "steps")
    if len(steps_doc) != len(worksheet.steps):
        raise ValueError("the steps do not match the worksheet")
    current = _expect(doc["current"], int, "current")
    if not OPENING <= current < len(worksheet.steps):
        raise ValueError("current step out of range")
    names = {p.name for p in worksheet.participants}
    added_people: list[Participant] = []
    for added in _expect(doc.get("added", []), list, "added"):
        name = _expect(_expect(added, dict, "added")["name"], str, "added name")
        if worksheet.participant(name) is None:
            person = Participant(name=name, organisation=_expect(added.get("organisation", ""), str, "organisation"))
            worksheet = replace(worksheet, participants=worksheet.participants + (person,))
            added_people.append(person)
            names.add(name)
    steps = []
    for i, s in enumerate(steps_doc):
        clock = StepClock(used=float(_expect(s["used_seconds"], (int, float), "used_seconds")),
                          extra_minutes=_expect(s.get("extra_minutes", 0), int, "extra_minutes"))
        if i == current and s.get("running", False):
            clock.start(mono)
        order = [n for n in _expect(s.get("order", []), list, "order") if n in names]
        steps.append(StepState(clock=clock, visited=_expect(s.get("visited", False), bool, "visited"), order=order,
                               turn=_expect(s.get("turn", 0), int, "turn"),
                               passes=[n for n in _expect(s.get("passes", []), list, "passes") if n in names],
                               cursor=_expect(s.get("cursor", 0), int, "cursor"),
                               part_started=mono if i == current else None,
                               prompt=_expect(s.get("prompt", ""), str, "prompt"),
                               drawn=[_expect(d, str, "drawn") for d in _expect(s.get("drawn", []), list, "drawn")],
                               times_up=_expect(s.get("times_up", False), bool, "times_up")))
    notes = []
    for n in _expect(doc.get("notes", []), list, "notes"):
        kind = _expect(n["kind"], str, "kind")
        step = _expect(n["step"], int, "step")
        if kind not in NOTE_KINDS or not 0 <= step < len(worksheet.steps):
            raise ValueError(f"note {n.get('id')} is not valid")
        due = n.get("due")
        if due is not None and not (isinstance(due, date) and not isinstance(due, datetime)):
            raise ValueError(f"note {n.get('id')} has a bad due date")
        notes.append(Note(id=_expect(n["id"], int, "id"), step=step, kind=kind, text=_expect(n["text"], str, "text"),
                          created=_expect(n["created"], datetime, "created"),
                          author=_expect(n.get("author", ""), str, "author"),
                          owner=_expect(n.get("owner", ""), str, "owner"), due=due,
                          topic=_expect(n["topic"], int, "topic") if "topic" in n else None,
                          tag=_expect(n.get("tag", ""), str, "tag"), votes=_expect(n.get("votes", 0), int, "votes"),
                          follow_up=_expect(n.get("follow_up", ""), str, "follow_up"),
                          follow_up_owner=_expect(n.get("follow_up_owner", ""), str, "follow_up_owner")))
    present_doc = _expect(doc.get("present", {}), dict, "present")
    present = {p.name: bool(present_doc.get(p.name, True)) for p in worksheet.participants}
    record = SessionRecord(worksheet=worksheet, started=_expect(doc["started"], datetime, "started"), present=present,
                           steps=steps, notes=notes, current=current, seed=_expect(doc.get("seed", 0), int, "seed"),
                           next_id=max([_expect(doc.get("next_id", 1), int, "next_id")] + [n.id + 1 for n in notes]),
                           added=added_people)
    record.draft = _expect(doc.get("draft", ""), str, "draft")
    record.carried = [_read_carried(_expect(c, dict, "carried")) for c in _expect(doc.get("carried", []), list, "carried")]
    record.series_number = _expect(doc.get("series_number", 1), int, "series_number")
    previous = doc.get("previous_date")
    record.previous_date = previous if isinstance(previous, date) and not isinstance(previous, datetime) else None
    pulse = _expect(doc.get("pulse", {}), dict, "pulse")
    record.pulse = {name: _expect(score, int, "pulse") for name, score in pulse.items()
                    if name in names and 1 <= _expect(score, int, "pulse") <= 5}
    return LoadedRecord(record, path, _expect(doc.get("finished", False), bool, "finished"),
                        _expect(doc.get("saved", record.started), datetime, "saved"),
                        _expect(doc.get("minutes_file", ""), str, "minutes_file"))


def find_records(minutes_dir: Path, mono: float) -> tuple[list[LoadedRecord], list[str]]:
    """Every readable record in ``minutes_dir`` (newest first) and a message for each unreadable one."""
    folder = records_dir(minutes_dir)
    if not folder.is_dir():
        return [], []
    found: list[LoadedRecord] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            found.append(read_record(path, mono))
        except RecordError as error:
            problems.append(str(error))
    found.sort(key=lambda r: r.saved, reverse=True)
    return found, problems


def latest_unfinished(minutes_dir: Path, mono: float, title: str | None = None) -> tuple[LoadedRecord | None, list[str]]:
    """The most recently saved unfinished meeting (of the series ``title``, if given)."""
    records, problems = find_records(minutes_dir, mono)
    for loaded in records:
        if not loaded.finished and (title is None or loaded.record.worksheet.title == title):
            return loaded, problems
    return None, problems


class Autosaver:
    """Writes the newest snapshot in a background thread, so typing never waits for the disk.

    :meth:`request` hands over a snapshot and returns at once; the thread writes
    the latest one (older ones that were not written yet are skipped).
    :meth:`flush` writes synchronously, for exits and signals.
    """

    def __init__(self, path: Path, on_error: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.on_error = on_error
        self.last_error: str | None = None
        self.writes = 0
        self._pending: dict | None = None
        self._condition = threading.Condition()
        self._write_lock = threading.Lock()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="copsession-autosave", daemon=True)
        self._thread.start()

    def request(self, doc: dict) -> None:
        with self._condition:
            self._pending = doc
            self._condition.notify()

    def flush(self, doc: dict | None = None) -> bool:
        """Write ``doc`` (or what is pending) now; True when the record is on disk."""
        with self._condition:
            if doc is None:
                doc, self._pending = self._pending, None
            else:
                self._pending = None
        if doc is None:
            return self.last_error is None
        return self._write(doc)

    def close(self, doc: dict | None = None) -> bool:
        """Write the last snapshot and stop the thread."""
        ok = self.flush(doc)
        with self._condition:
            self._stopped = True
            self._condition.notify()
        self._thread.join(timeout=5)
        return ok

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._stopped:
                    self._condition.wait()
                if self._stopped and self._pending is None:
                    return
                doc, self._pending = self._pending, None
            self._write(doc)

    def _write(self, doc: dict) -> bool:
        with self._write_lock:
            try:
                write_record(self.path, doc)
            except StorageError as error:
                message = str(error)
                if message != self.last_error and self.on_error is not None:
                    self.on_error(message)
                self.last_error = message
                return False
            self.last_error = None
            self.writes += 1
            return True
