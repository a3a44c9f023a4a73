"""The real `copsession` command in a real terminal (tmux): PageDown, type, Ctrl+S, check the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from terminal import COMMAND

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_default_meeting_in_a_real_terminal(tmux_factory, tmp_path):
    term = tmux_factory()
    term.wait_for("Attendance")
    term.wait_for("Positive youth policy")
    term.keys("PageDown")
    term.wait_for("Now speaking: Fatima")
    term.text("Glad to be here | really")
    term.keys("Enter")
    term.wait_for("Fatima: Glad to be here")
    term.keys("Down")
    term.wait_for("Now speaking: Joost")
    term.keys("PageDown")
    term.wait_for("What do we know, what not yet?")
    term.keys("C-s")
    term.wait_for("Minutes saved")
    term.keys("C-q")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    files = list((tmp_path / "minutes").glob("*-positive-youth-policy.md"))
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    assert "### Fatima\n\n- Glad to be here | really\n" in text
    assert "## 2. What do we know, what not yet?" in text


def test_broken_worksheet_in_a_real_terminal_gives_a_message(tmux_factory, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x"\n[[steps]]\nkind = "chek-in"\n', encoding="utf-8")
    out = subprocess.run(
        [COMMAND, str(broken)], capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "TERM": "xterm"}
    )
    assert out.returncode == 1
    assert "steps[1].kind: must be one of" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_a_byte_that_is_not_utf8_never_ends_the_meeting(tmux_factory, tmp_path):
    term = tmux_factory()
    term.open_check_in()
    term.text("ab")
    term.paste(b"c\xffd", bracketed=False)  # as a terminal set to Latin-1 would send "cÿd"
    term.text("ef")
    term.keys("Enter")
    screen = term.wait_for("Fatima: abc")
    assert "ef" in screen and not term.dead()


def test_delete_and_undo_in_a_real_terminal(tmux_factory, tmp_path):
    term = tmux_factory()
    term.open_check_in()
    term.text("worth keeping")
    term.keys("Enter")
    term.wait_for("Fatima: worth keeping")
    term.keys("Tab")
    term.wait_for("LIST")
    term.keys("Delete", "Delete")
    term.wait_for("Ctrl+Z brings it back")
    term.keys("C-z")
    term.wait_for("Fatima: worth keeping")
    term.text("typed")  # a letter in list mode goes back to the capture box
    term.wait_for("typed")
    term.keys("C-a", "C-k", "C-s")
    term.wait_for("Minutes saved")
    minutes = [p for p in (tmp_path / "minutes").glob("*.md") if not p.stem.endswith("-brief")]
    assert "- worth keeping" in minutes[0].read_text(encoding="utf-8")
