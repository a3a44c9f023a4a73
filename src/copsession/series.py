"""A CoP is a series of meetings: what carries over, the history, the next date.

A series is identified by the worksheet's ``series`` key (default: its title) within one minutes
folder. Everything here works on meeting *summaries* (see :func:`summarise`), which the series index
keeps, so that no earlier meeting has to be read in full; nothing here knows about the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from copsession.kinds import round_kinds
from copsession.record import ANSWER_SOURCES, CARRIED_KINDS, CARRY_STATUSES, CarriedItem, SessionRecord
from copsession.worksheet import FIRST_DATE, LAST_DATE, clean_text

SUMMARY_FORMAT = 3


def summarise(doc: dict) -> dict[str, Any]:
    """What the rest of the trajectory needs to know of one meeting, from its record document.

    ``carry`` is what the next meeting inherits: the items this meeting carried over and did not
    close, and its own goals, agreements, actions, concerns, open questions (``/question`` and
    notes marked *not yet known*) and take-backs; ``done`` the origins of items this meeting closed,
    ``answered`` the questions it answered and where the answer came from. What people said in the
    rounds and private remarks are never in a summary: the report is written from summaries alone.
    """
    notes = doc.get("notes", [])
    record_id = doc["id"]
    carried = doc.get("carried", [])
    return {
        "summary": SUMMARY_FORMAT,
        **_facts(doc),
        "happened": _happened(doc),
        "current": doc.get("current", -1),
        "current_title": doc.get("current_title", ""),
        "notes": len(notes),
        **_attendance(doc.get("present", {})),
        "roles": doc.get("roles", {}),
        "organisations": doc.get("organisations", {}),
        "pulse": _pulse_average(doc),
        "actions": [f"{record_id}#{n['id']}" for n in notes if n.get("kind") == "action"],
        "done": [c["origin"] for c in carried if c.get("status") == "done"],
        "closed": [_closed_item(c) for c in carried if c.get("status") in ("done", "dropped")],
        **_reported_lists(notes),
        "learnt": [n["text"] for n in notes if _learnt(doc, n)],
        "carry": _still_open(carried) + _carried_on(doc),
    }


def summary_key(kind: str) -> str:
    """The list in a summary that holds the texts of a reported kind of note (one the report lists
    meeting by meeting): ``results``, ``decisions``, ``sources``, …"""
    return f"{kind}s"


def _reported_lists(notes: list[dict]) -> dict[str, list[str]]:
    """The texts of every kind of note the report lists meeting by meeting (the capture table's rows
    with a report section that do not carry over), each under its :func:`summary_key`."""
    # lazy: the capture parser, 8 ms at start-up, which makes no summary (importtime, 7 Dec 2026)
    from copsession.capture import NOTE_KINDS_TABLE

    listed = [info.kind for info in NOTE_KINDS_TABLE if info.report is not None and not info.carries]
    return {summary_key(kind): [n["text"] for n in notes if n.get("kind") == kind] for kind in listed}


def _facts(doc: dict) -> dict[str, Any]:
    """The meeting's names, its place in the series, its date and times, as the record says them."""
    return {
        "id": doc["id"],
        "series": doc.get("series") or doc.get("title", ""),
        "title": doc.get("title", ""),
        "meeting": doc.get("meeting", ""),
        "phase": doc.get("phase", ""),
        "language": doc.get("language", "en"),
        "central_question": doc.get("central_question", ""),
        "date": doc["date"],
        "cadence_weeks": doc.get("cadence_weeks"),
        "started": doc["started"],
        "saved": doc["saved"],
        "finished": bool(doc.get("finished")),
        "stopped": doc.get("stopped", ""),
        "minutes_file": doc.get("minutes_file", ""),
        "series_number": doc.get("series_number", 1),
    }


def _happened(doc: dict) -> bool:
    """Whether the meeting really took place, as :attr:`SessionRecord.happened` says it: something
    was typed, a step was opened, a pulse given, minutes saved or a carried item reviewed."""
    if doc.get("notes") or str(doc.get("draft", "")).strip() or doc.get("pulse") or doc.get("minutes_file"):
        return True
    if any(s.get("visited") for s in doc.get("steps", [])):
        return True
    return any(isinstance(c, dict) and c.get("reviewed") for c in doc.get("carried") or [])


def _attendance(present: dict[str, bool]) -> dict[str, Any]:
    """How many came and who: ``present`` maps each participant to whether they were there."""
    return {
        "present": sum(1 for here in present.values() if here),
        "absent": sum(1 for here in present.values() if not here),
        "attended": [name for name, here in present.items() if here],
        "missed": [name for name, here in present.items() if not here],
    }


def _pulse_average(doc: dict) -> float | None:
    """The meeting's average pulse (1–5), or None when nobody gave one."""
    scores = [v for v in doc.get("pulse", {}).values() if isinstance(v, int)]
    return sum(scores) / len(scores) if scores else None


def _closed_item(item: dict) -> dict[str, Any]:
    """An item carried into this meeting that the group closed (done or dropped) there."""
    return {
        "kind": item["kind"],
        "text": item["text"],
        "status": item.get("status"),
        "source": item.get("source", ""),
        "note": item.get("note", ""),
        "owner": item.get("owner", ""),
    }


def _learnt(doc: dict, note: dict) -> bool:
    """Whether ``note`` is something the group learnt: a plain note outside the rounds that was
    marked as known or as an idea, or that got votes."""
    if note.get("kind") != "note" or _in_round(doc, note):
        return False
    return note.get("tag") in ("known", "idea") or note.get("votes", 0) > 0


def _still_open(carried: list[dict]) -> list[dict]:
    """The items carried into this meeting that it left open: they travel on, as they came."""
    kept = ("status", "reviewed", "note", "source")  # what this meeting said of them stays with it
    return [{k: v for k, v in c.items() if k not in kept} for c in carried if c.get("status", "open") == "open"]


def _carried_on(doc: dict) -> list[dict]:
    """This meeting's own notes that the next meetings inherit (goals, actions, open questions, …)."""
    # lazy: the capture parser, 8 ms at start-up, which makes no summary (importtime, 7 Dec 2026)
    from copsession.capture import is_open_question

    items = []
    for note in doc.get("notes", []):
        kind = note.get("kind")
        if is_open_question(str(kind), str(note.get("tag", ""))):
            kind = "question"  # a note not yet known too: an open question of the trajectory
        if kind in CARRIED_KINDS:
            items.append(_carried_note(doc, note, kind))
    return items


def _carried_note(doc: dict, note: dict, kind: str) -> dict[str, Any]:
    """A note of this meeting as an item carried over: where and when it came up, who holds it (an
    action's owner, a concern's follow-up owner, whoever takes something back), its due date."""
    item = {"origin": f"{doc['id']}#{note['id']}", "origin_date": doc["date"], "kind": kind, "text": note["text"]}
    owner = note.get("owner") or note.get("follow_up_owner") or (note.get("author") if kind == "takeback" else "")
    if owner:
        item["owner"] = owner
    if note.get("due"):
        item["due"] = note["due"]
    return item


def valid_summary(summary: Any) -> bool:
    """Whether a summary (a record's first line, or an index entry) has every field the trajectory's
    commands rely on, each of the right type and range. A summary edited by hand, or cut short, is
    not used: the record is then read in full (or, when that fails too, named once and left out)."""
    try:
        _check_summary(summary)
    except (KeyError, TypeError, ValueError, OverflowError):
        return False
    return True


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    for item in value:
        _text(item)
    return value


def _count(value: Any, most: int = 10_000_000) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
        raise ValueError("not a count")
    return value


def _day(value: Any) -> date:
    day = date.fromisoformat(_text(value))
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError("a date out of range")
    return day


_SUMMARY_TEXTS = (
    "id",
    "series",
    "title",
    "meeting",
    "phase",
    "language",
    "central_question",
    "stopped",
    "minutes_file",
    "current_title",
)


def _check_summary(summary: Any) -> None:
    """Raise when ``summary`` is not a meeting's summary as :func:`summarise` writes it: each field
    of the type and in the range it is written with (see :func:`valid_summary`)."""
    if not isinstance(summary, dict):
        raise TypeError("not a table")
    _check_summary_facts(summary)
    _check_summary_attendance(summary)
    if not isinstance(summary["closed"], list) or not isinstance(summary["carry"], list):
        raise TypeError("items")
    for item in summary["closed"]:
        _check_closed_item(item)
    for item in summary["carry"]:
        _check_carried_item(item)


def _check_summary_facts(summary: dict) -> None:
    """The meeting's names, dates, rhythm, place in the series and pulse."""
    for key in _SUMMARY_TEXTS:
        _text(summary[key])
    _day(summary["date"])
    for key in ("started", "saved"):
        _day(datetime.fromisoformat(_text(summary[key])).date().isoformat())
    cadence = summary["cadence_weeks"]
    if cadence is not None and not 1 <= _count(cadence) <= 104:
        raise ValueError("cadence")
    for key in ("finished", "happened"):
        if not isinstance(summary[key], bool):
            raise TypeError(key)
    if _count(summary["series_number"], 100_000) < 1:
        raise ValueError("series number")
    if not isinstance(summary["current"], int) or isinstance(summary["current"], bool):
        raise TypeError("current")
    pulse = summary["pulse"]
    if pulse is not None and (not isinstance(pulse, (int, float)) or isinstance(pulse, bool) or not 1 <= pulse <= 5):
        raise ValueError("pulse")


def _check_summary_attendance(summary: dict) -> None:
    """Who came and who did not, the counts, and the lists of actions, results and decisions."""
    for key in ("notes", "present", "absent"):
        _count(summary[key])
    for key in ("attended", "missed", "actions", "done", "results", "decisions", "learnt"):
        _texts(summary[key])
    _texts(summary.get("sources", []))  # summaries written before /source have none
    # a kind of note added later has its list only in summaries written since: the report reads
    # such a list through copsession.trajectory's _texts_of, which takes only texts
    for key in ("roles", "organisations"):
        table = summary[key]
        if not isinstance(table, dict):
            raise TypeError(key)
        _texts(list(table.values()))


def _check_closed_item(item: Any) -> None:
    """An item closed in the meeting: a kind that is carried over, a status, where its answer came from."""
    if item["kind"] not in CARRIED_KINDS or item.get("status") not in CARRY_STATUSES:
        raise ValueError("a closed item")
    if item.get("source", "") not in ("",) + ANSWER_SOURCES:
        raise ValueError("a closed item's source")
    for key in ("text", "source", "note", "owner"):
        _text(item.get(key, ""))


def _check_carried_item(item: Any) -> None:
    """An item carried to the next meeting: its kind, text, where and when it came up, its due date."""
    if item["kind"] not in CARRIED_KINDS:
        raise ValueError("a carried item")
    for key in ("origin", "text"):
        _text(item[key])
    _text(item.get("owner", ""))
    _day(item["origin_date"])
    if item.get("due") is not None:
        _day(item["due"])


def _in_round(doc: dict, note: dict) -> bool:
    """Whether ``note`` was said in a round (check-in, concern round, any kind the registry calls a
    round): personal, never reported outward."""
    kinds = doc.get("step_kinds") or []
    step = note.get("step", -1)
    return 0 <= step < len(kinds) and kinds[step] in round_kinds()


def meetings_of(summaries: list[dict], series: str) -> list[dict]:
    """The meetings of ``series`` that really happened, oldest first."""
    own = [s for s in summaries if s.get("series") == series and s.get("happened")]
    own.sort(key=lambda s: str(s.get("started", "")))
    return own


def _carried_item(data: Any) -> CarriedItem | None:
    """A carried-over item from a summary, or None when the summary's data is not usable."""
    if not isinstance(data, dict):
        return None
    try:
        kind = data["kind"]
        due = data.get("due")
        item = CarriedItem(
            origin=str(data["origin"]),
            origin_date=date.fromisoformat(data["origin_date"]),
            kind=kind,
            text=str(data["text"]),
            owner=str(data.get("owner", "")),
            due=date.fromisoformat(due) if due else None,
        )
    except (KeyError, TypeError, ValueError):
        return None
    return item if kind in CARRIED_KINDS and item.status in CARRY_STATUSES else None


def join_series(record: SessionRecord, earlier: list[dict]) -> None:
    """Make ``record`` the next meeting of the series whose meetings ``earlier`` (oldest first) summarises."""
    record.series_number = len(earlier) + 1
    if earlier:
        previous = earlier[-1]
        try:
            record.previous_date = date.fromisoformat(previous["date"])
        except (KeyError, TypeError, ValueError):
            record.previous_date = None
        record.carried = [item for item in map(_carried_item, previous.get("carry", [])) if item is not None]


def latest_unfinished(summaries: list[dict], title: str | None = None, series: str | None = None) -> dict | None:
    """The most recently saved unfinished meeting (of the worksheet ``title`` in ``series``, if given:
    two CoPs may use worksheets with one title)."""
    candidates = [
        s
        for s in summaries
        if not s.get("finished")
        and s.get("happened")
        and (title is None or s.get("title") == title)
        and (series is None or s.get("series") == series)
    ]
    candidates.sort(key=lambda s: str(s.get("saved", "")))
    return candidates[-1] if candidates else None


def next_meeting_date(record: SessionRecord) -> date | None:
    """The next meeting of the trajectory's plan; else the meeting date plus the worksheet's
    ``cadence_weeks``, if it has one."""
    if record.planned_next is not None:
        return record.planned_next
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


def history(meetings: list[dict]) -> list[HistoryRow]:
    """A row per meeting (oldest first). An action counts as done once a later meeting marked it done."""
    done_origins = {origin for s in meetings for origin in s.get("done", [])}
    rows = []
    for number, summary in enumerate(meetings, 1):
        actions = summary.get("actions", [])
        done = sum(1 for origin in actions if origin in done_origins)
        try:
            day = date.fromisoformat(summary["date"])
        except (KeyError, TypeError, ValueError):
            continue
        pulse = summary.get("pulse")
        rows.append(
            HistoryRow(
                number,
                day,
                str(summary.get("meeting", "")),
                int(summary.get("present", 0)),
                int(summary.get("absent", 0)),
                done,
                len(actions) - done,
                float(pulse) if isinstance(pulse, (int, float)) else None,
                bool(summary.get("finished")),
            )
        )
    return rows


BARS = " ▁▂▃▄▅▆▇█"


def pulse_sparkline(values: list[float | None]) -> str:
    """One character per meeting for a pulse from 1 to 5; a dot where there was no pulse."""
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


def series_line(series: str, meetings: list[dict], tr, planned: int | None = None) -> str:
    """One line on a trajectory for the organiser who runs several: meetings held (of planned), the
    attendance of the last meetings, open actions, the last pulse."""
    # lazy: Babel's numbers, 1 ms at start-up (importtime, 7 Dec 2026)
    from copsession.formats import decimal

    trend = " → ".join(str(m.get("present", 0)) for m in meetings[-4:])
    open_actions = sum(1 for c in meetings[-1].get("carry", []) if c.get("kind") == "action") if meetings else 0
    pulses = [float(m["pulse"]) for m in meetings if isinstance(m.get("pulse"), (int, float))]
    return tr(
        "history.series_line",
        series=clean_text(series),
        held=len(meetings),
        planned=tr("history.of_planned", count=planned) if planned else "",
        trend=trend or "–",
        open=open_actions,
        pulse=decimal(pulses[-1], tr.language) if pulses else "–",
    )


def attendance_grid(meetings: list[dict], tr) -> list[str]:
    """Who came to which meeting (✓) and who did not (·): so the organiser sees who drifts away."""
    names: list[str] = []
    for summary in meetings:
        for name in [*summary.get("attended", []), *summary.get("missed", [])]:
            if name not in names:
                names.append(name)
    if not names:
        return []
    width = min(max(len(n) for n in names), 24)
    lines = [f"{tr('history.people')}:", " " * (width + 2) + " ".join(str(i % 10) for i in range(1, len(meetings) + 1))]
    for name in names:
        marks = ["✓" if name in m.get("attended", []) else "·" for m in meetings]
        shown = clean_text(name)[:width]
        lines.append(f"{shown:<{width}}  {' '.join(marks)}  {marks.count('✓')}/{len(meetings)}")
    return lines


def render_history(series: str, rows: list[HistoryRow], tr, meetings: list[dict] | None = None) -> str:
    """The history of a series as a plain-text table with a pulse chart (and, given the meetings'
    summaries, the attendance per person), for the terminal."""
    # lazy: Babel's numbers, 1 ms at start-up (importtime, 7 Dec 2026)
    from copsession.formats import decimal, short_date

    lines = [clean_text(series), ""]
    header = (
        f"{'#':>2}  {tr('history.date'):<10}  {tr('history.meeting'):<28}  {tr('history.attendance'):>9}  "
        f"{tr('history.actions'):>11}  {tr('history.pulse'):>5}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    for row in rows:
        pulse = decimal(row.pulse, tr.language) if row.pulse is not None else "–"
        meeting = clean_text(row.meeting).replace("\n", " ")
        meeting = meeting if len(meeting) <= 28 else meeting[:27] + "…"
        mark = "" if row.finished else " *"
        lines.append(
            f"{row.number:>2}  {short_date(row.date, tr.language):<10}  {meeting:<28}  "
            f"{f'{row.present}/{row.present + row.absent}':>9}  "
            f"{f'{row.actions_done}/{row.actions_done + row.actions_open}':>11}  {pulse:>5}{mark}"
        )
    lines.append("")
    lines.append(f"{tr('history.pulse_chart')}:")
    lines.extend(pulse_columns([r.pulse for r in rows]))
    if any(not r.finished for r in rows):
        lines.append(tr("history.unfinished"))
    if meetings:
        lines.append("")
        lines.extend(attendance_grid(meetings, tr))
    return "\n".join(lines)
