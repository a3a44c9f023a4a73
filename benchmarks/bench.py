"""Benchmark copsession against a bare Textual app, in one run, on this machine.

    python benchmarks/bench.py            # full run (about a minute)
    python benchmarks/bench.py --quick    # fewer repetitions

Prints a table of figures and targets. Machines are noisy, so start-up and memory are
compared with a bare app (Header, Input, Footer) measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Each child process prints one line when its first frame has been painted (see bare_app.py).
BARE = f"""
import sys, time
T0 = time.perf_counter()
sys.path.insert(0, {str(HERE)!r})
from bare_app import Bare, report_first_frame

app = Bare()
app.call_later(lambda: report_first_frame(app, T0))
app.run(headless=True, size=(80, 24))
"""

COPSESSION = f"""
import sys, time
T0 = time.perf_counter()
sys.path.insert(0, {str(HERE)!r})
from pathlib import Path
from copsession.bundled import DEFAULT, find_bundled
from copsession.ui.app import make_app
from bare_app import report_first_frame

import os
app = make_app(find_bundled(DEFAULT).load(), minutes_dir=Path(os.environ["BENCH_MINUTES_DIR"]))
app.call_later(lambda: report_first_frame(app, T0))
app.run(headless=True, size=(80, 24))
"""


def start_once(source: str) -> tuple[float, int]:
    """Wall time from starting the process to its first painted frame, and its peak memory (KiB).

    The clock stops when the child reports the frame, not when it has exited: shutting down is
    not something a facilitator waits for.
    """
    import os
    import tempfile

    # folders made here, so the child starts like the real command: without tempfile to import
    env = {**os.environ, "COPSESSION_CONFIG_DIR": tempfile.mkdtemp(), "BENCH_MINUTES_DIR": tempfile.mkdtemp()}
    begin = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", source], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    line = process.stdout.readline()
    wall = time.perf_counter() - begin
    process.communicate(timeout=60)
    if not line.strip():
        raise RuntimeError(f"child failed: {process.stderr.read()[-2000:] if process.stderr else ''}")
    _, peak = line.split()
    return wall, int(peak)


def cold_start(runs: int) -> dict:
    bare_t, bare_m, cop_t, cop_m = [], [], [], []
    start_once(BARE), start_once(COPSESSION)  # warm the file cache for both
    for _ in range(runs):  # interleaved, so both see the same machine load
        t, m = start_once(BARE)
        bare_t.append(t)
        bare_m.append(m)
        t, m = start_once(COPSESSION)
        cop_t.append(t)
        cop_m.append(m)
    return {"bare_start": statistics.median(bare_t), "cop_start": statistics.median(cop_t),
            "bare_mem": statistics.median(bare_m), "cop_mem": statistics.median(cop_m)}


def large_record(notes_in_current: int = 1000):
    """A meeting of 100 participants, 20 steps and 2,000 notes (half of them in the current step)."""
    from copsession.record import SessionRecord
    from copsession.worksheet import parse_worksheet

    kinds = ["check-in", "exploration", "work-form", "concern-round", "results"]
    lines = ['title = "Large"', 'central_question = "Q?"', "date = 2026-12-03", "start = 09:00:00"]
    for i in range(100):
        lines += ["[[participants]]", f'name = "Person {i:03d}"', f'organisation = "Org {i % 17}"']
    for i in range(20):
        kind = kinds[i % len(kinds)]
        lines += ["[[steps]]", f'kind = "{kind}"', "minutes = 15"]
        if kind == "exploration":
            lines.append('questions = ["One?", "Two?", "Three?"]')
        if kind == "work-form":
            lines.append('form = "six-hats"')
    worksheet = parse_worksheet("\n".join(lines))
    now = datetime(2026, 12, 3, 9, 0)
    record = SessionRecord.start(worksheet, now, seed=1)
    for i in range(20):
        record.go_to(i, i * 900.0)
    record.go_to(1, 20 * 900.0)  # an exploration step is current
    others = 2000 - notes_in_current
    for n in range(others):
        step = (n % 19) + 2 if (n % 19) + 2 < 20 else 0
        kind = ("note", "action", "concern", "result", "question")[n % 5]
        author = f"Person {n % 100:03d}" if worksheet.steps[step].is_round else ""
        record.add_note(step, kind, f"Note {n} about | the question *with* <markup>", now + timedelta(seconds=n),
                        author=author, owner="Person 001" if kind == "action" else "",
                        due=date(2026, 12, 20) if kind == "action" else None)
    for n in range(notes_in_current):
        record.add_note(1, "note", f"Exploration note {n}", now + timedelta(seconds=n), topic=n % 3)
    return record


def minutes_time(runs: int) -> float:
    from copsession.minutes import render_minutes

    record = large_record()
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        render_minutes(record, ended=datetime(2026, 12, 3, 14, 0), mono=20 * 900.0 + 60)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def snapshot_time(runs: int) -> float:
    """The autosave's share of the UI thread: taking the snapshot (the write happens in a thread)."""
    from copsession.recordfile import snapshot

    record = large_record()
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        snapshot(record, 20 * 900.0, finished=False, minutes_file="", saved=datetime(2026, 12, 3, 14, 0))
        times.append(time.perf_counter() - begin)
    return max(times)


async def keystrokes(app, keys: int) -> list[float]:
    """Time from a key arriving to the next frame written to the terminal with the new character.

    The key is posted as the terminal driver would post it; the clock stops when the app has
    written a frame after it (the headless driver's write is wrapped to see that moment).
    """
    from textual import events

    latencies = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # benchmark only: wrap the method that receives each finished frame. A headless app does not
        # write it to a terminal, so turn it into terminal output here, as the real driver would.
        frames: list[float] = []
        original_display = app._display

        def display(screen, renderable) -> None:
            original_display(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
                frames.append(time.perf_counter())

        app._display = display
        box = app.focused
        for i in range(keys):
            character = "abcdefghij"[i % 10]
            before = len(box.value)
            frames.clear()
            begin = time.perf_counter()
            app.post_message(events.Key(character, character))
            deadline = begin + 5
            while not (frames and len(box.value) > before) and time.perf_counter() < deadline:
                await asyncio.sleep(0)
            latencies.append(frames[-1] - begin)
            await pilot.pause(0.01)  # typing pace: let timers and the autosave run between keys
    return latencies


def typing_child(which: str, keys: int) -> None:
    """In a process of its own: type ``keys`` keys into copsession or the bare app; print the latencies."""
    import json
    import os
    import tempfile

    os.environ["COPSESSION_CONFIG_DIR"] = tempfile.mkdtemp()
    sys.path.insert(0, str(HERE))
    if which == "bare":
        from bare_app import Bare

        app = Bare()
    else:
        from copsession.clock import FakeClock
        from copsession.ui.app import make_app

        record = large_record()
        app = make_app(record.worksheet, minutes_dir=Path(tempfile.mkdtemp()), clock=FakeClock(), record=record)
    print(json.dumps(asyncio.run(keystrokes(app, keys))))


def typing(keys: int) -> dict:
    """Each app types in a fresh process of its own, as in a real meeting (one app per process)."""
    import json

    def run(which: str) -> list[float]:
        out = subprocess.run([sys.executable, __file__, "--typing-child", which, str(keys)], capture_output=True,
                             text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        return json.loads(out.stdout.strip().splitlines()[-1])

    bare = run("bare")
    cop = run("copsession")
    return {"bare_median": statistics.median(bare), "bare_max": max(bare),
            "bare_p95": sorted(bare)[int(len(bare) * 0.95) - 1],
            "cop_median": statistics.median(cop), "cop_max": max(cop),
            "cop_p95": sorted(cop)[int(len(cop) * 0.95) - 1], "notes": 1000}


def compile_sources() -> None:
    """Write the bytecode caches, as `pip install .` does for a facilitator's install.

    An editable install (or PYTHONDONTWRITEBYTECODE, set on some machines) would otherwise
    compile copsession from source at every start, while Textual comes precompiled; that
    would measure the compiler, not the app.
    """
    import compileall

    import copsession

    compileall.compile_dir(str(Path(copsession.__file__).parent), quiet=1)
    compileall.compile_dir(str(HERE), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--typing-child", nargs=2, metavar=("APP", "KEYS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.typing_child:
        typing_child(args.typing_child[0], int(args.typing_child[1]))
        return 0
    runs = 5 if args.quick else 11
    compile_sources()
    print(f"Python {sys.version.split()[0]} on {sys.platform}; {runs} start-ups each, interleaved\n")
    start = cold_start(runs)
    typed = typing(60 if args.quick else 200)
    render = minutes_time(5 if args.quick else 15)
    snap = snapshot_time(5 if args.quick else 15)
    rows = [
        ("cold start to first frame (median)", f"{start['cop_start'] * 1000:.0f} ms",
         f"{start['bare_start'] * 1000:.0f} ms", f"{start['cop_start'] / start['bare_start']:.2f}×", "≤ 1.25×",
         start["cop_start"] / start["bare_start"] <= 1.25),
        ("peak memory (median)", f"{start['cop_mem'] / 1024:.1f} MiB", f"{start['bare_mem'] / 1024:.1f} MiB",
         f"{start['cop_mem'] / start['bare_mem']:.2f}×", "≤ 1.3×", start["cop_mem"] / start["bare_mem"] <= 1.3),
        (f"keystroke, {typed['notes']} notes in the step (median)", f"{typed['cop_median'] * 1000:.2f} ms",
         f"{typed['bare_median'] * 1000:.2f} ms", "", "≤ 5 ms", typed["cop_median"] <= 0.005),
        ("keystroke (95th percentile)", f"{typed['cop_p95'] * 1000:.2f} ms", f"{typed['bare_p95'] * 1000:.2f} ms",
         "", "", True),
        ("keystroke (worst)", f"{typed['cop_max'] * 1000:.2f} ms", f"{typed['bare_max'] * 1000:.2f} ms", "",
         "≤ 16 ms", typed["cop_max"] <= 0.016),
        ("minutes of 100 people, 20 steps, 2,000 notes", f"{render * 1000:.1f} ms", "", "", "≤ 100 ms",
         render <= 0.1),
        ("autosave: time on the UI thread (worst)", f"{snap * 1000:.1f} ms", "", "", "≤ 16 ms", snap <= 0.016),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'copsession':>12}  {'bare app':>10}  {'ratio':>6}  {'target':>9}  ok")
    for name, cop, bare, ratio, target, ok in rows:
        print(f"{name:<{width}}  {cop:>12}  {bare:>10}  {ratio:>6}  {target:>9}  {'yes' if ok else 'NO'}")
    return 0 if all(r[-1] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
