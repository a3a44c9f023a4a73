"""The meeting window's side of participants' devices: opening the meeting to them (the core's desk
and the web server, run on the window's own event loop), the inbox (F7), the count in the title bar,
and telling the audience window how to join. What devices send is checked and kept by the desk
(:mod:`copsession.participation`); the page is :mod:`copsession.participant_web`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text

from copsession.participation import Desk, Opening
from copsession.running import Joining
from copsession.ui.widgets.lines import TextLines

if TYPE_CHECKING:
    from textual.app import App

    from copsession.engine import Meeting
    from copsession.i18n import Catalog
    from copsession.session import Session
    from copsession.ui.app import CopSessionApp

BANNER = "mode-banner inbox-banner"

SHOW_EVERY = 0.5
"""Seconds between two redraws of what arrived from devices (see :meth:`Participating._desk_changed`)."""

TELL_EVERY = 1.0
"""Seconds between two updates of what the audience window is told (see :meth:`Participating._tell_audience`)."""

STOP_WAIT = 3.0
"""Seconds the web server gets to end its connections when the meeting window closes."""


class Participating:
    """Mixed into the meeting's app (see the module's docstring)."""

    desk: Desk | None = None
    """The desk while the meeting is open to participants' devices."""
    participant_server: Any = None
    """The web server for their devices (a :class:`~copsession.participant_web.ParticipantServer`)."""
    join_shown = False
    """The group is shown how to join: the audience window shows the QR code large."""
    opening: Opening | None = None
    """Opened from the start (``run --participants``) and where to listen; F7 opens it too."""
    _waiting_said = 0
    _telling = False
    _showing_due = False
    _quit_warned = False

    # what the app brings
    session: Session
    tr: Catalog
    if TYPE_CHECKING:

        @property
        def meeting(self) -> Meeting: ...

    @property
    def _app(self) -> App[None]:
        """This, as the Textual app it is mixed into."""
        return cast("App[None]", self)

    def open_participation(self) -> None:
        """Open the meeting to participants' devices: a new desk (a new code) and its web server."""
        if self.desk is not None or self.meeting.read_only:
            return
        self._app.run_worker(
            self._open_participation(),
            group="participants",
            exclusive=True,
            exit_on_error=False,
            description="open the meeting to participants' devices",
        )

    async def _open_participation(self) -> None:
        try:
            from copsession.participant_web import ParticipantServer  # lazy: aiohttp, only when asked
        except ImportError as missing:  # an install without the web server's library
            self._app.notify(self.tr("participants.cannot_open", reason=str(missing)), severity="error", markup=False)
            return
        opening = self.opening or Opening()
        desk = Desk(self.meeting)
        server = ParticipantServer(desk, host=opening.host, port=opening.port, network=opening.network)
        try:
            await server.start()
        except (OSError, ValueError) as error:
            desk.close()
            reason = getattr(error, "strerror", None) or str(error)
            self._app.notify(self.tr("participants.cannot_open", reason=reason), severity="error", markup=False)
            return
        self.desk, self.participant_server = desk, server
        desk.subscribe(self._desk_changed)
        self._waiting_said = 0
        self.desk_shown()
        self._app.notify(
            self.tr("participants.opened", address=server.address, code=desk.code), markup=False, timeout=6
        )

    def close_participation(self) -> None:
        """Close the meeting to participants' devices: every connection ends, the code dies."""
        self._app.run_worker(
            self._close_participation(),
            group="participants",
            exclusive=True,
            exit_on_error=False,
            description="close the meeting to participants' devices",
        )

    async def _close_participation(self) -> None:
        desk, server = self.desk, self.participant_server
        self.desk, self.participant_server, self.join_shown = None, None, False
        if desk is not None:
            desk.close()
        if server is not None:
            try:
                await asyncio.wait_for(server.stop(), STOP_WAIT)
            except (asyncio.TimeoutError, OSError):
                pass
        self.desk_shown()

    async def stop_participation(self) -> None:
        """The window closes: end every device's connection (within :data:`STOP_WAIT`)."""
        if self.desk is not None or self.participant_server is not None:
            await self._close_participation()

    def show_join(self, shown: bool) -> None:
        """Show (or stop showing) the group how to join, on the audience window."""
        self.join_shown = shown and self.desk is not None
        self._tell_audience()

    def join_qr(self) -> Text:
        """The QR code of the join address, as terminal text (empty while closed)."""
        if self.participant_server is None:
            return Text()
        from copsession.qr import qr_lines

        return Text("\n".join(qr_lines(self.participant_server.join_url)), style="black on white", no_wrap=True)

    def joining(self) -> Joining | None:
        """How devices join now (for the audience window), or None while closed."""
        desk, server = self.desk, self.participant_server
        if desk is None or server is None:
            return None
        return Joining(server.address, desk.code, server.join_url, server.network, len(desk.waiting()), self.join_shown)

    def _desk_changed(self) -> None:
        """The desk changed — something arrived from a device, or the facilitator handled it: shown
        at most every :data:`SHOW_EVERY` seconds (sixty phones sending at once would otherwise cost a
        frame each while the facilitator types); what the facilitator does in the inbox is shown at
        once by the inbox itself (:meth:`desk_shown`)."""
        if self._showing_due:
            return
        self._showing_due = True
        self._app.set_timer(SHOW_EVERY, self.desk_shown)

    def desk_shown(self) -> None:
        """Show what the desk holds now: the count in the title bar, the inbox, the audience window."""
        self._showing_due = False
        waiting = len(self.desk.waiting()) if self.desk is not None else 0
        from copsession.ui.screens.participants import ParticipantsScreen

        inbox_open = bool(self._app.screen_stack) and isinstance(self._app.screen, ParticipantsScreen)
        if waiting and not self._waiting_said and not inbox_open:  # the first after an empty inbox
            self._app.notify(self.tr("participants.arrived", count=waiting), timeout=3, markup=False)
        self._waiting_said = waiting
        self._show_count(waiting)
        for screen in self._app.screen_stack:
            if isinstance(screen, ParticipantsScreen):
                screen.redraw()
        self._tell_audience()

    def _show_count(self, waiting: int) -> None:
        """The title bar's count of what waits in the inbox (on the screen shown now)."""
        from copsession.ui.screens.meeting import MeetingScreen

        for screen in self._app.screen_stack:
            if not isinstance(screen, MeetingScreen):
                continue
            found = screen.query("#inbox-banner")
            if self.desk is None:
                found.remove()
                continue
            text = self.tr("participants.banner", count=waiting)
            if found:
                found.first(TextLines).show(text)  # one row of a fixed width: no layout
            elif screen.query("#title-bar"):
                screen.query_one("#title-bar").mount(TextLines(text, id="inbox-banner", classes=BANNER))

    def inbox_banner(self) -> TextLines | None:
        """The count for a screen being built, while the meeting is open to devices."""
        if self.desk is None:
            return None
        return TextLines(
            self.tr("participants.banner", count=len(self.desk.waiting())), id="inbox-banner", classes=BANNER
        )

    def _tell_audience(self) -> None:
        """Tell the audience window how to join (at most every :data:`TELL_EVERY` seconds: sixty
        phones sending at once write the announcement a few times a second, not for every item)."""
        if self._telling:
            return
        self._telling = True
        self._app.set_timer(TELL_EVERY, self._tell_now)

    def _tell_now(self) -> None:
        self._telling = False
        joining = self.joining()
        self._app.run_worker(
            lambda: self.session.tell_joining(joining),
            thread=True,
            group="disk",
            exit_on_error=False,
            description="tell the audience window how to join",
        )

    def waiting_on_quit(self) -> bool:
        """Whether quitting should wait for a second Ctrl+Q: contributions still wait in the inbox
        (they would be lost). The first Ctrl+Q says so."""
        waiting = len(self.desk.waiting()) if self.desk is not None else 0
        if not waiting or self._quit_warned:
            return False
        self._quit_warned = True
        self._app.notify(self.tr("participants.quit_first", count=waiting), severity="warning", markup=False)
        return True

    def action_participants(self) -> None:
        """F7: how devices join, and the inbox (opening the meeting to them first, when it is not)."""
        from copsession.ui.screens.participants import ParticipantsScreen

        if isinstance(self._app.screen, ParticipantsScreen):
            return
        if self.meeting.read_only:
            self._app.notify(self.tr("ui.read_only"), severity="warning", markup=False)
            return
        if self.desk is None:
            self.open_participation()
        self._app.push_screen(ParticipantsScreen(cast("CopSessionApp", self)))
