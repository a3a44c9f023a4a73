"""Keeping the catalogs, with Babel: ``python -m copsession.i18n_tools update`` after a message was
added to or changed in ``locale/en.po`` (the English catalog is where a message is born: its
``msgctxt`` is the key the code uses, its ``msgid`` and ``msgstr`` the English text). It writes the
template ``locale/copsession.pot`` from it and merges the template into every other catalog: a new
message arrives there untranslated, a changed English text marks its translation fuzzy, and the
tests fail until a translator has looked at both. ``check`` lists what a catalog still lacks.

Not imported by the app (Babel's catalog code costs 40 ms to import); the tests use it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from copsession.i18n import BUNDLED, LOCALE_DIR

HEADER = """\
Translations of copsession, a facilitator's tool for communities of practice.
This file is distributed under the same license as the copsession project.
"""


def _read(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _write(catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, ignore_obsolete=True)
    text = buffer.getvalue().decode("utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith('"Report-Msgid-Bugs-To:'))


def _empty(language: str | None, like):
    catalog = Catalog(
        locale=language,
        header_comment="# " + HEADER.strip().replace("\n", "\n# "),
        project="copsession",
        version="1",
        msgid_bugs_address="",
        creation_date=like.creation_date,
        revision_date=like.revision_date,
        last_translator="copsession",
        language_team="copsession",
        fuzzy=False,
    )
    return catalog


def template_text() -> str:
    """The template as the English catalog makes it: every message, without a translation."""
    english = _read(LOCALE_DIR / "en.po")
    template = _empty(None, english)
    for message in english:
        if not message.id:
            continue
        blank = ("",) * len(message.id) if isinstance(message.id, tuple) else ""
        template.add(
            message.id,
            blank,
            context=message.context,
            auto_comments=message.auto_comments,
            user_comments=message.user_comments,
            flags=[f for f in message.flags if f != "fuzzy"],
        )
    return _write(template)


def update() -> list[Path]:
    """Write the template, and merge it into every catalog but the English one; the files written."""
    text = template_text()
    pot = LOCALE_DIR / "copsession.pot"
    pot.write_text(text, encoding="utf-8")
    template = read_po(io.BytesIO(text.encode("utf-8")))
    written = [pot]
    for path in sorted(LOCALE_DIR.glob("*.po")):
        if path.stem == "en":
            continue
        catalog = _read(path)
        catalog.update(template)
        path.write_text(_write(catalog), encoding="utf-8")
        written.append(path)
    return written


def check() -> list[str]:
    """What each catalog lacks: messages of the template without a translation, or marked fuzzy."""
    template = _read(LOCALE_DIR / "copsession.pot")
    problems = []
    for path in sorted(LOCALE_DIR.glob("*.po")):
        catalog = _read(path)
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            strings = (found.string if isinstance(found.string, tuple) else (found.string,)) if found else ()
            if found is None or found.fuzzy or not all(strings):
                problems.append(f"{path.name}: {message.context or message.id}")
        problems += [f"{path.name}: {error}" for _, errors in catalog.check() for error in errors]
    return problems


def main(argv: list[str] | None = None) -> int:
    command = (argv if argv is not None else sys.argv[1:]) or ["check"]
    if command[0] == "update":
        for path in update():
            print(f"written: {path}")
        return 0
    if command[0] == "check":
        problems = check()
        print("\n".join(problems) if problems else f"complete: {', '.join(BUNDLED)}")
        return 1 if problems else 0
    print("usage: python -m copsession.i18n_tools [update|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
