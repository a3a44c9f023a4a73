"""A meeting's whole life outside the screen: opening it, its lock, its one writer, saving its
documents, moving its folder, following it from a read-only window.

The screens and the engine know nothing of files. :class:`Session` knows everything else a
meeting needs, and both faces of copsession call it: the Textual app (``ui/app.py``) and the
command line (``cli.py``).

- **Opening**: :func:`look_for_meetings` finds what a worksheet's new meeting joins (the earlier
  meetings of its series) and an unfinished meeting of the same worksheet to offer for resuming;
  :meth:`Session.new` starts a meeting, :meth:`Session.open` continues one read from disk.
- **Resume, read-only or separate** is decided in one place, :meth:`Session.open`: a meeting whose
  lock another live window holds (or whose lock cannot be used) opens read-only, and says which
  window holds it (:attr:`Session.held_by`); any other is resumed, and holds the lock from then on.
- **The one writer**: every record write, also setting an unfinished meeting aside
  (:func:`set_aside`), goes through a :class:`~copsession.persistence.RecordStore`.
- **Documents**: :meth:`Session.write_documents` renders and writes the minutes, the brief and
  the worksheet's exports (from a worker thread), :meth:`Session.move_to` takes the minutes (and
  a record that could not be written) to another folder; :func:`write_brief` writes a saved
  meeting's brief again (``copsession brief``).
- **Following**: a read-only window looks again with :meth:`Session.look_again`; the audience
  window's follower is :class:`copsession.running.Follower`.

Nothing here imports Textual.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from copsession.clock import Clock
from copsession.engine import Meeting
from copsession.index import scan, stamp
from copsession.minutes import render_minutes
from copsession.persistence import MeetingLock, RecordStore
from copsession.problems import Problem
from copsession.record import SessionRecord
from copsession.running import Announcement, Joining
from copsession.series import join_series, latest_unfinished, meetings_of
from copsession.storage import StorageError, atomic_write, brief_path, os_problem, records_dir, write_documents
from copsession.worksheet import Worksheet

if TYPE_CHECKING:
    from copsession.recordfile import LoadedRecord

# The record format (copsession.recordfile) is imported where a record is read, not here: it brings
# the capture parser and json, 11.6 ms of the 234 ms to the first frame of `copsession run` in an
# empty folder, which needs neither (measured with python -X importtime, 6 December 2026).


@dataclass
class Offer:
    """An unfinished meeting of the same worksheet, found when a meeting opens."""

    summary: dict
    path: Path
    holder: int | None = None
    """The pid of the process that runs it now, if it is open in another window."""


@dataclass
class Found:
    """What a new meeting of a worksheet finds in its minutes folder."""

    earlier: list[dict]
    """The summaries of the series' earlier meetings (carry-over, the series number)."""
    offer: Offer | None
    problems: list[dict[str, str]] = field(default_factory=list)
    """A message per record that cannot be used, by language."""


def look_for_meetings(worksheet: Worksheet, minutes_dir: Path) -> Found:
    """The earlier meetings of ``worksheet``'s series, and an unfinished meeting of it to offer."""
    found = scan(minutes_dir, only_series=worksheet.series)
    unfinished = latest_unfinished(found.summaries, title=worksheet.title, series=worksheet.series)
    offer = None
    if unfinished is not None:
        path = records_dir(minutes_dir) / unfinished["file"]
        offer = Offer(unfinished, path, MeetingLock.holder(path))
    return Found(meetings_of(found.summaries, worksheet.series), offer, found.problems)


def latest_to_resume(minutes_dir: Path) -> tuple[Path, dict] | None:
    """The record of the most recent unfinished meeting in ``minutes_dir`` (``copsession resume``)."""
    unfinished = latest_unfinished(scan(minutes_dir).summaries)
    if unfinished is None:
        return None
    return records_dir(minutes_dir) / unfinished["file"], unfinished


def read(path: Path, clock: Clock) -> LoadedRecord:
    """A record read from disk (:class:`~copsession.recordfile.RecordError`, told in words, when it
    cannot be)."""
    # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
    from copsession.recordfile import read_record

    return read_record(path, clock.monotonic())


class Session:
    """One meeting in one minutes folder, and everything it does outside the screen."""

    def __init__(
        self,
        meeting: Meeting,
        minutes_dir: Path,
        *,
        path: Path | None = None,
        lock_problem: Problem | None = None,
        held_by: int | None = None,
        history_dropped: int = 0,
    ) -> None:
        self.meeting = meeting
        self.minutes_dir = minutes_dir
        self.path = path
        """The record file of a meeting read from disk (what a read-only window follows)."""
        self.lock_problem = lock_problem
        """Why the meeting's lock could not be used, when that made it read-only."""
        self.held_by = held_by
        """The pid of the window that runs the meeting (-1: unknown), when that made it read-only."""
        self.history_dropped = history_dropped
        """Undo entries of the record read that did not fit it and were left out."""
        self.saved_path: Path | None = minutes_dir / meeting.minutes_file if meeting.minutes_file else None
        """The minutes written last (saving again writes the same file)."""
        self._followed = stamp(path) if path is not None and meeting.read_only else None
        self._orphaned = False
        self._announcement: Announcement | None = None

    # -- opening ---------------------------------------------------------- #

    @classmethod
    def new(
        cls,
        worksheet: Worksheet,
        minutes_dir: Path,
        clock: Clock,
        *,
        earlier: list[dict] | None = None,
        record: SessionRecord | None = None,
        seed: int | None = None,
    ) -> Session:
        """A new meeting of ``worksheet``, joining its series (``earlier``: read from the folder when
        not given). Nothing is written until the meeting really begins."""
        if record is None:
            record = SessionRecord.start(worksheet, clock.now(), seed=seed)
            if earlier is None and records_dir(minutes_dir).is_dir():
                earlier = meetings_of(scan(minutes_dir).summaries, worksheet.series)
            if earlier:
                join_series(record, earlier)
        return cls(Meeting(record, clock, RecordStore(minutes_dir)), minutes_dir)

    @classmethod
    def open(cls, loaded: LoadedRecord, minutes_dir: Path, clock: Clock, *, read_only: bool = False) -> Session:
        """Continue the meeting read from disk: resumed, holding its lock, unless ``read_only`` was
        asked or another live window holds the lock (or the lock cannot be used), when it opens
        read-only and follows that window. The one place this is decided."""
        lock_problem = None
        held_by = None
        store = None
        if not read_only:
            lock = MeetingLock(loaded.path.with_suffix(".json"))
            if lock.acquire():
                store = RecordStore(minutes_dir, loaded.path, lock=lock)
                store.written = loaded.record.snapshots
            else:
                read_only = True
                lock_problem = lock.problem
                held_by = MeetingLock.holder(loaded.path) if lock_problem is None else None
        meeting = Meeting(loaded.record, clock, store, read_only=read_only, minutes_file=loaded.minutes_file)
        follow = loaded.path.with_suffix(".json") if loaded.path.with_suffix(".json").exists() else loaded.path
        return cls(
            meeting,
            minutes_dir,
            path=follow,
            lock_problem=lock_problem,
            held_by=held_by,
            history_dropped=loaded.history_dropped,
        )

    @property
    def record(self) -> SessionRecord:
        return self.meeting.record

    @property
    def read_only(self) -> bool:
        return self.meeting.read_only

    def on_error(self, report: Callable[[StorageError], None]) -> None:
        """``report`` is called (from the writer thread) when the record cannot be written."""
        if self.meeting.store is not None:
            self.meeting.store.on_error = report

    # -- the audience window is told this meeting runs ---------------------- #

    def announce(self) -> None:
        """Tell the audience window (``copsession show``) that this meeting runs here, and which
        record is its own (see :mod:`copsession.running`). Touches the disk: call it from a worker."""
        if self._announcement is None:
            Announcement.clear_stale(self.minutes_dir)
            self._announcement = Announcement.of(self.minutes_dir, self.record.worksheet)
        else:  # a resumed meeting took this window over: the announcement says what it is now
            self._announcement.describe(self.record.worksheet)
        self._announcement.announce(self.meeting)

    def took_over(self, other: Session) -> None:
        """This session replaces ``other`` in the same window (a resumed meeting, or one opened
        read-only): the announcement goes with it."""
        self._announcement, other._announcement = other._announcement, None

    def tell_joining(self, joining: Joining | None) -> None:
        """Tell the audience window how participants' devices join (None: they cannot any more), how
        many contributions wait and whether the group is shown the code. Touches the disk."""
        if self._announcement is not None:
            self._announcement.participation(joining)

    def withdraw(self) -> None:
        """The window closes: the audience window is told this meeting no longer runs."""
        if self._announcement is not None:
            self._announcement.withdraw()

    # -- documents ---------------------------------------------------------- #

    def write_documents(self, record: SessionRecord, ended: datetime, mono: float) -> tuple[Path, list[StorageError]]:
        """Render and write the minutes and the brief of ``record`` (a copy made for reading) and the
        worksheet's ``export`` documents; returns the minutes' path and the exports that failed.
        :class:`StorageError` when the minutes cannot be written. Meant for a worker thread."""
        # lazy: the brief, 1 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.brief import render_brief

        minutes = render_minutes(record, ended=ended, mono=mono)
        brief = render_brief(record)
        language = record.worksheet.language
        path = write_documents(
            self.minutes_dir, record.meeting_date, record.worksheet.title, minutes, brief, self.saved_path, language
        )
        failed: list[StorageError] = []
        if record.worksheet.export:  # the documents people send, beside the Markdown
            # lazy: the exporter, 7 ms (6 modules) at the start of `run` (importtime, 7 Dec 2026)
            from copsession.export import export_all

            for markdown in (path, brief_path(path, language)):
                try:
                    export_all(markdown, record.worksheet.export, language)
                except StorageError as error:
                    failed.append(error)
        return path, failed

    def minutes_written(self, path: Path, changes: int) -> None:
        """The minutes (as of change ``changes``) are on disk at ``path``."""
        self.saved_path = path
        self.meeting.minutes_written(path, changes)

    def move_to(self, folder: Path) -> None:
        """Save the minutes in ``folder`` from now on; a record that could not be written where it
        was goes with them (at its next write)."""
        self.minutes_dir = folder
        self.saved_path = None
        store = self.meeting.store
        if store is not None and store.last_error is not None:
            store.relocate(folder)

    # -- following another window (read-only) ------------------------------- #

    def look_again(self) -> SessionRecord | bool | None:
        """A read-only window: the record again when the other window saved it; True the first time
        the window that ran the meeting is found gone; None when nothing changed. Meant for a worker."""
        path = self.path
        if path is None or not self.meeting.read_only:
            return None
        if not self._orphaned and MeetingLock.holder(path) is None:
            self._orphaned = True
            return True
        found = stamp(path)
        if found is None or found == self._followed:
            return None
        # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.recordfile import RecordError, read_record

        try:
            loaded = read_record(path, self.meeting.clock.monotonic())
        except RecordError:
            return None
        self._followed = found
        return loaded.record

    # -- what the app reads besides the meeting ----------------------------- #

    def history(self) -> list[dict]:
        """The summaries of this series' meetings in the folder (F5). Meant for a worker."""
        return meetings_of(scan(self.minutes_dir).summaries, self.record.worksheet.series)

    def trajectory_dates(self) -> list[date] | None:
        """The dates of the trajectory's planned meetings, when the folder has a plan of this series."""
        # lazy: the trajectory, 20 ms at the start of `run` (importtime, 7 Dec 2026)
        from copsession.trajectory import PlanError, plan_file, read_plan

        try:
            plan = read_plan(plan_file(self.minutes_dir))
        except PlanError:
            return None  # no plan, or one that cannot be read: `copsession trajectory` says why
        if plan.series.casefold() != self.record.worksheet.series.casefold():
            return None
        return [m.date for m in plan.meetings]


class BriefNotWritten(Problem):
    """Why the brief of a saved meeting cannot be written again (``copsession brief``), told in
    :attr:`language`."""

    def __init__(self, message: str, key: str, language: str | None, **values: object) -> None:
        super().__init__(message, key, **values)
        self.language = language
        """The meeting's language, once its record was read; None before (the user's is used)."""


def write_brief(source: Path) -> tuple[Path, str]:
    """Write again the outward brief of a meeting whose minutes were saved, beside the minutes.
    ``source`` is the minutes file (the record that wrote it is found through the folder's index)
    or the record itself. Returns the brief's path and the meeting's language.

    :class:`BriefNotWritten` when no record belongs to the minutes, the minutes were never saved,
    the record names an odd minutes file (nothing is ever written outside the minutes folder) or
    the brief cannot be written; another :class:`Problem` when ``source`` or the record cannot be
    read."""
    # lazy: the brief (and the record format), 11 ms at the start of `run` (importtime, 7 Dec 2026)
    from copsession.brief import render_brief
    from copsession.recordfile import read_record

    if not source.exists():
        raise os_problem(source, FileNotFoundError(errno.ENOENT, "No such file"))
    folder, record_path = _record_of(source)
    loaded = read_record(record_path, 0.0)
    language = loaded.record.worksheet.language
    name = loaded.minutes_file
    if not name:
        raise BriefNotWritten(f"{source}: never saved", "cli.brief_never_saved", language, path=source)
    if Path(name).name != name or name in (".", "..") or not name.endswith(".md"):
        raise BriefNotWritten(f"{record_path}: odd name", "cli.brief_odd_name", language, path=record_path, name=name)
    target = brief_path(folder / name, language)
    try:
        atomic_write(target, render_brief(loaded.record))
    except StorageError as error:
        raise BriefNotWritten(f"cannot write the brief: {error}", "cli.brief_failed", language, error=error) from error
    return target, language


def _record_of(source: Path) -> tuple[Path, Path]:
    """The minutes folder and the record of ``source``: a minutes file (its record found through the
    index of its folder) or a record in a folder's records folder."""
    if source.suffix != ".md":
        return source.parent.parent, source
    folder = source.parent
    matches = [s for s in scan(folder).summaries if s.get("minutes_file") == source.name]
    if not matches:
        raise BriefNotWritten(
            f"{source}: no record", "cli.brief_no_record", None, path=source, folder=records_dir(folder)
        )
    return folder, records_dir(folder) / matches[-1]["file"]


def set_aside(offer: Offer, minutes_dir: Path, clock: Clock) -> None:
    """Start afresh instead of resuming: the unfinished meeting stays on disk with all its notes,
    marked finished so that it is not offered again — unless another window runs it. Written by
    the record store, as every record is. Meant for a worker thread."""
    # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
    from copsession.recordfile import RecordError, read_record

    lock = MeetingLock(offer.path.with_suffix(".json"))
    try:
        if not lock.acquire():
            return
        loaded = read_record(offer.path, 0.0)
    except (RecordError, StorageError, OSError):
        lock.release()
        return  # it will be offered again next time; nothing is lost
    store = RecordStore(minutes_dir, offer.path, lock=lock)
    store.written = loaded.record.snapshots
    Meeting(loaded.record, clock, store, minutes_file=loaded.minutes_file).finish()
