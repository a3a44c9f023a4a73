"""The session record: everything that happened in one meeting.

The record is the single source of truth while a meeting runs: attendance,
every note with its kind and author, the time used per step, where the
meeting is. The UI only reads and changes it through the methods here, and
the minutes are rendered from it alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime

from copsession.worksheet import Participant, Step, Worksheet

NOTE_KINDS = ("note", "action", "concern", "result", "question", "takeback", "private")
"""What a captured line can be; ``takeback`` is what a participant takes back to their organisation;
``private`` is a remark only the facilitator sees (never in the minutes or the brief)."""

TAGS = ("known", "unknown", "idea")
"""Exploration: what the group knows, does not know yet, or has as an idea."""

OPENING = -1
"""The value of :attr:`SessionRecord.current` while the opening screen shows."""


@dataclass
class Note:
    """One captured line: a note, an action, a concern, a result or an open question."""

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


CARRY_STATUSES = ("open", "done", "dropped")
"""What became of an action or concern carried over from an earlier meeting."""


@dataclass
class CarriedItem:
    """An open action or unresolved concern from an earlier meeting of the series."""

    origin: str
    """``<record id>#<note id>`` of the meeting where it was first captured."""
    origin_date: date
    kind: str
    """``action`` or ``concern``."""
    text: str
    owner: str = ""
    due: date | None = None
    status: str = "open"
    note: str = ""
    """What the group said about it in this meeting."""
    reviewed: bool = False
    """Whether this meeting looked at it (an item not looked at stays open)."""


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
    """In a round: index into ``order`` of the person speaking."""
    passes: list[str] = field(default_factory=list)
    """In a round: who passed."""
    cursor: int = 0
    """Exploration: the question shown; work form: the form step shown; results: the list shown."""
    part_started: float | None = None
    """Monotonic time when the current turn (rounds) or form step (work form) began."""
    prompt: str = ""
    """Check-in: the prompt in use (from the worksheet or drawn from a bank)."""
    drawn: list[str] = field(default_factory=list)
    """Exploration: provocations drawn, in order; check-in: prompts drawn."""
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
    current: int = OPENING
    seed: int = 0
    next_id: int = 1
    changes: int = 0
    """Counts every change; the UI compares it with the count at the last save."""
    draft: str = ""
    """What is typed in the capture box but not added yet (kept so a crash loses no typing)."""
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

    # -- where we are ------------------------------------------------------- #

    @property
    def step(self) -> Step | None:
        """The current step, or None on the opening screen."""
        return None if self.current == OPENING else self.worksheet.steps[self.current]

    @property
    def meeting_date(self) -> date:
        """The worksheet's date, or the day the meeting started."""
        return self.worksheet.date or self.started.date()

    def go_to(self, index: int, mono: float) -> None:
        """Move to step ``index`` (or :data:`OPENING`), moving the running timer along."""
        if not OPENING <= index < len(self.steps):
            raise IndexError(index)
        if index == self.current:
            return
        if self.current != OPENING:
            self.steps[self.current].clock.pause(mono)
        self.current = index
        if index != OPENING:
            state = self.steps[index]
            step = self.worksheet.steps[index]
            if not state.visited:
                state.visited = True
                state.part_started = mono
                if step.is_round:
                    state.order = self._round_order(index)
                if step.kind == "check-in":
                    state.prompt = step.prompt or self._draw(index, self._prompt_pool(index))
                elif step.prompt:
                    state.prompt = step.prompt
            state.clock.start(mono)
        self.changes += 1

    # -- attendance --------------------------------------------------------- #

    def add_participant(self, name: str, organisation: str = "") -> Participant:
        """Someone not on the worksheet joins: add them, present, to this meeting."""
        from dataclasses import replace

        name = " ".join(name.split())
        if not name:
            raise ValueError("a participant needs a name")
        if self.worksheet.participant(name) is not None:
            raise ValueError(f"{name} is already a participant")
        participant = Participant(name=name, organisation=organisation)
        self.worksheet = replace(self.worksheet, participants=self.worksheet.participants + (participant,))
        self.added.append(participant)
        self.set_present(name, True)
        return participant

    def set_present(self, name: str, present: bool) -> None:
        """Mark ``name`` present or absent; a late arrival joins the rounds still to come."""
        self.present[name] = present
        for index, state in enumerate(self.steps):
            if not self.worksheet.steps[index].is_round or not state.visited:
                continue
            if present and name not in state.order:
                state.order.append(name)
        self.changes += 1

    @property
    def present_names(self) -> list[str]:
        return [p.name for p in self.worksheet.participants if self.present.get(p.name)]

    @property
    def absent_names(self) -> list[str]:
        return [p.name for p in self.worksheet.participants if not self.present.get(p.name)]

    # -- rounds ------------------------------------------------------------- #

    def _round_order(self, index: int) -> list[str]:
        names = self.present_names
        if self.worksheet.steps[index].order == "random":
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
        turn = state.turn
        while turn < len(names) and not self.present.get(names[turn]):
            turn += 1
        return names[turn] if turn < len(names) else None

    def next_speaker_name(self, index: int) -> str | None:
        """Who speaks after the current speaker in round ``index``."""
        current = self.speaker(index)
        if current is None:
            return None
        names = self.steps[index].order
        for name in names[names.index(current) + 1:]:
            if self.present.get(name):
                return name
        return None

    def move_turn(self, index: int, delta: int, mono: float | None = None) -> None:
        """Give the turn to the next (+1) or previous (-1) present person; their speaking time starts at ``mono``."""
        state = self.steps[index]
        names = state.order
        current = self.speaker(index)
        position = names.index(current) if current is not None else len(names)
        target = position + delta
        while 0 <= target < len(names) and not self.present.get(names[target]):
            target += delta
        if target >= 0:  # before the first speaker there is nowhere to go
            state.turn = min(target, len(names))
            if mono is not None:
                state.part_started = mono
        self.changes += 1

    def pass_turn(self, index: int, mono: float | None = None) -> str | None:
        """Record that the current speaker passes, and move on.

        Someone who already said something in this round is not marked as passed.
        """
        name = self.speaker(index)
        if name is None:
            return None
        spoke = any(n.author == name for n in self.notes_in(index))
        if not spoke and name not in self.steps[index].passes:
            self.steps[index].passes.append(name)
        self.move_turn(index, +1, mono)
        return name

    # -- notes -------------------------------------------------------------- #

    def add_note(self, step: int, kind: str, text: str, now: datetime, author: str = "",
                 owner: str = "", due: date | None = None, topic: int | None = None) -> Note:
        """Capture one line in ``step``."""
        if kind not in NOTE_KINDS:
            raise ValueError(f"unknown note kind {kind!r}")
        note = Note(self.next_id, step, kind, text, now, author, owner, due, topic)
        self.next_id += 1
        self.notes.append(note)
        if author and author in self.steps[step].passes:
            self.steps[step].passes.remove(author)
        self.changes += 1
        return note

    def move_cursor(self, index: int, delta: int, size: int, mono: float | None = None) -> int:
        """Move the question, form-step or list cursor of step ``index`` within ``size`` items."""
        state = self.steps[index]
        cursor = min(max(state.cursor + delta, 0), max(size - 1, 0))
        if cursor != state.cursor and mono is not None:
            state.part_started = mono
        state.cursor = cursor
        self.changes += 1
        return state.cursor

    def set_cursor(self, index: int, value: int) -> None:
        """Set the cursor of step ``index`` (which list the results step shows)."""
        self.steps[index].cursor = value
        self.changes += 1

    def set_turn(self, index: int, value: int) -> None:
        """Set whose turn it is in step ``index`` (the results step's take-back list)."""
        self.steps[index].turn = value
        self.changes += 1

    # -- prompts and provocations -------------------------------------------- #

    def _used(self) -> set[str]:
        used = {s.prompt for s in self.steps if s.prompt}
        for state in self.steps:
            used.update(state.drawn)
        return used

    def _draw(self, index: int, pool: tuple[str, ...]) -> str:
        """A random entry of ``pool`` not used yet in this meeting (any entry once all are used)."""
        if not pool:
            return ""
        import random

        fresh = [p for p in pool if p not in self._used()] or list(pool)
        rng = random.Random(f"{self.seed}-{index}-{len(self._used())}")
        return rng.choice(fresh)

    def _prompt_pool(self, index: int) -> tuple[str, ...]:
        from copsession.prompts import CHECK_IN

        return self.worksheet.steps[index].prompts or CHECK_IN[self.worksheet.language]

    def draw_prompt(self, index: int) -> str:
        """Check-in: replace the prompt with another from the worksheet's or the built-in bank."""
        state = self.steps[index]
        if state.prompt:
            state.drawn.append(state.prompt)
        state.prompt = self._draw(index, self._prompt_pool(index))
        self.changes += 1
        return state.prompt

    def draw_provocation(self, index: int) -> str:
        """Exploration: draw a provocative question (the step's own, or the built-in deck)."""
        from copsession.prompts import PROVOCATIONS

        pool = self.worksheet.steps[index].provocations or PROVOCATIONS[self.worksheet.language]
        provocation = self._draw(index, pool)
        self.steps[index].drawn.append(provocation)
        self.changes += 1
        return provocation

    # -- voting, tags, follow-ups, pulse ------------------------------------ #

    def vote(self, note_id: int, delta: int) -> int:
        """Add (+1) or take away (-1) a dot vote; never below zero."""
        note = self.find(note_id)
        note.votes = max(0, note.votes + delta)
        self.changes += 1
        return note.votes

    def tag(self, note_id: int, tag: str) -> None:
        """Mark a note known / unknown / idea; the same tag again clears it."""
        if tag not in TAGS:
            raise ValueError(f"unknown tag {tag!r}")
        note = self.find(note_id)
        note.tag = "" if note.tag == tag else tag
        self.changes += 1

    def follow_up(self, note_id: int, text: str, owner: str = "") -> None:
        """Record what is done about a concern, and by whom."""
        note = self.find(note_id)
        note.follow_up, note.follow_up_owner = text, owner
        self.changes += 1

    def set_pulse(self, name: str, score: int | None) -> None:
        """Record (or with None, clear) how ``name`` scores "we are still on the right path", 1–5."""
        if score is None:
            self.pulse.pop(name, None)
        elif 1 <= score <= 5:
            self.pulse[name] = score
        else:
            raise ValueError("a pulse score is 1 to 5")
        self.changes += 1

    def pulse_distribution(self) -> list[int]:
        """How many people gave 1, 2, 3, 4 and 5."""
        return [sum(1 for v in self.pulse.values() if v == score) for score in range(1, 6)]

    def pulse_average(self) -> float | None:
        return sum(self.pulse.values()) / len(self.pulse) if self.pulse else None

    def find(self, note_id: int) -> Note:
        for note in self.notes:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    def edit_note(self, note_id: int, text: str) -> None:
        """Replace a note's text."""
        self.find(note_id).text = text
        self.changes += 1

    def edit_action(self, note_id: int, text: str, owner: str, due: date | None) -> None:
        """Replace an action's text, owner and due date."""
        note = self.find(note_id)
        note.text, note.owner, note.due = text, owner, due
        self.changes += 1

    def delete_note(self, note_id: int) -> None:
        """Remove a note."""
        self.notes.remove(self.find(note_id))
        self.changes += 1

    def notes_in(self, step: int, kind: str | None = None) -> list[Note]:
        """The notes captured in ``step``, in the order they were typed."""
        return [n for n in self.notes if n.step == step and (kind is None or n.kind == kind)]

    def of_kind(self, kind: str) -> list[Note]:
        """All notes of one kind across the meeting (actions, results, …)."""
        return [n for n in self.notes if n.kind == kind]

    # -- carry-over ---------------------------------------------------------- #

    def review(self, index: int, status: str, note: str | None = None) -> None:
        """Mark carried item ``index`` done, open or dropped, optionally with a note."""
        if status not in CARRY_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        item = self.carried[index]
        item.status = status
        item.reviewed = True
        if note is not None:
            item.note = note
        self.changes += 1

    # -- time --------------------------------------------------------------- #

    def elapsed(self, index: int, mono: float) -> float:
        """Seconds used by step ``index``."""
        return self.steps[index].clock.elapsed(mono)

    def budget_seconds(self, index: int) -> float:
        """The step's planned time plus any minutes added."""
        return (self.worksheet.steps[index].minutes + self.steps[index].clock.extra_minutes) * 60

    def projected_end(self, now: datetime, mono: float) -> datetime:
        """When the meeting will end if the current and later steps take their planned time."""
        from datetime import timedelta

        if self.current == OPENING:
            remaining = sum(self.budget_seconds(i) for i in range(len(self.steps)))
        else:
            left = max(0.0, self.budget_seconds(self.current) - self.elapsed(self.current, mono))
            remaining = left + sum(self.budget_seconds(i) for i in range(self.current + 1, len(self.steps)))
        return now + timedelta(seconds=remaining)

    def toggle_timer(self, mono: float) -> bool:
        """Pause or resume the current step's timer; returns True when running."""
        if self.current == OPENING:
            return False
        clock = self.steps[self.current].clock
        if clock.running:
            clock.pause(mono)
        else:
            clock.start(mono)
        self.changes += 1
        return clock.running

    def add_minute(self) -> None:
        """Give the current step one more minute."""
        if self.current != OPENING:
            self.steps[self.current].clock.extra_minutes += 1
            self.changes += 1
