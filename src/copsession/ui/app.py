"""The copsession app: a thin layer that shows the meeting engine's state and sends it intents.

Build it with :func:`make_app`; the CLI, the tests and the snapshots all do. The meeting itself —
every change, undo, timers, saving the record — lives in :class:`copsession.engine.Meeting`, and
everything it does outside the screen (opening, its lock, its one writer, the documents, another
folder, following another window) in :class:`copsession.session.Session`; the app turns the
engine's events into one Textual message, :class:`MeetingChanged`, which the screens handle to
redraw, and sends the session its work in worker threads.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import re
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.keys import format_key
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker

from copsession import startup
from copsession.clock import Clock, SystemClock
from copsession.engine import Meeting, MeetingEvent
from copsession.i18n import Catalog
from copsession.kinds import KINDS
from copsession.participation import Opening
from copsession.problems import Problem
from copsession.record import OPENING, SessionRecord
from copsession.series import history, render_history
from copsession.session import Offer, Session, read, set_aside
from copsession.settings import load_settings, save_setting
from copsession.ui.commands import MeetingCommands, MeetingPalette
from copsession.ui.localise import localised
from copsession.ui.messages import MeetingChanged, WorkerFailed, report_failed_worker
from copsession.ui.participating import Participating
from copsession.ui.screens.meeting import MeetingScreen
from copsession.ui.screens.opening import OpeningScreen
from copsession.ui.textual_private import CalmCrashes, CalmStop
from copsession.ui.themes import CYCLE, DEFAULT_THEME, THEMES
from copsession.worksheet import Worksheet

if TYPE_CHECKING:
    from datetime import date

    from textual.notifications import SeverityLevel
    from textual.timer import Timer

    from copsession.session import LoadedRecord


INTENDED = ("change", "undo", "redo")
"""The engine's events that follow from the facilitator's own keys (see :meth:`CopSessionApp._meeting_event`)."""


class AfterTyping(Message):
    """Runs ``callback`` once the focused widget has handled the keys that came before.

    Keys reach the focused widget through its own queue, while the app's priority keys (PageDown,
    Ctrl+S, …) act at once: a clicker's PageDown or a quick Ctrl+S right after "note⏎" would
    overtake the note. Sent through the focused widget, the action waits its turn.
    """

    def __init__(self, callback) -> None:
        super().__init__()
        self.callback = callback


def step_screen_class(kind: str) -> type[Screen]:
    """The screen class of a step kind, from the kinds registry (imported when first shown, so that
    start-up only pays for the opening screen)."""
    module, name = KINDS[kind].screen.split(":")
    return getattr(importlib.import_module(module), name)


def dialog(name: str):
    """A dialog class by name, imported on first use."""
    module = {
        "AttendanceScreen": "attendance",
        "ChooseFolderScreen": "choose_folder",
        "ConfirmQuitScreen": "confirm_quit",
        "HelpScreen": "help",
        "HistoryScreen": "history",
        "PulseScreen": "pulse",
        "ReviewScreen": "review",
        "ResumeScreen": "resume",
    }[name]
    return getattr(importlib.import_module(f"copsession.ui.screens.{module}"), name)


class CopSessionApp(Participating, CalmCrashes, App[None]):
    """Walks the group through the worksheet's steps and saves the minutes."""

    CSS_PATH = "copsession.tcss"
    TITLE = "copsession"
    COMMANDS = {MeetingCommands}  # Textual's own commands are among them (get_system_commands)

    presenter: var[bool] = var(False, init=False)
    """The presenter view: the current step fills the screen."""
    reveal: var[bool] = var(False, init=False)
    """Facilitator-only text (guides, /private remarks) is shown."""
    BINDINGS = [
        Binding("pagedown", "next_step", "key.next_step", priority=True, key_display="PgDn"),
        Binding("pageup", "previous_step", "key.previous_step", priority=True, key_display="PgUp"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+q", "quit", "key.quit", priority=True, show=False),
        Binding("ctrl+z", "undo", "key.undo", priority=True, show=False),
        Binding("ctrl+y,ctrl+shift+z", "redo", "key.redo", priority=True, show=False),
        Binding("f1", "help", "key.help", priority=True),
        Binding("f2", "attendance", "key.attendance", priority=True, show=False),
        Binding("f3", "pulse", "key.pulse", priority=True, show=False),
        Binding("f4", "review", "key.review", priority=True, show=False),
        Binding("f5", "history", "key.history", priority=True, show=False),
        Binding("f6", "toggle_presenter", "key.presenter", priority=True, show=False),
        Binding("f7", "participants", "key.participants", priority=True, show=False),
        Binding("f8", "toggle_reveal", "key.reveal", priority=True, show=False),
        Binding("f9", "next_theme", "key.theme", priority=True, show=False),
        Binding("ctrl+t", "toggle_timer", "key.timer", priority=True, show=False),
        Binding("ctrl+g", "add_minute", "key.add_minute", priority=True, show=False),
    ]

    def __init__(
        self,
        session: Session,
        *,
        offer: Offer | None = None,
        bell: bool = False,
        theme: str | None = None,
        remember_theme: bool = True,
        practice: bool = False,
        participants: Opening | None = None,
    ) -> None:
        super().__init__()
        self.opening = participants
        self.bell_on_times_up = bell
        self.remember_theme = remember_theme
        self.practice = practice
        self.set_class(practice, "-practice")
        for extra in THEMES:
            self.register_theme(extra)
        # the theme asked for; else (an unknown name too) the one remembered; else the default
        remembered = load_settings().get("theme") if remember_theme else None
        chosen = next(t for t in (theme, remembered, DEFAULT_THEME) if t in self.available_themes)
        # set quietly, with the classes a theme brings: the stylesheet is read once, when the app
        # starts, in these colours (setting ``self.theme`` read it a second time before the first frame)
        self.set_reactive(App.theme, chosen)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.set_class(True, f"-theme-{chosen}", update=False)
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self._theme_to_remember = theme if theme in self.available_themes and remember_theme else None
        """A theme chosen with ``--theme``: remembered for the next meeting, as F9 remembers one."""
        self.session = session
        self.clock = session.meeting.clock
        self.tr = Catalog(session.record.worksheet.language)
        self.offer = offer
        self._plan: list[date] | None = None
        """The dates of the trajectory's meetings, from its plan in the minutes folder (after the first frame)."""
        self._unsubscribe = session.meeting.subscribe(self._meeting_event)
        self.set_class(session.read_only, "-read-only")
        session.on_error(self._record_failed)

    @property
    def meeting(self) -> Meeting:
        """The meeting on screen."""
        return self.session.meeting

    @property
    def record(self) -> SessionRecord:
        """The record of the meeting on screen."""
        return self.session.record

    @property
    def minutes_dir(self) -> Path:
        return self.session.minutes_dir

    @property
    def saved_path(self) -> Path | None:
        """The minutes written last, if any."""
        return self.session.saved_path

    def use_session(self, session: Session) -> None:
        """Run ``session`` from now on (a resumed meeting, or one opened read-only) and show where it is."""
        self._unsubscribe()
        session.took_over(self.session)
        self.session = session
        self._unsubscribe = session.meeting.subscribe(self._meeting_event)
        session.on_error(self._record_failed)
        self.set_class(session.read_only, "-read-only")
        self._apply_plan()
        self._show(self.screen_for(session.record.current))
        self.run_worker(
            session.announce,
            thread=True,
            group="disk",
            exit_on_error=False,
            name="announce",
            description="announce the resumed meeting",
        )

    # -- screens ------------------------------------------------------------ #

    def get_default_screen(self) -> Screen:
        """The first screen is the meeting's own, so no empty default screen is built first."""
        return self.screen_for(self.record.current)

    def on_mount(self) -> None:
        if self.offer is not None:
            self.push_screen(
                dialog("ResumeScreen")(self.offer, self.record.worksheet.language), callback=self._offer_answered
            )
        self.set_interval(0.25, self._tick)
        if not self.is_headless:
            self._install_signal_handlers()
        # a worker (saving the minutes, reading the history) hands the interpreter back to the UI
        # thread within a millisecond instead of Python's default five: keys and the clock keep pace
        sys.setswitchinterval(0.001)
        self.call_after_refresh(startup.settle)  # the first frame is painted
        self.call_after_refresh(self.read_trajectory_plan)
        if not self.session.read_only:
            self.call_after_refresh(self.announce)
        if self._theme_to_remember:
            self.call_after_refresh(self.remember_setting, "theme", self._theme_to_remember)
        if self.opening is not None and not self.session.read_only:  # run --participants
            self.call_after_refresh(self.open_participation)

    @work(thread=True, group="disk", exit_on_error=False, description="announce the running meeting")
    def announce(self) -> None:
        """After the first frame: tell the audience window (``copsession show``) that this meeting runs
        here (see :mod:`copsession.running`)."""
        self.session.announce()

    @work(thread=True, group="disk", exit_on_error=False)
    def read_trajectory_plan(self) -> None:
        """After the first frame, off the UI thread: the dates of the trajectory's plan, when the folder
        has one of this series, so that a due date after its last meeting is pointed out."""
        dates = self.session.trajectory_dates()
        if dates:
            self.call_from_thread(self._use_plan, dates)

    def _use_plan(self, dates: list[date]) -> None:
        self._plan = dates
        self._apply_plan()

    def _apply_plan(self) -> None:
        """What the trajectory's plan tells the meeting: its last date (a due date after it is pointed
        out) and the next meeting's date (for the minutes, the brief and the recap)."""
        if self._plan is not None:
            self.meeting.use_plan(self._plan)

    def _offer_answered(self, choice: str | None) -> None:
        offer, self.offer = self.offer, None
        if offer is None:
            return
        if choice == "resume":
            self.open_offered(offer, read_only=False)
        elif choice == "read-only":
            self.open_offered(offer, read_only=True)
        elif choice == "fresh":
            self._set_aside(offer)
        elif choice == "quit":
            self.meeting.finish()
            self.exit()
        # "separate": carry on with the new meeting; the other window's meeting is not touched

    @work(thread=True, exclusive=True, group="disk", description="open the offered meeting", exit_on_error=False)
    def open_offered(self, offer: Offer, *, read_only: bool) -> None:
        """Read the offered meeting (the one full record read at start-up) and take its lock, off the UI thread."""
        try:
            loaded = read(offer.path, self.clock)
        except Problem as error:
            self.call_from_thread(self.notify, self.told(error), severity="error", markup=False)
            return
        session = Session.open(loaded, self.minutes_dir, self.clock, read_only=read_only)
        self.call_from_thread(self._use_offered, session)

    def _use_offered(self, session: Session) -> None:
        self.meeting.finish()  # the fresh meeting never happened: it leaves nothing behind
        self.use_session(session)
        if not session.read_only:
            self.notify(self.tr("ui.resumed"), timeout=4, markup=False)
        self.tell_opened(session)

    def tell_opened(self, session: Session) -> None:
        """What the facilitator should know of a meeting read from disk: a lock that could not be used
        (it opened read-only), and undo steps that did not fit the record and were left out."""
        if session.lock_problem is not None:
            self.notify(
                self.tr("ui.lock_unusable", problem=self.told(session.lock_problem)),
                severity="warning",
                timeout=10,
                markup=False,
            )
        if session.history_dropped:
            self.notify(
                self.tr("ui.history_dropped", count=session.history_dropped),
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _set_aside(self, offer: Offer) -> None:
        """Start afresh: the unfinished meeting stays on disk with all its notes, marked finished so
        that it is not offered again — unless another window runs it."""
        self.set_aside_worker(offer)

    @work(thread=True, group="disk", description="set the offered meeting aside", exit_on_error=False)
    def set_aside_worker(self, offer: Offer) -> None:
        set_aside(offer, self.minutes_dir, self.clock)

    def screen_for(self, index: int) -> Screen:
        """A new screen for step ``index`` (or the opening screen)."""
        language = self.record.worksheet.language
        if index == OPENING:
            return localised(OpeningScreen, language)(self.meeting)
        kind = self.record.worksheet.steps[index].kind
        return localised(step_screen_class(kind), language)(self.meeting, index)

    def _can_navigate(self) -> bool:
        """Step keys close the help screen; other dialogs must be answered first."""
        if isinstance(self.screen, dialog("HelpScreen")):
            self.screen.dismiss(None)
            return True
        return not isinstance(self.screen, ModalScreen)

    def _show(self, screen: Screen) -> None:
        """Make ``screen`` the meeting screen.

        The first screen is the app's default screen, which cannot be switched away: later
        screens go on top of it and replace each other there. Dialogs over the old screen close.
        """
        self._opening = screen
        while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- events from the meeting ------------------------------------------- #

    def _meeting_event(self, event: MeetingEvent) -> None:
        """Every change of the meeting: show another step, say something, let the screens redraw."""
        if event.current:
            self._show(self.screen_for(self.record.current))
        if event.notice:
            self._say(event)
        if event.what == "times_up":
            self.notify(self.tr("ui.times_up"), severity="warning", timeout=8, markup=False)
            if self.bell_on_times_up:
                self.bell()
        message_screens = []
        for screen in reversed(self.screen_stack):
            message_screens.append(screen)
            if not isinstance(screen, ModalScreen):
                break
        at_once = event.what in INTENDED  # something the facilitator just did, in a key's handler
        for screen in message_screens:
            if at_once and isinstance(screen, MeetingScreen) and screen.ready:
                # the new note, the cleared capture box and every count then reach the terminal in
                # one frame (as a message, the redraw came after the capture box had been drawn, a
                # frame later). The clock's events (time's up) and the rest stay messages: they
                # come from timers and workers, also while a screen is being built or closed.
                screen.on_meeting_changed(MeetingChanged(event))
            else:
                screen.post_message(MeetingChanged(event))

    def _say(self, event: MeetingEvent) -> None:
        values = dict(event.values)
        if "change" in values:
            what = self.tr.first(f"kind_short.{values.pop('what', '')}", "kind_short.note")
            values["change"] = self.tr(f"change.{values['change']}", what=what)
        if "kind" in values:
            values["kind"] = self.tr(f"note_kind.{values['kind']}")
        severity: SeverityLevel = "information"
        if event.severity == "warning":
            severity = "warning"
        elif event.severity == "error":
            severity = "error"
        timeout = 10 if severity == "error" else 4
        self.notify(self.tr(event.notice, **values), severity=severity, timeout=timeout, markup=False)

    def _tick(self) -> None:
        self.meeting.tick()
        if self.session.read_only:
            self.reread()

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def reread(self) -> None:
        """A read-only window: show the record again when the other window saved it."""
        found = self.session.look_again()
        if found is True:  # the window that ran the meeting is gone
            self.call_from_thread(
                self.notify, self.tr("ui.other_window_closed"), severity="warning", timeout=30, markup=False
            )
        elif found is not None and found is not False:
            self.call_from_thread(self.meeting.reload, found)

    # -- intents ------------------------------------------------------------ #

    def after_typing(self, callback) -> Widget | None:
        """Run ``callback`` after the keys already on their way to the focused widget (see
        :class:`AfterTyping`); returns that widget (None: it ran at once)."""
        target = self.focused
        if target is None:
            callback()
        else:
            target.post_message(AfterTyping(callback))
        return target

    def on_after_typing(self, message: AfterTyping) -> None:
        message.callback()

    # -- keys that come right after a step key ------------------------------ #

    _held: list[events.Event] | None = None
    """Keys and pastes that came after a step key, held until the screen it opens can take them."""
    _opening: Screen | None = None
    """The screen being opened: the held keys go to it once it is mounted."""
    _hold_timer = None
    _waiting_for: Widget | None = None
    """The widget through which the step key waits for the keys typed before it."""

    async def on_event(self, event: events.Event) -> None:
        """Keys typed right after PageDown belong to the next step: while its screen is being built
        they are held here (else they went to the old screen's focused widget and were lost: "⇟one⏎"
        in one read stored nothing), and handed on, in order, once it can take them."""
        if self._held is not None and isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._held.append(event)
            return
        await super().on_event(event)

    def _step_key(self, move) -> None:
        """PageDown, PageUp: ``move`` after the keys typed before it; the keys typed after it wait
        for the screen it opens."""
        if self._held is None:
            self._held = []
            # the timer only asks: its callback runs in a task of its own, beside the app's
            # messages, and decided between a screen's mounting and its focus (both messages) —
            # the held keys went to no widget and were lost ("r2n8" landed as "2n8", seen at -n 4).
            # As a message to the app it comes before or after them, never between.
            self._hold_timer = self.set_interval(1.0, self._hold_tick)
        self._opening = None

        def then() -> None:
            self._waiting_for = None
            try:
                move()
            finally:
                if self._opening is None or self._opening.is_mounted:  # no screen to wait for
                    self.call_later(self._release_keys)

        self._waiting_for = self.after_typing(then)

    def screen_opened(self, screen: Screen) -> None:
        """``screen`` (a meeting screen) is mounted and has given its focus: the held keys are its."""
        if screen is self._opening:
            # after the focus, which Textual also sets with call_later. ``_opening`` stays until
            # then: a check of the timer's already waiting among the app's messages must still see
            # a screen without its focus, and wait
            self.call_later(self._release_keys)

    def _hold_tick(self) -> None:
        self.call_later(self._release_unless_opening)

    async def _release_unless_opening(self) -> None:
        """Once a second while keys are held (a message to the app, see ``_step_key``): should the
        step key's own turn never come (its widget went away with its screen), the keys are not
        held for ever; while a screen is still being built they wait for it."""
        if self._held is None:
            return  # released meanwhile
        waiting_for = self._waiting_for
        if waiting_for is not None and waiting_for.is_attached:
            return  # the keys typed before the step key are still being handled
        opening = self._opening
        # a screen mounted but not yet focused (the focus comes with call_later, late on a busy
        # machine) would hand the held keys to no capture box: Enter there lost a line's end and
        # glued the next line to it (seen in CI). Its screen_opened releases them once it is.
        if opening is None or (opening.is_mounted and (opening.focused is not None or not opening.is_attached)):
            await self._release_keys()

    async def _release_keys(self) -> None:
        held, self._held = self._held, None
        self._opening = None
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        while held:
            await super().on_event(held.pop(0))
            if self._held is not None:  # another step key: the rest waits for its screen
                self._held[:0] = held
                return

    def action_next_step(self) -> None:
        self._step_key(self._next_step)

    def _next_step(self) -> None:
        if not self._can_navigate():
            return
        # lazy: the recap screen, 2.4 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.ui.screens.recap import RecapScreen

        record = self.record
        if isinstance(self.screen, RecapScreen):
            if not self.screen.page(+1):  # the clicker reads on through the recap, then says how to save
                self.notify(self.tr("recap.save_hint"), timeout=4, markup=False)
        elif record.current == len(record.steps) - 1:  # after the last step: the group checks what was agreed
            self._show(localised(RecapScreen, record.worksheet.language)(self.meeting))
        else:
            self.meeting.next_step()

    def back_from_recap(self) -> None:
        """From the recap back to the last step."""
        self._show(self.screen_for(self.record.current))

    def action_previous_step(self) -> None:
        self._step_key(self._previous_step)

    def _previous_step(self) -> None:
        if not self._can_navigate():
            return
        # lazy: the recap screen, 2.4 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.ui.screens.recap import RecapScreen

        if isinstance(self.screen, RecapScreen):
            if not self.screen.page(-1):  # back up through the recap; from its top, to the last step
                self.back_from_recap()
        else:
            self.meeting.previous_step()

    def action_undo(self) -> None:
        self.after_typing(self.meeting.undo)

    def action_redo(self) -> None:
        self.after_typing(self.meeting.redo)

    def jump_to(self, index: int) -> None:
        """Go straight to step ``index`` (from the command palette)."""
        self.meeting.go_to(index)

    def mark_present(self, name: str, present: bool) -> None:
        self.meeting.set_present(name, present)

    def add_participant(self, name: str) -> None:
        self.meeting.add_participant(name)

    def action_toggle_timer(self) -> None:
        if self.record.current != OPENING:
            self.meeting.toggle_timer()

    def action_add_minute(self) -> None:
        if self.record.current != OPENING:
            self.meeting.add_minute()

    # -- dialogs ------------------------------------------------------------ #

    def _toggle_dialog(self, name: str, make) -> None:
        """An F-key opens its dialog, or closes it when it is the one showing; another open dialog comes first."""
        cls = dialog(name)
        if isinstance(self.screen, cls):
            self.screen.dismiss(None)
        elif not isinstance(self.screen, ModalScreen):
            self.push_screen(make(cls))

    def action_help(self) -> None:
        self._toggle_dialog("HelpScreen", lambda cls: cls(self.screen, self.record.worksheet.language))

    def action_attendance(self) -> None:
        self._toggle_dialog("AttendanceScreen", lambda cls: cls(self.meeting))

    def action_pulse(self) -> None:
        self._toggle_dialog("PulseScreen", lambda cls: cls(self.meeting))

    def action_review(self) -> None:
        self._toggle_dialog("ReviewScreen", lambda cls: cls(self.meeting))

    def action_history(self) -> None:
        cls = dialog("HistoryScreen")
        if isinstance(self.screen, cls):
            self.screen.dismiss(None)
        elif not isinstance(self.screen, ModalScreen):
            self.load_history()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load_history(self) -> None:
        """F5: read the series index (in a worker: it touches the disk) and show the history."""
        series = self.record.worksheet.series
        meetings = self.session.history()
        text = (
            render_history(series, history(meetings), self.tr, meetings)
            if meetings
            else self.tr("history.none", folder=self.minutes_dir)
        )
        self.call_from_thread(self._show_history, text)

    def _show_history(self, text: str) -> None:
        if not isinstance(self.screen, ModalScreen):
            self.push_screen(dialog("HistoryScreen")(text, self.record.worksheet.language))

    # -- views and themes --------------------------------------------------- #

    def watch_presenter(self, presenter: bool) -> None:
        self.set_class(presenter, "-presenter")
        # lazy: the step screens' base, 20 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.ui.screens.base import StepScreen

        for screen in self.screen_stack:  # under a dialog too: it shows when the dialog closes
            if isinstance(screen, StepScreen) and screen.is_mounted:
                screen.refresh_presenter()
        self._redraw_all()

    def watch_reveal(self, reveal: bool) -> None:
        self.set_class(reveal, "-reveal")
        self._redraw_all()

    def _redraw_all(self) -> None:
        self._meeting_event(MeetingEvent("reloaded"))

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
        label = self.tr.first(f"theme.{name}", "theme.other", name=name)
        self.notify(self.tr("ui.theme", theme=label), timeout=2, markup=False)
        if self.remember_theme:
            self.remember_setting("theme", name)

    @work(thread=True, group="disk", exit_on_error=False)
    def remember_setting(self, key: str, value: str) -> None:
        error = save_setting(key, value)
        if error is not None:
            self.call_from_thread(
                self.notify, self.tr("ui.settings_failed", error=self.told(error)), severity="warning", markup=False
            )

    def on_resize(self, event: events.Resize) -> None:
        """Adapt the layout from 60×20 up to 200×60 instead of clipping."""
        width, height = event.size
        self.set_class(width < 76, "-narrow")
        self.set_class(width >= 140, "-wide")
        self.set_class(height < 24, "-short")

    # -- signals and unexpected errors ------------------------------------- #

    async def on_unmount(self) -> None:
        """The app closes without the facilitator quitting the meeting (Ctrl+Q finishes it): write
        what is pending and let go of the lock; the meeting stays open for resuming. Participants'
        devices are disconnected."""
        if not self.meeting.finished:
            self.meeting.stop("closed")
        self.session.withdraw()
        await self.stop_participation()

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            try:
                loop.add_signal_handler(signum, self._on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform; the record is still saved as the meeting goes

    def _on_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP or SIGINT: write the record first (unfinished, so it can be resumed), then leave."""
        self.meeting.stop(f"signal {signum}")
        # the terminal may be gone (SIGHUP): do not let restoring it keep the process alive
        last_resort = threading.Timer(3.0, os._exit, (128 + signum,))
        last_resort.daemon = True  # never keeps a process alive that is already exiting
        last_resort.start()
        self.exit(return_code=128 + signum)

    def calm_stop(self, error: Exception) -> CalmStop:
        """Every unexpected error ends here: save, report, and stop with a calm message.

        Textual's own report is a traceback with the local variables of every frame — which hold
        the meeting's notes, private remarks among them, and would appear on the group's screen.
        Instead the record is saved, a crash report without meeting content is written, and the
        message says how to carry on.
        """
        report = None
        try:
            report = self.meeting.report_crash(error)
            self.meeting.stop("error")
        except Exception:  # noqa: BLE001 - the calm message below is still shown
            pass
        return CalmStop(self.tr("crash.stopped", folder=str(self.minutes_dir), report=str(report or "–")))

    _saving: Timer | None = None
    """The timer that says "Saving…" when a save takes a while."""

    TASKS = {
        "write_documents": "task.save",
        "load_history": "task.history",
        "open_offered": "task.open",
        "set_aside_worker": "task.set_aside",
        "reread": "task.follow",
        "remember_setting": "task.settings",
        "read_trajectory_plan": "task.plan",
        "suggest": "task.suggest",
        "announce": "task.announce",
    }
    """What each worker does, in the facilitator's words (a catalog key), for the notice when it fails."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)

    def on_worker_failed(self, message: WorkerFailed) -> None:
        """A worker ran into an unexpected error (every worker runs with ``exit_on_error=False``, also
        Textual's own in our widgets): the record is saved, a crash report written, the facilitator
        told — and the meeting goes on. Saving the minutes that failed this way does not quit."""
        worker = message.worker
        if worker.name == "write_documents" and self._saving is not None:
            self._saving.stop()
        error = worker.error
        report = self.meeting.report_crash(error) if isinstance(error, Exception) else None
        task = self.tr(self.TASKS.get(worker.name, "task.background"))
        self.notify(
            self.tr("ui.task_failed", task=task, report=str(report or "–")), severity="error", timeout=15, markup=False
        )

    def told(self, error: BaseException) -> str:
        """What went wrong with a file, in the meeting's language."""
        if isinstance(error, Problem):
            return error.told(self.record.worksheet.language)
        return str(error)

    def _record_failed(self, error: Problem) -> None:
        """The record cannot be written (called from the writer thread)."""
        message = self.told(error)

        def show() -> None:
            self.notify(self.tr("ui.autosave_failed", error=message), severity="error", timeout=10, markup=False)

        try:
            self.call_from_thread(show)
        except RuntimeError:  # already on the app's thread (a synchronous write)
            show()

    # -- saving and quitting ----------------------------------------------- #

    @property
    def unsaved(self) -> bool:
        """True when notes exist that the saved minutes do not hold yet."""
        return self.meeting.unsaved

    def action_save(self, then_quit: bool = False) -> None:
        """Ctrl+S: after what was typed before it, render the minutes and the brief, write them in a worker."""
        self.after_typing(lambda: self._save(then_quit))

    def _save(self, then_quit: bool = False) -> None:
        if self.meeting.read_only:
            self.notify(self.tr("ui.read_only"), severity="warning", markup=False)
            return
        # rendering and writing happen in a worker, on a copy of the record as it is now;
        # only a slow disk gets a word of progress
        record = self.record.copy_for_reading()
        self._saving = self.set_timer(0.5, lambda: self.notify(self.tr("ui.saving"), timeout=3, markup=False))
        self.write_documents(record, self.clock.now(), self.clock.monotonic(), self.record.changes, then_quit)

    # a description of its own: by default Textual writes out every argument, the whole record, on the UI thread
    @work(thread=True, exclusive=True, group="save", description="write the minutes and the brief", exit_on_error=False)
    def write_documents(self, record: SessionRecord, ended, mono: float, changes: int, then_quit: bool) -> None:
        """Render and write the minutes and the brief (and the worksheet's ``export`` documents)."""
        try:
            path, failed = self.session.write_documents(record, ended, mono)
        except Problem as error:
            self.call_from_thread(self._save_failed, self.told(error), then_quit)
            return
        for failure in failed:
            self.call_from_thread(
                self.notify,
                self.tr("ui.export_failed", error=self.told(failure)),
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.call_from_thread(self._saved, path, changes, then_quit)

    def _saved(self, path: Path, changes: int, then_quit: bool) -> None:
        if self._saving is not None:
            self._saving.stop()
        self.session.minutes_written(path, changes)
        if then_quit:
            self.meeting.finish()
            self.exit()

    def _save_failed(self, error: str, then_quit: bool) -> None:
        if self._saving is not None:
            self._saving.stop()
        self.notify(self.tr("ui.save_failed", error=error), severity="error", timeout=10, markup=False)
        self.push_screen(
            dialog("ChooseFolderScreen")(self.record.worksheet.language, self.minutes_dir, error),
            callback=lambda folder: self._save_elsewhere(folder, then_quit),
        )

    def _save_elsewhere(self, folder: Path | None, then_quit: bool) -> None:
        if folder is None:
            return
        self.session.move_to(folder)
        self._save(then_quit)

    def action_command_palette(self) -> None:
        """The command palette (Ctrl+P), with its placeholder and messages in the meeting's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(MeetingPalette(self.tr))

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer shows it, in the meeting's language: ``^S``, ``F1``, ``Spatie``, ``Esc``."""
        return self.key_name(binding, compact=True)

    def key_name(self, binding: Binding, *, compact: bool = False) -> str:
        """A key's name in the meeting's language; ``compact`` (the footer) writes Ctrl as ``^``, the
        help writes ``Ctrl+Shift+Z``."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        named = self.tr.has(f"keyname.{key}")
        shown = self.tr(f"keyname.{key}") if named else format_key(key)
        if re.fullmatch(r"f\d{1,2}", shown) or (len(shown) == 1 and modifiers):
            shown = shown.upper()
        parts = [self.tr(f"keyname.{m}") if self.tr.has(f"keyname.{m}") else m.title() for m in modifiers]
        if compact and modifiers and modifiers[0] == "ctrl":
            return "^" + "+".join([*parts[1:], shown])
        return "+".join([*parts, shown])

    def get_system_commands(self, screen: Screen):
        """Textual's own palette commands, in the meeting's language. Its key panel (English widget
        help) and screenshot are left out: F1 is the help, and nothing is saved behind the group's back."""
        tr = self.tr
        yield SystemCommand(tr("cmd.quit"), tr("cmd.quit_help"), self.action_quit)
        yield SystemCommand(tr("cmd.help"), tr("cmd.help_help"), self.action_help)
        if screen.maximized is not None:
            yield SystemCommand(tr("cmd.minimize"), tr("cmd.minimize_help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(tr("cmd.maximize"), tr("cmd.maximize_help"), screen.action_maximize)

    def action_help_quit(self) -> None:
        """Ctrl+C (out of habit): say how to stop, in the meeting's language."""
        self.notify(self.tr("ui.how_to_quit"), timeout=4, markup=False)

    async def action_quit(self) -> None:
        self.after_typing(self._quit)

    def _quit(self) -> None:
        confirm = dialog("ConfirmQuitScreen")
        if isinstance(self.screen, confirm):
            return
        if self.waiting_on_quit():  # contributions from participants still wait: a second Ctrl+Q quits
            return
        draft = self.record.draft.strip() if self.record.current != OPENING else ""
        if (not self.unsaved and not draft) or self.meeting.read_only:
            self.meeting.finish()
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                if draft:  # the line still being typed becomes a note, as Enter would have made it
                    self.meeting.keep_line(draft)  # word for word if it does not parse: nothing is dropped
                self._save(then_quit=True)
            elif choice == "quit":
                self.meeting.finish()
                self.exit()

        plain = bool(draft) and self.meeting.line_problem(draft) is not None
        self.push_screen(confirm(self.record.worksheet.language, draft, plain=plain), callback=answered)


def make_app(
    worksheet: Worksheet,
    *,
    minutes_dir: Path = Path("minutes"),
    clock: Clock | None = None,
    record: SessionRecord | None = None,
    seed: int | None = None,
    earlier: list[dict] | None = None,
    offer: Offer | None = None,
    resumed: LoadedRecord | None = None,
    read_only: bool = False,
    bell: bool = False,
    theme: str | None = None,
    remember_theme: bool = True,
    practice: bool = False,
    participants: Opening | None = None,
) -> CopSessionApp:
    """Build the app: the one factory for the CLI, the tests and the snapshots.

    A new meeting of ``worksheet`` joins its series (``earlier``: the summaries of the series'
    earlier meetings; read from the minutes folder when not given). ``resumed`` (a
    :class:`~copsession.recordfile.LoadedRecord`) continues a meeting read back from disk (read-only
    when ``read_only`` or when another window runs it: :meth:`Session.open` decides), and ``offer``
    asks first whether to resume that unfinished meeting or to start afresh.
    """
    # lazy: 0.8 ms at the start of `run` (importtime, 7 Dec 2026)
    from copsession.ui.terminal_input import tolerate_invalid_input

    tolerate_invalid_input()
    clock = clock or SystemClock()
    if resumed is not None:
        session = Session.open(resumed, minutes_dir, clock, read_only=read_only)
    else:
        session = Session.new(worksheet, minutes_dir, clock, earlier=earlier, record=record, seed=seed)
    app_class = localised(CopSessionApp, session.record.worksheet.language)
    app = app_class(
        session,
        offer=offer,
        bell=bell,
        theme=theme,
        remember_theme=remember_theme,
        practice=practice,
        participants=participants,
    )
    if resumed is not None:
        app.call_later(app.tell_opened, session)
    return app
