"""The opening screen: what this meeting is about, the agenda with times, and who is here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from copsession.formats import short_date
from copsession.ui.localise import localised
from copsession.ui.screens.meeting import MeetingScreen, mode_banners
from copsession.ui.widgets.agenda import meeting_start
from copsession.ui.widgets.attendance import AttendanceList
from copsession.ui.widgets.carried import describe_item
from copsession.ui.widgets.footer import MeetingFooter

if TYPE_CHECKING:
    from copsession.engine import MeetingEvent


CARRIED_SHOWN = 12
"""Carried-over items listed on the opening screen; the rest are counted (F4 reviews them all)."""


class OpeningScreen(MeetingScreen):
    """Title, meeting, central question, goals, agenda and attendance."""

    SCOPED_CSS = False  # the size rules below start at the app's -wide/-narrow classes
    DEFAULT_CSS = """
    OpeningScreen #opening {
        height: 1fr;
    }
    OpeningScreen #opening-info {
        width: 1fr;
        padding: 0 1;
    }
    OpeningScreen #attendance-column {
        width: 34;
        padding: 0 1;
        border-left: solid $primary;
    }
    OpeningScreen #attendance {
        max-height: 16;
    }
    /* a wide screen gives the names and organisations room; a narrow one the agenda */
    .-wide OpeningScreen #attendance-column {
        width: 30%;
        max-width: 72;
    }
    .-narrow OpeningScreen #attendance-column {
        width: 28;
    }
    OpeningScreen #unfilled {
        color: $text-warning;
        text-style: bold;
        padding-bottom: 1;
    }
    OpeningScreen #attendance {
        border-title-color: $accent;
        border-title-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        ws = self.record.worksheet
        tr = self.tr
        with Horizontal(id="title-bar"):
            yield Static(ws.title, id="step-title", markup=False)
            yield from mode_banners(self)
            yield Static(ws.meeting, id="step-number", markup=False)
        with Horizontal(id="opening"):
            with VerticalScroll(id="opening-info"):  # Tab + arrows scroll it on a small screen
                # lazy: the plan's checks, 1.7 ms at the start of `run` (importtime, 7 Dec 2026)
                from copsession.plan import unfilled, unfilled_places

                missing = unfilled(ws)
                if missing:  # a worksheet made from the plan, not finished: for the facilitator only
                    what = tr("ui.unfilled", where=unfilled_places(missing, tr))
                    yield Static(what, id="unfilled", classes="facilitator-only", markup=False)
                # one block of text: question, series, carried-over items, goals and agenda
                yield Static(self.info_text(), id="opening-text", markup=False)
            with Vertical(id="attendance-column"):
                attendance = localised(AttendanceList, ws.language)(self.meeting, id="attendance")
                attendance.border_title = tr("ui.attendance")
                yield attendance
                yield Static(tr("ui.start_hint"), id="start-hint", classes="hint", markup=False)
        yield MeetingFooter()

    def info_text(self) -> Text:
        """Everything on the left of the opening screen, as one text."""
        ws, tr = self.record.worksheet, self.tr
        text = Text()
        text.append(tr("ui.central_question") + "\n", style="bold")
        text.append(ws.central_question + "\n\n")
        text.append_text(self.series_text())
        text.append("\n\n")
        # lazy: the plan's checks, 1.7 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.plan import trajectory_warnings

        for warning in trajectory_warnings(ws, tr):  # a kick-off with too narrow a group
            text.append("⚠ " + warning[:1].upper() + warning[1:] + "\n\n", style="bold")
        carried = self.carried_text()
        carried.rstrip()
        text.append_text(carried)
        text.append("\n\n")
        if ws.goals:
            text.append(tr("ui.goals") + "\n", style="bold")
            text.append("\n".join(f"• {g}" for g in ws.goals) + "\n\n")
        text.append_text(self.agenda_table())
        return text

    def series_text(self) -> Text:
        record, tr = self.record, self.tr
        text = Text()
        if record.previous_date is None:
            text.append(tr("ui.series_first"), style="bold")
            return text
        text.append(tr("ui.series_number", number=record.series_number), style="bold")
        text.append(" · " + tr("ui.series_previous", date=short_date(record.previous_date, tr.language)))
        return text

    def carried_text(self) -> Text:
        """What the trajectory brings to this meeting: the shared goal and working agreements in
        force, then what earlier meetings left open."""
        record, tr = self.record, self.tr
        text = Text()
        for kind, heading in (("goal", "minutes.goals_agreed"), ("agreement", "minutes.agreements")):
            items = [c for c in record.carried if c.kind == kind and c.status != "dropped"]
            if items:
                text.append(tr(heading) + "\n", style="bold")
                text.append("\n".join(f"• {c.text}" for c in items) + "\n\n")
        rest = [i for i, c in enumerate(record.carried) if c.kind not in ("goal", "agreement")]
        if not rest:
            text.append(tr("ui.carried_none"), style="italic")
            return text
        still_open = sum(1 for i in rest if record.carried[i].status == "open")
        text.append(tr("ui.carried", count=still_open) + "  (F4)\n", style="bold")
        for i in rest[:CARRIED_SHOWN]:
            text.append_text(describe_item(record, i, tr))
            text.append("\n")
        if len(rest) > CARRIED_SHOWN:
            text.append(tr("ui.carried_more", count=len(rest) - CARRIED_SHOWN) + "\n", style="italic")
        return text

    def meeting_changed(self, event: MeetingEvent) -> None:
        """Redraw after the record changed (the review dialog, attendance, a reload)."""
        if event.carried or event.attendance or event.everything or event.what in ("undo", "redo"):
            self.query_one("#opening-text", Static).update(self.info_text())
            self.query_one(AttendanceList).refresh(layout=True)

    def agenda_table(self) -> Text:
        """The agenda with planned clock times, as plain aligned text (cheap to draw at start-up)."""
        ws = self.record.worksheet
        tr = self.tr
        start = meeting_start(self.record)
        times = ws.schedule(start)
        text = Text()
        text.append(tr("ui.agenda") + "\n", style="bold")
        width = max((len(step.title) for step in ws.steps), default=0)
        for (begin, _), step in zip(times, ws.steps):
            text.append(f"{begin:%H:%M}  ")
            text.append(step.title.ljust(width))
            text.append(f"  {step.minutes:>3} min\n")
        end = times[-1][1] if times else start
        text.append(
            tr("ui.agenda_total", minutes=ws.total_minutes, start=f"{start:%H:%M}", end=f"{end:%H:%M}"), style="italic"
        )
        return text

    def on_mount(self) -> None:
        self.query_one(AttendanceList).focus()
