"""What the two round steps share: turns, "now speaking", "next", passes and speaking time.

Check-in and concern round each have their own screen file; both build on this.
"""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding

from copsession.kinds import RoundKind
from copsession.ui.screens.base import StepScreen
from copsession.ui.widgets.lines import TextLines
from copsession.ui.widgets.round_panel import RoundPanel

SPEAKER = Binding.Group("key.speaker_group", True)


class RoundScreen(StepScreen):
    """A step in which each present participant takes a turn."""

    BINDINGS = [
        Binding("down", "next_speaker", "key.next_speaker", group=SPEAKER),
        Binding("up", "previous_speaker", "key.previous_speaker", group=SPEAKER),
        Binding("ctrl+o", "pass_turn", "key.pass"),
    ]

    def current_prompt(self) -> str:
        """The prompt the person speaking answers (an expert may have their own)."""
        kind = cast(RoundKind, self.kind)
        return kind.prompt_for(self.record, self.index, self.record.speaker(self.index))

    def compose_body(self) -> ComposeResult:
        yield TextLines(self.current_prompt(), id="prompt", classes="prompt")
        yield RoundPanel(self.meeting, self.index, self.tr, id="round")

    def placeholder(self) -> str:
        speaker = self.record.speaker(self.index)
        if speaker:
            return self.tr("ui.capture_placeholder_speaker", name=speaker)
        return self.tr("ui.capture_placeholder")

    def tick(self) -> None:
        super().tick()
        self.query_one(RoundPanel).update_round()

    def refresh_parts(self) -> None:
        super().refresh_parts()
        self.query_one("#prompt", TextLines).show(self.current_prompt())  # mostly the same: nothing to draw
        self.query_one(RoundPanel).update_round()

    def action_next_speaker(self) -> None:
        self.meeting.move_turn(+1)

    def action_previous_speaker(self) -> None:
        self.meeting.move_turn(-1)

    def action_pass_turn(self) -> None:
        self.meeting.pass_turn()
