"""A block of text that redraws only the lines that changed.

A ``Static`` that gets new text renders all of it again, however little changed: the list of
questions in the exploration step is rebuilt after every note (a count goes up in one line), and
drawing its eight lines again was the largest single part of the frame after Enter.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""Characters a terminal takes as commands (an escape starts a sequence that could clear the
screen or retitle the window); Rich's Text removes only a few of them."""


def _printable(line: Text) -> Text:
    """``line`` with every control character shown as � (a tab as a space): one cell each, so
    the styles keep their places."""
    plain = line.plain
    if "\t" in plain or _CONTROL.search(plain):
        line = line.copy()
        line.plain = _CONTROL.sub("\ufffd", plain.replace("\t", " "))
    return line


def _same(a: Text, b: Text) -> bool:
    return a.plain == b.plain and a.style == b.style and a.spans == b.spans


class KeptLines:
    """For a widget that keeps the lines it drew in ``_strips``: a new theme (F9) or class throws
    them away, as they were drawn in the old colours (a mixin, before the widget class)."""

    _kept_styles: dict[str, Style] | None = None

    def kept_style(self, component: str = "") -> Style:
        """The widget's style (or a component's, added to it), looked up once per theme: Textual
        works it out from the widget's ancestors at every call."""
        styles = self._kept_styles
        if styles is None:
            styles = self._kept_styles = {}
        style = styles.get(component)
        if style is None:
            style = self.rich_style  # type: ignore[attr-defined]
            if component:
                style = style + self.get_component_rich_style(component)  # type: ignore[attr-defined]
            styles[component] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._kept_styles = None
        strips = getattr(self, "_strips", None)  # None while the widget is being built
        if strips:
            strips.clear()

    # -- selecting with the mouse, copying with Ctrl+C (Textual's public selection API) ----------- #

    def _row(self, line: int) -> Strip:
        """Row ``line`` of the widget's whole text (not only of what is on screen)."""
        raise NotImplementedError

    def _row_count(self) -> int:
        raise NotImplementedError

    def selectable(self, strip: Strip, line: int) -> Strip:
        """``strip``, row ``line`` of the text, as shown: the mouse's selection on it, and where each
        cell is, so that the mouse can select the text as text."""
        selection = self.text_selection  # type: ignore[attr-defined]
        if selection is not None:
            span = selection.get_span(line)
            if span is not None:
                start, end = span
                end = strip.cell_length if end == -1 else min(end, strip.cell_length)
                if start < end:
                    chosen = self.screen.get_component_rich_style("screen--selection")  # type: ignore[attr-defined]
                    strip = Strip.join(
                        [strip.crop(0, start), strip.crop(start, end).apply_style(chosen), strip.crop(end)]
                    )
        return strip.apply_offsets(0, line)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, row by row as shown (what Ctrl+C copies)."""
        last_row = self._row_count() - 1
        first = selection.start.y if selection.start is not None else 0
        last = min(selection.end.y if selection.end is not None else last_row, last_row)
        rows = [""] * first + [self._row(line).text.rstrip() for line in range(first, last + 1)]
        return selection.extract("\n".join(rows)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()  # type: ignore[attr-defined]


class TextLines(KeptLines, Widget):
    """Shows a ``rich.text.Text`` (never read as markup), wrapped to the width, line by line.

    :meth:`show` compares the new text with the shown one line by line (a line is what lies
    between two newlines): the lines that changed are drawn again, and the screen is laid out
    again only when the number of rows changes.
    """

    DEFAULT_CSS = """
    TextLines {
        height: auto;
    }
    """

    def __init__(self, text: Text | str | list[Text] = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines = self._split(text)
        self._width = 0
        self._heights: list[int] = []
        self._starts: list[int] = []
        self._strips: dict[int, list[Strip]] = {}

    @staticmethod
    def _split(text: Text | str | list[Text]) -> list[Text]:
        if isinstance(text, str):
            text = Text(text)
        lines = list(text.split("\n", allow_blank=True)) if isinstance(text, Text) else text  # a final newline: a row
        return [_printable(line) for line in lines]  # a list of its own: the caller's may change

    @property
    def plain(self) -> str:
        """The text shown, without styles."""
        return "\n".join(line.plain for line in self._lines)

    def show(self, text: Text | str | list[Text]) -> bool:
        """Show ``text`` (or its lines, without newlines: quicker than splitting a text); returns
        whether anything changed."""
        new = self._split(text)
        old = self._lines
        if len(new) == len(old) and all(_same(a, b) for a, b in zip(old, new)):
            return False
        self._lines = new
        if not self.is_mounted or self._width <= 0 or len(new) != len(old):
            self._measure_all()
            self.refresh(layout=True)
            return True
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if not _same(a, b)]
        heights = {i: self._measure(new[i], self._width) for i in changed}
        if any(heights[i] != self._heights[i] for i in changed):
            self._measure_all()
            self.refresh(layout=True)
            return True
        for i in changed:
            self._strips.pop(i, None)
            self.refresh(Region(0, self._starts[i], self._width, self._heights[i]))  # in the content area
        return True

    # -- measuring and drawing ---------------------------------------------- #

    def _measure(self, line: Text, width: int) -> int:
        return max(1, len(line.wrap(self.app.console, width))) if width > 0 else 1

    def _content_width(self) -> int:
        # from the size the layout gave the widget: asking the screen for its region is slower
        return max(self.outer_size.width - self.styles.gutter.width, 0)

    def _measure_all(self) -> None:
        self._width = self._content_width() if self.is_mounted else 0
        self._heights = [self._measure(line, self._width) for line in self._lines]
        starts, total = [], 0
        for height in self._heights:
            starts.append(total)
            total += height
        self._starts = starts
        self._strips.clear()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """For ``width: auto``: the widest line."""
        return max((line.cell_len for line in self._lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(self._measure(line, width) for line in self._lines)

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            self._measure_all()
            self.refresh()

    def _draw(self, line: Text, width: int) -> list[Strip]:
        """The rows of one line: wrapped at spaces, and a row that ends where the line wraps does
        not carry the space it wrapped at (a highlighted line would show it), as Textual's own
        widgets draw it."""
        console = self.app.console
        style = self.kept_style()
        if width <= 0:  # no room at all (the padding takes it): nothing to wrap into
            return [Strip.blank(0, style)]
        options = console.options.update_width(width)
        rows = line.wrap(console, width)
        strips: list[Strip] = []
        for number, row in enumerate(rows, 1):
            if number < len(rows):
                row.rstrip()
            row.end = ""
            strips.extend(
                Strip(segments, width) for segments in console.render_lines(row, options, style=style, pad=True)
            )
        return strips or [Strip.blank(width, style)]

    def _row_count(self) -> int:
        return sum(self._heights) if self._heights else 1

    def _row(self, y: int) -> Strip:
        if self._width != self._content_width() or len(self._heights) != len(self._lines):
            self._measure_all()
        width = self._width
        # the line whose rows include row y (few lines: a walk is as quick as a search)
        for index, start in enumerate(self._starts):
            if start <= y < start + self._heights[index]:
                break
        else:
            return Strip.blank(width, self.kept_style())
        strips = self._strips.get(index)
        if strips is None:
            strips = self._strips[index] = self._draw(self._lines[index], width)
        offset = y - self._starts[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, self.kept_style())

    def render_line(self, y: int) -> Strip:
        return self.selectable(self._row(y), y)
