"""The closing recap: what the meeting agreed, big enough for the group to read and correct before
the minutes are saved — results, actions with who and when, open questions, what each person takes
back to their organisation, and the next date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from copsession.ui.screens.meeting import MeetingScreen, mode_banners
from copsession.ui.widgets.closing import recap_text
from copsession.ui.widgets.footer import MeetingFooter


class RecapScreen(MeetingScreen):
    """Shown after the last step (PageDown): PageUp or Escape goes back, Ctrl+S saves from here."""

    DEFAULT_CSS = """
    RecapScreen #recap {
        height: 1fr;
        padding: 1 4;
    }
    RecapScreen #recap-text {
        width: 100%;
    }
    RecapScreen #recap-saved {
        height: auto;
        padding: 0 4;
        text-style: bold;
        color: $success;
    }
    """
    BINDINGS = [
        Binding("escape", "back", "key.back_to_step"),
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("home", "scroll_to(0)", show=False),
        Binding("end", "scroll_to(-1)", show=False),
    ]
    FOOTER_HIDES = ("next_step",)
    """There is no step after the recap: the footer does not offer one."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static(self.tr("recap.title"), id="step-title", markup=False)
            yield from mode_banners(self)
            yield Static(self.record.worksheet.title, id="step-number", markup=False)
        with VerticalScroll(id="recap", can_focus=False):
            yield Static(self.recap_text(), id="recap-text", markup=False)
        yield Static(id="recap-saved", markup=False)
        yield MeetingFooter()

    def recap_text(self) -> Text:
        return recap_text(self.record, self.tr)

    def on_mount(self) -> None:
        self.meeting.show_to_group("recap")  # the audience window shows the recap too

    def on_unmount(self) -> None:
        if self.record.showing == "recap":
            self.meeting.show_to_group("")

    def meeting_changed(self, event) -> None:
        if event.what == "saved":
            self.query_one("#recap-saved", Static).update(self.tr("ui.saved", path=event.values.get("path", "")))
        elif event.what not in ("draft", "notice"):
            self.query_one("#recap-text", Static).update(self.recap_text())

    def action_back(self) -> None:
        self.copsession.back_from_recap()

    def page(self, direction: int) -> bool:
        """PageDown (``+1``) or PageUp (``-1``) on the recap: a page further or back while there is
        more that way; False at the end (or the top), where the key does what it does after a step."""
        view = self.query_one("#recap", VerticalScroll)
        if direction > 0 and view.scroll_y < view.max_scroll_y:
            view.scroll_page_down(animate=False)
            return True
        if direction < 0 and view.scroll_y > 0:
            view.scroll_page_up(animate=False)
            return True
        return False

    def action_scroll(self, lines: int) -> None:
        self.query_one("#recap", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_to(self, where: int) -> None:
        view = self.query_one("#recap", VerticalScroll)
        if where < 0:
            view.scroll_end(animate=False)
        else:
            view.scroll_home(animate=False)
