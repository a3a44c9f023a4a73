"""Every text the app shows or writes, in the user's language, from gettext catalogs.

The texts live in ``locale/`` beside this module: the template ``copsession.pot`` and one catalog
per language, ``en.po`` and ``nl.po``. A message's context (``msgctxt``) is its key as the code
names it (``minutes.present``), its ``msgid`` the English text, its ``msgstr`` the text in the
catalog's language. Plurals are gettext's own (``msgid_plural``, ``msgstr[n]`` and the catalog's
``Plural-Forms``), chosen by the ``count`` placeholder. Placeholders are Python's ``{name}``.

Use it as ``tr = Catalog("nl")`` and then ``tr("minutes.present")`` or, with placeholders,
``tr("step.planned", minutes=15)``. A key the English catalog lacks is a bug; the test suite
checks that every catalog has every message, with the same placeholders.

A language is added with a ``.po`` file alone, made from the template with any gettext tool
(Poedit, Weblate) and put in ``translations/`` of the settings folder (or in the folder named by
``$COPSESSION_TRANSLATIONS``); a file there named ``nl.po`` corrects the bundled Dutch message by
message. What a catalog lacks, or marks fuzzy, is shown in English.

Messages without a context are argparse's own words ("usage: ", its errors): they reach argparse
through gettext's lookup (:func:`translate_argparse`). The catalogs are read by the small reader
below rather than Babel's, which would cost 40 ms at every start (Babel checks them in the tests
and in ``python -m copsession.i18n_tools``).
"""

from __future__ import annotations

import functools
import gettext
import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from copsession.places import cache_folder, config_folder

LOCALE_DIR = Path(__file__).parent / "locale"
"""The bundled template and catalogs."""

BUNDLED = ("en", "nl")
"""The languages copsession ships; others come from a translator's ``.po`` file."""

_LANGUAGE_CODE = r"[a-z]{2,3}"


class PoError(ValueError):
    """A catalog that is not a gettext ``.po`` file as the format describes it."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}, line {line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


class PoEntry:
    """One message of a catalog: its context (the key), ``msgid`` and ``msgid_plural`` (English),
    ``strings`` (``msgstr``, or ``msgstr[0]``, ``msgstr[1]``, … of a plural message) and flags."""

    __slots__ = ("context", "msgid", "msgid_plural", "strings", "flags")

    def __init__(
        self,
        context: str | None,
        msgid: str,
        msgid_plural: str | None,
        strings: tuple[str, ...],
        flags: frozenset[str] = frozenset(),
    ) -> None:
        self.context, self.msgid, self.msgid_plural, self.strings, self.flags = (
            context,
            msgid,
            msgid_plural,
            strings,
            flags,
        )

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.strings) and all(self.strings)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
# patterns, compiled by the re module when first used: only when a catalog is read, not from the cache
_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_KEYWORD = r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)"


def _unquote(text: str, where: Callable[[str], PoError]) -> str:
    match = re.fullmatch(_QUOTED, text.strip())
    if match is None:
        raise where("a text must be in double quotes")
    body = match.group(1)
    if "\\" not in body:
        return body

    def escaped(found: re.Match) -> str:
        if found.group(1) not in _ESCAPES:
            raise where(f"unknown escape \\{found.group(1)}")
        return _ESCAPES[found.group(1)]

    return re.sub(r"\\(.)", escaped, body)


def parse_po(text: str, path: str = "<po>") -> tuple[dict[str, str], list[PoEntry]]:
    """The header (``Plural-Forms``, ``Language``, …) and the messages of a ``.po`` file. Comments
    are skipped, except the flags (``#, fuzzy``); obsolete messages (``#~``) are left out."""
    reader = _PoReader(path)
    for number, line in enumerate(text.splitlines(), 1):
        reader.number = number
        reader.read(line.strip())
    reader.number += 1
    reader.finish()
    return reader.header, reader.entries


class _PoReader:
    """Reads a ``.po`` file line by line (see :func:`parse_po`)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.number = 0
        self.header: dict[str, str] = {}
        self.entries: list[PoEntry] = []
        self.fields: dict[str, str] = {}
        self.plurals: dict[int, str] = {}
        self.flags: set[str] = set()
        self.current: tuple[str, int | None] | None = None
        """The field a continued text (a line that is only a quoted text) belongs to."""

    def problem(self, reason: str) -> PoError:
        return PoError(self.path, self.number, reason)

    def read(self, line: str) -> None:
        if not line:
            self.finish()
        elif line.startswith("#"):
            if self.current is not None and self.current[0] != "msgctxt":
                self.finish()
            if line.startswith("#,"):
                self.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith('"'):
            if self.current is None:
                raise self.problem("a text that belongs to nothing")
            name, index = self.current
            value = _unquote(line, self.problem)
            if index is None:
                self.fields[name] += value
            else:
                self.plurals[index] += value
        else:
            self.keyword(line)

    def keyword(self, line: str) -> None:
        match = re.fullmatch(_KEYWORD, line)
        if match is None:
            raise self.problem("not a line of a .po file")
        name, index_text, rest = match.groups()
        if name in ("msgctxt", "msgid") and ("msgstr" in self.fields or self.plurals):
            self.finish()
        index = int(index_text) if index_text is not None else None
        if name in self.fields or (index is not None and index in self.plurals):
            raise self.problem(f"{name} twice in one message")
        value = _unquote(rest, self.problem)
        if index is not None:
            self.current = ("msgstr", index)
            self.plurals[index] = value
        else:
            self.current = (name, None)
            self.fields[name] = value

    def finish(self) -> None:
        """The message read so far is complete (a blank line, the next message, the end)."""
        fields, plurals = self.fields, self.plurals
        if "msgid" not in fields:
            if fields or plurals:
                raise self.problem("a message without msgid")
            self.flags.clear()
            return
        if "msgstr" not in fields and not plurals:
            raise self.problem("a message without msgstr")
        if plurals and sorted(plurals) != list(range(len(plurals))):
            raise self.problem("the plural forms are not numbered 0, 1, …")
        strings = tuple(plurals[i] for i in sorted(plurals)) if plurals else (fields["msgstr"],)
        entry = PoEntry(
            fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), strings, frozenset(self.flags)
        )
        if entry.msgid == "" and entry.context is None:
            for line in entry.strings[0].splitlines():
                name, _, value = line.partition(":")
                self.header[name.strip()] = value.strip()
        else:
            self.entries.append(entry)
        self.fields, self.plurals, self.flags, self.current = {}, {}, set(), None


def plural_rule(forms: str) -> tuple[int, Callable[[int], int]]:
    """The number of plural forms and the rule choosing one, from a catalog's ``Plural-Forms``
    header (``nplurals=2; plural=(n != 1);``): a C expression of ``n``, evaluated here without
    ``eval``."""
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*", forms)
    if match is None:
        raise ValueError("no nplurals and plural")
    count = int(match.group(1))
    tokens = re.findall(r"\d+|n|&&|\|\||==|!=|<=|>=|[<>!%*/+\-?:()]|\S", match.group(2))
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def take(expected: str | None = None) -> str:
        nonlocal position
        token = peek()
        if not token or (expected is not None and token != expected):
            raise ValueError(f"expected {expected or 'more'} in the plural rule")
        position += 1
        return token

    levels = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))
    operations: dict[str, Callable[[int, int], int]] = {
        "||": lambda a, b: int(bool(a or b)),
        "&&": lambda a, b: int(bool(a and b)),
        "==": lambda a, b: int(a == b),
        "!=": lambda a, b: int(a != b),
        "<": lambda a, b: int(a < b),
        ">": lambda a, b: int(a > b),
        "<=": lambda a, b: int(a <= b),
        ">=": lambda a, b: int(a >= b),
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a // b if b else 0,
        "%": lambda a, b: a % b if b else 0,
    }

    def ternary() -> Callable[[int], int]:
        condition = binary(0)
        if peek() != "?":
            return condition
        take("?")
        then = ternary()
        take(":")
        otherwise = ternary()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def binary(level: int) -> Callable[[int], int]:
        if level == len(levels):
            return unary()
        left = binary(level + 1)
        while peek() in levels[level]:
            operate = operations[take()]
            right = binary(level + 1)
            left = functools.partial(lambda op, a, b, n: op(a(n), b(n)), operate, left, right)
        return left

    def unary() -> Callable[[int], int]:
        token = take()
        if token == "!":
            inner = unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = ternary()
            take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise ValueError(f"unexpected {token!r} in the plural rule")

    rule = ternary()
    if position != len(tokens):
        raise ValueError("more than one expression in the plural rule")
    return count, lambda n: min(max(rule(abs(int(n))), 0), count - 1)


class _Messages:
    """One language's messages, by key (a plural message: its forms), and its plural rule, made
    from the catalog's ``Plural-Forms`` when a plural is first asked for."""

    def __init__(
        self,
        texts: dict[str, tuple[str, ...]] | None = None,
        untranslated: dict[str, tuple[str, str | None, tuple[str, ...]]] | None = None,
        forms: str = "",
    ) -> None:
        self.texts = texts if texts is not None else {}
        self.untranslated = untranslated if untranslated is not None else {}
        """Messages without a context (argparse's): msgid → (msgid, msgid_plural, strings)."""
        self.forms = forms
        """The catalog's ``Plural-Forms``, as written (English's rule when it has none)."""
        self._rule: Callable[[int], int] | None = None

    def plural(self, n: int) -> int:
        """Which plural form ``n`` takes."""
        if self._rule is None:
            self._rule = plural_rule(self.forms)[1] if self.forms else (lambda count: int(count != 1))
        return self._rule(n)


def translation_folders() -> list[Path]:
    """Where a translator's catalogs are looked for: ``$COPSESSION_TRANSLATIONS``, and
    ``translations/`` in the settings folder."""
    folders = [config_folder() / "translations"]
    explicit = os.environ.get("COPSESSION_TRANSLATIONS")
    if explicit:
        folders.insert(0, Path(explicit))
    return folders


_PROBLEMS: list[PoError] = []


def translation_problems() -> list[PoError]:
    """The translators' catalogs that could not be read (and were left out), once each."""
    languages()
    return list(_PROBLEMS)


def _catalog_files(language: str) -> list[Path]:
    """The catalogs of ``language``: the bundled one first, then a translator's, which win."""
    files = [LOCALE_DIR / f"{language}.po"] if language in BUNDLED else []
    for folder in reversed(translation_folders()):
        candidate = folder / f"{language}.po"
        try:
            if candidate.is_file():
                files.append(candidate)
        except OSError:
            continue
    return files


def _read(path: Path) -> tuple[dict[str, str], list[PoEntry]]:
    """A catalog, bounded in size: a translator's file that cannot be read raises :class:`PoError`."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(8 * 1024 * 1024 + 1)
    except OSError as error:
        raise PoError(str(path), 0, error.strerror or "cannot be read") from None
    if len(data) > 8 * 1024 * 1024:
        raise PoError(str(path), 0, "larger than 8 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PoError(str(path), data[: error.start].count(b"\n") + 1, "not UTF-8") from None
    header, entries = parse_po(text, str(path))
    if "Plural-Forms" in header:
        try:
            plural_rule(header["Plural-Forms"])
        except ValueError as error:
            raise PoError(str(path), 0, f"Plural-Forms: {error}") from None
    return header, entries


_CACHE_FORMAT = 1
"""Raised when what :func:`_messages` keeps in the cache changes shape."""


def _cached(
    language: str, files: list[Path]
) -> tuple[Path | None, tuple[int, tuple[tuple[str, int, int], ...]] | None, _Messages | None]:
    """The cache file of ``language``, the catalogs' stamps (paths, sizes and times) and what the
    cache holds when it was made from the catalogs as they are now. Reading 600 messages from
    ``.po`` files takes 5 ms; from the cache, a tenth of a millisecond: this is on the way to the
    first frame."""
    try:
        stamps = (_CACHE_FORMAT, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    except OSError:
        return None, None, None
    path = cache_folder() / "catalogs" / f"{language}.marshal"
    try:
        with open(path, "rb") as handle:
            data = marshal.loads(handle.read(4 * 1024 * 1024))
        kept, texts, untranslated, forms = data
        if kept != stamps or not (isinstance(texts, dict) and isinstance(untranslated, dict)):
            return path, stamps, None
        if not isinstance(forms, str):
            return path, stamps, None
        return path, stamps, _Messages(texts, untranslated, forms)
    except (OSError, EOFError, ValueError, TypeError):
        return path, stamps, None


def _keep(path: Path, stamps: tuple[int, tuple[tuple[str, int, int], ...]], messages: _Messages) -> None:
    """Write ``messages`` to the cache; a cache that cannot be written is no problem."""
    # lazy: only when a cache is written; 4 ms (13 modules) at start-up (importtime, 7 Dec 2026)
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps((stamps, messages.texts, messages.untranslated, messages.forms)))
        os.replace(temporary, path)
    except (OSError, ValueError):
        pass


@functools.cache
def _messages(language: str) -> _Messages:
    files = _catalog_files(language)
    cache, stamps, messages = _cached(language, files)
    if messages is not None:
        return messages
    messages = _read_catalogs(files)
    if cache is not None and stamps is not None:
        _keep(cache, stamps, messages)
    return messages


def _read_catalogs(files: list[Path]) -> _Messages:
    messages = _Messages()
    for path in files:
        try:
            header, entries = _read(path)
            if "Plural-Forms" in header:
                messages.forms = header["Plural-Forms"]
        except PoError as error:
            if path.parent == LOCALE_DIR:
                raise
            _PROBLEMS.append(error)
            continue
        for entry in entries:
            if not entry.translated:
                continue
            if entry.context is None:
                messages.untranslated[entry.msgid] = (entry.msgid, entry.msgid_plural, entry.strings)
            else:
                messages.texts[entry.context] = entry.strings
    return messages


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages there are catalogs for: the bundled ones and any a translator added (a file
    whose name is a language code, ``de.po``, that can be read)."""
    found = set(BUNDLED)
    for folder in translation_folders():
        try:
            names = [p.stem for p in folder.glob("*.po")]
        except OSError:
            continue
        for name in names:
            if re.fullmatch(_LANGUAGE_CODE, name) and name not in found:
                try:
                    _read(folder / f"{name}.po")
                except PoError as error:
                    _PROBLEMS.append(error)
                    continue
                found.add(name)
    return tuple(
        sorted(found, key=lambda code: (code not in BUNDLED, BUNDLED.index(code) if code in BUNDLED else 0, code))
    )


def reload() -> None:
    """Read the catalogs again (after a translator's file changed; used by the tests)."""
    _messages.cache_clear()
    languages.cache_clear()
    _PROBLEMS.clear()


def known(key: str) -> bool:
    """Whether the catalogs have a message ``key``."""
    return key in _messages("en").texts


def english(key: str) -> str:
    """The English text of ``key`` (its singular form)."""
    return _messages("en").texts[key][0]


def keys() -> list[str]:
    """Every message key, in the English catalog's order."""
    return list(_messages("en").texts)


def texts(language: str) -> dict[str, tuple[str, ...]]:
    """Every message ``language``'s catalogs translate, by key (a plural message: its forms)."""
    return dict(_messages(language).texts)


def _count_of(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    digits = re.sub(r"\D", "", str(value))  # a number already written out: "12.345"
    return int(digits) if digits and len(digits) < 30 else 0


class Catalog:
    """Looks texts up in one language."""

    def __init__(self, language: str = "en") -> None:
        if language not in languages():
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self._own = _messages(language)
        self._english = _messages("en")

    def __call__(self, key: str, **values: object) -> str:
        own = self._own.texts.get(key)
        source = self._own if own is not None else self._english
        forms = own if own is not None else self._english.texts[key]
        text = forms[0]
        if len(forms) > 1 and "count" in values:
            text = forms[min(source.plural(_count_of(values["count"])), len(forms) - 1)]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._english.texts

    def first(self, *keys: str, **values: object) -> str:
        """The text of the first of ``keys`` the catalog has (a specific word, then a general one)."""
        for key in keys[:-1]:
            if key in self._english.texts:
                return self(key, **values)
        return self(keys[-1], **values)


def _mo_bytes(language: str) -> bytes:
    """The messages without a context (argparse's) of ``language`` as a gettext ``.mo`` file: what
    gettext's own lookup reads, and argparse asks it for its words."""
    messages = _messages(language)
    entries: dict[bytes, bytes] = {
        b"": f"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {messages.forms or 'nplurals=2; plural=(n != 1);'}\n".encode()
    }
    for msgid, (_, plural, forms) in messages.untranslated.items():
        original = msgid if plural is None else f"{msgid}\x00{plural}"
        entries[original.encode("utf-8")] = "\x00".join(forms).encode("utf-8")
    keys = sorted(entries)
    ids = b"".join(key + b"\x00" for key in keys)
    texts = b"".join(entries[key] + b"\x00" for key in keys)
    count = len(keys)
    start_ids = 28 + 16 * count
    start_texts = start_ids + len(ids)
    table_ids: list[tuple[int, int]] = []
    table_texts: list[tuple[int, int]] = []
    offset = 0
    for key in keys:
        table_ids.append((len(key), start_ids + offset))
        offset += len(key) + 1
    offset = 0
    for key in keys:
        table_texts.append((len(entries[key]), start_texts + offset))
        offset += len(entries[key]) + 1

    def words(*numbers: int) -> bytes:
        return b"".join(number.to_bytes(4, "little") for number in numbers)

    head = words(0x950412DE, 0, count, 28, 28 + 8 * count, 0, start_ids)
    tables = b"".join(words(*pair) for pair in table_ids) + b"".join(words(*pair) for pair in table_texts)
    return head + tables + ids + texts


def translate_argparse(language: str) -> None:
    """Let argparse speak ``language``: its words ("usage: ", "options", its errors) are looked up by
    gettext in the default text domain, which is pointed at a ``.mo`` file made from the catalog
    (kept in the cache folder, written again when the catalog changed). English needs nothing; when
    the file cannot be written, argparse stays English and nothing else changes."""
    if language == "en" or not _messages(language).untranslated:
        if "gettext" in sys.modules and sys.modules["gettext"].textdomain() == "copsession-argparse":
            sys.modules["gettext"].textdomain("messages")  # back to argparse's own English (in tests)
        return
    # lazy: only when a cache is written; 4 ms (13 modules) at start-up (importtime, 7 Dec 2026)
    import tempfile

    folder = cache_folder() / "locale"
    target = folder / language / "LC_MESSAGES" / "copsession-argparse.mo"
    data = _mo_bytes(language)
    try:
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            current = b""
        if current != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
    except OSError:
        return
    gettext.bindtextdomain("copsession-argparse", str(folder))
    gettext.textdomain("copsession-argparse")
    os.environ["LANGUAGE"] = language  # the language gettext's lookup takes (this process and its children)
