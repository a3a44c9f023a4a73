"""Participants' devices, the meeting's side (copsession.participation): joining with the code, what
a page may offer on each step, what a device sends — checked whoever sends it — and the facilitator's
inbox, whose accepted items become notes through the meeting engine like any other."""

from __future__ import annotations

import re

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from copsession.clock import FakeClock
from copsession.minutes import render_minutes
from copsession.participation import CODE_LENGTH, DOTS, MAX_PER_MINUTE, Desk, Refused
from copsession.recordfile import RecordError, dumps, read_record
from copsession.worksheet import parse_worksheet
from meetings import new_meeting, say

CHECK_IN, EXPLORATION, WORK_FORM, BREAK, CONCERNS, RESULTS = range(6)


@pytest.fixture
def cards(small_text):
    return parse_worksheet(small_text.replace('form = "drawing"', 'form = "brainwriting"'), "cards.toml")


class Seconds:
    """A monotonic clock for the desk's rate limit that a test moves on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _desk(worksheet, step: int = CHECK_IN):
    meeting = new_meeting(worksheet, FakeClock())
    meeting.go_to(step)
    seconds = Seconds()
    desk = Desk(meeting, clock=seconds)
    return meeting, desk, desk.join(desk.code), seconds


def _key(n: int) -> str:
    return f"key-{n:08d}"


def test_a_device_joins_with_the_code_and_nothing_else(small):
    meeting = new_meeting(small, FakeClock())
    desk = Desk(meeting)
    assert len(desk.code) == CODE_LENGTH and desk.code != Desk(meeting).code  # a new code every meeting
    for wrong in ("", "x", desk.code[:-1], desk.code + "a", "' OR 1=1 --", "\x1b[2J", "ä" * 10):
        with pytest.raises(Refused) as refused:
            desk.join(wrong)
        assert (refused.value.key, refused.value.status) == ("participate.bad_code", 404)
    token = desk.join(f"  {desk.code.upper()} ")  # typed from the screen: case and spaces do not matter
    assert desk.device(token).number == 1
    for stranger in (None, "", "guessed", token + "x"):
        with pytest.raises(Refused):
            desk.device(stranger)


def test_the_page_offers_what_the_step_the_group_sees_allows(cards):
    meeting, desk, token, _ = _desk(cards)
    offer = desk.offer(token)
    assert offer.kinds == ("answer", "question") and offer.focus  # the check-in's prompt
    meeting.go_to(EXPLORATION)
    say(meeting, "Teachers notice it first", "/private Joost seems tired")
    offer = desk.offer(token)
    assert offer.focus == "1. Where do children feel unsafe?"
    assert [text for _, text, _ in offer.shown] == ["Teachers notice it first"]  # never a private remark
    assert offer.kinds == ("answer", "question", "vote") and offer.dots == DOTS
    meeting.go_to(WORK_FORM)
    assert desk.offer(token).kinds[0] == "card"
    meeting.go_to(BREAK)
    assert desk.offer(token).kinds == ("question",)
    meeting.go_to(CONCERNS)
    assert desk.offer(token).kinds == ("concern", "question")
    meeting.show_to_group("pulse-anonymous")
    assert desk.offer(token).kinds[0] == "pulse"


def test_a_retry_is_stored_once_and_the_rate_and_size_are_bounded(small):
    meeting, desk, token, seconds = _desk(small, CONCERNS)
    first = desk.submit(token, "concern", _key(1), text="Nobody owns the <b>follow-up</b>")
    again = desk.submit(token, "concern", _key(1), text="Nobody owns the <b>follow-up</b>")
    assert again is first and len(desk.waiting()) == 1  # flaky Wi-Fi sent it twice: stored once
    for n in range(2, MAX_PER_MINUTE + 1):
        desk.submit(token, "question", _key(n), text=f"Question {n}")
    with pytest.raises(Refused) as refused:
        desk.submit(token, "question", _key(999), text="One too many")
    assert (refused.value.key, refused.value.status) == ("participate.too_many", 429)
    seconds.now += 61  # a minute later it may send again
    desk.submit(token, "question", _key(999), text="One more")
    for bad_key in ("", "short", "x" * 65, "key with spaces", "ключ-123456"):
        with pytest.raises(Refused):
            desk.submit(token, "question", bad_key, text="A question")
    with pytest.raises(Refused) as refused:
        desk.submit(token, "concern", _key(1000), text="x" * 501)
    assert (refused.value.key, refused.value.status) == ("participate.too_long", 413)
    for empty in ("", "   ", "\x1b\x07\x00\n\t"):
        with pytest.raises(Refused) as refused:
            desk.submit(token, "concern", _key(1001), text=empty)
        assert refused.value.key == "participate.empty"
    sent = desk.submit(token, "concern", _key(1002), text="Line\x1b[2J one\n\nand\u202etwo", name="\x1b]0;Anne\x07")
    assert sent.text == "Line[2J one andtwo" and sent.name == "]0;Anne"  # control characters never kept


def test_what_a_step_does_not_offer_is_refused(small):
    meeting, desk, token, _ = _desk(small, CHECK_IN)
    for kind, values in (("concern", {"text": "x"}), ("vote", {"note": 1}), ("pulse", {"score": 3}), ("hack", {})):
        with pytest.raises(Refused) as refused:
            desk.submit(token, kind, _key(1), **values)
        assert refused.value.key == "participate.not_now"
    meeting.go_to(EXPLORATION)
    say(meeting, "An idea", "/private Not for the group")
    shown, private = (n.id for n in meeting.record.notes)
    with pytest.raises(Refused):
        desk.submit(token, "vote", _key(2), note=private)  # a dot on a private remark: it is not on screen
    for n in range(DOTS):
        desk.submit(token, "vote", _key(10 + n), note=shown)
    assert "vote" not in desk.offer(token).kinds and desk.offer(token).dots == 0
    with pytest.raises(Refused) as refused:
        desk.submit(token, "vote", _key(20), note=shown)
    assert refused.value.key == "participate.no_dots"  # said as it is, not "not possible now"
    meeting.show_to_group("pulse")
    for score in (0, 6, None, -1, 10**9):
        with pytest.raises(Refused):
            desk.submit(token, "pulse", _key(30), score=score)


def test_accepted_items_become_notes_through_the_engine_marked_as_from_a_participant(small, tmp_path):
    meeting, desk, token, _ = _desk(small, CONCERNS)
    other = desk.join(desk.code)
    anonymous = desk.submit(token, "concern", _key(1), text="Nobody owns the follow-up")
    named = desk.submit(other, "concern", _key(1), text="Too little time", name="Anne")
    question = desk.submit(other, "question", _key(2), text="Who pays for it", name="Anne")
    declined = desk.submit(token, "question", _key(2), text="Spam spam spam")
    assert desk.accept(anonymous.id) and desk.accept(named.id, "Too little time to prepare")
    assert desk.accept(question.id) and desk.decline(declined.id)
    assert not desk.accept(declined.id) and not desk.accept(anonymous.id)  # handled once
    notes = [(n.kind, n.text, n.author, n.via) for n in meeting.record.notes]
    assert notes == [
        ("concern", "Nobody owns the follow-up", "", "participant"),
        ("concern", "Too little time to prepare", "Anne", "participant"),
        ("question", "Who pays for it", "", "participant"),  # a question never carries a name
    ]
    assert desk.waiting() == []
    meeting.undo()  # undo treats it like any other note
    assert [n.text for n in meeting.record.notes] == ["Nobody owns the follow-up", "Too little time to prepare"]
    minutes = render_minutes(meeting.record, ended=meeting.clock.now(), mono=meeting.mono)
    assert "- Nobody owns the follow-up *(sent in by a participant)*" in minutes
    assert "- Too little time to prepare (Anne) *(sent in by a participant)*" in minutes
    assert "Spam" not in minutes
    # the record keeps where a note came from, and a record that says something else is refused
    path = tmp_path / "record.json"
    path.write_text(dumps(meeting.snapshot()), encoding="utf-8")
    assert [n.via for n in read_record(path, 0.0).record.notes] == ["participant", "participant"]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'"via": ?"participant"', '"via": "192.168.1.20"', text, count=1), encoding="utf-8")
    with pytest.raises(RecordError):
        read_record(path, 0.0)


def test_dots_and_pulse_scores_are_accepted_all_at_once_and_the_pulse_stays_anonymous(small_nl):
    meeting, desk, token, _ = _desk(small_nl, EXPLORATION)
    say(meeting, "Een idee", "Nog een idee")
    first, second = (n.id for n in meeting.record.notes)
    phones = [token, desk.join(desk.code), desk.join(desk.code)]
    for n, phone in enumerate(phones):
        desk.submit(phone, "vote", _key(n), note=first)
    desk.submit(phones[0], "vote", _key(9), note=second)
    desk.submit(phones[1], "answer", _key(9), text="Een antwoord")
    meeting.show_to_group("pulse")
    for n, phone in enumerate(phones):
        desk.submit(phone, "pulse", _key(20 + n), score=n + 3)
    with pytest.raises(Refused):
        desk.submit(phones[0], "pulse", _key(30), score=1)  # one score per device
    assert desk.accept_all() == 7
    assert [n.votes for n in meeting.record.notes] == [3, 1]
    assert meeting.record.pulse == {"#1": 3, "#2": 4, "#3": 5}  # no name, no device: only the scores
    assert [c.kind for c in desk.waiting()] == ["answer"]  # texts are looked at one by one


def test_merged_texts_become_one_note_and_a_removed_device_cannot_come_back(cards):
    meeting, desk, token, _ = _desk(cards, WORK_FORM)
    other = desk.join(desk.code)
    a = desk.submit(token, "card", _key(1), text="Buddy system", name="Anne")
    b = desk.submit(other, "card", _key(1), text="A buddy for every newcomer", name="Anne")
    waiting = desk.submit(other, "card", _key(2), text="Rude card")
    assert desk.merge([a.id, b.id], "A buddy for every newcomer")
    assert [(n.text, n.author, n.via) for n in meeting.record.notes] == [
        ("A buddy for every newcomer", "Anne", "participant")
    ]
    assert (a.status, b.status) == ("accepted", "merged")
    number = desk.device(other).number
    desk.remove(number)
    assert waiting.status == "declined"
    with pytest.raises(Refused):
        desk.submit(other, "card", _key(3), text="I am back")
    with pytest.raises(Refused):
        desk.offer(other)
    with pytest.raises(Refused) as refused:
        desk.join(desk.code, other)  # scanning the code again with the cookie it still holds
    assert refused.value.key == "participate.removed"
    assert number not in [d.number for d in desk.devices]
    desk.close()  # closing ends it for every device, and the code no longer works
    assert not desk.offer(token).open
    with pytest.raises(Refused):
        desk.submit(token, "card", _key(4), text="After the end")
    with pytest.raises(Refused):
        desk.join(desk.code)


class Inbox(RuleBasedStateMachine):
    """Devices send (and resend) at random while the facilitator accepts, declines, undoes and moves
    on: every accepted contribution is in the record exactly once, nothing else from a device is."""

    def __init__(self) -> None:
        super().__init__()
        worksheet = parse_worksheet(SMALL_FOR_MODEL, "model.toml")
        self.meeting = new_meeting(worksheet, FakeClock())
        self.meeting.go_to(CONCERNS)
        self.desk = Desk(self.meeting, clock=Seconds())
        self.tokens = [self.desk.join(self.desk.code) for _ in range(3)]
        self.sent: dict[tuple[int, str], str] = {}
        self.accepted: list[str] = []
        self.serial = 0

    @rule(device=st.integers(0, 2), resend=st.booleans())
    def send(self, device: int, resend: bool) -> None:
        mine = [key for (d, key) in self.sent if d == device]
        if resend and mine:
            key = mine[-1]
        else:
            self.serial += 1
            key = _key(self.serial)
            self.sent[(device, key)] = f"Concern {self.serial}"
        try:
            self.desk.submit(self.tokens[device], "concern", key, text=self.sent[(device, key)])
        except Refused as refused:
            assert refused.key == "participate.too_many"

    @precondition(lambda self: bool(self.desk.waiting()))
    @rule(which=st.integers(0, 50), accept=st.booleans())
    def handle(self, which: int, accept: bool) -> None:
        item = self.desk.waiting()[which % len(self.desk.waiting())]
        if accept:
            assert self.desk.accept(item.id)
            self.accepted.append(item.text)
        else:
            assert self.desk.decline(item.id)

    @rule()
    def undo_and_redo(self) -> None:
        if self.meeting.undo():
            assert self.meeting.redo()

    @invariant()
    def every_accepted_text_once(self) -> None:
        stored = [n.text for n in self.meeting.record.notes if n.via == "participant"]
        assert sorted(stored) == sorted(self.accepted)
        assert len(set(stored)) == len(stored)


SMALL_FOR_MODEL = """
title = "Model"
central_question = "?"
[[participants]]
name = "Fatima"
[[steps]]
kind = "check-in"
minutes = 5
[[steps]]
kind = "exploration"
minutes = 5
questions = ["Q"]
[[steps]]
kind = "work-form"
minutes = 5
form = "brainwriting"
[[steps]]
kind = "break"
minutes = 5
[[steps]]
kind = "concern-round"
minutes = 5
[[steps]]
kind = "results"
minutes = 5
"""

TestInbox = Inbox.TestCase
TestInbox.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
