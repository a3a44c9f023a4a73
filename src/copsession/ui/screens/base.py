"""What every step screen shares: title bar, timer, agenda, notes and the capture box.

Each step kind has its own screen in its own file; they fill in
:meth:`StepScreen.compose_body` and may change what plain text captures.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from copsession.capture import Capture, CaptureError, parse_capture
from copsession.i18n import Catalog
from copsession.record import Note, SessionRecord
from copsession.ui.widgets.agenda import AgendaSidebar
from copsession.ui.widgets.capture import CaptureBox
from copsession.ui.widgets.notes import NoteList
from copsession.ui.widgets.timer import StepTimer

ADDED_KEY = {"action": "ui.added_action", "concern": "ui.added_concern",
             "result": "ui.added_result", "question": "ui.added_question"}


class StepScreen(Screen):
    """A screen for one step of the meeting."""

    BINDINGS = [Binding("escape", "cancel_edit", show=False)]

    plain_kind = "note"
    """What a plain line in the capture box becomes in this step."""
    show_authors = True

    def __init__(self, record: SessionRecord, index: int) -> None:
        super().__init__()
        self.record = record
        self.index = index
        self.step = record.worksheet.steps[index]
        self.tr = Catalog(record.worksheet.language)

    # -- layout ------------------------------------------------------------- #

    def compose(self) -> ComposeResult:
        tr = self.tr
        total = len(self.record.worksheet.steps)
        with Horizontal(id="title-bar"):
            yield Static(self.step.title, id="step-title", markup=False)
            yield Static(tr("ui.step_of", number=self.index + 1, total=total), id="step-number", markup=False)
        yield StepTimer(self.record, self.index, tr, id="timer")
        with Horizontal(id="main"):
            yield AgendaSidebar(self.record, tr, id="agenda")
            with Vertical(id="work"):
                with VerticalScroll(id="body", can_focus=False):
                    yield from self.compose_body()
                    if self.step.guide:
                        yield Static(f"{tr('ui.guide')}: {self.step.guide}", id="guide", classes="guide", markup=False)
                yield NoteList(tr, id="notes")
                yield CaptureBox([p.name for p in self.record.worksheet.participants],
                                 self.record.worksheet.language, self.placeholder(), id="capture")
        yield Footer(compact=True, show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        """The part that differs per step kind."""
        yield from ()

    def on_mount(self) -> None:
        self.refresh_notes()
        box = self.query_one(CaptureBox)
        if self.record.draft:
            box.value = self.record.draft
            box.action_end()
        box.focus()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Update everything that depends on the clock."""
        self.query_one(StepTimer).update_time()

    def placeholder(self) -> str:
        return self.tr("ui.capture_placeholder")

    # -- notes -------------------------------------------------------------- #

    def visible_notes(self) -> list[Note]:
        """The notes this screen lists."""
        return self.record.notes_in(self.index)

    def refresh_notes(self) -> None:
        self.query_one(NoteList).show(self.visible_notes(), self.show_authors)

    def refresh_step(self) -> None:
        """Redraw after the record changed."""
        self.refresh_notes()
        self.query_one(CaptureBox).placeholder = self.placeholder()
        self.query_one(StepTimer).update_time()

    def note_author(self) -> str:
        """Who a plain note is attributed to (the speaker in a round)."""
        return ""

    def note_topic(self) -> int | None:
        """The question or form step a new note belongs to."""
        return None

    @on(Input.Submitted, "#capture")
    def capture_submitted(self, event: Input.Submitted) -> None:
        box = self.query_one(CaptureBox)
        line = event.value
        if box.editing is not None:
            if line.strip():
                self.record.edit_note(box.editing, line.strip())
            box.editing = None
            box.value = ""
            self.refresh_step()
            self.app.record_changed()
            return
        names = [p.name for p in self.record.worksheet.participants]
        parsed = parse_capture(line, names, self.record.worksheet.language)
        if parsed is None:
            return
        if isinstance(parsed, CaptureError):
            box.add_class("-error")
            box.tooltip = None
            self.app.notify(self.tr(parsed.key, **parsed.values), severity="error", timeout=6, markup=False)
            return
        self.store(parsed)
        box.remove_class("-error")
        box.value = ""
        self.refresh_step()
        self.app.record_changed()

    def store(self, capture: Capture) -> None:
        """Put a parsed line into the record."""
        kind = self.plain_kind if capture.kind == "note" else capture.kind
        author = self.note_author() if kind in ("note", "concern") else ""
        self.record.add_note(self.index, kind, capture.text, self.app.clock.now(), author=author,
                             owner=capture.owner, due=capture.due, topic=self.note_topic())
        if kind in ADDED_KEY and kind != self.plain_kind:
            self.app.notify(self.tr(ADDED_KEY[kind]), timeout=2, markup=False)

    @on(Input.Changed, "#capture")
    def capture_changed(self, event: Input.Changed) -> None:
        box = self.query_one(CaptureBox)
        box.remove_class("-error")
        if box.editing is None:
            self.record.draft = event.value  # autosaved within a second, so a crash loses no typing

    @on(NoteList.EditRequested)
    def edit_requested(self, event: NoteList.EditRequested) -> None:
        box = self.query_one(CaptureBox)
        box.editing = event.note_id
        box.value = self.record.find(event.note_id).text
        box.placeholder = self.tr("ui.capture_edit")
        box.focus()
        box.action_end()  # continue typing at the end instead of replacing the text

    @on(NoteList.DeleteRequested)
    def delete_requested(self, event: NoteList.DeleteRequested) -> None:
        self.record.delete_note(event.note_id)
        self.refresh_step()
        self.app.notify(self.tr("ui.note_deleted"), timeout=2, markup=False)
        self.app.record_changed()

    @on(NoteList.BackRequested)
    def back_requested(self) -> None:
        self.query_one(CaptureBox).focus()

    def action_cancel_edit(self) -> None:
        """Escape in the capture box cancels an edit or clears the line."""
        box = self.query_one(CaptureBox)
        if box.editing is not None or box.value:
            box.editing = None
            box.value = ""
            box.placeholder = self.placeholder()
        box.focus()


class RoundScreen(StepScreen):
    """A step in which each present participant takes a turn (check-in, concern round)."""

    BINDINGS = [
        Binding("down", "next_speaker", "key.next_speaker", group=Binding.Group("key.speaker_group", True)),
        Binding("up", "previous_speaker", "key.previous_speaker", group=Binding.Group("key.speaker_group", True)),
        Binding("ctrl+o", "pass_turn", "key.pass"),
    ]
    show_authors = True

    def compose_body(self) -> ComposeResult:
        from copsession.ui.widgets.round_panel import RoundPanel

        if self.step.prompt:
            yield Static(self.step.prompt, id="prompt", classes="prompt", markup=False)
        yield RoundPanel(self.record, self.index, self.tr, id="round")

    def note_author(self) -> str:
        return self.record.speaker(self.index) or ""

    def placeholder(self) -> str:
        speaker = self.record.speaker(self.index)
        if speaker:
            return self.tr("ui.capture_placeholder_speaker", name=speaker)
        return self.tr("ui.capture_placeholder")

    def refresh_step(self) -> None:
        from copsession.ui.widgets.round_panel import RoundPanel

        super().refresh_step()
        self.query_one(RoundPanel).update_round()

    def action_next_speaker(self) -> None:
        self.record.move_turn(self.index, +1)
        self.refresh_step()
        self.app.record_changed()

    def action_previous_speaker(self) -> None:
        self.record.move_turn(self.index, -1)
        self.refresh_step()
        self.app.record_changed()

    def action_pass_turn(self) -> None:
        name = self.record.pass_turn(self.index)
        if name:
            self.app.notify(self.tr("ui.speaker_passed", name=name), timeout=2, markup=False)
        self.refresh_step()
        self.app.record_changed()
