"""Where a meeting's record is kept: one writer, numbered snapshots, one window per meeting.

:class:`RecordStore` is the only thing that writes a session record. The meeting engine hands it
numbered snapshots; a background thread writes the newest, and a snapshot is never written over a
newer one — not even when the final, synchronous write at the end of a meeting overtakes the
thread. :class:`MeetingLock` makes sure that only one process changes a meeting: a second window
on the same meeting is told so and can only look. Crash reports go next to the records, without
local variables and without anything people said.
"""

from __future__ import annotations

import os
import platform
import stat
import threading
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from copsession import __version__
from copsession.index import update_entry
from copsession.storage import NotARegularFile, StorageError, atomic_write, ensure_folder, os_problem, records_dir

if TYPE_CHECKING:
    from copsession.recordfile import EncodedItems

try:  # POSIX: a lock the system lets go of when the process dies, however it dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class MeetingLock:
    """A lock on one meeting's record, held by the process that runs the meeting.

    The lock file ``<record>.lock`` holds the pid of its holder. The lock itself is an ``flock``,
    which the system releases when the process ends — a killed process leaves a stale file that
    the next process simply takes over.
    """

    def __init__(self, record_path: Path) -> None:
        self.path = record_path.with_suffix(".lock")
        self._fd: int | None = None
        self.problem: StorageError | None = None
        """Why the lock file could not be used, when that was the reason :meth:`acquire` failed."""

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when another live process holds it, or when the lock file cannot
        be used (a symbolic link, a folder we may not write: see :attr:`problem`)."""
        if self._fd is not None:
            return True
        try:
            ensure_folder(self.path.parent, private=True)
            fd = _open_lock_file(self.path, os.O_RDWR | os.O_CREAT)
        except StorageError as exc:
            self.problem = exc
            return False
        except OSError as exc:
            self.problem = os_problem(self.path, exc)
            return False
        if fcntl is not None:
            if not _flock_exclusive(fd):
                os.close(fd)
                return False
        else:  # pragma: no cover - without flock: a pid that is still alive holds it
            holder = _read_pid(fd)
            if holder not in (None, os.getpid()) and _alive(holder):
                os.close(fd)
                return False
        try:
            os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the lock is held; only the pid shown to a second window is missing
        self._fd = fd
        return True

    def release(self) -> None:
        """Let go of the lock (the file stays: it is only a place to lock)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        os.close(fd)  # closing releases the flock

    @staticmethod
    def holder(record_path: Path) -> int | None:
        """The pid of the live process that holds the lock on ``record_path``; None when free."""
        path = record_path.with_suffix(".lock")
        try:
            fd = _open_lock_file(path, os.O_RDONLY)
        except (OSError, StorageError):
            return None
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except OSError:
                    return _read_pid(fd) or -1
                return None
            holder = _read_pid(fd)  # pragma: no cover
            return holder if holder is not None and _alive(holder) else None  # pragma: no cover
        finally:
            os.close(fd)


def _open_lock_file(path: Path, flags: int) -> int:
    """A lock file, opened without waiting and only when it is an ordinary file: a pipe put in its
    place made `run` and `resume` wait for ever on an empty screen; a link is never followed."""
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), 0o600)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotARegularFile(f"{path} is not an ordinary file", key="storage.not_ordinary", path=path)
    return fd


def _flock_exclusive(fd: int) -> bool:
    """Take the lock without waiting for another meeting; a read-only window that looks whether the
    lock is held holds it for a moment only, so a few quick tries tell that apart."""
    for attempt in range(5):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if attempt < 4:
                time.sleep(0.01)
    return False


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:  # pragma: no cover - only without flock
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_record_file(path: Path, doc: dict, items: EncodedItems | None = None) -> None:
    """Write a record snapshot atomically, readable by its owner only (``items``: see :func:`recordfile.dumps`)."""
    # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
    from copsession.recordfile import dumps

    ensure_folder(path.parent, private=True)
    atomic_write(path, dumps(doc, items), private=True)


class _KeepingWriter:
    """:func:`write_record_file` with each note's text kept from one write to the next. The record
    format is loaded at the first write, not when a meeting window opens."""

    def __init__(self) -> None:
        self._items: EncodedItems | None = None

    def __call__(self, path: Path, doc: dict) -> None:
        if self._items is None:
            # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
            from copsession.recordfile import EncodedItems

            self._items = EncodedItems()
        write_record_file(path, doc, self._items)


SETTLE = 0.12
"""Seconds the writer waits for a burst of changes to end before writing (at most ``MAX_SETTLE``)."""
MAX_SETTLE = 1.0
INDEX_EVERY = 10.0
"""Seconds between updates of the series index while a meeting runs."""


class RecordStore:
    """Saves one meeting's record: in the background as the meeting goes, at once when asked.

    ``path`` is the record file of a resumed meeting; a new meeting gets its file (and its lock)
    at the first save, so a launch that never became a meeting leaves nothing behind.
    """

    def __init__(
        self,
        minutes_dir: Path,
        path: Path | None = None,
        *,
        lock: MeetingLock | None = None,
        on_error: Callable[[StorageError], None] | None = None,
        write: Callable[[Path, dict], None] = write_record_file,
    ) -> None:
        self.minutes_dir = minutes_dir
        self.path = path.with_suffix(".json") if path is not None else None
        self.replaces = path if path is not None and path.suffix != ".json" else None
        """A format-1 record that this one supersedes once it is written."""
        self.lock = lock
        self.on_error = on_error
        self.last_error: str | None = None
        self.writes = 0
        self.written = 0
        """The number of the newest snapshot on disk."""
        self.before_write: Callable[[dict], None] | None = None
        """A test seam: called by the background thread between taking a snapshot and writing it."""
        self.on_claimed: Callable[[Path], object] | None = None
        """Called (by the writer) once a new meeting's record has its file: the running meeting's
        announcement names it (see :mod:`copsession.running`)."""
        if write is write_record_file:  # the notes written last time are not encoded again
            write = _KeepingWriter()
        self._write_file = write
        self._pending: dict | None = None
        self._condition = threading.Condition()
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self._relocate_to: Path | None = None
        self._indexed: float | None = None

    # -- where ------------------------------------------------------------- #

    def _claim(self, doc: dict) -> None:
        """A new meeting's first save: choose a free file name and lock it."""
        folder = records_dir(self.minutes_dir)
        ensure_folder(folder, private=True)
        stem = doc["id"]
        for n in range(1, 1000):
            candidate = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
            if candidate.exists() or candidate.with_suffix(".toml").exists():
                continue
            lock = MeetingLock(candidate)
            if lock.acquire():
                self.path, self.lock = candidate, lock
                if self.on_claimed is not None:
                    self.on_claimed(candidate)
                return
            if lock.problem is not None:
                raise lock.problem
        raise StorageError(f"{folder}: no free name for the record of {stem}", "storage.no_free_name", path=folder)

    def relocate(self, minutes_dir: Path) -> None:
        """The minutes moved to another folder after a write error: the record follows them (at its
        next write, by the writer)."""
        self._relocate_to = minutes_dir

    def _move_to(self, minutes_dir: Path) -> None:
        self._relocate_to = None
        self.minutes_dir = minutes_dir
        if self.path is None:
            return
        old_lock = self.lock
        self.path = records_dir(minutes_dir) / self.path.name
        self.lock = MeetingLock(self.path)
        try:
            self.lock.acquire()
        except StorageError:
            pass
        if old_lock is not None:
            old_lock.release()

    # -- writing ------------------------------------------------------------ #

    def save(self, doc: dict, *, wait: bool = False) -> bool:
        """Hand over a snapshot; with ``wait`` it is written before this returns (True when on disk).

        Without ``wait`` nothing here touches the disk: the writer thread does (a new meeting's
        first save chooses its file there too).
        """
        if wait:
            with self._condition:
                if self._pending is not None and self._pending["snapshot"] <= doc["snapshot"]:
                    self._pending = None
            return self._write(doc)
        with self._condition:
            self._pending = doc
            self._condition.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="copsession-record", daemon=True)
            self._thread.start()
        return True

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._stopped:
                    self._condition.wait()
                if self._pending is None:
                    return
                # let a burst of changes (typing Enter after Enter) settle first, so that turning the
                # record into text never competes with drawing the frame the change caused
                first = time.monotonic()
                while not self._stopped:
                    seen = self._pending
                    self._condition.wait(SETTLE)
                    if self._pending is seen or self._pending is None or time.monotonic() - first >= MAX_SETTLE:
                        break
                if self._pending is None:
                    continue
                doc, self._pending = self._pending, None
            if self.before_write is not None:
                self.before_write(doc)
            self._write(doc)

    def _write(self, doc: dict) -> bool:
        with self._write_lock:
            if doc["snapshot"] <= self.written:
                return True  # a newer snapshot is already on disk: never go backwards
            try:
                if self._relocate_to is not None:
                    self._move_to(self._relocate_to)
                if self.path is None:
                    self._claim(doc)
                path = self.path
                assert path is not None
                if doc["id"] != path.stem:  # a second meeting in the same second has a file of its own
                    doc = {**doc, "id": path.stem}
                self._write_file(path, doc)
            except StorageError as error:
                self._failed(error)
                return False
            self.written = doc["snapshot"]
            self.writes += 1
            self.last_error = None
            if self.replaces is not None:
                try:
                    self.replaces.unlink()
                except OSError:
                    pass
                self.replaces = None
        self._update_index(path, doc)
        return True

    def _update_index(self, path: Path, doc: dict) -> None:
        """Keep the series index in step: after the first write, then at most every few seconds,
        and always at the end (the index is a cache; a stale entry is simply read again)."""
        now = time.monotonic()
        final = bool(doc.get("finished") or doc.get("stopped"))
        if not final and self._indexed is not None and now - self._indexed < INDEX_EVERY:
            return
        self._indexed = now
        update_entry(self.minutes_dir, path, doc)

    def _failed(self, error: StorageError) -> None:
        message = str(error)
        if message != self.last_error and self.on_error is not None:
            self.on_error(error)
        self.last_error = message

    def close(self) -> None:
        """Stop the background writer (after what is pending) and let go of the lock."""
        with self._condition:
            self._stopped = True
            self._condition.notify()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        if self.lock is not None:
            self.lock.release()

    # -- crash reports ------------------------------------------------------ #

    def crash_report(self, error: BaseException, now: datetime) -> Path | None:
        """Write what went wrong for the developers: where in the code, never what was said."""
        return write_crash_report(self.minutes_dir, error, now)


def write_crash_report(minutes_dir: Path, error: BaseException, now: datetime) -> Path | None:
    """A crash report in the records folder of ``minutes_dir``, in a file of its own: two crashes in
    the same second (two windows, or one right after another) keep two reports. None when it
    cannot be written."""
    folder = records_dir(minutes_dir)
    stem = f"crash-{now:%Y%m%d-%H%M%S}"
    try:
        ensure_folder(folder, private=True)
        for n in range(1, 1000):
            path = folder / (f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt")
            try:  # the name is taken at once (O_EXCL), so no other process writes the same report file
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
            except FileExistsError:
                continue
            except OSError as exc:
                raise os_problem(path, exc) from None
            atomic_write(path, crash_text(error, now), private=True)
            return path
    except StorageError:
        return None
    return None


def crash_text(error: BaseException, now: datetime) -> str:
    """A crash report: versions, the exception's type and the code lines it passed through.

    The exception's message and every local variable are left out: they can hold what people
    said in the meeting, private remarks among them.
    """
    lines = [
        "copsession crash report",
        f"time: {now:%Y-%m-%d %H:%M:%S}",
        f"copsession {__version__}, Python {platform.python_version()}, {platform.system()} {platform.release()}",
        "",
        f"{type(error).__module__}.{type(error).__qualname__} (its message is left out: it may hold meeting text)",
        "",
        "Traceback (most recent call last):",
    ]
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        inner = getattr(current, "error", None)  # a worker's failure carries the error it ran into
        current = current.__cause__ or current.__context__ or (inner if isinstance(inner, BaseException) else None)
    for link in reversed(chain):
        if link is not error:
            lines.append(f"(while handling {type(link).__qualname__})")
        for frame in traceback.extract_tb(link.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"
