"""Offers to resume an unfinished meeting of the same worksheet, or to start afresh."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from copsession.i18n import Catalog
from copsession.ui.screens.dialog import Dialog
from copsession.recordfile import LoadedRecord


class ResumeScreen(Dialog[bool]):
    """Dismisses with True to resume the unfinished meeting, False to start a new one."""

    def __init__(self, loaded: LoadedRecord) -> None:
        super().__init__()
        self.loaded = loaded
        self.tr = Catalog(loaded.record.worksheet.language)

    def compose(self) -> ComposeResult:
        tr = self.tr
        record = self.loaded.record
        if record.step is None:
            where = tr("dialog.resume_opening")
        else:
            where = record.step.title
        body = tr("dialog.resume_body", started=f"{record.started:%Y-%m-%d %H:%M}",
                  saved=f"{self.loaded.saved:%H:%M:%S}", notes=len(record.notes), step=where)
        with Vertical(id="dialog"):
            yield Static(tr("dialog.resume_title"), classes="column-title", markup=False)
            yield Static(body, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(tr("dialog.resume"), id="resume", variant="primary")
                yield Button(tr("dialog.start_fresh"), id="fresh")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")
