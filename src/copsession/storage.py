"""Where files go and how they are written: safe names, no overwrites, atomic writes."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from datetime import date
from pathlib import Path
from typing import BinaryIO

from copsession.problems import Problem, os_reason  # noqa: F401 - read from here too

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_SLUG = 60


class StorageError(Problem):
    """A file or folder that cannot be written or read; the message is for people."""


def os_problem(path: Path, exc: OSError) -> StorageError:
    """A :class:`StorageError` for ``path`` from what the operating system said."""
    reason = exc.strerror or str(exc)
    return StorageError(f"{path}: {reason}", "storage.os_error", path=path, errno=exc.errno, reason=reason)


def slugify(title: str, fallback: str = "meeting") -> str:
    """A short, safe file-name part from a title: ``"Jeugd & beleid!"`` → ``"jeugd-beleid"``.

    Accents are folded to ASCII; letters of other scripts are kept (they make a
    usable name); slashes, dots, control characters and reserved names never pass.
    """
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    text = re.sub(r"[-_]{2,}", "-", text)
    text = text[:MAX_SLUG].strip("-_")
    if not text or text in _RESERVED:
        return fallback
    return text


def minutes_path(folder: Path, day: date, title: str) -> Path:
    """The first free ``YYYY-MM-DD-<slug>.md`` in ``folder`` (``-2``, ``-3``, … when taken)."""
    stem = f"{day.isoformat()}-{slugify(title)}"
    candidate = folder / f"{stem}.md"
    n = 2
    while candidate.exists() or any(brief_path(candidate, lang).exists() for lang in BRIEF_SUFFIX):
        candidate = folder / f"{stem}-{n}.md"
        n += 1
    return candidate


RECORDS_DIR = ".copsession"


def records_dir(minutes_dir: Path) -> Path:
    """Where the session records of meetings whose minutes go to ``minutes_dir`` are kept."""
    return minutes_dir / RECORDS_DIR


RECORD_SUFFIXES = (".json", ".toml")
"""Record files: format 2 (JSON lines) and format 1 (TOML)."""


def record_files(minutes_dir: Path) -> list[Path]:
    """Every record file (format 1 or 2) in the records folder of ``minutes_dir``.

    Here rather than in :mod:`recordfile`: start-up lists the folder before anything else, and an
    empty folder then needs neither the record format nor a JSON parser.
    """
    folder = records_dir(minutes_dir)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        (p for p in entries if p.suffix in RECORD_SUFFIXES and not p.name.startswith(".")), key=lambda p: p.name
    )  # by name: comparing paths costs more, in a folder of hundreds


def record_id(record) -> str:
    """A stable, file-safe id of a session record: when the meeting really started, and its title.

    The start time (to the second) keeps two meetings apart even when a worksheet's
    ``date`` was not updated between them.
    """
    return f"{record.started:%Y-%m-%d-%H%M%S}-{slugify(record.worksheet.title)}"


BRIEF_SUFFIX = {"en": "-brief", "nl": "-samenvatting"}
"""The outward brief's file name ends so; "brief" means *letter* in Dutch, so a Dutch meeting's is a
``samenvatting``."""
MINUTES_FOLDER = {"en": "minutes", "nl": "verslagen"}
"""The default minutes folder per language (the glossary: ``verslagen`` for a Dutch meeting)."""


def brief_path(minutes: Path, language: str = "en") -> Path:
    """The outward brief that goes with a minutes file, next to it: ``<stem>-brief.md``, in Dutch
    ``<stem>-samenvatting.md``."""
    return minutes.with_name(f"{minutes.stem}{BRIEF_SUFFIX.get(language, '-brief')}.md")


def minutes_stem(path: Path) -> str:
    """The minutes file's stem of a minutes or brief file, of either language."""
    stem = path.stem
    for suffix in BRIEF_SUFFIX.values():
        if stem.endswith(suffix):
            return stem.removesuffix(suffix)
    return stem


def default_minutes_folder(language: str, here: Path = Path(".")) -> Path:
    """Where a meeting's minutes go when no folder is given: the folder of the language
    (``verslagen`` in Dutch), unless only the other language's folder holds meetings already, so
    that a series started under one name keeps its memory."""
    own = MINUTES_FOLDER.get(language, "minutes")
    if (here / own).exists():
        return Path(own)
    for other in MINUTES_FOLDER.values():
        if other != own and (here / other / RECORDS_DIR).is_dir():
            return Path(other)
    return Path(own)


def ensure_folder(folder: Path, *, private: bool = False) -> None:
    """Create ``folder`` if needed; a :class:`StorageError` says why it cannot be used.

    A ``private`` folder (the session records) is readable by its owner only, whatever the umask.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError(f"{folder} exists and is not a folder", "storage.not_a_folder", path=folder) from None
    except OSError as exc:
        raise os_problem(folder, exc) from None
    if not folder.is_dir():
        raise StorageError(f"{folder} exists and is not a folder", "storage.not_a_folder", path=folder)
    if private:
        try:
            if folder.stat().st_mode & 0o077:
                os.chmod(folder, 0o700)
        except OSError:
            pass  # a folder we do not own: the files in it are still written 0600


_UMASK: int | None = None


def umask() -> int:
    """The process's umask, read without changing it (Linux), or once at the first call."""
    global _UMASK
    if _UMASK is None:
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("Umask:"):
                        _UMASK = int(line.split()[1], 8)
                        break
        except (OSError, ValueError):
            pass
        if _UMASK is None:
            _UMASK = os.umask(0o022)
            os.umask(_UMASK)
    return _UMASK


class NotARegularFile(StorageError):
    """A path that is a folder, a pipe, a device or something else that is not an ordinary file."""

    def __init__(self, message: str, folder: bool = False, key: str | None = None, **values: object) -> None:
        super().__init__(message, key, **values)
        self.folder = folder


class FileTooLarge(StorageError):
    """A file larger than what may be read."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the ordinary file at ``path``, at most ``limit`` of them.

    Pipes, devices and folders are refused at once (the file is opened without waiting, then
    checked), so that a FIFO or ``/dev/zero`` can never make the program wait or fill the memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise NotARegularFile(
            f"{path} is a folder, not a file", folder=True, key="storage.is_folder", path=path
        ) from None
    except OSError as exc:
        raise os_problem(path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            folder = stat.S_ISDIR(info.st_mode)
            raise NotARegularFile(
                f"{path} is {'a folder' if folder else 'not an ordinary file'}",
                folder=folder,
                key="storage.is_folder" if folder else "storage.not_ordinary",
                path=path,
            )
        if info.st_size > limit:
            raise FileTooLarge(
                f"{path} is {info.st_size:,} bytes; at most {limit:,} are read",
                "storage.too_large",
                path=path,
                limit=limit,
            )
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(
                    f"{path} is larger than {limit:,} bytes", "storage.too_large", path=path, limit=limit
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise os_problem(path, exc) from None
    finally:
        os.close(fd)


class open_regular:
    """``with open_regular(path) as handle``: a binary handle on an ordinary file, opened without
    waiting (pipes and devices are refused with :class:`NotARegularFile`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise NotARegularFile(f"{self.path} is not an ordinary file")
            self.handle = os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
        return self.handle

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.close()


def atomic_write(path: Path, text: str | bytes, *, private: bool = False, sync: bool = True) -> None:
    """Write ``text`` (or bytes, as they are) to ``path`` so that the file is either the old or the
    new version, never half.

    The text goes to a temporary file in the same folder, is flushed and synced to disk (unless
    ``sync`` is off, for caches), and then replaces the target in one step. A ``private`` file
    (a record, a lock, a crash report) is readable by its owner only; other files get the mode
    the umask gives. A symbolic link at ``path`` is replaced, never written through.
    """
    import tempfile  # lazy: only when writing; 4 ms (13 modules) at start-up (importtime, 7 Dec 2026)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise os_problem(path.parent, exc) from None
    try:
        # mkstemp makes the file private (0600); others get what the umask allows
        os.fchmod(fd, 0o600 if private else 0o666 & ~umask())
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise os_problem(path, exc) from None
    if not sync:
        return
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is already safe
    finally:
        os.close(dir_fd)


def write_documents(
    folder: Path, day: date, title: str, minutes: str, brief: str, previous: Path | None, language: str = "en"
) -> Path:
    """Write the minutes and the brief of one meeting; the same files again when saved before in ``folder``."""
    ensure_folder(folder)
    path = previous if previous is not None and previous.parent == folder else minutes_path(folder, day, title)
    atomic_write(path, minutes)
    atomic_write(brief_path(path, language), brief)
    return path
