"""A command in a pseudo-terminal, read as a terminal reads it, with the arrival time of every byte.

The benchmark plays the terminal: it starts a command on the slave side of a pty of 80×24 (the
real ``copsession`` console script, or ``bare_app.py``), writes keys to the master side as a
keyboard would, and reads everything the program paints, timestamping each read with
``time.perf_counter``. The reader never stops reading while a command runs, so the program is
never slowed by a full pty buffer.

**Frames.** Textual asks the terminal whether it supports *synchronized output*
(``CSI ? 2026 $ p``); this terminal answers yes (``CSI ? 2026 ; 2 $ y``), as kitty, WezTerm,
iTerm2, foot, Ghostty and Windows Terminal do. From then on every frame Textual writes is
bracketed by ``CSI ? 2026 h`` … ``CSI ? 2026 l``, so the end of a frame is exact. The very first
frames can be written before the answer is read, without brackets; those are told apart by
timing only.

**A burst** is output that ends when no byte has arrived for a quiet period (2 ms) while no
synchronized frame is open; two frames less than the quiet period apart form one burst. Inside a
bracketed frame a gap never ends a burst. The first, unbracketed frames are each handed to the
terminal in one write by Textual's writer thread, so only a stall of that thread could split one.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"
QUIET = 0.002
"""Seconds without output (outside a frame) that end a burst."""


class CommandEnded(RuntimeError):
    """The command ended (or closed the terminal) while output was awaited."""


@dataclass
class Burst:
    """Output that arrived in one go: when its first and last bytes came, and what it held."""

    first: float
    last: float
    data: bytes
    frames: int
    """How many synchronized frames ended in it (0 before the sync answer took effect)."""


class PtySession:
    """One command running in a pseudo-terminal of ``size`` (columns, rows); see the module docstring."""

    def __init__(self, argv: list[str], *, cwd: str, env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        self.argv = argv
        self.output = bytearray()
        """Everything the command wrote to the terminal so far."""
        self._tail = b""
        self._frame_open = False
        self._answered = False
        self._closed = False
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master = master
        self.started = time.perf_counter()
        """``perf_counter`` just before the process was created."""
        try:
            # a session of its own: signals meant for the benchmark never reach it
            self.process = subprocess.Popen(
                argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True, close_fds=True
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)

    # -- reading -------------------------------------------------------------- #

    def _read(self, timeout: float) -> tuple[float, bytes] | None:
        """One read of what has arrived within ``timeout`` seconds: (arrival time, bytes), or None."""
        if self._closed:
            raise CommandEnded(self._describe_end())
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the slave side closed, the command has ended
            data = b""
        at = time.perf_counter()
        if not data:
            self._closed = True
            raise CommandEnded(self._describe_end())
        self.output += data
        self._track(data)
        return at, data

    def _track(self, data: bytes) -> None:
        """Answer the synchronized-output query, and follow whether a frame is open.

        The last few bytes of the previous read are kept, so a marker split across two reads is
        seen once (the kept tail is shorter than any marker, so it never holds a whole one).
        """
        seen = self._tail + data
        self._tail = seen[-(len(SYNC_QUERY) - 1) :]
        if not self._answered and SYNC_QUERY in seen:
            self._answered = True
            self.send(SYNC_REPLY)
        opened, closed = seen.rfind(SYNC_START), seen.rfind(SYNC_END)
        if opened != -1 or closed != -1:
            self._frame_open = opened > closed

    def _describe_end(self) -> str:
        code = self.process.poll()
        tail = bytes(self.output[-600:]).decode("utf-8", "replace")
        return f"{' '.join(self.argv)} ended (exit status {code}); last output: {tail!r}"

    def burst(self, timeout: float, quiet: float = QUIET) -> Burst | None:
        """The next burst of output, waiting at most ``timeout`` seconds for its first byte."""
        got = self._read(timeout)
        if got is None:
            return None
        first, data = got
        last, parts = first, [data]
        while True:
            got = self._read(1.0 if self._frame_open else quiet)
            if got is None:  # quiet: the burst is over (or a frame stayed open for a second)
                break
            last = got[0]
            parts.append(got[1])
        data = b"".join(parts)
        return Burst(first, last, data, data.count(SYNC_END))

    def wait_for(self, needle: str, timeout: float = 30.0) -> Burst:
        """Read until a burst holds ``needle``; returns that burst (its ``last`` ends the frame)."""
        wanted = needle.encode()
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{needle!r} did not appear within {timeout} s: {self._describe_end()}")
            got = self.burst(remaining)
            if got is not None and wanted in got.data:
                return got

    def settle(self, quiet: float, timeout: float = 10.0) -> None:
        """Read until no output has arrived for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.burst(quiet) is None:
                return
        raise TimeoutError(f"the screen of {' '.join(self.argv)} did not settle within {timeout} s")

    def drain(self, until: float) -> list[Burst]:
        """Read everything that arrives until ``perf_counter`` reaches ``until``."""
        bursts = []
        while (remaining := until - time.perf_counter()) > 0:
            got = self.burst(remaining)
            if got is not None:
                bursts.append(got)
        return bursts

    # -- writing and ending ----------------------------------------------------- #

    def send(self, data: bytes) -> float:
        """Write ``data`` as typed keys; returns the time just before the write."""
        at = time.perf_counter()
        os.write(self.master, data)
        return at

    def close(self, keys: bytes | None = None, timeout: float = 10.0) -> int | None:
        """End the command: with ``keys`` (e.g. Ctrl+Q) if given, else SIGTERM; SIGKILL as a last resort.

        Output is read until the command is gone, so it can always finish writing.
        """
        process = self.process
        if self.master < 0:
            return process.returncode
        try:
            if process.poll() is None:
                if keys is not None:
                    self.send(keys)
                else:
                    process.send_signal(signal.SIGTERM)
                deadline = time.perf_counter() + timeout
                while process.poll() is None and time.perf_counter() < deadline:
                    try:
                        self.burst(0.05)
                    except CommandEnded:
                        break
                if process.poll() is None and keys is not None:
                    process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=timeout)
        finally:
            os.close(self.master)
            self.master = -1
            self._closed = True
        return process.returncode
