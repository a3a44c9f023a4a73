"""The step timer: elapsed time, time left or over, and its colour."""

from __future__ import annotations

from copsession.ui.widgets.step_view import StepView


def clock_text(seconds: float) -> str:
    """``754`` → ``"12:34"``; an hour or more → ``"1:02:03"``."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def time_state(used: float, budget: float) -> str:
    """``"ok"``, ``"warning"`` (20 % left), ``"alert"`` (5 % left) or ``"over"``."""
    left = budget - used
    if left < 0:
        return "over"
    if left <= budget * 0.05:
        return "alert"
    if left <= budget * 0.20:
        return "warning"
    return "ok"


def step_time(record, index: int, mono: float) -> tuple[float, float, str]:
    """Seconds used and budgeted in step ``index``, and the time state (see :func:`time_state`)."""
    used = record.elapsed(index, mono)
    budget = record.budget_seconds(index)
    return used, budget, time_state(used, budget)


class StepTimer(StepView):
    """Shows the current step's planned minutes, elapsed time and time left (or over)."""

    STATES = ("ok", "warning", "alert", "over")

    def on_mount(self) -> None:
        self.update_time()

    def update_time(self) -> None:
        """Re-read the clock; called every second by the screen."""
        used, budget, state = step_time(self.record, self.index, self.app.clock.monotonic())
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
