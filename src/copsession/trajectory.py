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
    at: time | None = None
    """Its own start time, when it differs from the plan's: a meeting held keeps the time it was
    held at when the rhythm changes later (so do :attr:`minutes` and :attr:`location`)."""
    minutes: int | None = None
    location: str | None = None
    by_hand: bool = False
    """Its date was moved by hand in the plan and kept when the rhythm changed: a later change of
    the rhythm keeps it too (``moved_by_hand = true`` in the plan; remove it to let it move again)."""


def moved_by_hand(meeting: PlannedMeeting) -> bool:
    """True when the facilitator moved the meeting's date in the plan file (its date is not what the
    calendar last said), or did so before and the date was kept."""
    return meeting.by_hand or bool(meeting.written and meeting.written.split(" ", 1)[0] != meeting.date.isoformat())


@dataclass(frozen=True)
class Move:
    """A meeting the plan put on another day than its rhythm gave it, and why."""

    number: int
    planned: date
    """The day the rhythm gave it."""
    to: date
    why: str
    """The holiday (in the plan's language) or the Christmas weeks; empty when it only had to
    follow the meeting before it."""


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


def with_group(
    group: PlanGroup,
    *,
    question: str | None = None,
    scope: str | None = None,
    facilitator: str | None = None,
    add: tuple[tuple[str, str, str], ...] = (),
    remove: tuple[str, ...] = (),
) -> PlanGroup:
    """``group`` with what the command line gave: the question, scope or facilitator replaced (an
    empty text clears it); members added (one with the name of a member already there replaces
    that member: a correction of organisation or field) and removed by name. :class:`PlanError`
    for a text too long or a name that is not a member."""
    from copsession.worksheet import MAX_TEXT, clean_name, clean_text

    def text(value: str | None, was: str, what: str, most: int) -> str:
        if value is None:
            return was
        value = " ".join(clean_text(value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")).split())
        _not_too_long(value, most, what)
        return value

    members = list(group.participants)
    for name in remove:
        gone = clean_name(name).casefold()
        if not any(m[0].casefold() == gone for m in members):
            raise PlanError(f"{name!r} is not a member of the plan", "plan.no_such_member", name=clean_name(name))
        members = [m for m in members if m[0].casefold() != gone]
    for new in add:
        at = [i for i, m in enumerate(members) if m[0].casefold() == new[0].casefold()]
        if at:
            members[at[0]] = new
        else:
            members.append(new)
    if len(members) > 100:
        raise PlanError("a plan names at most 100 members", "plan.too_many_members", most=100)
    return PlanGroup(
        text(question, group.central_question, "--question", MAX_TEXT),
        text(scope, group.scope, "--scope", MAX_TEXT),
        clean_name(text(facilitator, group.facilitator, "--facilitator", MAX_NAME)),
        tuple(members),
    )


FIT_CHECKS = ("shared", "open", "fields", "knowledge", "year")
"""The guide's checks of whether a CoP is the right form (guide-advice items 1, 3, 5, 6, 13, 15):
a shared, urgent and complex question; no ready answer (not a knowledge question, not a simple
issue); several organisations and fields; participants with basic knowledge of the subject;
people who can take part for about a year."""
FIT_ANSWERS = ("yes", "no", "unknown")


def fit_answers(texts: list[str], language: str) -> tuple[tuple[str, str], ...]:
    """The checks as given on the command line: ``shared=yes,open=no`` (or in Dutch
    ``gedeeld=ja,open=nee``; either language's words work, answers also ``y``/``n``/``?``), in the
    order of :data:`FIT_CHECKS`. :class:`PlanError` naming the part that is not understood."""
    names = {check: check for check in FIT_CHECKS}
    answers = {answer: answer for answer in FIT_ANSWERS}
    for other in ("en", "nl"):
        tr = Catalog(other)
        names.update({tr(f"fit.name.{check}"): check for check in FIT_CHECKS})
        answers.update({word: answer for answer in FIT_ANSWERS for word in tr(f"fit.words.{answer}").split()})
    given: dict[str, str] = {}
    for text in texts:
        for part in text.split(","):
            name, equals, answer = (piece.strip().casefold() for piece in part.partition("="))
            if not part.strip():
                continue
            if not equals or name not in names or answer not in answers:
                raise PlanError(
                    f"{part.strip()!r} is not a check like shared=yes",
                    "plan.bad_check",
                    text=" ".join(clean_text(part).split()),
                    names=", ".join(Catalog(language)(f"fit.name.{check}") for check in FIT_CHECKS),
                )
            given[names[name]] = answers[answer]
    return tuple((check, given[check]) for check in FIT_CHECKS if check in given)


def fit_answer(text: str) -> str | None:
    """An answer typed at the prompt, in either language (empty: unknown); None when not understood."""
    words = {"": "unknown"}
    for other in ("en", "nl"):
        tr = Catalog(other)
        words.update({word: answer for answer in FIT_ANSWERS for word in tr(f"fit.words.{answer}").split()})
    return words.get(text.strip().casefold())


def fit_advice(fit: tuple[tuple[str, str], ...], tr: Catalog) -> list[str]:
    """What the guide would advise, in ``tr``'s language, for each check answered no; and which checks
    are still to be found out."""
    advice = [tr(f"fit.advice.{check}") for check, answer in fit if answer == "no"]
    unknown = [tr(f"fit.label.{check}") for check, answer in fit if answer == "unknown"]
    if unknown:
        advice.append(tr("fit.find_out", checks="; ".join(unknown)))
    return advice


def fit_lines(plan: TrajectoryPlan, tr: Catalog) -> list[str]:
    """The checks and their answers, one line each, for the terminal and the kick-off."""
    return [f"{tr('fit.answer.' + answer)}: {tr('fit.label.' + check)}" for check, answer in plan.fit]


def weekday_number(text: str) -> int | None:
    """A weekday as typed (``tue``, ``Tuesday``, ``di``, ``dinsdag``, in either language), 0 = Monday;
    None when it is no weekday."""
    from babel.dates import get_day_names

    wanted = text.strip().strip(".").casefold()
    for locale in ("en", "nl"):
        for width in ("wide", "abbreviated"):
            for number, name in get_day_names(width, locale=locale).items():
                if name.strip(".").casefold() == wanted:
                    return number
    return None


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
    country: str = ""
    """Whose public holidays the plan avoids (ISO code, ``NL``); empty: only the Christmas weeks."""
    fit: tuple[tuple[str, str], ...] = ()
    """The guide's checks of whether a CoP is the right form (see :data:`FIT_CHECKS`), each answered
    ``yes``, ``no`` or ``unknown``, in the order of :data:`FIT_CHECKS`; a check not asked is left out."""
    moves: tuple[Move, ...] = field(default=(), compare=False)
    """What laying the plan out just moved off a holiday (not kept in the plan file)."""

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
    weekday: int | None = None,
    country: str | None = None,
    fit: tuple[tuple[str, str], ...] = (),
) -> TrajectoryPlan:
    """A new plan of ``count`` meetings every ``cadence_weeks`` weeks from ``start`` (moved to the
    first ``weekday``, 0 = Monday, on or after it); meetings that fall on a public holiday of
    ``country`` (by default the language's, see :data:`DEFAULT_COUNTRY`) or in the Christmas weeks
    move a week later (see :attr:`TrajectoryPlan.moves`); every value checked before anything is
    written."""
    from copsession.days_off import DEFAULT_COUNTRY

    series, location = plain_name(series), plain_name(location)
    if not any(ch.isalnum() for ch in series):
        raise PlanError("name the trajectory with --series", "plan.name_it")
    _not_too_long(series, MAX_NAME, "--series")
    _not_too_long(location, MAX_LOCATION, "--location")
    if at.tzinfo is not None:
        raise PlanError(f"{at.isoformat()!r} is not a time like 14:00", "plan.bad_time", time=at.isoformat())
    _check_length(minutes)
    if weekday is not None:
        start = on_or_after(start, weekday)
    _check(start, cadence_weeks, count)
    country = _a_country_to_plan(DEFAULT_COUNTRY.get(language, "") if country is None else country)
    plan = _dated(
        TrajectoryPlan(
            series,
            language,
            start,
            cadence_weeks,
            (),
            at,
            minutes,
            location,
            new_id(),
            group=group,
            country=country,
            fit=fit,
        ),
        phases_for(count),
    )
    plan = replace(plan, start=plan.meetings[0].date)
    return revised(None, plan, now or datetime.now(timezone.utc))


def on_or_after(day: date, weekday: int) -> date:
    """The first ``weekday`` (0 = Monday) on or after ``day``."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _a_country_to_plan(country: str) -> str:
    """``country`` when the holidays library knows it (or empty: none); :class:`PlanError` otherwise."""
    from copsession.days_off import known_country

    if country and not known_country(country):
        raise PlanError(
            f"{country!r} is not a country code whose public holidays are known (like NL or BE)",
            "plan.bad_country",
            country=country,
        )
    return country


def new_id() -> str:
    """A trajectory's random name (see :attr:`TrajectoryPlan.id`)."""
    # lazy: only for a new plan; 4.5 ms (6 modules) at the start of `trajectory` (importtime, 7 Dec 2026)
    import secrets

    return secrets.token_hex(8)


def meeting_time(plan: TrajectoryPlan, meeting: PlannedMeeting) -> time:
    """When ``meeting`` starts: its own time if it kept one, else the plan's."""
    return meeting.at if meeting.at is not None else plan.time


def meeting_minutes(plan: TrajectoryPlan, meeting: PlannedMeeting) -> int:
    """How long ``meeting`` lasts: its own length if it kept one, else the plan's."""
    return meeting.minutes if meeting.minutes is not None else plan.minutes


def meeting_location(plan: TrajectoryPlan, meeting: PlannedMeeting) -> str:
    """Where ``meeting`` is: its own place if it kept one, else the plan's."""
    return meeting.location if meeting.location is not None else plan.location


def _as_written(plan: TrajectoryPlan, meeting: PlannedMeeting) -> str:
    """What a calendar event says of ``meeting`` (see :attr:`PlannedMeeting.written`)."""
    return (
        f"{meeting.date.isoformat()} {meeting_time(plan, meeting).isoformat()} {meeting_minutes(plan, meeting)} "
        f"{meeting.phase} {meeting_location(plan, meeting)}"
    )


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


def _not_too_long(value: str, most: int, what: str) -> None:
    """:class:`PlanError` for a text of more than ``most`` characters (``what``: the option it came with)."""
    if len(value) > most:
        raise PlanError(
            f"{what}: too long ({len(value)} characters, at most {most})",
            "plan.too_long",
            what=what,
            count=len(value),
            most=most,
        )


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


def _free_day(plan: TrajectoryPlan, number: int, day: date, after: date | None) -> tuple[date, Move | None]:
    """Where meeting ``number`` goes when its rhythm gives it ``day``: that day, or when it is not
    after the meeting before (``after``), or nobody meets then (a public holiday of the plan's
    country, the Christmas weeks), the same weekday a week later, and again, until it is a free day.
    The move, when there was one, says why."""
    from copsession.days_off import day_off

    planned, why = day, ""
    if after is not None and day <= after:
        day += timedelta(weeks=(after - day).days // 7 + 1)
    for _ in range(53):  # a whole year of days off would be no calendar
        if day > LAST_DATE:
            break
        reason = day_off(day, plan.country, plan.language)
        if reason is None:
            break
        why = why or reason
        day += timedelta(weeks=1)
    return day, (Move(number, planned, day, why) if day != planned else None)


def _dated(plan: TrajectoryPlan, phases: list[str]) -> TrajectoryPlan:
    """The plan with a meeting per phase: the dates it has keep (a facilitator may have moved one
    by hand), later meetings follow the last of them at the cadence, off the days nobody meets
    (see :func:`_free_day`; the moves are in :attr:`TrajectoryPlan.moves`)."""
    dates = [m.date for m in plan.meetings][: len(phases)]
    moves = []
    if not dates:  # a new plan starts on the first free day, and its rhythm counts from there
        day, move = _free_day(plan, 1, plan.start, None)
        dates.append(day)
        moves += [move] if move is not None else []
    anchor = dates[-1]  # the rhythm counts from the last date kept, not from where holidays pushed the others
    for step in range(1, len(phases) - len(dates) + 1):
        nominal = anchor + timedelta(weeks=plan.cadence_weeks * step)
        day, move = _free_day(plan, len(dates) + 1, nominal, dates[-1])
        dates.append(day)
        if move is not None:
            moves.append(move)
    if dates and dates[-1] > LAST_DATE:
        raise PlanError(f"the last meeting would be after {LAST_DATE}", "plan.too_late", last=LAST_DATE)
    kept = {m.number: m for m in plan.meetings}
    meetings = tuple(
        replace(kept[i + 1], date=day, phase=phase) if i + 1 in kept else PlannedMeeting(i + 1, day, phase)
        for i, (day, phase) in enumerate(zip(dates, phases))
    )
    return replace(plan, meetings=meetings, moves=tuple(moves))


def replanned(
    plan: TrajectoryPlan,
    held: int,
    *,
    every: int | None = None,
    weekday: int | None = None,
    at: time | None = None,
    minutes: int | None = None,
    location: str | None = None,
    today: date | None = None,
) -> TrajectoryPlan:
    """The plan at a new rhythm: every ``every`` weeks, on ``weekday`` (0 = Monday), at ``at``, for
    ``minutes``, in ``location`` (None: as it was). The ``held`` first meetings never change (they
    keep their own time, length and place); with a new cadence or weekday the others are laid out
    again from the last meeting held (or from the first not held), on or after ``today``, off the
    days nobody meets, except a meeting whose date was moved by hand (see :func:`moved_by_hand`),
    which keeps it (and keeps it at later changes)."""
    held = max(0, min(held, len(plan.meetings)))
    changes: dict[str, Any] = {}
    if every is not None:
        _check(plan.start, every, len(plan.meetings))
        changes["cadence_weeks"] = every
    if at is not None and at.tzinfo is not None:
        raise PlanError(f"{at.isoformat()!r} is not a time like 14:00", "plan.bad_time", time=at.isoformat())
    if minutes is not None:
        _check_length(minutes)
    if location is not None:
        location = plain_name(location)
        _not_too_long(location, MAX_LOCATION, "--location")
    keep_time = at is not None and at != plan.time
    keep_minutes = minutes is not None and minutes != plan.minutes
    keep_location = location is not None and location != plan.location
    meetings = [  # a meeting held keeps the time, length and place it had
        replace(
            m,
            at=plan.time if keep_time and m.at is None else m.at,
            minutes=plan.minutes if keep_minutes and m.minutes is None else m.minutes,
            location=plan.location if keep_location and m.location is None else m.location,
        )
        for m in plan.meetings[:held]
    ]
    for key, value in (("time", at), ("minutes", minutes), ("location", location)):
        if value is not None:
            changes[key] = value
    new = replace(plan, **changes)
    rest = list(plan.meetings[held:])
    moves: tuple[Move, ...] = plan.moves
    if rest and (every is not None or weekday is not None):
        rest, relaid_moves = _relaid(new, meetings, rest, weekday, today)
        moves = tuple(relaid_moves)
    new = replace(new, meetings=tuple(meetings + rest), moves=moves)
    return replace(new, start=new.meetings[0].date)


def _relaid(
    plan: TrajectoryPlan,
    held: list[PlannedMeeting],
    rest: list[PlannedMeeting],
    weekday: int | None,
    today: date | None,
) -> tuple[list[PlannedMeeting], list[Move]]:
    """The meetings not held yet (``rest``) laid out again at ``plan``'s cadence (see :func:`replanned`):
    from the last meeting held (else the first not held), on ``weekday`` (else the weekday they have
    now), and after a meeting moved by hand from that meeting on."""
    step = timedelta(weeks=plan.cadence_weeks)
    if weekday is None and held:  # the weekday they have now (which may not be the held meetings')
        weekday = next((m.date.weekday() for m in rest if not moved_by_hand(m)), None)
    anchor = held[-1].date + step if held else rest[0].date
    if weekday is not None:
        anchor = on_or_after(anchor, weekday)
    if today is not None and anchor < today:  # a rhythm changed after a pause starts from now, on its weekday
        anchor += timedelta(weeks=-(-(today - anchor).days // 7))
    after = held[-1].date if held else None
    laid: list[PlannedMeeting] = []
    moves: list[Move] = []
    counted = 0  # meetings since the anchor
    for meeting in rest:
        if moved_by_hand(meeting):
            if after is not None and meeting.date <= after:
                raise PlanError(
                    f"meeting {meeting.number} was moved by hand to {meeting.date}, before the meeting before it",
                    "plan.hand_moved_order",
                    number=meeting.number,
                    date=meeting.date,
                )
            laid.append(replace(meeting, by_hand=True))
            anchor, counted = meeting.date + step, 0  # the rhythm goes on from it, on its weekday
            anchor, after = (on_or_after(anchor, weekday) if weekday is not None else anchor), meeting.date
            continue
        day, move = _free_day(plan, meeting.number, anchor + step * counted, after)
        if day > LAST_DATE:
            raise PlanError(f"the last meeting would be after {LAST_DATE}", "plan.too_late", last=LAST_DATE)
        laid.append(replace(meeting, date=day))
        moves += [move] if move is not None else []
        after, counted = day, counted + 1
    return laid, moves


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
    doc["country"] = plan.country  # written even when empty: no country, rather than the language's
    if plan.fit:
        doc["fit"] = dict(plan.fit)
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
    if meeting.at is not None:
        doc["time"] = meeting.at
    if meeting.minutes is not None:
        doc["minutes"] = meeting.minutes
    if meeting.location is not None:
        doc["location"] = meeting.location
    if meeting.by_hand:
        doc["moved_by_hand"] = True
    return doc


def read_plan(path: Path) -> TrajectoryPlan:
    """The plan in ``path``; :class:`PlanError` with a clear message when it is not a usable plan
    (naming the field, so the facilitator finds the line)."""
    doc = _plan_doc(path)
    where = _Where()
    try:
        meetings, cancelled = _plan_meetings(doc, where)
        values = _plan_values(doc, where)
        where.field = "start"
        plan = TrajectoryPlan(
            values["series"],
            _a_language(values["language"]),
            _a_date(values["start"]),
            values["cadence_weeks"],
            meetings,
            _a_time(values["time"]),
            values["minutes"],
            plain_name(values["location"]),
            values["id"],
            cancelled,
            _a_group(doc.get("group", {})),
        )
        where.field = "country"
        plan = replace(plan, country=_a_country(doc.get("country", _default_country(plan.language))))
        plan = replace(plan, fit=_plan_fit(doc, where))
        where.field = "cadence_weeks"
        _check(plan.start, plan.cadence_weeks, len(meetings))
        where.field = "minutes"
        _check_length(plan.minutes)
    except (KeyError, TypeError, ValueError, PlanError):
        field = where.field
        raise PlanError(f"{path}: {field} is missing or not usable", "plan.incomplete", path=path, what=field) from None
    return plan


class _Where:
    """The field of the plan being read (what a refusal names)."""

    field = "meetings"


def _plan_doc(path: Path) -> dict[str, Any]:
    """The plan file as TOML data; :class:`PlanError` when there is none or it cannot be read."""
    try:
        return tomllib.loads(read_regular_file(path, 256 * 1024).decode("utf-8"))
    except FileNotFoundError:
        raise PlanError(
            f"{path}: there is no plan yet; make one with `copsession trajectory --start …`", "plan.none", path=path
        ) from None
    except StorageError as exc:  # not an ordinary file, too large, unreadable: it says so itself
        raise PlanError(f"{path}: is not a readable plan ({exc})", "plan.unreadable", path=path, what=exc) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        raise PlanError(f"{path}: is not a readable plan (not valid TOML text)", "plan.not_toml", path=path) from None


def _plan_meetings(doc: dict[str, Any], where: _Where) -> tuple[tuple[PlannedMeeting, ...], tuple[PlannedMeeting, ...]]:
    """The plan's meetings (numbered 1, 2, 3, … in order, each after the one before) and the
    meetings taken off it."""
    where.field = "meetings"
    raw = doc["meetings"]
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_MEETINGS:
        raise ValueError("meetings")
    meetings: list[PlannedMeeting] = []
    for position, m in enumerate(raw, 1):
        where.field = f"meetings[{position}]"
        number = m["number"]
        if not isinstance(number, int) or isinstance(number, bool) or number != position:
            raise ValueError("number")
        meetings.append(_a_meeting(m, number))
        if position > 1 and meetings[-1].date <= meetings[-2].date:
            raise ValueError("date")
    cancelled = []
    for position, m in enumerate(doc.get("cancelled", []), 1):
        where.field = f"cancelled[{position}]"
        cancelled.append(_a_meeting(m, m["number"]))
    return tuple(meetings), tuple(cancelled)


def _plan_values(doc: dict[str, Any], where: _Where) -> dict[str, Any]:
    """The plan's own values (name, start, rhythm, length, place, language, time, id), each of the
    right type and within its limits."""
    values: dict[str, Any] = {}
    for key, kind, default in (
        ("series", str, None),
        ("start", date, None),
        ("cadence_weeks", int, None),
        ("minutes", int, 150),
        ("location", str, ""),
        ("language", str, "en"),
        ("time", time, time(14, 0)),
        ("id", str, ""),
    ):
        where.field = key
        value = doc.get(key, default) if default is not None else doc[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError(key)
        values[key] = value
    where.field = "language"
    _a_language(values["language"])
    where.field = "id"
    if not re.fullmatch(r"[0-9a-f]{0,64}", values["id"]):
        raise ValueError("id")
    where.field = "series"
    series = values["series"]
    if plain_name(series) != series or not series or len(series) > MAX_NAME:
        raise ValueError("series")
    where.field = "location"
    if len(values["location"]) > MAX_LOCATION:
        raise ValueError("location")
    return values


def _plan_fit(doc: dict[str, Any], where: _Where) -> tuple[tuple[str, str], ...]:
    """The answers to the guide's checks the plan keeps (``[fit]``), in the checks' order."""
    where.field = "fit"
    fit = doc.get("fit", {})
    if not isinstance(fit, dict):
        raise ValueError("fit")
    for check, answer in fit.items():
        where.field = f"fit.{check}"  # the check named, so the facilitator finds the line
        if check not in FIT_CHECKS or answer not in FIT_ANSWERS:
            raise ValueError(where.field)
    return tuple((check, fit[check]) for check in FIT_CHECKS if check in fit)


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
    minutes = m.get("minutes")
    if minutes is not None:
        if not isinstance(minutes, int) or isinstance(minutes, bool):
            raise ValueError("minutes")
        _check_length(minutes)
    location = m.get("location")
    if location is not None and (not isinstance(location, str) or len(location) > MAX_LOCATION):
        raise ValueError("location")
    by_hand = m.get("moved_by_hand", False)
    if not isinstance(by_hand, bool):
        raise ValueError("moved_by_hand")
    return PlannedMeeting(
        number,
        _a_date(m["date"]),
        _a_phase(m["phase"]),
        _a_sequence(m.get("sequence", 0)),
        _a_moment(m.get("changed")),
        written,
        _a_time(m["time"]) if "time" in m else None,
        minutes,
        plain_name(location) if location is not None else None,
        by_hand,
    )


def _default_country(language: str) -> str:
    from copsession.days_off import DEFAULT_COUNTRY

    return DEFAULT_COUNTRY.get(language, "")


def _a_country(value: Any) -> str:
    """The plan's ``country``: an ISO code (checked against the holidays library only when the plan
    is laid out again, so that reading a plan stays quick) or empty."""
    from copsession.days_off import COUNTRY

    if not isinstance(value, str) or (value and not COUNTRY.fullmatch(value)):
        raise ValueError("country")
    return value


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
        begin = datetime.combine(meeting.date, meeting_time(plan, meeting))
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=meeting_minutes(plan, meeting)))
        event.add("dtstamp", meeting.changed or datetime(2000, 1, 1, tzinfo=timezone.utc))
        event.add("sequence", meeting.sequence)
        event.add("status", status)  # a meeting taken off the plan is cancelled in every calendar that has it
        event.add(
            "summary",
            f"{plan.series}: {tr('trajectory.meeting', number=meeting.number)} — {tr('phase.' + meeting.phase)}",
        )
        if meeting_location(plan, meeting):
            event.add("location", meeting_location(plan, meeting))
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
    lines += ["", *_plan_facts(plan, tr)]
    if plan.fit:
        lines += ["", tr("fit.heading"), *(f"  {line}" for line in fit_lines(plan, tr))]
        lines += [f"  → {advice}" for advice in fit_advice(plan.fit, tr)]
    return "\n".join(lines)


def country_name(code: str, language: str) -> str:
    """``Nederland`` / ``Netherlands`` for ``NL`` (CLDR's names), the code itself when unnamed."""
    from babel import Locale

    return Locale.parse(language if language in ("en", "nl") else "en").territories.get(code, code)


def _plan_facts(plan: TrajectoryPlan, tr: Catalog) -> list[str]:
    """Where, when, whose holidays, and the group: what the plan knows besides its dates."""
    minutes = tr("trajectory.facts_minutes", time=plan.time.strftime("%H:%M"), minutes=plan.minutes)
    facts = [f"{tr('trajectory.fact_time')}: {minutes}"]
    if plan.location:
        facts.append(f"{tr('trajectory.fact_location')}: {plan.location}")
    holidays = (
        tr("trajectory.holidays_of", country=country_name(plan.country, plan.language))
        if plan.country
        else tr("trajectory.holidays_none")
    )
    facts.append(f"{tr('trajectory.fact_holidays')}: {holidays}")
    group = plan.group
    for key, value in (
        ("trajectory.fact_question", group.central_question),
        ("trajectory.fact_scope", group.scope),
        ("trajectory.fact_facilitator", group.facilitator),
    ):
        facts.append(f"{tr(key)}: {value or tr('trajectory.fact_unknown')}")
    members = [", ".join(part for part in member if part) for member in group.participants]
    facts.append(f"{tr('trajectory.fact_members')}: {'; '.join(members) or tr('trajectory.fact_unknown')}")
    return facts


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


def _with_fit(template_text: str | None, plan: TrajectoryPlan | None, language: str) -> str | None:
    """The kick-off's bundled worksheet with the organiser's answers to the guide's checks as the first
    question of its first exploration (the shared goal and scope): the group sees them there and
    says whether it recognises them. Unchanged when the plan holds no answers."""
    if not template_text or plan is None or not plan.fit:
        return template_text
    import tomli_w

    doc = tomllib.loads(template_text)
    tr = Catalog(language if language in ("en", "nl") else "en")
    for step in doc.get("steps", []):
        if isinstance(step, dict) and step.get("kind") == "exploration":
            answers = "; ".join(fit_lines(plan, tr))
            step["questions"] = [tr("fit.kickoff_question", answers=answers), *step.get("questions", [])]
            break
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
    template_text = template.text if template else None
    if last is not None:
        previous = str(last.get("worksheet", ""))
    else:  # nothing held yet: this CoP's own question and members from the plan, never the example's
        previous = _from_plan(template.text if template else "", plan, series, language)
        template_text = _with_fit(template_text, plan, language)  # the guide's checks, for the group to see
    return PreparedNext(
        upcoming,
        language,
        f"{upcoming_date.isoformat()}-{slugify(series)}.toml",
        propose(meetings, last, upcoming_date, language),
        previous,
        list(last.get("added", [])) if last is not None else [],
        template_text,
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
