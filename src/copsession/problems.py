"""Problems people are told about, in their own language: every storage, record and plan error."""

from __future__ import annotations

import errno
from datetime import date

from copsession.i18n import Catalog, known


class Problem(Exception):
    """A problem with a file that people are told about.

    ``str(error)`` is English; :meth:`told` says the same in the user's language, from the
    catalog key ``key`` and its ``values``. An operating-system error keeps its ``errno`` so that
    its reason is said in that language too; a value that is itself a :class:`Problem` is told
    in the same language.
    """

    def __init__(self, message: str, key: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def told(self, language: str) -> str:
        """The message in ``language`` ("en", "nl")."""
        if self.key is None:
            return str(self)
        tr = Catalog(language)
        values = {k: v.told(language) if isinstance(v, Problem) else v for k, v in self.values.items()}
        if "errno" in values:
            values["reason"] = os_reason(tr, values.pop("errno"), str(values.get("reason", "")))
        for name, value in values.items():
            if isinstance(value, date):  # as the glossary writes dates in running text
                # lazy: Babel's dates, 1 ms at the start of every command (importtime, 7 Dec 2026)
                from copsession.formats import long_date

                values[name] = long_date(value, language)
        for name in ("limit", "line", "column"):  # numbers as the glossary writes them (12.345)
            number = values.get(name)
            if isinstance(number, int) and not isinstance(number, bool):
                # lazy: Babel's dates, 1 ms at the start of every command (importtime, 7 Dec 2026)
                from copsession.formats import whole

                values[name] = whole(number, language)
        return tr(self.key, **values)


def os_reason(tr, number: object, fallback: str) -> str:
    """Why the operating system refused, in the catalog's language (its own words when unknown)."""
    name = errno.errorcode.get(number, "") if isinstance(number, int) else ""
    key = f"storage.errno.{name}"
    return tr(key) if known(key) else fallback
