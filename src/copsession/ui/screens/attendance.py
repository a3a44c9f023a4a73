"""Mark who is present at any moment: someone arrives late, someone has to leave."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from copsession.engine import Meeting
from copsession.i18n import Catalog
from copsession.ui.localise import localised
from copsession.ui.screens.dialog import Dialog
from copsession.ui.widgets.attendance import AttendanceList


class AttendanceScreen(Dialog[None]):
    """A checklist of participants; Space toggles, Escape or F2 closes."""

    BINDINGS = [Binding("escape,f2", "close", show=False)]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.tr = Catalog(meeting.record.worksheet.language)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.tr("ui.attendance"), classes="column-title", markup=False)
            yield localised(AttendanceList, self.tr.language)(self.meeting, id="attendance")
            yield Static(self.tr("dialog.attendance_hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(AttendanceList).focus()

    def on_meeting_changed(self, message) -> None:
        if self.is_mounted:
            self.query_one(AttendanceList).refresh(layout=True)

    def action_close(self) -> None:
        self.dismiss(None)
