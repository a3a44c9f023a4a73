"""The bases of the small widgets that show part of the meeting as text and redraw every second."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from copsession.engine import Meeting
from copsession.i18n import Catalog
from copsession.record import SessionRecord


class RecordView(Static):
    """A read-only view of the meeting in its language; text is never read as markup.

    :meth:`show` redraws only when the text changed, and asks for a new layout only when
    the number of lines changed: the once-a-second redraw must not reflow the screen
    (with a long list of notes that would cost a frame while someone types).
    """

    def __init__(self, meeting: Meeting, tr: Catalog, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.meeting = meeting
        self.tr = tr
        self._shown: Text | str | None = None

    @property
    def record(self) -> SessionRecord:
        return self.meeting.record

    def show(self, text: Text | str) -> None:
        """Display ``text`` unless it is already shown."""
        previous = self._shown
        if previous is not None and str(previous) == str(text) and (
                not isinstance(text, Text) or not isinstance(previous, Text) or text.spans == previous.spans):
            return
        lines = str(text).count("\n")
        self._shown = text
        self.update(text, layout=previous is None or str(previous).count("\n") != lines)


class StepView(RecordView):
    """A read-only view of step ``index`` of the meeting."""

    def __init__(self, meeting: Meeting, index: int, tr: Catalog, **kwargs) -> None:
        super().__init__(meeting, tr, **kwargs)
        self.index = index
