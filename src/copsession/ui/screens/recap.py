"""The closing recap: what the meeting agreed, big enough for the group to read and correct before
the minutes are saved — results, actions with who and when, open questions, what each person takes
back to their organisation, and the next date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from copsession.capture import NOTE_KINDS_TABLE
from copsession.formats import short_date, weekday_date
from copsession.series import next_meeting_date
from copsession.ui.screens.meeting import MeetingScreen, mode_banners
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
    BINDINGS = [Binding("escape", "back", "key.back_to_step")]
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
        record, tr = self.record, self.tr
        language = tr.language
        text = Text()

        def heading(key: str) -> None:
            text.append(tr(key) + "\n", style="bold underline")

        for info in NOTE_KINDS_TABLE:  # what goes outside the group, as the brief has it
            if not info.outward:
                continue
            notes = record.collected(info.kind)
            if info.only_when_present and not notes:
                continue
            heading(info.section)
            for note in notes:
                text.append(f"  {info.mark} ")
                if info.owner_and_date:
                    who = note.owner or "–"
                    when = short_date(note.due, language) if note.due else "–"
                    text.append(note.text, style="bold")
                    text.append(f"   {tr('ui.col_who')}: {who}   {tr('ui.col_due')}: {when}")
                elif info.kind == "takeback":
                    text.append(f"{note.author}: ", style="bold")
                    text.append(note.text)
                else:
                    text.append(note.text)
                text.append("\n")
            text.append("\n" if notes else f"  {tr('recap.none')}\n\n")
        following = next_meeting_date(record)
        heading("brief.next")
        text.append(f"  {weekday_date(following, language) if following else tr('brief.not_planned')}\n")
        return text

    def meeting_changed(self, event) -> None:
        if event.what == "saved":
            self.query_one("#recap-saved", Static).update(self.tr("ui.saved", path=event.values.get("path", "")))
        elif event.what not in ("draft", "notice"):
            self.query_one("#recap-text", Static).update(self.recap_text())

    def action_back(self) -> None:
        self.copsession.back_from_recap()
