"""Dates and numbers as a reader of the meeting's language expects them.

Month and weekday names and the decimal sign come from Babel (the CLDR data), never from tables
of our own. Dutch: ``30 november 2026`` in prose and documents, ``30-11-2026`` in tables, on
screens and in input, ``3,5``; English: ``30 November 2026``, ISO dates (``2026-11-30``) on
screens, ``3.5``. Short dates need no names, so they are formatted without loading Babel (the
opening screen shows them before its first frame; Babel's locale data costs about 25 ms).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.core import Locale

BABEL_LOCALE = {"en": "en_GB", "nl": "nl_NL"}


def babel_locale(language: str) -> str:
    """The CLDR locale of a language: British English, the Netherlands' Dutch, and for a language a
    translator added, that language itself when Babel knows it (else British English)."""
    if language in BABEL_LOCALE:
        return BABEL_LOCALE[language]
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
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
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=babel_locale(language))


def weekday_date(day: date, language: str) -> str:
    """``maandag 30 november 2026`` / ``Monday 30 November 2026``."""
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.dates import format_date

    return format_date(day, "EEEE d MMMM y", locale=babel_locale(language))


def day_date(day: date, language: str) -> str:
    """``di 3 maart 2027`` / ``Tue 3 March 2027``: a date with its weekday, short, for lists of changes."""
    from babel.dates import format_date

    return format_date(day, "EEE d MMMM y", locale=babel_locale(language))


def decimal(value: float, language: str, digits: int = 1) -> str:
    """``3,5`` in Dutch, ``3.5`` in English, with ``digits`` decimals."""
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.numbers import format_decimal

    pattern = "0." + "0" * digits if digits else "0"
    return format_decimal(value, pattern, locale=babel_locale(language))


def whole(value: int, language: str) -> str:
    """``1.000.000`` in Dutch, ``1,000,000`` in English."""
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.numbers import format_decimal

    return format_decimal(value, "#,##0", locale=babel_locale(language))


def weekday(day: date, language: str) -> str:
    """The weekday of ``day`` as prose writes it: ``woensdag`` / ``Wednesday``."""
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.dates import format_date

    return format_date(day, "EEEE", locale=babel_locale(language))


def weekday_names(language: str) -> list[str]:
    """The weekday names, Monday first, in lower case: ``["maandag", …]``."""
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.core import Locale

    days = Locale.parse(babel_locale(language)).days["format"]["wide"]
    return [days[i].casefold() for i in range(7)]


def _locales(language: str) -> list[Locale]:
    """The CLDR locales of ``language``: its own (``nl_NL``, ``en_GB``) and the language's (``nl``,
    ``en``: American English writes ``Sep`` and ``March 3, 2027``)."""
    # lazy: Babel, 9 ms (19 modules) at the start of `run` (importtime, 7 Dec 2026)
    from babel.core import Locale, UnknownLocaleError

    found = []
    for name in dict.fromkeys((babel_locale(language), language)):
        try:
            found.append(Locale.parse(name))
        except (ValueError, TypeError, UnknownLocaleError):
            continue
    return found


def month_names(language: str) -> dict[str, int]:
    """Every name of a month in ``language``, in lower case and without a trailing dot, to its number:
    wide and abbreviated, in a date and standing alone (``maart``, ``mrt`` → 3; in English
    ``september``, ``sept``, ``sep`` → 9)."""
    names: dict[str, int] = {}
    for locale in _locales(language):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    names.setdefault(name.casefold().rstrip("."), number)
    return names


def month_first(language: str) -> bool:
    """Whether ``language`` also writes the month before the day (``March 3, 2027``): its long date
    format puts it there in one of its locales. Every language here writes ``3 March 2027`` too."""
    for locale in _locales(language):
        pattern = locale.date_formats["long"].pattern
        if 0 <= pattern.find("M") < pattern.find("d"):
            return True
    return False
