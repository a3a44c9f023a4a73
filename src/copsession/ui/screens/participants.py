"""F7: participants' phones and laptops — how they join (a QR code, a short address and the meeting's
code) and the inbox of what they sent, which the facilitator accepts, edits, merges or declines.
Only what is accepted becomes a note (through the meeting engine)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static

from copsession.participation import Contribution
from copsession.ui.screens.dialog import RowDialog

if TYPE_CHECKING:
    from copsession.ui.app import CopSessionApp

ACTIONS = ("edit", "merge", "all", "remove", "show", "open")
"""What the letters of the catalog's ``participants.keys`` do (besides Enter, Del and Esc)."""

ROWS = 12
"""Waiting contributions listed at once (around the highlighted one): six hundred would take the
screen a frame each to lay out."""


class ParticipantsScreen(RowDialog):
    """How to join, and the inbox (see the module's docstring)."""

    AUTO_FOCUS = ""  # letters are commands until a text is edited ("", not None: None is the app's "*")
    DEFAULT_CSS = """
    ParticipantsScreen #participants-box {
        width: 95%;
        max-width: 120;
        height: auto;
        max-height: 95%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    ParticipantsScreen #join {
        height: auto;
        padding-top: 1;
    }
    ParticipantsScreen #join-qr {
        width: auto;
        padding-right: 2;
    }
    ParticipantsScreen #join-text {
        width: 1fr;
    }
    ParticipantsScreen #inbox {
        height: auto;
        padding-bottom: 1;
    }
    /* a narrow window: the address and the code under the QR code, not squeezed beside it */
    .-narrow ParticipantsScreen #join {
        layout: vertical;
    }
    .-narrow ParticipantsScreen #join-text {
        width: 100%;
    }
    """
    BINDINGS = [
        Binding("escape,f7", "close", show=False),
        Binding("enter", "accept", show=False),
        Binding("delete,backspace", "decline", show=False),
    ]

    def __init__(self, app: CopSessionApp) -> None:
        super().__init__(app.meeting)
        self.owner = app
        self.marked: list[int] = []
        """Contributions marked to be merged (m), in the order marked."""
        self._armed = ""
        """A step that loses something, pressed once: a second press takes it (see :meth:`_again`)."""

    @property
    def letters(self) -> dict[str, str]:
        """The letter of each action in the meeting's language (the catalog's ``participants.keys``)."""
        keys = {}
        for pair in self.tr("participants.keys").split():
            letter, _, action = pair.partition("=")
            if len(letter) == 1 and action in ACTIONS:
                keys[letter] = action
        return keys

    def compose(self) -> ComposeResult:
        # the inbox first (what the facilitator works with during the meeting), then how to join;
        # on a small screen the box scrolls (Tab gives it the focus, the arrows then scroll it)
        with VerticalScroll(id="participants-box"):
            yield Static(self.tr("participants.title"), classes="column-title", markup=False)
            yield Static(id="inbox", markup=False)
            yield Input(id="inbox-edit", disabled=True)
            yield Static(self.tr("participants.hint"), classes="hint", markup=False)
            with Horizontal(id="join"):
                yield Static(id="join-qr", markup=False)
                yield Static(id="join-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#inbox-edit", Input).display = False
        self._draw()

    # -- what it shows -------------------------------------------------------- #

    def waiting(self) -> list[Contribution]:
        desk = self.owner.desk
        return desk.waiting() if desk is not None else []

    def row_count(self) -> int:
        return len(self.waiting())

    def redraw(self) -> None:
        if self.is_mounted:
            self._draw()

    def _draw(self) -> None:
        self.row = min(self.row, max(self.row_count() - 1, 0))
        self.query_one("#join-qr", Static).update(self.owner.join_qr())
        self.query_one("#join-text", Static).update(self.join_text())
        self.query_one("#inbox", Static).update(self.inbox_text())

    def join_text(self) -> Text:
        tr, server, desk = self.tr, self.owner.participant_server, self.owner.desk
        text = Text()
        if server is None or desk is None:
            text.append(tr("participants.closed"), style="bold")
            text.append("\n" + tr("participants.open_hint", letter=self._letter("open")))
            return text
        text.append(tr("participants.address") + "\n", style="bold")
        text.append(server.address + "\n", style="bold reverse")
        text.append(tr("participants.code", code=desk.code) + "\n\n", style="bold")
        text.append(tr("participants.network" if server.network else "participants.local") + "\n")
        text.append(tr("participants.devices", count=len(desk.devices)) + "\n")
        shown = "participants.shown" if self.owner.join_shown else "participants.not_shown"
        text.append(tr(shown, letter=self._letter("show")))
        return text

    def inbox_text(self) -> Text:
        tr = self.tr
        waiting = self.waiting()
        text = Text()
        if self.owner.desk is None:
            return text
        text.append(tr("participants.waiting", count=len(waiting)) + "\n", style="bold")
        first = max(0, min(self.row - ROWS // 2, len(waiting) - ROWS))  # the rows around the highlighted one
        for i, item in enumerate(waiting[first : first + ROWS], first):
            line = Text("◆ " if item.id in self.marked else "  ")
            line.append(f"{tr('participants.kind.' + item.kind)}: ", style="bold")
            line.append(self.describe(item))
            who = item.name or (tr("participants.anonymous") if item.kind not in ("vote", "pulse") else "")
            line.append(f"  — {who} · {tr('participants.device', number=item.device)}" if who else "")
            if i == self.row:
                line.stylize("reverse")
            text.append_text(line)
            text.append("\n")
        if len(waiting) > first + ROWS:
            text.append(tr("participants.more", count=len(waiting) - first - ROWS), style="dim")
        return text

    def describe(self, item: Contribution) -> str:
        if item.kind == "pulse":
            return f"{item.score}/5"
        if item.kind == "vote":
            note = next((n for n in self.record.notes if n.id == item.note), None)
            return f"+1 {note.text if note is not None else '—'}"
        return item.text

    def _letter(self, action: str) -> str:
        return next((letter for letter, name in self.letters.items() if name == action), "?")

    # -- keys ----------------------------------------------------------------- #

    def on_key(self, event) -> None:
        if self.query_one("#inbox-edit", Input).has_focus:
            return  # editing a text: letters are text
        action = self.letters.get(event.key)
        if action is None:
            self._armed = ""  # another key: a step that loses something starts over
            return
        event.stop()
        if action not in ("remove", "open"):
            self._armed = ""
        getattr(self, f"do_{action}")()

    def current(self) -> Contribution | None:
        waiting = self.waiting()
        return waiting[self.row] if waiting else None

    def action_accept(self) -> None:
        desk = self.owner.desk
        item = self.current()
        if desk is None or item is None:
            return
        if len(self.marked) >= 2 and item.id in self.marked:
            first = desk.get(self.marked[0])
            self.edit(first.text if first is not None else "", merging=True)
            return
        desk.accept(item.id)
        self.owner.desk_shown()

    def action_decline(self) -> None:
        desk = self.owner.desk
        item = self.current()
        if desk is not None and item is not None:
            desk.decline(item.id)
            self.owner.desk_shown()

    def do_edit(self) -> None:
        item = self.current()
        if item is not None and item.kind not in ("vote", "pulse"):
            self.edit(item.text)

    def edit(self, text: str, *, merging: bool = False) -> None:
        box = self.query_one("#inbox-edit", Input)
        box.value = text
        box.placeholder = self.tr("participants.merge_placeholder" if merging else "participants.edit_placeholder")
        box.disabled = False
        box.display = True
        box.focus()
        self._merging = merging

    @on(Input.Submitted, "#inbox-edit")
    def edited(self, event: Input.Submitted) -> None:
        desk = self.owner.desk
        item = self.current()
        self.close_edit()
        if desk is None or item is None:
            return
        if getattr(self, "_merging", False):
            desk.merge(self.marked, event.value)
            self.marked = []
        else:
            desk.accept(item.id, event.value)
        self.owner.desk_shown()

    def close_edit(self) -> None:
        box = self.query_one("#inbox-edit", Input)
        box.display = False
        box.disabled = True

    def do_merge(self) -> None:
        item = self.current()
        if item is None or item.kind in ("vote", "pulse"):
            return
        if item.id in self.marked:
            self.marked.remove(item.id)
        else:
            self.marked.append(item.id)
        self.redraw()

    def do_all(self) -> None:
        if self.owner.desk is not None:
            self.owner.desk.accept_all()
            self.owner.desk_shown()

    def _again(self, what: str) -> bool:
        """Whether this key was pressed a second time in a row (a step that loses something is taken
        only then); the first press says what a second one does."""
        again = self._armed == what
        self._armed = "" if again else what
        return again

    def do_remove(self) -> None:
        item = self.current()
        if self.owner.desk is None or item is None:
            return
        if not self._again(f"remove {item.device}"):
            letter = self._letter("remove")
            self.notify(self.tr("participants.remove_first", letter=letter, number=item.device), markup=False)
            return
        self.owner.desk.remove(item.device)
        self.owner.desk_shown()
        self.notify(self.tr("participants.removed", number=item.device), markup=False)

    def do_show(self) -> None:
        self.owner.show_join(not self.owner.join_shown)
        self.redraw()

    def do_open(self) -> None:
        desk = self.owner.desk
        if desk is None:
            self.owner.open_participation()
            return
        waiting = len(desk.waiting())
        if waiting and not self._again("close"):
            letter = self._letter("open")
            self.notify(
                self.tr("participants.close_first", count=waiting, letter=letter), severity="warning", markup=False
            )
            return
        self.owner.close_participation()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "decline", "move") and self.query_one("#inbox-edit", Input).has_focus:
            return False
        return True

    def action_close(self) -> None:
        if self.query_one("#inbox-edit", Input).has_focus:
            self.close_edit()
            return
        self.dismiss(None)
