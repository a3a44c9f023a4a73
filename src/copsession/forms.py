"""Built-in creative work forms, in every language the catalogs speak.

A work form pulls a group out of its usual patterns: role play, drawing,
objects, a reversed question. Each form has a purpose, the materials to bring
and the steps to walk through; a step may carry its own minutes.

The forms are used by communities of practice on any subject, so their texts
hold no examples from one sector; a worksheet's ``guide`` or its own
``[forms.<id>]`` adds those.
"""

from __future__ import annotations

from dataclasses import dataclass

from copsession.i18n import Catalog, languages


@dataclass(frozen=True)
class FormStep:
    """One step of a work form, optionally time-boxed."""

    text: str
    minutes: int | None = None


@dataclass(frozen=True)
class WorkForm:
    """A creative work form: what it is for, what it needs, how it goes."""

    id: str
    name: str
    purpose: str
    materials: tuple[str, ...]
    steps: tuple[FormStep, ...]


FORMS: dict[str, tuple[int | None, ...]] = {
    "role-play": (3, 2, 8, 5, 5),
    "drawing": (8, 3, 8, 6),
    "objects": (3, 8, 7, 5),
    "reverse-brainstorm": (2, 8, 6, 5),
    "six-hats": (4, 3, 4, 4, 5, 3),
    "walking-conversation": (2, 15, 8),
    "what-would-x-do": (1, 8, 6, 5),
    "fishbowl": (2, 15, 5),
    "one-two-four-all": (1, 2, 4, 5),
    "brainwriting": (5, 5, 5, 5, 10),
}
"""The built-in work forms by id, with the minutes of each step. Their words are in the catalogs
(``form.<id>.name``, ``.purpose``, ``.materials`` one per line, ``.step.<n>``), so a translator's
catalog brings them to a new language."""


def builtin_forms(language: str) -> dict[str, WorkForm]:
    """The built-in work forms in ``language`` (English for what its catalog lacks), by id."""
    tr = Catalog(language if language in languages() else "en")
    return {
        form_id: WorkForm(
            form_id,
            tr(f"form.{form_id}.name"),
            tr(f"form.{form_id}.purpose"),
            tuple(tr(f"form.{form_id}.materials").splitlines()),
            tuple(FormStep(tr(f"form.{form_id}.step.{number}"), minutes) for number, minutes in enumerate(steps, 1)),
        )
        for form_id, steps in FORMS.items()
    }
