"""Every voice in the room, under load: participants' devices while the facilitator types.

    python benchmarks/participants.py                 # 60 devices × 10 contributions in a minute
    python benchmarks/participants.py --quick         # 20 devices × 5 in 20 s (a smoke run)
    python benchmarks/participants.py --json out.json

Two runs of the installed ``copsession run regular.en`` in a pseudo-terminal of 80×24 (see
``pty_session.py``), one after the other, each in a fresh minutes folder:

1. **Without participants**: the facilitator opens the check-in and types lines of five letters
   and Enter at a quick typist's pace (one key every 80 ms) for the length of the load.
2. **With participants** (``--participants``, this computer only): the same typing while simulated
   devices — asyncio and aiohttp clients in this process, on localhost — each join by the QR code's
   link (read from the meeting's announcement, as the audience window reads it), then send their
   answers to the check-in at random moments within the minute: for each, the page is fetched (its
   form holds the answer's idempotency key) and the answer posted, as a phone does. *Submit to
   inbox* runs from the post to its answer: the meeting's desk has the answer in its inbox before
   the server answers (the 303). After the load the facilitator opens the inbox (F7) and accepts
   every answer with Enter, saves (Ctrl+S) and quits; the record must then hold every answer
   exactly once, marked as sent in by a participant.

A key's latency is measured as in ``bench.py``: from the key's write to the last byte of the
output burst it causes. Memory is the meeting process's resident set (``VmRSS``) after the typing,
in each run. Targets (issue 23): submit to inbox p95 ≤ 150 ms; Enter and a letter within one frame
(16.7 ms) at p95 while the devices send; memory ≤ 1.5× the meeting without participants.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import TYPING_PACE, child_env, command_path, machine, ms, stats  # noqa: E402
from pty_session import PtySession  # noqa: E402

FRAME = 1 / 60
KEY_FIELD = re.compile(r'name="kind" value="answer">\s*<input type="hidden" name="key" value="([^"]+)"')


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def joining(minutes: Path):
    """How the running meeting says devices join it (its announcement, as the audience window reads it)."""
    from copsession.running import running_meetings

    return next((r.joining for r in running_meetings(minutes) if r.joining is not None), None)


def join_url(minutes: Path, timeout: float = 20.0) -> str:
    """The QR code's link, from the meeting's announcement."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = joining(minutes)
        if found is not None:
            return found.join_url
        time.sleep(0.05)
    raise SystemExit("the meeting did not say how to join")


def inbox_emptied(minutes: Path, session: PtySession, timeout: float = 120.0) -> None:
    """Wait until the meeting says (in its announcement) that nothing waits in the inbox any more."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = joining(minutes)
        if found is not None and found.waiting == 0:
            return
        session.drain(time.perf_counter() + 0.1)
    raise SystemExit("the inbox was not emptied")


async def devices(url: str, count: int, each: int, seconds: float, seed: int) -> dict:
    """``count`` devices each send ``each`` answers at random moments within ``seconds``."""
    import aiohttp

    rng = random.Random(seed)
    latencies: list[float] = []
    refused: list[int] = []
    sent: list[str] = []
    address = url.split("/j/")[0]
    began = time.perf_counter()

    async def device(number: int) -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            async with client.get(url) as answer:
                answer.raise_for_status()
            moments = sorted(rng.uniform(0, seconds) for _ in range(each))
            for n, moment in enumerate(moments):
                await asyncio.sleep(max(0.0, began + moment - time.perf_counter()))
                page = await (await client.get(f"{address}/p")).text()
                found = KEY_FIELD.search(page)
                if found is None:
                    refused.append(0)
                    continue
                text = f"Device {number} answer {n}"
                start = time.perf_counter()
                form = {"kind": "answer", "key": found.group(1), "text": text}
                async with client.post(f"{address}/p", data=form, allow_redirects=False) as answer:
                    latencies.append(time.perf_counter() - start)
                    if answer.status == 303:
                        sent.append(text)
                    else:
                        refused.append(answer.status)

    await asyncio.gather(*(device(n) for n in range(1, count + 1)))
    return {"latencies": latencies, "refused": refused, "sent": sent}


def run(workdir: Path, env: dict, load: dict, participants: bool, log) -> dict:
    minutes = workdir / ("with" if participants else "without")
    argv = [command_path(), "run", "regular.en", "--minutes-dir", str(minutes)]
    if participants:
        argv.append("--participants")
    session = PtySession(argv, cwd=str(workdir), env=env)
    results: dict = {"typing": [], "enter": []}
    outcome: dict = {}
    try:
        session.wait_for("Attendance", timeout=60)
        session.settle(0.3)
        session.send(b"\x1b[6~")  # PageDown: the check-in
        session.wait_for("Check-in", timeout=20)
        session.settle(0.3)
        child = None
        if participants:  # the devices in a process of their own, as phones are other machines
            url = join_url(minutes)
            report = workdir / "devices.json"
            numbers = [str(load["devices"]), str(load["each"]), str(load["seconds"])]
            child = subprocess.Popen([sys.executable, __file__, "--devices-child", url, *numbers, str(report)])
        log(f"typing for {load['seconds']:.0f} s {'while the devices send' if participants else '(no devices)'}")
        until = time.perf_counter() + load["seconds"]
        letters = "abcdefghijklmnopqrstuvwxyz"
        n = 0
        while time.perf_counter() < until:
            for kind, key in [("typing", letters[n % 26].encode()) for _ in range(5)] + [("enter", b"\r")]:
                sent = session.send(key)
                burst = session.burst(2.0)
                if burst is not None:
                    results[kind].append(burst.last - sent)
                session.drain(sent + TYPING_PACE)
                n += 1
        if child is not None:
            child.wait(timeout=load["seconds"] + 120)
            outcome.update(json.loads(report.read_text(encoding="utf-8")))
        memory = resident_kib(session.process.pid)
        if participants:
            log(f"accepting {len(outcome['sent'])} answers in the inbox (F7, Enter each)")
            session.send(b"\x1b[18~")  # F7
            session.settle(0.3)
            for _ in outcome["sent"]:
                session.send(b"\r")
                session.drain(time.perf_counter() + 0.01)
            inbox_emptied(minutes, session)
            session.send(b"\x1b")
            session.settle(0.3)
        session.send(b"\x13")  # Ctrl+S
        session.settle(0.3, timeout=60)
    finally:
        session.close(b"\x11")
    from copsession.recordfile import read_document
    from copsession.storage import records_dir

    stored = []
    for path in records_dir(minutes).glob("*.json"):
        doc = read_document(path)
        stored += [n["text"] for n in doc.get("notes", []) if n.get("via") == "participant"]
    return {
        "typing": stats(results["typing"]),
        "enter": stats(results["enter"]),
        "memory_kib": memory,
        "submit": stats(outcome.get("latencies", [])),
        "refused": outcome.get("refused", []),
        "sent": len(outcome.get("sent", [])),
        "stored": len(stored),
        "exactly_once": sorted(stored) == sorted(outcome.get("sent", [])),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 devices × 5 answers in 20 s")
    parser.add_argument("--json", type=Path, metavar="PATH")
    parser.add_argument("--devices-child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.devices_child:
        url, count, each, seconds, out = args.devices_child
        found = asyncio.run(devices(url, int(count), int(each), float(seconds), 1))
        Path(out).write_text(json.dumps(found), encoding="utf-8")
        return 0
    load = {"devices": 20, "each": 5, "seconds": 20.0} if args.quick else {"devices": 60, "each": 10, "seconds": 60.0}

    def log(message: str) -> None:
        print(f"# {message}", file=sys.stderr, flush=True)

    info = machine()
    print(f"Machine: {info['cpu']}, {info['cores']} cores, load {info['load']}; Python {info['python']}")
    with tempfile.TemporaryDirectory(prefix="copsession-participants-") as scratch:
        workdir = Path(scratch)
        env = child_env(workdir)
        without = run(workdir, env, load, False, log)
        with_ = run(workdir, env, load, True, log)
    ratio = with_["memory_kib"] / without["memory_kib"] if without["memory_kib"] else float("nan")
    rows = [
        ("submit to inbox, p95", with_["submit"].get("p95", 0), 0.150),
        ("Enter while devices send, p95", with_["enter"].get("p95", 0), FRAME),
        ("letter while devices send, p95", with_["typing"].get("p95", 0), FRAME),
    ]
    print(f"\n{load['devices']} devices × {load['each']} answers in {load['seconds']:.0f} s")
    for name, value, target in rows:
        print(f"  {name:<34} {ms(value):>9}   target ≤ {ms(target):<8} {'met' if value <= target else 'NOT met'}")
    print(f"  {'memory with ÷ without':<34} {ratio:>8.2f}×   target ≤ 1.5×     {'met' if ratio <= 1.5 else 'NOT met'}")
    print(
        f"  answers sent {with_['sent']}, refused {len(with_['refused'])}, in the record {with_['stored']}, "
        f"each exactly once: {'yes' if with_['exactly_once'] else 'NO'}"
    )
    print(
        f"  without devices: Enter p95 {ms(without['enter'].get('p95', 0))}, letter p95 "
        f"{ms(without['typing'].get('p95', 0))}; medians with devices: submit {ms(with_['submit'].get('median', 0))}, "
        f"Enter {ms(with_['enter'].get('median', 0))}, letter {ms(with_['typing'].get('median', 0))}"
    )
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "load": load, "without": without, "with": with_}, indent=2))
    met = all(value <= target for _, value, target in rows) and ratio <= 1.5 and with_["exactly_once"]
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
