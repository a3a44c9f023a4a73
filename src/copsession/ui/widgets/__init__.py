"""Widgets of the meeting screens."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def changed(widget: Static, content: Text) -> bool:
    """Show ``content`` in ``widget`` unless it shows exactly that already.

    A ``Static`` that is updated lays out the whole screen again; text that redraws after every
    note (a count, a hint) mostly has not changed, and then costs nothing.
    """
    if getattr(widget, "_shown_content", None) == content:
        return False
    widget._shown_content = content.copy()
    widget.update(content)
    return True
