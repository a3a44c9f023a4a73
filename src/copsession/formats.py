"""Dates and numbers as a reader of the meeting's language expects them.

Month and weekday names and the decimal sign come from Babel (the CLDR data), never from tables
of our own. Dutch: ``30 november 2026`` in prose and documents, ``30-11-2026`` in tables, on
screens and in input, ``3,5``; English: ``30 November 2026``, ISO dates (``2026-11-30``) on
screens, ``3.5``. Short dates need no names, so they are formatted without loading Babel (the
opening screen shows them before its first frame; Babel's locale data costs about 25 ms).
"""

from __future__ import annotations

from datetime import date

BABEL_LOCALE = {"en": "en_GB", "nl": "nl_NL"}


def babel_locale(language: str) -> str:
    """The CLDR locale of a language: British English, the Netherlands' Dutch, and for a language a
    translator added, that language itself when Babel knows it (else British English)."""
    if language in BABEL_LOCALE:
        return BABEL_LOCALE[language]
    from babel.core import Locale, UnknownLocaleError

    try:
        Locale.parse(language)
    except (ValueError, TypeError, UnknownLocaleError):
        return "en_GB"
    return language


def short_date(day: date, language: str) -> str:
    """``30-11-2026`` in Dutch, ``2026-11-30`` in English: for screens, tables and input."""
    if language == "nl":
        return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
    return day.isoformat()


def long_date(day: date, language: str) -> str:
    """``30 november 2026`` / ``30 November 2026``: for prose and documents."""
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=babel_locale(language))


def weekday_date(day: date, language: str) -> str:
    """``maandag 30 november 2026`` / ``Monday 30 November 2026``."""
    from babel.dates import format_date

    return format_date(day, "EEEE d MMMM y", locale=babel_locale(language))


def decimal(value: float, language: str, digits: int = 1) -> str:
    """``3,5`` in Dutch, ``3.5`` in English, with ``digits`` decimals."""
    from babel.numbers import format_decimal

    pattern = "0." + "0" * digits if digits else "0"
    return format_decimal(value, pattern, locale=babel_locale(language))


def whole(value: int, language: str) -> str:
    """``1.000.000`` in Dutch, ``1,000,000`` in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, "#,##0", locale=babel_locale(language))


def weekday_names(language: str) -> list[str]:
    """The weekday names, Monday first, in lower case: ``["maandag", …]``."""
    from babel.core import Locale

    days = Locale.parse(babel_locale(language)).days["format"]["wide"]
    return [days[i].casefold() for i in range(7)]
