"""The series index: a summary of every meeting in a minutes folder, without reading them in full.

Every record file starts with a one-line summary of its meeting (see :func:`copsession.series.summarise`).
``.copsession/.index.jsonl`` keeps those summaries together with each file's size and modification
time, so that the opening screen, carry-over, the resume offer and the history need one small read
instead of one per meeting. The index is a cache: an entry whose file changed, a missing entry or a
damaged index is rebuilt from the files themselves, and nothing is lost when it is deleted.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from copsession.i18n import BUNDLED
from copsession.series import summarise, valid_summary
from copsession.storage import StorageError, atomic_write, ensure_folder, read_regular_file, record_files, records_dir

INDEX_FILE = ".index.jsonl"
"""Hidden, so that it is never mistaken for a record (``*.json``)."""
OLD_INDEX_FILES = (".index.json",)
"""Indexes of formats 1 and 2 (one JSON document): removed when the index is next written."""
INDEX_FORMAT = 3
"""3: one line per record, a short head and the entry; 2: an unusable record's message is kept in each language."""
MAX_INDEX_BYTES = 32 * 1024 * 1024
_FIRST_LINE = '{"format":%d}' % INDEX_FORMAT
_HEAD_KEYS = ("series", "title", "finished", "happened", "started", "saved")
"""What start-up selects on (its series, the unfinished meetings), copied from the summary into the head."""

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
    parsed: int = 0
    """How many index entries were decoded (the others were passed over by their head)."""

    def told(self, language: str) -> list[str]:
        """The problems in ``language``."""
        return [str(p.get(language) or p.get("en", "")) for p in self.problems]


def index_path(minutes_dir: Path) -> Path:
    return records_dir(minutes_dir) / INDEX_FILE


class _Line:
    """One record in the index file: ``<head>`` TAB ``<entry>``, both JSON (a tab inside JSON text is
    always escaped). The head holds the file's name, size and modification time and what start-up
    selects on; the entry, the whole summary (or the record's problem), is decoded only when used:
    after two years of meetings the summaries run to megabytes, and the opening screen needs those
    of one series."""

    __slots__ = ("head", "text", "_entry")

    def __init__(self, head: dict, text: str | bytes, entry: dict | None = None) -> None:
        self.head = head
        self.text = text
        self._entry = entry

    @classmethod
    def of(cls, name: str, entry: dict) -> _Line:
        # lazy: only when there are records; 2 ms (5 modules) at start-up (importtime, 7 Dec 2026)
        import json

        head = {"name": name, "size": entry.get("size"), "mtime_ns": entry.get("mtime_ns")}
        summary = entry.get("summary")
        if isinstance(summary, dict):
            head.update({k: summary.get(k) for k in _HEAD_KEYS})
        else:
            head["error"] = True
        return cls(head, json.dumps(entry, ensure_ascii=False, separators=(",", ":")), entry)

    def entry(self) -> dict:
        """The entry, decoded on first use (``{}`` when it cannot be)."""
        if self._entry is None:
            # lazy: only when there are records; 2 ms (5 modules) at start-up (importtime, 7 Dec 2026)
            import json

            try:
                decoded = json.loads(self.text)  # text or UTF-8 bytes
            except (ValueError, RecursionError):
                decoded = None
            self._entry = decoded if isinstance(decoded, dict) else {}
        return self._entry

    def line(self) -> str:
        # lazy: only when there are records; 2 ms (5 modules) at start-up (importtime, 7 Dec 2026)
        import json

        text = self.text.decode("utf-8", "replace") if isinstance(self.text, bytes) else self.text
        return json.dumps(self.head, ensure_ascii=False, separators=(",", ":")) + "\t" + text


def _read(minutes_dir: Path) -> dict[str, _Line]:
    """The index's lines by record name; ``{}`` when there is no usable index (it is then rebuilt).

    Only the heads are decoded here; an entry stays bytes until it is used."""
    import json  # lazy: only when there are records; 2 ms at start-up (importtime, 7 Dec 2026)

    try:
        data = read_regular_file(index_path(minutes_dir), MAX_INDEX_BYTES)
    except (OSError, StorageError):
        return {}
    lines = data.split(b"\n")
    if lines[0] != _FIRST_LINE.encode("ascii"):
        return {}
    found: dict[str, _Line] = {}
    for line in lines[1:]:
        head_text, tab, entry_text = line.partition(b"\t")
        if not tab:
            continue
        try:
            head = json.loads(head_text)
        except (ValueError, RecursionError):
            continue  # a damaged line: that record's summary is read from its file again
        if isinstance(head, dict) and isinstance(head.get("name"), str):
            found[head["name"]] = _Line(head, entry_text)
    return found


def _load(minutes_dir: Path) -> dict[str, dict]:
    """Every entry of the index, decoded, by record name."""
    return {name: line.entry() for name, line in _read(minutes_dir).items()}


def _write(minutes_dir: Path, lines: dict[str, _Line]) -> None:
    folder = records_dir(minutes_dir)
    try:
        ensure_folder(folder, private=True)
        atomic_write(
            index_path(minutes_dir),
            "\n".join([_FIRST_LINE, *(line.line() for line in lines.values())]) + "\n",
            private=True,
            sync=False,
        )
    except StorageError:
        return  # a cache that cannot be written is rebuilt next time
    for old in OLD_INDEX_FILES:
        try:
            (folder / old).unlink(missing_ok=True)
        except OSError:
            pass


class _locked:
    """Hold the index lock file while reading and writing the index (several processes may share a folder)."""

    def __init__(self, minutes_dir: Path) -> None:
        self.path = records_dir(minutes_dir) / ".index.lock"
        self.fd: int | None = None

    def __enter__(self) -> None:
        _LOCAL.acquire()
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            import fcntl  # here: without it (Windows) the index is kept unlocked, by the except below

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
    """After a record was written: put its summary in the index (the other entries are not decoded)."""
    found = stamp(path)
    if found is None:
        return
    with _locked(minutes_dir):
        lines = _read(minutes_dir)
        lines[path.name] = _Line.of(path.name, {"size": found[0], "mtime_ns": found[1], "summary": summarise(doc)})
        _write(minutes_dir, lines)


def scan(minutes_dir: Path, only_series: str | None = None) -> Scan:
    """The summary of every meeting in ``minutes_dir``, from the index where it is current.

    With ``only_series``: the meetings of that series and every unfinished meeting (what a meeting
    about to start needs: its carry-over and the resume offer); the other summaries are not even
    decoded. A record whose summary cannot be had is named once in ``problems`` and skipped.
    """
    files = record_files(minutes_dir)
    if not files:
        return Scan([], [])
    result = Scan([], [])
    lines = _read(minutes_dir)
    changed = False
    for path in files:
        found = stamp(path)
        if found is None:
            continue
        line = lines.get(path.name)
        if line is not None and (line.head.get("size"), line.head.get("mtime_ns")) == found:
            if _passed_over(line.head, only_series):
                continue  # another series' finished meeting: not needed now, not decoded
            result.parsed += 1
            entry = line.entry()
            if not ("error" in entry or valid_summary(entry.get("summary"))):
                line = None  # a damaged entry: read from the file again
        else:
            line = None
        if line is None:
            line = lines[path.name] = _Line.of(path.name, _entry_from_file(path, found, result))
            changed = True
        entry = line.entry()
        if "error" in entry:
            error = entry["error"]
            result.problems.append(
                {k: str(v) for k, v in error.items()} if isinstance(error, dict) else {"en": str(error)}
            )
        elif isinstance(entry.get("summary"), dict) and not _passed_over(entry["summary"], only_series):
            summary = dict(entry["summary"])
            summary["file"] = path.name
            result.summaries.append(summary)
    names = {p.name for p in files}
    for stale in [name for name in lines if name not in names]:
        del lines[stale]
        changed = True
    if changed:
        with _locked(minutes_dir):
            on_disk = _read(minutes_dir)
            on_disk.update({name: lines[name] for name in names if name in lines})
            for stale in [name for name in on_disk if name not in names]:
                del on_disk[stale]
            _write(minutes_dir, on_disk)
    result.summaries.sort(key=lambda s: str(s.get("started", "")))
    return result


def _passed_over(fields: dict, only_series: str | None) -> bool:
    """A head or a summary that a scan for ``only_series`` leaves out: a finished meeting of
    another series (an unreadable record, with no series, is never left out)."""
    return (
        only_series is not None
        and not fields.get("error")
        and fields.get("finished") is True
        and fields.get("series") != only_series
    )


def _entry_from_file(path: Path, found: tuple[int, int], result: Scan) -> dict:
    # lazy: the record format, 10 ms at the start of `run` (importtime, 7 Dec 2026)
    from copsession.recordfile import RecordError, read_record, read_summary_line, to_doc

    if path.suffix == ".json":
        summary = read_summary_line(path)
        if summary is not None and valid_summary(summary):
            return {"size": found[0], "mtime_ns": found[1], "summary": summary}
    result.reads += 1
    try:
        loaded = read_record(path, 0.0)
    except RecordError as error:
        return {
            "size": found[0],
            "mtime_ns": found[1],
            "error": {language: error.told(language) for language in BUNDLED},
        }
    doc = to_doc(
        loaded.record,
        0.0,
        finished=loaded.finished,
        minutes_file=loaded.minutes_file,
        saved=loaded.saved,
        stopped=loaded.stopped,
    )
    return {"size": found[0], "mtime_ns": found[1], "summary": summarise(doc)}
