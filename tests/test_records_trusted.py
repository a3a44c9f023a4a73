"""Records are checked as deeply as they are trusted: the undo and redo history in a record is
checked by the same rules as the record itself and tried on a copy before it is used; an entry
that does not fit is left out (with a notice), so Ctrl+Z never writes a record the reader refuses
nor changes another note than the one on screen; and every kind of change round-trips through the
reader with its history intact."""

from __future__ import annotations

import json

import pytest

from copsession.clock import FakeClock
from copsession.engine import Meeting
from copsession.persistence import RecordStore
from copsession.recordfile import read_record, record_files
from meetings import NOW, new_meeting, say


class WrittenAtOnce(RecordStore):
    def save(self, doc: dict, *, wait: bool = False) -> bool:
        return super().save(doc, wait=True)


def meeting_with_every_kind_of_change(small, folder):
    """A meeting that went through every kind of change the engine makes, one by one."""
    from copsession.record import SessionRecord
    from copsession.series import join_series

    clock = FakeClock(NOW)
    record = SessionRecord.start(small, clock.now(), seed=4)
    join_series(
        record,
        [
            {
                "id": "2026-11-05-1400-safe-at-school",
                "date": "2026-11-05",
                "series": small.series,
                "happened": True,
                "started": "2026-11-05T14:00:00",
                "series_number": 1,
                "carry": [
                    {
                        "origin": "earlier#3",
                        "origin_date": "2026-11-05",
                        "kind": "action",
                        "text": "Call the board",
                        "owner": "Joost",
                    }
                ],
            }
        ],
    )
    meeting = Meeting(record, clock, WrittenAtOnce(folder))
    meeting.strict = True
    steps = [
        lambda: meeting.next_step(),  # step (check-in)
        lambda: say(meeting, "Glad to be here"),  # note_added
        lambda: meeting.move_turn(1),  # turn
        lambda: meeting.pass_turn(),  # pass
        lambda: meeting.draw_prompt(),  # prompt
        lambda: meeting.move_note(meeting.record.notes[0].id, 1),  # note_moved
        lambda: meeting.set_present("Mirjam", False),  # absent
        lambda: meeting.set_present("Mirjam", True),  # present
        lambda: meeting.add_participant("Noor", "GGD"),  # participant_added
        lambda: meeting.next_step(),  # step (exploration)
        lambda: meeting.add_lines(["one pasted", "two pasted"]),  # lines_added
        lambda: meeting.edit_note(meeting.record.notes[-1].id, "two, edited"),  # note_edited
        lambda: meeting.vote(meeting.record.notes[-1].id, 1),  # vote
        lambda: meeting.tag(meeting.record.notes[-1].id, "unknown"),  # tag
        lambda: meeting.move_cursor(1),  # question
        lambda: meeting.draw_provocation(),  # provocation
        lambda: meeting.delete_note(meeting.record.notes[-2].id),  # note_deleted
        lambda: meeting.next_step(),  # step (work form)
        lambda: meeting.move_cursor(1),  # form_step
        lambda: meeting.toggle_timer(),  # timer
        lambda: meeting.add_minute(),  # add_minute
        lambda: meeting.go_to(4),  # step (concern round)
        lambda: say(meeting, "Privacy of cases"),  # note_added (a concern)
        lambda: meeting.set_follow_up(meeting.record.notes[-1].id, "Ask the lawyer @Joost"),  # follow_up
        lambda: meeting.set_pulse("Fatima", 4),  # pulse
        lambda: meeting.review(0, "done", "called", None),  # review
        lambda: meeting.next_step(),  # step (results)
        lambda: meeting.next_list(),  # results_list
        lambda: meeting.next_list(),
        lambda: meeting.move_person(1),  # person
    ]
    return meeting, steps


def assert_read_back_whole(meeting):
    loaded = read_record(meeting.store.path, 0.0)
    assert loaded.history_dropped == 0
    assert loaded.record.undo == json.loads(json.dumps(meeting.record.undo))
    assert loaded.record.redo == json.loads(json.dumps(meeting.record.redo))


def test_every_kind_of_change_round_trips_through_the_reader(small, tmp_path):
    meeting, steps = meeting_with_every_kind_of_change(small, tmp_path)
    for step in steps:
        step()
        assert_read_back_whole(meeting)
    labels = {entry["label"] for entry in meeting.record.undo}
    assert labels >= {
        "step",
        "note_added",
        "turn",
        "pass",
        "prompt",
        "note_moved",
        "absent",
        "present",
        "participant_added",
        "lines_added",
        "note_edited",
        "vote",
        "tag",
        "question",
        "provocation",
        "note_deleted",
        "form_step",
        "timer",
        "add_minute",
        "follow_up",
        "pulse",
        "review",
        "results_list",
        "person",
    }
    while meeting.record.undo:  # every change taken back, one by one, each written and read back whole
        meeting.undo()
        assert_read_back_whole(meeting)
    while meeting.record.redo:
        meeting.redo()
        assert_read_back_whole(meeting)
    meeting.stop("test")


def _written(small, tmp_path):
    """A record of a meeting with three notes and its undo history, as a document to damage."""
    meeting = new_meeting(small, FakeClock(NOW), minutes_dir=tmp_path)
    meeting.next_step()
    say(meeting, "first note", "second note", "third note")
    meeting.stop("test")
    path = record_files(tmp_path)[0]
    summary, record = path.read_text(encoding="utf-8").split("\n", 1)
    return path, json.loads(record)


def _rewrite(path, doc) -> None:
    from copsession.persistence import write_record_file

    write_record_file(path, doc)


TAMPERING = {
    # the newest entry adds note 3; damaged so that Ctrl+Z would do something else than the screen shows
    "a note edit names another note": lambda d: d["undo"][-1]["edits"][0][0].__setitem__(1, 1),
    "a note's text edited in the history": lambda d: d["undo"][-1]["edits"][0][2].__setitem__("text", "changed"),
    "a step value of the wrong type": lambda d: d["undo"].append(
        {"label": "turn", "edits": [[["step", 0, "turn"], "zero", 1]]}
    ),
    "a turn that names nobody": lambda d: d["undo"].append(
        {"label": "turn", "edits": [[["step", 0, "order"], ["Nobody"], ["Fatima"]]]}
    ),
    "an unknown kind of change": lambda d: d["undo"][-1].__setitem__("label", "{crash}"),
    "a pulse of 99": lambda d: d["undo"].append({"label": "pulse", "edits": [[["pulse", "Fatima"], None, 99]]}),
    "an entry that is not a table": lambda d: d["undo"].append("undo everything"),
    "an edit that is not an edit": lambda d: d["undo"].append({"label": "vote", "edits": [["note"]]}),
    "an empty change": lambda d: d["undo"].append({"label": "vote", "edits": []}),
    "a vote that rewrites a note": lambda d: d["undo"].append(
        {"label": "vote", "edits": [[["note", 1], {**d["notes"][0], "text": "CHANGED BY UNDO"}, d["notes"][0]]]}
    ),
    "an undo that makes a private remark public": lambda d: d["undo"].append(
        {"label": "note_edited", "edits": [[["note", 1], {**d["notes"][0], "kind": "private"}, d["notes"][0]]]}
    ),
    "a look-alike participant": lambda d: d.__setitem__(
        "redo", [{"label": "participant_added", "edits": [[["participant", "fatima"], None, {"name": "fatima"}]]}]
    ),
    "an invisible participant": lambda d: d.__setitem__(
        "redo", [{"label": "participant_added", "edits": [[["participant", "\u200b"], None, {"name": "\u200b"}]]}]
    ),
    "a redo that does not fit": lambda d: d.__setitem__(
        "redo", [{"label": "note_added", "edits": [[["note", 1], None, d["notes"][0]]]}]
    ),
}


@pytest.mark.parametrize("damage", list(TAMPERING))
def test_a_history_that_does_not_fit_is_left_out_and_undo_stays_safe(small, tmp_path, damage):
    path, doc = _written(small, tmp_path)
    TAMPERING[damage](doc)
    _rewrite(path, doc)
    loaded = read_record(path, 0.0)
    assert loaded.history_dropped >= 1
    assert [n.text for n in loaded.record.notes] == ["first note", "second note", "third note"]
    # what is left of the history works: undo all of it, every record written is read back whole
    store = WrittenAtOnce(tmp_path, path)
    meeting = Meeting(loaded.record, FakeClock(NOW), store)
    meeting.strict = True
    while meeting.record.undo:
        shown = {n.id: n.text for n in meeting.record.notes}
        assert meeting.undo()
        again = read_record(path, 0.0)
        assert again.history_dropped == 0
        for note in again.record.notes:  # an undo never changes a note into another one
            assert shown.get(note.id, note.text) == note.text
    while meeting.record.redo:
        assert meeting.redo()
        assert read_record(path, 0.0).history_dropped == 0
    assert [n.text for n in meeting.record.notes] == ["first note", "second note", "third note"]


async def test_the_facilitator_is_told_when_history_was_left_out(small, tmp_path):
    from copsession.ui.app import make_app

    path, doc = _written(small, tmp_path)
    TAMPERING["a note's text edited in the history"](doc)
    _rewrite(path, doc)
    app = make_app(small, minutes_dir=tmp_path, clock=FakeClock(NOW), resumed=read_record(path, 0.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any("did not fit this record" in n for n in notices), notices


def test_undoing_a_large_paste_costs_what_redoing_it_costs(small, monkeypatch):
    """Undoing a paste of 10,000 lines took 11 s (each note was looked for by comparing it field by
    field with every note before it); now a note is found by its id."""
    from copsession.record import Note

    meeting = new_meeting(small)
    meeting.next_step()
    meeting.add_lines([f"pasted line {n}" for n in range(2000)])
    compared = []
    original = Note.__eq__
    monkeypatch.setattr(Note, "__eq__", lambda self, other: compared.append(1) or original(self, other))
    assert meeting.undo() and meeting.record.notes == []
    assert meeting.redo() and len(meeting.record.notes) == 2000
    assert compared == []


@pytest.mark.parametrize("damage", ["a mark nobody knows", "a date far away", "a topic far away"])
def test_a_note_the_app_could_not_show_is_refused_not_crashed_on(small, tmp_path, damage):
    """A note with an unknown mark (tag) was read and then crashed the meeting at every resume (the
    list looks the mark's name up); a date in the year 9999 crashed saving the minutes."""
    from copsession.recordfile import RecordError

    path, doc = _written(small, tmp_path)
    note = doc["notes"][0]
    if damage == "a mark nobody knows":
        note["tag"] = "weird"
    elif damage == "a date far away":
        doc["started"] = "9999-12-30T10:00:00"
    else:
        note["topic"] = 10**9
    _rewrite(path, doc)
    with pytest.raises(RecordError):
        read_record(path, 0.0)
