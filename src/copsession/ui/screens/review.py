"""Review what earlier meetings left open: actions and concerns (done, still open, dropped), open
questions (answered — by an expert, literature or practice), take-backs (taken up?), and the shared
goal and working agreements (in force, or dropped) — each with a remark."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from copsession.ui.screens.dialog import RowDialog
from copsession.ui.widgets.carried import describe_item


class ReviewScreen(RowDialog):
    """The carry-over review, reachable from every step with F4."""

    AUTO_FOCUS = ""  # the letter keys are commands until a note is typed ("", not None: None is the app's "*")
    DEFAULT_CSS = """
    ReviewScreen #review-box {
        width: 95%;
        max-width: 110;
        height: auto;
        max-height: 95%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    ReviewScreen #review-items {
        height: auto;
        padding-bottom: 1;
    }
    """

    BINDINGS = [
        Binding("escape,f4", "close", show=False),
        Binding("enter", "note", show=False),
    ]

    @property
    def status_keys(self) -> dict[str, str]:
        """The letters that set a status, as the words of the meeting's language begin (the catalog's
        ``review.keys``: done/afgerond, open, dropped/vervallen)."""
        keys = {}
        for pair in self.tr("review.keys").split():
            letter, _, status = pair.partition("=")
            if len(letter) == 1 and status in ("done", "open", "dropped"):
                keys[letter] = status
        return keys

    SOURCE_KEYS = {"e": "expert", "l": "literature", "p": "practice"}
    """An open question answered by an expert, literature or practice (the same letters in Dutch:
    expert, literatuur, praktijk)."""

    def on_key(self, event) -> None:
        if self.query_one("#review-note", Input).has_focus:
            return  # typing a note: letters are text
        status = self.status_keys.get(event.key)
        if status is not None:
            event.stop()
            self.action_status(status)
        elif event.key in self.SOURCE_KEYS and self.record.carried:
            if self.record.carried[self.row].kind == "question":
                event.stop()
                self.meeting.review(self.row, "done", source=self.SOURCE_KEYS[event.key])
                self.redraw()

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(self.tr("ui.review_title"), classes="column-title", markup=False)
            yield Static(id="review-items", markup=False)
            yield Input(id="review-note", disabled=True)  # enabled only while a note is typed
            yield Static(self.tr("ui.review_hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#review-note", Input).display = False
        self.redraw()

    def redraw(self) -> None:
        text = Text()
        if not self.record.carried:
            text.append(self.tr("ui.carried_none"), style="italic")
        for i in range(len(self.record.carried)):
            line = describe_item(self.record, i, self.tr)
            if i == self.row:
                line.stylize("reverse")
            text.append_text(line)
            text.append("\n")
        self.query_one("#review-items", Static).update(text)

    def row_count(self) -> int:
        return len(self.record.carried)

    def action_status(self, status: str) -> None:
        if self.record.carried:
            self.meeting.review(self.row, status)
            self.redraw()

    def action_note(self) -> None:
        if not self.record.carried:
            return
        box = self.query_one("#review-note", Input)
        item = self.record.carried[self.row]
        box.placeholder = self.tr("ui.review_note", item=item.text[:40])
        box.value = item.note
        box.disabled = False
        box.display = True
        box.focus()

    @on(Input.Submitted, "#review-note")
    def note_entered(self, event: Input.Submitted) -> None:
        item = self.record.carried[self.row]
        status = item.status if item.reviewed else "open"
        self.meeting.review(self.row, status, event.value)
        event.input.display = False
        event.input.disabled = True
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # while the note is typed, letters are text, not commands
        if action in ("status", "note", "move") and self.query_one("#review-note", Input).has_focus:
            return False
        return True

    def action_close(self) -> None:
        box = self.query_one("#review-note", Input)
        if box.has_focus:
            box.display = False
            box.disabled = True
            return
        self.dismiss(None)
