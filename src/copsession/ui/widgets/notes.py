"""The list of what was captured in a step; notes can be edited and deleted from it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from copsession.i18n import Catalog
from copsession.record import Note

KIND_MARK = {"note": "•", "action": "→", "concern": "!", "result": "✓", "question": "?"}


def describe_note(note: Note, tr: Catalog, show_author: bool = True) -> Text:
    """One line for a note as shown on screen, with its kind, author and action details."""
    text = Text()
    text.append(KIND_MARK.get(note.kind, "•") + " ", style="bold")
    if show_author and note.author:
        text.append(f"{note.author}: ", style="bold")
    text.append(note.text)
    if note.kind == "action":
        details = [d for d in (note.owner, note.due.isoformat() if note.due else "") if d]
        if details:
            text.append(f"  ({', '.join(details)})", style="italic")
    return text


class NoteList(OptionList):
    """The notes of one step; Enter edits the highlighted note, Delete removes it."""

    BINDINGS = [
        Binding("enter,e", "edit", "key.edit_note"),
        Binding("delete,d", "delete", "key.delete_note"),
        Binding("escape", "back", "key.back_to_capture"),
    ]

    @dataclass
    class EditRequested(Message):
        """The facilitator wants to edit a note."""

        note_id: int

    @dataclass
    class DeleteRequested(Message):
        """The facilitator wants to delete a note."""

        note_id: int

    @dataclass
    class BackRequested(Message):
        """Return the focus to the capture box."""

    def __init__(self, tr: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tr = tr
        self._count = 0

    def show(self, notes: list[Note], show_author: bool = True) -> None:
        """Replace the list with ``notes``; a new note is highlighted, otherwise the highlight stays."""
        highlighted = self.highlighted
        grew = len(notes) > self._count
        self._count = len(notes)
        self.clear_options()
        if notes:
            self.add_options(Option(describe_note(n, self.tr, show_author), id=str(n.id)) for n in notes)
            if grew or highlighted is None:
                self.highlighted = len(notes) - 1
            else:
                self.highlighted = min(highlighted, len(notes) - 1)
        else:
            self.add_option(Option(Text(self.tr("ui.no_notes_yet"), style="italic"), disabled=True))

    def _current_id(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None

    def action_edit(self) -> None:
        note_id = self._current_id()
        if note_id is not None:
            self.post_message(self.EditRequested(note_id))

    def action_delete(self) -> None:
        note_id = self._current_id()
        if note_id is not None:
            self.post_message(self.DeleteRequested(note_id))

    def action_back(self) -> None:
        self.post_message(self.BackRequested())
