"""The real `copsession` command in a real terminal (tmux): PageDown, type, Ctrl+S, check the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMMAND = str(Path(sys.executable).with_name("copsession"))


class Tmux:
    """A detached tmux session of 80×24 running one command."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.name = f"cop-{uuid.uuid4().hex[:8]}"
        env_prefix = ["env", "TERM=xterm-256color", "COLORTERM=truecolor", f"COPSESSION_CONFIG_DIR={cwd / 'config'}"]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", "-c", str(cwd),
                        *env_prefix, *command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def text(self, words: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", words], check=True)

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} did not appear; screen was:\n{self.screen()}")

    def wait_gone(self, timeout: float = 10.0) -> None:
        """Wait until the command has ended and its session closed."""
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not self.alive(), f"still running; screen was:\n{self.screen()}"

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def tmux_factory(tmp_path):
    sessions: list[Tmux] = []

    def start(*args: str) -> Tmux:
        session = Tmux([COMMAND, *args], tmp_path)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


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
    assert "### Fatima\n\n- Glad to be here \\| really\n" in text
    assert "## 2. What do we know, what not yet?" in text


def test_broken_worksheet_in_a_real_terminal_gives_a_message(tmux_factory, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x"\n[[steps]]\nkind = "chek-in"\n', encoding="utf-8")
    out = subprocess.run([COMMAND, str(broken)], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "TERM": "xterm"})
    assert out.returncode == 1
    assert "steps[1].kind: must be one of" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
