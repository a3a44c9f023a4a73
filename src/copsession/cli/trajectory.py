"""The trajectory's commands: ``trajectory``/``traject``, ``next``/``volgende``,
``report``/``rapportage`` and ``history``."""

from __future__ import annotations

import argparse
import functools
import sys
from datetime import datetime, timezone
from datetime import time as clock_time
from pathlib import Path

from copsession.cli.common import _can_ask, _one_series, _printable, _scan, _told
from copsession.cli.documents import cmd_export
from copsession.cli.parser import option_name
from copsession.formats import weekday_date
from copsession.i18n import Catalog
from copsession.plan import unfilled_warning
from copsession.recordfile import RecordError, read_document
from copsession.series import history, meetings_of, render_history, series_line
from copsession.settings import user_language
from copsession.steering import KEPT, Proposal, chosen
from copsession.storage import StorageError, ensure_folder, records_dir, slugify
from copsession.trajectory import (
    PlanError,
    PreparedNext,
    TrajectoryPlan,
    calendar_bytes,
    calendar_file,
    kickoff_is_next,
    make_plan,
    plan_file,
    plan_text,
    prepare_next,
    read_plan,
    render_plan,
    render_report,
    resize,
    revised,
    write_new,
)
from copsession.trajectory import plain_name as plan_name
from copsession.worksheet import WorksheetError, parse_worksheet, visible


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


def cmd_trajectory(parsed: argparse.Namespace) -> int:
    """Make, show, shorten or extend the plan of the trajectory; write it and its calendar."""

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

    try:
        if parsed.start is not None:
            if plan_path.exists():
                raise PlanError(
                    f"{plan_path}: a plan exists already; change it with --extend or --shorten",
                    "plan.exists",
                    path=plan_path,
                )
            try:
                at = clock_time.fromisoformat(parsed.time)
            except ValueError:
                raise PlanError(
                    f"{parsed.time!r} is not a time like 14:00", "plan.bad_time", time=parsed.time
                ) from None
            series = parsed.series or (_one_series(folder, None) or (None,))[0]
            if not series:
                raise PlanError("name the trajectory with --series", "plan.name_it")
            plan = make_plan(
                series,
                parsed.lang or user_language(),
                parsed.start,
                parsed.every,
                parsed.meetings,
                at=at,
                minutes=parsed.length,
                location=parsed.location,
            )
            replace_own = False
        else:
            plan = read_plan(plan_path)
            replace_own = True
            if parsed.series is not None and plan_name(parsed.series).casefold() != plan.series.casefold():
                raise PlanError(
                    f"{plan_path}: this is the plan of {plan.series!r}",
                    "plan.other_series",
                    path=plan_path,
                    series=plan.series,
                )
            if parsed.extend < 0 or parsed.shorten < 0:
                raise PlanError(
                    "--extend and --shorten take a number of 1 or more",
                    "plan.negative",
                    count=min(parsed.extend, parsed.shorten),
                )
            if parsed.extend and parsed.shorten:
                raise PlanError("give either --extend or --shorten, not both", "plan.one_change")
            if parsed.extend or parsed.shorten:
                count = len(plan.meetings) + parsed.extend - parsed.shorten
                done = held_of(plan.series)
                if 0 < done and count < done:
                    raise PlanError(f"{done} meetings are held already", "plan.below_held", held=done, count=count)
                plan = revised(plan, resize(plan, count), datetime.now(timezone.utc))
    except PlanError as error:
        print(_told(error, parsed.lang), file=sys.stderr)
        return 1
    tr = Catalog(plan.language)
    print(render_plan(plan, tr, held_of(plan.series)))
    if parsed.start is None and not (parsed.extend or parsed.shorten):
        return 0
    try:
        ensure_folder(folder)
        text, calendar = plan_text(plan), calendar_bytes(plan, tr)  # both made before either is written
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
        kept = _ask_which(proposals, tr) if _can_ask() else chosen("", proposals)
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
