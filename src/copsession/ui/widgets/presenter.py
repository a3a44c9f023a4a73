"""The presenter view of a step: title, the question in focus, big digits for the time, the speaker
and the latest notes — what the group should see on a projector."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Digits, Static

from copsession.engine import Meeting
from copsession.i18n import Catalog
from copsession.ui.widgets.timer import clock_text


class PresenterPanel(Vertical):
    """Filled by the step screen: ``focus`` is the prompt or question, ``speaker`` who is speaking."""

    def __init__(self, meeting: Meeting, index: int, tr: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meeting = meeting
        self.index = index
        self.tr = tr

    def compose(self) -> ComposeResult:
        yield Static(id="presenter-focus", markup=False)
        with Center():
            yield Digits("00:00", id="presenter-clock")
        yield Static(id="presenter-speaker", markup=False)
        yield Static(id="presenter-notes", markup=False)

    def show(self, focus: Text | str, speaker: str, notes: list[str], next_speaker: str = "") -> None:
        """Redraw with the screen's current focus, speaker (and who is next, if given) and notes."""
        self.query_one("#presenter-focus", Static).update(focus)
        who: Text | str = ""
        if speaker:
            who = Text.assemble((f"{self.tr('ui.now_speaking')}: ", "bold"), (speaker, "bold reverse"))
            if next_speaker:
                who.append(f"   {self.tr('ui.next_speaker')}: {next_speaker}")
        self.query_one("#presenter-speaker", Static).update(who)
        latest = Text()
        for line in notes[-5:]:
            latest.append("• " + line + "\n")
        self.query_one("#presenter-notes", Static).update(latest)
        self.update_clock()

    def update_clock(self) -> None:
        used, budget, state = self.meeting.time_used(self.index)
        digits = self.query_one("#presenter-clock", Digits)
        digits.update(("+" + clock_text(used - budget)) if state == "over" else clock_text(budget - used))
        for name in ("ok", "warning", "alert", "over"):
            digits.set_class(name == state, f"-{name}")
