"""Which meetings run in a minutes folder right now, and the one the audience window follows.

A facilitator may keep several CoPs in one folder, and a meeting whose terminal was simply
closed stays unfinished on disk. The audience window (``copsession show``) must never show such a
meeting, nor one of another CoP. So a running meeting *announces* itself:
``.copsession/running/<pid>.json`` holds its series, title, language and worksheet (so its opening
screen can be shown before anything is written) and, once the record has a file, the record's
name. The meeting process holds an ``flock`` on that file for as long as it runs; the system lets
go of it when the process ends, however it ends, so an announcement nobody holds is a meeting that
no longer runs and is ignored.

:class:`Follower` (for the audience window) binds to one announced meeting — the one the
facilitator chose (``--series``), or the only one running — reads its record whenever it was
saved, and says when it ended. It never turns to another meeting, except a new meeting of the same
series. It only reads: no lock, no record, no index.

Nothing here imports Textual.
"""

from __future__ import annotations

import json
import os
import re
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from copsession.clock import Clock
from copsession.i18n import languages
from copsession.index import stamp
from copsession.record import OPENING, SessionRecord
from copsession.storage import StorageError, ensure_folder, read_regular_file, records_dir
from copsession.worksheet import WorksheetError, parse_worksheet

if TYPE_CHECKING:
    from copsession.engine import Meeting
    from copsession.worksheet import Worksheet

try:
    import fcntl
except ImportError:  # pragma: no cover - not on this platform
    fcntl = None  # type: ignore[assignment]

FOLDER = "running"
"""Announcements live in ``.copsession/running/``, apart from the records (which are ``.copsession/*.json``)."""
MAX_ANNOUNCEMENT = 2 * 1024 * 1024
"""An announcement holds a worksheet (at most 1 MiB) and a few names."""
SCAN_EVERY = 1.0
"""Seconds between two looks at the folder's announcements."""
STALE_AFTER = 45.0
"""A running timer is saved at least every 15 seconds: a record older than this was left by a
window that no longer saves (asleep), so its timer is shown as it was saved."""


def running_dir(minutes_dir: Path) -> Path:
    """Where the meetings running in ``minutes_dir`` announce themselves."""
    return records_dir(minutes_dir) / FOLDER


# -- the meeting's side --------------------------------------------------- #


class Announcement:
    """What the running meeting says of itself, held (``flock``) while it runs; see the module's text."""

    def __init__(
        self,
        minutes_dir: Path,
        *,
        series: str,
        title: str,
        language: str,
        worksheet: str,
        source: str,
        key: str | None = None,
    ) -> None:
        self.path = running_dir(minutes_dir) / f"{key or os.getpid()}.json"
        """One file per meeting process (``key``: another name, for a test that runs two meetings)."""
        self.content = {
            "pid": os.getpid(),
            "series": series,
            "title": title,
            "language": language,
            "worksheet": worksheet,
            "source": source,
            "record": None,
            "participate": None,
        }
        self._fd: int | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, minutes_dir: Path, worksheet: Worksheet, key: str | None = None) -> Announcement:
        """The announcement of a meeting of ``worksheet`` running in ``minutes_dir`` (not written yet)."""
        return cls(
            minutes_dir,
            series=worksheet.series,
            title=worksheet.title,
            language=worksheet.language,
            worksheet=worksheet.text,
            source=worksheet.source,
            key=key,
        )

    def describe(self, worksheet: Worksheet) -> None:
        """Say the meeting is one of ``worksheet`` (written at the next :meth:`publish`)."""
        with self._lock:
            self.content.update(
                {
                    "series": worksheet.series,
                    "title": worksheet.title,
                    "language": worksheet.language,
                    "worksheet": worksheet.text,
                    "source": worksheet.source,
                    "record": None,
                }
            )

    def announce(self, meeting: Meeting) -> bool:
        """Say that ``meeting`` runs here, and which record is its own once it has a file (its store
        says when). A read-only meeting only follows another window: then nothing is announced."""
        store = meeting.store
        if meeting.read_only or store is None:
            self.withdraw()
            return False
        store.on_claimed = self.publish
        return self.publish(store.path)

    def publish(self, record: Path | None = None) -> bool:
        """Write the announcement and hold it (idempotent); ``record``: the record's file, when it has
        one. False when the folder cannot be written (the audience window then shows nothing)."""
        with self._lock:
            if record is not None:
                self.content["record"] = record.name
            try:
                if self._fd is None:
                    ensure_folder(self.path.parent, private=True)
                    fd = os.open(
                        self.path,
                        os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0),
                        0o600,
                    )
                    if not stat.S_ISREG(os.fstat(fd).st_mode) or (fcntl is not None and not _try_lock(fd)):
                        os.close(fd)
                        return False
                    self._fd = fd
                data = json.dumps(self.content, ensure_ascii=False).encode("utf-8")
                os.ftruncate(self._fd, 0)
                os.pwrite(self._fd, data, 0)
            except (OSError, StorageError):
                return False
            return True

    def participation(self, joining: Joining | None) -> bool:
        """Say how participants' devices join the meeting (None: they cannot), for the audience
        window to show the address, the code and how many contributions wait."""
        with self._lock:
            self.content["participate"] = joining.doc() if joining is not None else None
        return self.publish() if self._fd is not None else True

    def withdraw(self) -> None:
        """The meeting ends: the announcement goes (a killed process leaves a file nobody holds)."""
        with self._lock:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            try:
                self.path.unlink()
            except OSError:
                pass
            os.close(fd)

    @staticmethod
    def clear_stale(minutes_dir: Path) -> None:
        """Remove announcements that nobody holds any more (left by killed processes)."""
        for path in running_dir(minutes_dir).glob("*.json"):
            if _held(path) is False:
                try:
                    path.unlink()
                except OSError:
                    pass


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _held(path: Path) -> bool | None:
    """Whether a live process holds ``path`` (None: it cannot be told, the file is unusable).

    Probed with a shared lock taken and let go at once: only announcements are probed this way,
    never a record's lock (which a starting meeting must be able to take at any moment)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        if fcntl is None:  # pragma: no cover - without flock: trust the pid
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        return False
    finally:
        os.close(fd)


# -- the audience's side --------------------------------------------------- #


@dataclass(frozen=True)
class Joining:
    """How participants' devices join the running meeting, as the audience window shows it."""

    address: str
    """The short address to type (``http://192.168.1.20:8123``)."""
    code: str
    """The meeting code."""
    join_url: str
    """What the QR code holds: the address with the code."""
    network: bool
    """Open to the room's network (else this computer only)."""
    waiting: int = 0
    """Contributions waiting for the facilitator."""
    shown: bool = False
    """The facilitator shows the group how to join: the audience window shows the QR code large."""

    def doc(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "code": self.code,
            "join_url": self.join_url,
            "network": self.network,
            "waiting": self.waiting,
            "shown": self.shown,
        }

    @classmethod
    def from_doc(cls, doc: Any) -> Joining | None:
        """The joining an announcement describes; None when it says nothing usable (or something odd:
        only an http address of a plain form and a code of the desk's letters are shown)."""
        if not isinstance(doc, dict):
            return None
        address, code, url = doc.get("address"), doc.get("code"), doc.get("join_url")
        waiting, network, shown = doc.get("waiting", 0), doc.get("network", False), doc.get("shown", False)
        if not isinstance(address, str) or not isinstance(code, str) or not isinstance(network, bool):
            return None
        if not isinstance(shown, bool):
            return None
        if not _ADDRESS.fullmatch(address) or not _CODE.fullmatch(code) or url != f"{address}/j/{code}":
            return None
        if not isinstance(waiting, int) or isinstance(waiting, bool) or not 0 <= waiting <= 10**6:
            return None
        return cls(address, code, url, network, waiting, shown)


_ADDRESS = re.compile(r"http://[A-Za-z0-9.:\[\]-]{1,80}")
_CODE = re.compile(r"[a-z0-9]{4,32}")


@dataclass(frozen=True)
class Running:
    """A meeting that runs now, as it announced itself."""

    pid: int
    series: str
    title: str
    language: str
    worksheet: str
    source: str
    record: str | None
    path: Path
    """The announcement's own file."""
    joining: Joining | None = None
    """How participants' devices join it, when they can."""


_RECORD_NAME = re.compile(r"[\w][\w .-]{0,200}\.json")


def _read(path: Path) -> Running | None:
    try:
        data = json.loads(read_regular_file(path, MAX_ANNOUNCEMENT).decode("utf-8"))
    except (OSError, StorageError, UnicodeDecodeError, ValueError, RecursionError):
        return None  # being written (the next look reads it), or not an announcement at all
    if not isinstance(data, dict):
        return None
    texts = ("series", "title", "language", "worksheet", "source")
    if not isinstance(data.get("pid"), int) or not all(isinstance(data.get(k), str) for k in texts):
        return None
    if data["language"] not in languages() or not 0 < len(data["series"]) <= 1000 or len(data["title"]) > 1000:
        return None
    record = data.get("record")
    if record is not None and (not isinstance(record, str) or not _RECORD_NAME.fullmatch(record)):
        return None  # only a record file of the folder's own, named as copsession names them
    return Running(
        data["pid"],
        data["series"],
        data["title"],
        data["language"],
        data["worksheet"],
        data["source"],
        record,
        path,
        Joining.from_doc(data.get("participate")),
    )


def running_meetings(minutes_dir: Path) -> list[Running]:
    """The meetings that run in ``minutes_dir`` now (each announced and held by a live process)."""
    found = []
    try:
        paths = sorted(running_dir(minutes_dir).glob("*.json"))
    except OSError:
        return []
    for path in paths:
        running = _read(path)
        if running is not None and _held(path):
            found.append(running)
    return found


@dataclass
class Waiting:
    """Nothing to show: no meeting of the chosen one runs (yet), or it ended."""

    ended: bool = False
    language: str | None = None
    """The language of the meeting that ended, if one did."""


@dataclass
class Followed:
    """A newer copy of the followed meeting's record (at its opening screen: ``path`` is None)."""

    path: Path | None
    record: SessionRecord
    joining: Joining | None = None
    """How participants' devices join the meeting, when they can (from its announcement)."""


class Follower:
    """Follows one running meeting; only ever reads. :meth:`look` is meant for a worker thread."""

    def __init__(
        self, minutes_dir: Path, clock: Clock, *, series: str | None = None, wall: Callable[[], float] = time.time
    ) -> None:
        self.minutes_dir = minutes_dir
        self.clock = clock
        self.wall = wall
        """Wall-clock seconds (as file modification times count them)."""
        self.series = series
        """The series chosen (``--series``), or the one of the meeting followed first."""
        self.following: Running | None = None
        self._stamp: tuple | None = None
        self._scanned: float | None = None
        self._language: str | None = None
        self._ended = False
        self._finished_pid: int | None = None
        self._lock = threading.Lock()

    def look(self) -> Waiting | Followed | None:
        """What changed since the last look (None: nothing)."""
        with self._lock:
            return self._look()

    def _look(self) -> Waiting | Followed | None:
        now = time.monotonic()
        if self._scanned is None or now - self._scanned >= SCAN_EVERY:
            self._scanned = now
            update = self._choose()
            if update is not None:
                return update
        if self.following is None:
            return None
        return self._read_record()

    def _candidates(self) -> list[Running]:
        running = running_meetings(self.minutes_dir)
        if self.series is not None:
            wanted = self.series.casefold()
            running = [r for r in running if r.series.casefold() == wanted]
        return running

    def _choose(self) -> Waiting | Followed | None:
        candidates = self._candidates()
        current = self.following
        if current is not None:
            fresh = next((r for r in candidates if r.path == current.path and r.pid == current.pid), None)
            if fresh is None:
                if _held(current.path):
                    return None  # being rewritten just now: read again at the next look
                self.following, self._stamp, self._ended = None, None, True  # its process ended
                return Waiting(True, self._language)
            if fresh.record != current.record or fresh.joining != current.joining:
                self.following, self._stamp = fresh, None  # read again: the window shows the news
            return None
        candidates = [r for r in candidates if r.pid != self._finished_pid]
        if len(candidates) != 1:
            return None  # none yet, or several of which nobody chose one (`copsession show` asks)
        chosen = candidates[0]
        self.following, self._stamp = chosen, None
        self.series = chosen.series  # from now on only this CoP: a next meeting of it is followed too
        self._language = chosen.language
        return None

    def _read_record(self) -> Waiting | Followed | None:
        # lazy: the record format, 10 ms at the start of `run` and `show` (importtime, 7 Dec 2026)
        from copsession.recordfile import RecordError, read_record

        following = self.following
        assert following is not None
        if following.record is None:  # at its opening screen: nothing written yet
            if self._stamp == ("opening", following.pid):
                return None
            try:
                worksheet = parse_worksheet(following.worksheet, following.source)
            except WorksheetError:
                return None
            self._stamp = ("opening", following.pid)
            return Followed(None, SessionRecord.start(worksheet, self.clock.now()), following.joining)
        path = records_dir(self.minutes_dir) / following.record
        found = stamp(path)
        if found is None or found == self._stamp:
            return None
        try:
            loaded = read_record(path, self.clock.monotonic())
        except RecordError:
            self._stamp = found  # damaged: keep showing what was there; the next save is read again
            return None
        self._stamp = found
        if loaded.record.worksheet.series.casefold() != following.series.casefold():
            return None  # not the meeting announced (an edited announcement): never another CoP's
        self._language = loaded.record.worksheet.language
        if loaded.finished:  # its process may still be closing: it is not followed again
            self._finished_pid = following.pid
            self.following, self._ended = None, True
            return Waiting(True, self._language)
        self._carry_on_timer(loaded.record, found[1] / 1e9, stopped=bool(loaded.stopped))
        return Followed(path, loaded.record, following.joining)

    def _carry_on_timer(self, record: SessionRecord, saved_at: float, *, stopped: bool) -> None:
        """The current step's timer runs on from ``used_seconds`` plus the time since the record was saved."""
        index = record.current
        if index == OPENING:
            return
        clock = record.steps[index].clock
        if clock.running_since is None:
            return
        since = self.wall() - saved_at
        if stopped or since > STALE_AFTER:
            clock.pause(clock.running_since)  # the window that ran it stopped: the time as saved
        else:
            clock.running_since -= max(0.0, since)
