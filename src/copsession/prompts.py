"""Built-in question banks: check-in prompts and provocations, in every language the catalogs speak.

Check-in prompts help professionals from different fields arrive and connect
their own work to the group's question. Provocations pull a group out of its
usual thinking while it explores the central question.

The banks are used by communities of practice on any subject (a harbour,
healthcare, climate adaptation, youth policy, ...), so they hold no examples
from one sector: those belong in a worksheet's own ``prompts`` and
``provocations``. The questions are catalog messages (``prompt.check_in.01``, …,
``prompt.provocation.01``, …): every language has the same questions, in the same order.
"""

from __future__ import annotations

from copsession.i18n import Catalog, keys, languages


def _bank(prefix: str, language: str) -> tuple[str, ...]:
    tr = Catalog(language if language in languages() else "en")
    return tuple(tr(key) for key in keys() if key.startswith(prefix))


def check_in_prompts(language: str) -> tuple[str, ...]:
    """The check-in prompts in ``language`` (at least thirty)."""
    return _bank("prompt.check_in.", language)


def provocations(language: str) -> tuple[str, ...]:
    """The provocations in ``language``."""
    return _bank("prompt.provocation.", language)
