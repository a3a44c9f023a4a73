"""A break: a calm screen with the time we continue."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.widgets import Digits, Static

from copsession.ui.screens.base import StepScreen
from copsession.ui.widgets.timer import clock_text


class BreakScreen(StepScreen):
    """Shows a large countdown and when the meeting continues."""

    def compose_body(self) -> ComposeResult:
        yield Static(self.tr("ui.break_title"), id="break-title", classes="prompt", markup=False)
        yield Digits("00:00", id="break-digits")
        yield Static(markup=False, id="break-back")

    def on_mount(self) -> None:  # after it Textual calls StepScreen's own on_mount (not again through super)
        self.update_break()

    def tick(self) -> None:
        super().tick()
        self.update_break()

    def update_break(self) -> None:
        clock = self.meeting.clock
        used, budget, _ = self.meeting.time_used(self.index)
        left = budget - used
        self.query_one("#break-digits", Digits).update(clock_text(max(left, 0)))
        back = clock.now() + timedelta(seconds=max(left, 0))
        self.query_one("#break-back", Static).update(self.tr("ui.break_back", time=f"{back:%H:%M}"))
