"""The copsession app: one meeting, one record, one screen per step.

Build it with :func:`make_app`; the CLI, the tests and the snapshots all do.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from copsession.clock import Clock, SystemClock
from copsession.i18n import Catalog
from copsession.minutes import render_minutes
from copsession.record import OPENING, SessionRecord
from copsession.storage import StorageError, atomic_write, ensure_folder, minutes_path
from copsession.ui.localise import localised
from copsession.ui.screens.attendance import AttendanceScreen
from copsession.ui.screens.base import StepScreen
from copsession.ui.screens.break_screen import BreakScreen
from copsession.ui.screens.check_in import CheckInScreen
from copsession.ui.screens.choose_folder import ChooseFolderScreen
from copsession.ui.screens.concern_round import ConcernRoundScreen
from copsession.ui.screens.confirm_quit import ConfirmQuitScreen
from copsession.ui.screens.exploration import ExplorationScreen
from copsession.ui.screens.help import HelpScreen
from copsession.ui.screens.opening import OpeningScreen
from copsession.ui.screens.results import ResultsScreen
from copsession.ui.screens.work_form import WorkFormScreen
from copsession.worksheet import Worksheet

SCREENS_BY_KIND: dict[str, type[StepScreen]] = {
    "check-in": CheckInScreen,
    "exploration": ExplorationScreen,
    "work-form": WorkFormScreen,
    "concern-round": ConcernRoundScreen,
    "results": ResultsScreen,
    "break": BreakScreen,
}


class CopSessionApp(App[None]):
    """Walks the group through the worksheet's steps and saves the minutes."""

    CSS_PATH = "copsession.tcss"
    TITLE = "copsession"
    BINDINGS = [
        Binding("pagedown", "next_step", "key.next_step", priority=True, key_display="PgDn"),
        Binding("pageup", "previous_step", "key.previous_step", priority=True, key_display="PgUp"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+q", "quit", "key.quit", priority=True, show=False),
        Binding("f1", "help", "key.help", priority=True),
        Binding("f2", "attendance", "key.attendance", priority=True, show=False),
        Binding("ctrl+t", "toggle_timer", "key.timer", priority=True, show=False),
        Binding("ctrl+g", "add_minute", "key.add_minute", priority=True, show=False),
    ]

    def __init__(self, record: SessionRecord, minutes_dir: Path, clock: Clock) -> None:
        super().__init__()
        self.record = record
        self.minutes_dir = minutes_dir
        self.clock = clock
        self.tr = Catalog(record.worksheet.language)
        self.saved_path: Path | None = None
        self.saved_changes = -1

    # -- screens ------------------------------------------------------------ #

    def on_mount(self) -> None:
        self.push_screen(self.screen_for(self.record.current))

    def screen_for(self, index: int):
        """A new screen for step ``index`` (or the opening screen)."""
        language = self.record.worksheet.language
        if index == OPENING:
            return localised(OpeningScreen, language)(self.record)
        kind = self.record.worksheet.steps[index].kind
        return localised(SCREENS_BY_KIND[kind], language)(self.record, index)

    def _can_navigate(self) -> bool:
        """Step keys close the help screen; other dialogs must be answered first."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return True
        return not isinstance(self.screen, ModalScreen)

    def go_to(self, index: int) -> None:
        """Show step ``index``, moving the timers along."""
        self.record.go_to(index, self.clock.monotonic())
        self.switch_screen(self.screen_for(index))
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

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        elif not isinstance(self.screen, ModalScreen):
            self.push_screen(HelpScreen(self.screen, self.record.worksheet.language))

    def action_attendance(self) -> None:
        if isinstance(self.screen, AttendanceScreen):
            self.screen.dismiss(None)
        elif not isinstance(self.screen, ModalScreen):
            self.push_screen(AttendanceScreen(self.record), callback=lambda _: self.refresh_current())

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
        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.refresh_step()

    def record_changed(self) -> None:
        """Called after every change of the record."""

    # -- saving and quitting ----------------------------------------------- #

    @property
    def unsaved(self) -> bool:
        """True when notes exist that the saved minutes do not hold yet."""
        return bool(self.record.notes) and self.record.changes != self.saved_changes

    def save_minutes(self, folder: Path | None = None) -> Path:
        """Write the minutes; the same file again for this meeting. Raises StorageError."""
        target_dir = folder or self.minutes_dir
        text = render_minutes(self.record, ended=self.clock.now(), mono=self.clock.monotonic())
        ensure_folder(target_dir)
        path = self.saved_path
        if path is None or path.parent != target_dir:
            path = minutes_path(target_dir, self.record.meeting_date, self.record.worksheet.title)
        atomic_write(path, text)
        self.saved_path = path
        self.minutes_dir = target_dir
        self.saved_changes = self.record.changes
        return path

    def action_save(self, then_quit: bool = False) -> None:
        try:
            path = self.save_minutes()
        except StorageError as error:
            self.notify(self.tr("ui.save_failed", error=error), severity="error", timeout=10, markup=False)
            self.push_screen(ChooseFolderScreen(self.record.worksheet.language, self.minutes_dir, str(error)),
                             callback=lambda folder: self._save_elsewhere(folder, then_quit))
            return
        self.notify(self.tr("ui.saved", path=path), timeout=5, markup=False)
        if then_quit:
            self.exit()

    def _save_elsewhere(self, folder: Path | None, then_quit: bool) -> None:
        if folder is None:
            return
        self.minutes_dir = folder
        self.action_save(then_quit)

    async def action_quit(self) -> None:
        if isinstance(self.screen, ConfirmQuitScreen):
            return
        if not self.unsaved:
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then_quit=True)
            elif choice == "quit":
                self.exit()

        self.push_screen(ConfirmQuitScreen(self.record.worksheet.language), callback=answered)


def make_app(worksheet: Worksheet, *, minutes_dir: Path = Path("minutes"), clock: Clock | None = None,
             record: SessionRecord | None = None, seed: int | None = None) -> CopSessionApp:
    """Build the app for ``worksheet``: the one factory for the CLI, the tests and the snapshots."""
    clock = clock or SystemClock()
    record = record or SessionRecord.start(worksheet, clock.now(), seed=seed)
    return localised(CopSessionApp, worksheet.language)(record, minutes_dir, clock)
