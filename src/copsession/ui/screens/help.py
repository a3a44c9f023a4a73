"""The help screen: every key of the current screen and the quick-capture syntax."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from copsession.capture import NOTE_KINDS_TABLE, shown_words
from copsession.i18n import Catalog
from copsession.ui.localise import own_bindings
from copsession.ui.screens.dialog import Dialog


class HelpScreen(Dialog[None]):
    """Lists the keys that work now and how quick capture works; Escape or F1 closes it."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "close", show=False)]
    DEFAULT_CSS = """
    HelpScreen #help-keys, HelpScreen #help-capture {
        padding-bottom: 1;
    }
    """

    def __init__(self, under: Screen, language: str) -> None:
        super().__init__()
        self.under = under
        self.tr = Catalog(language)
        self.language = language

    def _key_name(self, binding: Binding) -> str:
        """A key written out (``Ctrl+Shift+Z``, ``Spatie``): the meeting app's names, Textual's elsewhere."""
        name = getattr(self.app, "key_name", None)
        return name(binding) if callable(name) else self.app.get_key_display(binding)

    def compose(self) -> ComposeResult:
        tr = self.tr
        keys = Table(box=None, show_header=False, pad_edge=False)
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        seen: set[str] = set()
        sources = [type(self.app), type(self.under)]
        sources += [type(w) for w in self.under.query("NoteList, ActionTable")]
        for source in sources:
            for binding in own_bindings(source):
                if not binding.description or binding.description in seen:
                    continue
                seen.add(binding.description)
                shown = binding.key_display or ", ".join(
                    self._key_name(Binding(k.strip(), "")) for k in binding.key.split(",")
                )
                keys.add_row(shown, binding.description)
        capture = Text()
        capture.append(tr("help.capture") + "\n", style="bold")
        lines = (
            ["help.capture_plain"]
            + [f"help.capture_{info.kind}" for info in NOTE_KINDS_TABLE if info.command]
            + ["help.capture_slash"]
        )
        capture.append("\n".join("• " + tr(k) for k in lines))
        capture.append("\n• " + ", ".join("/" + w for w in shown_words(self.language)))
        capture.append("\n\n" + tr("help.notes"))
        with VerticalScroll(id="help-box"):
            yield Static(tr("help.title"), classes="column-title", markup=False)
            yield Static(keys, id="help-keys", markup=False)
            yield Static(capture, id="help-capture", markup=False)
            yield Static(tr("help.close"), classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
