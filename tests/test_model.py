"""Model-based: the engine and the capture path under random sequences, checked against a plain model.

Hypothesis drives one meeting (the engine, the record store writing to a real folder, and the
capture box's line as the core keeps it, :class:`copsession.typed.TypedLine`) with random rules:
typing in pieces, Enter, step changes, edits, follow-ups, deletes, votes, undo and redo, Escape,
saving the minutes, and a simulated kill followed by a resume from disk — with the fake clock moved
by random amounts between them (across the half-typed line's save interval and the timer's). After
every rule the record is held against the model:

- every stored note is a line that was entered, once, unchanged; no two notes share a typed word;
- the half-typed line is exactly what was typed since the last Enter, and never holds a word of a
  stored note (the burst bug brought stored lines back as half-typed lines);
- the half-typed line on disk is the one typed, once typing has paused for ``DRAFT_PAUSE`` (or
  ``DRAFT_MAX_WAIT`` of continuous typing has passed);
- undo and redo return the states the model saw before; after a kill and a resume the record equals
  the model (the half-typed line as last saved), and undo still goes back through the same states;
- the minutes hold every note that is not private, each on a line of its own, and nothing deleted.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from conftest import SMALL
from copsession.capture import command_words
from copsession.clock import FakeClock
from copsession.engine import DRAFT_MAX_WAIT, DRAFT_PAUSE, Meeting
from copsession.minutes import render_minutes
from copsession.persistence import RecordStore
from copsession.record import OPENING, SessionRecord
from copsession.recordfile import read_record
from copsession.typed import TypedLine
from copsession.worksheet import parse_worksheet
from meetings import NOW

WORKSHEET = parse_worksheet(SMALL, "small.toml")
TOKEN = re.compile(r"w\d+q")
"""Every piece of typed text carries a word of its own, ``w<number>q``: where it ends up is known."""

WORDS = st.sampled_from(["", " school", " club  en", " ë|ö", " *nadruk*", " <b>", " [red]", " #3", "  ", " \\x"])
PREFIXES = st.sampled_from(["", "", "", "/question ", "/private ", "/decision ", "/result "])
PAUSES = st.sampled_from([0.0, 0.1, DRAFT_PAUSE - 0.01, DRAFT_PAUSE, 1.0, DRAFT_MAX_WAIT + 0.1, 16.0])


class WrittenAtOnce(RecordStore):
    """The record store, writing every snapshot before ``save`` returns: a simulated kill then
    loses exactly what a real one loses once the writer thread has caught up (nothing but a
    half-typed line not yet saved)."""

    def save(self, doc: dict, *, wait: bool = False) -> bool:
        return super().save(doc, wait=True)


def normal(line: str) -> str:
    """A typed line as the capture parser stores it (surrounding spaces gone, a command word off)."""
    line = line.strip()
    if line.startswith("/"):
        line = line.partition(" ")[2].strip()
    return line


COMMANDS = command_words("en")


def refused(line: str) -> bool:
    """A line the capture parser points out instead of storing: a command it does not know, or one
    with no text after it."""
    line = line.strip()
    if not line.startswith("/") or line.startswith("//"):
        return False
    word = line[1:].partition(" ")[0]
    return word.casefold() not in COMMANDS or not normal(line)


def observed(meeting: Meeting) -> tuple:
    """Everything undo and redo bring back (not the clock's: elapsed time and time's up)."""
    record = meeting.record
    notes = tuple(
        (n.id, n.step, n.kind, n.text, n.votes, n.tag, n.follow_up, n.follow_up_owner, n.author, n.topic)
        for n in sorted(record.notes, key=lambda n: n.id)
    )
    steps = tuple((s.visited, s.turn, tuple(s.order), tuple(s.passes), s.cursor) for s in record.steps)
    return record.current, notes, steps, tuple(sorted(record.present.items()))


class MeetingModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="copsession-model-"))
        self.clock = FakeClock(NOW)
        record = SessionRecord.start(WORKSHEET, self.clock.now(), seed=5)
        self.meeting = Meeting(record, self.clock, WrittenAtOnce(self.folder))
        self.meeting.strict = True
        self.line = TypedLine(self.meeting)
        self.counter = 0
        # the model
        self.texts: dict[int, str] = {}
        """Each stored note's text, as the model expects it."""
        self.follow_ups: dict[int, str] = {}
        self.private: set[int] = set()
        self.typed = ""
        """The half-typed line: what was typed since the last Enter (while not editing)."""
        self.typed_since: float | None = None
        self.first_unsaved: float | None = None
        self.undo: list[tuple] = []
        self.redo: list[tuple] = []

    def teardown(self) -> None:
        self.meeting.stop("test")
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ------------------------------------------------------------ #

    def fresh(self, words: str) -> str:
        self.counter += 1
        return f"w{self.counter}q{words}"

    def change(self, action) -> bool:
        """Run an undoable intent; the model remembers the state before it when it changed something."""
        before = observed(self.meeting)
        changes = self.meeting.record.changes
        action()
        if self.meeting.record.changes != changes:
            self.undo.append(before)
            self.redo.clear()
            return True
        return False

    def new_screen(self) -> None:
        """A step change builds a new screen, with a new capture box holding the half-typed line."""
        self.line = TypedLine(self.meeting)

    def note_ids(self) -> list[int]:
        return sorted(n.id for n in self.meeting.record.notes)

    def typed_changed(self, text: str) -> None:
        if text != self.typed:
            self.typed = text
            self.typed_since = self.clock.monotonic()
            if self.first_unsaved is None:
                self.first_unsaved = self.typed_since

    def saved(self) -> None:
        """Any write of the record writes the half-typed line with it."""
        self.typed_since = self.first_unsaved = None

    # -- typing ------------------------------------------------------------- #

    @precondition(lambda self: self.meeting.record.current != OPENING)
    @rule(prefix=PREFIXES, words=WORDS, pieces=st.integers(1, 3))
    def type_text(self, prefix: str, words: str, pieces: int) -> None:
        """Type a new piece of text at the end of the box, in one to three bursts."""
        text = (prefix if not self.line.text else "") + self.fresh(words)
        size = max(1, len(text) // pieces)
        for start in range(0, len(text), size):
            self.line.changed(self.line.text + text[start : start + size])
        if not self.line.busy:
            self.typed_changed(self.line.text)

    @precondition(lambda self: self.meeting.record.current != OPENING and self.line.text)
    @rule(count=st.integers(1, 4))
    def backspace(self, count: int) -> None:
        self.line.changed(self.line.text[:-count])
        if not self.line.busy:
            self.typed_changed(self.line.text)

    @precondition(lambda self: self.meeting.record.current != OPENING)
    @rule()
    def enter(self) -> None:
        line, editing, follow_up = self.line.text, self.line.editing, self.line.follow_up
        before = set(self.note_ids())
        outcome: list = []
        changed = self.change(lambda: outcome.append(self.line.enter()))
        if not self.line.busy and refused(line) if editing is None and follow_up is None else False:
            # a command word cut short or with no text after it: pointed out, nothing stored, kept
            assert outcome[0] is not None and not changed and self.line.text == line
            return
        assert outcome == [None], outcome
        added = set(self.note_ids()) - before
        if editing is not None:
            assert not added
            if line.strip():
                self.texts[editing] = " ".join(line.split())
        elif follow_up is not None:
            assert not added
            self.follow_ups[follow_up] = line.strip()
        elif normal(line):
            assert changed and len(added) == 1, (line, added)
            (note_id,) = added
            self.texts[note_id] = normal(line)
            if line.strip().startswith("/private"):
                self.private.add(note_id)
            self.typed = ""  # stored and cleared in one change: written together
        else:
            assert not added
        if changed:
            self.saved()  # the change wrote the record, with the half-typed line as it is now
        # the box is empty again (a blank line is not kept), or shows the half-typed line from before an edit
        self.typed_changed("" if editing is None and follow_up is None else self.typed)
        assert self.line.text == self.typed

    @precondition(lambda self: self.meeting.record.current != OPENING)
    @rule()
    def escape(self) -> None:
        self.line.escape()
        self.typed_changed(self.meeting.record.draft)

    @precondition(lambda self: self.meeting.record.current != OPENING and self.meeting.record.notes)
    @rule(data=st.data())
    def edit(self, data) -> None:
        note_id = data.draw(st.sampled_from(self.note_ids()))
        assert self.line.edit(note_id)
        assert self.line.text == self.meeting.record.get(note_id).text
        self.line.changed("")  # retyped from scratch: the new text is typed next

    @precondition(
        lambda self: (
            self.meeting.record.current != OPENING and any(n.kind == "concern" for n in self.meeting.record.notes)
        )
    )
    @rule(data=st.data())
    def follow_up(self, data) -> None:
        concern = data.draw(st.sampled_from([n.id for n in self.meeting.record.notes if n.kind == "concern"]))
        assert self.line.write_follow_up(concern)
        self.line.changed("")

    # -- the rest of the meeting ------------------------------------------- #

    @rule(delta=st.sampled_from([1, 1, 1, -1]))
    def step_key(self, delta: int) -> None:
        """PageDown or PageUp (the opening screen is before the first step)."""
        if self.change(self.meeting.next_step if delta > 0 else self.meeting.previous_step):
            self.saved()
        self.new_screen()

    @precondition(lambda self: self.meeting.record.notes)
    @rule(data=st.data(), delta=st.sampled_from([1, 1, -1]))
    def vote(self, data, delta: int) -> None:
        note_id = data.draw(st.sampled_from(self.note_ids()))
        if self.change(lambda: self.meeting.vote(note_id, delta)):
            self.saved()

    @precondition(lambda self: self.meeting.record.notes)
    @rule(data=st.data())
    def delete(self, data) -> None:
        note_id = data.draw(st.sampled_from(self.note_ids()))
        assert self.change(lambda: self.meeting.delete_note(note_id))
        self.saved()

    @precondition(
        lambda self: (
            self.meeting.record.current not in (OPENING,)
            and self.meeting.record.worksheet.steps[self.meeting.record.current].is_round
        )
    )
    @rule(delta=st.sampled_from([1, -1]))
    def next_speaker(self, delta: int) -> None:
        if self.change(lambda: self.meeting.move_turn(delta)):
            self.saved()

    @rule()
    def undo_last(self) -> None:
        before = observed(self.meeting)
        if self.meeting.undo():
            assert observed(self.meeting) == self.undo.pop()
            self.redo.append(before)
            self.after_travel()
        else:
            assert not self.undo

    @rule()
    def redo_last(self) -> None:
        before = observed(self.meeting)
        if self.meeting.redo():
            assert observed(self.meeting) == self.redo.pop()
            self.undo.append(before)
            self.after_travel()
        else:
            assert not self.redo

    def after_travel(self) -> None:
        """Undo and redo bring notes back or take them away: the model follows the record's texts
        (checked against the model's own earlier states just above), and a step change builds a
        new screen."""
        notes = self.meeting.record.notes
        self.texts = {n.id: n.text for n in notes}  # as the state before, checked above
        self.follow_ups = {n.id: n.follow_up for n in notes if n.follow_up}
        self.new_screen()
        self.saved()

    @rule(seconds=PAUSES)
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.meeting.tick()
        now = self.clock.monotonic()
        if self.typed_since is not None and (
            now - self.typed_since >= DRAFT_PAUSE or now - self.first_unsaved >= DRAFT_MAX_WAIT
        ):
            self.saved()  # a pause in typing (or long typing): the half-typed line is written now

    @rule()
    def save_minutes(self) -> None:
        minutes = render_minutes(
            self.meeting.record.copy_for_reading(), ended=self.clock.now(), mono=self.clock.monotonic()
        )
        shown = set()
        for line in minutes.splitlines():
            tokens = set(TOKEN.findall(line))
            owners = {n.id for n in self.meeting.record.notes if tokens & set(TOKEN.findall(n.text))}
            assert len(owners) <= 1, f"glued in the minutes: {line!r}"
            shown |= owners
        for note in self.meeting.record.notes:
            if note.id in self.private:
                assert note.id not in shown, "a private remark reached the minutes"
            elif TOKEN.search(note.text):
                assert note.id in shown, f"missing from the minutes: {note.text!r}"

    @precondition(lambda self: self.meeting.store is not None and self.meeting.store.path is not None)
    @rule()
    def kill_and_resume(self) -> None:
        """kill -9: no last write, the lock goes with the process; then `copsession resume`."""
        from copsession.persistence import MeetingLock

        expected = observed(self.meeting)
        self.meeting.store.lock.release()
        loaded = read_record(self.meeting.store.path, self.clock.monotonic())
        if self.typed_since is None:  # nothing typed since the last write
            assert loaded.record.draft == self.typed
        lock = MeetingLock(loaded.path)
        assert lock.acquire()
        store = WrittenAtOnce(self.folder, loaded.path, lock=lock)
        store.written = loaded.record.snapshots
        self.meeting = Meeting(loaded.record, self.clock, store, minutes_file=loaded.minutes_file)
        self.meeting.strict = True
        assert observed(self.meeting) == expected
        self.new_screen()
        self.typed = self.meeting.record.draft  # what was saved of the half-typed line
        self.typed_since = self.first_unsaved = None

    # -- what must always hold ---------------------------------------------- #

    @invariant()
    def every_note_is_a_line_that_was_entered_once(self) -> None:
        record = self.meeting.record
        assert {n.id: n.text for n in record.notes} == {i: self.texts[i] for i in (n.id for n in record.notes)}
        seen: dict[str, int] = {}
        for note in record.notes:
            for token in TOKEN.findall(note.text):
                assert token not in seen, f"{token} in notes {seen[token]} and {note.id}"
                seen[token] = note.id
        for note_id, follow_up in self.follow_ups.items():
            note = record.get(note_id)
            if note is not None and note.follow_up:
                assert note.follow_up == follow_up

    @invariant()
    def the_half_typed_line_is_what_was_typed_and_never_a_stored_line(self) -> None:
        draft = self.meeting.record.draft
        assert draft == self.typed
        if not self.line.busy:
            assert self.line.text == draft
        stored = {t for n in self.meeting.record.notes for t in TOKEN.findall(n.text + " " + n.follow_up)}
        assert not stored & set(TOKEN.findall(draft)), f"a stored line came back as half-typed: {draft!r}"

    @invariant()
    def a_pause_in_typing_saves_the_half_typed_line(self) -> None:
        store = self.meeting.store
        if store is None or store.path is None or not store.path.exists() or self.typed_since is not None:
            return
        assert read_record(store.path, 0.0).record.draft == self.typed


MeetingModel.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=45,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_the_meeting_keeps_every_word_once = MeetingModel.TestCase


def test_a_note_edited_to_start_with_a_slash_keeps_it_as_typed(tmp_path):
    """Found by the model: a note edited to "/question w2q" was stored as "//question w2q" (the
    leading slash was escaped twice). An edit keeps the text as typed, a command word too."""
    meeting = Meeting(SessionRecord.start(WORKSHEET, NOW, seed=5), FakeClock(NOW), WrittenAtOnce(tmp_path))
    meeting.next_step()
    meeting.add_line("Teachers notice it first")
    for typed in ("/question who decides?", "//two slashes", "/", "a / in the middle"):
        meeting.edit_note(1, typed)
        assert [(n.kind, n.text) for n in meeting.record.notes] == [("note", typed)]


def test_undoing_the_first_step_is_written_too(tmp_path):
    """Found by the model: PageDown into the first step, Ctrl+Z back to the opening screen. The
    undo was not written (the record looked like "a launch, not a meeting" again), so after a
    kill the meeting reopened in the step that had been undone."""
    clock = FakeClock(NOW)
    meeting = Meeting(SessionRecord.start(WORKSHEET, clock.now(), seed=5), clock, WrittenAtOnce(tmp_path))
    meeting.next_step()
    path = meeting.store.path
    assert read_record(path, 0.0).record.current == 0
    meeting.undo()
    assert read_record(path, 0.0).record.current == OPENING
    meeting.redo()
    assert read_record(path, 0.0).record.current == 0
    meeting.stop("test")


def test_a_launch_that_never_became_a_meeting_still_writes_nothing(tmp_path):
    clock = FakeClock(NOW)
    meeting = Meeting(SessionRecord.start(WORKSHEET, clock.now(), seed=5), clock, WrittenAtOnce(tmp_path))
    meeting.set_draft("")
    clock.advance(5)
    meeting.tick()
    meeting.finish()
    assert not any(tmp_path.rglob("*.json"))
