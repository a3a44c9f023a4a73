"""The agenda sidebar: every step with its planned clock time; done, current, next."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from copsession.record import OPENING, SessionRecord
from copsession.ui.widgets.step_view import RecordView


def meeting_start(record: SessionRecord) -> datetime:
    """The planned start: the worksheet's ``start`` on the meeting date, or when the meeting began."""
    ws = record.worksheet
    if ws.start is not None:
        return datetime.combine(record.meeting_date, ws.start)
    return record.started


class AgendaSidebar(RecordView):
    """A compact agenda: ✓ for steps done, ▶ for the current one, times for each."""

    def on_mount(self) -> None:
        self.update_agenda()

    def update_agenda(self) -> None:
        record = self.record
        text = Text()
        text.append(self.tr("ui.agenda") + "\n", style="bold")
        times = record.worksheet.schedule(meeting_start(record))
        for i, step in enumerate(record.worksheet.steps):
            if i == record.current:
                mark, style = "▶", "bold reverse"
            elif record.steps[i].visited:  # done, also when the meeting went back to an earlier step
                mark, style = "✓", "dim"
            else:
                mark, style = " ", ""
            start, _ = times[i]
            text.append(f"{mark} {start:%H:%M} {step.title}\n", style=style)
        end = times[-1][1] if times else meeting_start(record)
        text.append(f"  {end:%H:%M} ■\n", style="dim")
        if record.current != OPENING:
            clock = self.meeting.clock
            projected = record.projected_end(clock.now(), clock.monotonic())
            text.append(self.tr("ui.schedule", planned=f"{end:%H:%M}", projected=f"{projected:%H:%M}") + "\n")
            delta = round((projected - end).total_seconds() / 60)
            if delta > 0:
                text.append(self.tr("ui.behind", minutes=delta), style="bold reverse")
            elif delta < 0:
                text.append(self.tr("ui.ahead", minutes=-delta), style="bold")
            else:
                text.append(self.tr("ui.on_time"))
        self.show(text)
