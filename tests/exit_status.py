"""Run a command in a tmux pane and write how it ended, for the real-terminal tests.

tmux's own ``pane_dead_status`` is not reliable for a program that closes the terminal before it
ends (the pane is marked dead first, and the status may never be collected). This wrapper is the
pane's process: it runs the command, passes TERM, INT and HUP on to it, turns USR1 into a KILL of
the command (a test only ever signals its own pane's pid), and writes ``exit N`` or ``signal N``
to the file named by ``$EXIT_STATUS_FILE`` when the command has ended.
"""

import os
import signal
import subprocess
import sys


def main() -> int:
    if "TEST_UMASK" in os.environ:  # a test of file modes under another umask
        os.umask(int(os.environ["TEST_UMASK"], 8))
    child = subprocess.Popen(sys.argv[1:])

    def forward(signum, frame):
        child.send_signal(signal.SIGKILL if signum == signal.SIGUSR1 else signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1):
        signal.signal(signum, forward)
    code = child.wait()
    with open(os.environ["EXIT_STATUS_FILE"], "w", encoding="ascii") as out:
        out.write(f"signal {-code}" if code < 0 else f"exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
