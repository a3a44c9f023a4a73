"""Naming results: what the group achieved, and actions with owners and dates."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from copsession.record import Note
from copsession.ui.screens.base import StepScreen


class ResultsScreen(StepScreen):
    """Plain text adds a result; ``/action`` adds an action. The list shows both, for the whole meeting."""

    plain_kind = "result"
    show_authors = False

    def compose_body(self) -> ComposeResult:
        yield Static(self.tr("ui.results_hint"), id="results-hint", classes="hint", markup=False)
        yield Static(markup=False, id="results-summary")

    def on_mount(self) -> None:
        super().on_mount()
        self.update_summary()

    def visible_notes(self) -> list[Note]:
        # Results and actions captured in any step are named here, so the group sees them all.
        return [n for n in self.record.notes if n.kind in ("result", "action")]

    def update_summary(self) -> None:
        results = len(self.record.of_kind("result"))
        actions = len(self.record.of_kind("action"))
        self.query_one("#results-summary", Static).update(
            f"{self.tr('ui.results')}: {results}   {self.tr('ui.actions')}: {actions}")

    def refresh_step(self) -> None:
        super().refresh_step()
        self.update_summary()
