"""The capture box: one line, Enter adds; completes /commands and @names; a pasted block becomes notes."""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.suggester import Suggester
from textual.widgets import Input
from textual.worker import Worker

from copsession.capture import suggestion
from copsession.ui.messages import report_failed_worker
from copsession.worksheet import clean_text


class CaptureSuggester(Suggester):
    """Suggests the rest of a ``/command`` or an ``@name`` as the facilitator types."""

    def __init__(self, names: list[str], language: str) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names
        self.language = language

    async def get_suggestion(self, value: str) -> str | None:
        return suggestion(value, self.names, self.language)


def one_line(text: str) -> str:
    """Text as it may stand in the box: no control characters (so no terminal escape), one line."""
    return " ".join(clean_text(text).split("\n"))


class CaptureBox(Input):
    """The step's capture box: it shows the line; what Enter, Escape, editing and follow-ups do is
    decided in the core (:class:`copsession.typed.TypedLine`).

    The screen hears of every change of the line at once, in the order the keys came in
    (``on_change``), not through Textual's ``Input.Changed`` message: that message waits in the
    box's queue behind the keys that came with it, so when a line and its Enter arrive in one
    read (ssh, tmux, a slow link) the messages of "q", "qu", … "quick" were handled *after*
    Enter had stored the line and cleared the box — and brought the stored line back as the
    half-typed line, to reappear in the next step's box and be glued to the next note.
    """

    def __init__(
        self,
        names: list[str],
        language: str,
        placeholder: str,
        *,
        on_submit: Callable[[str], None],
        on_paste: Callable[[list[str]], None],
        on_change: Callable[[str], None],
        **kwargs,
    ) -> None:
        super().__init__(
            placeholder=placeholder, suggester=CaptureSuggester(names, language), select_on_focus=False, **kwargs
        )
        self._submit = on_submit
        self._paste_lines = on_paste
        self._changed = on_change

    def run_worker(
        self,
        work,
        name: str | None = "",
        group: str = "default",
        description: str = "",
        exit_on_error: bool = True,
        start: bool = True,
        exclusive: bool = False,
        thread: bool = False,
    ):
        """Textual's Input looks up its suggestion in a worker: should that fail, the app reports it
        and the meeting goes on (a worker's error stops the app by default)."""
        return super().run_worker(work, name or "suggest", group, description, False, start, exclusive, thread)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(self, event)

    def watch_value(self, value: str) -> None:
        self._changed(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        # the screen already heard of it (see the class's docstring); the message stops here
        event.stop()

    async def action_submit(self) -> None:
        """Hand the line to the screen at once, not through the message queue.

        A clicker's PageDown right after Enter must not overtake the line: the
        note belongs to the step in which Enter was pressed.
        """
        self._submit(self.value)

    def on_key(self, event: events.Key) -> None:
        """Enter is handled here, in the order the keys came in.

        As a binding, Enter would only act once its key event had travelled up to the app, while
        the next keys were already being typed into the box: "one⏎two⏎" sent in one burst (a
        lagging connection, a text expander) became one note "onetwo", and a "/private" remark
        could swallow the public line after it.
        """
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._submit(self.value)

    def on_paste(self, event: events.Paste) -> None:
        """A paste: control characters never reach the box; several lines become several notes."""
        event.prevent_default()
        event.stop()
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")  # terminals paste line breaks as CR
        lines = [line for line in clean_text(text).split("\n") if line.strip()]
        if len(lines) > 1:
            self._paste_lines(lines)
        elif lines:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(lines[0])
            else:
                self.replace(lines[0], *selection)

    def show_text(self, text: str) -> None:
        """Put ``text`` (a resumed half-typed line, a note to edit) in the box, cursor at the end."""
        self.value = one_line(text)
        self.action_end()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A one-line box has nothing to scroll: leave the arrow keys to the screen
        # (next speaker, next question) and out of the footer's way.
        if action in ("scroll_up", "scroll_down"):
            return False
        return super().check_action(action, parameters)
