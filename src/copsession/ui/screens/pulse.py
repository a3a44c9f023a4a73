"""“Are we still on track?”: every present participant scores the group's course from 1 to 5."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from copsession.formats import decimal
from copsession.ui.screens.dialog import RowDialog


def pulse_chart(distribution: list[int], width: int = 20) -> list[str]:
    """Horizontal bars for the scores 1–5: ``"3 ████████ 2"``."""
    most = max(distribution) or 1
    return [
        f"{score} {'█' * round(count / most * width):<{width}} {count}"
        for score, count in zip(range(1, 6), distribution)
    ]


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

    def action_anonymous(self) -> None:
        """A: switch to scores without names (and back, while no anonymous score was given)."""
        if self._anonymous and any(k.startswith("#") for k in self.record.pulse):
            return  # anonymous scores cannot get names afterwards
        self._anonymous = not self._anonymous
        self.redraw()

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
        chart = Text()
        average = self.record.pulse_average()
        if average is None:
            chart.append(tr("ui.no_pulse") + "\n", style="italic")
        else:
            chart.append("\n".join(pulse_chart(self.record.pulse_distribution())) + "\n")
            chart.append(
                tr("ui.pulse_average", average=decimal(average, tr.language), count=len(self.record.pulse)) + "\n",
                style="bold",
            )
        # what the course is measured against: the goals and the agreements the group made
        goals = list(self.record.worksheet.goals) + [
            c.text for c in self.record.carried if c.kind == "goal" and c.status != "dropped"
        ]
        goals += [n.text for n in self.record.of_kind("goal")]
        if goals:
            chart.append("\n" + tr("ui.goals") + "\n", style="bold")
            chart.append("\n".join(f"• {g}" for g in dict.fromkeys(goals)) + "\n")
        agreements = [c.text for c in self.record.carried if c.kind == "agreement" and c.status != "dropped"]
        agreements += [n.text for n in self.record.of_kind("agreement")]
        if agreements:
            chart.append("\n" + tr("minutes.agreements") + "\n", style="bold")
            chart.append("\n".join(f"• {a}" for a in dict.fromkeys(agreements)))
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
