"""The days a CoP does not meet: the public holidays of the group's country (from the ``holidays``
library, imported only when a plan is laid out: it costs about 100 ms) and the weeks around
Christmas and New Year, 24 December to 1 January inclusive, in every country.

A plan moves a meeting that falls on such a day one week later, to the same weekday, until it
falls on a free day: groups usually keep a fixed day of the week free for their CoP.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from copsession.i18n import Catalog

COUNTRY = re.compile(r"[A-Z]{2}")
"""How a country is written in a plan: its ISO 3166 code (``NL``)."""

DEFAULT_COUNTRY = {"nl": "NL", "en": ""}
"""Whose public holidays a new plan avoids when no ``--country`` is given: the Netherlands for a
Dutch plan; none for an English one (an English plan may be anywhere)."""

NO_COUNTRY = {"none", "geen", "-"}
"""What ``--country`` takes for "no country": only the Christmas weeks are avoided."""


def christmas_weeks(day: date) -> bool:
    """True from 24 December to 1 January inclusive."""
    return (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)


def known_country(code: str) -> bool:
    """True when ``code`` is a country whose public holidays the ``holidays`` library knows."""
    if not COUNTRY.fullmatch(code):
        return False
    import holidays

    return code in holidays.list_supported_countries()


@functools.lru_cache(maxsize=16)
def _calendar(country: str, language: str):
    import holidays

    kind = getattr(holidays, country)
    supported = getattr(kind, "supported_languages", ()) or ()
    wanted: str | None = {"nl": "nl", "en": "en_US"}.get(language, "en_US")
    if wanted not in supported:
        wanted = "en_US" if "en_US" in supported else None  # else the country's own language
    return holidays.country_holidays(country, language=wanted)


def day_off(day: date, country: str, language: str) -> str | None:
    """Why nobody meets on ``day`` (the holiday's name, in ``language`` where the library has it,
    or the Christmas weeks), or None when it is a free day."""
    if country:
        name = _calendar(country, language).get(day)
        if name:
            return "; ".join(dict.fromkeys(part.strip() for part in name.split(";")))
    if christmas_weeks(day):
        return Catalog(language if language in ("en", "nl") else "en")("plan.christmas_weeks")
    return None
