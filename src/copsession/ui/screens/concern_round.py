"""The concern round: each person names what worries them; concerns get follow-ups."""

from __future__ import annotations

from copsession.ui.screens.round import RoundScreen
from copsession.ui.widgets.notes import ConcernNoteList


class ConcernRoundScreen(RoundScreen):
    """Concern round: a plain line is a concern of the person speaking; Ctrl+F in the list adds a follow-up."""

    note_list_class = ConcernNoteList
