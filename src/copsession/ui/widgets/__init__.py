"""Widgets of the meeting screens."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


def changed(widget: Static, content: Text) -> bool:
    """Show ``content`` in ``widget`` unless it shows exactly that already.

    A ``Static`` that is updated lays out the whole screen again; text that redraws after every
    note (a count, a hint) mostly has not changed, and then costs nothing.
    """
    shown = getattr(widget, "_shown_content", None)
    if shown == content:
        return False
    widget._shown_content = content.copy()
    widget.update(content, layout=shown is None or not _same_room(widget, shown, content))
    return True


def _same_room(widget: Static, old: Text, new: Text) -> bool:
    """True when ``new`` takes as many lines as ``old`` at the widget's width (and, for a widget as
    wide as its text, as many columns): then redrawing the widget is enough, no layout is needed.
    Only the lines that changed are measured (a count went up in one of them, mostly)."""
    if not widget.is_mounted:
        return False
    width = widget.outer_size.width - widget.styles.gutter.width  # not content_region: that maps the screen
    if width <= 0:
        return False
    old_lines, new_lines = old.plain.split("\n"), new.plain.split("\n")
    if len(old_lines) != len(new_lines):
        return False
    auto_width = widget.styles.width is not None and widget.styles.width.is_auto
    if auto_width and max(map(cell_len, old_lines)) != max(map(cell_len, new_lines)):
        return False
    console = widget.app.console
    for before, after in zip(old_lines, new_lines):
        if before == after or (cell_len(before) <= width and cell_len(after) <= width):
            continue  # unchanged, or one line either way
        if len(Text(before).wrap(console, width)) != len(Text(after).wrap(console, width)):
            return False
    return True
