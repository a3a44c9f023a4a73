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
    wide as its text, as many columns): then redrawing the widget is enough, no layout is needed."""
    width = widget.content_region.width
    if not widget.is_mounted or width <= 0:
        return False
    old_lines, new_lines = old.plain.split("\n"), new.plain.split("\n")
    old_widest, new_widest = max(map(cell_len, old_lines)), max(map(cell_len, new_lines))
    if widget.styles.width is not None and widget.styles.width.is_auto and old_widest != new_widest:
        return False
    if old_widest <= width and new_widest <= width:  # no line wraps: as many lines as there are
        return len(old_lines) == len(new_lines)
    console = widget.app.console
    return len(old.wrap(console, width)) == len(new.wrap(console, width))
