"""The join address as a QR code in the terminal (copsession.qr): every half of every character is
the module segno made, the quiet zone is there, and nothing but the four half-block characters."""

from __future__ import annotations

import pytest
import segno

from copsession.qr import QUIET_ZONE, qr_lines

UPPER = {" ": False, "▄": False, "▀": True, "█": True}
LOWER = {" ": False, "▀": False, "▄": True, "█": True}


@pytest.mark.parametrize(
    "text",
    [
        "http://127.0.0.1:8123/j/abcdefghjk",
        "http://192.168.100.200:65535/j/zzzzzzzzzz",
        "http://[fe80::1234:5678:9abc:def0]:8123/j/23456789ab",
        "x",
    ],
)
def test_each_half_of_each_character_is_segno_s_module(text):
    lines = qr_lines(text)
    code = segno.make(text, error="m", micro=False)
    modules = [[bool(m) for m in row] for row in code.matrix]  # without the quiet zone
    size = len(modules)
    width = size + 2 * QUIET_ZONE
    assert {len(line) for line in lines} == {width}
    assert len(lines) == (width + 1) // 2
    assert set("".join(lines)) <= set(UPPER)

    def drawn(row: int, column: int) -> bool:
        line = lines[row // 2][column]
        return (UPPER if row % 2 == 0 else LOWER)[line]

    for row in range(2 * len(lines)):
        for column in range(width):
            inside = QUIET_ZONE <= row < QUIET_ZONE + size and QUIET_ZONE <= column < QUIET_ZONE + size
            expected = modules[row - QUIET_ZONE][column - QUIET_ZONE] if inside else False
            assert drawn(row, column) == expected, (row, column)
    # the finder pattern's corner, as a sanity check of the orientation: dark at the top left
    assert modules[0][0] and drawn(QUIET_ZONE, QUIET_ZONE)


def test_the_meeting_code_s_address_fits_the_audience_window():
    lines = qr_lines("http://192.168.100.200:65535/j/abcdefghjk")
    assert len(lines) <= 20 and len(lines[0]) <= 40
