"""Documents people can send: the Markdown the app writes, exported to DOCX, ODT or HTML.

The conversion is done by pandoc, the binary that the ``pypandoc-binary`` package bundles
(offline; nothing is downloaded). Pandoc is called directly, with its output on a pipe, so
that nothing it prints can reach the terminal and the file is written here, atomically.

- The input format is ``commonmark+pipe_tables``: exactly what the minutes are (CommonMark
  with pipe tables). Pandoc's ``markdown`` and ``commonmark_x`` would change what people
  typed: smart quotes, ``:smile:`` emoji, ``^superscript^``, ``@name`` citations, and
  ``{.class}`` vanishes.
- A small Lua filter, written to a temporary folder at each export: images are never
  fetched nor embedded (their description is shown), so an export holds no file from the
  disk or the network it was not meant to hold and the HTML is one self-contained file;
  raw HTML in a hand-edited file is shown as text (pandoc's commonmark reader keeps raw
  HTML even with ``-raw_html``, and the DOCX and ODT writers would silently drop it).
- The document language (``nl-NL``, ``en-GB``) is set, so that Word and LibreOffice check
  the spelling in the right language.
- An export carries the name of the Markdown file it came from (a custom document property
  in DOCX and ODT, a ``<meta>`` in HTML). An existing file is only replaced when it is an
  earlier export of the same document; anything else is left alone.

This is a core module: it never imports Textual or Rich.
"""

from __future__ import annotations

import html
import importlib.util
import io
import os
import re
import shutil
import stat
import subprocess
import tempfile
import zipfile
from pathlib import Path

from copsession.storage import StorageError, atomic_write, os_problem, read_regular_file

FORMATS = ("docx", "odt", "html")

#: the language a worksheet names → the document language tag spell checkers use
LANGUAGE_TAGS = {"en": "en-GB", "nl": "nl-NL"}

#: what our Markdown is: CommonMark with pipe tables, nothing more (see the module's text)
INPUT_FORMAT = "commonmark+pipe_tables"

MARKER = "copsession-source"
MAX_MARKDOWN = 4 * 1024 * 1024
"""Minutes of 10,000 notes are about 1 MB; anything much larger is not a document copsession wrote."""
MAX_MEMORY_MB = 768
"""What pandoc may use of the memory (its ``-M`` heap limit): a crafted table of 1.2 MB made it take
2.7 GB. A document that needs more is refused with a message."""
MAX_EXISTING = 64 * 1024 * 1024
TIMEOUT = 60

_WRITER = {"docx": "docx", "odt": "odt", "html": "html5"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_FILTER = """\
-- copsession export: no image is fetched or embedded (its description is shown), raw HTML is
-- shown as the text it is, a link goes only to the web or to an e-mail address (http, https,
-- mailto: any other link, javascript: among them, keeps its text and loses its target), and the
-- page title is the first heading.
function Image(el)
  return el.caption
end

local ALLOWED = { http = true, https = true, mailto = true }

-- The scheme as a browser reads it: percent-escapes decoded, and the control characters and
-- spaces it skips taken out ("java%09script:", " javascript:"). Entities were decoded by the reader.
local function scheme_of(target)
  local text = target:gsub("%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end)
  text = text:gsub("[%c%s]", "")
  local scheme = text:match("^([%a][%w+.-]*):")
  return scheme and scheme:lower()
end

function Link(el)
  local scheme = scheme_of(el.target)
  if scheme and ALLOWED[scheme] then
    return el
  end
  return el.content
end

function RawInline(el)
  return pandoc.Str(el.text)
end

function RawBlock(el)
  return pandoc.Para(pandoc.Inlines(el.text))
end

function Pandoc(doc)
  local title = pandoc.utils.stringify(doc.meta["copsession-source"] or "")
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" then
      title = pandoc.utils.stringify(block)
      break
    end
  end
  doc.meta.pagetitle = title
  return doc
end
"""

# Prints on A4 with 2 cm margins; always dark text on white (no dark mode), tables with borders.
STYLESHEET = """\
:root { color-scheme: light; }
html { background: #ffffff; color: #111111; }
body {
  font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, Helvetica, sans-serif;
  font-size: 11pt; line-height: 1.45;
  max-width: 48em; margin: 2em auto; padding: 0 1em;
  background: #ffffff; color: #111111;
  overflow-wrap: break-word;
}
h1, h2, h3, h4 { line-height: 1.2; color: #000000; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.8em; margin: 0 0 0.4em; }
h2 { font-size: 1.35em; margin-top: 1.6em; padding-bottom: 0.15em; border-bottom: 1px solid #888888; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #444444; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; }
thead { display: table-header-group; }
tr, li, pre { break-inside: avoid; page-break-inside: avoid; }
pre, code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 0.95em; }
pre { white-space: pre-wrap; border: 1px solid #cccccc; padding: 0.5em; }
hr { border: 0; border-top: 1px solid #888888; margin: 2em 0 1em; }
a { color: #0b3d91; }
@page { size: A4; margin: 2cm; }
@media print {
  html, body { background: #ffffff; color: #000000; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: #000000; }
}
"""

_TEMPLATE = """\
<!DOCTYPE html>
<html lang="$lang$">
<head>
<meta charset="utf-8">
<meta name="generator" content="copsession">
<meta name="copsession-source" content="$copsession-source-attribute$">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>$pagetitle$</title>
<style>
$stylesheet$
</style>
</head>
<body>
$body$
</body>
</html>
"""


def language_tag(language: str) -> str:
    """The document language for a worksheet language: ``"nl"`` → ``"nl-NL"``; a full tag stays."""
    if language in LANGUAGE_TAGS:
        return LANGUAGE_TAGS[language]
    if _TAG.match(language or ""):
        return language
    raise ValueError(f"unknown language {language!r}")


def export_path(markdown_path: Path, fmt: str) -> Path:
    """Where the export of ``markdown_path`` in ``fmt`` goes by default: beside it, same stem."""
    _check_format(fmt)
    return markdown_path.with_suffix(f".{fmt}")


def export_document(markdown_path: Path, fmt: str, language: str = "en", target: Path | None = None) -> Path:
    """Write the Markdown file ``markdown_path`` as ``fmt`` (docx, odt or html); return the file written.

    The export goes to ``<same stem>.<fmt>`` beside the Markdown, or to ``target``. It is
    written atomically; an existing file there is replaced only when it is an earlier export
    of the same Markdown file. Raises :class:`ValueError` for an unknown format or language
    and :class:`StorageError`, with a message for people, when pandoc fails or the file
    cannot be read or written.
    """
    _check_format(fmt)
    tag = language_tag(language)
    markdown_path = Path(markdown_path)
    target = Path(target) if target is not None else export_path(markdown_path, fmt)
    text = _read_markdown(markdown_path)
    _check_replaceable(target, fmt, markdown_path.name)
    data = _convert(text, fmt, tag, markdown_path.name)
    atomic_write(target, data)
    return target


class ExportError(StorageError):
    """Some of several exports failed; ``written`` holds the files that were written."""

    def __init__(self, message: str, written: list[Path], problems: list[StorageError] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.written = written

    def told(self, language: str) -> str:
        return "; ".join(p.told(language) for p in self.problems) if self.problems else str(self)


def export_all(markdown_path: Path, formats, language: str = "en") -> list[Path]:
    """Export ``markdown_path`` to every format in ``formats`` (each once, in order), beside it.

    Every format is tried; when some fail, an :class:`ExportError` (a :class:`StorageError`)
    names each failure and carries the files that were written. An unknown format is a
    :class:`ValueError` before anything is written.
    """
    chosen: list[str] = []
    for fmt in formats:
        _check_format(fmt)
        if fmt not in chosen:
            chosen.append(fmt)
    language_tag(language)
    written: list[Path] = []
    problems: list[StorageError] = []
    for fmt in chosen:
        try:
            written.append(export_document(markdown_path, fmt, language))
        except StorageError as exc:
            problems.append(exc)
    if problems:
        raise ExportError("; ".join(map(str, problems)), written, problems)
    return written


# --- pandoc ---------------------------------------------------------------------------------


def pandoc_path() -> str:
    """The pandoc to run: ``$PYPANDOC_PANDOC`` when set, else the one pypandoc-binary bundles,
    else a ``pandoc`` on the PATH. The pypandoc package is not imported (it would add a log
    handler that writes to the terminal)."""
    chosen = os.environ.get("PYPANDOC_PANDOC")
    if chosen:
        return chosen
    try:
        spec = importlib.util.find_spec("pypandoc")
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        for name in ("pandoc", "pandoc.exe"):
            candidate = Path(folder, "files", name)
            if candidate.is_file():
                return str(candidate)
    found = shutil.which("pandoc")
    if found:
        return found
    raise StorageError("pandoc is not installed; install it with: pip install pypandoc-binary", "export.no_pandoc")


def _convert(text: str, fmt: str, tag: str, source_name: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="copsession-export-") as folder:
        # an empty data folder: the facilitator's own pandoc templates and defaults never apply
        lua = Path(folder, "copsession.lua")
        lua.write_text(_FILTER, encoding="utf-8")
        args = [
            pandoc_path(),
            "+RTS",
            f"-M{MAX_MEMORY_MB}m",
            "-RTS",
            "--from",
            INPUT_FORMAT,
            "--to",
            _WRITER[fmt],
            "--output",
            "-",
            "--data-dir",
            folder,
            "--lua-filter",
            str(lua),
            "--wrap",
            "none",
            "--metadata",
            f"lang={tag}",
            "--metadata",
            f"{MARKER}={source_name}",
        ]
        if fmt == "html":
            template = Path(folder, "copsession.html5")
            template.write_text(_TEMPLATE, encoding="utf-8")
            # the file name as an attribute value: escaped here, quotes too (pandoc leaves a " in a
            # name as it is, which would end the attribute: q"&<x>.md could add attributes to the page)
            args += [
                "--standalone",
                "--template",
                str(template),
                "--variable",
                f"stylesheet={STYLESHEET}",
                "--variable",
                f"copsession-source-attribute={html.escape(source_name, quote=True)}",
            ]
        try:
            result = subprocess.run(
                args,
                input=text.encode("utf-8"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT,
                cwd=folder,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except subprocess.TimeoutExpired:
            raise StorageError(
                f"pandoc took longer than {TIMEOUT} seconds to write the {fmt.upper()} file",
                "export.too_slow",
                seconds=TIMEOUT,
                format=fmt.upper(),
            ) from None
        except OSError as exc:
            raise StorageError(
                f"pandoc could not be started: {exc.strerror or exc}",
                "export.not_started",
                errno=exc.errno,
                reason=exc.strerror or str(exc),
            ) from None
    if result.returncode == 251 or b"Heap exhausted" in result.stderr:
        raise StorageError(
            f"the {fmt.upper()} file would need more than {MAX_MEMORY_MB} MB of memory to write",
            "export.too_big",
            format=fmt.upper(),
            megabytes=MAX_MEMORY_MB,
        )
    if result.returncode != 0 or not result.stdout:
        raise StorageError(
            f"pandoc could not write the {fmt.upper()} file: {_said(result.stderr)}",
            "export.failed",
            format=fmt.upper(),
            said=_said(result.stderr),
        )
    return result.stdout


def _said(stderr: bytes) -> str:
    """The last thing pandoc said, as one short plain line."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    text = _CONTROL.sub("", lines[-1]) if lines else "no reason given"
    return text if len(text) <= 200 else text[:199] + "…"


# --- files ----------------------------------------------------------------------------------


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def _read_markdown(path: Path) -> str:
    try:
        data = read_regular_file(path, MAX_MARKDOWN)
    except FileNotFoundError:
        raise StorageError(f"{path}: no such file", "export.no_file", path=path) from None
    return data.decode("utf-8", "replace")


def _check_replaceable(target: Path, fmt: str, source_name: str) -> None:
    """Refuse to replace anything but an earlier export of the same Markdown file."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise os_problem(target, exc) from None
    if stat.S_ISREG(info.st_mode):
        try:
            data = read_regular_file(target, MAX_EXISTING)
        except StorageError:
            data = b""
        if _source_of(data, fmt) == source_name:
            return
    raise StorageError(
        f"{target} already exists and is not an export of {source_name}; it was left alone",
        "export.not_ours",
        path=target,
        source=source_name,
    )


def _source_of(data: bytes, fmt: str) -> str | None:
    """The Markdown file name an earlier export carries, or None when it is not one of ours."""
    if fmt == "html":
        found = re.search(rb'<meta name="copsession-source" content="([^"<>]*)">', data[:65536])
        return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None
    member, pattern = {
        "docx": ("docProps/custom.xml", rb'name="copsession-source"><vt:lpwstr>([^<]*)</vt:lpwstr>'),
        "odt": ("meta.xml", rb'meta:name="copsession-source"[^>]*>([^<]*)</meta:user-defined>'),
    }[fmt]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo(member).file_size > 1024 * 1024:
                return None
            found = re.search(pattern, archive.read(member))
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return None
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None
