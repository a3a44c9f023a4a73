"""Mark who is present at any moment: someone arrives late, someone has to leave."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from copsession.i18n import Catalog
from copsession.ui.screens.dialog import Dialog
from copsession.record import SessionRecord


class AttendanceScreen(Dialog[None]):
    """A checklist of participants; Space toggles, Escape or F2 closes."""

    BINDINGS = [Binding("escape,f2", "close", show=False)]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record
        self.tr = Catalog(record.worksheet.language)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.tr("ui.attendance"), classes="column-title", markup=False)
            yield SelectionList[str](
                *(Selection(Text(p.name), p.name, self.record.present.get(p.name, True))
                  for p in self.record.worksheet.participants),
                id="attendance",
            )
            yield Static(self.tr("help.close").replace("F1", "F2"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def changed(self, event: SelectionList.SelectedChanged) -> None:
        selected = set(event.selection_list.selected)
        for participant in self.record.worksheet.participants:
            present = participant.name in selected
            if self.record.present.get(participant.name) != present:
                self.record.set_present(participant.name, present)
        self.app.record_changed()

    def action_close(self) -> None:
        self.dismiss(None)
