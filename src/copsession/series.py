"""A CoP is a series of meetings: what carries over, the history, the next date.

A series is identified by the worksheet's ``series`` key (default: its title)
within one minutes folder. Everything here reads session records; nothing
here knows about the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from copsession.record import CarriedItem, SessionRecord
from copsession.recordfile import LoadedRecord, find_records, record_id


def series_records(minutes_dir: Path, series: str, mono: float = 0.0) -> tuple[list[LoadedRecord], list[str]]:
    """The records of ``series`` in ``minutes_dir``, oldest first, and messages for unreadable ones."""
    records, problems = find_records(minutes_dir, mono)
    own = [r for r in records if r.record.worksheet.series == series]
    own.sort(key=lambda r: r.record.started)
    return own, problems


def carry_over(previous: SessionRecord) -> list[CarriedItem]:
    """What a new meeting inherits from the previous one: its items not done or dropped, then its
    own actions and concerns."""
    items = [CarriedItem(c.origin, c.origin_date, c.kind, c.text, c.owner, c.due)
             for c in previous.carried if c.status == "open"]
    for note in previous.notes:
        if note.kind in ("action", "concern"):
            items.append(CarriedItem(f"{record_id(previous)}#{note.id}", previous.meeting_date, note.kind, note.text,
                                     note.owner or note.follow_up_owner, note.due))
    return items


def join_series(record: SessionRecord, earlier: list[LoadedRecord]) -> None:
    """Make ``record`` the next meeting of the series that ``earlier`` (oldest first) holds."""
    earlier = [e for e in earlier if record_id(e.record) != record_id(record)]
    record.series_number = len(earlier) + 1
    if earlier:
        previous = earlier[-1].record
        record.previous_date = previous.meeting_date
        record.carried = carry_over(previous)


def next_meeting_date(record: SessionRecord) -> date | None:
    """The meeting date plus the worksheet's ``cadence_weeks``, if it has one."""
    weeks = record.worksheet.cadence_weeks
    return record.meeting_date + timedelta(weeks=weeks) if weeks else None


@dataclass(frozen=True)
class HistoryRow:
    """One meeting in the history of a series."""

    number: int
    date: date
    meeting: str
    present: int
    absent: int
    actions_done: int
    actions_open: int
    pulse: float | None
    finished: bool


def history(records: list[LoadedRecord]) -> list[HistoryRow]:
    """A row per meeting (oldest first). An action counts as done once a later meeting marked it done."""
    done_origins = {c.origin for r in records for c in r.record.carried if c.status == "done"}
    rows = []
    for number, loaded in enumerate(records, 1):
        record = loaded.record
        actions = [n for n in record.notes if n.kind == "action"]
        done = sum(1 for n in actions if f"{record_id(record)}#{n.id}" in done_origins)
        rows.append(HistoryRow(number, record.meeting_date, record.worksheet.meeting, len(record.present_names),
                               len(record.absent_names), done, len(actions) - done, record.pulse_average(),
                               loaded.finished))
    return rows


BARS = " ▁▂▃▄▅▆▇█"


def pulse_sparkline(values: list[float | None]) -> str:
    """One character per meeting for a pulse from 1 to 5; a space where there was no pulse."""
    out = []
    for value in values:
        if value is None:
            out.append("·")
        else:
            out.append(BARS[max(1, min(8, round((value - 1) / 4 * 7) + 1))])
    return "".join(out)


def pulse_columns(values: list[float | None]) -> list[str]:
    """A small column chart of the pulse per meeting: five rows for the scores, a column per meeting."""
    lines = []
    for level in range(5, 0, -1):
        cells = []
        for value in values:
            if value is None:
                cells.append(" ")
            elif value >= level:
                cells.append("█")
            elif value > level - 1:
                cells.append(BARS[max(1, round((value - (level - 1)) * 8))])
            else:
                cells.append(" ")
        lines.append(f"{level} │" + " ".join(cells))
    lines.append("  └" + "─" * max(1, len(values) * 2 - 1))
    lines.append("   " + " ".join(str(n % 10) for n in range(1, len(values) + 1)))
    return lines


def render_history(series: str, rows: list[HistoryRow], tr) -> str:
    """The history of a series as a plain-text table with a pulse chart, for the terminal."""
    lines = [f"{series}", ""]
    header = (f"{'#':>2}  {tr('history.date'):<10}  {tr('history.meeting'):<28}  {tr('history.attendance'):>9}  "
              f"{tr('history.actions'):>11}  {tr('history.pulse'):>5}")
    lines.append(header)
    lines.append("-" * len(header))
    for row in rows:
        pulse = f"{row.pulse:.1f}" if row.pulse is not None else "–"
        meeting = row.meeting if len(row.meeting) <= 28 else row.meeting[:27] + "…"
        mark = "" if row.finished else " *"
        lines.append(f"{row.number:>2}  {row.date.isoformat():<10}  {meeting:<28}  "
                     f"{f'{row.present}/{row.present + row.absent}':>9}  "
                     f"{f'{row.actions_done}/{row.actions_done + row.actions_open}':>11}  {pulse:>5}{mark}")
    lines.append("")
    lines.append(f"{tr('history.pulse_chart')}:")
    lines.extend(pulse_columns([r.pulse for r in rows]))
    if any(not r.finished for r in rows):
        lines.append(tr("history.unfinished"))
    return "\n".join(lines)
