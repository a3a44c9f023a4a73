"""The trajectory's commands: ``trajectory``/``traject``, ``next``/``volgende``,
``report``/``rapportage`` and ``history``."""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from datetime import time as clock_time
from pathlib import Path

from copsession.cli.common import _one_series, _printable, _scan, _told, at_a_terminal
from copsession.cli.documents import cmd_export
from copsession.cli.parser import option_name
from copsession.days_off import NO_COUNTRY, known_country
from copsession.formats import day_date, weekday_date
from copsession.i18n import Catalog
from copsession.plan import unfilled_warning
from copsession.recordfile import RecordError, read_document
from copsession.series import history, meetings_of, render_history, series_line
from copsession.settings import user_language
from copsession.steering import KEPT, Proposal, chosen
from copsession.storage import StorageError, ensure_folder, records_dir, slugify
from copsession.trajectory import (
    FIT_CHECKS,
    PlanError,
    PlanGroup,
    PreparedNext,
    TrajectoryPlan,
    calendar_bytes,
    calendar_file,
    country_name,
    fit_answer,
    fit_answers,
    kickoff_is_next,
    make_plan,
    member,
    moved_by_hand,
    plan_file,
    plan_text,
    prepare_next,
    read_plan,
    render_plan,
    render_report,
    replanned,
    resize,
    revised,
    weekday_number,
    with_group,
    write_new,
)
from copsession.trajectory import plain_name as plan_name
from copsession.worksheet import WorksheetError, clean_text, parse_worksheet, visible


def cmd_history(minutes_dir: Path, only: str | None) -> int:

    summaries = _scan(minutes_dir).summaries
    series_names = list(dict.fromkeys(str(s.get("series", "")) for s in summaries if s.get("happened")))
    if only is not None:
        series_names = [name for name in series_names if name == only]
    if not series_names:
        tr = Catalog(user_language())
        key = "cli.no_meetings_series" if only else "cli.no_meetings"
        print(_printable(tr(key, folder=minutes_dir, series=only or "")), file=sys.stderr)
        return 1

    try:
        plan = read_plan(plan_file(minutes_dir))
    except PlanError:
        plan = None
    overview = []
    for series in series_names:  # one line per trajectory, for an organiser who runs several
        meetings = meetings_of(summaries, series)
        language = meetings[-1].get("language", "en")
        tr = Catalog(language if language in ("en", "nl") else "en")
        planned = len(plan.meetings) if plan is not None and plan.series == series else None
        overview.append(series_line(series, meetings, tr, planned))
    print("\n".join(overview))
    if len(series_names) == 1:  # one trajectory (or --series): its whole history
        meetings = meetings_of(summaries, series_names[0])
        print()
        print(render_history(series_names[0], history(meetings), tr, meetings))
    return 0


def _today() -> date:
    """Today (a function, so that tests can fix it): a rhythm changed after a pause starts from here."""
    return date.today()


RHYTHM = ("every", "weekday", "time", "length", "location", "country")
"""The options that change when the meetings not held yet take place."""
GROUP = ("question", "scope", "facilitator", "participants", "remove", "checks")
"""The options that change what the plan knows of the group."""


def cmd_trajectory(parsed: argparse.Namespace) -> int:
    """Make, show or change the plan of the trajectory (its length, rhythm, holidays and group);
    write it and its calendar, and say what changed."""

    folder = parsed.minutes_dir
    try:
        plan_path = plan_file(folder, parsed.lang or user_language())
    except PlanError as error:
        print(_told(error, parsed.lang), file=sys.stderr)
        return 1

    @functools.cache
    def summaries() -> tuple[dict, ...]:
        """The folder's meetings, read once (and any damaged record named once)."""
        return tuple(_scan(folder).summaries) if folder.exists() else ()

    def held_of(series: str) -> int:
        return sum(1 for s in summaries() if s.get("series") == series and s.get("happened"))

    old: TrajectoryPlan | None = None
    try:
        if parsed.start is not None:
            plan = _new_plan(parsed, plan_path, folder)
        else:
            old = read_plan(plan_path)
            plan = _changed_plan(old, parsed, plan_path, held_of(old.series))
    except PlanError as error:
        print(_told(error, parsed.lang or (old.language if old is not None else None)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C while asked: nothing written
        print()
        print(Catalog(parsed.lang or user_language())("trajectory.stopped"), file=sys.stderr)
        return 130
    tr = Catalog(plan.language)
    held = held_of(plan.series)
    print(render_plan(plan, tr, held))
    if old is None and parsed.start is None:
        return 0
    changes = _what_changed(old, plan, tr, held, relaid=_relays(parsed))
    if old is not None and not _asks_a_change(parsed):
        return 0
    if old is not None and plan == old:
        print()
        print(tr("trajectory.nothing_changed"))
        return 0
    if changes:
        print()
        print("\n".join(changes))
    return _write_plan(plan, plan_path, folder, replace_own=old is not None)


def _asks_a_change(parsed: argparse.Namespace) -> bool:
    """True when the command line asks to change the plan (else it is only shown)."""
    return bool(parsed.extend or parsed.shorten) or any(
        getattr(parsed, name) not in (None, []) for name in RHYTHM + GROUP
    )


def _relays(parsed: argparse.Namespace) -> bool:
    """True when the meetings not held yet are laid out again (a new cadence, weekday or country)."""
    return any(getattr(parsed, name) is not None for name in ("every", "weekday", "country"))


def _write_plan(plan: TrajectoryPlan, plan_path: Path, folder: Path, *, replace_own: bool) -> int:
    """Write the plan and its calendar (both made before either is written); say where."""
    tr = Catalog(plan.language)
    try:
        ensure_folder(folder)
        text, calendar = plan_text(plan), calendar_bytes(plan, tr)
        for target in (plan_path, calendar_file(plan_path)):
            if target.is_symlink():
                raise StorageError(f"{target}: is a symbolic link; nothing was written", "storage.symlink", path=target)
        write_new(plan_path, text, replace_own=replace_own)
        write_new(calendar_file(plan_path), calendar, replace_own=True)
    except StorageError as error:
        print(_told(error, plan.language), file=sys.stderr)
        return 1
    print()
    print(tr("trajectory.written", plan=plan_path, calendar=calendar_file(plan_path)))
    return 0


def _new_plan(parsed: argparse.Namespace, plan_path: Path, folder: Path) -> TrajectoryPlan:
    """The plan ``--start`` asks for, every value checked; at a terminal, what was not given of the
    group and of the guide's checks is asked after that (so nobody answers for a plan that fails)."""
    if plan_path.exists():
        raise PlanError(
            f"{plan_path}: a plan exists already; change it with --extend, --shorten or --every",
            "plan.exists",
            path=plan_path,
        )
    language = parsed.lang or user_language()
    series = parsed.series or (_one_series(folder, None) or (None,))[0]
    if not series:
        raise PlanError("name the trajectory with --series", "plan.name_it")
    plan = make_plan(
        series,
        language,
        parsed.start,
        6 if parsed.every is None else parsed.every,
        parsed.meetings,
        at=_clock(parsed.time or "14:00"),
        minutes=150 if parsed.length is None else parsed.length,
        location=parsed.location or "",
        weekday=_weekday(parsed.weekday),
        country=_country(parsed.country),
        group=_group_of(PlanGroup(), parsed),
        fit=fit_answers(parsed.checks, language),
    )
    if at_a_terminal():
        plan = _asked(plan, parsed)
    return plan


def _changed_plan(old: TrajectoryPlan, parsed: argparse.Namespace, plan_path: Path, held: int) -> TrajectoryPlan:
    """``old`` with the changes the command line asks for: its length, its rhythm (the meetings not
    held yet), its country, its group and the guide's checks; the next version of it when changed."""
    if parsed.series is not None and plan_name(parsed.series).casefold() != old.series.casefold():
        raise PlanError(
            f"{plan_path}: this is the plan of {old.series!r}", "plan.other_series", path=plan_path, series=old.series
        )
    if parsed.extend < 0 or parsed.shorten < 0:
        raise PlanError(
            "--extend and --shorten take a number of 1 or more",
            "plan.negative",
            count=min(parsed.extend, parsed.shorten),
        )
    if parsed.extend and parsed.shorten:
        raise PlanError("give either --extend or --shorten, not both", "plan.one_change")
    plan = old
    if parsed.extend or parsed.shorten:
        count = len(plan.meetings) + parsed.extend - parsed.shorten
        if 0 < held and count < held:
            raise PlanError(f"{held} meetings are held already", "plan.below_held", held=held, count=count)
        plan = resize(plan, count)
    country = _country(parsed.country)
    if country is not None:
        plan = replace(plan, country=country)
    if any(getattr(parsed, name) is not None for name in RHYTHM):
        relay = _relays(parsed)
        plan = replanned(
            plan,
            held,
            every=parsed.every if parsed.every is not None else (plan.cadence_weeks if relay else None),
            weekday=_weekday(parsed.weekday),
            at=_clock(parsed.time) if parsed.time is not None else None,
            minutes=parsed.length,
            location=parsed.location,
            today=_today(),
        )
    plan = replace(plan, group=_group_of(plan.group, parsed))
    if parsed.checks:
        given = dict(fit_answers(parsed.checks, plan.language))
        fit = {**dict(plan.fit), **given}
        plan = replace(plan, fit=tuple((check, fit[check]) for check in FIT_CHECKS if check in fit))
    if plan == old:
        return old
    return revised(old, plan, datetime.now(timezone.utc))


def _group_of(group: PlanGroup, parsed: argparse.Namespace) -> PlanGroup:
    """The group with the question, scope, facilitator and members the command line gives."""
    return with_group(
        group,
        question=parsed.question,
        scope=parsed.scope,
        facilitator=parsed.facilitator,
        add=tuple(member(text) for text in parsed.participants),
        remove=tuple(parsed.remove),
    )


def _clock(text: str) -> clock_time:
    try:
        return clock_time.fromisoformat(text.strip())
    except ValueError:
        shown = _printable(" ".join(clean_text(text).split()))
        raise PlanError(f"{shown!r} is not a time like 14:00", "plan.bad_time", time=shown) from None


def _weekday(text: str | None) -> int | None:
    if text is None:
        return None
    number = weekday_number(text)
    if number is None:
        shown = " ".join(clean_text(text).split())
        raise PlanError(f"{shown!r} is not a day of the week like tue or tuesday", "plan.bad_weekday", text=shown)
    return number


def _country(text: str | None) -> str | None:
    """The country given with ``--country``: its ISO code, empty for none, None when not given."""
    if text is None:
        return None
    if text.strip().casefold() in NO_COUNTRY:
        return ""
    code = text.strip().upper()
    if not known_country(code):
        shown = " ".join(clean_text(text).split())
        raise PlanError(
            f"{shown!r} is not a country code whose public holidays are known (like NL or BE)",
            "plan.bad_country",
            country=shown,
        )
    return code


def _asked(plan: TrajectoryPlan, parsed: argparse.Namespace) -> TrajectoryPlan:
    """Ask the organiser at the terminal for the question and the facilitator when not given, and
    walk through the guide's checks not given with ``--check``. An empty answer leaves it for later
    (a question or facilitator becomes a «…» placeholder in the kick-off; a check stays unknown);
    end of input stops asking."""
    tr = Catalog(plan.language)
    print(tr("ask.intro"))
    group, fit = plan.group, dict(plan.fit)
    try:
        if parsed.question is None:
            group = with_group(group, question=input(tr("ask.question") + " "))
        if parsed.facilitator is None:
            group = with_group(group, facilitator=input(tr("ask.facilitator") + " "))
        unasked = [check for check in FIT_CHECKS if check not in fit]
        if unasked:
            print(tr("ask.fit_intro"))
        for check in unasked:
            fit[check] = _ask_check(check, tr)
    except EOFError:
        print()
    return replace(plan, group=group, fit=tuple((check, fit[check]) for check in FIT_CHECKS if check in fit))


def _ask_check(check: str, tr: Catalog) -> str:
    """One of the guide's checks, asked until answered yes, no or unknown (Enter: unknown)."""
    for _ in range(3):
        answer = fit_answer(input(f"{tr('fit.ask.' + check)} {tr('ask.answers')} "))
        if answer is not None:
            return answer
        print(tr("ask.again"))
    return "unknown"


def _what_changed(
    old: TrajectoryPlan | None, new: TrajectoryPlan, tr: Catalog, held: int, *, relaid: bool
) -> list[str]:
    """What changed, meeting by meeting, in the plan's language: dates moved (and why, when a holiday
    moved them), dates kept because they were moved by hand, time, length, place and holidays."""
    language = new.language
    lines: list[str] = []
    before = {m.number: m for m in old.meetings} if old is not None else {}
    moved = {move.number: move for move in new.moves}
    for meeting in new.meetings:
        was = before.get(meeting.number)
        move = moved.get(meeting.number)
        why = (move.why or tr("trajectory.why_after")) if move is not None else ""
        if was is not None and was.date != meeting.date:
            key = "trajectory.changed_date_why" if move is not None else "trajectory.changed_date"
            lines.append(
                tr(
                    key,
                    number=meeting.number,
                    was=day_date(was.date, language),
                    now=day_date(meeting.date, language),
                    planned=day_date(move.planned, language) if move is not None else "",
                    why=why,
                )
            )
        elif move is not None:
            lines.append(
                tr(
                    "trajectory.moved_off",
                    number=move.number,
                    was=day_date(move.planned, language),
                    now=day_date(move.to, language),
                    why=why,
                )
            )
        if relaid and old is not None and meeting.number > held and moved_by_hand(meeting):
            lines.append(tr("trajectory.kept_by_hand", number=meeting.number, date=day_date(meeting.date, language)))
    if old is None:
        return lines
    for key, was_value, now_value in (
        ("trajectory.fact_time", old.time.strftime("%H:%M"), new.time.strftime("%H:%M")),
        ("trajectory.fact_length", str(old.minutes), str(new.minutes)),
        ("trajectory.fact_location", old.location or "–", new.location or "–"),
        ("trajectory.fact_holidays", _holidays_of(old, tr), _holidays_of(new, tr)),
    ):
        if was_value != now_value:
            lines.append(f"{tr(key)}: {was_value} → {now_value}")
    if held and (old.time, old.minutes, old.location) != (new.time, new.minutes, new.location):
        lines.append(tr("trajectory.held_keep", count=held))
    return lines


def _holidays_of(plan: TrajectoryPlan, tr: Catalog) -> str:
    if not plan.country:
        return tr("trajectory.holidays_none")
    return tr("trajectory.holidays_of", country=country_name(plan.country, plan.language))


def cmd_next(minutes_dir: Path, only: str | None, out: Path | None, keep: str | None = None) -> int:
    """Write the next meeting's worksheet from the previous meeting and the plan; with a plan and no
    meeting held yet, the kick-off's worksheet from the plan alone. Its questions are proposed from
    what the group left open; the facilitator keeps them as ``keep`` says, or as asked at a terminal."""

    try:
        plan = read_plan(plan_file(minutes_dir))
    except PlanError as error:
        if error.key != "plan.none":  # a plan that cannot be used is named, never passed over
            print(_told(error), file=sys.stderr)
            return 1
        plan = None  # no plan (yet): the cadence decides the date, and the meeting is a regular one
    found = _scan(minutes_dir).summaries
    held = [s for s in found if s.get("happened")]
    last: dict | None = None
    meetings: list[dict] = []
    if plan is not None and kickoff_is_next(plan, only, held):
        series = plan.series  # the trajectory is planned and nothing is held yet: the kick-off, from the plan
    else:
        chosen = _one_series(minutes_dir, only, found)
        if chosen is None:
            return 1
        series, meetings = chosen
        try:
            last = read_document(records_dir(minutes_dir) / meetings[-1]["file"])
        except RecordError as error:
            print(_told(error, meetings[-1].get("language")), file=sys.stderr)
            return 1
    prepared = prepare_next(plan, series, meetings, last)
    language, upcoming = prepared.language, prepared.upcoming
    kept = _kept_questions(prepared, keep)
    if kept is None:
        return 1
    text = prepared.worksheet(kept)
    target = out or Path(prepared.file_name)
    try:
        written = parse_worksheet(text, str(target))  # it must be a valid worksheet, as it is
        write_new(target, text)
    except (WorksheetError, StorageError) as error:
        print(_told(error, language), file=sys.stderr)
        return 1
    tr = Catalog(language)
    print(
        tr(
            "trajectory.next_written",
            path=target,
            number=upcoming.number,
            date=weekday_date(upcoming.date, language),
            phase=tr("phase." + upcoming.phase),
        )
    )
    unfinished = unfilled_warning(written, tr)
    if unfinished:
        print(tr("cli.warning", text=unfinished))
    return 0


def _kept_questions(prepared: PreparedNext, keep: str | None) -> list[Proposal] | None:
    """The proposed questions the facilitator keeps, after listing them with where they came from:
    as ``--keep`` says, else as answered at a terminal, else the first few. None (and said why) when
    ``--keep`` is not a list of their numbers."""
    tr, upcoming, proposals = Catalog(prepared.language), prepared.upcoming, prepared.proposals
    phase = tr("phase." + upcoming.phase)
    if not proposals:
        if upcoming.number > 1:
            print(tr("steer.none", phase=phase))
        return []
    date = weekday_date(upcoming.date, prepared.language)
    print(tr("steer.heading", number=upcoming.number, date=date, phase=phase))
    for number, proposal in enumerate(proposals, 1):
        print(f"  {number:>2}. {proposal.text}\n      — {proposal.origin}")
    option = option_name("keep", prepared.language)
    if keep is not None:
        kept = chosen(keep, proposals)
        if kept is None:
            answer = _printable(visible(keep))
            print(tr("steer.bad_keep", option=option, answer=answer, count=len(proposals)), file=sys.stderr)
            return None
    else:
        kept = _ask_which(proposals, tr) if at_a_terminal() else chosen("", proposals)
        if kept is None:
            return None
    if kept:
        numbers = ", ".join(str(proposals.index(p) + 1) for p in kept)
        print(tr("steer.kept", numbers=numbers, option=option))
    else:
        print(tr("steer.kept_none", phase=phase))
    return kept


def _ask_which(proposals: list[Proposal], tr: Catalog) -> list[Proposal] | None:
    """Ask at the terminal which proposals to keep, until the answer is a list of their numbers (an
    empty answer keeps the first few; end of input keeps them too; Ctrl+C writes nothing)."""
    default = " ".join(str(n) for n in range(1, min(KEPT, len(proposals)) + 1))
    while True:
        try:
            answer = input(tr("steer.ask", default=default))
        except EOFError:
            print()
            return chosen("", proposals)
        except KeyboardInterrupt:
            print()
            return None
        kept = chosen(answer, proposals)
        if kept is not None:
            return kept
        print(tr("steer.bad_choice", answer=_printable(visible(answer.strip())), count=len(proposals)))


def cmd_report(minutes_dir: Path, only: str | None, formats: list[str]) -> int:
    """Write the report of the whole trajectory (or of the meetings so far) beside the minutes."""

    chosen = _one_series(minutes_dir, only)
    if chosen is None:
        return 1
    series, meetings = chosen
    language = meetings[-1].get("language", "en")
    tr = Catalog(language if language in ("en", "nl") else "en")
    plan: TrajectoryPlan | None = None
    try:
        plan = read_plan(plan_file(minutes_dir))
    except PlanError:
        pass
    if plan is not None and plan.series != series:
        plan = None
    word = "rapportage" if tr.language == "nl" else "report"
    target = minutes_dir / f"{slugify(series)}-{word}.md"
    try:
        write_new(target, render_report(meetings, tr, plan), replace_own=True)
    except StorageError as error:
        print(_told(error, tr.language), file=sys.stderr)
        return 1
    print(tr("report.written", path=target))
    if formats:
        return cmd_export(target, formats, tr.language)
    return 0
