"""The concern round: each person names what worries them."""

from __future__ import annotations

from copsession.ui.screens.base import RoundScreen


class ConcernRoundScreen(RoundScreen):
    """Concern round: a plain line is a concern of the person speaking."""

    plain_kind = "concern"
