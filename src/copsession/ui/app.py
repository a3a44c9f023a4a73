"""The copsession app: one meeting, one record, one screen per step.

Build it with :func:`make_app`; the CLI, the tests and the snapshots all do.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from copsession.clock import Clock, SystemClock
from copsession.i18n import Catalog
from copsession.record import OPENING, SessionRecord
from copsession.settings import load_settings, save_setting
from copsession.storage import (
    StorageError, atomic_write, brief_path, ensure_folder, minutes_path, record_id, records_dir,
)
from copsession.ui.commands import MeetingCommands
from copsession.ui.localise import localised
from copsession.ui.screens.opening import OpeningScreen
from copsession.ui.themes import CYCLE, DEFAULT_THEME, THEMES
from copsession.worksheet import Worksheet

if TYPE_CHECKING:
    from copsession.recordfile import Autosaver, LoadedRecord

# Step screens and dialogs are imported when first shown, so that start-up only pays for
# the opening screen (see benchmarks/bench.py).
SCREENS_BY_KIND: dict[str, tuple[str, str]] = {
    "check-in": ("copsession.ui.screens.check_in", "CheckInScreen"),
    "exploration": ("copsession.ui.screens.exploration", "ExplorationScreen"),
    "work-form": ("copsession.ui.screens.work_form", "WorkFormScreen"),
    "concern-round": ("copsession.ui.screens.concern_round", "ConcernRoundScreen"),
    "results": ("copsession.ui.screens.results", "ResultsScreen"),
    "break": ("copsession.ui.screens.break_screen", "BreakScreen"),
}


def step_screen_class(kind: str) -> type[Screen]:
    """The screen class for a step kind."""
    module, name = SCREENS_BY_KIND[kind]
    return getattr(importlib.import_module(module), name)


def dialog(name: str):
    """A dialog class by name, imported on first use."""
    module = {
        "AttendanceScreen": "attendance", "ChooseFolderScreen": "choose_folder", "ConfirmQuitScreen": "confirm_quit",
        "HelpScreen": "help", "HistoryScreen": "history", "PulseScreen": "pulse", "ReviewScreen": "review",
        "ResumeScreen": "resume",
    }[name]
    return getattr(importlib.import_module(f"copsession.ui.screens.{module}"), name)


class CopSessionApp(App[None]):
    """Walks the group through the worksheet's steps and saves the minutes."""

    CSS_PATH = "copsession.tcss"
    TITLE = "copsession"
    COMMANDS = App.COMMANDS | {MeetingCommands}

    presenter: var[bool] = var(False, init=False)
    """The presenter view: the current step fills the screen."""
    reveal: var[bool] = var(False, init=False)
    """Facilitator-only text (guides, /private remarks) is shown."""
    BINDINGS = [
        Binding("pagedown", "next_step", "key.next_step", priority=True, key_display="PgDn"),
        Binding("pageup", "previous_step", "key.previous_step", priority=True, key_display="PgUp"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+q", "quit", "key.quit", priority=True, show=False),
        Binding("f1", "help", "key.help", priority=True),
        Binding("f2", "attendance", "key.attendance", priority=True, show=False),
        Binding("f3", "pulse", "key.pulse", priority=True, show=False),
        Binding("f4", "review", "key.review", priority=True, show=False),
        Binding("f5", "history", "key.history", priority=True, show=False),
        Binding("f6", "toggle_presenter", "key.presenter", priority=True, show=False),
        Binding("f8", "toggle_reveal", "key.reveal", priority=True, show=False),
        Binding("f9", "next_theme", "key.theme", priority=True, show=False),
        Binding("ctrl+t", "toggle_timer", "key.timer", priority=True, show=False),
        Binding("ctrl+g", "add_minute", "key.add_minute", priority=True, show=False),
    ]

    def __init__(self, record: SessionRecord, minutes_dir: Path, clock: Clock, *,
                 resumed: LoadedRecord | None = None, offer: LoadedRecord | None = None,
                 bell: bool = False, theme: str | None = None, remember_theme: bool = True) -> None:
        super().__init__()
        self.bell_on_times_up = bell
        self.remember_theme = remember_theme
        for extra in THEMES:
            self.register_theme(extra)
        wanted = theme or (load_settings().get("theme") if remember_theme else None) or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self.minutes_dir = minutes_dir
        self.clock = clock
        self.tr = Catalog(record.worksheet.language)
        self.saved_path: Path | None = None
        self.saved_changes = -1
        self.autosaver: Autosaver | None = None
        self.offer = offer
        self._use(record, resumed)

    def _use(self, record: SessionRecord, loaded: LoadedRecord | None) -> None:
        """Make ``record`` the meeting this app runs (a new one, or one read back from disk)."""
        self.record = record
        if loaded is not None:
            self.record_path = loaded.path
            if loaded.minutes_file:
                self.saved_path = self.minutes_dir / loaded.minutes_file
            # the minutes on disk may be older than the record: ask before quitting
            self.saved_changes = -1
        else:
            self.record_path = records_dir(self.minutes_dir) / f"{record_id(record)}.toml"
        self._snapshot_changes = -1
        self._snapshot_draft = record.draft
        self._draft_at_last_tick = record.draft
        self._ticks_since_save = 0

    # -- screens ------------------------------------------------------------ #

    def get_default_screen(self) -> Screen:
        """The first screen is the meeting's own, so no empty default screen is built first."""
        return self.screen_for(self.record.current)

    def on_mount(self) -> None:
        if self.offer is not None:
            self.push_screen(dialog("ResumeScreen")(self.offer), callback=self._resume_answered)
        else:
            # after the first frame: writing the record must not slow down the start
            self.call_after_refresh(self._start_autosave)
            if self.record_path.exists():
                self.notify(self.tr("ui.resumed"), timeout=4, markup=False)
        self.set_interval(1.0, self._autosave_tick)
        if not self.is_headless:
            self._install_signal_handlers()

    def _resume_answered(self, resume: bool | None) -> None:
        offer, self.offer = self.offer, None
        if offer is None:
            return
        if resume:
            self._use(offer.record, offer)
            self._show(self.screen_for(self.record.current))
            self.notify(self.tr("ui.resumed"), timeout=4, markup=False)
        else:
            # the old meeting stays on disk with all its notes; it is just not offered again
            from copsession.recordfile import snapshot, write_record

            doc = snapshot(offer.record, self.clock.monotonic(), finished=True, minutes_file=offer.minutes_file,
                           saved=offer.saved)
            try:
                write_record(offer.path, doc)
            except StorageError:
                pass  # it will be offered again next time; nothing is lost
        self._start_autosave()

    def screen_for(self, index: int):
        """A new screen for step ``index`` (or the opening screen)."""
        language = self.record.worksheet.language
        if index == OPENING:
            return localised(OpeningScreen, language)(self.record)
        kind = self.record.worksheet.steps[index].kind
        return localised(step_screen_class(kind), language)(self.record, index)

    def _can_navigate(self) -> bool:
        """Step keys close the help screen; other dialogs must be answered first."""
        if isinstance(self.screen, dialog("HelpScreen")):
            self.screen.dismiss(None)
            return True
        return not isinstance(self.screen, ModalScreen)

    def _show(self, screen: Screen) -> None:
        """Make ``screen`` the meeting screen.

        The first screen is the app's default screen, which cannot be switched away: later
        screens go on top of it and replace each other there.
        """
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def go_to(self, index: int) -> None:
        """Show step ``index``, moving the timers along."""
        self.record.go_to(index, self.clock.monotonic())
        self._show(self.screen_for(index))
        self.record_changed()

    def action_next_step(self) -> None:
        if not self._can_navigate():
            return
        if self.record.current + 1 >= len(self.record.worksheet.steps):
            self.notify(self.tr("ui.last_step"), timeout=3, markup=False)
            return
        self.go_to(self.record.current + 1)

    def action_previous_step(self) -> None:
        if not self._can_navigate():
            return
        if self.record.current == OPENING:
            self.notify(self.tr("ui.first_step"), timeout=3, markup=False)
            return
        self.go_to(self.record.current - 1)

    def _toggle_dialog(self, name: str, make, refresh: bool = False) -> None:
        """An F-key opens its dialog, or closes it when it is the one showing; another open dialog comes first.

        ``make`` builds the dialog from its class; with ``refresh`` the meeting screen redraws when it closes.
        """
        cls = dialog(name)
        if isinstance(self.screen, cls):
            self.screen.dismiss(None)
        elif not isinstance(self.screen, ModalScreen):
            self.push_screen(make(cls), callback=(lambda _: self.refresh_current()) if refresh else None)

    def action_help(self) -> None:
        self._toggle_dialog("HelpScreen", lambda cls: cls(self.screen, self.record.worksheet.language))

    def action_attendance(self) -> None:
        self._toggle_dialog("AttendanceScreen", lambda cls: cls(self.record), refresh=True)

    # -- views, themes, attendance from the palette ------------------------ #

    def watch_presenter(self, presenter: bool) -> None:
        self.set_class(presenter, "-presenter")
        self.refresh_current()

    def watch_reveal(self, reveal: bool) -> None:
        self.set_class(reveal, "-reveal")
        self.refresh_current()

    def action_toggle_presenter(self) -> None:
        self.presenter = not self.presenter

    def action_toggle_reveal(self) -> None:
        self.reveal = not self.reveal
        self.notify(self.tr("ui.revealed" if self.reveal else "ui.hidden"), timeout=2, markup=False)

    def action_next_theme(self) -> None:
        position = CYCLE.index(self.theme) if self.theme in CYCLE else -1
        self.use_theme(CYCLE[(position + 1) % len(CYCLE)])

    def use_theme(self, name: str) -> None:
        """Switch to theme ``name`` and remember it for the next meeting."""
        self.theme = name
        self.notify(self.tr("ui.theme", theme=name), timeout=2, markup=False)
        if self.remember_theme:
            error = save_setting("theme", name)
            if error:
                self.notify(self.tr("ui.settings_failed", error=error), severity="warning", markup=False)

    def jump_to(self, index: int) -> None:
        """Go straight to step ``index`` (from the command palette)."""
        if index != self.record.current:
            self.go_to(index)

    def mark_present(self, name: str, present: bool) -> None:
        self.record.set_present(name, present)
        self.refresh_current()
        self.record_changed()

    def add_participant(self, name: str) -> None:
        try:
            participant = self.record.add_participant(name)
        except ValueError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(self.tr("ui.participant_added", name=participant.name), timeout=3, markup=False)
        self.refresh_current()
        self.record_changed()

    def on_resize(self, event: events.Resize) -> None:
        """Adapt the layout from 60×20 up to 200×60 instead of clipping."""
        width, height = event.size
        self.set_class(width < 76, "-narrow")
        self.set_class(width >= 140, "-wide")
        self.set_class(height < 24, "-short")

    def action_pulse(self) -> None:
        self._toggle_dialog("PulseScreen", lambda cls: cls(self.record))

    def action_review(self) -> None:
        self._toggle_dialog("ReviewScreen", lambda cls: cls(self.record), refresh=True)

    def action_history(self) -> None:
        def make(cls):
            from copsession.series import history, render_history, series_records

            records, _ = series_records(self.minutes_dir, self.record.worksheet.series, self.clock.monotonic())
            text = render_history(self.record.worksheet.series, history(records), self.tr) if records else \
                self.tr("history.none", folder=self.minutes_dir)
            return cls(text, self.record.worksheet.language)

        self._toggle_dialog("HistoryScreen", make)

    def times_up(self) -> None:
        """The current step ran out of time: say so clearly, and ring the bell if asked to."""
        self.notify(self.tr("ui.times_up"), severity="warning", timeout=8, markup=False)
        if self.bell_on_times_up:
            self.bell()

    def action_toggle_timer(self) -> None:
        self.record.toggle_timer(self.clock.monotonic())
        self.refresh_current()
        self.record_changed()

    def action_add_minute(self) -> None:
        self.record.add_minute()
        self.refresh_current()
        self.record_changed()

    def refresh_current(self) -> None:
        """Redraw the step screen after the record changed outside it."""
        # the meeting screen on top (under any dialog) redraws itself from the record
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                if hasattr(screen, "refresh_step") and screen.is_mounted:
                    screen.refresh_step()
                break

    def record_changed(self) -> None:
        """Called after every change of the record: hand a snapshot to the autosaver."""
        self._autosave()

    # -- autosave ----------------------------------------------------------- #

    def _start_autosave(self) -> None:
        from copsession.recordfile import Autosaver

        if self.autosaver is None:
            self.autosaver = Autosaver(self.record_path, on_error=self._autosave_failed)
        else:
            self.autosaver.path = self.record_path
        self._autosave(force=True)

    def _snapshot(self, finished: bool = False) -> dict:
        from copsession.recordfile import snapshot

        return snapshot(self.record, self.clock.monotonic(), finished=finished,
                        minutes_file=self.saved_path.name if self.saved_path else "", saved=self.clock.now())

    def _autosave(self, force: bool = False) -> None:
        if self.autosaver is None or self.offer is not None:
            return
        if not force and self.record.changes == self._snapshot_changes and self.record.draft == self._snapshot_draft:
            return
        self._snapshot_changes = self.record.changes
        self._snapshot_draft = self.record.draft
        self._ticks_since_save = 0
        self.autosaver.request(self._snapshot())

    def _autosave_tick(self) -> None:
        """Once a second: save a half-typed line once typing pauses, and a running timer now and then.

        Every note, speaker change and vote is saved at once by :meth:`record_changed`. The
        half-typed line is saved when it stopped changing for a second (or every ten seconds of
        continuous typing), so that writing the record never competes with the typing itself.
        """
        draft = self.record.draft
        typing = draft != self._draft_at_last_tick
        self._draft_at_last_tick = draft
        self._ticks_since_save += 1
        running = self.record.current != OPENING and self.record.steps[self.record.current].clock.running
        if draft != self._snapshot_draft and (not typing or self._ticks_since_save >= 10):
            self._autosave(force=True)
        elif running and self._ticks_since_save >= 15:
            self._autosave(force=True)

    def _autosave_failed(self, message: str) -> None:
        self.call_from_thread(self.notify, self.tr("ui.autosave_failed", error=message), severity="error",
                              timeout=10, markup=False)

    def finish(self) -> None:
        """The facilitator ends the meeting: write the record one last time, marked finished."""
        if self.autosaver is not None:
            self.autosaver.close(self._snapshot(finished=True))
            self.autosaver = None

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self._on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform; the autosave still runs every second

    def _on_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP: write the record first (unfinished, so it can be resumed), then leave."""
        if self.autosaver is not None:
            self.autosaver.close(self._snapshot(finished=False))
            self.autosaver = None
        # the terminal may be gone (SIGHUP): do not let restoring it keep the process alive
        last_resort = threading.Timer(3.0, os._exit, (128 + signum,))
        last_resort.daemon = True  # never keeps a process alive that is already exiting
        last_resort.start()
        self.exit(return_code=128 + signum)

    # -- saving and quitting ----------------------------------------------- #

    @property
    def unsaved(self) -> bool:
        """True when notes exist that the saved minutes do not hold yet."""
        return bool(self.record.notes) and self.record.changes != self.saved_changes

    def save_minutes(self, folder: Path | None = None) -> Path:
        """Write the minutes; the same file again for this meeting. Raises StorageError."""
        target_dir = folder or self.minutes_dir
        from copsession.brief import render_brief
        from copsession.minutes import render_minutes

        text = render_minutes(self.record, ended=self.clock.now(), mono=self.clock.monotonic())
        ensure_folder(target_dir)
        path = self.saved_path
        if path is None or path.parent != target_dir:
            path = minutes_path(target_dir, self.record.meeting_date, self.record.worksheet.title)
        atomic_write(path, text)
        atomic_write(brief_path(path), render_brief(self.record))
        self.saved_path = path
        self.minutes_dir = target_dir
        self.saved_changes = self.record.changes
        return path

    def action_save(self, then_quit: bool = False) -> None:
        try:
            path = self.save_minutes()
        except StorageError as error:
            self.notify(self.tr("ui.save_failed", error=error), severity="error", timeout=10, markup=False)
            self.push_screen(dialog("ChooseFolderScreen")(self.record.worksheet.language, self.minutes_dir, str(error)),
                             callback=lambda folder: self._save_elsewhere(folder, then_quit))
            return
        self.notify(self.tr("ui.saved", path=path), timeout=5, markup=False)
        self._autosave(force=True)  # the record learns the minutes file's name
        if then_quit:
            self.finish()
            self.exit()

    def _save_elsewhere(self, folder: Path | None, then_quit: bool) -> None:
        if folder is None:
            return
        self.minutes_dir = folder
        if self.autosaver is not None and self.autosaver.last_error is not None:
            # the record could not be written where it was: keep it with the minutes from now on
            self.record_path = records_dir(folder) / self.record_path.name
            self.autosaver.path = self.record_path
        self.action_save(then_quit)

    async def action_quit(self) -> None:
        confirm = dialog("ConfirmQuitScreen")
        if isinstance(self.screen, confirm):
            return
        if not self.unsaved:
            self.finish()
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then_quit=True)
            elif choice == "quit":
                self.finish()
                self.exit()

        self.push_screen(confirm(self.record.worksheet.language), callback=answered)


def make_app(worksheet: Worksheet, *, minutes_dir: Path = Path("minutes"), clock: Clock | None = None,
             record: SessionRecord | None = None, seed: int | None = None,
             resumed: LoadedRecord | None = None, offer: LoadedRecord | None = None,
             bell: bool = False, theme: str | None = None, remember_theme: bool = True) -> CopSessionApp:
    """Build the app: the one factory for the CLI, the tests and the snapshots.

    ``resumed`` continues a meeting read back from disk; ``offer`` asks first whether
    to resume that unfinished meeting or to start ``worksheet`` afresh.
    """
    clock = clock or SystemClock()
    if resumed is not None:
        record = resumed.record
    if record is None:
        record = SessionRecord.start(worksheet, clock.now(), seed=seed)
        if records_dir(minutes_dir).is_dir():  # earlier meetings of the series may be there
            from copsession.series import join_series, series_records

            earlier, _ = series_records(minutes_dir, worksheet.series, clock.monotonic())
            join_series(record, earlier)
    app_class = localised(CopSessionApp, record.worksheet.language)
    return app_class(record, minutes_dir, clock, resumed=resumed, offer=offer, bell=bell, theme=theme,
                     remember_theme=remember_theme)
