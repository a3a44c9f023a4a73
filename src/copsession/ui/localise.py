"""Bindings in the meeting's language.

Bindings are declared once per class with a catalog key as description
(``"key.next_step"``). :func:`localised` makes a subclass whose bindings carry
the translated description, so that the footer and the help screen speak the
worksheet's language without any private Textual API.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TypeVar

from textual.binding import Binding
from textual.dom import DOMNode

from copsession.i18n import Catalog

T = TypeVar("T", bound=type[DOMNode])


def own_bindings(cls: type) -> list[Binding]:
    """The bindings declared by ``cls`` and its copsession base classes, base first."""
    found: dict[str, Binding] = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("copsession"):
            continue
        for binding in base.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found[binding.key] = binding
    return list(found.values())


@cache
def localised(cls: T, language: str) -> T:
    """A subclass of ``cls`` whose bindings are described in ``language``."""
    tr = Catalog(language)
    groups: dict[str, Binding.Group] = {}

    def translate(binding: Binding) -> Binding:
        changes: dict = {}
        if binding.description.startswith("key."):
            changes["description"] = tr(binding.description)
        group = binding.group
        if group is not None and group.description.startswith("key."):
            # one translated group object per group, so the footer still groups them
            changes["group"] = groups.setdefault(group.description, Binding.Group(tr(group.description), group.compact))
        return replace(binding, **changes) if changes else binding

    bindings = [translate(b) for b in own_bindings(cls)]
    namespace = {"BINDINGS": bindings, "__module__": cls.__module__, "__qualname__": cls.__qualname__}
    return type(cls.__name__, (cls,), namespace)  # type: ignore[return-value]
