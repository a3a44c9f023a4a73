"""The history of the series: every meeting with attendance, actions done and the pulse."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from copsession.i18n import Catalog
from copsession.ui.screens.dialog import Dialog


class HistoryScreen(Dialog[None]):
    """Shows the text that ``copsession history`` prints, inside the app (F5)."""

    BINDINGS = [Binding("escape,f5", "close", show=False)]

    def __init__(self, text: str, language: str) -> None:
        super().__init__()
        self.text = text
        self.tr = Catalog(language)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self.tr("history.title"), classes="column-title", markup=False)
            yield Static(self.text, id="history-text", markup=False)
            yield Static(self.tr("dialog.history_hint"), classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
