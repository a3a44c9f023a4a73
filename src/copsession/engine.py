"""The meeting engine: the one owner of a meeting's life.

A :class:`Meeting` holds the session record and changes it only on request: the screens send it
*intents* (add this line, delete that note, next speaker, Ctrl+Z, …) and redraw when it announces a
:class:`MeetingEvent`. Every change is a list of edits (:mod:`copsession.changes`) that is applied,
kept for undo and redo, and handed to the record store to be saved, in that order, on the UI thread.
Timers and the autosave of the half-typed line follow the injected clock: :meth:`Meeting.tick`
is called a few times a second by the app, and by tests after moving a fake clock.

Nothing here imports Textual.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Concatenate, ParamSpec, TypeVar

from copsession.capture import KIND_INFO, Capture, CaptureError, parse_capture, parse_follow_up
from copsession.changes import Applied, apply_edits, carried_doc, edit, note_doc, participant_doc
from copsession.clock import Clock
from copsession.i18n import Catalog
from copsession.kinds import KINDS, RESULT_LISTS, Results, kind_of
from copsession.record import ANSWER_SOURCES, CARRY_STATUSES, OPENING, SHOWING, TAGS, Note, SessionRecord
from copsession.worksheet import Participant, clean_name

if TYPE_CHECKING:
    from copsession.persistence import RecordStore

DRAFT_PAUSE = 0.4
"""Seconds without a keystroke after which the half-typed line is saved."""
DRAFT_MAX_WAIT = 3.0
"""While someone keeps typing, the half-typed line is still saved this often."""
TIMER_SAVE = 15.0
"""While a step's timer runs, the time used is saved this often."""
NOTICE_WIDTH = 60
"""The width of a short message on screen (Textual's toast; longer text wraps in it): what an action
was understood as is shortened to stay within it when it can."""


@dataclass(frozen=True)
class MeetingEvent:
    """Something happened in the meeting; screens redraw what it names.

    ``what`` is ``change`` (a new change), ``undo``, ``redo``, ``draft`` (the half-typed line, not
    redrawn by anyone), ``times_up``, ``notice`` (only a message), ``saved`` (the minutes were
    written) or ``reloaded`` (a read-only window read a newer record).
    """

    what: str
    label: str = ""
    notes: frozenset[int] = frozenset()
    steps: frozenset[int] = frozenset()
    current: bool = False
    """The meeting moved to another step: show its screen."""
    attendance: bool = False
    pulse: bool = False
    carried: bool = False
    notice: str = ""
    """A catalog key to show as a short message, with ``values`` for its placeholders."""
    values: dict[str, Any] = field(default_factory=dict)
    severity: str = "information"

    @property
    def everything(self) -> bool:
        """True when screens should redraw all they show (a reload)."""
        return self.what == "reloaded"


CONTRIBUTED_KINDS = ("note", "concern", "question")
"""The kinds of note a participant's contribution can become (see :meth:`Meeting.add_contribution`)."""

MAX_CONTRIBUTION = 500
"""The longest text a participant's contribution keeps, in characters."""

MAX_NAME = 80
"""The longest name a participant can give with a contribution."""


class ReadOnly(Exception):
    """Raised inside an intent when the meeting is open read-only."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def intent(method: Callable[Concatenate[Meeting, _P], _R]) -> Callable[Concatenate[Meeting, _P], _R | None]:
    """Run a request from the screen; an unexpected error never takes the meeting down.

    The change is computed before anything is applied, so a failure leaves the record as it was.
    The error goes to a crash report (without any meeting text), the record is saved, and the
    screen gets a calm notice. Tests set :attr:`Meeting.strict` so that errors surface.
    """

    @functools.wraps(method)
    def guarded(self: Meeting, *args: _P.args, **kwargs: _P.kwargs) -> _R | None:
        try:
            return method(self, *args, **kwargs)
        except ReadOnly:
            self._notice("ui.read_only", severity="warning")
            return None
        except Exception as error:  # noqa: BLE001 - reported, saved and shown: see the docstring
            if self.strict:
                raise
            report = self.report_crash(error)
            self._notice("ui.intent_failed", severity="error", report=str(report or "–"))
            return None

    return guarded


class Meeting:
    """One meeting: the record, its undo history, its timers and its saving."""

    strict = False
    """Let unexpected errors in intents propagate (the test suite sets this)."""

    def __init__(
        self,
        record: SessionRecord,
        clock: Clock,
        store: RecordStore | None = None,
        *,
        read_only: bool = False,
        minutes_file: str = "",
    ) -> None:
        self.record = record
        self.clock = clock
        self.store = store
        self.read_only = read_only
        self.minutes_file = minutes_file
        """The name of the minutes file once they were saved (in the minutes folder)."""
        self.minutes_changes = -1
        """:attr:`SessionRecord.changes` when the minutes were last written."""
        self._listeners: list[Callable[[MeetingEvent], None]] = []
        self._draft_changed: float | None = None
        self._draft_first_unsaved: float | None = None
        self._last_persist = clock.monotonic()
        self.finished = False
        self._note_docs: dict[int, dict] = {}
        """Each note as plain data, kept between snapshots: a snapshot only converts what changed."""
        self.trajectory_end: date | None = None
        """The date of the trajectory's last planned meeting (``copsession trajectory``), when there is a
        plan: a due date after it is pointed out before it is stored."""

    # -- listening ---------------------------------------------------------- #

    def subscribe(self, listener: Callable[[MeetingEvent], None]) -> Callable[[], None]:
        """Call ``listener`` with every event; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, event: MeetingEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _notice(self, key: str, severity: str = "information", **values: Any) -> None:
        self._emit(MeetingEvent("notice", notice=key, values=values, severity=severity))

    # -- the one way to change the record ------------------------------------ #

    @property
    def mono(self) -> float:
        return self.clock.monotonic()

    def _commit(self, label: str, edits: list[list], *, undoable: bool = True) -> MeetingEvent | None:
        """Apply ``edits`` as one change, keep it for undo, save, and announce it."""
        edits = [e for e in edits if e[1] != e[2]]
        if not edits:
            return None
        navigation = all(e[0][0] == "current" for e in edits)
        if self.read_only and not navigation:
            raise ReadOnly
        record = self.record
        if not record.happened and not self.read_only:
            record.started = self.clock.now()  # the meeting begins now, not when the app was opened
        applied = apply_edits(record, edits, self.mono)
        self._forget_docs(applied)
        record.changes += 1
        if undoable and not self.read_only:
            record.undo.append({"label": label, "edits": edits})
            record.redo.clear()
        event = self._event("change", label, applied)
        self._persist()
        self._emit(event)
        return event

    @staticmethod
    def _event(what: str, label: str, applied: Applied, notice: str = "", values: dict | None = None) -> MeetingEvent:
        return MeetingEvent(
            what,
            label,
            frozenset(applied.notes),
            frozenset(applied.steps),
            applied.current,
            applied.attendance,
            applied.pulse,
            applied.carried,
            notice,
            values or {},
        )

    # -- undo and redo ------------------------------------------------------ #

    @intent
    def undo(self) -> bool:
        """Take back the last change (Ctrl+Z); False when there is nothing to take back."""
        return self._travel(self.record.undo, self.record.redo, backwards=True)

    @intent
    def redo(self) -> bool:
        """Do again what was last taken back (Ctrl+Y)."""
        return self._travel(self.record.redo, self.record.undo, backwards=False)

    def _travel(self, source: list[dict], target: list[dict], *, backwards: bool) -> bool:
        if self.read_only:
            raise ReadOnly
        if not source:
            self._notice("ui.nothing_to_undo" if backwards else "ui.nothing_to_redo")
            return False
        entry = source.pop()
        applied = apply_edits(self.record, entry["edits"], self.mono, backwards=backwards)
        self._forget_docs(applied)
        target.append(entry)
        self.record.changes += 1
        what = "undo" if backwards else "redo"
        label = entry["label"]
        said: dict[str, object] = {"change": label}
        if label in ("note_added", "note_deleted"):  # say which kind of note: "decision added"
            kinds = {(e[2] or e[1] or {}).get("kind") for e in entry["edits"] if e[0][0] == "note"}
            if len(kinds) == 1 and next(iter(kinds)) not in (None, "note"):
                said = {"change": f"{label}_kind", "what": next(iter(kinds))}
        event = self._event(what, label, applied, "ui.undone" if backwards else "ui.redone", said)
        self._persist()
        self._emit(event)
        return True

    # -- steps -------------------------------------------------------------- #

    @intent
    def go_to(self, index: int) -> bool:
        """Open step ``index`` (or the opening screen, :data:`OPENING`)."""
        record = self.record
        if not OPENING <= index < len(record.steps) or index == record.current:
            return False
        edits = []
        if index != OPENING and not record.steps[index].visited:
            edits.append(edit(record, ["step", index, "visited"], True))
            for name, value in kind_of(record.worksheet.steps[index]).first_visit(record, index).items():
                edits.append(edit(record, ["step", index, name], value))
        edits.append(edit(record, ["current"], index))
        self._commit("step", edits)
        return True

    @intent
    def next_step(self) -> bool:
        """PageDown: the next step; at the last step, say how to save."""
        if self.record.current + 1 >= len(self.record.steps):
            self._notice("ui.last_step")
            return False
        return bool(self.go_to(self.record.current + 1))

    @intent
    def previous_step(self) -> bool:
        """PageUp: the step before (the opening screen before the first step)."""
        if self.record.current == OPENING:
            self._notice("ui.first_step")
            return False
        return bool(self.go_to(self.record.current - 1))

    def _current_step(self) -> int:
        if self.record.current == OPENING:
            raise ValueError("no step is open")
        return self.record.current

    # -- what the group sees ------------------------------------------------ #

    def show_to_group(self, view: str) -> None:
        """The facilitator shows the group the recap or the pulse (``""``: the step again): kept in
        the record at once, so the audience window follows. Not a change of the meeting: no undo,
        and it does not count as something to save."""
        if view not in SHOWING:
            raise ValueError(f"cannot show {view!r}")
        if view == self.record.showing or self.read_only or self.finished:
            return
        self.record.showing = view
        self._persist()

    # -- the capture box ---------------------------------------------------- #

    def set_draft(self, text: str) -> None:
        """The half-typed line changed; it is saved once typing pauses (see :meth:`tick`)."""
        if text == self.record.draft:
            return
        self.record.draft = text
        now = self.mono
        self._draft_changed = now
        if self._draft_first_unsaved is None:
            self._draft_first_unsaved = now

    def _parse(self, index: int, line: str, confirm: bool = False) -> Capture | CaptureError | None:
        record = self.record
        handler = kind_of(record.worksheet.steps[index])
        line = handler.prepare_line(record, index, line)
        return self._checked(parse_capture(line, self.names, record.worksheet.language, self.today), confirm)

    @property
    def today(self) -> date:
        return self.clock.now().date()

    def _checked(self, parsed: Capture | CaptureError | None, confirm: bool) -> Capture | CaptureError | None:
        """A due date in the past is pointed out before anything is stored; the same line entered
        again (``confirm``) is stored after all."""
        # lazy: Babel's dates, 1 ms at the start of `show` (importtime, 7 Dec 2026)
        from copsession.formats import short_date

        if isinstance(parsed, Capture) and parsed.due is not None and not confirm:
            language = self.record.worksheet.language
            if parsed.due < self.today:
                return CaptureError(
                    "ui.capture_date_past", {"date": short_date(parsed.due, language)}, confirmable=True
                )
            if self.trajectory_end is not None and parsed.due > self.trajectory_end:
                return CaptureError(
                    "ui.capture_date_after_end",
                    {"date": short_date(parsed.due, language), "end": short_date(self.trajectory_end, language)},
                    confirmable=True,
                )
        return parsed

    def use_plan(self, dates: list[date]) -> None:
        """The dates of this meeting's trajectory, from its plan: a due date after the last one is
        pointed out, and the next one is the date the minutes propose (kept in the record)."""
        if not dates:
            return
        self.trajectory_end = max(dates)
        if not self.read_only:
            later = [d for d in dates if d > self.record.meeting_date]
            self.record.planned_next = min(later) if later else None

    @property
    def names(self) -> list[str]:
        """Every participant's name, for ``@name``."""
        return [p.name for p in self.record.worksheet.participants]

    def _note_edits(self, index: int, capture: Capture, note_id: int) -> list[list]:
        record = self.record
        handler = kind_of(record.worksheet.steps[index])
        kind = handler.capture_kind(record, index, capture.kind)
        author = handler.author(record, index, kind)
        note = Note(
            note_id,
            index,
            kind,
            capture.text,
            self.clock.now(),
            author=author,
            owner=capture.owner,
            due=capture.due,
            topic=handler.topic(record, index),
        )
        edits = [[["note", note_id], None, note_doc(note)]]
        passes = record.steps[index].passes
        if author and author in passes:  # someone who passed and then speaks after all did not pass
            edits.append(edit(record, ["step", index, "passes"], [n for n in passes if n != author]))
        return edits

    @intent
    def add_line(self, line: str, confirm: bool = False) -> CaptureError | None:
        """Enter in the capture box: store the typed line in the current step.

        Returns what is wrong with the line (it is then not stored); the half-typed line is cleared
        in the same change, so a crash can never bring a stored line back as half-typed.
        ``confirm`` stores a line whose only problem was a warning (a due date in the past).
        """
        index = self._current_step()
        parsed = self._parse(index, line, confirm)
        if isinstance(parsed, CaptureError):
            return parsed
        if parsed is None:
            return None
        edits = self._note_edits(index, parsed, self.record.next_id)
        self.record.draft = ""
        self._draft_changed = self._draft_first_unsaved = None
        self._commit("note_added", edits)
        self._understood(parsed)
        return None

    def _understood(self, capture: Capture) -> None:
        """Say what a stored action was understood as when it has a who or a due date ("Action: Write
        the evaluation — Joke, due 3 March 2027"): a date typed as words (``vrijdag``, ``3 maart``) is
        seen as a date before anyone relies on it. The action's text is shortened to keep the
        message within a notice's width (:data:`NOTICE_WIDTH`), but never to less than a few words."""
        if not KIND_INFO[capture.kind].owner_and_date or not (capture.owner or capture.due):
            return
        # lazy: Babel's dates, 1 ms at the start of `show` (importtime, 7 Dec 2026)
        from copsession.formats import long_date

        language = self.record.worksheet.language
        said = "owner_due" if capture.owner and capture.due else "due" if capture.due else "owner"
        key = f"ui.action_stored_{said}"
        values = {"owner": capture.owner, "date": long_date(capture.due, language) if capture.due else ""}
        room = max(NOTICE_WIDTH - len(Catalog(language)(key, text="", **values)), 20)
        text = capture.text
        if len(text) > room:
            cut = text[: room - 1]
            if not text[room - 1].isspace() and " " in cut[room // 3 :]:  # end at a word when one is near
                cut = cut[: cut.rfind(" ")]
            text = cut.rstrip(" ,;:") + "…"
        self._notice(key, text=text, **values)

    def line_problem(self, line: str) -> CaptureError | None:
        """What would keep ``line`` from being stored in the current step as it is (a warning such
        as a date in the past does not count); nothing is stored."""
        parsed = self._parse(self._current_step(), line, confirm=True)
        return parsed if isinstance(parsed, CaptureError) else None

    @intent
    def keep_line(self, line: str) -> bool | None:
        """The half-typed line when the meeting is saved and quit: stored as Enter would store it, and
        a line that does not parse (a mistyped ``/acton …``, an unknown name) word for word as a plain
        note, so that nothing typed is lost. True when it was kept as a plain note, False when it was
        stored as Enter stores it, None for a blank line."""
        if self.add_line(line, confirm=True) is None:
            return None if not line.strip() else False
        index = self._current_step()
        plain = Capture("note", " ".join(line.split()))
        edits = self._note_edits(index, plain, self.record.next_id)
        self.record.draft = ""
        self._draft_changed = self._draft_first_unsaved = None
        self._commit("note_added", edits)
        return True

    @intent
    def add_lines(self, lines: list[str]) -> CaptureError | None:
        """A pasted block: every non-empty line becomes a note, as one change (one Ctrl+Z)."""
        index = self._current_step()
        lines = [line for line in lines if line.strip()]
        captures = []
        for number, line in enumerate(lines, 1):
            parsed = self._parse(index, line)
            if isinstance(parsed, CaptureError):
                return CaptureError(parsed.key, {**parsed.values, "line": str(number)})
            if parsed is not None:
                captures.append(parsed)
        edits: list[list] = []
        next_id = self.record.next_id
        for capture in captures:
            edits.extend(self._note_edits(index, capture, next_id))
            next_id += 1
        self.record.draft = ""
        self._draft_changed = self._draft_first_unsaved = None
        self._commit("lines_added", edits)
        if captures:
            self._notice("ui.lines_added", count=len(captures))
        return None

    # -- notes -------------------------------------------------------------- #

    def _note(self, note_id: int) -> Note | None:
        note = self.record.get(note_id)
        if note is None:
            self._notice("ui.note_gone", severity="warning")
        return note

    def _replace_note(self, label: str, note: Note, **fields: Any) -> None:
        after = {**note_doc(note), **fields}
        for key, value in fields.items():  # empty fields are left out of a note's data
            if value in ("", None, 0) and key not in ("id", "step", "kind", "text", "created"):
                after.pop(key, None)
        self._commit(label, [[["note", note.id], note_doc(note), after]])

    @intent
    def edit_note(self, note_id: int, text: str, confirm: bool = False) -> CaptureError | None:
        """Replace a note's text; an action's ``@who`` and date are read again."""
        note = self._note(note_id)
        if note is None:
            return None
        text = " ".join(text.split())
        if not text:
            return None
        if KIND_INFO[note.kind].owner_and_date:
            parsed = self._checked(
                parse_capture("/action " + text, self.names, self.record.worksheet.language, self.today), confirm
            )
            if isinstance(parsed, CaptureError):
                return parsed
            if parsed is None:
                return None
            self._replace_note(
                "note_edited",
                note,
                text=parsed.text,
                owner=parsed.owner,
                due=parsed.due.isoformat() if parsed.due else None,
            )
            self._understood(parsed)
            return None
        # the new text is kept as typed: a leading "/" is doubled so that it is not read as a command
        parsed = parse_capture("/" + text if text.startswith("/") else text, self.names, self.record.worksheet.language)
        if isinstance(parsed, Capture):
            self._replace_note("note_edited", note, text=parsed.text)
        return None

    @intent
    def add_contribution(self, index: int, kind: str, text: str, author: str = "") -> int | None:
        """Store what a participant sent from their own device, once the facilitator accepted it: a
        note of ``kind`` (a plain note, a concern or an open question) in step ``index``, marked as
        coming from a participant, with ``author`` the name they chose to give (empty: anonymous).
        One change, undone like any other. Returns the new note's id (None for nothing to store)."""
        from copsession.worksheet import clean_name, clean_text

        record = self.record
        if kind not in CONTRIBUTED_KINDS or not 0 <= index < len(record.steps):
            raise ValueError(f"a participant cannot add a {kind!r} to step {index}")
        text = " ".join(clean_text(text).split())[:MAX_CONTRIBUTION]
        if not text:
            return None
        handler = kind_of(record.worksheet.steps[index])
        note_id = record.next_id
        name = clean_name(author)[:MAX_NAME] if author else ""
        topic = handler.topic(record, index)
        note = Note(note_id, index, kind, text, self.clock.now(), author=name, topic=topic, via="participant")
        self._commit("note_added", [[["note", note_id], None, note_doc(note)]])
        return note_id

    @intent
    def anonymous_pulse(self, score: int) -> None:
        """A pulse score without a name (given on a participant's own device, or in the anonymous
        pulse): kept as ``#1``, ``#2``, … so that nobody's score can be told from the record."""
        given = {name for name in self.record.pulse if name.startswith("#")}
        number = next(n for n in range(1, len(given) + 2) if f"#{n}" not in given)
        self.set_pulse(f"#{number}", score)

    @intent
    def delete_note(self, note_id: int) -> bool:
        """Remove a note; the notice says that Ctrl+Z brings it back."""
        note = self._note(note_id)
        if note is None:
            return False
        self._commit("note_deleted", [[["note", note_id], note_doc(note), None]])
        self._notice("ui.deleted_undo", kind=note.kind)
        return True

    @intent
    def vote(self, note_id: int, delta: int) -> None:
        """Add (+1) or take away (-1) a dot vote; never below zero."""
        note = self._note(note_id)
        if note is not None:
            self._replace_note("vote", note, votes=max(0, note.votes + delta))

    @intent
    def tag(self, note_id: int, tag: str) -> None:
        """Mark a note known / unknown / idea; the same tag again clears it."""
        if tag not in TAGS:
            raise ValueError(f"unknown tag {tag!r}")
        note = self._note(note_id)
        if note is not None:
            self._replace_note("tag", note, tag="" if note.tag == tag else tag)

    @intent
    def set_follow_up(self, note_id: int, line: str) -> CaptureError | None:
        """What is done about a concern, and by whom: ``"Raise it with the board @Joost"``."""
        note = self._note(note_id)
        if note is None:
            return None
        parsed = parse_follow_up(line, self.names)
        if isinstance(parsed, CaptureError):
            return parsed
        text, owner = parsed
        self._replace_note("follow_up", note, follow_up=text, follow_up_owner=owner)
        return None

    @intent
    def move_note(self, note_id: int, delta: int) -> bool:
        """Move a note to the next (+1) or previous (-1) speaker of its round, or question or form
        step of its step."""
        note = self._note(note_id)
        if note is None:
            return False
        record = self.record
        step = record.worksheet.steps[note.step]
        handler = kind_of(step)
        if handler.is_round:
            order = record.steps[note.step].order
            if not order:
                return False
            position = order.index(note.author) if note.author in order else -1
            target = min(max(position + delta, 0), len(order) - 1)
            if order[target] == note.author:
                return False
            self._replace_note("note_moved", note, author=order[target])
            self._notice("ui.note_moved", to=order[target])
            return True
        topics = handler.topics(step)
        if topics:
            current = note.topic if note.topic is not None else -1
            target = min(max(current + delta, 0), len(topics) - 1)
            if target == note.topic:
                return False
            self._replace_note("note_moved", note, topic=target)
            self._notice("ui.note_moved", to=f"{target + 1}. {topics[target]}")
            return True
        return False

    # -- rounds ------------------------------------------------------------- #

    @intent
    def move_turn(self, delta: int) -> bool:
        """The next (+1) or previous (-1) present person speaks; their own speaking time starts."""
        index = self._current_step()
        target = self.record.turn_after(index, delta)
        if target is None:
            return False
        self._commit("turn", [edit(self.record, ["step", index, "turn"], target)])
        return True

    @intent
    def pass_turn(self) -> str | None:
        """The speaker passes (unless they already said something) and the turn moves on."""
        record = self.record
        index = self._current_step()
        name = record.speaker(index)
        if name is None:
            return None
        edits = []
        passed = not record.spoke(index, name) and name not in record.steps[index].passes
        if passed:
            edits.append(edit(record, ["step", index, "passes"], record.steps[index].passes + [name]))
        target = record.turn_after(index, +1)
        if target is not None:
            edits.append(edit(record, ["step", index, "turn"], target))
        self._commit("pass", edits)
        if passed:
            self._notice("ui.speaker_passed", name=name)
        return name

    # -- cursors: question, form step, results list, person ------------------ #

    @intent
    def move_cursor(self, delta: int) -> bool:
        """The next or previous question (exploration) or form step (work form)."""
        index = self._current_step()
        topics = kind_of(self.record.worksheet.steps[index]).topics(self.record.worksheet.steps[index])
        if not topics:
            return False
        cursor = min(max(self.record.steps[index].cursor + delta, 0), len(topics) - 1)
        label = "question" if self.record.worksheet.steps[index].kind == "exploration" else "form_step"
        return self._commit(label, [edit(self.record, ["step", index, "cursor"], cursor)]) is not None

    @intent
    def next_list(self) -> None:
        """Results: plain lines go to the next list (results → actions → take-back)."""
        index = self._current_step()
        cursor = (self.record.steps[index].cursor + 1) % len(RESULT_LISTS)
        self._commit("results_list", [edit(self.record, ["step", index, "cursor"], cursor)])

    @intent
    def move_person(self, delta: int) -> None:
        """Results, take-back list: whose take-back is typed next."""
        index = self._current_step()
        turn = max(0, self.record.steps[index].turn + delta)
        self._commit("person", [edit(self.record, ["step", index, "turn"], turn)])

    def results_mode(self, index: int) -> str:
        """Which list of the results step plain lines go to."""
        handler = KINDS["results"]
        assert isinstance(handler, Results)
        return handler.mode(self.record, index)

    # -- prompts and provocations ------------------------------------------ #

    @intent
    def draw_prompt(self) -> str:
        """Check-in: another prompt from the worksheet's or the built-in bank."""
        record = self.record
        index = self._current_step()
        state = record.steps[index]
        edits = []
        if state.prompt:
            edits.append(edit(record, ["step", index, "drawn"], state.drawn + [state.prompt]))
            edits.append(edit(record, ["step", index, "prompt_switches"], state.prompt_switches + [record.next_id]))
        prompt = record.draw(index, record.prompt_pool(index))
        edits.append(edit(record, ["step", index, "prompt"], prompt))
        self._commit("prompt", edits)
        return prompt

    @intent
    def draw_provocation(self) -> str:
        """Exploration: draw a provocative question (the step's own, or the built-in deck)."""
        record = self.record
        index = self._current_step()
        provocation = record.draw(index, record.provocation_pool(index))
        self._commit("provocation", [edit(record, ["step", index, "drawn"], record.steps[index].drawn + [provocation])])
        return provocation

    # -- attendance --------------------------------------------------------- #

    def _join_rounds(self, name: str) -> list[list]:
        """A late arrival joins the rounds that are already open."""
        record = self.record
        edits = []
        for index, state in enumerate(record.steps):
            if record.worksheet.steps[index].is_round and state.visited and name not in state.order:
                edits.append(edit(record, ["step", index, "order"], state.order + [name]))
        return edits

    @intent
    def set_present(self, name: str, present: bool) -> None:
        """Mark ``name`` present or absent; a late arrival joins the rounds still to come."""
        record = self.record
        if record.worksheet.participant(name) is None:
            return
        edits = [edit(record, ["present", name], present)]
        if present:
            edits.extend(self._join_rounds(name))
        self._commit("present" if present else "absent", edits)

    @intent
    def add_participant(self, name: str, organisation: str = "") -> str | None:
        """Someone not on the worksheet joins; returns the name as stored, or None (with a notice)."""
        record = self.record
        cleaned = clean_name(name)
        if not cleaned:
            self._notice("ui.name_needs_letters", severity="error")
            return None
        existing = record.worksheet.participant(cleaned)
        if existing is not None:
            self._notice("ui.name_taken", severity="error", name=existing.name)
            return None
        person = Participant(name=cleaned, organisation=clean_name(organisation))
        edits: list[list[Any]] = [
            [["participant", cleaned], None, participant_doc(person)],
            [["present", cleaned], None, True],
        ]
        self._commit("participant_added", edits + self._join_rounds(cleaned))
        self._notice("ui.participant_added", name=cleaned)
        return cleaned

    # -- pulse and carried-over items --------------------------------------- #

    @intent
    def set_pulse(self, name: str, score: int | None) -> None:
        """Record (or with None, clear) how ``name`` scores "we are still on track", 1–5."""
        if score is not None and not 1 <= score <= 5:
            raise ValueError("a pulse score is 1 to 5")
        self._commit("pulse", [edit(self.record, ["pulse", name], score)])

    @intent
    def review(self, index: int, status: str, note: str | None = None, source: str | None = None) -> None:
        """Mark carried item ``index`` done, open or dropped, optionally with a note; an answered
        question with where the answer came from (``source``: expert, literature, practice)."""
        if status not in CARRY_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if source is not None and source not in ANSWER_SOURCES:
            raise ValueError(f"unknown source {source!r}")
        item = self.record.carried[index]
        after = {**carried_doc(item), "status": status, "reviewed": True}
        if source is not None:
            after["source"] = source
        elif status != "done":
            after.pop("source", None)
        if note is not None:
            after["note"] = " ".join(note.split())
            if not after["note"]:
                after.pop("note")
        self._commit("review", [[["carried", index], carried_doc(item), after]])

    # -- timers ------------------------------------------------------------- #

    @intent
    def toggle_timer(self) -> bool:
        """Pause or run the current step's timer; returns True when it runs."""
        index = self._current_step()
        running = self.record.steps[index].clock.running
        self._commit("timer", [[["step", index, "running"], running, not running]])
        return not running

    @intent
    def add_minute(self) -> None:
        """Give the current step one more minute."""
        index = self._current_step()
        minutes = self.record.steps[index].clock.extra_minutes
        self._commit("add_minute", [[["step", index, "extra_minutes"], minutes, minutes + 1]])

    def time_used(self, index: int) -> tuple[float, float, str]:
        """Seconds used and budgeted in step ``index``, and the time state (see :func:`time_state`)."""
        used = self.record.elapsed(index, self.mono)
        budget = self.record.budget_seconds(index)
        return used, budget, time_state(used, budget)

    def part_time(self, index: int) -> float:
        """Seconds the current speaker (rounds) or form step (work form) has had."""
        started = self.record.steps[index].part_started
        return 0.0 if started is None else max(0.0, self.mono - started)

    def tick(self) -> None:
        """Called a few times a second: the time's-up moment, and saving what is not saved yet."""
        record = self.record
        if self.read_only:
            return
        index = record.current
        if index != OPENING and not record.steps[index].times_up:
            used, budget, _ = self.time_used(index)
            if used >= budget:
                apply_edits(record, [[["step", index, "times_up"], False, True]], self.mono)
                record.changes += 1
                self._persist()
                self._emit(MeetingEvent("times_up", "times_up", steps=frozenset({index})))
        now = self.mono
        if self._draft_changed is not None:
            paused = now - self._draft_changed >= DRAFT_PAUSE
            waited = self._draft_first_unsaved is not None and now - self._draft_first_unsaved >= DRAFT_MAX_WAIT
            if paused or waited:
                self._persist()
        elif index != OPENING and record.steps[index].clock.running and now - self._last_persist >= TIMER_SAVE:
            self._persist()

    # -- saving ------------------------------------------------------------- #

    def _forget_docs(self, applied: Applied) -> None:
        for note_id in applied.notes:
            self._note_docs.pop(note_id, None)

    def snapshot(self, *, finished: bool = False, stopped: str = "") -> dict:
        """The record as plain data, numbered, ready for the store to write from another thread."""
        # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.recordfile import snapshot

        docs = self._note_docs
        notes = []
        for note in self.record.notes:
            doc = docs.get(note.id)
            if doc is None:
                doc = docs[note.id] = note_doc(note)
            notes.append(doc)
        return snapshot(
            self.record,
            self.mono,
            finished=finished,
            stopped=stopped,
            minutes_file=self.minutes_file,
            saved=self.clock.now(),
            notes=notes,
        )

    def _persist(self, *, finished: bool = False, stopped: str = "", wait: bool = False) -> bool:
        """Hand the record to the store (at once, or with ``wait`` written before returning)."""
        self._draft_changed = self._draft_first_unsaved = None
        self._last_persist = self.mono
        if self.store is None or self.read_only:
            return True
        if not self.record.happened and not self.store.written:
            return True  # a launch that never became a meeting leaves nothing (once written, every state is)
        doc = self.snapshot(finished=finished, stopped=stopped)
        return self.store.save(doc, wait=wait)

    def flush(self) -> bool:
        """Write everything now (before the process may end)."""
        return self._persist(wait=True)

    def finish(self) -> bool:
        """The facilitator ends the meeting: the record is written one last time, marked finished."""
        return self._end(finished=True)

    def stop(self, reason: str) -> bool:
        """The process is being ended (a signal, a crash): write the record, unfinished, so that
        ``copsession resume`` carries on."""
        return self._end(finished=False, stopped=reason)

    def _end(self, *, finished: bool, stopped: str = "") -> bool:
        if self.finished:
            return True
        self.finished = True
        ok = self._persist(finished=finished, stopped=stopped, wait=True)
        if self.store is not None:
            self.store.close()
        return ok

    def report_crash(self, error: BaseException) -> Path | None:
        """Save the record and write a crash report (no local variables, no meeting text)."""
        try:
            self.flush()
        except Exception:  # noqa: BLE001 - the report below matters more; the record is retried later
            pass
        if self.store is None:
            return None
        return self.store.crash_report(error, self.clock.now())

    @property
    def unsaved(self) -> bool:
        """True when there are notes the saved minutes do not hold yet."""
        return bool(self.record.notes) and self.record.changes != self.minutes_changes

    def minutes_written(self, path: Path, changes: int) -> None:
        """The minutes (as of change ``changes``) are on disk at ``path``; the record learns their name."""
        self.minutes_file = path.name
        self.minutes_changes = changes
        self.record.minutes_saved = True
        self._persist()
        self._emit(MeetingEvent("saved", notice="ui.saved", values={"path": str(path)}))

    # -- read-only windows --------------------------------------------------- #

    def reload(self, record: SessionRecord) -> None:
        """A read-only window read a newer copy of the record: show it."""
        current = self.record.current
        self.record = record
        self._note_docs.clear()
        self._emit(MeetingEvent("reloaded", current=record.current != current))


def time_state(used: float, budget: float) -> str:
    """``"ok"``, ``"warning"`` (20 % left), ``"alert"`` (5 % left) or ``"over"``."""
    left = budget - used
    if left < 0:
        return "over"
    if left <= budget * 0.05:
        return "alert"
    if left <= budget * 0.20:
        return "warning"
    return "ok"
