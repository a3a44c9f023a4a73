"""“Are we still on track?”: every present participant scores the group's course from 1 to 5."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from copsession.ui.screens.dialog import RowDialog
from copsession.ui.widgets.closing import pulse_chart_text


class PulseScreen(RowDialog):
    """↑/↓ choose a person, 1–5 set their score, 0 clears it; the chart and the goals stay in view."""

    DEFAULT_CSS = """
    PulseScreen #pulse-box {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 95%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    PulseScreen #pulse-columns {
        height: auto;
        padding: 1 0;
    }
    PulseScreen #pulse-people {
        width: 22;  /* "▶ " + an 18-character name + the score */
        margin-right: 2;  /* the chart's score labels never run into the names or the count */
    }
    PulseScreen #pulse-chart {
        width: 1fr;
    }
    /* a low screen keeps the whole hint: no blank rows around the columns */
    .-short PulseScreen #pulse-columns {
        padding: 0;
    }
    """
    SCOPED_CSS = False  # the rule above starts at the app's -short class
    BINDINGS = [
        Binding("escape,f3", "close", show=False),
        Binding("a", "anonymous", show=False),
        *(Binding(str(n), f"score({n})", show=False) for n in range(0, 6)),
    ]

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="pulse-box"):
            yield Static(tr("ui.pulse_title"), classes="column-title", markup=False)
            yield Static(tr("ui.pulse_statement"), markup=False)
            with Horizontal(id="pulse-columns"):
                yield Static(id="pulse-people", markup=False)
                yield Static(id="pulse-chart", markup=False)
            yield Static(tr("ui.pulse_hint"), classes="hint", id="pulse-hint", markup=False)

    @property
    def names(self) -> list[str]:
        return self.record.present_names

    @property
    def anonymous(self) -> bool:
        """Scores without names (the worksheet's ``pulse = "anonymous"``, or A in this dialog)."""
        return self._anonymous

    def on_mount(self) -> None:
        self._anonymous = self.record.worksheet.pulse == "anonymous" or any(
            k.startswith("#") for k in self.record.pulse
        )
        self.redraw()
        self._show_group()

    def _show_group(self) -> None:
        """The audience window shows the course being scored: the chart, and names only when the
        scores are not anonymous."""
        self.meeting.show_to_group("pulse-anonymous" if self.anonymous else "pulse")

    def on_unmount(self) -> None:
        if self.record.showing.startswith("pulse"):
            self.meeting.show_to_group("")

    def action_anonymous(self) -> None:
        """A: switch to scores without names (and back, while no anonymous score was given)."""
        if self._anonymous and any(k.startswith("#") for k in self.record.pulse):
            return  # anonymous scores cannot get names afterwards
        self._anonymous = not self._anonymous
        self.redraw()
        self._show_group()

    def redraw(self) -> None:
        tr = self.tr
        people = Text()
        if self.anonymous:  # on the shared screen: how many scored, never who scored what
            people.append(tr("ui.pulse_anonymous", count=len(self.record.pulse)) + "\n", style="bold")
            people.append(tr("ui.pulse_anonymous_hint"), style="italic")
        for i, name in enumerate([] if self.anonymous else self.names):
            score = self.record.pulse.get(name)
            line = f"{name:<18.18} {score if score else '·'}\n"
            people.append(("▶ " if i == self.row else "  ") + line, style="bold reverse" if i == self.row else "")
        self.query_one("#pulse-people", Static).update(people)
        self.query_one("#pulse-hint", Static).update(
            tr("ui.pulse_hint_anonymous" if self.anonymous else "ui.pulse_hint")
        )
        chart = pulse_chart_text(self.record, tr)
        self.query_one("#pulse-chart", Static).update(chart)

    def row_count(self) -> int:
        return len(self.names)

    def action_score(self, score: int) -> None:
        if self.anonymous:
            given = [k for k in self.record.pulse if k.startswith("#")]
            if score:
                self.meeting.set_pulse(f"#{len(given) + 1}", score)
            elif given:
                self.meeting.set_pulse(given[-1], None)  # 0 takes the last score back
            self.redraw()
            return
        if not self.names:
            return
        name = self.names[self.row]
        if score and self.row < len(self.names) - 1:
            self.row += 1
        self.meeting.set_pulse(name, score or None)
        self.redraw()

    def action_close(self) -> None:
        self.dismiss(None)
