"""Running the real `copsession` command in tmux, for the real-terminal tests.

Every session runs on its own tmux server (``tmux -L <unique> -f /dev/null``): no user
configuration, no other test's sessions, and a test only ever signals the pid of its own pane.
The pane stays after the command ends (``remain-on-exit``), so a test can read its exit status.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

COMMAND = str(Path(sys.executable).with_name("copsession"))
WRAPPER = Path(__file__).with_name("exit_status.py")


class Tmux:
    """A detached tmux session running one command, on a tmux server of its own."""

    def __init__(
        self, command: list[str], cwd: Path, size: tuple[int, int] = (80, 24), env: dict[str, str] | None = None
    ) -> None:
        self.socket = f"cop-{uuid.uuid4().hex[:12]}"
        self.name = "meeting"
        self.status_file = cwd / f".exit-{self.socket}"
        variables = {
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "COPSESSION_CONFIG_DIR": str(cwd / "config"),
            "LANG": "C.UTF-8",
            "EXIT_STATUS_FILE": str(self.status_file),
            **(env or {}),
        }
        env_prefix = ["env", *(f"{k}={v}" for k, v in variables.items())]
        self._tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            "-c",
            str(cwd),
            *env_prefix,
            sys.executable,
            str(WRAPPER),
            *command,
        )
        self._tmux("set-option", "-t", self.name, "remain-on-exit", "on")
        self.pid = int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout.strip())

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, check=check
        )

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def text(self, words: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", words)

    def paste(self, text: str | bytes, bracketed: bool = True) -> None:
        """Paste ``text`` as a terminal does (bracketed paste); bytes go to the program unchanged."""
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        buffer = self.status_file.with_name(f".paste-{self.socket}")
        buffer.write_bytes(data)
        self._tmux("load-buffer", str(buffer))
        self._tmux("paste-buffer", *(["-p"] if bracketed else []), "-t", self.name)
        buffer.unlink()

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        return self.wait_for_any(needle, timeout=timeout)

    def wait_for_any(self, *needles: str, timeout: float = 20.0) -> str:
        """Wait until one of ``needles`` shows (several: for screens whose order depends on another
        process)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(needle in screen for needle in needles):
                return screen
            time.sleep(0.1)
        wanted = repr(needles[0]) if len(needles) == 1 else f"none of {needles!r}"
        raise AssertionError(f"{wanted} did not appear; screen was:\n{self.screen()}")

    def open_check_in(self) -> str:
        """Wait for the opening screen, PageDown to the first step (a check-in round), wait for it."""
        self.wait_for("Attendance")
        self.keys("PageDown")
        return self.wait_for("Now speaking")

    def type_and_wait(self, text: str) -> str:
        """Type ``text`` (without Enter) and wait until it shows."""
        self.text(text)
        return self.wait_for(text)

    def dead(self) -> bool:
        """True once the command in the pane has ended."""
        return self.status_file.exists()

    def wait_gone(self, timeout: float = 10.0) -> None:
        """Wait until the command has ended."""
        deadline = time.monotonic() + timeout
        while not self.dead() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.dead(), f"still running; screen was:\n{self.screen()}"

    def exit_status(self) -> tuple[int | None, int | None]:
        """The ended command's exit status, or the number of the signal that killed it."""
        kind, _, number = self.status_file.read_text(encoding="ascii").partition(" ")
        return (int(number), None) if kind == "exit" else (None, int(number))

    def signal(self, signum: int) -> None:
        """Send ``signum`` to this test's own pane (its process passes it on to the command; SIGKILL
        goes as SIGUSR1, which it turns into a KILL of the command)."""
        os.kill(self.pid, signal.SIGUSR1 if signum == signal.SIGKILL else signum)

    def alive(self) -> bool:
        return not self.dead()

    def close(self) -> None:
        """End this test's tmux server (closing the terminal: its command gets SIGHUP)."""
        self._tmux("kill-server", check=False)
