"""The whole trajectory of a CoP: its plan of meetings, the next meeting's worksheet, the report.

A CoP meets about every six weeks for one to one and a half years. The *plan* lays the meetings
out from a start date, a cadence and a number of meetings — a kick-off first, regular meetings, a
literature and an expert meeting on what the group does not know yet, a reflection every few
meetings, a mid-term "bringing it home", the closing last — and can be shortened or extended
later. It is kept as ``trajectory.toml`` in the minutes folder and written as an iCalendar file
participants can import. :func:`next_worksheet` writes the next meeting's worksheet from the
previous meeting; :func:`render_report` the outward report of the whole trajectory, from the
series index alone (so never a word said in a round, never a private remark).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from copsession.bundled import find_bundled
from copsession.capture import NOTE_KINDS_TABLE, NoteKind
from copsession.formats import decimal, long_date, short_date, weekday_date
from copsession.i18n import Catalog
from copsession.minutes import escape, escape_cell
from copsession.plan import PLACEHOLDER  # noqa: F401  (what a placeholder looks like: see there)
from copsession.series import pulse_sparkline, summary_key
from copsession.steering import Proposal, propose
from copsession.storage import Problem, StorageError, atomic_write, read_regular_file, slugify
from copsession.worksheet import FIRST_DATE, LAST_DATE, MAX_TEXT, PHASES, clean_name, clean_text

PLAN_FILE = "trajectory.toml"
CALENDAR_FILE = "trajectory.ics"
PLAN_FILES = {"en": PLAN_FILE, "nl": "traject.toml"}
"""The plan's file name by language: a Dutch trajectory's is ``traject.toml`` (its calendar
``traject.ics``); either is read, whatever the language."""


def plan_file(folder: Path, language: str | None = None) -> Path:
    """The trajectory's plan in ``folder``: whichever of ``trajectory.toml`` and ``traject.toml`` is
    there (:class:`PlanError` when both are: two plans, and copsession cannot know which holds);
    when neither is, the name a new plan in ``language`` gets."""
    found = [folder / name for name in dict.fromkeys(PLAN_FILES.values()) if os.path.lexists(folder / name)]
    if len(found) > 1:
        raise PlanError(
            f"{folder}: holds two plans, {found[0].name} and {found[1].name}; keep one",
            "plan.two_plans",
            folder=folder,
            first=found[0].name,
            second=found[1].name,
        )
    if found:
        return found[0]
    return folder / PLAN_FILES.get(language or "en", PLAN_FILE)


def calendar_file(plan: Path) -> Path:
    """The calendar beside a plan: ``traject.ics`` beside ``traject.toml``."""
    return plan.with_suffix(".ics")


MAX_MEETINGS = 60


@dataclass(frozen=True)
class PlannedMeeting:
    """One meeting of the plan."""

    number: int
    date: date
    phase: str
    sequence: int = 0
    """How often the meeting was changed after it was first planned (the calendar's SEQUENCE: a
    calendar that imports the file again takes the higher number as the newer event)."""
    changed: datetime | None = None
    """When it was planned or last changed, in UTC (the calendar's DTSTAMP)."""
    written: str = ""
    """What the calendar file last said of it (date, time, length, place, kind): a date moved by hand
    in the plan differs from it, and the next calendar marks the meeting as changed."""


@dataclass(frozen=True)
class PlanGroup:
    """What the plan knows of this CoP itself (asked by ``copsession trajectory``): its central
    question, its scope, its facilitator and its members. Worksheets made from the plan use them;
    what is not known yet becomes a marked placeholder (see :data:`PLACEHOLDER`)."""

    central_question: str = ""
    scope: str = ""
    facilitator: str = ""
    participants: tuple[tuple[str, str, str], ...] = ()
    """Each member as (name, organisation, field)."""

    @property
    def empty(self) -> bool:
        return not (self.central_question or self.scope or self.facilitator or self.participants)


@dataclass(frozen=True)
class TrajectoryPlan:
    """The meetings a CoP plans, from its kick-off to its closing."""

    series: str
    language: str
    start: date
    cadence_weeks: int
    meetings: tuple[PlannedMeeting, ...]
    time: time = time(14, 0)
    minutes: int = 150
    """How long a meeting takes (for the calendar)."""
    location: str = ""
    id: str = ""
    """A random name of this trajectory, made with the plan: its calendar events are named after it,
    so two trajectories with one name (two organisations' CoPs) never replace each other's events.
    A plan made before ids has none: its events keep the names they had (the trajectory's name)."""
    cancelled: tuple[PlannedMeeting, ...] = ()
    """Meetings taken off the plan: the calendar says they are cancelled, so calendars drop them."""
    group: PlanGroup = PlanGroup()
    """The CoP's own question, scope, facilitator and members."""

    @property
    def end(self) -> date:
        return self.meetings[-1].date if self.meetings else self.start


class PlanError(Problem, ValueError):
    """A plan that cannot be made or read; the message is for people (``told`` in a language)."""


def phases_for(count: int) -> list[str]:
    """Which kind of meeting each of ``count`` meetings is.

    The kick-off first and the closing last; from six meetings a literature meeting second and an
    expert meeting third; a reflection every fourth meeting; a mid-term "bringing it home" halfway
    (from seven meetings); the rest regular.
    """
    if count < 2:
        raise PlanError("a trajectory needs at least two meetings: a kick-off and a closing", "plan.too_few")
    phases = ["regular"] * count
    phases[0], phases[-1] = "kickoff", "closing"
    if count >= 6:
        phases[1] = "literature"
    if count >= 5:
        phases[2] = "expert"
    for position in range(3, count - 1, 4):  # the 4th, 8th, 12th … meeting
        phases[position] = "reflection"
    if count >= 7:
        middle = count // 2
        for candidate in (middle, middle + 1, middle - 1):
            if 0 < candidate < count - 1 and phases[candidate] == "regular":
                phases[candidate] = "midterm"
                break
    return phases


MAX_NAME = 200
"""The longest name of a trajectory (it becomes a worksheet's title and a file name)."""
MAX_LOCATION = 500


def plain_name(value: str) -> str:
    """A name or place as one line of visible text: no control characters, no bidi overrides, no
    undecodable bytes from the command line, single spaces. The meetings of the trajectory carry
    it as their series, so it is cleaned the one way they are."""
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(clean_text(value).split())


def make_plan(
    series: str,
    language: str,
    start: date,
    cadence_weeks: int,
    count: int,
    *,
    at: time = time(14, 0),
    minutes: int = 150,
    location: str = "",
    group: PlanGroup = PlanGroup(),
    now: datetime | None = None,
) -> TrajectoryPlan:
    """A new plan of ``count`` meetings every ``cadence_weeks`` weeks from ``start``; every value
    checked before anything is written."""
    series, location = plain_name(series), plain_name(location)
    if not any(ch.isalnum() for ch in series):
        raise PlanError("name the trajectory with --series", "plan.name_it")
    if len(series) > MAX_NAME:
        raise PlanError(
            f"the name is too long ({len(series)} characters, at most {MAX_NAME})",
            "plan.too_long",
            what="--series",
            count=len(series),
            most=MAX_NAME,
        )
    if len(location) > MAX_LOCATION:
        raise PlanError(
            f"the place is too long ({len(location)} characters, at most {MAX_LOCATION})",
            "plan.too_long",
            what="--location",
            count=len(location),
            most=MAX_LOCATION,
        )
    if at.tzinfo is not None:
        raise PlanError(f"{at.isoformat()!r} is not a time like 14:00", "plan.bad_time", time=at.isoformat())
    _check_length(minutes)
    _check(start, cadence_weeks, count)
    plan = _dated(
        TrajectoryPlan(series, language, start, cadence_weeks, (), at, minutes, location, new_id(), group=group),
        phases_for(count),
    )
    return revised(None, plan, now or datetime.now(timezone.utc))


def new_id() -> str:
    """A trajectory's random name (see :attr:`TrajectoryPlan.id`)."""
    # lazy: only for a new plan; 4.5 ms (6 modules) at the start of `trajectory` (importtime, 7 Dec 2026)
    import secrets

    return secrets.token_hex(8)


def _as_written(plan: TrajectoryPlan, meeting: PlannedMeeting) -> str:
    """What a calendar event says of ``meeting`` (see :attr:`PlannedMeeting.written`)."""
    return f"{meeting.date.isoformat()} {plan.time.isoformat()} {plan.minutes} {meeting.phase} {plan.location}"


def revised(old: TrajectoryPlan | None, new: TrajectoryPlan, now: datetime) -> TrajectoryPlan:
    """``new`` as the next version of ``old``, ready for its calendar to be written: a meeting whose
    date, kind, time, length or place differs from what the last calendar said (also when it was
    moved by hand in the plan) counts one change more and is stamped ``now``; the others keep their
    stamps. Meetings taken off are kept as cancelled. The trajectory keeps its id."""
    now = now.replace(microsecond=0)
    before = {m.number: m for m in old.meetings} if old is not None else {}
    meetings = []
    for meeting in new.meetings:
        was = before.get(meeting.number)
        said = _as_written(new, meeting)
        if was is None:
            meetings.append(replace(meeting, sequence=0, changed=now, written=said))
        elif (was.written or (_as_written(old, was) if old is not None else "")) == said:
            meetings.append(replace(meeting, sequence=was.sequence, changed=was.changed or now, written=said))
        else:
            meetings.append(replace(meeting, sequence=was.sequence + 1, changed=now, written=said))
    numbers = {m.number for m in meetings}
    gone = [replace(m, sequence=m.sequence + 1, changed=now) for m in before.values() if m.number not in numbers]
    kept = [m for m in (old.cancelled if old is not None else ()) if m.number not in numbers]
    cancelled = tuple(sorted({m.number: m for m in kept + gone}.values(), key=lambda m: m.number))
    plan_id = old.id if old is not None else (new.id or new_id())
    return replace(new, meetings=tuple(meetings), id=plan_id, cancelled=cancelled)


def _check_length(minutes: int) -> None:
    if not 15 <= minutes <= 24 * 60:
        raise PlanError(f"a meeting lasts 15 to 1440 minutes, not {minutes}", "plan.length", minutes=minutes)


def _check(start: date, cadence_weeks: int, count: int) -> None:
    if not 1 <= cadence_weeks <= 104:
        raise PlanError(
            f"the cadence must be between 1 and 104 weeks, not {cadence_weeks}", "plan.cadence", weeks=cadence_weeks
        )
    if not 2 <= count <= MAX_MEETINGS:
        raise PlanError(
            f"a trajectory has between 2 and {MAX_MEETINGS} meetings, not {count}",
            "plan.count",
            most=MAX_MEETINGS,
            count=count,
        )
    latest = LAST_DATE - timedelta(weeks=cadence_weeks * MAX_MEETINGS)
    if not FIRST_DATE <= start <= latest:
        raise PlanError(
            f"the start date must be between {FIRST_DATE} and {latest}", "plan.start", first=FIRST_DATE, last=latest
        )


def _dated(plan: TrajectoryPlan, phases: list[str]) -> TrajectoryPlan:
    """The plan with a meeting per phase: the dates it has keep (a facilitator may have moved one
    by hand), later meetings follow the last of them at the cadence."""
    dates = [m.date for m in plan.meetings][: len(phases)]
    while len(dates) < len(phases):
        dates.append(dates[-1] + timedelta(weeks=plan.cadence_weeks) if dates else plan.start)
    if dates and dates[-1] > LAST_DATE:
        raise PlanError(f"the last meeting would be after {LAST_DATE}", "plan.too_late", last=LAST_DATE)
    kept = {m.number: m for m in plan.meetings}
    meetings = tuple(
        replace(kept[i + 1], date=day, phase=phase) if i + 1 in kept else PlannedMeeting(i + 1, day, phase)
        for i, (day, phase) in enumerate(zip(dates, phases))
    )
    return replace(plan, meetings=meetings)


def resize(plan: TrajectoryPlan, count: int) -> TrajectoryPlan:
    """The plan shortened or extended to ``count`` meetings: meetings already planned keep their kind
    (the closing moves to the new last date), new meetings are regular or reflection meetings."""
    _check(plan.start, plan.cadence_weeks, count)
    old = [m.phase for m in plan.meetings if m.phase != "closing"]
    fresh = phases_for(count)
    phases = (old + fresh[len(old) : -1])[: count - 1] + ["closing"]
    return _dated(plan, phases)


# -- the plan file ----------------------------------------------------------- #


def plan_text(plan: TrajectoryPlan) -> str:
    """The plan as TOML, for ``trajectory.toml`` (a facilitator may edit the meetings' kinds)."""
    # lazy: the TOML writer, 0.5 ms at the start of `history` (importtime, 7 Dec 2026)
    import tomli_w

    doc: dict[str, Any] = {
        "series": plan.series,
        "language": plan.language,
        "start": plan.start,
        "cadence_weeks": plan.cadence_weeks,
        "time": plan.time,
        "minutes": plan.minutes,
        "meetings": [_meeting_doc(m) for m in plan.meetings],
    }
    if plan.location:
        doc["location"] = plan.location
    if plan.id:
        doc["id"] = plan.id
    if plan.cancelled:
        doc["cancelled"] = [_meeting_doc(m) for m in plan.cancelled]
    if not plan.group.empty:
        group = plan.group
        own: dict[str, Any] = {
            key: value
            for key, value in (
                ("central_question", group.central_question),
                ("scope", group.scope),
                ("facilitator", group.facilitator),
            )
            if value
        }
        if group.participants:
            own["participants"] = [
                {k: v for k, v in (("name", n), ("organisation", o), ("field", f)) if v}
                for n, o, f in group.participants
            ]
        doc["group"] = own
    tr = Catalog(plan.language)
    return "".join(f"# {line}\n" for line in tr("plan.file_header").split("\n")) + tomli_w.dumps(doc)


def _member_doc(member: tuple[str, str, str]) -> dict[str, str]:
    """A member as a worksheet's and the plan's ``[[participants]]`` have them: what is known."""
    return {key: value for key, value in zip(("name", "organisation", "field"), member) if value}


def _meeting_doc(meeting: PlannedMeeting) -> dict[str, Any]:
    doc: dict[str, Any] = {"number": meeting.number, "date": meeting.date, "phase": meeting.phase}
    if meeting.sequence:
        doc["sequence"] = meeting.sequence
    if meeting.changed is not None:
        doc["changed"] = meeting.changed
    if meeting.written:
        doc["written"] = meeting.written
    return doc


def read_plan(path: Path) -> TrajectoryPlan:
    """The plan in ``path``; :class:`PlanError` with a clear message when it is not a usable plan."""
    try:
        doc = tomllib.loads(read_regular_file(path, 256 * 1024).decode("utf-8"))
    except FileNotFoundError:
        raise PlanError(
            f"{path}: there is no plan yet; make one with `copsession trajectory --start …`", "plan.none", path=path
        ) from None
    except StorageError as exc:  # not an ordinary file, too large, unreadable: it says so itself
        raise PlanError(f"{path}: is not a readable plan ({exc})", "plan.unreadable", path=path, what=exc) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        raise PlanError(f"{path}: is not a readable plan (not valid TOML text)", "plan.not_toml", path=path) from None
    field = "meetings"
    try:
        raw = doc["meetings"]
        if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_MEETINGS:
            raise ValueError("meetings")
        meetings = []
        for position, m in enumerate(raw, 1):
            field = f"meetings[{position}]"
            number = m["number"]
            if not isinstance(number, int) or isinstance(number, bool) or number != position:
                raise ValueError("number")  # numbered 1, 2, 3, … in order
            meetings.append(_a_meeting(m, number))
            if position > 1 and meetings[-1].date <= meetings[-2].date:
                raise ValueError("date")  # every meeting after the one before
        cancelled = []
        for position, m in enumerate(doc.get("cancelled", []), 1):
            field = f"cancelled[{position}]"
            cancelled.append(_a_meeting(m, m["number"]))
        values: dict[str, Any] = {}
        for field, kind, default in (
            ("series", str, None),
            ("start", date, None),
            ("cadence_weeks", int, None),
            ("minutes", int, 150),
            ("location", str, ""),
            ("language", str, "en"),
            ("time", time, time(14, 0)),
        ):
            value = doc.get(field, default) if default is not None else doc[field]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(field)
            values[field] = value
        field = "language"
        _a_language(values["language"])
        field = "id"
        plan_id = doc.get("id", "")
        if not isinstance(plan_id, str) or not re.fullmatch(r"[0-9a-f]{0,64}", plan_id):
            raise ValueError("id")
        field = "series"
        if plain_name(values["series"]) != values["series"] or not values["series"] or len(values["series"]) > MAX_NAME:
            raise ValueError("series")
        field = "location"
        if len(values["location"]) > MAX_LOCATION:
            raise ValueError("location")
        field = "start"
        plan = TrajectoryPlan(
            values["series"],
            _a_language(values["language"]),
            _a_date(values["start"]),
            values["cadence_weeks"],
            tuple(meetings),
            _a_time(values["time"]),
            values["minutes"],
            plain_name(values["location"]),
            plan_id,
            tuple(cancelled),
            _a_group(doc.get("group", {})),
        )
        field = "cadence_weeks"
        _check(plan.start, plan.cadence_weeks, len(meetings))
        field = "minutes"
        _check_length(plan.minutes)
    except (KeyError, TypeError, ValueError, PlanError):
        raise PlanError(f"{path}: {field} is missing or not usable", "plan.incomplete", path=path, what=field) from None
    return plan


def _a_group(doc: Any) -> PlanGroup:
    """The plan's ``[group]`` table: texts of a sensible length, members as names are kept."""
    if not isinstance(doc, dict) or set(doc) - {"central_question", "scope", "facilitator", "participants"}:
        raise ValueError("group")

    def text(key: str) -> str:
        value = doc.get(key, "")
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            raise ValueError(key)
        return clean_text(value)

    members = doc.get("participants", [])
    if not isinstance(members, list) or len(members) > 100:
        raise ValueError("participants")
    participants = []
    for member in members:
        if not isinstance(member, dict) or set(member) - {"name", "organisation", "field"}:
            raise ValueError("participants")
        values = [member.get(key, "") for key in ("name", "organisation", "field")]
        if not all(isinstance(v, str) and len(v) <= MAX_NAME for v in values) or not clean_name(values[0]):
            raise ValueError("participants")
        participants.append((clean_name(values[0]), clean_name(values[1]), clean_name(values[2])))
    return PlanGroup(text("central_question"), text("scope"), clean_name(text("facilitator")), tuple(participants))


def member(text: str) -> tuple[str, str, str]:
    """A member as given on the command line: ``"Name; Organisation; Field"`` (the last two may be
    left out); :class:`PlanError` when there is no name."""
    parts = [clean_name(part) for part in text.split(";")]
    if not parts[0] or len(parts) > 3 or any(len(p) > MAX_NAME for p in parts):
        raise PlanError(f"'{text}' is not a member like 'Name; Organisation; Field'", "plan.bad_member", text=text)
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _a_date(value: Any) -> date:
    if not isinstance(value, date) or isinstance(value, datetime) or not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError("a date is not valid")
    return value


def _a_meeting(m: Any, number: Any) -> PlannedMeeting:
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= MAX_MEETINGS:
        raise ValueError("number")
    written = m.get("written", "")
    if not isinstance(written, str) or len(written) > 1000:
        raise ValueError("written")
    return PlannedMeeting(
        number,
        _a_date(m["date"]),
        _a_phase(m["phase"]),
        _a_sequence(m.get("sequence", 0)),
        _a_moment(m.get("changed")),
        written,
    )


def _a_sequence(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000:
        raise ValueError("a sequence number is not valid")
    return value


def _a_moment(value: Any) -> datetime | None:
    """When a meeting was planned or changed: a date and time with its offset (UTC), or nothing."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or not FIRST_DATE <= value.date() <= LAST_DATE:
        raise ValueError("a moment is not valid")
    return value.astimezone(timezone.utc)


def _a_time(value: Any) -> time:
    if not isinstance(value, time) or value.tzinfo is not None:
        raise ValueError("a time is not valid")
    return value


def _a_phase(value: Any) -> str:
    if value not in PHASES:
        raise ValueError(f"unknown phase {value!r}")
    return value


def _a_language(value: Any) -> str:
    if value not in ("en", "nl"):
        raise ValueError(f"unknown language {value!r}")
    return value


def write_new(path: Path, text: str | bytes, *, replace_own: bool = False) -> None:
    """Write ``path`` atomically; ``replace_own``: it may replace an earlier version of itself."""
    if path.is_symlink():
        raise StorageError(f"{path}: is a symbolic link; nothing was written", "storage.symlink", path=path)
    if path.exists() and not replace_own:
        raise StorageError(f"{path}: already exists; nothing was written", "storage.exists", path=path)
    atomic_write(path, text)  # shared files: the mode the umask gives, like the minutes


# -- the calendar --------------------------------------------------------------- #


def calendar_bytes(plan: TrajectoryPlan, tr: Catalog) -> bytes:
    """The plan as an iCalendar file (RFC 5545) that participants can import into their calendars."""
    # lazy: icalendar, 44 ms (118 modules) at the start of `trajectory` (importtime, 7 Dec 2026)
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//copsession//trajectory//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", plan.series)
    # events named after the trajectory's own random id: another trajectory's file (even of a CoP
    # with the same name) never replaces them; a plan made before ids keeps its events' old names
    name = plan.id or slugify(plan.series)
    for meeting, status in [(m, "CONFIRMED") for m in plan.meetings] + [(m, "CANCELLED") for m in plan.cancelled]:
        event = Event()
        event.add("uid", f"{name}-{meeting.number}@copsession")
        begin = datetime.combine(meeting.date, plan.time)
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=plan.minutes))
        event.add("dtstamp", meeting.changed or datetime(2000, 1, 1, tzinfo=timezone.utc))
        event.add("sequence", meeting.sequence)
        event.add("status", status)  # a meeting taken off the plan is cancelled in every calendar that has it
        event.add(
            "summary",
            f"{plan.series}: {tr('trajectory.meeting', number=meeting.number)} — {tr('phase.' + meeting.phase)}",
        )
        if plan.location:
            event.add("location", plan.location)
        calendar.add_component(event)
    return calendar.to_ical()


def render_plan(plan: TrajectoryPlan, tr: Catalog, held: int = 0) -> str:
    """The plan as a table for the terminal: number, date, kind of meeting; ``held`` meetings are marked done."""
    lines = [
        plan.series,
        tr(
            "trajectory.summary",
            count=len(plan.meetings),
            every=tr("trajectory.every_week")
            if plan.cadence_weeks == 1
            else tr("trajectory.every_weeks", weeks=plan.cadence_weeks),
            start=weekday_date(plan.start, plan.language),
            end=weekday_date(plan.end, plan.language),
        ),
        "",
    ]
    for meeting in plan.meetings:
        mark = "✓" if meeting.number <= held else " "
        lines.append(
            f" {mark} {meeting.number:>2}  {weekday_date(meeting.date, plan.language):<28}  "
            f"{tr('phase.' + meeting.phase)}"
        )
    return "\n".join(lines)


# -- the next meeting's worksheet ------------------------------------------------------ #


@dataclass
class NextMeeting:
    """What ``copsession next`` knows of the meeting to prepare."""

    number: int
    date: date
    phase: str
    goals: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    series: str = ""
    """The trajectory's name (for a kick-off prepared from the plan alone)."""
    start: time | None = None
    location: str = ""
    cadence_weeks: int | None = None
    """From the plan, when there is one: they win over the previous meeting's."""


def _from_plan(template_text: str, plan: TrajectoryPlan | None, series: str, language: str) -> str:
    """A kick-off's worksheet as TOML: the bundled kick-off's steps and goals (written for any CoP),
    with this CoP's name, question, facilitator, members and place from the plan; what the plan does
    not know is a marked placeholder (``«…»``), never the bundled example's content."""
    # lazy: the TOML writer, 0.5 ms at the start of `history` (importtime, 7 Dec 2026)
    import tomli_w

    doc = tomllib.loads(template_text) if template_text else {}
    tr = Catalog(language if language in ("en", "nl") else "en")
    group = plan.group if plan is not None else PlanGroup()
    doc["title"] = doc["series"] = series
    doc["central_question"] = group.central_question or tr("placeholder.central_question")
    doc["location"] = (plan.location if plan is not None else "") or tr("placeholder.location")
    doc.pop("facilitator", None)
    if group.facilitator:
        doc["facilitator"] = group.facilitator
    members = group.participants or ((tr("placeholder.member"), tr("placeholder.organisation"), ""),)
    doc["participants"] = [_member_doc(m) for m in members]
    return tomli_w.dumps(doc)


@dataclass(frozen=True)
class PreparedNext:
    """The next meeting as ``copsession next`` prepares it: what it says of itself, the questions
    proposed from what the group left open, and what its worksheet is made from."""

    upcoming: NextMeeting
    language: str
    file_name: str
    """The name the worksheet is written under unless asked otherwise: date and trajectory."""
    proposals: list[Proposal]
    """The questions proposed for its exploration (see :mod:`copsession.steering`), in order."""
    previous: str
    """The worksheet it follows (the last meeting's, or the kick-off's made from the plan)."""
    added: list[dict]
    """People added on the spot in the last meeting: they are participants now."""
    template: str | None
    """The bundled worksheet of its kind of meeting, whose steps it takes."""

    def worksheet(self, kept: Sequence[Proposal] = ()) -> str:
        """The worksheet as TOML, with the ``kept`` proposals as questions."""
        return next_worksheet(self.previous, self.added, self.upcoming, self.template, kept)


def kickoff_is_next(plan: TrajectoryPlan | None, only: str | None, held: list[dict]) -> bool:
    """True when the trajectory is planned and none of its meetings is held yet (so the kick-off is
    prepared from the plan alone); ``only`` is the series asked for, if one was."""
    return (
        plan is not None
        and (only is None or only == plan.series)
        and not any(s.get("series") == plan.series for s in held)
    )


def prepare_next(
    plan: TrajectoryPlan | None, series: str, meetings: list[dict], last: dict[str, Any] | None
) -> PreparedNext:
    """The next meeting of ``series``: number, date and kind from the plan when it has it, else six
    weeks (or the trajectory's own rhythm) after the last; goals and agreements carried over from the
    last meeting's summary (``meetings``, in order); the participants and question from the last
    record (``last``, its document), or from the bundled kick-off worksheet when nothing is held yet."""
    if meetings:
        language = meetings[-1].get("language", "en")
        language = language if language in ("en", "nl") else "en"
        weeks = meetings[-1].get("cadence_weeks") or (plan.cadence_weeks if plan else 6)
        upcoming_date, phase = date.fromisoformat(meetings[-1]["date"]) + timedelta(weeks=weeks), "regular"
    elif plan is not None:
        language, upcoming_date, phase = plan.language, plan.start, "kickoff"
    else:
        raise ValueError("nothing held and no plan: there is no next meeting to prepare")
    number = len(meetings) + 1
    own_plan = plan if plan is not None and plan.series == series else None
    if own_plan is not None:
        planned = [m for m in own_plan.meetings if m.number == number]
        if planned:
            upcoming_date, phase = planned[0].date, planned[0].phase
    carried = meetings[-1].get("carry", []) if meetings else []
    upcoming = NextMeeting(
        number,
        upcoming_date,
        phase,
        goals=[c["text"] for c in carried if c.get("kind") == "goal"],
        agreements=[c["text"] for c in carried if c.get("kind") == "agreement"],
        series=series,
        start=own_plan.time if own_plan else None,
        location=own_plan.location if own_plan else "",
        cadence_weeks=own_plan.cadence_weeks if own_plan else None,
    )
    template = find_bundled(f"{phase}.{language}")
    if last is not None:
        previous = str(last.get("worksheet", ""))
    else:  # nothing held yet: this CoP's own question and members from the plan, never the example's
        previous = _from_plan(template.text if template else "", plan, series, language)
    return PreparedNext(
        upcoming,
        language,
        f"{upcoming_date.isoformat()}-{slugify(series)}.toml",
        propose(meetings, last, upcoming_date, language),
        previous,
        list(last.get("added", [])) if last is not None else [],
        template.text if template else None,
    )


def next_worksheet(
    previous_text: str,
    added: list[dict],
    upcoming: NextMeeting,
    template_text: str | None,
    questions: Sequence[Proposal] = (),
) -> str:
    """The worksheet of the next meeting, as TOML to edit: the previous meeting's series, participants
    (with those added on the spot), central question, goals and agreements, place and times; the
    next number, date and kind; the steps of the bundled worksheet for that kind (``template_text``)
    when there is one, else the previous meeting's own; the ``questions`` the facilitator kept of what
    :func:`copsession.steering.propose` proposed, in the first exploration step, each with a comment
    that says where it came from."""
    # lazy: the TOML writer, 0.5 ms at the start of `history` (importtime, 7 Dec 2026)
    import tomli_w

    previous = tomllib.loads(previous_text)
    template = tomllib.loads(template_text) if template_text else previous
    language = previous.get("language", "en")
    tr = Catalog(language if language in ("en", "nl") else "en")
    doc: dict[str, Any] = {}
    for key in ("title", "series", "language", "central_question"):
        if key in previous:
            doc[key] = previous[key]
    doc["series"] = upcoming.series or previous.get("series", previous.get("title", ""))
    if upcoming.series and upcoming.number == 1:  # prepared from the plan alone: the trajectory's name
        doc["title"] = upcoming.series
    doc["meeting"] = f"{tr('trajectory.meeting', number=upcoming.number)}: {tr('phase.' + upcoming.phase)}"
    doc["phase"] = upcoming.phase
    # this meeting's own goals come with its kind of meeting (the previous meeting's were its own); the
    # shared goal the group agreed is carried over on its own (the opening screen shows it apart)
    own_goals = template.get("goals", []) if template_text else previous.get("goals", [])
    goals = [goal for goal in dict.fromkeys(own_goals) if goal not in upcoming.goals]
    if goals:
        doc["goals"] = goals
    agreements = list(dict.fromkeys([*previous.get("agreements", []), *upcoming.agreements]))
    if agreements:
        doc["agreements"] = agreements
    doc["date"] = upcoming.date
    for key in ("start", "end", "location", "facilitator", "cadence_weeks", "export"):
        if key in previous:
            doc[key] = previous[key]
    if upcoming.start is not None:
        doc["start"] = upcoming.start
    if upcoming.location:
        doc["location"] = upcoming.location
    if upcoming.cadence_weeks and upcoming.phase != "kickoff":  # the kick-off agrees on the rhythm itself
        doc["cadence_weeks"] = upcoming.cadence_weeks
    people = list(previous.get("participants", []))
    known = {p.get("name") for p in people}
    people += [p for p in added if p.get("name") not in known]
    if upcoming.phase != "expert":  # an expert is the expert meeting's guest, not a member of the group
        people = [p for p in people if p.get("role") != "expert"]
    elif not any(p.get("role") == "expert" for p in people):
        # the expert takes part in the rounds (the worksheet says who): a place for them, to fill in
        expert = {"name": tr("placeholder.expert"), "organisation": tr("placeholder.organisation")}
        people.append({**expert, "field": tr("placeholder.expertise"), "role": "expert"})
    doc["participants"] = people
    if "forms" in template:
        doc["forms"] = template["forms"]
    doc["steps"] = [dict(step) for step in template.get("steps", previous.get("steps", []))]
    marks = _ask(doc["steps"], list(questions), upcoming.phase)
    header = tr("trajectory.next_header_kickoff" if upcoming.number == 1 else "trajectory.next_header")
    text = "".join(f"# {line}\n" for line in header.splitlines()) + "\n" + tomli_w.dumps(doc)
    for mark, proposal in marks:  # each kept question with where it came from, as a comment above it
        quoted = tomli_w.dumps({"q": proposal.text}).removeprefix("q = ").rstrip("\n")
        origin = " ".join(proposal.origin.split())
        text = text.replace(f'    "{mark}",\n', f"    # {origin}\n    {quoted},\n", 1)
    return text


def _ask(steps: list[dict[str, Any]], questions: list[Proposal], phase: str) -> list[tuple[str, Proposal]]:
    """The kept proposals in the first exploration step: in place of a regular meeting's general
    questions, ahead of the questions another kind of meeting brings with it. Returns the marks the
    questions stand under until their comments are written (tomli_w writes no comments)."""
    exploring = next((step for step in steps if step.get("kind") == "exploration"), None)
    if exploring is None or not questions:
        return []
    marks = [(f"@@copsession-proposal-{i}@@", proposal) for i, proposal in enumerate(questions)]
    own = (
        []
        if phase == "regular"
        else [q for q in exploring.get("questions", []) if q not in {p.text for p in questions}]
    )
    exploring["questions"] = [mark for mark, _ in marks] + own
    return marks


# -- the report -------------------------------------------------------------------- #

REPORT_PLACES = {"question": 10, "meetings": 30, "people": 40, "learnt": 60, "pulse": 110, "onward": 130}
"""Where the report's own sections stand. A kind of note's section stands among them at the place its
row in the capture table gives (:attr:`copsession.capture.ReportSection.place`): the shared goal
at 20, the working agreements at 25, results at 50, sources at 70, open questions at 80, actions at
90, take-backs at 100, decisions at 120; a kind added later after the take-backs."""


def render_report(meetings: list[dict], tr: Catalog, planned: TrajectoryPlan | None = None) -> str:
    """The outward report of the trajectory (or of the meetings held so far: a mid-term report),
    from the meetings' summaries: what it was about, who took part, what came out of it, what was
    learnt and what is still open, what went back into the organisations, the course over time,
    and how the movement continues. Never what people said in the rounds, never a private remark.

    The report's own sections are below; every kind of note with a report section in the capture
    table (:attr:`copsession.capture.NoteKind.report`) adds its own, in the place the table gives."""
    placed = _own_sections(meetings, tr) + _note_sections(meetings, tr)
    out = _report_heading(meetings, tr, planned)
    for _, lines in sorted(placed, key=lambda section: section[0]):
        out.extend(lines)
    out += ["---", "", f"*{tr('report.generated')}*"]
    return "\n".join(out) + "\n"


def _report_heading(meetings: list[dict], tr: Catalog, planned: TrajectoryPlan | None) -> list[str]:
    """The title and the period the report covers; for a mid-term report, how many of the planned
    meetings were held."""
    first, last = meetings[0], meetings[-1]
    language = tr.language
    out = [f"# {tr('report.title', series=escape(str(last.get('series', ''))))}", ""]
    first_day = long_date(date.fromisoformat(first["date"]), language)
    if len(meetings) == 1:
        out.append(tr("report.period_one", first=first_day))
    else:
        last_day = long_date(date.fromisoformat(last["date"]), language)
        out.append(tr("report.period", count=len(meetings), first=first_day, last=last_day))
    if planned is not None and len(planned.meetings) > len(meetings):
        out += ["", tr("report.midterm", held=len(meetings), planned=len(planned.meetings))]
    return out + [""]


def _section(tr: Catalog, title: str, lines: list[str], empty: str) -> list[str]:
    """A section of the report under the heading ``title`` (a catalog key); when it has no lines, the
    sentence ``empty`` (a catalog key) says so in words."""
    return [f"## {tr(title)}", "", *(lines or [tr(empty)]), ""]


def _own_sections(meetings: list[dict], tr: Catalog) -> list[tuple[int, list[str]]]:
    """The sections every report has whatever the capture table holds, each with its place
    (:data:`REPORT_PLACES`): the central question, the meetings, who took part, what was learnt, the
    pulse (when anyone gave one) and how the movement continues."""
    question = [escape(str(meetings[-1].get("central_question", "")))]
    sections = [
        ("question", _section(tr, "report.question", question, "report.none")),
        ("meetings", _section(tr, "report.meetings", _meetings_table(meetings, tr), "report.none")),
        ("people", _section(tr, "report.people", _people(meetings, tr), "report.none")),
        ("learnt", _section(tr, "report.learnt", _learnt(meetings, tr), "report.none")),
        ("pulse", _pulse_section(meetings, tr)),
        ("onward", _section(tr, "report.onward", _onward(meetings), "report.not_decided")),
    ]
    return [(REPORT_PLACES[name], lines) for name, lines in sections]


def _note_sections(meetings: list[dict], tr: Catalog) -> list[tuple[int, list[str]]]:
    """A section for every kind of note the capture table puts in the report, with its place; a kind
    whose section says nothing when empty is left out when no meeting named one."""
    sections = []
    for info in NOTE_KINDS_TABLE:
        shown = info.report
        if shown is None:
            continue
        lines = REPORT_LAYOUTS.get(info.kind, _listed)(meetings, info, tr)
        if lines or shown.empty:
            sections.append((shown.place, _section(tr, shown.title, lines, shown.empty)))
    return sections


def _listed(meetings: list[dict], info: NoteKind, tr: Catalog) -> list[str]:
    """The lines of a kind of note's section in the plain layout: for a kind that carries over (goals,
    agreements, open questions), what is still open or in force after the last meeting; for any other
    (results, sources, decisions), every meeting's notes of it, in the order they were held."""
    if info.carries:
        return [f"- {escape(text)}" for text in _open_items(meetings, info.kind)]
    assert info.report is not None
    lines = []
    for summary in meetings:
        texts = _texts_of(summary, info.kind)
        when = f" *({long_date(date.fromisoformat(summary['date']), tr.language)})*" if info.report.dated else ""
        lines += [f"- {escape(text)}{when}" for text in (dict.fromkeys(texts) if info.report.once else texts)]
    return lines


def _texts_of(summary: dict, kind: str) -> list[str]:
    """The texts of the notes of ``kind`` a meeting's summary lists (none in a summary written before
    the kind was added)."""
    texts = summary.get(summary_key(kind), [])
    return [text for text in texts if isinstance(text, str)] if isinstance(texts, list) else []


def _actions(meetings: list[dict], info: NoteKind, tr: Catalog) -> list[str]:
    """The actions: those a meeting marked done (✓), then those still open after the last (○), each
    with its owner."""
    done = [
        c for s in meetings for c in s.get("closed", []) if c.get("kind") == info.kind and c.get("status") == "done"
    ]
    still_open = [c for c in meetings[-1].get("carry", []) if c.get("kind") == info.kind]
    return [_action_line("✓", c) for c in done] + [_action_line("○", c) for c in still_open]


def _action_line(mark: str, item: dict) -> str:
    """One action of the report: its mark (done or open), its text and its owner."""
    return f"- {mark} {escape(item['text'])}" + (f" ({escape(item['owner'])})" if item.get("owner") else "")


def _taken_back(meetings: list[dict], info: NoteKind, tr: Catalog) -> list[str]:
    """What each participant took back to their organisation, from every meeting, each once."""
    seen: set[tuple] = set()
    lines = []
    for summary in meetings:
        for item in summary.get("carry", []) + summary.get("closed", []):
            if item.get("kind") != info.kind or (item.get("owner", ""), item["text"]) in seen:
                continue
            key = (item.get("owner", ""), item["text"])
            seen.add(key)
            who = f"**{escape(item['owner'])}:** " if item.get("owner") else ""
            lines.append(f"- {who}{escape(item['text'])}")
    return lines


REPORT_LAYOUTS = {"action": _actions, "takeback": _taken_back}
"""Kinds of note whose report section has a layout of its own; every other kind's is :func:`_listed`."""


def _meetings_table(meetings: list[dict], tr: Catalog) -> list[str]:
    """The meetings as a table: name, date, how many came of how many, the pulse."""
    language = tr.language
    rows = [
        f"| {tr('report.col_meeting')} | {tr('report.col_date')} | {tr('report.col_present')} | "
        f"{tr('history.pulse')} |",
        "| --- | --- | --- | --- |",
    ]
    for number, summary in enumerate(meetings, 1):
        pulse = summary.get("pulse")
        shown = decimal(pulse, language) if isinstance(pulse, (int, float)) else "–"
        meeting = escape_cell(str(summary.get("meeting") or tr("trajectory.meeting", number=number)))
        present, absent = summary.get("present", 0), summary.get("absent", 0)
        day = short_date(date.fromisoformat(summary["date"]), language)
        rows.append(f"| {meeting} | {day} | {present}/{present + absent} | {shown} |")
    return rows


def _learnt(meetings: list[dict], tr: Catalog) -> list[str]:
    """What was learnt: the notes the group marked as known or as an idea, or voted for, then the open
    questions a meeting answered, each with where the answer came from."""
    learnt = [f"- {escape(text)}" for s in meetings for text in s.get("learnt", [])]
    answered = [c for s in meetings for c in s.get("closed", []) if c.get("kind") == "question" and c.get("source")]
    return learnt + [f"- {escape(c['text'])} — {tr('source.' + c['source'])}" for c in answered]


def _pulse_section(meetings: list[dict], tr: Catalog) -> list[str]:
    """The pulse over the meetings as a line of bars, with the first and the last; nothing when nobody
    ever gave one."""
    pulses = [s.get("pulse") for s in meetings]
    if not any(isinstance(p, (int, float)) for p in pulses):
        return []
    line = tr(
        "report.pulse_line",
        line=pulse_sparkline([p if isinstance(p, (int, float)) else None for p in pulses]),
        first=_shown_pulse(pulses, tr.language, first=True),
        last=_shown_pulse(pulses, tr.language, first=False),
    )
    return [f"## {tr('report.pulse')}", "", line, ""]


def _onward(meetings: list[dict]) -> list[str]:
    """How the movement continues: the decisions of the closing, the mid-term and the reflection
    meetings."""
    onward_phases = ("closing", "midterm", "reflection")
    return [
        f"- {escape(text)}" for s in meetings if s.get("phase") in onward_phases for text in _texts_of(s, "decision")
    ]


def _shown_pulse(values: list, language: str, *, first: bool) -> str:
    """The first (or last) pulse given, as a decimal in ``language``; a dash when there is none."""
    numbers = [v for v in values if isinstance(v, (int, float))]
    if not numbers:
        return "–"
    return decimal(numbers[0] if first else numbers[-1], language)


def _open_items(meetings: list[dict], kind: str) -> list[str]:
    """What is still open (or, for goals and agreements, in force) after the last meeting."""
    last = meetings[-1]
    return list(dict.fromkeys(c["text"] for c in last.get("carry", []) if c.get("kind") == kind))


def _people(meetings: list[dict], tr: Catalog) -> list[str]:
    """Who took part, grouped by role, with how many meetings each attended."""
    roles: dict[str, str] = {}
    organisations: dict[str, str] = {}
    count: dict[str, int] = {}
    for summary in meetings:
        roles.update(summary.get("roles", {}))
        organisations.update(summary.get("organisations", {}))
        for name in summary.get("attended", []):
            count[name] = count.get(name, 0) + 1
        for name in summary.get("missed", []):
            count.setdefault(name, 0)
    lines = []
    for role in ("core", "member", "expert", "facilitator"):
        names = [n for n in count if roles.get(n, "member") == role]
        if not names:
            continue
        lines.append(f"### {tr('role.' + role)}")  # a heading, not bold text posing as one
        lines.append("")
        for name in names:
            organisation = f" ({escape(organisations[name])})" if organisations.get(name) else ""
            lines.append(
                f"- {escape(name)}{organisation}: {tr('report.attended', count=count[name], total=len(meetings))}"
            )
        lines.append("")
    return lines[:-1] if lines else []
