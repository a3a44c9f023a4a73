"""The yardstick: a bare Textual app (a header, an input box and a footer), run as a command.

    python benchmarks/bare_app.py

``bench.py`` starts it in a pseudo-terminal exactly as it starts ``copsession``, and stops the
clock when a frame holding :data:`MARKER` (the title in the header) has been written. It is what
any Textual app with a capture box costs, so copsession's start-up is judged against it.
Ctrl+Q quits (Textual's own binding).
"""

from __future__ import annotations

from textual.app import App
from textual.widgets import Footer, Header, Input

MARKER = "Bare Textual app"
"""Text of the first frame that ``bench.py`` waits for."""


class Bare(App):
    """What any Textual app with an input box costs."""

    TITLE = MARKER

    def compose(self):
        yield Header()
        yield Input()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()


if __name__ == "__main__":
    Bare().run()
