"""The base of the small widgets that show one step of the record as text."""

from __future__ import annotations

from textual.widgets import Static

from copsession.i18n import Catalog
from copsession.record import SessionRecord


class StepView(Static):
    """A read-only view of step ``index`` of ``record``, in the meeting's language.

    Text from the record is never read as markup.
    """

    def __init__(self, record: SessionRecord, index: int, tr: Catalog, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.record = record
        self.index = index
        self.tr = tr
