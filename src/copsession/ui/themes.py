"""Two high-contrast themes for projectors and video calls.

These are the only colour definitions in Python: Textual themes are declared as
objects; everything else takes its colours from the theme's variables in the .tcss.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR_DARK = Theme(
    name="projector-dark",
    primary="#4FC3F7",
    secondary="#FFD54F",
    accent="#FFD54F",
    warning="#FFB300",
    error="#FF5252",
    success="#69F0AE",
    foreground="#FFFFFF",
    background="#000000",
    surface="#121212",
    panel="#1E1E1E",
    dark=True,
)

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    primary="#0D47A1",
    secondary="#6A1B9A",
    accent="#6A1B9A",
    warning="#E65100",
    error="#B71C1C",
    success="#1B5E20",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#E0E0E0",
    dark=False,
)

THEMES = (PROJECTOR_DARK, PROJECTOR_LIGHT)
CYCLE = ("projector-dark", "projector-light", "textual-dark", "textual-light")
"""The themes F9 steps through."""
DEFAULT_THEME = "projector-dark"
