"""Hostile input by class, through the real command: a clear message, no traceback, no control
bytes to the terminal, no write outside the minutes folder, and no wait.

Each class has its own test; the app is checked in a real terminal (tmux) where it applies.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from copsession.index import index_path
from terminal import COMMAND

CONTROL = (b"\x1b", b"\x07", b"\x9b", "\u202e".encode(), b"\x90")

WORKSHEET = """
title = "Safe at school"
central_question = "How do we make school safe together?"
[[participants]]
name = "Fatima"
[[participants]]
name = "Joost"
[[steps]]
kind = "check-in"
minutes = 10
prompt = "What do you bring today?"
[[steps]]
kind = "results"
minutes = 10
"""


def run(*args: str, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess:
    """The real command, its output as bytes; a hang fails the test instead of stalling it."""
    env = {**os.environ, "COPSESSION_CONFIG_DIR": str(cwd / "config"), "LANG": "C.UTF-8"}
    return subprocess.run([COMMAND, *args], cwd=cwd, capture_output=True, timeout=timeout, env=env)


def assert_clean(result: subprocess.CompletedProcess) -> str:
    """No traceback and no control byte on either stream; returns the text of both."""
    out = result.stdout + result.stderr
    for byte in CONTROL:
        assert byte not in out, (byte, out[:400])
    text = out.decode("utf-8", "replace")
    assert "Traceback" not in text
    return text


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def one_meeting(minutes: Path, line: str = "kept", step: int = 0) -> Path:
    """A finished meeting with one line typed, saved in ``minutes``; its record file."""
    from copsession.recordfile import record_files
    from copsession.worksheet import parse_worksheet
    from meetings import new_meeting, say

    meeting = new_meeting(parse_worksheet(WORKSHEET), minutes_dir=minutes)
    meeting.go_to(step)
    say(meeting, line)
    meeting.finish()
    (path,) = record_files(minutes)
    return path


# -- 1. terminal control sequences ------------------------------------------------- #

EVIL = "\u001b]0;pwned\u0007\u001b]52;c;aGk=\u0007\u001b[2J\u009b31m\u202eevil"


def test_control_sequences_in_a_worksheet_never_reach_the_terminal(tmp_path):
    toml_evil = EVIL.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    worksheet = tmp_path / "evil.toml"
    worksheet.write_text(
        f'"{toml_evil}" = 1\n' + WORKSHEET.replace('"Safe at school"', f'"Safe {toml_evil}"'), encoding="utf-8"
    )
    result = run("validate", str(worksheet), cwd=tmp_path)
    text = assert_clean(result)
    assert result.returncode == 1 and "unknown key" in text and "\\x1b]0;pwned" in text
    fine = tmp_path / "fine.toml"
    fine.write_text(WORKSHEET.replace('"Safe at school"', f'"Safe {toml_evil}"'), encoding="utf-8")
    for command in (("validate", str(fine)), ("plan", str(fine))):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 0
        assert_clean(result)


def test_control_sequences_in_a_record_never_reach_the_terminal(tmp_path):
    minutes = tmp_path / "minutes"
    path = one_meeting(minutes, "a harmless note")
    summary, record = path.read_text(encoding="utf-8").splitlines()
    summary = summary.replace('"Safe at school"', json.dumps("Safe " + EVIL))
    record = record.replace('"a harmless note"', json.dumps("note " + EVIL)).replace(
        '"minutes_file":""', '"minutes_file":"x.md"'
    )
    path.write_text(summary + "\n" + record + "\n", encoding="utf-8")
    index_path(minutes).unlink()
    assert_clean(run("history", "--minutes-dir", str(minutes), cwd=tmp_path))
    assert_clean(run("brief", str(path), cwd=tmp_path))
    brief = (minutes / "x-brief.md").read_text(encoding="utf-8")
    assert "\x1b" not in brief


def test_a_paste_with_escape_sequences_is_typed_as_text(tmux_factory, tmp_path):
    term = tmux_factory()
    term.open_check_in()
    title = term._tmux("display-message", "-p", "-t", term.name, "#{pane_title}").stdout
    term.paste("before\x1b]0;pwned\x07\x1b[31mred\x9b2J after")
    screen = term.wait_for("after")
    assert "before]0;pwned[31mred2J after" in screen.replace("\n", "")
    assert term._tmux("display-message", "-p", "-t", term.name, "#{pane_title}").stdout == title
    term.keys("Enter")
    term.wait_for("Fatima: before")
    term.keys("C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_gone()
    from copsession.recordfile import read_record, record_files

    record = read_record(record_files(tmp_path / "minutes")[0], 0).record
    assert record.notes[0].text == "before]0;pwned[31mred2J after"


# -- 2. markup ------------------------------------------------------------------------ #


def test_markup_in_a_worksheet_is_shown_as_it_is_typed(tmux_factory, tmp_path):
    worksheet = tmp_path / "markup.toml"
    worksheet.write_text(
        WORKSHEET.replace('"Safe at school"', '"[bold]Safe[/] [@click=app.quit]school[/]"').replace(
            'name = "Joost"', 'name = "[/]Joost"'
        ),
        encoding="utf-8",
    )
    term = tmux_factory(str(worksheet), size=(120, 30))
    term.wait_for("[bold]Safe[/] [@click=app.quit]school[/]")
    term.keys("PageDown")
    term.wait_for("Now speaking: Fatima")
    term.keys("Down")
    term.wait_for("Now speaking: [/]Joost")
    term.keys("C-p")
    term.text("[/]")
    term.wait_for("Mark [/]Joost absent")
    term.keys("Escape", "Escape")  # the first closes the list of hits, the second the palette
    term.text("[red]still text[/]")
    term.keys("Enter")
    term.wait_for("[/]Joost: [red]still text[/]")
    assert term.alive()


# -- 3. odd files ----------------------------------------------------------------------- #


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "huge", "binary"])
def test_odd_worksheet_files_are_refused_at_once(tmp_path, kind):
    target = tmp_path / "w.toml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/zero")
    elif kind == "folder":
        target.mkdir()
    elif kind == "huge":
        target.write_bytes(b"#" * (2 * 1024 * 1024))
    else:
        target.write_bytes(b'title = "\xff\xfe"\n')
    for command in (("validate", str(target)), ("plan", str(target)), ("run", str(target))):
        started = time.monotonic()
        result = run(*command, cwd=tmp_path, timeout=10)
        assert time.monotonic() - started < 5
        text = assert_clean(result)
        assert result.returncode == 1 and str(target.name) in text


def test_odd_files_in_the_records_folder_never_stop_the_others(tmp_path):
    minutes = tmp_path / "minutes"
    one_meeting(minutes)
    records = minutes / ".copsession"
    os.mkfifo(records / "fifo.json")
    (records / "folder.json").mkdir()
    (records / "zero.json").symlink_to("/dev/zero")
    result = run("history", "--minutes-dir", str(minutes), cwd=tmp_path, timeout=10)
    text = assert_clean(result)
    assert result.returncode == 0 and "Safe at school" in text
    assert text.count("fifo.json") == 1 and text.count("zero.json") == 1


def test_schema_and_new_never_overwrite_or_follow_a_link(tmp_path):
    existing = tmp_path / "mine.toml"
    existing.write_text("# my worksheet\n", encoding="utf-8")
    for command in (("schema", str(existing)), ("new", str(existing))):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 1 and "already exists" in assert_clean(result)
    assert existing.read_text(encoding="utf-8") == "# my worksheet\n"
    outside = tmp_path / "outside"
    link = tmp_path / "link.toml"
    link.symlink_to(outside / "target.toml")
    outside.mkdir()
    for command in (("schema", str(link)), ("new", str(link))):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 1 and "symbolic link" in assert_clean(result)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("name", ["../../escaped.md", "/tmp/escaped-copsession.md", "sub/dir.md", ".."])
def test_brief_writes_only_inside_the_minutes_folder(tmp_path, name):
    from copsession.persistence import write_record_file
    from copsession.recordfile import read_document

    minutes = tmp_path / "deep" / "minutes"
    path = one_meeting(minutes, "/result Something", step=1)
    doc = read_document(path)
    doc["minutes_file"] = name
    write_record_file(path, doc)
    before = files_under(tmp_path)
    result = run("brief", str(path), cwd=tmp_path)
    assert result.returncode == 1 and "not a plain file name" in assert_clean(result)
    assert files_under(tmp_path) == before and not Path("/tmp/escaped-copsession-brief.md").exists()


# -- 4. damaged records --------------------------------------------------------------- #


def test_each_unusable_record_is_named_once_and_skipped(tmp_path):
    minutes = tmp_path / "minutes"
    path = one_meeting(minutes)
    records = minutes / ".copsession"
    good = path.read_text(encoding="utf-8")
    damaged = {
        "deep.json": good.split("\n")[0].replace('"summary":3', '"summary":4') + "\n" + "[" * 3000 + "]" * 3000,
        "huge.json": "x\n" + good.split("\n")[1].replace('"seed":1', '"seed":' + "9" * 4000),
        "offset.json": "x\n" + good.split("\n")[1].replace('"saved":"', '"saved":"+99999-'),
        "nan.json": "x\n" + good.split("\n")[1].replace('"used_seconds":0.0', '"used_seconds":NaN'),
        "cut.json": good[: len(good) // 2],
    }
    for name, text in damaged.items():
        (records / name).write_text(text, encoding="utf-8")
    result = run("history", "--minutes-dir", str(minutes), cwd=tmp_path)
    text = assert_clean(result)
    assert result.returncode == 0 and "Safe at school" in text
    for name in damaged:
        assert text.count(name) == 1, name
    result = run("resume", "--minutes-dir", str(minutes), cwd=tmp_path)
    assert result.returncode == 1 and "No unfinished meeting" in assert_clean(result)


# -- 5. huge numbers and dates ---------------------------------------------------------- #


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("minutes = 10\nprompt", "minutes = " + "9" * 4000 + "\nprompt"),
            "must be between 1 and 480; this number is far too large",
        ),
        (
            ("title =", "date = 9999-12-31\ncadence_weeks = 104\ntitle ="),
            "date: must be between 2000-01-01 and 2199-12-31",
        ),
        (("title =", "cadence_weeks = 1000\ntitle ="), "cadence_weeks: must be between 1 and 104"),
    ],
)
def test_numbers_and_dates_out_of_range_are_named(tmp_path, change, message):
    worksheet = tmp_path / "w.toml"
    worksheet.write_text(WORKSHEET.replace(*change, 1), encoding="utf-8")
    result = run("validate", str(worksheet), cwd=tmp_path)
    assert result.returncode == 1 and message in assert_clean(result)


def test_a_meeting_that_runs_past_midnight_has_valid_times(tmp_path):
    worksheet = tmp_path / "w.toml"
    worksheet.write_text(
        WORKSHEET.replace("title =", "date = 2199-12-31\nstart = 23:59:59\ncadence_weeks = 104\ntitle =").replace(
            "minutes = 10", "minutes = 480"
        ),
        encoding="utf-8",
    )
    result = run("plan", str(worksheet), cwd=tmp_path)
    text = assert_clean(result)
    assert result.returncode == 0 and "23:59–07:59 (+1)" in text and "ends 15:59 (+1)" in text


# -- 6. names ------------------------------------------------------------------------------ #


@pytest.mark.parametrize(
    "second, message",
    [
        ('"E\\u0301mile"', "is already used by another participant"),  # the same name in another Unicode form
        ('"Émi\\u200ble"', "is already used by another participant"),  # with a zero-width space
        ('"\\u0007\\u001b"', "must contain a visible letter or digit"),
        ('"   "', "must not be empty"),
    ],
)
def test_names_are_normalised_visible_and_unique(tmp_path, second, message):
    worksheet = tmp_path / "w.toml"
    worksheet.write_text(
        WORKSHEET.replace('name = "Fatima"', 'name = "Émile"').replace('name = "Joost"', f"name = {second}"),
        encoding="utf-8",
    )
    result = run("validate", str(worksheet), cwd=tmp_path)
    assert result.returncode == 1 and message in assert_clean(result)


# -- 7. a long paste ------------------------------------------------------------------------ #


def test_a_two_thousand_line_paste_adds_every_line(tmux_factory, tmp_path):
    term = tmux_factory()
    term.open_check_in()
    term.paste("\n".join(f"pasted line {i}" for i in range(1, 2001)) + "\n")
    term.wait_for("2000 lines added", timeout=30)
    term.wait_for("Fatima: pasted line 2000")
    term.keys("C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_gone()
    from copsession.recordfile import read_record, record_files

    record = read_record(record_files(tmp_path / "minutes")[0], 0).record
    assert [n.text for n in record.notes][::500] == [
        "pasted line 1",
        "pasted line 501",
        "pasted line 1001",
        "pasted line 1501",
    ]
    assert len(record.notes) == 2000 and len(record.undo) == 2  # the step, and the paste as one change


# -- 8. privacy at rest, through the real command ------------------------------------------- #


def test_records_are_private_in_the_real_command_whatever_the_umask(tmux_factory, tmp_path):
    term = tmux_factory("run", "regular.en", env={"TEST_UMASK": "000"})
    term.open_check_in()
    term.text("/private only for me")
    term.keys("Enter", "C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_gone()
    records = tmp_path / "minutes" / ".copsession"
    assert oct(records.stat().st_mode & 0o777) == "0o700"
    for path in records.rglob("*"):  # the records, and the folder where running meetings announce themselves
        assert oct(path.stat().st_mode & 0o777) == ("0o700" if path.is_dir() else "0o600"), path.name
    minutes = [p for p in (tmp_path / "minutes").iterdir() if p.is_file()]
    assert minutes and all(oct(p.stat().st_mode & 0o777) == "0o666" for p in minutes)  # shared: the umask's


# -- the terminal input decoder ------------------------------------------------------------ #


def test_pasted_control_characters_never_become_keys_even_when_reads_split_the_paste():
    from copsession.ui.terminal_input import TerminalInputDecoder

    stream = b"a\x1b[A" + b"\x1b[200~one\x07\x1b]0;x\x07\r\ntwo\x9b\xff\x1b[201~" + b"\x1b"
    for size in (1, 2, 3, 7, len(stream)):
        decoder = TerminalInputDecoder()
        chunks = [stream[i : i + size] for i in range(0, len(stream), size)]
        text = "".join(decoder.decode(chunk) for chunk in chunks) + decoder.decode(b"", final=True)
        assert text == "a\x1b[A\x1b[200~one]0;x\r\ntwo\ufffd\ufffd\x1b[201~\x1b", size  # keys outside, text inside


# -- found by trying it as a hostile user -------------------------------------------------- #


def test_lines_typed_in_one_burst_stay_separate_notes(tmux_factory, tmp_path):
    """A lagging connection or a text expander delivers keys in a burst: every Enter still ends a
    note, and a /private remark never swallows the public line after it."""
    term = tmux_factory()
    term.open_check_in()
    term.keys("plain one", "Enter", "/private secret", "Enter", "public two", "Enter", "half")
    term.wait_for("Fatima: public two")
    term.keys("C-a", "C-k", "C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    term.wait_gone()
    from copsession.recordfile import read_record, record_files

    record = read_record(record_files(tmp_path / "minutes")[0], 0).record
    assert [(n.kind, n.text) for n in record.notes] == [
        ("note", "plain one"),
        ("private", "secret"),
        ("note", "public two"),
    ]


def test_a_huge_turn_time_is_named(tmp_path):
    worksheet = tmp_path / "w.toml"
    worksheet.write_text(
        WORKSHEET.replace("minutes = 10\nprompt", "minutes = 10\nturn_minutes = " + "9" * 4000 + "\nprompt", 1),
        encoding="utf-8",
    )
    result = run("validate", str(worksheet), cwd=tmp_path)
    assert result.returncode == 1 and "this number is far too large" in assert_clean(result)
    worksheet.write_text(WORKSHEET.replace("minutes = 10", "minutes = " + "9" * 5000, 1), encoding="utf-8")
    result = run("validate", str(worksheet), cwd=tmp_path)
    assert result.returncode == 1 and "a number in it has too many digits" in assert_clean(result)


def test_an_at_name_in_another_unicode_form_is_the_same_person():
    from copsession.capture import Capture, parse_capture

    parsed = parse_capture("/action Call the board @E\u0301mile", ["Émile"], "en")
    assert isinstance(parsed, Capture) and parsed.owner == "Émile"


def test_a_lock_file_that_is_a_link_opens_the_meeting_read_only(tmp_path):
    from copsession.persistence import MeetingLock

    path = tmp_path / ".copsession" / "m.json"
    path.parent.mkdir()
    other = tmp_path / "other"
    other.write_text("leave me", encoding="utf-8")
    path.with_suffix(".lock").symlink_to(other)
    lock = MeetingLock(path)
    assert not lock.acquire() and "m.lock" in str(lock.problem)
    assert other.read_text(encoding="utf-8") == "leave me"


@pytest.mark.parametrize("command", [("list",), ("schema",), ("plan", "regular.en")])
def test_output_that_cannot_be_written_is_a_plain_error(tmp_path, command):
    with open("/dev/full", "w") as full:
        result = subprocess.run([COMMAND, *command], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, timeout=20)
    assert result.returncode == 74 and b"the output cannot be written" in result.stderr
    assert b"Traceback" not in result.stderr and b"unexpected problem" not in result.stderr


def test_schema_dash_prints_the_schema(tmp_path):
    result = run("schema", "-", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["title"] == "copsession worksheet"
    assert not (tmp_path / "-").exists()


def test_a_lock_file_that_is_a_pipe_never_makes_a_meeting_wait(tmp_path):
    """Found by an attack: a FIFO in place of the lock file made `run` and `resume` wait for ever on
    an empty screen (opening a pipe for reading waits for a writer)."""
    import threading

    from copsession.persistence import MeetingLock

    path = tmp_path / ".copsession" / "m.json"
    path.parent.mkdir()
    os.mkfifo(path.with_suffix(".lock"))
    outcome: list = []
    worker = threading.Thread(
        target=lambda: outcome.extend([MeetingLock.holder(path), MeetingLock(path).acquire()]), daemon=True
    )
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "waited on the pipe"
    assert outcome == [None, False]
    lock = MeetingLock(path)
    assert not lock.acquire() and "is not an ordinary file" in str(lock.problem)


def test_resume_with_a_pipe_for_a_lock_opens_the_meeting_read_only(tmux_factory, tmp_path):
    from copsession.recordfile import record_files

    term = tmux_factory()
    term.open_check_in()
    term.keys("said before", "Enter")
    term.wait_for("Fatima: said before")
    deadline = time.monotonic() + 10  # the writer has written it (it lets a burst of changes settle first)
    while not (
        record_files(tmp_path / "minutes") and "said before" in record_files(tmp_path / "minutes")[0].read_text()
    ):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    term.signal(signal.SIGKILL)
    term.wait_gone()
    term.close()
    record = record_files(tmp_path / "minutes")[0]
    record.with_suffix(".lock").unlink()
    os.mkfifo(record.with_suffix(".lock"))
    again = tmux_factory("resume", size=(100, 30))
    again.wait_for("READ-ONLY", timeout=10)  # not an empty screen for ever
    again.wait_for("lock file cannot be")  # and it says why


def test_two_crashes_in_the_same_second_keep_two_reports(tmp_path):
    from datetime import datetime

    from copsession.persistence import write_crash_report

    now = datetime(2026, 12, 6, 21, 0, 0)
    first = write_crash_report(tmp_path, ValueError("one"), now)
    second = write_crash_report(tmp_path, KeyError("two"), now)
    assert first != second and first.exists() and second.exists()
    assert "ValueError" in first.read_text(encoding="utf-8") and "KeyError" in second.read_text(encoding="utf-8")
    assert oct(second.stat().st_mode & 0o777) == "0o600"
