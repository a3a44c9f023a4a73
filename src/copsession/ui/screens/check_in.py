"""The check-in: a round in which each person answers the prompt."""

from __future__ import annotations

from copsession.ui.screens.base import RoundScreen


class CheckInScreen(RoundScreen):
    """Check-in round: notes go to the person speaking."""
