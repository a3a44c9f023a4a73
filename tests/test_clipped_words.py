"""No word of ours is cut off at the right edge of a panel or the screen, at any snapshot size.

Every accepted snapshot (tests/__snapshots__/test_snapshots/) is read back as lines of text. A
word that ends where a line or a panel ends (the screen's edge, or a border character) and is a
strict beginning of a word from the catalog or the test worksheet, without being a word itself,
was clipped: ``Hul`` for ``Hulp``, ``Uiterli`` for ``Uiterlijk``. A word shortened on purpose ends
with an ellipsis and is fine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SMALL
from copsession.i18n import texts as catalog_texts
from mdhelpers import svg_lines

SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_snapshots"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
EDGE = "│┃▎▊█╮╯┐┘▌▐"


def vocabulary() -> set[str]:
    words: set[str] = set()
    for texts in [*catalog_texts("en").values(), *catalog_texts("nl").values()]:
        for text in texts:
            words.update(w.casefold() for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", text)))
    words.update(w.casefold() for w in WORD.findall(SMALL))
    from copsession.forms import builtin_forms

    for forms in (builtin_forms("en"), builtin_forms("nl")):
        for form in forms.values():
            words.update(
                w.casefold() for w in WORD.findall(" ".join([form.name, form.purpose, *(s.text for s in form.steps)]))
            )
    return words


def clipped(lines: list[str], words: set[str], width: int) -> list[str]:
    """The words in ``lines`` that a panel's or the screen's right edge cut off."""
    found = []
    for line in lines:
        for match in WORD.finditer(line):
            end = match.end()
            at_edge = end >= width or (end < len(line) and line[end] in EDGE)
            word = match.group().casefold()
            if not at_edge or len(word) < 3 or word in words:
                continue
            if any(known.startswith(word) and known != word for known in words):
                found.append(match.group())
    return found


def test_the_scan_finds_a_clipped_word():
    words = vocabulary()
    assert clipped(["PgUp Vorige  f1 Hul"], words, 19) == ["Hul"]
    assert clipped(["│ Uiterli│"], words, 40) == ["Uiterli"]
    assert clipped(["f1 Hulp  "], words, 9) == []
    assert clipped(["Fatima (GGD, youth healt…"], words, 25) == []


@pytest.mark.parametrize(
    "path",
    sorted(SNAPSHOTS.glob("*.svg")),
    ids=lambda p: p.stem.removeprefix("test_screen_snapshot[").removesuffix("]"),
)
def test_no_snapshot_cuts_off_a_word(path):
    width = int(re.search(r"-(\d+)x\d+\]?$", path.stem).group(1))
    lines = svg_lines(path.read_text(encoding="utf-8"))
    assert clipped(lines, vocabulary(), width) == []
