"""`copsession show --web` under hostile web clients: every size bounded, every audience process
ended with its connection and with the server, limits counted over processes, and malformed input
answered with a status code — never a traceback in the server's terminal."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time

import pytest

from test_show import Served

pytest.importorskip("aiohttp")


def environment_of(pid: int) -> dict[str, str]:
    data = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
    return dict(item.decode("utf-8", "replace").split("=", 1) for item in data if b"=" in item)


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, ended but not yet reaped, does not)."""
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_until(check, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


async def _open(port: int, query: str = "width=80&height=24"):
    import aiohttp

    session = aiohttp.ClientSession()
    try:
        socket_ = await session.ws_connect(f"http://127.0.0.1:{port}/ws?{query}")
    except aiohttp.WSServerHandshakeError as error:
        await session.close()
        return None, error.status
    return (session, socket_), 101


def test_sizes_are_clamped_and_processes_end_with_their_connection(tmp_path):
    from copsession.audience_web import MAX_COLUMNS, MAX_ROWS, columns, rows

    assert (columns(20000), rows(20000), columns("x"), rows(None), columns(-5), rows(True)) == (
        MAX_COLUMNS,
        MAX_ROWS,
        80,
        24,
        20,
        24,
    )
    served = Served(tmp_path)
    try:

        async def scenario() -> None:
            opened, status = await _open(served.port, "width=20000&height=20000")
            assert status == 101
            session, ws = opened
            assert wait_until(lambda: len(served.children()) == 1)
            child = served.children()[0]
            # just forked, the child may not have started the audience command yet (its environment is the server's)
            assert wait_until(lambda: "ROWS" in environment_of(child))
            env = environment_of(child)
            assert (env["COLUMNS"], env["ROWS"]) == (str(MAX_COLUMNS), str(MAX_ROWS))
            await ws.send_str('["resize", {"width": 20000, "height": 20000}]')
            await ws.send_str("not json at all")
            await ws.send_str('{"stdin": 3}')
            await ws.send_str('["stdin", 12345]')
            await ws.send_str('["resize", "big"]')
            await ws.send_str('["ping", "' + "x" * 5000 + '"]')
            await ws.send_str("[" * 100_00 + "]" * 100_00)
            await ws.send_bytes(b"\x00\xff binary")
            await ws.send_str('["stdin", "' + "a" * 70_000 + '"]')  # larger than a message may be: closed
            await asyncio.sleep(0.5)
            await ws.close()
            await session.close()
            assert wait_until(lambda: not served.children()), "the audience process outlived its connection"

        asyncio.run(scenario())
    finally:
        served.stop()
    log = served.log.read_text()
    assert "Traceback" not in log and "Error" not in log


def test_a_process_that_does_not_quit_is_killed_and_the_server_stop_ends_every_one(tmp_path):
    served = Served(tmp_path)
    try:

        async def scenario() -> None:
            opened, _ = await _open(served.port)
            session, ws = opened
            assert wait_until(lambda: len(served.children()) == 1)
            stuck = served.children()[0]
            os.kill(stuck, signal.SIGSTOP)  # it will not quit, nor end when asked to
            await ws.close()
            await session.close()
            # asked, terminated, killed: three waits of STOP_WAIT, longer on a busy machine
            assert wait_until(lambda: not running(stuck), timeout=30), open(f"/proc/{stuck}/stat").read()
            kept = [await _open(served.port) for _ in range(3)]
            assert wait_until(lambda: len(served.children()) == 3, timeout=20)
            windows = served.children()
            served.stop()  # Ctrl+C: every window ends with the server
            assert wait_until(lambda: not any(running(pid) for pid in windows), timeout=15), [
                pid for pid in windows if running(pid)
            ]
            for (session, ws), _ in kept:
                await session.close()

        asyncio.run(scenario())
    finally:
        served.stop()
    assert served.process.returncode == 0, served.log.read_text()


def test_the_window_limit_counts_processes(tmp_path):
    from copsession.audience_web import MAX_VIEWERS

    served = Served(tmp_path)
    try:

        async def scenario() -> None:
            kept = []
            for _ in range(MAX_VIEWERS):
                opened, status = await _open(served.port)
                assert status == 101
                kept.append(opened)
            _, status = await _open(served.port)
            assert status == 503
            assert wait_until(lambda: len(served.children()) == MAX_VIEWERS)
            for session, ws in kept:
                await ws.close()
                await session.close()
            assert wait_until(lambda: not served.children(), timeout=20)
            opened, status = await _open(served.port)
            assert status == 101
            await opened[1].close()
            await opened[0].close()

        asyncio.run(scenario())
    finally:
        served.stop()
    assert served.children() == []


MALFORMED = [
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /%ZZ%00?token=%ff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + b"a" * 20000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: \xff\xfe\r\n\r\n",
    b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    b"GET /ws?width=1e99&height=-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: bad\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999\r\n\r\nabc",
    b"GET /?fontsize=99999999999999999999 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /static/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",  # TLS spoken to a plain server
]


@pytest.mark.parametrize("network", [False, True])
def test_malformed_requests_get_a_status_and_no_traceback(tmp_path, network):
    served = Served(tmp_path, *(["--network"] if network else []))
    try:
        for request in MALFORMED:
            with socket.create_connection(("127.0.0.1", served.port), timeout=5) as connection:
                connection.sendall(request)
                try:
                    answer = connection.recv(200)
                except (socket.timeout, ConnectionResetError):
                    answer = b""
            if answer:
                status = int(answer.split(b" ", 2)[1])
                assert 400 <= status < 600 or status in (200, 303), (request[:40], answer)
                assert b"Traceback" not in answer
        with socket.create_connection(("127.0.0.1", served.port), timeout=5) as connection:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % served.port)
            assert connection.recv(100).startswith(b"HTTP/1.1 " + (b"403" if network else b"200"))  # still serving
    finally:
        served.stop()
    log = served.log.read_text()
    assert "Traceback" not in log and 'File "' not in log
