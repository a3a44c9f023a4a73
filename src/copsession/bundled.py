"""The worksheets that ship with copsession.

In an installed package they sit in ``copsession/worksheets``; in a source
checkout (an editable install) they are read from the repository's
``worksheets/`` folder, which is where they are maintained.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from copsession.worksheet import Worksheet, parse_worksheet

DEFAULT = "regular.en"
"""The worksheet that ``copsession`` without arguments runs for an English-speaking user."""


def default_worksheet(language: str) -> str:
    """The worksheet ``copsession`` without arguments runs for a user of ``language``: the bundled
    regular meeting in that language (``regular.nl``), else the English one."""
    own = f"regular.{language}"
    return own if (_folder() / f"{own}.toml").is_file() else DEFAULT


@dataclass(frozen=True)
class BundledWorksheet:
    """A worksheet that ships with the app, by its short name (``regular.nl``)."""

    name: str
    text: str

    def load(self) -> Worksheet:
        return parse_worksheet(self.text, source=f"{self.name} (bundled)")


def _folder() -> Path:
    # Plain paths rather than importlib.resources: the package is always installed as files
    # (a wheel or an editable install), and importlib.resources costs ~9 ms at every start.
    here = Path(__file__).resolve().parent
    packaged = here / "worksheets"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "worksheets"


def bundled_worksheets() -> list[BundledWorksheet]:
    """Every bundled worksheet, sorted by name."""
    folder = _folder()
    if not folder.is_dir():
        return []
    found = [
        BundledWorksheet(entry.name.removesuffix(".toml"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    return sorted(found, key=lambda w: w.name)


def find_bundled(name: str) -> BundledWorksheet | None:
    """The bundled worksheet called ``name`` (with or without ``.toml``)."""
    name = name.removesuffix(".toml")
    entry = _folder() / f"{name}.toml"
    if "/" in name or "\\" in name or not entry.is_file():
        return None
    return BundledWorksheet(name, entry.read_text(encoding="utf-8"))
