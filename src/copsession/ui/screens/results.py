"""Naming results: the results, the actions (a table of what, who and when), and what each
participant takes back to their own organisation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from copsession.capture import Capture, CaptureError, parse_capture
from copsession.record import Note
from copsession.ui.localise import localised
from copsession.ui.screens.base import StepScreen
from copsession.ui.widgets.action_table import ActionTable
from copsession.ui.widgets.notes import NoteList

MODES = ("result", "action", "takeback")
MODE_LABEL = {"result": "ui.list_results", "action": "ui.list_actions", "takeback": "ui.list_takeback"}
PERSON = Binding.Group("key.speaker_group", True)


class ResultsScreen(StepScreen):
    """Three lists; Ctrl+N switches which one plain text adds to. In "take back", ↓/↑ choose the person."""

    BINDINGS = [
        Binding("ctrl+n", "next_list", "key.next_list"),
        Binding("down", "next_person", "key.next_speaker", group=PERSON),
        Binding("up", "previous_person", "key.previous_speaker", group=PERSON),
    ]
    show_authors = True

    def compose_body(self) -> ComposeResult:
        yield Static(id="results-mode", classes="prompt", markup=False)
        yield Static(id="results-summary", markup=False)

    def compose_lists(self) -> ComposeResult:
        yield from super().compose_lists()
        yield localised(ActionTable, self.tr.language)(self.tr, id="actions")

    def on_mount(self) -> None:
        super().on_mount()
        self.update_mode()

    @property
    def mode(self) -> str:
        return MODES[self.state.cursor % len(MODES)]

    @property
    def person(self) -> str | None:
        names = self.record.present_names
        return names[self.state.turn % len(names)] if names else None

    def presenter_focus(self) -> str:
        return self.tr(MODE_LABEL[self.mode])

    def presenter_speaker(self) -> str:
        return (self.person or "") if self.mode == "takeback" else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_person", "previous_person"):
            return self.mode == "takeback"
        return super().check_action(action, parameters)

    def placeholder(self) -> str:
        if self.mode == "action":
            return self.tr("ui.placeholder_action")
        if self.mode == "takeback":
            return self.tr("ui.placeholder_takeback", name=self.person or "–")
        return self.tr("ui.placeholder_result")

    def visible_notes(self) -> list[Note]:
        # results and take-backs named anywhere in the meeting are shown here, so the group sees them all
        return self.record.of_kind(self.mode)

    def refresh_notes(self) -> None:
        table = self.query_one(ActionTable)
        notes = self.query_one(NoteList)
        is_actions = self.mode == "action"
        table.display = is_actions
        notes.display = not is_actions
        if is_actions:
            table.show(self.record.of_kind("action"))
        else:
            notes.show(self.listed_notes(), show_author=self.mode == "takeback")

    def update_mode(self) -> None:
        tr = self.tr
        label = tr(MODE_LABEL[self.mode])
        line = Text(tr("ui.results_mode", mode=label))
        if self.mode == "takeback" and self.person:
            line.append(f"\n{tr('ui.now_speaking')}: ", style="bold")
            line.append(self.person, style="bold reverse")
        self.query_one("#results-mode", Static).update(line)
        counts = "   ".join(f"{tr(MODE_LABEL[m])}: {len(self.record.of_kind(m))}" for m in MODES)
        self.query_one("#results-summary", Static).update(Text(counts, style="dim"))

    def refresh_step(self) -> None:
        super().refresh_step()
        self.update_mode()
        self.refresh_bindings()

    def parse(self, line: str) -> Capture | CaptureError | None:
        stripped = line.strip()
        if self.mode == "action" and stripped and not stripped.startswith("/"):
            return parse_capture("/action " + stripped, self.names)  # in the action list, every line is an action
        return super().parse(line)

    def store(self, capture: Capture) -> None:
        if capture.kind == "note":
            capture = Capture(self.mode, capture.text)
        if capture.kind == "takeback":
            self.record.add_note(self.index, "takeback", capture.text, self.app.clock.now(), author=self.person or "")
            return
        super().store(capture)

    def edit_text(self, note: Note) -> str:
        if note.kind != "action":
            return note.text
        owner = f" @{note.owner}" if note.owner else ""
        due = f" {note.due.isoformat()}" if note.due else ""
        return f"{note.text}{owner}{due}"

    def store_edit(self, note_id: int, text: str) -> bool:
        note = self.record.find(note_id)
        if note.kind != "action":
            return super().store_edit(note_id, text)
        parsed = parse_capture("/action " + text, self.names)
        if isinstance(parsed, CaptureError):
            self.point_out(parsed)
            return False
        self.record.edit_action(note_id, parsed.text, parsed.owner, parsed.due)
        return True

    def action_next_list(self) -> None:
        self.record.set_cursor(self.index, (self.state.cursor + 1) % len(MODES))
        self.changed()

    def action_next_person(self) -> None:
        self.record.set_turn(self.index, self.state.turn + 1)
        self.changed()

    def action_previous_person(self) -> None:
        self.record.set_turn(self.index, max(0, self.state.turn - 1))
        self.changed()
