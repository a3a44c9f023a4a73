"""The capture box: one line, Enter adds; completes /commands and @names; a pasted block becomes notes."""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.suggester import Suggester
from textual.widgets import Input
from textual.widgets.input import Selection

from copsession.capture import suggestion
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


_INPUT_STATE = all(hasattr(Input, name) for name in ("_cursor_visible", "_suggestion"))
"""Textual's Input keeps the cursor's blink and the suggestion where the kept lines look for them
(a later Textual may not: then every line is drawn afresh)."""


class CaptureBox(Input):
    """The step's capture box. ``editing`` holds the id of a note being edited, ``follow_up`` the
    concern whose follow-up is typed."""

    def __init__(self, names: list[str], language: str, placeholder: str, *,
                 on_submit: Callable[[str], None], on_paste: Callable[[list[str]], None], **kwargs) -> None:
        super().__init__(placeholder=placeholder, suggester=CaptureSuggester(names, language),
                         select_on_focus=False, **kwargs)
        self.editing: int | None = None
        self.follow_up: int | None = None
        self._submit = on_submit
        self._paste_lines = on_paste

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=False)
    """How wide the line is, for scrolling it sideways. Textual's Input lays out the whole screen
    again whenever it changes, that is at every keystroke, though the box keeps its size: here it
    only redraws the box (a keystroke, and Enter, cost one frame and no layout)."""

    # What the box shows in its one line of text: a change redraws that line, not the border around
    # it (Textual's Input redraws the whole box, three rows, at every keystroke).
    value: Reactive[str] = Reactive("", init=False, repaint=False)
    selection: Reactive[Selection] = Reactive(Selection.cursor(0), repaint=False)
    placeholder: Reactive[str] = Reactive("", repaint=False)
    _cursor_visible: Reactive[bool] = Reactive(True, repaint=False)
    _suggestion: Reactive[str] = Reactive("", repaint=False)

    def _redraw_text(self) -> None:
        if self.is_mounted:
            # the row of text, border to border (regions are given in the content area)
            self.refresh(Region(-self.styles.gutter.left, 0, self.outer_size.width, 1))

    def watch_value(self) -> None:
        self._redraw_text()

    def watch_selection(self) -> None:
        self._redraw_text()

    def watch_placeholder(self) -> None:
        self._redraw_text()

    def watch__cursor_visible(self) -> None:
        self._redraw_text()

    def watch__suggestion(self) -> None:
        self._redraw_text()

    _style_generation = 0
    _drawn: dict[tuple, Strip] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_generation += 1  # a theme, the focus, a class: what was drawn is out of date

    def render_line(self, y: int) -> Strip:
        """The line as Textual's Input draws it, kept for the few states that come back: the
        cursor blinking on and off, and the empty box with its hint after every Enter."""
        if y != 0 or not _INPUT_STATE:
            return super().render_line(y)
        key = (self.value, self.placeholder, self.has_focus, self._cursor_visible, self.cursor_position,
               self.selection, self._suggestion, self.scroll_offset.x, self.outer_size.width,
               self._style_generation)
        drawn = self._drawn
        if drawn is None:
            drawn = self._drawn = {}
        strip = drawn.get(key)
        if strip is None:
            if len(drawn) >= 4:
                drawn.clear()
            strip = drawn[key] = super().render_line(y)
        return strip

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
        """Put ``text`` (a resumed half-typed line, a note to edit) in the box, cursor at the end.

        Not announced as typing (no ``Input.Changed``): the screen already knows what it put here,
        and the message, bubbling up to the screen, delayed the frame after every Enter."""
        with self.prevent(Input.Changed):
            self.value = one_line(text)
        self.action_end()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A one-line box has nothing to scroll: leave the arrow keys to the screen
        # (next speaker, next question) and out of the footer's way.
        if action in ("scroll_up", "scroll_down"):
            return False
        return super().check_action(action, parameters)
