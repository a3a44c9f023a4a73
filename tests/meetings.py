"""Building meetings in tests the way the app does: through the meeting engine's intents."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from copsession.clock import FakeClock
from copsession.engine import Meeting
from copsession.persistence import RecordStore
from copsession.record import SessionRecord
from copsession.worksheet import Worksheet

NOW = datetime(2026, 12, 3, 14, 0)


def new_meeting(
    worksheet: Worksheet,
    clock: FakeClock | None = None,
    *,
    seed: int = 1,
    minutes_dir: Path | None = None,
    earlier: list[dict] | None = None,
) -> Meeting:
    """A meeting of ``worksheet`` on a fake clock; saved in ``minutes_dir`` when given."""
    clock = clock or FakeClock(NOW)
    record = SessionRecord.start(worksheet, clock.now(), seed=seed)
    if earlier:
        from copsession.series import join_series

        join_series(record, earlier)
    store = RecordStore(minutes_dir) if minutes_dir is not None else None
    return Meeting(record, clock, store)


def say(meeting: Meeting, *lines: str) -> None:
    """Type each line in the capture box of the current step and press Enter."""
    for line in lines:
        error = meeting.add_line(line)
        assert error is None, error


def texts(meeting: Meeting) -> list[str]:
    return [n.text for n in meeting.record.notes]


def announced(meeting: Meeting, minutes_dir: Path, key: str | None = None):
    """Announce ``meeting`` in ``minutes_dir`` as the app does when its window opens, so that the
    audience window (``copsession show``) follows it; returns the announcement (``withdraw()`` ends it).
    ``key``: a name of its own, for a second meeting announced from the same test process."""
    from copsession.running import Announcement

    announcement = Announcement.of(minutes_dir, meeting.record.worksheet, key)
    assert announcement.announce(meeting)
    return announcement
