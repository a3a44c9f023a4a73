"""At start-up: an unfinished meeting of this worksheet was found. Resume it, or start afresh —
or, when another window runs it, look at it read-only or start a separate meeting."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from copsession.formats import long_date
from copsession.i18n import Catalog
from copsession.ui.screens.dialog import Dialog


def _moment(text: object, tr: Catalog) -> str:
    """``6 december 2026 om 19:33`` / ``6 December 2026 at 19:33``; ``–`` when it is not a moment."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return "–"
    return tr("dialog.resume_moment", date=long_date(moment.date(), tr.language), time=moment.strftime("%H:%M"))


def _clock(text: object) -> str:
    try:
        return datetime.fromisoformat(str(text)).strftime("%H:%M")
    except ValueError:
        return "–"


class ResumeScreen(Dialog[str]):
    """Dismisses with ``resume``, ``fresh``, ``read-only``, ``separate`` or ``quit``."""

    BINDINGS = [Binding("escape", "default", show=False)]

    def __init__(self, offer, language: str) -> None:
        super().__init__()
        self.offer = offer
        self.tr = Catalog(language)

    def compose(self) -> ComposeResult:
        tr = self.tr
        summary = self.offer.summary
        title = summary.get("current_title")
        where = tr("dialog.resume_step", title=title) if title else tr("dialog.resume_opening")
        started = _moment(summary.get("started"), tr)
        notes = summary.get("notes", 0) if isinstance(summary.get("notes", 0), int) else 0
        with Vertical(id="dialog"):
            if self.offer.holder is None:
                yield Static(tr("dialog.resume_title"), classes="column-title", markup=False)
                yield Static(
                    tr(
                        "dialog.resume_body",
                        started=started,
                        saved=_clock(summary.get("saved")),
                        count=notes,
                        step=where,
                    ),
                    markup=False,
                )
                with Horizontal(classes="buttons"):
                    yield Button(tr("dialog.resume"), id="resume", variant="primary")
                    yield Button(tr("dialog.start_fresh"), id="fresh")
            else:
                pid = self.offer.holder if self.offer.holder > 0 else "?"
                yield Static(tr("dialog.locked_title"), classes="column-title", markup=False)
                yield Static(
                    tr("dialog.locked_body", started=started, pid=pid, count=notes, step=where),
                    markup=False,
                )
                with Horizontal(classes="buttons"):
                    yield Button(tr("dialog.read_only"), id="read-only", variant="primary")
                    yield Button(tr("dialog.separate"), id="separate")
                    yield Button(tr("dialog.quit"), id="quit")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "separate")

    def action_default(self) -> None:
        """Escape: the choice that changes nothing on disk."""
        self.dismiss("separate" if self.offer.holder is not None else "resume")
