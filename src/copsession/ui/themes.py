"""Two high-contrast themes for projectors and video calls.

These are the only colour definitions in Python: Textual themes are declared as
objects; everything else takes its colours from the theme's variables in the .tcss.

Every text in these themes reaches 7:1 (WCAG 2 AAA) against what is behind it, which a washed-out
projector still shows (tests/test_contrast.py measures every screen). So:

- text is the full foreground colour, not Textual's 87 %; hints (``$text-muted``) and the capture
  box's placeholder (``$text-disabled``) are 75 % and 70 % of it, not 60 % and 38 %;
- warning and error are colours that read as text on the background and carry black (dark) or
  white (light) text as a background: amber and coral red on black, burnt orange and deep red on
  white; the two stay apart in hue, so an orange and a red timer are still told apart;
- the light theme's surface is nearly white, because Rich's "dim" (done agenda steps, dates of
  carried items, absent people) keeps only two thirds of the contrast of what is behind it.
"""

from __future__ import annotations

from textual.theme import Theme

# Textual's defaults are "auto 87%", "auto 60%" and "auto 38%" (textual/design.py)
TEXT_VARIABLES = {
    "text": "auto 100%",
    "text-muted": "auto 75%",
    "text-disabled": "auto 70%",
}

PROJECTOR_DARK = Theme(
    name="projector-dark",
    primary="#4FC3F7",
    secondary="#FFD54F",
    accent="#FFD54F",
    warning="#FFB300",
    error="#FF7575",
    success="#69F0AE",
    foreground="#FFFFFF",
    background="#000000",
    surface="#121212",
    panel="#1E1E1E",
    dark=True,
    variables=dict(TEXT_VARIABLES),
)

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    primary="#0D47A1",
    secondary="#6A1B9A",
    accent="#6A1B9A",
    warning="#804000",
    error="#A0001A",
    success="#1B5E20",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F8F8F8",
    panel="#E8E8E8",
    dark=False,
    variables=dict(TEXT_VARIABLES),
)

THEMES = (PROJECTOR_DARK, PROJECTOR_LIGHT)
CYCLE = ("projector-dark", "projector-light", "textual-dark", "textual-light")
"""The themes F9 steps through."""
DEFAULT_THEME = "projector-dark"
