"""Naming results: the results, the actions (a table of what, who and when), and what each
participant takes back to their own organisation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from copsession.kinds import RESULT_LISTS
from copsession.ui.localise import localised
from copsession.ui.screens.base import StepScreen
from copsession.ui.widgets.action_table import ActionTable
from copsession.ui.widgets.notes import NoteList

MODE_LABEL = {"result": "ui.list_results", "action": "ui.list_actions", "takeback": "ui.list_takeback"}
PERSON = Binding.Group("key.speaker_group", True)


class ResultsScreen(StepScreen):
    """Three lists; Ctrl+N switches which one plain text adds to. In "take back", ↓/↑ choose the person."""

    BINDINGS = [
        Binding("ctrl+n", "next_list", "key.next_list"),
        Binding("down", "next_person", "key.next_speaker", group=PERSON),
        Binding("up", "previous_person", "key.previous_speaker", group=PERSON),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(id="results-mode", classes="prompt", markup=False)
        yield Static(id="results-summary", markup=False)

    def compose_lists(self) -> ComposeResult:
        yield from super().compose_lists()
        yield localised(ActionTable, self.tr.language)(self.tr, id="actions")

    def on_mount(self) -> None:  # after it Textual calls StepScreen's own on_mount (not again through super)
        self.update_mode()

    @property
    def mode(self) -> str:
        return self.meeting.results_mode(self.index)

    @property
    def person(self) -> str | None:
        return self.kind.person(self.record, self.index)  # type: ignore[attr-defined]

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

    def refresh_notes(self, changed: set[int] | None = None) -> None:
        table = self.query_one(ActionTable)
        notes = self.query_one(NoteList)
        is_actions = self.mode == "action"
        table.display = is_actions
        notes.display = not is_actions
        if is_actions:
            table.show(self.record.of_kind("action"))
        elif changed is None or notes.show_author != (self.mode == "takeback"):
            notes.show(self.listed_notes(), show_author=self.mode == "takeback")
        else:
            notes.update_notes(self.listed_notes(), changed)

    def update_mode(self) -> None:
        tr = self.tr
        line = Text(tr("ui.results_mode", mode=tr(f"ui.adding_to.{self.mode}")))  # the list's name in a sentence
        if self.mode == "takeback" and self.person:
            line.append(f"\n{tr('ui.now_speaking')}: ", style="bold")
            line.append(self.person, style="bold reverse")
        self.query_one("#results-mode", Static).update(line)
        counts = "   ".join(f"{tr(MODE_LABEL[m])}: {len(self.record.of_kind(m))}" for m in RESULT_LISTS)
        self.query_one("#results-summary", Static).update(Text(counts, style="dim"))

    def refresh_parts(self) -> None:
        super().refresh_parts()
        self.update_mode()
        self.refresh_bindings()

    def action_next_list(self) -> None:
        self.meeting.next_list()

    def action_next_person(self) -> None:
        self.meeting.move_person(+1)

    def action_previous_person(self) -> None:
        self.meeting.move_person(-1)
