"""Running the real `copsession` command in tmux, for the real-terminal tests."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

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
