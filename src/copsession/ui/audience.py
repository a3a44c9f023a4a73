"""The audience window (``copsession show``): a read-only presenter view for a second screen.

It follows the one meeting the facilitator chose among those running in a minutes folder (see
:mod:`copsession.running`: a running meeting announces itself), by reading its session record
whenever the facilitator's window saves it, and shows what the group should see: the opening
screen, the step, the prompt or question of the moment, the time in big digits, who is speaking
and who is next, and the latest notes; at the close, the recap and the course being scored.
Never private remarks, never a step's ``guide``, never key hints, never another meeting. It
writes nothing: no lock, no record, no index, no settings.

:class:`copsession.running.Follower` does the looking (plain Python, run in a thread worker);
:class:`AudienceApp` shows what it found. ``python -m copsession.ui.audience`` runs the window on its own; that is
the command ``copsession show --web`` starts for every browser that connects.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from copsession import startup
from copsession.clock import Clock, SystemClock
from copsession.engine import Meeting
from copsession.i18n import Catalog
from copsession.record import OPENING, SessionRecord
from copsession.running import Followed, Follower, Joining, Waiting
from copsession.settings import load_settings, user_language
from copsession.ui.textual_private import CalmCrashes, CalmStop
from copsession.ui.themes import CYCLE, DEFAULT_THEME, THEMES
from copsession.ui.widgets.presenter import PresenterPanel, presenter_content

LOOK_EVERY = 0.25
"""Seconds between two looks at the followed record's size and modification time."""


# -- what the group sees ---------------------------------------------------- #


def opening_text(record: SessionRecord, tr: Catalog) -> Text:
    """The opening screen's essentials: central question, goals and the agenda with times."""
    # lazy: 0.9 ms at the start of `show` (importtime, 7 Dec 2026)
    from copsession.ui.widgets.agenda import meeting_start

    ws = record.worksheet
    text = Text()
    text.append(tr("ui.central_question") + "\n", style="bold")
    text.append(ws.central_question + "\n\n")
    if ws.goals:
        text.append(tr("ui.goals") + "\n", style="bold")
        text.append("\n".join(f"• {goal}" for goal in ws.goals) + "\n\n")
    start = meeting_start(record)
    times = ws.schedule(start)
    text.append(tr("ui.agenda") + "\n", style="bold")
    width = max((len(step.title) for step in ws.steps), default=0)
    for (begin, _), step in zip(times, ws.steps):
        text.append(f"{begin:%H:%M}  {step.title.ljust(width)}  {step.minutes:>3} min\n")
    end = times[-1][1] if times else start
    text.append(
        tr("ui.agenda_total", minutes=ws.total_minutes, start=f"{start:%H:%M}", end=f"{end:%H:%M}"), style="italic"
    )
    return text


class AudienceView(Screen):
    """One of the audience window's screens; :meth:`refresh_view` redraws it from the record."""

    def refresh_view(self) -> None:
        """Redraw after a newer copy of the record was read."""


class WaitingScreen(AudienceView):
    """No meeting to follow: a calm line, and the folder that is watched."""

    def __init__(self, tr: Catalog, minutes_dir: Path, ended: bool = False) -> None:
        super().__init__()
        self.tr = tr
        self.minutes_dir = minutes_dir
        self.ended = ended

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static("copsession", id="step-title", markup=False)
        text = Text(self.tr("audience.ended" if self.ended else "audience.waiting"), style="bold")
        text.append("\n\n" + self.tr("audience.folder", folder=str(self.minutes_dir)), style="dim")
        yield Static(text, id="waiting", markup=False)


class OpeningView(AudienceView):
    """The meeting is at its opening screen: title, central question, goals, agenda."""

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.tr = Catalog(meeting.record.worksheet.language)

    def compose(self) -> ComposeResult:
        ws = self.meeting.record.worksheet
        with Horizontal(id="title-bar"):
            yield Static(ws.title, id="step-title", markup=False)
            yield Static(ws.meeting, id="step-number", markup=False)
        with VerticalScroll(id="audience-opening", can_focus=False):
            yield Static(opening_text(self.meeting.record, self.tr), id="opening-text", markup=False)

    def refresh_view(self) -> None:
        for widget in self.query("#opening-text").results(Static):  # none before it is composed
            widget.update(opening_text(self.meeting.record, self.tr))


class StepView(AudienceView):
    """The presenter view of the step the facilitator is on."""

    def __init__(self, meeting: Meeting, index: int) -> None:
        super().__init__()
        self.meeting = meeting
        self.index = index
        self.tr = Catalog(meeting.record.worksheet.language)

    def compose(self) -> ComposeResult:
        record = self.meeting.record
        ws = record.worksheet
        with Horizontal(id="title-bar"):
            yield Static(ws.steps[self.index].title, id="step-title", markup=False)
            yield Static(
                f"{ws.title} · {self.tr('ui.step_of', number=self.index + 1, total=len(ws.steps))}",
                id="step-number",
                markup=False,
            )
        yield PresenterPanel(self.meeting, self.index, self.tr, id="presenter")

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        self.query_one(PresenterPanel).update_clock()

    def refresh_view(self) -> None:
        for panel in self.query(PresenterPanel):  # none before it is composed
            panel.show(presenter_content(self.meeting.record, self.index, self.tr))


class RecapView(AudienceView):
    """The facilitator shows the closing recap: what goes out of the group, and the next date."""

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.tr = Catalog(meeting.record.worksheet.language)

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static(self.tr("recap.title"), id="step-title", markup=False)
            yield Static(self.meeting.record.worksheet.title, id="step-number", markup=False)
        with VerticalScroll(id="audience-recap", can_focus=False):
            yield Static(self._text(), id="recap-text", markup=False)

    def _text(self) -> Text:
        # lazy: the closing widgets, 2.3 ms at the start of `show` (importtime, 7 Dec 2026)
        from copsession.ui.widgets.closing import recap_text

        return recap_text(self.meeting.record, self.tr)

    def refresh_view(self) -> None:
        for widget in self.query("#recap-text").results(Static):
            widget.update(self._text())


class PulseView(AudienceView):
    """The course is being scored: the statement, the chart and the average, and who scored what
    only when the scores are not anonymous."""

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.tr = Catalog(meeting.record.worksheet.language)

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static(self.tr("ui.pulse_title"), id="step-title", markup=False)
            yield Static(self.meeting.record.worksheet.title, id="step-number", markup=False)
        with VerticalScroll(id="audience-pulse", can_focus=False):
            yield Static(self._text(), id="pulse-text", markup=False)

    def _text(self) -> Text:
        # lazy: the closing widgets, 2.3 ms at the start of `show` (importtime, 7 Dec 2026)
        from copsession.ui.widgets.closing import pulse_chart_text

        record, tr = self.meeting.record, self.tr
        text = Text(tr("ui.pulse_statement") + "\n\n")
        if record.showing == "pulse-anonymous" or any(k.startswith("#") for k in record.pulse):
            text.append(tr("ui.pulse_anonymous", count=len(record.pulse)) + "\n\n", style="bold")
        else:
            for name in record.present_names:
                score = record.pulse.get(name)
                text.append(f"{name:<18.18} {score if score else '·'}\n")
            text.append("\n")
        text.append_text(pulse_chart_text(record, tr))
        return text

    def refresh_view(self) -> None:
        for widget in self.query("#pulse-text").results(Static):
            widget.update(self._text())


class JoinView(AudienceView):
    """The facilitator shows the group how to join from their own devices: the QR code large, the
    short address and the meeting's code."""

    def __init__(self, meeting: Meeting, joining: Joining) -> None:
        super().__init__()
        self.meeting = meeting
        self.joining = joining
        self.tr = Catalog(meeting.record.worksheet.language)

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static(self.tr("audience.join_title"), id="step-title", markup=False)
            yield Static(self.meeting.record.worksheet.title, id="step-number", markup=False)
        words = Static(join_text(self.joining, self.tr, large=True), id="join-text", markup=False)
        code = Static(self._code(), id="join-qr", markup=False)
        width, height = self.app.size
        with VerticalScroll(id="audience-join", can_focus=False):
            with Horizontal(id="join-row"):
                # a small window: the address and the code first (the QR code below may not fit)
                yield from (words, code) if width < 76 or height < 24 else (code, words)

    def _code(self) -> Text:
        """The QR code, twice as large when the window has room for it and the words beside it."""
        from copsession.qr import qr_lines, qr_lines_large

        large = qr_lines_large(self.joining.join_url)
        width, height = self.app.size
        lines = large if len(large[0]) + 30 <= width and len(large) + 4 <= height else qr_lines(self.joining.join_url)
        return Text("\n".join(lines), style="black on white", no_wrap=True)

    def on_resize(self) -> None:
        for widget in self.query("#join-qr").results(Static):
            widget.update(self._code())


def join_text(joining: Joining, tr: Catalog, *, large: bool = False) -> Text:
    """How to join, in words: the address, the code, and how many contributions wait."""
    text = Text()
    if large:  # the address and the code each on a line of their own, to read across the room
        text.append(tr("audience.join_scan") + "\n\n", style="bold")
        text.append(tr("participants.address") + "\n")
        text.append(joining.address + "\n\n", style="bold reverse")
        text.append(tr("audience.join_code") + "\n")
        text.append(joining.code, style="bold reverse")
    else:
        text.append(tr("audience.join_address", address=joining.address, code=joining.code), style="bold")
    if joining.waiting:
        text.append("   " + tr("participants.banner", count=joining.waiting).replace(" (F7)", ""))
    if large and not joining.network:
        text.append("\n\n" + tr("audience.join_local"), style="dim")
    return text


class AudienceApp(CalmCrashes, App[None]):
    """The read-only audience window: follows the meeting in ``minutes_dir``."""

    CSS_PATH = "copsession.tcss"
    CSS = """
    #waiting {
        width: 100%;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    #audience-opening, #audience-recap, #audience-pulse, #audience-join {
        padding: 1 2;
    }
    #audience-join #join-row {
        height: auto;
    }
    #audience-join #join-qr {
        width: auto;
        padding-right: 4;
    }
    #audience-join #join-text {
        width: 1fr;
    }
    /* a narrow window: the words under the code, not squeezed beside it */
    .-narrow #audience-join #join-row, .-short #audience-join #join-row {
        layout: vertical;
    }
    .-narrow #audience-join #join-text, .-short #audience-join #join-text {
        width: 100%;
        padding-bottom: 1;
    }
    #join-strip {
        dock: bottom;
        height: auto;
        padding: 0 2;
        background: $boost;
    }
    StepView #presenter {
        display: block;
        height: 1fr;
        padding: 0 1;
    }
    #presenter-focus {
        text-style: bold;
        text-align: center;
        width: 100%;
        padding: 1 2;
        color: $text;
    }
    #presenter-clock {
        width: auto;
        color: $accent;
    }
    #presenter-clock.-warning { color: $warning; }
    #presenter-clock.-alert, #presenter-clock.-over { color: $error; }
    #presenter-speaker {
        text-align: center;
        width: 100%;
        padding: 1 0;
    }
    #presenter-notes {
        width: 100%;
        padding: 0 2;
    }
    """
    TITLE = "copsession"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f9", "next_theme", "Theme", priority=True, show=False),
    ]

    def __init__(
        self,
        minutes_dir: Path,
        *,
        clock: Clock | None = None,
        wall: Callable[[], float] = time.time,
        theme: str | None = None,
        series: str | None = None,
    ) -> None:
        super().__init__()
        for extra in THEMES:
            self.register_theme(extra)
        wanted = theme or load_settings().get("theme") or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self.minutes_dir = minutes_dir
        self.clock = clock or SystemClock()
        self.follower = Follower(minutes_dir, self.clock, series=series, wall=wall)
        self.tr = Catalog(user_language())
        self.joining: Joining | None = None
        """How participants' devices join the followed meeting, when they can."""
        self.meeting: Meeting | None = None
        """A read-only meeting around the latest copy of the record (None while waiting)."""
        self._shown: tuple | None = None
        self._looking: Worker[None] | None = None
        self.problem: BaseException | None = None
        """The last unexpected error while looking (the window carries on showing what it had)."""

    def get_default_screen(self) -> Screen:
        return WaitingScreen(self.tr, self.minutes_dir)

    def on_mount(self) -> None:
        self.call_after_refresh(startup.settle)  # the first frame is painted
        self._tick()
        self.set_interval(LOOK_EVERY, self._tick)

    def _tick(self) -> None:
        if self._looking is None or self._looking.is_finished:
            self._looking = self.reread()

    @work(thread=True, group="follow", exit_on_error=False)
    def reread(self) -> None:
        """Look at the folder and the followed record (off the UI thread); show what changed."""
        try:
            update = self.follower.look()
        except Exception as error:  # noqa: BLE001 - a projector keeps showing what it had
            self.problem = error
            return
        if update is not None:
            try:
                self.call_from_thread(self.show_update, update)
            except Exception as error:  # noqa: BLE001 - the app is closing, or it could not be shown: keep going
                self.problem = error

    def show_update(self, update: Waiting | Followed) -> None:
        """Show what the follower found."""
        if isinstance(update, Waiting):
            self.meeting = None
            self._shown = None
            self.joining = None
            tr = Catalog(update.language) if update.language else self.tr
            self._show(WaitingScreen(tr, self.minutes_dir, ended=update.ended))
            return
        record = update.record
        view = "pulse" if record.showing.startswith("pulse") else record.showing
        joining = update.joining
        if joining is not None and joining.shown:
            view = "join"
        on_join = joining if view == "join" else None  # a new code or address is a new join screen
        shown = (update.path, record.current, record.worksheet.language, len(record.worksheet.steps), view, on_join)
        if self.meeting is None or shown != self._shown:
            self.meeting = Meeting(record, self.clock, None, read_only=True)
            self._shown = shown
            self.joining = joining
            if view == "join" and joining is not None:
                self._show(JoinView(self.meeting, joining))
            elif view == "recap":
                self._show(RecapView(self.meeting))
            elif view == "pulse":
                self._show(PulseView(self.meeting))
            elif record.current == OPENING:
                self._show(OpeningView(self.meeting))
            else:
                self._show(StepView(self.meeting, record.current))
            return
        self.meeting.record = record
        if isinstance(self.screen, AudienceView):
            self.screen.refresh_view()
        if joining != self.joining:
            self.joining = joining
            self._strip(self.screen)

    def _strip(self, screen: Screen) -> None:
        """The line at the bottom that says how to join while the meeting is open to devices."""
        found = screen.query("#join-strip")
        if self.joining is None or isinstance(screen, (JoinView, WaitingScreen)):
            found.remove()
        elif found:
            found.first(Static).update(join_text(self.joining, Catalog(self.joining_language())))
        else:
            screen.mount(Static(join_text(self.joining, Catalog(self.joining_language())), id="join-strip"))

    def joining_language(self) -> str:
        return self.meeting.record.worksheet.language if self.meeting is not None else self.tr.language

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 76, "-narrow")
        self.set_class(event.size.height < 24, "-short")

    def _show(self, screen: Screen) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        if self.joining is not None:
            self.call_after_refresh(self._strip, screen)

    def action_next_theme(self) -> None:
        """The next theme, for this window only (nothing is remembered: the window writes nothing)."""
        position = CYCLE.index(self.theme) if self.theme in CYCLE else -1
        self.theme = CYCLE[(position + 1) % len(CYCLE)]

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual would show a key hint on the group's screen; do nothing instead."""

    def calm_stop(self, error: Exception) -> CalmStop:
        """No traceback (with the meeting's notes in its local variables) on the group's screen."""
        return CalmStop(self.tr("audience.crashed"))


def run_audience(minutes_dir: Path, series: str | None = None) -> int:
    """Run the audience window until Ctrl+Q, following the meeting of ``series`` (or the only one)."""
    # lazy: 1 ms at the start of `show` (importtime, 7 Dec 2026)
    from copsession.ui.terminal_input import tolerate_invalid_input

    tolerate_invalid_input()
    app = AudienceApp(minutes_dir, series=series)
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """``python -m copsession.ui.audience [--minutes-dir DIR] [--series NAME]`` (what ``copsession show
    --web`` runs for every browser window)."""
    parser = argparse.ArgumentParser(prog="copsession show")
    parser.add_argument("--minutes-dir", type=Path, default=Path("minutes"))
    parser.add_argument("--series")
    args = parser.parse_args(argv)
    return run_audience(args.minutes_dir, args.series)


if __name__ == "__main__":
    sys.exit(main())
