"""The audience window (``copsession show``): a read-only presenter view for a second screen.

It follows the meeting that runs in a minutes folder — the most recently saved unfinished one —
by reading its session record whenever the facilitator's window saves it, and shows what the
group should see: the step, the prompt or question of the moment, the time in big digits, who is
speaking and who is next, and the latest notes. Never private remarks, never a step's ``guide``,
never key hints. It writes nothing: no lock, no record, no index, no settings.

:class:`Follower` does the looking (plain Python, run in a thread worker); :class:`AudienceApp`
shows what it found. ``python -m copsession.ui.audience`` runs the window on its own; that is
the command ``copsession show --web`` starts for every browser that connects.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from copsession import startup
from copsession.clock import Clock, SystemClock
from copsession.engine import TIMER_SAVE, Meeting
from copsession.i18n import Catalog
from copsession.record import OPENING, SessionRecord
from copsession.ui.textual_private import CalmCrashes, CalmStop
from copsession.ui.themes import CYCLE, DEFAULT_THEME, THEMES
from copsession.ui.widgets.presenter import PresenterPanel, presenter_content

LOOK_EVERY = 0.25
"""Seconds between two looks at the followed record's size and modification time."""
SCAN_EVERY = 1.0
"""Seconds between two looks at the folder for the meeting to follow (via the series index)."""
STALE_AFTER = 3 * TIMER_SAVE
"""A running timer is saved at least every ``TIMER_SAVE`` seconds: a record older than this was left
by a window that no longer saves (killed, asleep), so its timer is shown as it was saved."""


# -- following (no Textual) ------------------------------------------------ #

@dataclass
class Waiting:
    """Nothing to follow (yet): no unfinished meeting in the folder, or the followed one ended."""

    ended: bool = False
    language: str | None = None
    """The language of the meeting that ended, if one did."""


@dataclass
class Followed:
    """A newer copy of the followed meeting's record."""

    path: Path
    record: SessionRecord


class Follower:
    """Finds the meeting to follow and reads its record again when it changed; only ever reads.

    :meth:`look` is meant for a worker thread; calls are serialised.
    """

    def __init__(self, minutes_dir: Path, clock: Clock, wall: Callable[[], float] = time.time) -> None:
        self.minutes_dir = minutes_dir
        self.clock = clock
        self.wall = wall
        """Wall-clock seconds (as file modification times count them)."""
        self.path: Path | None = None
        self._stamp: tuple[int, int] | None = None
        self._scanned: float | None = None
        self._entries: dict[str, tuple[tuple[int, int], dict]] | None = None
        self._language: str | None = None
        self._lock = threading.Lock()

    def look(self) -> Waiting | Followed | None:
        """What changed since the last look (None: nothing)."""
        with self._lock:
            return self._look()

    def _look(self) -> Waiting | Followed | None:
        from copsession.index import stamp
        from copsession.recordfile import RecordError, read_record

        now = time.monotonic()
        if self._scanned is None or now - self._scanned >= SCAN_EVERY:
            self._scanned = now
            chosen = self._choose()
            if chosen != self.path:
                ended = self.path is not None
                self.path, self._stamp = chosen, None
                if chosen is None:
                    return Waiting(ended, self._language)
        if self.path is None:
            return None
        found = stamp(self.path)
        if found is None or found == self._stamp:
            return None
        try:
            loaded = read_record(self.path, self.clock.monotonic())
        except RecordError:
            self._stamp = found  # damaged: keep showing what was there; the next save is read again
            return None
        self._stamp = found
        self._language = loaded.record.worksheet.language
        if loaded.finished:
            self.path = None
            return Waiting(True, self._language)
        self._carry_on_timer(loaded.record, found[1] / 1e9, stopped=bool(loaded.stopped))
        return Followed(self.path, loaded.record)

    def _carry_on_timer(self, record: SessionRecord, saved_at: float, *, stopped: bool) -> None:
        """The current step's timer runs on from ``used_seconds`` plus the time since the record was saved."""
        index = record.current
        if index == OPENING:
            return
        clock = record.steps[index].clock
        if clock.running_since is None:
            return
        since = self.wall() - saved_at
        if stopped or since > STALE_AFTER:
            clock.pause(clock.running_since)  # the window that ran it stopped: the time as saved
        else:
            clock.running_since -= max(0.0, since)

    def _choose(self) -> Path | None:
        """The most recently saved unfinished meeting of the folder, from the series index.

        Read-only: the index file is read once, then every record file's size and modification
        time says whether its summary must be read again (its first line). The index is never
        written here — that is the facilitator's window's job.
        """
        # the series index's own reading functions, without the part that writes the index back
        from copsession.index import Scan, _entry_from_file, _load, stamp
        from copsession.storage import record_files
        from copsession.series import latest_unfinished
        from copsession.storage import records_dir

        files = record_files(self.minutes_dir)
        if self._entries is None:
            cached = _load(self.minutes_dir) if files else {}
            self._entries = {name: ((entry.get("size"), entry.get("mtime_ns")), entry)  # type: ignore[misc]
                             for name, entry in cached.items()}
        summaries = []
        for path in files:
            found = stamp(path)
            if found is None:
                continue
            known = self._entries.get(path.name)
            if known is None or known[0] != found:
                known = (found, _entry_from_file(path, found, Scan([], [])))
                self._entries[path.name] = known
            summary = known[1].get("summary")
            if isinstance(summary, dict):
                summaries.append({**summary, "file": path.name})
        names = {p.name for p in files}
        for gone in [name for name in self._entries if name not in names]:
            del self._entries[gone]
        chosen = latest_unfinished(summaries)
        return records_dir(self.minutes_dir) / chosen["file"] if chosen is not None else None


# -- what the group sees ---------------------------------------------------- #

def opening_text(record: SessionRecord, tr: Catalog) -> Text:
    """The opening screen's essentials: central question, goals and the agenda with times."""
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
    text.append(tr("ui.agenda_total", minutes=ws.total_minutes, start=f"{start:%H:%M}", end=f"{end:%H:%M}"),
                style="italic")
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
            yield Static(f"{ws.title} · {self.tr('ui.step_of', number=self.index + 1, total=len(ws.steps))}",
                         id="step-number", markup=False)
        yield PresenterPanel(self.meeting, self.index, self.tr, id="presenter")

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        self.query_one(PresenterPanel).update_clock()

    def refresh_view(self) -> None:
        for panel in self.query(PresenterPanel):  # none before it is composed
            panel.show(presenter_content(self.meeting.record, self.index, self.tr))


def _language() -> str:
    """The language of the window before a meeting says otherwise: ``$COPSESSION_LANG`` or ``$LANG``."""
    for variable in ("COPSESSION_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


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
    #audience-opening {
        padding: 1 2;
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

    def __init__(self, minutes_dir: Path, *, clock: Clock | None = None, wall: Callable[[], float] = time.time,
                 theme: str | None = None) -> None:
        super().__init__()
        from copsession.settings import load_settings

        for extra in THEMES:
            self.register_theme(extra)
        wanted = theme or load_settings().get("theme") or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self.minutes_dir = minutes_dir
        self.clock = clock or SystemClock()
        self.follower = Follower(minutes_dir, self.clock, wall)
        self.tr = Catalog(_language())
        self.meeting: Meeting | None = None
        """A read-only meeting around the latest copy of the record (None while waiting)."""
        self._shown: tuple | None = None
        self._looking = None
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
            tr = Catalog(update.language) if update.language else self.tr
            self._show(WaitingScreen(tr, self.minutes_dir, ended=update.ended))
            return
        record = update.record
        shown = (update.path, record.current, record.worksheet.language, len(record.worksheet.steps))
        if self.meeting is None or shown != self._shown:
            self.meeting = Meeting(record, self.clock, None, read_only=True)
            self._shown = shown
            if record.current == OPENING:
                self._show(OpeningView(self.meeting))
            else:
                self._show(StepView(self.meeting, record.current))
            return
        self.meeting.record = record
        if isinstance(self.screen, AudienceView):
            self.screen.refresh_view()

    def _show(self, screen: Screen) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_next_theme(self) -> None:
        """The next theme, for this window only (nothing is remembered: the window writes nothing)."""
        position = CYCLE.index(self.theme) if self.theme in CYCLE else -1
        self.theme = CYCLE[(position + 1) % len(CYCLE)]

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual would show a key hint on the group's screen; do nothing instead."""

    def calm_stop(self, error: Exception) -> CalmStop:
        """No traceback (with the meeting's notes in its local variables) on the group's screen."""
        return CalmStop(self.tr("audience.crashed"))


def run_audience(minutes_dir: Path) -> int:
    """Run the audience window until Ctrl+Q."""
    from copsession.ui.terminal_input import tolerate_invalid_input

    tolerate_invalid_input()
    app = AudienceApp(minutes_dir)
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """``python -m copsession.ui.audience [--minutes-dir DIR]`` (what ``copsession show --web`` runs)."""
    parser = argparse.ArgumentParser(prog="copsession show")
    parser.add_argument("--minutes-dir", type=Path, default=Path("minutes"))
    args = parser.parse_args(argv)
    return run_audience(args.minutes_dir)


if __name__ == "__main__":
    sys.exit(main())
