"""The session record on disk: round trip, damaged files, finding unfinished meetings, autosave."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import pytest

from copsession.record import SessionRecord
from copsession.recordfile import (
    Autosaver, RecordError, dumps, find_records, latest_unfinished, read_record, records_dir, snapshot, write_record,
)

NOW = datetime(2026, 12, 3, 14, 0)


@pytest.fixture
def record(small):
    rec = SessionRecord.start(small, NOW, seed=11)
    rec.set_present("Mirjam", False)
    rec.go_to(0, 0)
    rec.add_note(0, "note", 'Quotes " and \\ and """ and\nnewline', NOW, author="Fatima")
    rec.pass_turn(0)
    rec.pass_turn(0)
    rec.go_to(1, 120)
    rec.move_cursor(1, +1, 2)
    rec.add_note(1, "action", "Call 🚲 the club", NOW, owner="Joost", due=date(2026, 12, 10), topic=1)
    rec.draft = "half a line"
    return rec


def save(record, path: Path, mono: float = 300, finished: bool = False, saved: datetime = NOW) -> None:
    write_record(path, snapshot(record, mono, finished=finished, minutes_file="m.md", saved=saved))


def test_round_trip_keeps_everything(record, tmp_path):
    path = tmp_path / "r.toml"
    save(record, path)
    loaded = read_record(path, mono=1000)
    back = loaded.record
    assert back.notes == record.notes
    assert back.present == record.present
    assert back.current == 1 and back.draft == "half a line"
    assert back.steps[0].passes == ["Joost"]  # Fatima spoke, so she did not pass
    assert back.steps[0].order == ["Fatima", "Joost"]
    assert back.steps[1].cursor == 1
    assert back.elapsed(0, 1000) == 120
    assert back.elapsed(1, 1010) == pytest.approx(180 + 10)  # the current step's timer carries on
    assert loaded.minutes_file == "m.md" and not loaded.finished
    assert back.worksheet == record.worksheet


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: "garbage = [",
    lambda text: text.replace("format = 1", "format = 99"),
    lambda text: text.replace('kind = "action"', 'kind = "nonsense"'),
    lambda text: text.replace("current = 1", "current = 42"),
    lambda text: text.replace("current = 1", 'current = "one"'),
    lambda text: text.replace('minutes = 10', 'minutes = 0', 1),
    lambda text: "",
])
def test_damaged_record_gives_a_clear_error_and_is_left_alone(record, tmp_path, damage):
    path = tmp_path / "r.toml"
    save(record, path)
    damaged = damage(path.read_text(encoding="utf-8"))
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_record(path, 0)
    assert str(path) in str(info.value)
    assert path.read_text(encoding="utf-8") == damaged


def test_binary_record_gives_a_clear_error(tmp_path):
    path = tmp_path / "r.toml"
    path.write_bytes(b"\xff\x00\xfe")
    with pytest.raises(RecordError, match="not UTF-8"):
        read_record(path, 0)


def test_latest_unfinished_skips_finished_other_series_and_broken(record, small_text, tmp_path):
    from copsession.worksheet import parse_worksheet

    folder = records_dir(tmp_path)
    save(record, folder / "a.toml", saved=datetime(2026, 12, 3, 15, 0))
    finished = SessionRecord.start(record.worksheet, datetime(2026, 12, 3, 16, 0))
    save(finished, folder / "b.toml", finished=True, saved=datetime(2026, 12, 3, 17, 0))
    other = SessionRecord.start(parse_worksheet(small_text.replace("Safe at school", "Other CoP")), NOW)
    save(other, folder / "c.toml", saved=datetime(2026, 12, 3, 18, 0))
    (folder / "d.toml").write_text("broken = ", encoding="utf-8")

    loaded, problems = latest_unfinished(tmp_path, 0, title="Safe at school")
    assert loaded is not None and loaded.path == folder / "a.toml"
    assert len(problems) == 1 and "d.toml" in problems[0]
    newest, _ = latest_unfinished(tmp_path, 0)
    assert newest.path == folder / "c.toml"
    assert len(find_records(tmp_path, 0)[0]) == 3


def test_autosaver_writes_in_the_background_and_keeps_the_newest(record, tmp_path):
    path = tmp_path / ".copsession" / "r.toml"
    saver = Autosaver(path)
    for i in range(20):
        record.draft = f"draft {i}"
        saver.request(snapshot(record, 0, finished=False, minutes_file="", saved=NOW))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if path.exists() and read_record(path, 0).record.draft == "draft 19":
            break
        time.sleep(0.01)
    assert read_record(path, 0).record.draft == "draft 19"
    assert 1 <= saver.writes <= 20
    assert saver.close(snapshot(record, 0, finished=True, minutes_file="", saved=NOW))
    assert read_record(path, 0).finished


def test_autosaver_reports_an_unwritable_place_once(record, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    errors: list[str] = []
    saver = Autosaver(blocker / ".copsession" / "r.toml", on_error=errors.append)
    doc = snapshot(record, 0, finished=False, minutes_file="", saved=NOW)
    assert not saver.flush(doc)
    assert not saver.flush(doc)
    assert len(errors) == 1 and "file" in errors[0]
    saver.close()


def test_record_text_is_readable_toml(record):
    text = dumps(snapshot(record, 0, finished=False, minutes_file="", saved=NOW))
    assert text.startswith("# copsession session record")
    assert "[[notes]]" in text and 'kind = "action"' in text
