"""The session record: everything that happened in one meeting, as data.

The record is the single source of truth while a meeting runs: attendance, every note with its
kind and author, the time used per step, where the meeting is, and the undo history. It only
answers questions; every change goes through the meeting engine (:mod:`copsession.engine`),
which applies it with :mod:`copsession.changes` so that it can be undone, saved and replayed.
The minutes are rendered from the record alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from copsession.worksheet import Participant, Step, Worksheet

OPENING = -1
SHOWING = ("", "recap", "pulse", "pulse-anonymous")
"""What :attr:`SessionRecord.showing` may say."""
"""The value of :attr:`SessionRecord.current` while the opening screen shows."""

TAGS = ("known", "unknown", "idea")
"""Exploration: what the group knows, does not know yet, or has as an idea."""


@dataclass
class Note:
    """One captured line: a note, an action, a concern, a result, an open question, …"""

    id: int
    step: int
    kind: str
    text: str
    created: datetime
    author: str = ""
    """In a round: the participant who was speaking."""
    owner: str = ""
    """For an action: who will do it."""
    due: date | None = None
    """For an action: by when."""
    topic: int | None = None
    """Exploration: the question the note belongs to; work form: the form step."""
    tag: str = ""
    """Exploration: known, unknown (not yet known) or idea."""
    votes: int = 0
    """Dot votes the group gave this note."""
    follow_up: str = ""
    """For a concern: what is done about it."""
    follow_up_owner: str = ""
    """For a concern: who does it."""
    via: str = ""
    """``participant`` for a note a participant sent from their own device and the facilitator
    accepted (its ``author`` is the name they chose to give, or empty: anonymous); else empty."""


CARRY_STATUSES = ("open", "done", "dropped")
"""What became of an item carried over from an earlier meeting (the words differ per kind: an
answered question, a take-back that was taken up, a goal still in force)."""

CARRIED_KINDS = ("goal", "agreement", "action", "concern", "question", "takeback")
"""What the trajectory remembers from meeting to meeting, in the order the opening screen shows it:
the shared goal and working agreements (until dropped), open actions and concerns, open questions
(until answered), and what people took back to their organisations (asked back once)."""

ANSWER_SOURCES = ("expert", "literature", "practice")
"""Where the answer to an open question came from."""


@dataclass
class CarriedItem:
    """An open action or unresolved concern from an earlier meeting of the series."""

    origin: str
    """``<record id>#<note id>`` of the meeting where it was first captured."""
    origin_date: date
    kind: str
    """One of :data:`CARRIED_KINDS`."""
    text: str
    owner: str = ""
    due: date | None = None
    status: str = "open"
    note: str = ""
    """What the group said about it in this meeting."""
    reviewed: bool = False
    """Whether this meeting looked at it (an item not looked at stays open)."""
    source: str = ""
    """An answered question: where the answer came from (one of :data:`ANSWER_SOURCES`)."""


@dataclass
class StepClock:
    """Time used by one step, on a monotonic clock; can run, pause and get extra minutes."""

    used: float = 0.0
    running_since: float | None = None
    extra_minutes: int = 0

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def elapsed(self, mono: float) -> float:
        """Seconds used so far."""
        if self.running_since is None:
            return self.used
        return self.used + max(0.0, mono - self.running_since)

    def start(self, mono: float) -> None:
        if self.running_since is None:
            self.running_since = mono

    def pause(self, mono: float) -> None:
        if self.running_since is not None:
            self.used = self.elapsed(mono)
            self.running_since = None


@dataclass
class StepState:
    """What happened in one step."""

    clock: StepClock = field(default_factory=StepClock)
    visited: bool = False
    order: list[str] = field(default_factory=list)
    """In a round: the names in turn order, fixed when the round is first opened."""
    turn: int = 0
    """In a round: index into ``order`` of the person speaking; results: whose take-back is typed."""
    passes: list[str] = field(default_factory=list)
    """In a round: who passed."""
    cursor: int = 0
    """Exploration: the question shown; work form: the form step shown; results: the list shown."""
    part_started: float | None = None
    """Monotonic time when the current turn (rounds) or form step (work form) began (not saved)."""
    prompt: str = ""
    """Check-in: the prompt in use (from the worksheet or drawn from a bank)."""
    drawn: list[str] = field(default_factory=list)
    """Exploration: provocations drawn, in order; check-in: prompts drawn before the current one."""
    prompt_switches: list[int] = field(default_factory=list)
    """Check-in: for each prompt drawn after the first, the id the next note got then — so the
    minutes show which prompt each answer belongs to."""
    times_up: bool = False
    """The "time's up" moment has been shown for this step."""


@dataclass
class SessionRecord:
    """One meeting as it happens; create it with :meth:`start`."""

    worksheet: Worksheet
    started: datetime
    present: dict[str, bool]
    steps: list[StepState]
    notes: list[Note] = field(default_factory=list)
    """Every note, in the order typed (by id)."""
    current: int = OPENING
    seed: int = 0
    next_id: int = 1
    changes: int = 0
    """Counts every change; the UI compares it with the count at the last save of the minutes."""
    draft: str = ""
    """What is typed in the capture box but not added yet (kept so a crash loses no typing)."""
    showing: str = ""
    """What the facilitator shows the group besides the step: ``recap`` (the closing recap),
    ``pulse`` or ``pulse-anonymous`` (the course being scored); the audience window follows it."""
    pulse: dict[str, int] = field(default_factory=dict)
    """"Are we still on track?": each participant's score from 1 to 5."""
    carried: list[CarriedItem] = field(default_factory=list)
    """Open actions and concerns from earlier meetings of the series, with what became of them."""
    added: list[Participant] = field(default_factory=list)
    """Participants added during the meeting (not on the worksheet)."""
    series_number: int = 1
    """This meeting's number in its series."""
    previous_date: date | None = None
    """The date of the series' previous meeting, if any."""
    undo: list[dict] = field(default_factory=list)
    """Changes that Ctrl+Z can take back, oldest first (see :mod:`copsession.changes`)."""
    redo: list[dict] = field(default_factory=list)
    """Changes taken back that Ctrl+Y can do again, most recently undone last."""
    snapshots: int = 0
    """How many snapshots of this record were taken; each is numbered, and the store never writes an
    older one over a newer one."""
    planned_next: date | None = None
    """The next meeting's date in the trajectory's plan (``copsession trajectory``), when there is one."""
    minutes_saved: bool = False
    """Its minutes were written (from the record file: it names them): saving the minutes makes a
    meeting, even one saved from the opening screen."""

    def __post_init__(self) -> None:
        self._by_id: dict[int, Note] = {n.id: n for n in self.notes}

    @classmethod
    def start(cls, worksheet: Worksheet, now: datetime, seed: int | None = None) -> "SessionRecord":
        """A fresh record for ``worksheet``: everyone present, at the opening screen."""
        return cls(
            worksheet=worksheet,
            started=now,
            present={p.name: True for p in worksheet.participants},
            steps=[StepState() for _ in worksheet.steps],
            seed=int.from_bytes(os.urandom(4), "big") >> 2 if seed is None else seed,
        )

    def copy_for_reading(self) -> "SessionRecord":
        """A copy another thread may read while this record changes (to render the minutes in a
        worker). Cheap: notes and carried items are never changed in place (a change puts a new
        object in their place), so only the lists, the step states and their clocks are copied."""
        steps = [
            replace(
                s,
                clock=replace(s.clock),
                order=list(s.order),
                passes=list(s.passes),
                drawn=list(s.drawn),
                prompt_switches=list(s.prompt_switches),
            )
            for s in self.steps
        ]
        return replace(
            self,
            steps=steps,
            notes=list(self.notes),
            present=dict(self.present),
            pulse=dict(self.pulse),
            carried=list(self.carried),
            added=list(self.added),
            undo=[],
            redo=[],
        )

    # -- where we are ------------------------------------------------------- #

    @property
    def step(self) -> Step | None:
        """The current step, or None on the opening screen."""
        return None if self.current == OPENING else self.worksheet.steps[self.current]

    @property
    def meeting_date(self) -> date:
        """The worksheet's date, or the day the meeting started."""
        return self.worksheet.date or self.started.date()

    @property
    def happened(self) -> bool:
        """True once the meeting really began: a step was opened, something was typed, an earlier
        meeting's item reviewed or a pulse score given, or the minutes saved.

        A launch that never got this far (testing the projector, say) is not a meeting: it leaves
        no record and takes no number in the series.
        """
        return (
            bool(self.notes)
            or bool(self.draft.strip())
            or any(s.visited for s in self.steps)
            or bool(self.pulse)
            or any(c.reviewed for c in self.carried)
            or self.minutes_saved
        )

    # -- attendance --------------------------------------------------------- #

    @property
    def present_names(self) -> list[str]:
        return [p.name for p in self.worksheet.participants if self.present.get(p.name)]

    @property
    def absent_names(self) -> list[str]:
        return [p.name for p in self.worksheet.participants if not self.present.get(p.name)]

    # -- rounds ------------------------------------------------------------- #

    def round_order(self, index: int) -> list[str]:
        """The turn order a round gets when it is first opened: who is present, maybe shuffled."""
        names = self.present_names
        if self.worksheet.steps[index].order == "random":
            # lazy: only to draw; 2 ms (5 modules) at start-up (importtime, 7 Dec 2026)
            import random

            random.Random(self.seed + index).shuffle(names)
        return names

    def speakers(self, index: int) -> list[str]:
        """The turn order of round ``index``, skipping who is absent now."""
        return [n for n in self.steps[index].order if self.present.get(n)]

    def speaker(self, index: int) -> str | None:
        """Who is speaking in round ``index``; None when the round is over or empty."""
        state = self.steps[index]
        names = state.order
        turn = max(0, state.turn)
        while turn < len(names) and not self.present.get(names[turn]):
            turn += 1
        return names[turn] if turn < len(names) else None

    def next_speakers(self, index: int, count: int = 1) -> list[str]:
        """Who speak after the current speaker in round ``index`` (at most ``count``)."""
        current = self.speaker(index)
        if current is None:
            return []
        names = self.steps[index].order
        following = [n for n in names[names.index(current) + 1 :] if self.present.get(n)]
        return following[:count]

    def next_speaker_name(self, index: int) -> str | None:
        """Who speaks after the current speaker in round ``index``."""
        following = self.next_speakers(index, 1)
        return following[0] if following else None

    def turn_after(self, index: int, delta: int) -> int | None:
        """The ``turn`` value after moving to the next (+1) or previous (-1) present person;
        None where there is nowhere to go."""
        state = self.steps[index]
        names = state.order
        current = self.speaker(index)
        position = names.index(current) if current is not None else len(names)
        target = position + delta
        while 0 <= target < len(names) and not self.present.get(names[target]):
            target += delta
        if target < 0:
            return None
        target = min(target, len(names))
        return None if target == state.turn else target

    def spoke(self, index: int, name: str) -> bool:
        """Whether ``name`` said something in round ``index``."""
        return any(n.author == name for n in self.notes_in(index))

    # -- prompts and provocations ------------------------------------------- #

    def used_texts(self) -> set[str]:
        """Every prompt and provocation already used in this meeting."""
        used = {s.prompt for s in self.steps if s.prompt}
        for state in self.steps:
            used.update(state.drawn)
        return used

    def draw(self, index: int, pool: tuple[str, ...]) -> str:
        """A random entry of ``pool`` not used yet in this meeting (any entry once all are used)."""
        if not pool:
            return ""
        # lazy: only to draw; 2 ms (5 modules) at start-up (importtime, 7 Dec 2026)
        import random

        used = self.used_texts()
        fresh = [p for p in pool if p not in used] or list(pool)
        rng = random.Random(f"{self.seed}-{index}-{len(used)}")
        return rng.choice(fresh)

    def prompt_pool(self, index: int) -> tuple[str, ...]:
        """Check-in prompts to draw from: the step's own, or the built-in bank."""
        # lazy: the prompt banks, 0.4 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.prompts import check_in_prompts

        return self.worksheet.steps[index].prompts or check_in_prompts(self.worksheet.language)

    def provocation_pool(self, index: int) -> tuple[str, ...]:
        """Provocative questions to draw from: the step's own, or the built-in deck."""
        # lazy: the prompt banks, 0.4 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.prompts import provocations

        return self.worksheet.steps[index].provocations or provocations(self.worksheet.language)

    # -- notes -------------------------------------------------------------- #

    def get(self, note_id: int) -> Note | None:
        """The note with ``note_id``, or None when there is none (any more)."""
        return self._by_id.get(note_id)

    def find(self, note_id: int) -> Note:
        """The note with ``note_id``; KeyError when there is none."""
        return self._by_id[note_id]

    def put_note(self, note: Note) -> None:
        """Store ``note`` (new, or back after an undo) in typed order. Only :mod:`changes` calls this."""
        self._by_id[note.id] = note
        if not self.notes or self.notes[-1].id < note.id:
            self.notes.append(note)
        else:
            position = self._position(note.id)
            if position < len(self.notes) and self.notes[position].id == note.id:
                self.notes[position] = note
            else:
                self.notes.insert(position, note)
        self.next_id = max(self.next_id, note.id + 1)

    def _position(self, note_id: int) -> int:
        """Where the note with ``note_id`` is, or would go, in :attr:`notes` (kept in id order)."""
        # lazy: only for an undo; 0.4 ms (2 modules) at start-up (importtime, 7 Dec 2026)
        import bisect

        return bisect.bisect_left(self.notes, note_id, key=lambda n: n.id)

    def drop_note(self, note_id: int) -> None:
        """Remove a note. Only :mod:`changes` calls this."""
        note = self._by_id.pop(note_id, None)
        if note is None:
            return
        # found by its id, not compared field by field: undoing a paste of 10,000 lines took 11 s
        position = len(self.notes) - 1 if self.notes and self.notes[-1] is note else self._position(note_id)
        if position < len(self.notes) and self.notes[position] is note:
            del self.notes[position]
        else:  # not in id order (never written so, but a list is a list): the slow way, by identity
            self.notes = [n for n in self.notes if n is not note]

    def notes_in(self, step: int, kind: str | None = None) -> list[Note]:
        """The notes captured in ``step``, in the order they were typed."""
        return [n for n in self.notes if n.step == step and (kind is None or n.kind == kind)]

    def collected(self, kind: str) -> list[Note]:
        """What a section of kind ``kind`` lists (minutes, recap, brief): the notes of that kind, from
        every step — for open questions also the notes marked *not yet known* (one rule,
        :func:`copsession.capture.is_open_question`)."""
        if kind == "question":
            # lazy: the capture parser, 8 ms at the start of `validate` (importtime, 7 Dec 2026)
            from copsession.capture import is_open_question

            return [n for n in self.notes if is_open_question(n.kind, n.tag)]
        return self.of_kind(kind)

    def of_kind(self, kind: str) -> list[Note]:
        """All notes of one kind across the meeting (actions, results, …)."""
        return [n for n in self.notes if n.kind == kind]

    # -- pulse -------------------------------------------------------------- #

    def pulse_distribution(self) -> list[int]:
        """How many people gave 1, 2, 3, 4 and 5."""
        return [sum(1 for v in self.pulse.values() if v == score) for score in range(1, 6)]

    def pulse_average(self) -> float | None:
        return sum(self.pulse.values()) / len(self.pulse) if self.pulse else None

    # -- time --------------------------------------------------------------- #

    def elapsed(self, index: int, mono: float) -> float:
        """Seconds used by step ``index``."""
        return self.steps[index].clock.elapsed(mono)

    def budget_seconds(self, index: int) -> float:
        """The step's planned time plus any minutes added."""
        return (self.worksheet.steps[index].minutes + self.steps[index].clock.extra_minutes) * 60

    def projected_end(self, now: datetime, mono: float) -> datetime:
        """When the meeting will end if the current and later steps take their planned time."""
        if self.current == OPENING:
            remaining = sum(self.budget_seconds(i) for i in range(len(self.steps)))
        else:
            left = max(0.0, self.budget_seconds(self.current) - self.elapsed(self.current, mono))
            remaining = left + sum(self.budget_seconds(i) for i in range(self.current + 1, len(self.steps)))
        return now + timedelta(seconds=remaining)
