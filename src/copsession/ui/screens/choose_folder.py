"""Offers another folder when the minutes cannot be written where they should go."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from copsession.i18n import Catalog
from copsession.ui.screens.dialog import Dialog


class ChooseFolderScreen(Dialog[Path | None]):
    """Dismisses with the folder typed by the facilitator, or None."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, language: str, folder: Path, error: str) -> None:
        super().__init__()
        self.tr = Catalog(language)
        self.folder = folder
        self.error = error

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="dialog"):
            yield Static(tr("dialog.folder_title"), classes="column-title", markup=False)
            yield Static(tr("dialog.folder_body", folder=self.folder, error=self.error), markup=False)
            yield Input(str(Path.home()), id="folder")
            with Horizontal(classes="buttons"):
                yield Button(tr("dialog.folder_save"), id="save", variant="primary")
                yield Button(tr("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        value = self.query_one("#folder", Input).value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
