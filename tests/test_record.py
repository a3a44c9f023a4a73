"""The session record: rounds, attendance, notes and time."""

from datetime import datetime

import pytest

from copsession.record import OPENING, SessionRecord

NOW = datetime(2026, 12, 3, 14, 0)


@pytest.fixture
def record(small):
    return SessionRecord.start(small, NOW, seed=7)


def test_starts_at_the_opening_with_everyone_present(record):
    assert record.current == OPENING and record.step is None
    assert record.present_names == ["Fatima", "Joost", "Mirjam"]


def test_round_gives_each_present_person_a_turn(record):
    record.set_present("Joost", False)
    record.go_to(0, 0)
    assert record.speaker(0) == "Fatima"
    assert record.next_speaker_name(0) == "Mirjam"
    record.move_turn(0, +1)
    assert record.speaker(0) == "Mirjam"
    record.move_turn(0, +1)
    assert record.speaker(0) is None  # everyone had a turn
    record.move_turn(0, -1)
    assert record.speaker(0) == "Mirjam"
    record.move_turn(0, -1)
    record.move_turn(0, -1)
    assert record.speaker(0) == "Fatima"  # never before the first


def test_late_arrival_joins_the_round(record):
    record.set_present("Mirjam", False)
    record.go_to(0, 0)
    assert record.speakers(0) == ["Fatima", "Joost"]
    record.set_present("Mirjam", True)
    assert record.speakers(0) == ["Fatima", "Joost", "Mirjam"]


def test_someone_leaving_is_skipped(record):
    record.go_to(0, 0)
    record.set_present("Joost", False)
    record.move_turn(0, +1)
    assert record.speaker(0) == "Mirjam"


def test_pass_is_recorded_and_moves_on(record):
    record.go_to(0, 0)
    assert record.pass_turn(0) == "Fatima"
    assert record.steps[0].passes == ["Fatima"]
    assert record.speaker(0) == "Joost"


def test_random_order_is_shuffled_once_and_kept(small_text):
    from copsession.worksheet import parse_worksheet

    ws = parse_worksheet(small_text.replace('prompt = "What do you bring today?"', 'prompt = "x"\norder = "random"'))
    orders = set()
    for seed in range(10):
        rec = SessionRecord.start(ws, NOW, seed=seed)
        rec.go_to(0, 0)
        first = list(rec.steps[0].order)
        rec.go_to(1, 1)
        rec.go_to(0, 2)
        assert rec.steps[0].order == first
        orders.add(tuple(first))
    assert len(orders) > 1


def test_notes_edit_and_delete(record):
    record.go_to(1, 0)
    a = record.add_note(1, "note", "first", NOW)
    b = record.add_note(1, "action", "do", NOW, owner="Joost")
    record.edit_note(a.id, "first, edited")
    assert [n.text for n in record.notes_in(1)] == ["first, edited", "do"]
    record.delete_note(a.id)
    assert record.notes_in(1) == [b]
    assert record.of_kind("action") == [b]


def test_timer_runs_only_in_the_current_step(record):
    record.go_to(0, 0)
    record.go_to(1, 60)
    assert record.elapsed(0, 500) == 60
    assert record.elapsed(1, 500) == 440
    record.toggle_timer(500)  # pause
    assert record.elapsed(1, 900) == 440
    record.toggle_timer(900)
    assert record.elapsed(1, 960) == 500
    record.add_minute()
    assert record.budget_seconds(1) == 21 * 60
