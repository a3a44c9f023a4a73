"""Exploring the central question: its sub-questions one at a time, provocations, notes per question."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from copsession.ui.screens.base import StepScreen
from copsession.ui.widgets.lines import TextLines
from copsession.ui.widgets.notes import ExplorationNoteList

QUESTION = Binding.Group("key.question_group", True)


class ExplorationScreen(StepScreen):
    """Shows the central question and the step's questions; notes belong to the question shown.

    In the list of notes, 1 / 2 / 3 mark a note known, not yet known or idea, and
    +/- give dot votes. Ctrl+R draws a provocative question.
    """

    BINDINGS = [
        Binding("down", "next_question", "key.next_question", group=QUESTION),
        Binding("up", "previous_question", "key.previous_question", group=QUESTION),
        Binding("ctrl+r", "provocation", "key.provocation"),
    ]
    note_list_class = ExplorationNoteList

    def compose_body(self) -> ComposeResult:
        yield TextLines(id="provocation", classes="provocation")
        yield Static(self.record.worksheet.central_question, id="central-question", classes="prompt", markup=False)
        yield TextLines(id="questions")

    def on_mount(self) -> None:  # after it Textual calls StepScreen's own on_mount (not again through super)
        self.update_questions()

    def update_questions(self) -> None:
        tr = self.tr
        questions = self.step.questions
        widget = self.query_one("#questions", TextLines)
        if not questions:
            widget.show(Text(tr("ui.no_questions"), style="italic"))
        else:
            cursor = self.state.cursor
            counts = Counter([n.topic for n in self.record.notes_in(self.index)])
            lines = [Text(tr("ui.questions"), style="bold")]
            for i, question in enumerate(questions):
                count = counts[i]
                suffix = f"  [{count}]" if count else ""
                if i == cursor:
                    lines.append(Text().append(f"▶ {i + 1}. {question}{suffix}", style="bold reverse"))
                else:
                    lines.append(Text(f"  {i + 1}. {question}{suffix}"))
            lines.append(Text())  # a blank row before the notes
            widget.show(lines)  # after a note, only the line whose count went up is drawn again
        provocation = self.query_one("#provocation", TextLines)
        if self.state.drawn:
            provocation.show(Text.assemble((f"{tr('ui.provocation')}: ", "bold"), self.state.drawn[-1]))
            provocation.add_class("-drawn")
        else:
            provocation.show(Text(tr("ui.provocation_hint"), style="italic"))

    def refresh_parts(self) -> None:
        super().refresh_parts()
        self.update_questions()

    def action_next_question(self) -> None:
        self.meeting.move_cursor(+1)

    def action_previous_question(self) -> None:
        self.meeting.move_cursor(-1)

    def action_provocation(self) -> None:
        self.meeting.draw_provocation()
