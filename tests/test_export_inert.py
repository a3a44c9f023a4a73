"""Exports are inert: a hand-edited Markdown file cannot make an exported document run script or
point anywhere but the web and e-mail, and cannot make the export eat the machine.

A link keeps its target only when that is ``http``, ``https`` or ``mailto`` after the decoding a
browser does (entities, percent-escapes, skipped spaces and control characters); any other keeps
its text and loses its target — in HTML, DOCX and ODT alike. Raw HTML stays text. The HTML is
opened in Chromium and every link in it clicked.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from copsession.export import MAX_MARKDOWN, export_document
from copsession.storage import StorageError

HOSTILE_LINKS = """# Links from a hand edit

[inline](javascript:alert(1)) [entity](java&#115;cript:alert(2)) [percent](%6Aavascript:alert(3))
[space]( javascript:alert(4)) <javascript:alert(5)> [reference][r] [upper](JAVASCRIPT:alert(6))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(8))
[tab](<java\tscript:alert(9)>) [file](file:///etc/passwd) [relative](page.html) [anchor](#top)
[entity colon](javascript&colon;alert(10)) [nul](java%00script:alert(11))
<b onclick="alert(12)">raw</b> <script>alert(13)</script> <a href="javascript:alert(14)">a tag</a>

[web](https://example.org/a?b=1) [plain](http://example.nl) [mail](mailto:secretariaat@example.nl)

[r]: javascript:alert(15)
"""
SAFE = {"https://example.org/a?b=1", "http://example.nl", "mailto:secretariaat@example.nl"}


@pytest.fixture
def hostile(tmp_path) -> Path:
    path = tmp_path / "2026-12-03-edited.md"
    path.write_text(HOSTILE_LINKS, encoding="utf-8")
    return path


def link_targets(path: Path) -> set[str]:
    """Every link target an export holds, read from the file itself."""
    if path.suffix == ".html":
        from html.parser import HTMLParser

        found: set[str] = set()

        class Links(HTMLParser):
            def handle_starttag(self, tag, attrs):
                found.update(value or "" for name, value in attrs if name in ("href", "src", "action"))

        Links().feed(path.read_text(encoding="utf-8"))
        return found
    with zipfile.ZipFile(path) as archive:
        if path.suffix == ".docx":
            rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
            return {t for t, mode in re.findall(r'Target="([^"]*)"(?: TargetMode="(\w+)")?', rels) if mode}
        return set(re.findall(r'xlink:href="([^"]*)"', archive.read("content.xml").decode("utf-8")))


@pytest.mark.parametrize("fmt", ["html", "docx", "odt"])
def test_only_web_and_mail_links_survive_an_export(hostile, fmt):
    import html

    exported = export_document(hostile, fmt, "en")
    targets = {html.unescape(t) for t in link_targets(exported)}  # the HTML parser has unescaped them already
    assert targets == SAFE
    text = exported.read_text(encoding="utf-8", errors="replace") if fmt == "html" else ""
    if fmt == "html":
        assert "<script" not in text and "<b " not in text and '<a href="javascript' not in text.lower()
        assert "inline" in text and "&lt;script&gt;" in text  # the link's text and the raw HTML stay, as text


def test_clicking_every_link_of_an_exported_page_in_chromium_runs_nothing(hostile):
    from test_show import CHROMIUM, CHROMIUM_ARGS, _browser

    sync_playwright = _browser()
    exported = export_document(hostile, "html", "en")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            visited: list[str] = []

            def offline(route) -> None:  # nothing leaves this machine; where a click goes is noted
                visited.append(route.request.url)
                route.abort()

            page.route(re.compile(r"^(?!file:).*"), offline)

            def fresh():
                """The exported page, in a tab of its own (a click's aborted navigation can still be
                under way in the last one)."""
                tab = browser.new_page()
                tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
                tab.route(re.compile(r"^(?!file:).*"), offline)
                tab.goto(exported.as_uri())
                return tab

            page.goto(exported.as_uri())
            count = page.locator("a").count()
            assert count == len(SAFE)
            for index in range(count):
                tab = fresh()
                tab.locator("a").nth(index).click(no_wait_after=True)
                tab.wait_for_timeout(100)
            tab = fresh()
            tab.locator("body").click()  # the raw HTML in the text: no element of it exists to click
            page.wait_for_timeout(200)
            assert dialogs == []
            assert all(url.startswith(("http://", "https://", "mailto:")) for url in visited), visited
            assert page.evaluate("document.scripts.length") == 0
        finally:
            browser.close()


def test_a_crafted_table_is_refused_before_it_eats_the_machine(tmp_path, monkeypatch):
    """A 1.2 MB table of 300 columns made pandoc take 2.7 GB: now its heap is bounded (768 MB) and
    the export says why it stopped, in the user's language. Shown here with the bound at 64 MB and
    a table a quarter of that size, so that the test stays quick."""
    from copsession import export

    monkeypatch.setattr(export, "MAX_MEMORY_MB", 64)
    columns, rows = 300, 400
    lines = ["|" + "|".join(f"h{i}" for i in range(columns)) + "|", "|" + "|".join("---" for _ in range(columns)) + "|"]
    lines += ["|" + "|".join("c" for _ in range(columns)) + "|" for _ in range(rows)]
    path = tmp_path / "table.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(StorageError) as refused:
        export_document(path, "docx", "nl")
    assert "meer dan 64 MB geheugen" in refused.value.told("nl")
    assert not path.with_suffix(".docx").exists()


def test_a_markdown_file_beyond_the_limit_is_refused_at_once(tmp_path):
    path = tmp_path / "huge.md"
    path.write_bytes(b"- x\n" * (MAX_MARKDOWN // 4 + 1))
    with pytest.raises(StorageError) as refused:
        export_document(path, "html", "en")
    assert "is larger than 4,194,304 bytes" in refused.value.told("en") and not path.with_suffix(".html").exists()


def test_a_file_name_with_quotes_cannot_add_to_the_page(tmp_path):
    """Found by an attack: the source file's name went into a meta tag unescaped, so
    q"&<x>.md could add attributes to the page, and the second export was refused as not ours."""
    path = tmp_path / 'q" http-equiv="refresh" x=".md'
    path.write_text("# Title\n\ntext\n", encoding="utf-8")
    first = export_document(path, "html", "en")
    text = first.read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in text and "&quot; http-equiv=&quot;refresh&quot;" in text
    assert export_document(path, "html", "en") == first  # its own earlier export: replaced
