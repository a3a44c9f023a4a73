"""The session record on disk: round trip, damaged files, format 1, numbered snapshots, the lock, privacy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from copsession.clock import FakeClock
from copsession.persistence import MeetingLock, RecordStore, write_record_file
from copsession.recordfile import RecordError, read_record, read_summary_line, snapshot
from copsession.storage import records_dir
from meetings import NOW, new_meeting, say

DATA = Path(__file__).parent / "data"
FORMAT1 = DATA / "format1-2026-10-22-140205-safe-at-school.toml"


@pytest.fixture
def meeting(small):
    clock = FakeClock(NOW)
    m = new_meeting(small, clock, seed=11)
    m.set_present("Mirjam", False)
    m.go_to(0)
    say(m, 'Quotes " and \\ and """ and a tab\there')
    m.pass_turn()
    m.pass_turn()
    clock.advance(120)
    m.go_to(1)
    m.move_cursor(+1)
    say(m, "/action Call 🚲 the club @Joost 2026-12-10")
    m.set_draft("half a line")
    clock.advance(180)
    return m


def save(meeting, path: Path, finished: bool = False) -> dict:
    doc = snapshot(meeting.record, meeting.clock.monotonic(), finished=finished, minutes_file="m.md", saved=NOW)
    write_record_file(path, doc)
    return doc


def test_each_write_encodes_only_what_changed_and_writes_the_same_text(meeting):
    """The writer keeps every note's text between writes: the file is exactly what encoding the
    whole record gives, after adding, editing, voting, deleting and undoing notes."""
    from copsession import recordfile
    from copsession.recordfile import EncodedItems, dumps

    items = EncodedItems()
    encoded: list[object] = []
    original = recordfile._encode
    dumps(meeting.snapshot(), items)  # the first write encodes every note
    steps = [
        lambda: say(meeting, *(f"Note {i} with <b>[red]markup[/] \x1b[31m and ü" for i in range(30))),
        lambda: meeting.edit_note(meeting.record.notes[3].id, "Edited: 'quotes' \"too\""),
        lambda: meeting.vote(meeting.record.notes[4].id, +1),
        lambda: meeting.delete_note(meeting.record.notes[5].id),
        meeting.undo,
        meeting.redo,
    ]
    try:
        recordfile._encode = lambda value: encoded.append(value) or original(value)
        for number, step in enumerate(steps):
            step()
            doc = meeting.snapshot()
            encoded.clear()
            text = dumps(doc, items)
            notes_encoded = [v for v in encoded if isinstance(v, dict) and "kind" in v and "text" in v]
            assert len(notes_encoded) == [30, 1, 1, 0, 1, 0][number]  # new notes, the one changed or back
            assert text.split("\n")[1] == json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            assert text == dumps(doc)  # the same as writing it fresh
            assert json.loads(text.split("\n")[1])["notes"] == doc["notes"]
    finally:
        recordfile._encode = original


def test_round_trip_keeps_everything(meeting, tmp_path):
    path = tmp_path / ".copsession" / "r.json"
    save(meeting, path)
    loaded = read_record(path, mono=1000)
    back, record = loaded.record, meeting.record
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
    assert back.undo == json.loads(json.dumps(record.undo))


def test_the_first_line_is_a_summary_of_the_meeting(meeting, tmp_path):
    path = tmp_path / "r.json"
    save(meeting, path)
    summary = read_summary_line(path)
    assert summary["title"] == "Safe at school" and summary["notes"] == 2 and summary["happened"]
    assert [c["text"] for c in summary["carry"]] == ["Call 🚲 the club"]
    assert summary["present"] == 2 and summary["absent"] == 1


def test_a_format_1_record_as_the_readme_documents_it_is_still_read():
    loaded = read_record(FORMAT1, mono=0)
    record = loaded.record
    assert loaded.minutes_file == "2026-10-22-safe-at-school.md" and not loaded.finished
    assert record.current == 5 and record.draft == "half a line"
    assert [n.kind for n in record.notes] == [
        "note",
        "note",
        "question",
        "private",
        "concern",
        "result",
        "action",
        "takeback",
    ]
    action = record.of_kind("action")[0]
    assert (action.owner, action.due) == ("Fatima", date(2026, 11, 1))
    assert record.carried[0].status == "done" and record.carried[0].note == "Answered in October"
    assert record.pulse == {"Fatima": 4, "Joost": 3} and record.series_number == 2
    assert record.undo == []


DAMAGE = [
    lambda text: text[: len(text) // 2],
    lambda text: "garbage = [",
    lambda text: text.replace('"format":3', '"format":99'),
    lambda text: text.replace('"kind":"action"', '"kind":"nonsense"'),
    lambda text: text.replace('"current":1,', '"current":42,'),
    lambda text: text.replace('"current":1,', '"current":"one",'),
    lambda text: text.replace('"used_seconds":120.0', '"used_seconds":NaN'),
    lambda text: text.replace('"used_seconds":120.0', '"used_seconds":1e400'),
    lambda text: text.replace('"next_id":3', '"next_id":' + "9" * 4000),
    lambda text: text.replace('"saved":"2026-12-03T14:00:00"', '"saved":"2026-13-03T14:00:00"'),
    lambda text: text.split("\n")[0] + "\n" + "[" * 3000 + "]" * 3000 + "\n",
    lambda text: "",
]


@pytest.mark.parametrize("damage", range(len(DAMAGE)))
def test_damaged_record_gives_a_clear_error_and_is_left_alone(meeting, tmp_path, damage):
    path = tmp_path / "r.json"
    save(meeting, path)
    damaged = DAMAGE[damage](path.read_text(encoding="utf-8"))
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_record(path, 0)
    assert str(path) in str(info.value)
    assert path.read_text(encoding="utf-8") == damaged
    for language in ("en", "nl"):  # in words a facilitator reads: no parser's exception names
        told = info.value.told(language)
        assert str(path) in told and "Error" not in told and "{" not in told.replace(str(path), "")


def test_a_saved_time_with_an_offset_is_read_as_local_time(meeting, tmp_path):
    path = tmp_path / "r.json"
    save(meeting, path)
    text = path.read_text(encoding="utf-8").replace(
        '"saved":"2026-12-03T14:00:00"', '"saved":"2026-12-03T14:00:00+00:00"'
    )
    path.write_text(text, encoding="utf-8")
    assert read_record(path, 0).saved.tzinfo is None


def test_a_damaged_undo_history_is_dropped_but_the_meeting_is_kept(meeting, tmp_path):
    path = tmp_path / "r.json"
    doc = save(meeting, path)
    doc["undo"][0]["edits"][0][0] = ["nonsense", 1]  # the oldest change
    write_record_file(path, doc)
    loaded = read_record(path, 0)
    record = loaded.record
    # the newer changes still apply exactly as they say: they stay; the damaged one is left out
    assert record.undo == doc["undo"][1:] and loaded.history_dropped == 1 and len(record.notes) == 2


@pytest.mark.parametrize("content", [b"\xff\x00\xfe", b"x" * 10])
def test_binary_or_garbage_record_gives_a_clear_error(tmp_path, content):
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(RecordError):
        read_record(path, 0)


def test_a_fifo_or_a_folder_as_a_record_never_waits(tmp_path):
    fifo = tmp_path / "r.json"
    os.mkfifo(fifo)
    with pytest.raises(RecordError, match="not an ordinary file"):
        read_record(fifo, 0)
    folder = tmp_path / "d.json"
    folder.mkdir()
    with pytest.raises(RecordError):
        read_record(folder, 0)


# -- the one writer ----------------------------------------------------------- #


def test_an_older_snapshot_is_never_written_over_a_newer_one(meeting, tmp_path):
    """Force the interleaving: the background writer has taken snapshot N and is about to write it
    when the final, synchronous write of snapshot N+1 overtakes it."""
    store = RecordStore(tmp_path)
    taken = threading.Event()
    release = threading.Event()

    def pause_before_writing(doc: dict) -> None:
        taken.set()
        release.wait(5)

    store.before_write = pause_before_writing
    meeting.record.draft = "older"
    older = snapshot(meeting.record, 0, finished=False, minutes_file="", saved=NOW)
    store.save(older)
    assert taken.wait(5)
    meeting.record.draft = "final"
    final = snapshot(meeting.record, 0, finished=True, minutes_file="", saved=NOW)
    assert store.save(final, wait=True)
    release.set()
    store.close()
    loaded = read_record(store.path, 0)
    assert loaded.finished and loaded.record.draft == "final"
    assert store.writes == 1 and store.written == final["snapshot"]


def test_the_writer_keeps_up_and_writes_the_newest(meeting, tmp_path):
    store = RecordStore(tmp_path)
    for i in range(30):
        meeting.record.draft = f"draft {i}"
        store.save(snapshot(meeting.record, 0, finished=False, minutes_file="", saved=NOW))
    store.close()
    assert read_record(store.path, 0).record.draft == "draft 29"
    assert 1 <= store.writes <= 30


def test_an_unwritable_place_is_reported_once(meeting, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    errors: list[str] = []
    store = RecordStore(blocker, on_error=errors.append)
    doc = snapshot(meeting.record, 0, finished=False, minutes_file="", saved=NOW)
    assert not store.save(doc, wait=True)
    assert not store.save(snapshot(meeting.record, 0, finished=False, minutes_file="", saved=NOW), wait=True)
    assert len(errors) == 1 and "file" in str(errors[0]) and "geen map" in errors[0].told("nl")
    store.close()


# -- one meeting, one window ---------------------------------------------------- #


def test_a_meeting_is_locked_by_the_window_that_runs_it(tmp_path):
    path = tmp_path / ".copsession" / "m.json"
    first, second = MeetingLock(path), MeetingLock(path)
    assert first.acquire()
    assert not second.acquire()
    assert MeetingLock.holder(path) == os.getpid()
    first.release()
    assert MeetingLock.holder(path) is None
    assert second.acquire()
    second.release()


def test_a_stale_lock_from_a_killed_process_is_taken_over(tmp_path):
    path = tmp_path / ".copsession" / "m.json"
    code = (
        "import sys, time; from pathlib import Path; from copsession.persistence import MeetingLock; "
        "assert MeetingLock(Path(sys.argv[1])).acquire(); print('locked', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
        assert MeetingLock.holder(path) == child.pid
        assert not MeetingLock(path).acquire()
    finally:
        child.kill()
        child.wait()
    assert MeetingLock.holder(path) is None  # the file is still there, the lock is not
    lock = MeetingLock(path)
    assert lock.acquire()
    assert path.with_suffix(".lock").read_text().strip() == str(os.getpid())
    lock.release()


def test_two_new_meetings_in_the_same_second_get_two_records(small, tmp_path):
    clock = FakeClock(NOW)
    a = new_meeting(small, clock, minutes_dir=tmp_path)
    b = new_meeting(small, clock, minutes_dir=tmp_path)
    for m, text in ((a, "from window A"), (b, "from window B")):
        m.go_to(1)
        say(m, text)
        m.finish()
    files = sorted(p for p in records_dir(tmp_path).glob("*.json") if not p.name.startswith("."))
    assert len(files) == 2
    assert sorted(read_record(f, 0).record.notes[0].text for f in files) == ["from window A", "from window B"]


# -- privacy at rest ------------------------------------------------------------ #


def test_records_are_private_whatever_the_umask(meeting, tmp_path):
    old = os.umask(0)
    try:
        store = RecordStore(tmp_path / "minutes")
        assert store.save(snapshot(meeting.record, 0, finished=False, minutes_file="", saved=NOW), wait=True)
        store.close()
    finally:
        os.umask(old)
    folder = records_dir(tmp_path / "minutes")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    for path in folder.iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o600", path.name


def test_an_existing_open_records_folder_is_closed(meeting, tmp_path):
    folder = records_dir(tmp_path)
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    store = RecordStore(tmp_path)
    store.save(snapshot(meeting.record, 0, finished=False, minutes_file="", saved=NOW), wait=True)
    store.close()
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_a_format_1_record_is_continued_as_format_2(tmp_path):
    from copsession.engine import Meeting

    folder = records_dir(tmp_path)
    folder.mkdir(parents=True)
    old = folder / FORMAT1.name
    shutil.copy(FORMAT1, old)
    loaded = read_record(old, 0)
    clock = FakeClock(datetime(2026, 10, 22, 15, 5))
    m = Meeting(loaded.record, clock, RecordStore(tmp_path, old))
    say(m, "/result After the resume")
    m.finish()
    assert not old.exists()
    new = read_record(old.with_suffix(".json"), 0).record
    assert [n.text for n in new.of_kind("result")] == ["A shared map of signals", "After the resume"]


@pytest.mark.parametrize(
    "suffix, text, where_en, where_nl",
    [
        (".json", '{"format":3}\n{"notes": [1, 2,, 3]}\n', "line 2, column 17", "regel 2, kolom 17"),
        (
            ".json",
            '{"format":3}\n' + '{"title": "' + "x" * 12000 + '",}\n',
            "line 2, column 12.014",
            "regel 2, kolom 12.014",
        ),
        (".toml", 'title = "ok"\nnotes = [1, 2,, 3]\n', "line 2, column 15", "regel 2, kolom 15"),
    ],
)
def test_a_damaged_record_says_where_in_words_a_facilitator_reads(tmp_path, suffix, text, where_en, where_nl):
    """Where the record stops making sense, in the user's language and number format; never the
    name of the parser's exception."""
    path = tmp_path / f"r{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_record(path, 0)
    english, dutch = info.value.told("en"), info.value.told("nl")
    assert "Error" not in english and "Error" not in dutch
    assert f"unreadable from {where_en.replace('12.014', '12,014')}" in english and "left as it is" in english
    assert f"onleesbaar vanaf {where_nl}" in dutch and "er is niets aan veranderd" in dutch


def test_a_record_without_its_second_line_is_damaged_without_a_place(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"format":3}', encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_record(path, 0)
    assert info.value.told("en") == f"{path}: is damaged; it was left as it is"
    assert info.value.told("nl") == f"{path}: is beschadigd; er is niets aan veranderd"
