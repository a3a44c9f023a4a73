"""The check-in: a round in which each person answers the prompt."""

from __future__ import annotations

from textual.binding import Binding

from copsession.ui.screens.round import RoundScreen


class CheckInScreen(RoundScreen):
    """Check-in round: notes go to the person speaking; Ctrl+R draws another prompt from the bank."""

    BINDINGS = [Binding("ctrl+r", "another_prompt", "key.another_prompt")]

    def action_another_prompt(self) -> None:
        self.meeting.draw_prompt()
