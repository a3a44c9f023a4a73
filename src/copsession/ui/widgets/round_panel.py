"""Whose turn it is in a round, who is next, and who has had a turn."""

from __future__ import annotations

from rich.text import Text

from copsession.engine import time_state
from copsession.ui.widgets.step_view import StepView
from copsession.ui.widgets.timer import clock_text


class RoundPanel(StepView):
    """ "Now speaking" and "next" in large, clear words, and the order of the round."""

    def on_mount(self) -> None:
        self.update_round()

    def update_round(self) -> None:
        record, tr = self.record, self.tr
        text = Text()
        order = record.speakers(self.index)
        if not order:
            text.append(tr("ui.nobody_present"), style="italic")
            self.show(text)
            return
        speaker = record.speaker(self.index)
        if speaker is None:
            text.append(tr("ui.round_done"), style="bold")
        else:
            participant = record.worksheet.participant(speaker)
            detail = participant.describe() if participant else ""
            text.append(f"{tr('ui.now_speaking')}: ", style="bold")
            text.append(speaker, style="bold reverse")
            if detail:
                text.append(f"  ({detail})")
            following = record.next_speaker_name(self.index)
            if following:
                text.append(f"\n{tr('ui.next_speaker')}: {following}")
            turn = record.worksheet.steps[self.index].turn_minutes
            if turn and record.steps[self.index].part_started is not None:
                used = self.meeting.part_time(self.index)
                style = {"ok": "", "warning": "bold", "alert": "bold reverse", "over": "bold reverse"}
                text.append("\n")
                text.append(
                    tr("ui.turn", used=clock_text(used), planned=clock_text(turn * 60)),
                    style=style[time_state(used, turn * 60)],
                )
        text.append("\n")
        spoken = {n.author for n in record.notes_in(self.index) if n.author}
        passes = set(record.steps[self.index].passes)
        for name in order:
            if name == speaker:
                mark = "▶"
            elif name in passes:
                mark = "–"
            elif name in spoken:
                mark = "✓"
            else:
                mark = "·"
            text.append(f"{mark} {name}   ")
        self.show(text)
