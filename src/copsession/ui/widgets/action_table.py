"""The actions of the meeting as a table: what, who, by when; Enter edits a row, Delete removes it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from copsession.formats import short_date
from copsession.i18n import Catalog
from copsession.record import Note
from copsession.ui.widgets.notes import ListMode, NoteList


class ActionTable(ListMode, DataTable):
    """Actions with owner and due date; edits and deletions go to the screen as note-list messages."""

    BINDINGS = [
        Binding("enter", "edit", "key.edit_note"),
        Binding("delete", "delete", "key.delete_note"),
        Binding("escape", "back", "key.back_to_capture"),
    ]

    def __init__(self, tr: Catalog, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.tr = tr

    def on_mount(self) -> None:
        self.add_column(self.tr("ui.col_what"), key="what")
        self.add_column(self.tr("ui.col_who"), key="who")
        self.add_column(self.tr("ui.col_due"), key="due")

    def show(self, actions: list[Note]) -> None:
        """Replace the rows with ``actions``, keeping the cursor near where it was."""
        row = self.cursor_row
        self.clear()
        for note in actions:
            due = short_date(note.due, self.tr.language) if note.due else "–"
            self.add_row(Text(note.text), Text(note.owner or "–"), Text(due), key=str(note.id))
        if actions:
            self.move_cursor(row=min(row, len(actions) - 1))

    def _current_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value else None

    def action_edit(self) -> None:
        note_id = self._current_id()
        if note_id is not None:
            self.post_message(NoteList.EditRequested(note_id))

    def action_delete(self) -> None:
        note_id = self._current_id()
        if note_id is not None:
            self.post_message(NoteList.DeleteRequested(note_id))

    def action_back(self) -> None:
        self.post_message(NoteList.BackRequested())
