"""What every step screen shares: title bar, timer, agenda, notes and the capture box.

Each step kind has its own screen in its own file; they fill in :meth:`StepScreen.compose_body`
and redraw their own parts in :meth:`StepScreen.refresh_step`. Screens never change the record
themselves: they send intents to the meeting engine and redraw when it says something changed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from copsession.capture import CaptureError, is_private
from copsession.engine import Meeting, MeetingEvent
from copsession.kinds import kind_of
from copsession.record import Note
from copsession.typed import TypedLine
from copsession.ui.localise import localised
from copsession.ui.screens.meeting import MeetingScreen, mode_banners
from copsession.ui.widgets.agenda import AgendaSidebar
from copsession.ui.widgets.capture import CaptureBox
from copsession.ui.widgets.footer import MeetingFooter
from copsession.ui.widgets.notes import NoteList
from copsession.ui.widgets.presenter import PresenterPanel, presenter_content
from copsession.ui.widgets.timer import StepTimer


class StepScreen(MeetingScreen):
    """A screen for one step of the meeting."""

    AUTO_FOCUS = ""
    """The capture box takes the focus in ``on_mount``; Textual's own first-focusable choice (the
    note list, before the box) must never take it first: keys held for the new screen would be
    handed to the list (Enter there edits a note, a digit tags one: "r2n12" came out as "rn").
    An empty selector, not None: a screen's None means "the app's choice", which is "*"."""

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
        height: 100%;
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
        border: heavy $accent;
    }
    #list-mode {
        display: none;
        height: 1;
        background: $accent;
        color: $background;
        text-style: bold;
        padding: 0 1;
    }
    .-list-mode #list-mode {
        display: block;
    }
    .-list-mode #capture {
        opacity: 60%;
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
    #actions:focus {
        border: heavy $accent;
    }

    /* the presenter view (F6): the current step fills the screen */
    #presenter {
        display: none;
        height: 1fr;
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

    note_list_class: type[NoteList] = NoteList

    def __init__(self, meeting: Meeting, index: int) -> None:
        super().__init__(meeting)
        self.index = index
        self.line = TypedLine(meeting)
        """The capture box's line as the core sees it: Enter, Escape, editing and follow-ups."""
        self.step = meeting.record.worksheet.steps[index]
        self.kind = kind_of(self.step)

    @property
    def state(self):
        return self.record.steps[self.index]

    @property
    def names(self) -> list[str]:
        return self.meeting.names

    # -- layout ------------------------------------------------------------- #

    def compose(self) -> ComposeResult:
        tr = self.tr
        total = len(self.record.worksheet.steps)
        with Horizontal(id="title-bar"):
            yield Static(self.step.title, id="step-title", markup=False)
            yield from mode_banners(self)
            yield Static(tr("ui.step_of", number=self.index + 1, total=total), id="step-number", markup=False)
        yield StepTimer(self.meeting, self.index, tr, id="timer")
        with Horizontal(id="main"):
            yield AgendaSidebar(self.meeting, tr, id="agenda")
            with Vertical(id="work"):
                yield PresenterPanel(self.meeting, self.index, tr, id="presenter")
                with VerticalScroll(id="body", can_focus=False):
                    yield from self.compose_body()
                    if self.step.guide:
                        yield Static(
                            f"{tr('ui.guide')}: {self.step.guide}",
                            id="guide",
                            classes="guide facilitator-only",
                            markup=False,
                        )
                yield from self.compose_lists()
                yield Static(tr("ui.list_mode"), id="list-mode", markup=False)
                self.capture = CaptureBox(
                    self.names,
                    self.record.worksheet.language,
                    self.placeholder(),
                    on_submit=self.submit_line,
                    on_paste=self.paste_lines,
                    on_change=self.capture_changed,
                    id="capture",
                )
                yield self.capture
        yield MeetingFooter()

    def compose_body(self) -> ComposeResult:
        """The part that differs per step kind."""
        yield from ()

    def compose_lists(self) -> ComposeResult:
        """The list(s) of what was captured."""
        yield localised(self.note_list_class, self.tr.language)(self.tr, id="notes")

    def on_mount(self) -> None:
        self.refresh_notes()
        self.refresh_presenter()
        box = self.capture
        if self.line.text:  # the half-typed line, resumed or carried from the step before
            box.show_text(self.line.text)
        box.focus()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Once a second: everything that shows the time."""
        self.query_one(StepTimer).update_time()
        if self.copsession.presenter:
            self.query_one(PresenterPanel).update_clock()
        self.query_one(AgendaSidebar).update_agenda()

    def placeholder(self) -> str:
        return self.tr("ui.capture_placeholder")

    # -- redrawing ---------------------------------------------------------- #

    def meeting_changed(self, event: MeetingEvent) -> None:
        if event.what in ("draft", "notice", "saved"):
            return
        only_notes = event.notes and not (
            event.steps or event.current or event.attendance or event.everything or event.carried or event.pulse
        )
        if only_notes:
            self.refresh_notes(set(event.notes))  # one row each, not the whole list
            self.refresh_parts()
            if self.record.started != self._schedule_from:  # the meeting's first change starts it
                self.refresh_schedule()
        else:
            self.refresh_step()

    def listed_notes(self) -> list[Note]:
        """The notes this screen lists (private ones only while revealed)."""
        notes = self.kind.listed_notes(self.record, self.index)
        if not self.copsession.reveal:
            notes = [n for n in notes if not is_private(n.kind)]
        return notes

    def refresh_notes(self, changed: set[int] | None = None) -> None:
        """Show the step's notes again: all of them, or only the ``changed`` ones."""
        notes = self.query_one(NoteList)
        if changed is None:
            notes.show(self.listed_notes(), self.kind.show_authors)
        else:
            notes.update_notes(self.listed_notes(), changed)

    _presenter_stale = True

    def refresh_presenter(self) -> None:
        """The presenter view (F6): what the group sees of this step. While it is not on view it is
        only marked out of date (redrawing hidden text still costs a layout of the whole screen,
        after every note); F6 or coming back to this screen draws it."""
        self.mask_private()
        if not self.copsession.presenter:
            self._presenter_stale = True
            return
        self._presenter_stale = False
        self.query_one(PresenterPanel).show(presenter_content(self.record, self.index, self.tr))

    def on_screen_resume(self) -> None:  # Textual calls MeetingScreen's own after it (not again through super)
        if self._presenter_stale:
            self.refresh_presenter()
        if self.is_mounted and self.focused is None and self.capture.focusable:
            # back on top with nothing focused (Textual gives a screen no focus of its own here,
            # see AUTO_FOCUS): the capture box takes it, so the next words land there
            self.capture.focus()

    def refresh_step(self) -> None:
        """Redraw everything after the record changed."""
        self.refresh_notes()
        self.refresh_parts()
        self.refresh_schedule()

    _schedule_from = None

    def refresh_schedule(self) -> None:
        """The timer and the agenda: they follow the steps and the time, not the notes (and are
        redrawn every second), so a new note leaves them alone."""
        self._schedule_from = self.record.started
        self.query_one(StepTimer).update_time()
        self.query_one(AgendaSidebar).update_agenda()

    def refresh_parts(self) -> None:
        """Redraw what shows the step's state besides the list of notes (subclasses add their own)."""
        if not self.line.busy:
            self.capture.placeholder = self.placeholder()
        self.refresh_presenter()

    # -- the capture box ---------------------------------------------------- #

    def submit_line(self, text: str) -> None:
        """Enter in the capture box: store the line (or the edit, or the follow-up)."""
        error = self.line.enter()
        if isinstance(error, CaptureError):
            self.point_out(error)
            return
        self.show_line()

    def show_line(self) -> None:
        """Show the line as the core has it now, with the hint that fits (typing, editing, follow-up)."""
        box = self.capture
        box.remove_class("-error")
        box.show_text(self.line.text)
        box.placeholder = self.placeholder()

    def paste_lines(self, lines: list[str]) -> None:
        """A block of several lines was pasted: each becomes a note (one Ctrl+Z takes them all back)."""
        result = self.line.paste(lines)
        if isinstance(result, str):  # editing: the lines go in at the cursor, as one
            self.capture.insert_text_at_cursor(result)
        elif isinstance(result, CaptureError):
            self.point_out(result)

    def point_out(self, error: CaptureError) -> None:
        """Show what is wrong with the line, and keep it in the box to be fixed."""
        self.capture.add_class("-error")
        message = self.tr(error.key, **{k: v for k, v in error.values.items() if k != "line"})
        if "line" in error.values:
            message = self.tr("ui.paste_line_error", line=error.values["line"], error=message)
        self.app.notify(message, severity="error", timeout=6, markup=False)

    def capture_changed(self, value: str) -> None:
        """The line in the capture box changed (a key, a paste, Enter clearing it): called by the box
        at once, in the order the keys came in, so the record's half-typed line is always what the box
        shows (and never a line that Enter already stored)."""
        box = self.capture
        if box.has_class("-error"):
            box.remove_class("-error")
        self.line.changed(value)
        self.mask_private()

    def mask_private(self) -> None:
        """In the presenter view (the group's screen) a private remark being typed shows as dots,
        from its first character on (the same rule as the minutes, see ``capture.may_be_private``)."""
        masked = self.copsession.presenter and self.line.private
        if self.capture.password != masked:
            self.capture.password = masked

    # -- the note list ------------------------------------------------------ #

    @on(NoteList.EditRequested)
    def edit_requested(self, event: NoteList.EditRequested) -> None:
        if self.line.edit(event.note_id):
            self.capture.show_text(self.line.text)  # continue typing at the end instead of replacing the text
            self.capture.placeholder = self.tr("ui.capture_edit")
            self.capture.focus()

    @on(NoteList.FollowUpRequested)
    def follow_up_requested(self, event: NoteList.FollowUpRequested) -> None:
        note = self.record.get(event.note_id)
        if note is not None and self.line.write_follow_up(event.note_id):
            self.capture.show_text(self.line.text)
            self.capture.placeholder = self.tr("ui.follow_up_placeholder", concern=note.text[:40])
            self.capture.focus()

    @on(NoteList.DeleteRequested)
    def delete_requested(self, event: NoteList.DeleteRequested) -> None:
        self.meeting.delete_note(event.note_id)

    @on(NoteList.VoteRequested)
    def vote_requested(self, event: NoteList.VoteRequested) -> None:
        self.meeting.vote(event.note_id, event.delta)

    @on(NoteList.TagRequested)
    def tag_requested(self, event: NoteList.TagRequested) -> None:
        self.meeting.tag(event.note_id, event.tag)

    @on(NoteList.MoveRequested)
    def move_requested(self, event: NoteList.MoveRequested) -> None:
        self.meeting.move_note(event.note_id, event.delta)

    @on(NoteList.SortChanged)
    def sort_changed(self) -> None:
        self.refresh_notes()

    @on(NoteList.BackRequested)
    def back_requested(self, event: NoteList.BackRequested) -> None:
        box = self.capture
        box.focus()
        if event.text:
            box.insert_text_at_cursor(event.text)

    @on(NoteList.ModeChanged)
    def list_mode_changed(self, event: NoteList.ModeChanged) -> None:
        self.set_class(event.active, "-list-mode")

    def action_cancel_edit(self) -> None:
        """Escape in the capture box cancels an edit or follow-up, or clears the line."""
        self.line.escape()
        self.show_line()
        self.capture.focus()
