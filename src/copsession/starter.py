"""The commented starter worksheet that ``copsession new`` writes: one catalog message,
``starter.worksheet``, so a translator's catalog brings it to a new language."""

from __future__ import annotations

from copsession.i18n import Catalog, languages


def starter_worksheet(language: str, filename: str) -> str:
    """The starter worksheet's text in ``language`` (English where its catalog has none)."""
    return Catalog(language if language in languages() else "en")("starter.worksheet", filename=filename)
