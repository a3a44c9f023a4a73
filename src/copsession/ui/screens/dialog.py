"""What every dialog shares: centred over the meeting, in a bordered box."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

from copsession.engine import Meeting
from copsession.i18n import Catalog

R = TypeVar("R")


class Dialog(ModalScreen[R]):
    """A modal dialog; its content goes in a container with id ``dialog`` (or a wider ``help-box``)."""

    SCOPED_CSS = False  # the size rules start at the app's -narrow class
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog #dialog {
        width: 70;
        max-width: 95%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    Dialog #dialog .buttons {
        height: auto;
        padding-top: 1;
    }
    Dialog #dialog Button {
        margin-right: 1;
    }
    /* at 60 columns three buttons side by side do not fit: one under the other, full width */
    .-narrow Dialog #dialog .buttons {
        layout: vertical;
    }
    .-narrow Dialog #dialog Button {
        width: 100%;
        margin: 0;
    }
    .-narrow Dialog #dialog {
        padding: 0 1;
    }
    Dialog #help-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    """


class RowDialog(Dialog[None]):
    """A dialog over the record with a highlighted row that ↑/↓ move (pulse, carry-over review)."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.tr = Catalog(meeting.record.worksheet.language)
        self.row = 0

    @property
    def record(self):
        return self.meeting.record

    def on_meeting_changed(self, message) -> None:
        """The meeting changed (here, or by Ctrl+Z): show the rows again."""
        if self.is_mounted:
            self.row = min(self.row, max(self.row_count() - 1, 0))
            self.redraw()

    def row_count(self) -> int:
        """How many rows there are to move through."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Show the rows again (after a move or a change)."""
        raise NotImplementedError

    def action_move(self, delta: int) -> None:
        if self.row_count():
            self.row = min(max(self.row + delta, 0), self.row_count() - 1)
            self.redraw()
