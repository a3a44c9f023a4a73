"""Asks before quitting with notes that are not in the saved minutes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from copsession.i18n import Catalog
from copsession.ui.screens.dialog import Dialog


class ConfirmQuitScreen(Dialog[str]):
    """Dismisses with ``"save"``, ``"quit"`` or ``"cancel"``."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, language: str, draft: str = "", *, plain: bool = False) -> None:
        super().__init__()
        self.tr = Catalog(language)
        self.draft = draft
        self.plain = plain
        """The half-typed line does not parse (a mistyped command): it is added as a plain note."""

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="dialog"):
            yield Static(tr("dialog.quit_title"), classes="column-title", markup=False)
            yield Static(tr("dialog.quit_body"), markup=False)
            if self.draft:
                shown = self.draft if len(self.draft) <= 60 else self.draft[:59] + "…"
                yield Static(
                    tr("dialog.quit_draft_plain" if self.plain else "dialog.quit_draft", line=shown), markup=False
                )
            with Horizontal(classes="buttons"):
                yield Button(tr("dialog.save_and_quit"), id="save", variant="primary")
                yield Button(tr("dialog.quit_anyway"), id="quit", variant="error")
                yield Button(tr("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_cancel(self) -> None:
        self.dismiss("cancel")
