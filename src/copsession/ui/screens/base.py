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
from rich.text import Text
from textual.widgets import Footer, Input, Static

from copsession.capture import Capture, CaptureError, parse_capture, parse_follow_up
from copsession.i18n import Catalog
from copsession.record import Note, SessionRecord
from copsession.ui.localise import localised
from copsession.ui.widgets.agenda import AgendaSidebar
from copsession.ui.widgets.capture import CaptureBox
from copsession.ui.widgets.notes import NoteList
from copsession.ui.widgets.presenter import PresenterPanel
from copsession.ui.widgets.timer import StepTimer, step_time

class StepScreen(Screen):
    """A screen for one step of the meeting."""

    # Not scoped: the presenter view and the size classes are set on the App, above the screen.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #timer {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    #timer.-warning { background: $warning; color: $text; text-style: bold; }
    #timer.-alert { background: $error; color: $text; text-style: bold; }
    #timer.-over { background: $error; color: $text; text-style: bold reverse; }
    #timer.-paused { text-style: italic; }
    #main {
        height: 1fr;
    }
    #agenda {
        width: 26;
        padding: 0 1;
        border-right: solid $primary;
        overflow: hidden;
    }
    #work {
        width: 1fr;
        padding: 0 1;
    }
    #body {
        height: auto;
        max-height: 60%;
    }
    #round {
        padding-bottom: 1;
    }
    #notes {
        height: 1fr;
        min-height: 3;
        border: round $primary;
        /* no scrollbar: redrawing it after every keystroke in the capture box cost a frame;
           the border title shows how many notes there are, the highlight where you are */
        scrollbar-size-vertical: 0;
    }
    #notes:focus {
        border: round $accent;
    }
    #capture {
        height: 3;
    }
    #capture.-error {
        border: tall $error;
    }
    #break-digits {
        width: auto;
        color: $accent;
    }
    .provocation.-drawn {
        text-style: bold;
        color: $warning;
    }
    #actions {
        height: 1fr;
        min-height: 3;
    }

    /* the presenter view (F6): the current step fills the screen */
    #presenter {
        display: none;
        height: 1fr;
    }
    #presenter-focus {
        text-style: bold;
        text-align: center;
        width: 100%;
        padding: 1 2;
        color: $text;
    }
    #presenter-clock {
        width: auto;
        color: $accent;
    }
    #presenter-clock.-warning { color: $warning; }
    #presenter-clock.-alert, #presenter-clock.-over { color: $error; }
    #presenter-speaker {
        text-align: center;
        width: 100%;
        padding: 1 0;
    }
    #presenter-notes {
        width: 100%;
        padding: 0 2;
    }
    .-presenter #presenter { display: block; }
    .-presenter #agenda, .-presenter #body, .-presenter #notes, .-presenter #actions, .-presenter #timer {
        display: none;
    }

    /* sizes: from 60x20 up to 200x60 the layout adapts instead of clipping */
    .-narrow #agenda {
        display: none;
    }
    .-wide #agenda {
        width: 36;
    }
    .-short #body {
        max-height: 40%;
    }
    .-short #notes {
        min-height: 2;
    }
    """

    BINDINGS = [Binding("escape", "cancel_edit", show=False)]

    plain_kind = "note"
    """What a plain line in the capture box becomes in this step."""
    show_authors = True
    note_list_class: type[NoteList] = NoteList

    def __init__(self, record: SessionRecord, index: int) -> None:
        super().__init__()
        self.record = record
        self.index = index
        self.step = record.worksheet.steps[index]
        self.state = record.steps[index]
        self.tr = Catalog(record.worksheet.language)
        self.names = [p.name for p in record.worksheet.participants]

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
                yield PresenterPanel(self.record, self.index, tr, id="presenter")
                with VerticalScroll(id="body", can_focus=False):
                    yield from self.compose_body()
                    if self.step.guide:
                        yield Static(f"{tr('ui.guide')}: {self.step.guide}", id="guide", classes="guide facilitator-only",
                                     markup=False)
                yield from self.compose_lists()
                yield CaptureBox(self.names, self.record.worksheet.language, self.placeholder(), id="capture")
        yield Footer(compact=True, show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        """The part that differs per step kind."""
        yield from ()

    def compose_lists(self) -> ComposeResult:
        """The list(s) of what was captured."""
        yield localised(self.note_list_class, self.tr.language)(self.tr, id="notes")

    def on_mount(self) -> None:
        self.refresh_notes()
        self.refresh_presenter()
        box = self.query_one(CaptureBox)
        if self.record.draft:
            box.value = self.record.draft
            box.action_end()
        box.focus()
        self.set_interval(1.0, self.tick)

    @property
    def mono(self) -> float:
        return self.app.clock.monotonic()

    def tick(self) -> None:
        """Update everything that depends on the clock; mark the "time's up" moment once."""
        self.query_one(StepTimer).update_time()
        if self.app.presenter:
            self.query_one(PresenterPanel).update_clock()
        self.query_one(AgendaSidebar).update_agenda()
        used, budget, _ = step_time(self.record, self.index, self.mono)
        if used >= budget and not self.state.times_up:
            self.state.times_up = True
            self.app.times_up()

    def placeholder(self) -> str:
        return self.tr("ui.capture_placeholder")

    # -- notes -------------------------------------------------------------- #

    def visible_notes(self) -> list[Note]:
        """The notes this screen lists (private ones only while revealed)."""
        return self.record.notes_in(self.index)

    def listed_notes(self) -> list[Note]:
        notes = self.visible_notes()
        if not self.app.reveal:
            notes = [n for n in notes if n.kind != "private"]
        return notes

    def refresh_notes(self) -> None:
        self.query_one(NoteList).show(self.listed_notes(), self.show_authors)

    # -- presenter view ------------------------------------------------------ #

    def presenter_focus(self) -> Text | str:
        """What the group looks at in the presenter view: the prompt or question of the moment."""
        return self.step.title

    def presenter_speaker(self) -> str:
        return ""

    def refresh_presenter(self) -> None:
        notes = [n.text for n in self.visible_notes() if n.kind != "private"]
        self.query_one(PresenterPanel).show(self.presenter_focus(), self.presenter_speaker(), notes)

    def refresh_step(self) -> None:
        """Redraw after the record changed."""
        self.refresh_notes()
        box = self.query_one(CaptureBox)
        if box.editing is None and box.follow_up is None:
            box.placeholder = self.placeholder()
        self.query_one(StepTimer).update_time()
        self.query_one(AgendaSidebar).update_agenda()
        self.refresh_presenter()

    def changed(self) -> None:
        """The record changed from this screen: redraw and autosave."""
        self.refresh_step()
        self.app.record_changed()

    def note_author(self) -> str:
        """Who a plain note is attributed to (the speaker in a round)."""
        return ""

    def note_topic(self) -> int | None:
        """The question or form step a new note belongs to."""
        return None

    def submit_line(self, line: str) -> None:
        """Enter in the capture box: store the line (or the edit, or the follow-up)."""
        box = self.query_one(CaptureBox)
        if box.editing is not None:
            if line.strip() and not self.store_edit(box.editing, line.strip()):
                return  # the line stays in the box, with what is wrong pointed out
            box.editing = None
        elif box.follow_up is not None:
            parsed = parse_follow_up(line, self.names)
            if isinstance(parsed, CaptureError):
                self.point_out(parsed)
                return
            self.record.follow_up(box.follow_up, *parsed)
            box.follow_up = None
        else:
            parsed = self.parse(line)
            if parsed is None:
                return
            if isinstance(parsed, CaptureError):
                self.point_out(parsed)
                return
            self.store(parsed)
        box.remove_class("-error")
        box.value = ""
        box.placeholder = self.placeholder()
        self.changed()

    def parse(self, line: str) -> Capture | CaptureError | None:
        """Turn a typed line into something to store."""
        return parse_capture(line, self.names, self.record.worksheet.language)

    def point_out(self, error: CaptureError) -> None:
        """Show what is wrong with the line, and keep it in the box to be fixed."""
        self.query_one(CaptureBox).add_class("-error")
        self.app.notify(self.tr(error.key, **error.values), severity="error", timeout=6, markup=False)

    def store(self, capture: Capture) -> None:
        """Put a parsed line into the record."""
        kind = self.plain_kind if capture.kind == "note" else capture.kind
        author = self.note_author() if kind in ("note", "concern", "takeback") else ""
        self.record.add_note(self.index, kind, capture.text, self.app.clock.now(), author=author,
                             owner=capture.owner, due=capture.due, topic=self.note_topic())

    def store_edit(self, note_id: int, text: str) -> bool:
        """Replace a note's text after editing it in the box; False when the text is not accepted."""
        self.record.edit_note(note_id, text)
        return True

    def edit_text(self, note: Note) -> str:
        """What the capture box shows when a note is edited."""
        return note.text

    @on(Input.Changed, "#capture")
    def capture_changed(self, event: Input.Changed) -> None:
        box = event.input  # runs at every keystroke: no DOM query
        if box.has_class("-error"):
            box.remove_class("-error")
        if box.editing is None and box.follow_up is None:
            self.record.draft = event.value  # autosaved within a second, so a crash loses no typing

    @on(NoteList.EditRequested)
    def edit_requested(self, event: NoteList.EditRequested) -> None:
        box = self.query_one(CaptureBox)
        box.editing = event.note_id
        box.follow_up = None
        box.value = self.edit_text(self.record.find(event.note_id))
        box.placeholder = self.tr("ui.capture_edit")
        box.focus()
        box.action_end()  # continue typing at the end instead of replacing the text

    @on(NoteList.FollowUpRequested)
    def follow_up_requested(self, event: NoteList.FollowUpRequested) -> None:
        note = self.record.find(event.note_id)
        if note.kind != "concern":
            return
        box = self.query_one(CaptureBox)
        box.follow_up = note.id
        box.editing = None
        owner = f" @{note.follow_up_owner}" if note.follow_up_owner else ""
        box.value = note.follow_up + owner if note.follow_up else ""
        box.placeholder = self.tr("ui.follow_up_placeholder", concern=note.text[:40])
        box.focus()
        box.action_end()

    @on(NoteList.DeleteRequested)
    def delete_requested(self, event: NoteList.DeleteRequested) -> None:
        self.record.delete_note(event.note_id)
        self.app.notify(self.tr("ui.note_deleted"), timeout=2, markup=False)
        self.changed()

    @on(NoteList.VoteRequested)
    def vote_requested(self, event: NoteList.VoteRequested) -> None:
        self.record.vote(event.note_id, event.delta)
        self.changed()

    @on(NoteList.TagRequested)
    def tag_requested(self, event: NoteList.TagRequested) -> None:
        self.record.tag(event.note_id, event.tag)
        self.changed()

    @on(NoteList.SortChanged)
    def sort_changed(self) -> None:
        self.refresh_notes()

    @on(NoteList.BackRequested)
    def back_requested(self) -> None:
        self.query_one(CaptureBox).focus()

    def action_cancel_edit(self) -> None:
        """Escape in the capture box cancels an edit or follow-up, or clears the line."""
        box = self.query_one(CaptureBox)
        if box.editing is not None or box.follow_up is not None or box.value:
            box.editing = None
            box.follow_up = None
            box.value = ""
            box.placeholder = self.placeholder()
        box.focus()
