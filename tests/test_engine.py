"""The meeting engine: rounds, notes, undo and redo of every kind of change, timers and saving on the fake clock."""

from __future__ import annotations

import json
from datetime import date

import pytest

from copsession.clock import FakeClock
from copsession.engine import Meeting, MeetingEvent
from copsession.record import OPENING
from copsession.recordfile import read_record, record_files, to_doc
from copsession.storage import records_dir
from copsession.worksheet import parse_worksheet
from meetings import NOW, new_meeting, say, texts


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def meeting(small, clock) -> Meeting:
    return new_meeting(small, clock, seed=7)


def state(meeting: Meeting) -> dict:
    """Everything a facilitator could see of the record, without timers and undo history."""
    doc = to_doc(meeting.record, 0.0, finished=False, minutes_file="", saved=NOW)
    for key in ("undo", "redo", "snapshot", "saved", "started", "next_id"):  # ids are never handed out twice
        doc.pop(key)
    for step in doc["steps"]:
        step.pop("used_seconds")
    return json.loads(json.dumps(doc))


# -- rounds ------------------------------------------------------------------ #


def test_starts_at_the_opening_with_everyone_present(meeting):
    assert meeting.record.current == OPENING and meeting.record.step is None
    assert meeting.record.present_names == ["Fatima", "Joost", "Mirjam"]


def test_round_gives_each_present_person_a_turn(meeting):
    record = meeting.record
    meeting.set_present("Joost", False)
    meeting.go_to(0)
    assert record.speaker(0) == "Fatima" and record.next_speaker_name(0) == "Mirjam"
    meeting.move_turn(+1)
    assert record.speaker(0) == "Mirjam"
    meeting.move_turn(+1)
    assert record.speaker(0) is None  # everyone had a turn
    meeting.move_turn(-1)
    assert record.speaker(0) == "Mirjam"
    meeting.move_turn(-1)
    meeting.move_turn(-1)
    assert record.speaker(0) == "Fatima"  # never before the first


def test_late_arrival_joins_the_round_and_someone_leaving_is_skipped(meeting):
    meeting.set_present("Mirjam", False)
    meeting.go_to(0)
    assert meeting.record.speakers(0) == ["Fatima", "Joost"]
    meeting.set_present("Mirjam", True)
    assert meeting.record.speakers(0) == ["Fatima", "Joost", "Mirjam"]
    meeting.set_present("Joost", False)
    meeting.move_turn(+1)
    assert meeting.record.speaker(0) == "Mirjam"


def test_notes_in_a_round_belong_to_the_speaker_and_a_pass_is_kept(meeting):
    meeting.go_to(0)
    say(meeting, "Glad to be here")
    assert meeting.pass_turn() == "Fatima"  # she spoke: not a pass, but the turn moves on
    assert meeting.pass_turn() == "Joost"
    assert meeting.record.steps[0].passes == ["Joost"]
    meeting.move_turn(-1)
    say(meeting, "After all: one thing")  # who passed and then speaks did not pass
    assert meeting.record.steps[0].passes == []
    assert [(n.author, n.text) for n in meeting.record.notes] == [
        ("Fatima", "Glad to be here"),
        ("Joost", "After all: one thing"),
    ]


def test_random_order_is_shuffled_once_and_kept(small_text):
    ws = parse_worksheet(small_text.replace('prompt = "What do you bring today?"', 'prompt = "x"\norder = "random"'))
    orders = set()
    for seed in range(10):
        m = new_meeting(ws, seed=seed)
        m.go_to(0)
        first = list(m.record.steps[0].order)
        m.go_to(1)
        m.go_to(0)
        assert m.record.steps[0].order == first
        orders.add(tuple(first))
    assert len(orders) > 1


# -- notes ------------------------------------------------------------------- #


def test_capture_kinds_owner_due_and_topic(meeting):
    meeting.go_to(1)
    meeting.move_cursor(+1)
    say(meeting, "/action Call the club @Joost 2026-12-10", "plain idea")
    action, note = meeting.record.notes
    assert (action.kind, action.owner, action.due, action.topic) == ("action", "Joost", date(2026, 12, 10), 1)
    assert (note.kind, note.topic) == ("note", 1)
    error = meeting.add_line("/action Call @Nobody")
    assert error is not None and error.key == "ui.capture_error_name"
    assert texts(meeting) == ["Call the club", "plain idea"]


def test_a_note_that_is_gone_is_never_an_error(meeting):
    """Delete pressed twice on the same note (a held key) used to end the app with a KeyError."""
    events: list[MeetingEvent] = []
    meeting.subscribe(events.append)
    meeting.go_to(1)
    say(meeting, "one")
    note_id = meeting.record.notes[0].id
    assert meeting.delete_note(note_id)
    assert not meeting.delete_note(note_id)
    for intent in (
        lambda: meeting.vote(note_id, 1),
        lambda: meeting.tag(note_id, "known"),
        lambda: meeting.edit_note(note_id, "x"),
        lambda: meeting.set_follow_up(note_id, "y"),
        lambda: meeting.move_note(note_id, 1),
    ):
        intent()
    assert meeting.record.notes == []
    assert [e.notice for e in events if e.what == "notice"].count("ui.note_gone") == 6


def test_editing_an_action_reads_owner_and_date_again(meeting):
    meeting.go_to(5)
    meeting.next_list()  # results → actions
    say(meeting, "Invite the board @Fatima")
    note = meeting.record.notes[0]
    assert meeting.edit_note(note.id, "Invite the whole board @Joost 2027-01-15") is None
    note = meeting.record.notes[0]
    assert (note.text, note.owner, note.due) == ("Invite the whole board", "Joost", date(2027, 1, 15))


def test_a_pasted_block_is_one_change(meeting):
    meeting.go_to(1)
    say(meeting, "before")
    meeting.add_lines(["first", "", "second", "/concern third"])
    assert texts(meeting) == ["before", "first", "second", "third"]
    meeting.undo()
    assert texts(meeting) == ["before"]
    error = meeting.add_lines(["fine", "/nonsense here"])
    assert error is not None and error.values["line"] == "2"
    assert texts(meeting) == ["before"]


def test_moving_a_note_to_another_speaker_or_question(meeting):
    meeting.go_to(0)
    say(meeting, "said by Fatima, typed under the wrong name")
    note_id = meeting.record.notes[0].id
    assert meeting.move_note(note_id, +1)
    assert meeting.record.get(note_id).author == "Joost"
    meeting.go_to(1)
    say(meeting, "about question one")
    moved = meeting.record.notes[-1].id
    assert meeting.move_note(moved, +1) and meeting.record.get(moved).topic == 1
    assert not meeting.move_note(moved, +1)  # there is no third question


# -- undo and redo -------------------------------------------------------------- #


def _prepare(m: Meeting) -> None:
    m.go_to(1)
    say(m, "a note", "/question an open question")


CHANGES = {
    "step": lambda m: m.go_to(3),
    "note added": lambda m: say(m, "another"),
    "note edited": lambda m: m.edit_note(m.record.notes[0].id, "edited"),
    "note deleted": lambda m: m.delete_note(m.record.notes[0].id),
    "note moved": lambda m: m.move_note(m.record.notes[0].id, 1),
    "vote": lambda m: m.vote(m.record.notes[0].id, 1),
    "tag": lambda m: m.tag(m.record.notes[0].id, "unknown"),
    "question": lambda m: m.move_cursor(1),
    "provocation": lambda m: m.draw_provocation(),
    "absent": lambda m: m.set_present("Joost", False),
    "participant added": lambda m: m.add_participant("Émile"),
    "pulse": lambda m: m.set_pulse("Fatima", 4),
    "timer": lambda m: m.toggle_timer(),
    "add minute": lambda m: m.add_minute(),
    "turn": lambda m: (m.go_to(0), m.move_turn(1)),
    "pass": lambda m: (m.go_to(0), m.pass_turn()),
    "prompt": lambda m: (m.go_to(0), m.draw_prompt()),
    "follow-up": lambda m: (m.go_to(4), say(m, "a worry"), m.set_follow_up(m.record.notes[-1].id, "Ask @Joost")),
    "results list": lambda m: (m.go_to(5), m.next_list()),
    "review": lambda m: m.review(0, "done", "Sent in November"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_can_be_undone_and_redone(small, clock, change):
    from copsession.record import CarriedItem

    m = new_meeting(small, clock)
    m.record.carried = [CarriedItem("earlier#1", date(2026, 10, 22), "action", "Invite the board", "Fatima")]
    _prepare(m)
    before = state(m)
    undo_depth = len(m.record.undo)
    CHANGES[change](m)
    after = state(m)
    assert after != before
    while len(m.record.undo) > undo_depth:
        assert m.undo()
    assert state(m) == before
    while m.record.redo:
        assert m.redo()
    assert state(m) == after


def test_a_new_change_clears_what_could_be_redone(meeting):
    meeting.go_to(1)
    say(meeting, "one")
    meeting.undo()
    assert meeting.record.redo
    say(meeting, "two")
    assert not meeting.record.redo and not meeting.redo()
    assert texts(meeting) == ["two"]


def test_undo_survives_a_resume(small, clock, tmp_path):
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.go_to(1)
    say(m, "kept", "deleted by mistake")
    m.delete_note(m.record.notes[-1].id)
    m.flush()
    m.stop("test")
    (path,) = record_files(tmp_path)
    resumed = Meeting(read_record(path, clock.monotonic()).record, clock)
    assert texts(resumed) == ["kept"]
    assert resumed.undo()
    assert texts(resumed) == ["kept", "deleted by mistake"]
    assert resumed.undo() and resumed.undo()
    assert texts(resumed) == []


def test_nothing_to_undo_says_so(meeting):
    events: list[MeetingEvent] = []
    meeting.subscribe(events.append)
    assert not meeting.undo() and not meeting.redo()
    assert [e.notice for e in events] == ["ui.nothing_to_undo", "ui.nothing_to_redo"]


# -- timers ---------------------------------------------------------------------- #


def test_timer_runs_only_in_the_current_step(meeting, clock):
    meeting.go_to(0)
    clock.advance(60)
    meeting.go_to(1)
    clock.advance(440)
    assert meeting.record.elapsed(0, clock.monotonic()) == 60
    assert meeting.record.elapsed(1, clock.monotonic()) == 440
    meeting.toggle_timer()  # pause
    clock.advance(400)
    assert meeting.record.elapsed(1, clock.monotonic()) == 440
    meeting.toggle_timer()
    clock.advance(60)
    assert meeting.record.elapsed(1, clock.monotonic()) == 500
    meeting.add_minute()
    assert meeting.record.budget_seconds(1) == 21 * 60


def test_times_up_is_announced_once(meeting, clock):
    events: list[MeetingEvent] = []
    meeting.subscribe(events.append)
    meeting.go_to(0)  # 10 minutes
    clock.advance(599)
    meeting.tick()
    assert not [e for e in events if e.what == "times_up"]
    clock.advance(1)
    meeting.tick()
    clock.advance(30)
    meeting.tick()
    assert len([e for e in events if e.what == "times_up"]) == 1
    assert meeting.record.steps[0].times_up


# -- saving --------------------------------------------------------------------- #


def _on_disk(folder):
    files = record_files(folder)
    assert len(files) <= 1
    return read_record(files[0], 0).record if files else None


def test_the_half_typed_line_is_saved_within_a_second_of_the_last_keystroke(small, clock, tmp_path):
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.go_to(1)
    m.flush()
    for text in ("h", "ha", "hal", "half"):
        m.set_draft(text)
        clock.advance(0.2)
        m.tick()
    assert _on_disk(tmp_path).draft == ""  # still typing: not yet
    clock.advance(0.35)
    m.tick()
    m.store.close()
    assert _on_disk(tmp_path).draft == "half"  # 0.55 s after the last keystroke (the app ticks every 0.25 s)


def test_typing_without_a_pause_is_still_saved_every_few_seconds(small, clock, tmp_path):
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.go_to(1)
    for i in range(40):
        m.set_draft("x" * (i + 1))
        clock.advance(0.1)
        m.tick()
    m.store.close()
    assert len(_on_disk(tmp_path).draft) >= 30


def test_an_added_line_is_never_also_the_half_typed_line(small, clock, tmp_path):
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.go_to(1)
    m.set_draft("the whole line")
    clock.advance(1)
    m.tick()
    say(m, "the whole line")
    m.store.close()
    record = _on_disk(tmp_path)
    assert [n.text for n in record.notes] == ["the whole line"] and record.draft == ""


def test_a_launch_is_not_a_meeting(small, clock, tmp_path):
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.set_present("Joost", False)
    m.finish()
    assert record_files(tmp_path) == []
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.set_draft("a first word")
    clock.advance(1)
    m.tick()
    m.finish()
    assert _on_disk(tmp_path).draft == "a first word"


def test_the_meeting_starts_when_the_first_step_opens(small, clock, tmp_path):
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    clock.advance(600)  # the app was opened ten minutes early
    m.go_to(0)
    m.finish()
    assert _on_disk(tmp_path).started == NOW.replace(minute=10)


def test_an_unexpected_error_in_an_intent_is_reported_and_changes_nothing(small, clock, tmp_path, monkeypatch):
    monkeypatch.setattr(Meeting, "strict", False)
    m = new_meeting(small, clock, minutes_dir=tmp_path)
    m.go_to(1)
    say(m, "Private worry about Joost")
    events: list[MeetingEvent] = []
    m.subscribe(events.append)
    before = state(m)

    secret = m.record.notes[0].text

    def broken(*args, **kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr("copsession.engine.apply_edits", broken)
    m.vote(m.record.notes[0].id, 1)
    assert state(m) == before
    notice = [e for e in events if e.notice == "ui.intent_failed"]
    assert len(notice) == 1
    report = records_dir(tmp_path) / notice[0].values["report"].split("/")[-1]
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "Private worry" not in text and "Joost" not in text
    assert oct(report.stat().st_mode & 0o777) == "0o600"


def test_a_due_date_in_the_past_is_pointed_out_and_kept_when_entered_again(meeting, clock):
    meeting.go_to(1)
    error = meeting.add_line("/action Send the invitation 2026-11-01")
    assert error is not None and error.confirmable and error.values == {"date": "2026-11-01"}
    assert meeting.record.notes == []
    assert meeting.add_line("/action Send the invitation 2026-11-01", confirm=True) is None
    assert meeting.record.notes[0].due == date(2026, 11, 1)


def test_the_plan_gives_the_next_date_and_the_last_one(small, clock, tmp_path):
    from copsession.series import next_meeting_date

    m = new_meeting(small, clock, minutes_dir=tmp_path)
    assert next_meeting_date(m.record) is None  # no cadence_weeks in this worksheet, no plan yet
    m.use_plan([date(2026, 10, 22), date(2026, 12, 3), date(2027, 1, 14), date(2027, 2, 25)])
    assert next_meeting_date(m.record) == date(2027, 1, 14) and m.trajectory_end == date(2027, 2, 25)
    m.go_to(0)
    m.finish()
    assert _on_disk(tmp_path).planned_next == date(2027, 1, 14)  # kept with the record, for `brief` later


# -- what the capture box understood ------------------------------------------ #


def _said(meeting: Meeting, line: str) -> list[str]:
    """What the facilitator is told after ``line`` was entered, as the app shows it."""
    from copsession.i18n import Catalog

    events: list[MeetingEvent] = []
    unsubscribe = meeting.subscribe(events.append)
    error = meeting.add_line(line)
    unsubscribe()
    assert error is None, error
    tr = Catalog(meeting.record.worksheet.language)
    return [tr(e.notice, **e.values) for e in events if e.what == "notice"]


def test_an_action_with_a_who_or_a_date_says_what_was_understood(meeting, small_nl, clock):
    meeting.go_to(1)
    assert _said(meeting, "/action Write the evaluation @Joost 3 March 2027") == [
        "Action: Write the evaluation — Joost, due 3 March 2027"
    ]
    assert _said(meeting, "/action Book the hall March 5") == ["Action: Book the hall, due 5 March 2027"]
    assert _said(meeting, "/action Call the club @Fatima") == ["Action: Call the club — Fatima"]
    assert _said(meeting, "/action Find figures") == []  # nothing was read from it: nothing to say
    assert _said(meeting, "A plain note 3 March") == []
    assert texts(meeting)[-1] == "A plain note 3 March"
    dutch = new_meeting(small_nl, clock)
    dutch.go_to(1)
    assert _said(dutch, "/actie Evaluatie schrijven @Joost 3 maart") == [
        "Actie: Evaluatie schrijven — Joost, uiterlijk op 3 maart 2027"
    ]
    assert _said(dutch, "/actie Zaal boeken vrijdag") == ["Actie: Zaal boeken, uiterlijk op 4 december 2026"]
    note = dutch.record.notes[0]
    assert (note.text, note.owner, note.due) == ("Evaluatie schrijven", "Joost", date(2027, 3, 3))


def test_what_was_understood_fits_one_line_of_a_notice(meeting):
    from copsession.engine import NOTICE_WIDTH

    meeting.go_to(1)
    long = "Write the evaluation of the whole trajectory for the board and the aldermen"
    (said,) = _said(meeting, f"/action {long} @Joost 30 September 2027")
    assert said == "Action: Write the evaluation… — Joost, due 30 September 2027"
    assert len(said) <= NOTICE_WIDTH
    assert meeting.record.notes[0].text == long  # only the message is shortened


def test_an_edited_action_says_what_was_understood(meeting):
    meeting.go_to(1)
    say(meeting, "/action Invite the board")
    events: list[MeetingEvent] = []
    meeting.subscribe(events.append)
    assert meeting.edit_note(meeting.record.notes[0].id, "Invite the whole board @Fatima 15 Jan") is None
    assert [(e.notice, e.values) for e in events if e.what == "notice"] == [
        ("ui.action_stored_owner_due", {"text": "Invite the whole board", "owner": "Fatima", "date": "15 January 2027"})
    ]


def test_an_impossible_date_with_a_months_name_stores_nothing(small_nl, clock):
    m = new_meeting(small_nl, clock)
    m.go_to(1)
    events: list[MeetingEvent] = []
    m.subscribe(events.append)
    error = m.add_line("/actie Evaluatie schrijven @Joost 30 februari")
    assert error is not None and error.key == "ui.capture_error_date" and not error.confirmable
    assert error.values == {"text": "30 februari", "hint": "DD-MM-JJJJ"}
    assert m.line_problem("/actie Evaluatie schrijven 31 april 2027") is not None
    assert m.record.notes == [] and events == []


def test_a_months_name_in_the_past_or_after_the_plan_is_pointed_out_first(small_nl, clock):
    m = new_meeting(small_nl, clock)
    m.use_plan([date(2026, 12, 3), date(2027, 1, 14), date(2027, 2, 25)])
    m.go_to(1)
    line = "/actie Uitnodiging sturen 1 november 2026"
    error = m.add_line(line)
    assert error is not None and error.key == "ui.capture_date_past" and error.values == {"date": "01-11-2026"}
    assert m.record.notes == []
    assert m.add_line(line, confirm=True) is None
    error = m.add_line("/actie Evaluatie schrijven 3 maart")
    assert error is not None and error.key == "ui.capture_date_after_end"
    assert error.values == {"date": "03-03-2027", "end": "25-02-2027"}
    assert m.add_line("/actie Evaluatie schrijven 3 maart", confirm=True) is None
    assert [n.due for n in m.record.notes] == [date(2026, 11, 1), date(2027, 3, 3)]
