"""Minutes folders for the benchmark, made the way a facilitator makes them: by holding meetings.

Every record here is written by the real meeting engine and record store (``Meeting`` with a
``RecordStore``), on a fake clock: notes are typed with ``add_line`` (quick-capture commands
included), rounds move on with ``move_turn``, questions with ``move_cursor``, carried-over items
are reviewed, attendance and pulse are set, and each step's timer runs while the step is open. So
the files, their summary lines and the series index (``.copsession/.index.jsonl``) are exactly what
copsession itself writes, and they follow the record format when it changes — nothing here writes
JSON by hand.

Generating 300 meetings takes a while (every change is saved, as in a meeting), so folders are
cached under the system's temp folder, keyed by :data:`CACHE_KEY`: the generator's version (bump
:data:`GENERATOR_VERSION` when the meetings change), copsession's version and record format, and a
digest of the modules that write records, so a cache never holds records an older copsession
wrote; caches under other keys are removed when a new one is made. A folder is built under a
temporary name and renamed into place when complete, so an interrupted run leaves no half folder.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from copsession import __version__ as COPSESSION_VERSION
from copsession.bundled import find_bundled
from copsession.clock import FakeClock
from copsession.engine import Meeting
from copsession.persistence import RecordStore
from copsession.record import SessionRecord
from copsession.recordfile import FORMAT as RECORD_FORMAT
from copsession.worksheet import Worksheet, parse_worksheet

GENERATOR_VERSION = 3
"""Bump when the generated meetings change, so that cached folders are made again."""
WRITER_MODULES = (
    "engine",
    "changes",
    "record",
    "recordfile",
    "persistence",
    "index",
    "series",
    "storage",
    "capture",
    "kinds",
    "worksheet",
)
"""The modules whose code decides what a record file holds: a change to any of them (a new summary
field, say) makes the cached folders stale, since copsession would write them differently now."""


def _writer_digest() -> str:
    import copsession

    package = Path(copsession.__file__).parent
    digest = hashlib.sha256()
    for name in WRITER_MODULES:
        source = package / f"{name}.py"
        digest.update(source.read_bytes() if source.exists() else name.encode())
    return digest.hexdigest()[:10]


CACHE_KEY = f"g{GENERATOR_VERSION}-copsession{COPSESSION_VERSION}-format{RECORD_FORMAT}-{_writer_digest()}"
CACHE_ROOT = Path(tempfile.gettempdir()) / "copsession-bench" / CACHE_KEY

SERIES_TITLES = (
    "Positive youth policy",  # the bundled default worksheet's own series: `copsession run` joins it
    "Safe streets around school",
    "Loneliness among the elderly",
    "Debt help that reaches people",
    "Green schoolyards",
    "Language at home and at school",
    "Sport for every child",
    "Housing first in our region",
    "Digital skills for adults",
    "Care and work for young carers",
)
"""One title (and so one series) per series of meetings; the first is the default worksheet's."""

FIRST_MEETING = date(2023, 1, 10)
CADENCE = timedelta(weeks=6)
DEFAULT_STEP = 1
"""The exploration step of ``regular.en``: where the big step of a meeting is kept."""


def series_worksheet(title: str, number: int, day: date) -> Worksheet:
    """``regular.en`` as the given series' ``number``-th meeting on ``day`` at 14:00.

    The TOML text is edited before parsing, as a facilitator edits a copy of the worksheet.
    """
    text = find_bundled("regular.en").text
    text = re.sub(r'(?m)^title = ".*"$', f'title = "{title}"', text, count=1)
    # the bundled worksheet names its series; each generated series must have its own
    text = re.sub(r'(?m)^series = ".*"$', f'series = "{title}"', text, count=1)
    text = re.sub(r'(?m)^meeting = ".*"$', f'meeting = "Meeting {number}"', text, count=1)
    text = re.sub(
        r'(?m)^language = "en"$', f'language = "en"\ndate = {day.isoformat()}\nstart = 14:00:00', text, count=1
    )
    return parse_worksheet(text, source=f"{title} {number} (benchmark)")


class MeetingDriver:
    """Holds one meeting through the engine's intents, moving a fake clock as people talk."""

    def __init__(
        self, meeting: Meeting, clock: FakeClock, rng: random.Random, pace: tuple[float, float] = (10.0, 40.0)
    ) -> None:
        self.meeting = meeting
        self.clock = clock
        self.rng = rng
        self.pace = pace
        """Seconds between two notes, at least and at most."""

    def say(self, line: str) -> None:
        self.clock.advance(self.rng.uniform(*self.pace))
        error = self.meeting.add_line(line)
        if error is not None:
            raise RuntimeError(f"the engine refused {line!r}: {error}")

    def people(self) -> list[str]:
        record = self.meeting.record
        return [p.name for p in record.worksheet.participants if record.present.get(p.name, True)]


def hold_meeting(driver: MeetingDriver, notes: int, number: int) -> None:
    """A regular meeting of ``notes`` notes: check-in, exploration, work form, concern round, results.

    Each meeting agrees 8 actions and names a few concerns, and reviews what the previous meeting
    left open (most done, some dropped, some not looked at: those stay open), so that the series
    carries over what a real one does.
    """
    m, rng = driver.meeting, driver.rng
    names = [p.name for p in m.record.worksheet.participants]
    m.set_present(rng.choice(names), False)  # someone is always away
    for index in range(len(m.record.carried)):
        roll = rng.random()
        if roll < 0.6:
            m.review(index, "done")
        elif roll < 0.75:
            m.review(index, "dropped", "no longer needed")
    actions, concerns, results, check_in = 8, 6, 14, max(10, notes // 5)
    exploration = notes - actions - concerns - results - check_in - 20
    if exploration < 10:
        raise ValueError("a benchmark meeting needs at least 78 notes")

    m.go_to(0)  # check-in: a round
    speakers = len(driver.people())
    for n in range(check_in):
        if n and n % max(1, check_in // speakers) == 0:
            m.move_turn(1)
        driver.say(f"Since last time I saw {n} things that touch our question, in meeting {number}")

    m.go_to(1)  # exploration: three questions, open questions, votes and tags
    first = m.record.next_id
    for n in range(exploration):
        if n and n % max(1, exploration // 3) == 0:
            m.move_cursor(1)
        if n % 15 == 14:
            driver.say(f"/question Who knows what happens at point {n} of the day?")
        else:
            driver.say(f"Observation {n}: children tell us different things at school and at the club")
    for note_id in rng.sample(range(first, m.record.next_id), 12):
        m.vote(note_id, 1)
        m.tag(note_id, rng.choice(("known", "unknown", "idea")))

    m.go_to(3)  # work form
    for n in range(20):
        if n and n % 5 == 0:
            m.move_cursor(1)
        driver.say(f"In the role play, step {n}, the coach said what the teacher did not")

    m.go_to(4)  # concern round: a plain line is a concern
    for n in range(concerns):
        if n:
            m.move_turn(1)
        driver.say(f"I worry that concern {n} of meeting {number} gets lost between our organisations")

    m.go_to(5)  # results, and actions with an owner and a date
    for n in range(results):
        driver.say(f"Result {n}: we share one contact list across the organisations")
    for n in range(actions):
        due = (m.record.meeting_date + timedelta(days=14 + n)).isoformat()
        driver.say(f"/action Call the school about item {n} @{names[n % len(names)]} {due}")
    for name in driver.people():
        m.set_pulse(name, rng.randint(2, 5))


def _build(target: Path, make) -> float:
    """Build a folder with ``make(path)`` under a temporary name; rename it to ``target`` when done.

    Caches made for other versions of copsession (siblings of :data:`CACHE_ROOT`) are removed first.
    """
    if CACHE_ROOT.parent.is_dir():
        for stale in CACHE_ROOT.parent.iterdir():
            if stale.is_dir() and stale.name.startswith("g") and stale != CACHE_ROOT:
                shutil.rmtree(stale, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=target.name + ".partial-", dir=target.parent))
    begin = time.perf_counter()
    try:
        make(scratch)
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return time.perf_counter() - begin


def _series_meetings(folder: Path, series: int, meetings: int, notes: int) -> None:
    from copsession.index import scan
    from copsession.series import join_series, meetings_of

    title = SERIES_TITLES[series % len(SERIES_TITLES)]
    for number in range(1, meetings + 1):
        day = FIRST_MEETING + CADENCE * (number - 1) + timedelta(days=series)
        worksheet = series_worksheet(title, number, day)
        clock = FakeClock(datetime.combine(day, datetime.min.time()).replace(hour=14))
        record = SessionRecord.start(worksheet, clock.now(), seed=series * 1000 + number)
        join_series(record, meetings_of(scan(folder).summaries, worksheet.series))
        meeting = Meeting(record, clock, RecordStore(folder))
        meeting.strict = True
        hold_meeting(MeetingDriver(meeting, clock, random.Random(series * 1000 + number)), notes, number)
        if not meeting.finish():
            raise RuntimeError(f"the record of {title} {number} could not be written")


def history_folder(series: int = 10, meetings: int = 30, notes: int = 200, *, log=print) -> Path:
    """A minutes folder of ``series`` × ``meetings`` finished meetings of ``notes`` notes each (cached)."""
    target = CACHE_ROOT / f"history-{series}x{meetings}x{notes}"
    if target.is_dir():
        log(f"earlier meetings: cached in {target}")
        return target

    def make(folder: Path) -> None:
        from copsession.index import scan

        for s in range(series):
            _series_meetings(folder, s, meetings, notes)
        made = {summary.get("series") for summary in scan(folder).summaries}
        if len(made) != series:  # the scenario is 10 series of 30, not one long series
            raise RuntimeError(f"generated {len(made)} series instead of {series}")

    log(f"earlier meetings: generating {series * meetings} meetings of {notes} notes through the engine ...")
    took = _build(target, make)
    log(f"earlier meetings: generated in {took:.1f} s, cached in {target}")
    return target


def big_step_meeting(
    worksheet: Worksheet, notes_in_step: int, other_notes: int = 0, *, folder: Path | None = None
) -> Meeting:
    """A meeting of ``worksheet`` standing in its exploration step with ``notes_in_step`` notes there.

    ``other_notes`` go to the check-in round first. With ``folder`` the record is saved there as
    the meeting goes (unfinished, timer paused: ``copsession resume`` continues it); without, the
    meeting lives in memory only. Notes are typed through the engine with a fake clock.
    """
    clock = FakeClock(datetime(2026, 12, 3, 14, 0))
    record = SessionRecord.start(worksheet, clock.now(), seed=7)
    meeting = Meeting(record, clock, RecordStore(folder) if folder is not None else None)
    meeting.strict = True
    # notes in quick succession: the step stays within its planned time, so no "Time's up!" appears
    driver = MeetingDriver(meeting, clock, random.Random(7), pace=(0.2, 0.6))
    if other_notes:
        meeting.go_to(0)
        for n in range(other_notes):
            if n and n % max(1, other_notes // len(driver.people())) == 0:
                meeting.move_turn(1)
            driver.say(f"Check-in remark {n}: what I saw in my own work since last time")
    meeting.go_to(DEFAULT_STEP)  # opening a step starts its timer
    for n in range(notes_in_step):
        if n and n % max(1, notes_in_step // 3) == 0 and n < notes_in_step - 2:
            meeting.move_cursor(1)
        driver.say(f"Exploration note {n}: what we see at school, at the club and at home")
    meeting.toggle_timer()  # paused: nothing on the screen changes by itself while keys are timed
    return meeting


def resumable_folder(notes_in_step: int = 1000, *, log=print) -> Path:
    """A minutes folder holding one unfinished meeting of ``regular.en``, in a step of ``notes_in_step`` notes."""
    target = CACHE_ROOT / f"resume-{notes_in_step}"
    if target.is_dir():
        log(f"unfinished meeting: cached in {target}")
        return target

    def make(folder: Path) -> None:
        meeting = big_step_meeting(find_bundled("regular.en").load(), notes_in_step, folder=folder)
        if not meeting.flush():
            raise RuntimeError("the unfinished meeting's record could not be written")
        meeting.store.close()  # unfinished on purpose: `copsession resume` picks it up

    took = _build(target, make)
    log(f"unfinished meeting: generated in {took:.1f} s, cached in {target}")
    return target
