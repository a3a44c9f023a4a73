"""A light attendance list: who is here. ↑/↓ move, Space (or Enter) toggles present/absent."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from copsession.engine import Meeting


class AttendanceList(Widget, can_focus=True):
    """Every participant with a check mark when present; drawn as one block of text (cheap at start-up)."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space,enter", "toggle_present", "key.toggle_present"),
    ]
    DEFAULT_CSS = """
    AttendanceList {
        height: auto;
        padding: 0 1;
        border: round $primary;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    AttendanceList:focus {
        border: round $accent;
    }
    """

    def __init__(self, meeting: Meeting, details: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meeting = meeting
        self.details = details
        self.row = 0

    @property
    def record(self):
        return self.meeting.record

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.record.worksheet.participants]

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, participant in enumerate(self.record.worksheet.participants):
            present = self.record.present.get(participant.name, False)
            line = Text(f"{'✓' if present else '·'} {participant.name}", style="bold" if present else "dim")
            detail = participant.describe() if self.details else ""
            if detail:
                line.append(f" ({detail})", style="" if present else "dim")
            if i == self.row and self.has_focus:
                line.stylize("reverse")
            text.append_text(line)
            if i < len(self.names) - 1:
                text.append("\n")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, delta: int) -> None:
        if self.names:
            self.row = min(max(self.row + delta, 0), len(self.names) - 1)
            self.refresh()

    def action_toggle_present(self) -> None:
        if not self.names:
            return
        name = self.names[self.row]
        self.meeting.set_present(name, not self.record.present.get(name, False))
        self.refresh(layout=True)
