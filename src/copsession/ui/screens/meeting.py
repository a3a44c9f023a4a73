"""What every screen over the meeting shares: the engine to send intents to, the meeting's language,
and a redraw when the meeting changed. Light on purpose: the opening screen, the first frame of every
start, needs nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from copsession.i18n import Catalog

if TYPE_CHECKING:
    from copsession.engine import Meeting, MeetingEvent
    from copsession.record import SessionRecord
    from copsession.ui.app import CopSessionApp
    from copsession.ui.messages import MeetingChanged


def mode_banners(screen: MeetingScreen) -> ComposeResult:
    """The title bar's marks for a read-only window and a practice run (shown by the app's classes).

    Only those that apply: a screen is built for one meeting, read-only or not, and a practice run
    is one from the start; two hidden widgets on every screen cost start-up and every step change."""
    if screen.meeting.read_only:
        yield Static(screen.tr("ui.read_only_banner"), classes="mode-banner read-only-banner", markup=False)
    if getattr(screen.app, "practice", False):
        yield Static(screen.tr("ui.practice_banner"), classes="mode-banner practice-banner", markup=False)
    inbox = screen.app.inbox_banner() if hasattr(screen.app, "inbox_banner") else None
    if inbox is not None:  # open to participants' devices: how many contributions wait (F7)
        yield inbox


class MeetingScreen(Screen):
    """A screen over the meeting: the engine to send intents to, and a redraw when it changed."""

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.tr = Catalog(meeting.record.worksheet.language)

    @property
    def record(self) -> SessionRecord:
        return self.meeting.record

    @property
    def copsession(self) -> CopSessionApp:
        """The app, typed (a cast, so that this module need not import the app's)."""
        return cast("CopSessionApp", self.app)

    _shown_before = False

    def on_screen_resume(self) -> None:
        """Back on top (a dialog closed): take up the app's size classes, which may have changed
        while the dialog covered this screen (Textual restyles only the screens on view). The first
        time the screen shows, it was just styled: restyling it then only delays the first frame."""
        if self._shown_before:
            self.app.update_styles(self)
        self._shown_before = True

    ready = False
    """True once the screen and everything in it are mounted (its subclasses' ``on_mount`` ran):
    from then on the app hands it the meeting's changes at once instead of as a message."""

    def on_mount(self) -> None:
        # Textual calls every class's on_mount, the subclass's first: this one runs last
        self.ready = True
        self.copsession.screen_opened(self)

    def on_unmount(self) -> None:
        self.ready = False

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        if self.is_mounted:
            self.meeting_changed(message.event)

    def meeting_changed(self, event: MeetingEvent) -> None:
        """Redraw what ``event`` changed."""
