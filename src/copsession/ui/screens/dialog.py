"""What every dialog shares: centred over the meeting, in a bordered box."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

R = TypeVar("R")


class Dialog(ModalScreen[R]):
    """A modal dialog; its content goes in a container with id ``dialog`` (or a wider ``help-box``)."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog #dialog {
        width: 70;
        max-width: 95%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    Dialog #dialog .buttons {
        height: auto;
        padding-top: 1;
    }
    Dialog #dialog Button {
        margin-right: 1;
    }
    Dialog #help-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    """
