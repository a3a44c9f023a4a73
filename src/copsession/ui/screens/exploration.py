"""Exploring the central question: its sub-questions, one at a time, with notes per question."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from copsession.record import Note
from copsession.ui.screens.base import StepScreen


class ExplorationScreen(StepScreen):
    """Shows the central question and the step's questions; notes belong to the question shown."""

    BINDINGS = [
        Binding("down", "next_question", "key.next_question", group=Binding.Group("key.question_group", True)),
        Binding("up", "previous_question", "key.previous_question", group=Binding.Group("key.question_group", True)),
    ]
    show_authors = False

    def compose_body(self) -> ComposeResult:
        yield Static(self.record.worksheet.central_question, id="central-question", classes="prompt", markup=False)
        yield Static(markup=False, id="questions")

    def on_mount(self) -> None:
        super().on_mount()
        self.update_questions()

    def update_questions(self) -> None:
        tr = self.tr
        questions = self.step.questions
        widget = self.query_one("#questions", Static)
        if not questions:
            widget.update(Text(tr("ui.no_questions"), style="italic"))
            return
        cursor = self.record.steps[self.index].cursor
        text = Text(tr("ui.questions") + "\n", style="bold")
        for i, question in enumerate(questions):
            count = sum(1 for n in self.record.notes_in(self.index) if n.topic == i)
            suffix = f"  [{count}]" if count else ""
            if i == cursor:
                text.append(f"▶ {i + 1}. {question}{suffix}\n", style="bold reverse")
            else:
                text.append(f"  {i + 1}. {question}{suffix}\n")
        widget.update(text)

    def note_topic(self) -> int | None:
        return self.record.steps[self.index].cursor if self.step.questions else None

    def visible_notes(self) -> list[Note]:
        topic = self.note_topic()
        return [n for n in self.record.notes_in(self.index) if topic is None or n.topic == topic]

    def refresh_step(self) -> None:
        super().refresh_step()
        self.update_questions()

    def _move(self, delta: int) -> None:
        if self.step.questions:
            self.record.move_cursor(self.index, delta, len(self.step.questions))
            self.refresh_step()
            self.app.record_changed()

    def action_next_question(self) -> None:
        self._move(+1)

    def action_previous_question(self) -> None:
        self._move(-1)
