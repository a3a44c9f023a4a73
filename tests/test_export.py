"""Exports people can send: minutes rendered by the real renderer, converted by the bundled pandoc,
and read back with real readers (python-docx, odfpy, the standard library's HTML parser)."""

from __future__ import annotations

import os
import re
import zipfile
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from copsession.brief import render_brief
from copsession.clock import FakeClock
from copsession.export import FORMATS, ExportError, export_all, export_document
from copsession.minutes import render_minutes
from copsession.storage import StorageError
from meetings import new_meeting, say

docx = pytest.importorskip("docx")
odf_opendocument = pytest.importorskip("odf.opendocument")
from odf import dc, style, teletype  # noqa: E402
from odf import table as odftable  # noqa: E402
from odf import text as odftext  # noqa: E402

NOW = datetime(2026, 12, 3, 14, 0)
END = datetime(2026, 12, 3, 15, 20)

# Every character the minutes escape, and a few that pandoc's richer Markdown dialects would
# change: smart quotes, :emoji:, ^superscript^, {.attributes}.
HOSTILE = 'Pipes | <b>bold</b> # not a heading *star* _under_ [link](x) [ ] 🎉 Zoë\'s "idee" :smile: ^up^ {.cls}'
HASH_NOTE = "# starts like a heading, daarna één lijst"
ACTION = "Invite the school board"
PIPE_ACTION = "Find figures | & costs"


def build(worksheet, folder: Path) -> tuple[Path, Path]:
    """The minutes and the brief of a meeting typed through the engine, written to ``folder``."""
    clock = FakeClock(NOW)
    m = new_meeting(worksheet, clock)
    m.set_present("Mirjam", False)
    m.go_to(0)
    say(m, "I bring questions from the nurses")
    m.move_turn(+1)
    say(m, HOSTILE)
    clock.advance(600)
    m.go_to(1)
    say(m, HASH_NOTE, "1. numbered at the start", "/question How many children feel unsafe?")
    clock.advance(1200)
    m.go_to(5)
    say(m, "/result A shared map of signals", f"/action {ACTION} @Fatima 2026-12-10", f"/action {PIPE_ACTION}")
    m.set_pulse("Fatima", 4)
    m.set_pulse("Joost", 3)
    minutes = folder / "2026-12-03-safe-at-school.md"
    minutes.write_text(render_minutes(m.record, ended=END, mono=4200), encoding="utf-8")
    brief = folder / "2026-12-03-safe-at-school-brief.md"
    brief.write_text(render_brief(m.record), encoding="utf-8")
    return minutes, brief


@pytest.fixture
def minutes(small, tmp_path) -> Path:
    return build(small, tmp_path)[0]


@pytest.fixture
def minutes_nl(small_nl, tmp_path) -> Path:
    return build(small_nl, tmp_path)[0]


# --- readers: what a person opening the file would see --------------------------------------


class View:
    """What an export shows: its headings, tables (rows of cell texts), list items, its text in blocks."""

    def __init__(self, headings, tables, list_items, texts, language):
        self.headings = headings
        self.tables = tables
        self.list_items = list_items
        self.texts = texts
        self.language = language

    def count(self, needle: str) -> int:
        return sum(t.count(needle) for t in self.texts)

    def table_with(self, header: str) -> list[list[str]]:
        return next(t for t in self.tables if header in t[0])


def read_docx(path: Path) -> View:
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    headings = [(p.text, p.style.name) for p in paragraphs if p.style.name.startswith("Heading")]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    list_items = [p.text for p in paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    cell_texts = [cell.text for t in document.tables for row in t.rows for cell in row.cells]
    return View(
        headings, tables, list_items, [p.text for p in paragraphs] + cell_texts, document.core_properties.language
    )


def docx_default_language(path: Path) -> str:
    document = docx.Document(str(path))
    values = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    return values[0] if values else ""


def _odt_text(element) -> str:
    """The text of a cell or list item: its paragraphs (the white space between elements is not text)."""
    return "\n".join(teletype.extractText(p) for p in element.getElementsByType(odftext.P))


def read_odt(path: Path) -> View:
    document = odf_opendocument.load(str(path))
    headings = [
        (teletype.extractText(h), h.getAttribute("outlinelevel")) for h in document.getElementsByType(odftext.H)
    ]
    tables = []
    for t in document.getElementsByType(odftable.Table):
        tables.append(
            [
                [_odt_text(c) for c in row.getElementsByType(odftable.TableCell)]
                for row in t.getElementsByType(odftable.TableRow)
            ]
        )
    list_items = [_odt_text(item) for item in document.getElementsByType(odftext.ListItem)]
    texts = [teletype.extractText(p) for p in document.getElementsByType(odftext.P)] + [h for h, _ in headings]
    languages = [teletype.extractText(x) for x in document.meta.getElementsByType(dc.Language)]
    return View(headings, tables, list_items, texts, languages[0] if languages else "")


def odt_default_language(path: Path) -> tuple[str, str]:
    document = odf_opendocument.load(str(path))
    for default in document.styles.getElementsByType(style.DefaultStyle):
        if default.getAttribute("family") == "paragraph":
            for props in default.getElementsByType(style.TextProperties):
                return props.getAttribute("language"), props.getAttribute("country")
    return "", ""


class _HTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.list_items: list[str] = []
        self.texts: list[str] = []
        self.title = ""
        self.style = ""
        self.lang = ""
        self._buffers: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        if tag in ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "title", "style"):
            self._buffers.append([])
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass
        if tag in ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "title", "style"):
            text = "".join(self._buffers.pop())
            for buffer in self._buffers:  # a <p> in an <li>: the outer element holds it too
                buffer.append(text)
            if tag in ("h1", "h2", "h3", "h4"):
                self.headings.append((text, tag))
            elif tag in ("td", "th"):
                self.tables[-1][-1].append(text)
            elif tag == "li":
                self.list_items.append(text)
            elif tag == "title":
                self.title = text
            elif tag == "style":
                self.style = text

    def handle_data(self, data):
        if "body" in self.stack:
            self.texts.append(data)
        if self._buffers:
            self._buffers[-1].append(data)


def read_html(path: Path) -> tuple[View, _HTML]:
    parser = _HTML()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return View(parser.headings, parser.tables, parser.list_items, ["".join(parser.texts)], parser.lang), parser


READERS = {"docx": read_docx, "odt": read_odt, "html": lambda p: read_html(p)[0]}


def heading_texts(view: View) -> list[str]:
    return [text for text, _ in view.headings]


# --- the exports ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_has_headings_tables_lists_and_the_literal_text(minutes, fmt):
    path = export_document(minutes, fmt)
    assert path == minutes.with_suffix(f".{fmt}")
    view = READERS[fmt](path)

    headings = heading_texts(view)
    assert headings[0] == "Safe at school"
    for heading in ("Participants", "Present", "Agenda", "1. Check-in", "Joost", "Results", "Actions", "Concerns"):
        assert heading in headings, (heading, headings)

    actions = view.table_with("Who")
    assert actions[0] == ["Action", "Who", "Due"]
    assert [ACTION, "Fatima", "2026-12-10"] in actions
    assert [PIPE_ACTION, "–", "–"] in actions  # the escaped | stays inside its cell
    agenda = view.table_with("Planned (min)")
    assert agenda[0] == ["#", "Step", "Kind", "Planned (min)", "Actual (min)"]
    assert len(agenda) == 8  # header, six steps, total

    # what people typed appears exactly as typed, once, and never as markup
    assert view.count(HOSTILE) == 1
    assert HOSTILE in view.list_items
    assert HASH_NOTE in view.list_items and "1. numbered at the start" in view.list_items
    assert view.count(HASH_NOTE) == 1
    assert "# starts like a heading" not in " ".join(headings)
    assert "I bring questions from the nurses" in view.list_items


def test_docx_uses_real_heading_styles_tables_and_lists(minutes):
    view = read_docx(export_document(minutes, "docx"))
    styles = dict(view.headings)
    assert styles["Safe at school"] == "Heading 1"
    assert styles["Participants"] == "Heading 2"
    assert styles["Present"] == "Heading 3"
    assert len(view.tables) == 2
    assert HOSTILE in view.list_items  # a list paragraph with Word numbering, not a typed dash


def test_odt_uses_real_heading_levels_tables_and_lists(minutes):
    view = read_odt(export_document(minutes, "odt"))
    levels = dict(view.headings)
    assert levels["Safe at school"] == "1"
    assert levels["Participants"] == "2"
    assert levels["Present"] == "3"
    assert len(view.tables) == 2
    assert HOSTILE in view.list_items


def test_html_is_one_self_contained_printable_file(minutes):
    path = export_document(minutes, "html")
    raw = path.read_text(encoding="utf-8")
    view, page = read_html(path)
    assert page.title == "Safe at school"
    assert not re.search(r"https?:", raw, re.IGNORECASE)
    assert "<link" not in raw and "<script" not in raw and "<img" not in raw and "@import" not in raw
    assert all(tag not in ("link", "script", "img", "iframe", "object") for tag, _ in page.tags)
    assert all("src" not in attrs for _, attrs in page.tags)
    css = page.style
    assert "@page" in css and "size: A4" in css and "margin: 2cm" in css
    assert "color-scheme: light" in css and "prefers-color-scheme" not in css
    assert re.search(r"body \{[^}]*background: #ffffff;[^}]*color: #111111;", css, re.DOTALL)
    assert re.search(r"th, td \{[^}]*border: 1px solid", css)
    assert "<pre" in raw  # the pulse chart keeps its fixed-width lines


def test_the_brief_exports_too(small, tmp_path):
    _, brief = build(small, tmp_path)
    for fmt in FORMATS:
        view = READERS[fmt](export_document(brief, fmt))
        assert "Results" in heading_texts(view)
        assert "A shared map of signals" in view.list_items
        assert view.count(HOSTILE) == 0  # round notes never reach the brief


@pytest.mark.parametrize(("language", "tag"), [("nl", "nl-NL"), ("en", "en-GB")])
def test_the_document_language_is_set_for_spell_checking(minutes_nl, minutes, language, tag):
    source = minutes_nl if language == "nl" else minutes
    docx_path = export_document(source, "docx", language)
    assert read_docx(docx_path).language == tag  # core properties
    assert docx_default_language(docx_path) == tag  # the default language of every run
    odt_path = export_document(source, "odt", language)
    assert read_odt(odt_path).language == tag
    assert odt_default_language(odt_path) == tuple(tag.split("-"))
    html_view = read_html(export_document(source, "html", language))[0]
    assert html_view.language == tag


def test_dutch_minutes_keep_dutch_headings(minutes_nl):
    for fmt in FORMATS:
        headings = heading_texts(READERS[fmt](export_document(minutes_nl, fmt, "nl")))
        for heading in ("Deelnemers", "Agenda", "Acties", "Resultaten"):
            assert heading in headings, (fmt, heading)


def test_export_all_writes_each_format_once_beside_the_markdown(minutes):
    written = export_all(minutes, ["odt", "docx", "odt", "html"], "en")
    assert written == [minutes.with_suffix(".odt"), minutes.with_suffix(".docx"), minutes.with_suffix(".html")]
    assert all(p.stat().st_size > 0 for p in written)
    assert zipfile.ZipFile(written[0]).read("mimetype") == b"application/vnd.oasis.opendocument.text"
    # no temporary file is left behind
    assert sorted(p.name for p in minutes.parent.iterdir() if p.name.startswith(".")) == []


def test_an_earlier_export_is_replaced_but_an_unrelated_file_is_left_alone(minutes, tmp_path):
    first = export_document(minutes, "docx")
    minutes.write_text(
        minutes.read_text(encoding="utf-8").replace("Invite the school board", "Invite the parents"), encoding="utf-8"
    )
    assert export_document(minutes, "docx") == first  # its own earlier export: replaced
    assert [ACTION.replace("the school board", "the parents"), "Fatima", "2026-12-10"] in read_docx(first).table_with(
        "Who"
    )

    unrelated = minutes.with_suffix(".odt")
    unrelated.write_bytes(b"someone's own document")
    with pytest.raises(StorageError, match="left alone"):
        export_document(minutes, "odt")
    assert unrelated.read_bytes() == b"someone's own document"

    # the export of another Markdown file is not this document's export either
    other = tmp_path / "other.md"
    other.write_text("# Other\n", encoding="utf-8")
    export_document(other, "html", target=tmp_path / "shared.html")
    with pytest.raises(StorageError, match="not an export of"):
        export_document(minutes, "html", target=tmp_path / "shared.html")
    assert read_html(tmp_path / "shared.html")[1].title == "Other"

    # nor is a symbolic link, whatever it points to
    link = minutes.with_suffix(".html")
    link.symlink_to(tmp_path / "shared.html")
    with pytest.raises(StorageError):
        export_document(minutes, "html")
    assert link.is_symlink()


def test_an_unwritable_target_is_a_storage_error(minutes, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for target in (blocker / "minutes.docx", tmp_path / "missing" / "minutes.odt"):
        with pytest.raises(StorageError) as caught:
            export_document(minutes, target.suffix[1:], target=target)
        message = str(caught.value)
        assert "Traceback" not in message and "\n" not in message
        assert str(target.parent) in message
    with pytest.raises(StorageError, match="no such file"):
        export_document(tmp_path / "nothing.md", "html")


def test_a_failing_pandoc_is_a_storage_error_with_a_plain_message(minutes, tmp_path, monkeypatch):
    fake = tmp_path / "fake-pandoc"
    fake.write_text("#!/bin/sh\necho 'pandoc: something went wrong' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(fake))
    with pytest.raises(StorageError) as caught:
        export_document(minutes, "docx")
    assert str(caught.value) == "pandoc could not write the DOCX file: pandoc: something went wrong"
    assert not minutes.with_suffix(".docx").exists()

    monkeypatch.setenv("PYPANDOC_PANDOC", str(tmp_path / "no-pandoc-here"))
    with pytest.raises(ExportError) as caught:
        export_all(minutes, ["odt", "html"], "en")
    assert "could not be started" in str(caught.value) and caught.value.written == []
    assert isinstance(caught.value, StorageError)


def test_unknown_format_or_language_is_a_value_error(minutes):
    with pytest.raises(ValueError, match="pdf"):
        export_document(minutes, "pdf")
    with pytest.raises(ValueError):
        export_all(minutes, ["odt", "pdf"], "en")
    assert not minutes.with_suffix(".odt").exists()  # nothing written before the check
    with pytest.raises(ValueError):
        export_document(minutes, "odt", "not a language")


def test_the_core_module_does_not_import_the_terminal_toolkit():
    import subprocess
    import sys

    code = (
        "import sys, copsession.export\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'pypandoc'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}
    )
    assert result.stdout.strip() == ""


def test_a_hand_edited_file_cannot_pull_in_files_or_scripts(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    source = tmp_path / "edited.md"
    source.write_text(
        f"# Edited\n\n![a remote picture](https://example.org/x.png)\n\n![a local picture]({secret})\n\n"
        "<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    for fmt in FORMATS:
        path = export_document(source, fmt)
        view = READERS[fmt](path)
        assert view.count("a remote picture") == 1 and view.count("a local picture") == 1  # the description stays
        if fmt == "html":
            raw = path.read_text(encoding="utf-8")
            assert "<img" not in raw and "<script" not in raw and "example.org" not in raw
            assert view.count("<script>alert(1)</script>") == 1  # shown as text
        else:
            with zipfile.ZipFile(path) as archive:
                assert not [n for n in archive.namelist() if "media" in n or n.startswith("Pictures/")]


def test_the_export_command_writes_each_format_beside_the_minutes(tmp_path, capsys):
    from copsession.cli import main

    minutes = tmp_path / "minutes.md"
    minutes.write_text(
        "# Safe at school\n\n## Actions\n\n| Action | Who | Due |\n|---|---|---|\n| Call | Ann | – |\n",
        encoding="utf-8",
    )
    assert main(["export", str(minutes), "--to", "odt", "--to", "html"]) == 0
    assert (tmp_path / "minutes.odt").exists() and (tmp_path / "minutes.html").exists()
    assert str(tmp_path / "minutes.odt") in capsys.readouterr().out
    assert main(["export", str(tmp_path / "missing.md"), "--to", "docx"]) == 1
    assert "missing.md" in capsys.readouterr().err


async def test_a_worksheet_export_key_writes_documents_at_every_save(small_text, clock, tmp_path):
    from copsession.ui.app import make_app
    from copsession.worksheet import parse_worksheet
    from mdhelpers import save, type_line

    worksheet = parse_worksheet(
        small_text.replace('title = "Safe at school"', 'title = "Safe at school"\nexport = ["odt", "docx"]')
    )
    app = make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("pagedown")
        await type_line(pilot, "a note for the documents")
        await save(pilot)
    stem = app.saved_path.stem
    names = {p.name for p in (tmp_path / "minutes").iterdir() if p.is_file()}
    assert {f"{stem}.odt", f"{stem}.docx", f"{stem}-brief.odt", f"{stem}-brief.docx"} <= names
