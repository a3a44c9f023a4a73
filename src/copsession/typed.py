"""The line in a step's capture box, as the core sees it.

The screen shows :attr:`TypedLine.text` and tells this class of every change as it happens, in the
order the keys came in; Enter, Escape, editing a note and writing a concern's follow-up are decided
here. The meeting's half-typed line follows the box (unless the box edits a note or a follow-up), so
it is always what the box shows, and never a line that Enter already stored.

Nothing here imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copsession.capture import KIND_INFO, CaptureError, is_private, may_be_private
from copsession.formats import short_date

if TYPE_CHECKING:
    from copsession.engine import Meeting
    from copsession.record import Note


class TypedLine:
    """What is typed in the capture box of the current step, and what it is for."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.text = meeting.record.draft
        """What the box shows."""
        self.editing: int | None = None
        """The id of the note whose text the box holds, being edited."""
        self.follow_up: int | None = None
        """The id of the concern whose follow-up the box holds."""
        self._warned: str | None = None
        """A line that got a warning (a date in the past): Enter on it again stores it."""

    @property
    def busy(self) -> bool:
        """True while the box edits a note or a follow-up (instead of holding the half-typed line)."""
        return self.editing is not None or self.follow_up is not None

    @property
    def private(self) -> bool:
        """Whether the line must not be shown to the group: a private remark being typed (or what may
        still become one), or a private remark being edited (its text has no ``/private`` in front)."""
        if may_be_private(self.text, self.meeting.record.worksheet.language):
            return True
        note = self.meeting.record.get(self.editing) if self.editing is not None else None
        return note is not None and is_private(note.kind)

    def changed(self, text: str) -> None:
        """The box's text changed (a key, a paste, a cut)."""
        self.text = text
        if not self.busy:
            self.meeting.set_draft(text)  # saved within a second, so a crash loses no typing

    def enter(self) -> CaptureError | None:
        """Enter: store the line (or the edited note, or the follow-up). On success the box is empty
        again, or after an edit shows the half-typed line from before; on an error the line stays
        to be fixed, and the same line entered again after a warning is stored after all."""
        line = self.text
        confirm = line == self._warned
        meeting = self.meeting
        if self.editing is not None:
            error = meeting.edit_note(self.editing, line, confirm) if line.strip() else None
        elif self.follow_up is not None:
            error = meeting.set_follow_up(self.follow_up, line)
        else:
            error = meeting.add_line(line, confirm)
        self._warned = line if isinstance(error, CaptureError) and error.confirmable else None
        if isinstance(error, CaptureError):
            return error
        was_busy = self.busy
        self.editing = self.follow_up = None
        self.changed(meeting.record.draft if was_busy else "")
        return None

    def edit(self, note_id: int) -> bool:
        """Put a note's text in the box to be edited (an action with its ``@who`` and date)."""
        note = self.meeting.record.get(note_id)
        if note is None:
            return False
        self.editing, self.follow_up = note_id, None
        self.changed(edit_text(note, self.meeting.record.worksheet.language))
        return True

    def write_follow_up(self, note_id: int) -> bool:
        """Put a concern's follow-up (what is done about it, by whom) in the box."""
        note = self.meeting.record.get(note_id)
        if note is None or note.kind != "concern":
            return False
        self.follow_up, self.editing = note_id, None
        owner = f" @{note.follow_up_owner}" if note.follow_up_owner else ""
        self.changed(note.follow_up + owner if note.follow_up else "")
        return True

    def escape(self) -> None:
        """Escape: stop editing (the half-typed line comes back), or else clear the line."""
        if self.busy:
            self.editing = self.follow_up = None
            self.changed(self.meeting.record.draft)
        elif self.text:
            self.changed("")

    def paste(self, lines: list[str]) -> CaptureError | str | None:
        """A pasted block of several lines. Each becomes a note (one Ctrl+Z takes them all back);
        while editing, the text to insert at the cursor is returned instead."""
        if self.busy:
            return " ".join(" ".join(lines).split())
        return self.meeting.add_lines(lines)


def edit_text(note: Note, language: str) -> str:
    """What the capture box shows when a note is edited: its text, and an action's who and date."""
    if not KIND_INFO[note.kind].owner_and_date:
        return note.text
    owner = f" @{note.owner}" if note.owner else ""
    due = f" {short_date(note.due, language)}" if note.due else ""
    return f"{note.text}{owner}{due}"
