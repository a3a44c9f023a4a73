"""The step timer: elapsed time, time left or over, and its colour."""

from __future__ import annotations

from copsession.ui.widgets.step_view import StepView


def clock_text(seconds: float) -> str:
    """``754`` → ``"12:34"``; an hour or more → ``"1:02:03"``."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class StepTimer(StepView):
    """Shows the current step's planned minutes, elapsed time and time left (or over)."""

    STATES = ("ok", "warning", "alert", "over")

    def on_mount(self) -> None:
        self.update_time()

    def update_time(self) -> None:
        """Re-read the clock; called every second by the screen."""
        used, budget, state = self.meeting.time_used(self.index)
        tr = self.tr
        planned = tr("ui.planned", minutes=int(budget // 60))
        elapsed = tr("ui.elapsed", elapsed=clock_text(used))
        if state == "over":
            rest = tr("ui.over", over="+" + clock_text(used - budget))
        else:
            rest = tr("ui.left", left=clock_text(budget - used))
        paused = "" if self.record.steps[self.index].clock.running else f" · {tr('ui.paused')}"
        self.show(f"{planned} · {elapsed} · {rest}{paused}")
        for name in self.STATES:
            self.set_class(name == state, f"-{name}")
        self.set_class(not self.record.steps[self.index].clock.running, "-paused")
