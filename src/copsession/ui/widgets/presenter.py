"""The presenter view of a step: what the group sees on the projector.

The step's question or prompt as the largest text; a clock whose digits grow with the terminal and a
bar that turns orange and red as the time runs out; in a round, who speaks (with their own time)
and the next two; a drawn provocation or the work form's current step, labelled, with its own time;
and the latest notes filling the rest. Never a hint for the facilitator, never a private remark.
The same view is the audience window of ``copsession show``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from copsession.capture import is_private
from copsession.engine import Meeting, time_state
from copsession.i18n import Catalog
from copsession.kinds import kind_of
from copsession.record import SessionRecord
from copsession.ui.widgets.timer import clock_text

STATES = ("ok", "warning", "alert", "over")


@dataclass
class PresenterContent:
    """What the presenter view shows of one step, apart from the clock."""

    focus: str
    label: str = ""
    """What the focus is, when it is not the step's own prompt: a provocation, a work form's step."""
    speaker: str = ""
    next_speakers: list[str] = field(default_factory=list)
    turn_minutes: float | None = None
    """The speaker's own time, when the round has one (their clock runs from the turn's start)."""
    part_minutes: int | None = None
    """A work form's step has its own minutes."""
    context: str = ""
    """A second line under the focus: the central question while a provocation is drawn."""
    notes: list[str] = field(default_factory=list)


def presenter_content(record: SessionRecord, index: int, tr: Catalog) -> PresenterContent:
    """The presenter view of step ``index`` (never a private note, never the facilitator's guide)."""
    step, state = record.worksheet.steps[index], record.steps[index]
    kind = kind_of(step)
    content = PresenterContent(focus=kind.focus(record, index, tr))
    if step.kind == "exploration" and state.drawn:
        content.label = tr("ui.provocation")
        content.context, content.focus = content.focus, state.drawn[-1]
    elif step.kind == "work-form" and step.form is not None and step.form.steps:
        cursor = min(state.cursor, len(step.form.steps) - 1)
        content.label = tr("presenter.form_step", form=step.form.name, number=cursor + 1, total=len(step.form.steps))
        content.focus = step.form.steps[cursor].text
        content.part_minutes = step.form.steps[cursor].minutes
    if kind.is_round:
        content.speaker = record.speaker(index) or ""
        content.next_speakers = record.next_speakers(index, 2)
        content.turn_minutes = step.turn_minutes
    elif step.kind == "results" and kind.mode(record, index) == "takeback":  # type: ignore[attr-defined]
        content.speaker = kind.person(record, index) or ""  # type: ignore[attr-defined]
    content.notes = [n.text for n in kind.listed_notes(record, index) if not is_private(n.kind)]
    return content


# -- big digits -------------------------------------------------------------------- #

_FONT = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", " ██", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": [" ", "█", " ", "█", " "],
    "+": ["   ", " █ ", "███", " █ ", "   "],
    "-": ["   ", "   ", "███", "   ", "   "],
}


def big_text(text: str, scale: int) -> list[str]:
    """``text`` (digits, ``:`` and ``+``) in block letters five rows tall, each cell ``scale`` times."""
    rows = []
    for row in range(5):
        line = " ".join("".join(ch * scale for ch in _FONT.get(c, ["   "] * 5)[row]) for c in text)
        rows.extend([line] * scale)
    return rows


class BigClock(Widget):
    """The time left (or over) in digits that grow with the terminal: five rows from 100×30 up,
    ten from 160×50 up, three below 100×30 (Textual's own Digits size)."""

    DEFAULT_CSS = """
    BigClock {
        width: 100%;
        height: auto;
        text-align: center;
        color: $accent;
    }
    BigClock.-warning { color: $warning; }
    BigClock.-alert, BigClock.-over { color: $error; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.value = "00:00"

    def scale(self) -> int:
        width, height = self.app.size
        if width >= 160 and height >= 50:
            return 2
        if width >= 100 and height >= 30:
            return 1
        return 0

    def show(self, value: str, state: str) -> None:
        if value != self.value:
            self.value = value
            self.refresh(layout=True)
        for name in STATES:
            self.set_class(name == state, f"-{name}")

    def render(self) -> Text:
        scale = self.scale()
        if scale == 0:  # a small terminal: one bold line keeps the question and the notes in view
            return Text(self.value, style="bold", justify="center")
        return Text("\n".join(big_text(self.value, scale)), justify="center", no_wrap=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        scale = self.scale()
        return 1 if scale == 0 else 5 * scale


class TimeBar(Widget):
    """How much of the step's time is used, as a bar across the width: orange at 20 % left, red at 5 %."""

    DEFAULT_CSS = """
    TimeBar {
        width: 100%;
        height: 1;
        color: $success;
        padding: 0 4;
    }
    TimeBar.-warning { color: $warning; }
    TimeBar.-alert, TimeBar.-over { color: $error; }
    """

    used = 0.0
    budget = 0.0

    def show(self, used: float, budget: float, state: str) -> None:
        self.used, self.budget = used, budget
        for name in STATES:
            self.set_class(name == state, f"-{name}")
        self.refresh()

    def render(self) -> str:
        # drawn at the width it has now, so a resize (or the first layout) never leaves a short bar
        width = max(self.content_region.width, 1)
        filled = width if self.budget <= 0 else min(width, round(width * self.used / self.budget))
        return "█" * filled + "░" * (width - filled)


class PresenterPanel(Vertical):
    """The presenter view of step ``index``; :meth:`show` it with :func:`presenter_content`."""

    DEFAULT_CSS = """
    PresenterPanel #presenter-label {
        width: 100%;
        text-align: center;
        text-style: italic;
        color: $accent;
        padding: 1 2 0 2;
    }
    PresenterPanel #presenter-focus {
        width: 100%;
        text-align: center;
        text-style: bold;
        padding: 1 4;
        color: $text;
    }
    PresenterPanel #presenter-context, PresenterPanel #presenter-part {
        width: 100%;
        text-align: center;
        color: $text;
    }
    PresenterPanel #presenter-speaker {
        width: 100%;
        text-align: center;
        padding: 1 0;
    }
    PresenterPanel #presenter-notes-box {
        height: 1fr;
        align-vertical: bottom;
        overflow: hidden;
        padding: 0 4;
    }
    PresenterPanel #presenter-notes {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, meeting: Meeting, index: int, tr: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meeting = meeting
        self.index = index
        self.tr = tr
        self.content = PresenterContent(focus="")

    def compose(self) -> ComposeResult:
        yield Static(id="presenter-label", markup=False)
        yield Static(id="presenter-focus", markup=False)
        yield Static(id="presenter-context", markup=False)
        yield BigClock(id="presenter-clock")
        yield TimeBar(id="presenter-bar")
        yield Static(id="presenter-speaker", markup=False)
        yield Static(id="presenter-part", markup=False)
        with Vertical(id="presenter-notes-box"):
            yield Static(id="presenter-notes", markup=False)

    def show(self, content: PresenterContent) -> None:
        """Redraw with the step's content."""
        self.content = content
        label = self.query_one("#presenter-label", Static)
        label.update(content.label)
        label.display = bool(content.label)
        self.query_one("#presenter-focus", Static).update(content.focus)
        context = self.query_one("#presenter-context", Static)
        context.update(content.context)
        context.display = bool(content.context)
        self._show_latest()
        self.update_clock()

    def _show_latest(self) -> None:
        """The newest notes, as many as fit, the newest at the bottom: taken from the end until the
        box is full (a box that overflowed showed the oldest and cut the newest off, from about
        25 notes on)."""
        found = self.query("#presenter-notes-box")
        if not found:  # the panel went with its screen before this callback came (a quick step change)
            return
        box = found.first()
        width, height = box.content_size
        notes = self.content.notes
        if width <= 0 or height <= 0:  # not laid out yet: shown again once it has its size
            chosen = notes[-40:]
        else:
            chosen, used = [], 0
            console = self.app.console
            for line in reversed(notes):
                rows = len(Text("• " + line).wrap(console, width))
                if used + rows > height - 1:  # the last row stays empty, under the newest note
                    break
                chosen.append(line)
                used += rows
            chosen.reverse()
        latest = Text()
        for line in chosen:
            latest.append("• " + line + "\n")
        self.query_one("#presenter-notes", Static).update(latest)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_latest)  # after the layout gave the notes box its new size

    def update_clock(self) -> None:
        """The clock, the bar, and the speaker's or form step's own time: every second."""
        used, budget, state = self.meeting.time_used(self.index)
        left = ("+" + clock_text(used - budget)) if state == "over" else clock_text(budget - used)
        self.query_one(BigClock).show(left, state)
        self.query_one(TimeBar).show(used, budget, state)
        content, tr = self.content, self.tr
        speaker = Text()
        if content.speaker:
            speaker.append(f"{tr('ui.now_speaking')}: ", style="bold")
            speaker.append(content.speaker, style="bold reverse")
            if content.turn_minutes:
                own = self.meeting.part_time(self.index)
                style = "bold" if time_state(own, content.turn_minutes * 60) in ("alert", "over") else ""
                speaker.append(f"  {clock_text(own)} / {clock_text(content.turn_minutes * 60)}", style=style)
            if content.next_speakers:
                speaker.append(f"\n{tr('presenter.next', names=', '.join(content.next_speakers))}")
        widget = self.query_one("#presenter-speaker", Static)
        widget.update(speaker)
        widget.display = bool(content.speaker)
        part = self.query_one("#presenter-part", Static)
        if content.part_minutes:
            own = self.meeting.part_time(self.index)
            part.update(tr("ui.form_step_time", used=clock_text(own), planned=clock_text(content.part_minutes * 60)))
        part.display = bool(content.part_minutes)
