"""The capture box: one line, Enter adds; completes /commands and @names."""

from __future__ import annotations

from textual.suggester import Suggester
from textual.widgets import Input

from copsession.capture import suggestion


class CaptureSuggester(Suggester):
    """Suggests the rest of a ``/command`` or an ``@name`` as the facilitator types."""

    def __init__(self, names: list[str], language: str) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names
        self.language = language

    async def get_suggestion(self, value: str) -> str | None:
        return suggestion(value, self.names, self.language)


class CaptureBox(Input):
    """The step's capture box. ``editing`` holds the id of a note being edited, if any."""


    def __init__(self, names: list[str], language: str, placeholder: str, **kwargs) -> None:
        super().__init__(placeholder=placeholder, suggester=CaptureSuggester(names, language),
                         select_on_focus=False, **kwargs)
        self.editing: int | None = None
        self.follow_up: int | None = None
        """The concern whose follow-up is being typed, if any."""

    async def action_submit(self) -> None:
        """Hand the line to the screen at once, not through the message queue.

        A clicker's PageDown right after Enter must not overtake the line: the
        note belongs to the step in which Enter was pressed.
        """
        submit = getattr(self.screen, "submit_line", None)
        if submit is None:
            await super().action_submit()
        else:
            submit(self.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A one-line box has nothing to scroll: leave the arrow keys to the screen
        # (next speaker, next question) and out of the footer's way.
        if action in ("scroll_up", "scroll_down"):
            return False
        return super().check_action(action, parameters)
