"""The bases of the small widgets that show part of the meeting as text and redraw every second."""

from __future__ import annotations

from copsession.engine import Meeting
from copsession.i18n import Catalog
from copsession.record import SessionRecord
from copsession.ui.widgets.lines import TextLines


class RecordView(TextLines):
    """A read-only view of the meeting in its language; text is never read as markup.

    :meth:`show` (from :class:`TextLines`) redraws only the lines that changed, and asks for a
    new layout only when the number of rows changed: the once-a-second redraw of the timer and the
    agenda must not reflow the screen, nor draw again what still stands.
    """

    def __init__(self, meeting: Meeting, tr: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meeting = meeting
        self.tr = tr

    @property
    def record(self) -> SessionRecord:
        return self.meeting.record


class StepView(RecordView):
    """A read-only view of step ``index`` of the meeting."""

    def __init__(self, meeting: Meeting, index: int, tr: Catalog, **kwargs) -> None:
        super().__init__(meeting, tr, **kwargs)
        self.index = index
