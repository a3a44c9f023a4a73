"""A creative work form: its purpose, materials and steps; outputs are captured per form step."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from copsession.engine import time_state
from copsession.ui.screens.base import StepScreen
from copsession.ui.widgets.timer import clock_text

FORM_STEP = Binding.Group("key.form_step_group", True)


class WorkFormScreen(StepScreen):
    """Walks through the form's own steps; what the group makes is captured as output."""

    BINDINGS = [
        Binding("down", "next_form_step", "key.next_form_step", group=FORM_STEP),
        Binding("up", "previous_form_step", "key.previous_form_step", group=FORM_STEP),
    ]

    def compose_body(self) -> ComposeResult:
        form = self.step.form
        tr = self.tr
        if form is None:
            return
        text = Text()
        text.append(form.name + "\n", style="bold")
        text.append(f"{tr('ui.purpose')}: ", style="bold")
        text.append(form.purpose + "\n")
        if form.materials:
            text.append(f"{tr('ui.materials')}: ", style="bold")
            text.append(", ".join(form.materials))
        yield Static(text, id="form-intro", classes="prompt", markup=False)
        yield Static(markup=False, id="form-steps")

    def on_mount(self) -> None:  # after it Textual calls StepScreen's own on_mount (not again through super)
        self.update_form_steps()
        self.call_after_refresh(self.show_current_step)

    def update_form_steps(self) -> None:
        form = self.step.form
        if form is None or not form.steps:
            return
        cursor = self.state.cursor
        text = Text()
        text.append(self.tr("ui.form_steps") + "\n", style="bold")
        for i, form_step in enumerate(form.steps):
            minutes = f" ({form_step.minutes} min)" if form_step.minutes else ""
            line = f"{i + 1}. {form_step.text}{minutes}\n"
            if i == cursor:
                text.append("▶ " + line, style="bold reverse")
            else:
                text.append("  " + line, style="dim" if i < cursor else "")
        current = form.steps[min(cursor, len(form.steps) - 1)]
        if current.minutes and self.state.part_started is not None:
            used = self.meeting.part_time(self.index)
            planned = current.minutes * 60
            style = "bold reverse" if time_state(used, planned) in ("alert", "over") else "bold"
            text.append(self.tr("ui.form_step_time", used=clock_text(used), planned=clock_text(planned)), style=style)
        self.query_one("#form-steps", Static).update(text)

    def tick(self) -> None:
        super().tick()
        self.update_form_steps()

    def refresh_parts(self) -> None:
        super().refresh_parts()
        self.update_form_steps()

    def _move(self, delta: int) -> None:
        if self.meeting.move_cursor(delta):
            self.call_after_refresh(self.show_current_step)

    def show_current_step(self) -> None:
        """Once the group is under way, keep the current form step in view (at 80×24 the purpose and
        materials above it would push it out of the step's text area)."""
        body = self.query_one("#body")
        form = self.step.form
        if not self.state.cursor or form is None or not form.steps:
            body.scroll_home(animate=False)
            return
        # the current form step's first line at the top of the view: count the wrapped lines above it
        steps = self.query_one("#form-steps", Static)
        width = max(steps.content_region.width, 10)
        console = self.app.console
        above = 1  # the "Steps" heading
        for form_step in form.steps[: self.state.cursor]:
            minutes = f" ({form_step.minutes} min)" if form_step.minutes else ""
            above += len(Text(f"  {form_step.text}{minutes}").wrap(console, width))
        body.scroll_to(y=steps.virtual_region.y + above, animate=False)

    def action_next_form_step(self) -> None:
        self._move(+1)

    def action_previous_form_step(self) -> None:
        self._move(-1)
