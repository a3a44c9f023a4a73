"""Where files go and how they are written: safe names, no overwrites, atomic writes."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date
from pathlib import Path

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_SLUG = 60


class StorageError(Exception):
    """A file or folder that cannot be written; the message is for people."""


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
    while candidate.exists() or brief_path(candidate).exists():
        candidate = folder / f"{stem}-{n}.md"
        n += 1
    return candidate


RECORDS_DIR = ".copsession"


def records_dir(minutes_dir: Path) -> Path:
    """Where the session records of meetings whose minutes go to ``minutes_dir`` are kept."""
    return minutes_dir / RECORDS_DIR


def record_id(record) -> str:
    """A stable, file-safe id of a session record: when the meeting really started, and its title.

    The start time (to the second) keeps two meetings apart even when a worksheet's
    ``date`` was not updated between them.
    """
    return f"{record.started:%Y-%m-%d-%H%M%S}-{slugify(record.worksheet.title)}"


def brief_path(minutes: Path) -> Path:
    """The outward brief that goes with a minutes file: ``<stem>-brief.md`` next to it."""
    return minutes.with_name(f"{minutes.stem}-brief.md")


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` if needed; a :class:`StorageError` says why it cannot be used."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError(f"{folder} exists and is not a folder") from None
    except OSError as exc:
        raise StorageError(f"{folder}: {exc.strerror or exc}") from None
    if not folder.is_dir():
        raise StorageError(f"{folder} is not a folder")


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that the file is either the old or the new version, never half.

    The text goes to a temporary file in the same folder, is flushed and synced
    to disk, and then replaces the target in one step.
    """
    import tempfile  # only when writing, never on the way to the first frame

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StorageError(f"{path.parent}: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode the file had, or an ordinary one
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StorageError(f"{path}: {exc.strerror or exc}") from None
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
