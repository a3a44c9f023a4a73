"""The series index: a summary of every meeting in a minutes folder, without reading them in full.

Every record file starts with a one-line summary of its meeting (see :func:`copsession.series.summarise`).
``.copsession/.index.json`` keeps those summaries together with each file's size and modification
time, so that the opening screen, carry-over, the resume offer and the history need one small read
instead of one per meeting. The index is a cache: an entry whose file changed, a missing entry or a
damaged index is rebuilt from the files themselves, and nothing is lost when it is deleted.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from copsession.i18n import LANGUAGES
from copsession.storage import StorageError, atomic_write, ensure_folder, read_regular_file, records_dir

INDEX_FILE = ".index.json"
"""Hidden, so that it is never mistaken for a record (``*.json``)."""
INDEX_FORMAT = 2
"""2: an unusable record's message is kept in each language."""
MAX_INDEX_BYTES = 32 * 1024 * 1024

_LOCAL = threading.Lock()
"""One thread of this process at a time updates the index file (other processes: see :func:`_locked`)."""


@dataclass
class Scan:
    """The meetings found in a folder: their summaries, and a message per record that cannot be used."""

    summaries: list[dict]
    problems: list[dict[str, str]]
    """Per record that cannot be used, its message by language ("en", "nl"): see :meth:`told`."""
    reads: int = 0
    """How many record files had to be read in full (a format-1 record, or a stale index)."""

    def told(self, language: str) -> list[str]:
        """The problems in ``language``."""
        return [str(p.get(language) or p.get("en", "")) for p in self.problems]


def index_path(minutes_dir: Path) -> Path:
    return records_dir(minutes_dir) / INDEX_FILE


def _load(minutes_dir: Path) -> dict[str, dict]:
    import json  # only when there are records: an empty folder starts without it

    try:
        doc = json.loads(read_regular_file(index_path(minutes_dir), MAX_INDEX_BYTES))
    except (OSError, StorageError, ValueError, RecursionError):
        return {}
    if not isinstance(doc, dict) or doc.get("format") != INDEX_FORMAT or not isinstance(doc.get("records"), dict):
        return {}
    return {k: v for k, v in doc["records"].items() if isinstance(k, str) and isinstance(v, dict)}


def _save(minutes_dir: Path, entries: dict[str, dict]) -> None:
    import json

    try:
        ensure_folder(records_dir(minutes_dir), private=True)
        atomic_write(index_path(minutes_dir), json.dumps({"format": INDEX_FORMAT, "records": entries},
                                                         ensure_ascii=False, separators=(",", ":")),
                     private=True, sync=False)
    except StorageError:
        pass  # a cache that cannot be written is rebuilt next time


class _locked:
    """Hold the index lock file while reading and writing the index (several processes may share a folder)."""

    def __init__(self, minutes_dir: Path) -> None:
        self.path = records_dir(minutes_dir) / ".index.lock"
        self.fd: int | None = None

    def __enter__(self) -> None:
        _LOCAL.acquire()
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (OSError, ImportError):
            pass  # without the file lock the index may miss an entry, which the next scan rebuilds

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)
        _LOCAL.release()


def stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time: when either changes, the file changed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def update_entry(minutes_dir: Path, path: Path, doc: dict) -> None:
    """After a record was written: put its summary in the index."""
    from copsession.series import summarise

    found = stamp(path)
    if found is None:
        return
    with _locked(minutes_dir):
        entries = _load(minutes_dir)
        entries[path.name] = {"size": found[0], "mtime_ns": found[1], "summary": summarise(doc)}
        _save(minutes_dir, entries)


def scan(minutes_dir: Path) -> Scan:
    """The summary of every meeting in ``minutes_dir``, from the index where it is current.

    A record whose summary cannot be had is named once in ``problems`` and skipped.
    """
    from copsession.storage import record_files

    files = record_files(minutes_dir)
    if not files:
        return Scan([], [])
    result = Scan([], [])
    entries = _load(minutes_dir)
    changed = False
    for path in files:
        found = stamp(path)
        if found is None:
            continue
        entry = entries.get(path.name)
        if entry is None or (entry.get("size"), entry.get("mtime_ns")) != found:
            entry = _entry_from_file(path, found, result)
            entries[path.name] = entry
            changed = True
        if "error" in entry:
            error = entry["error"]
            result.problems.append({k: str(v) for k, v in error.items()} if isinstance(error, dict) else {"en": str(error)})
        elif isinstance(entry.get("summary"), dict):
            summary = dict(entry["summary"])
            summary["file"] = path.name
            result.summaries.append(summary)
    names = {p.name for p in files}
    for stale in [name for name in entries if name not in names]:
        del entries[stale]
        changed = True
    if changed:
        with _locked(minutes_dir):
            on_disk = _load(minutes_dir)
            on_disk.update({name: entries[name] for name in names if name in entries})
            for stale in [name for name in on_disk if name not in names]:
                del on_disk[stale]
            _save(minutes_dir, on_disk)
    result.summaries.sort(key=lambda s: str(s.get("started", "")))
    return result


def _entry_from_file(path: Path, found: tuple[int, int], result: Scan) -> dict:
    from copsession.recordfile import RecordError, read_record, read_summary_line, to_doc
    from copsession.series import summarise

    if path.suffix == ".json":
        summary = read_summary_line(path)
        if summary is not None and _summary_ok(summary):
            return {"size": found[0], "mtime_ns": found[1], "summary": summary}
    result.reads += 1
    try:
        loaded = read_record(path, 0.0)
    except RecordError as error:
        return {"size": found[0], "mtime_ns": found[1],
                "error": {language: error.told(language) for language in LANGUAGES}}
    doc = to_doc(loaded.record, 0.0, finished=loaded.finished, minutes_file=loaded.minutes_file, saved=loaded.saved,
                 stopped=loaded.stopped)
    return {"size": found[0], "mtime_ns": found[1], "summary": summarise(doc)}


def _summary_ok(summary: dict) -> bool:
    """A summary line with the fields and types the series code relies on."""
    text_keys = ("id", "series", "title", "date", "started", "saved")
    return (all(isinstance(summary.get(k), str) for k in text_keys)
            and isinstance(summary.get("series_number"), int) and isinstance(summary.get("carry"), list)
            and isinstance(summary.get("finished"), bool) and isinstance(summary.get("happened"), bool))
