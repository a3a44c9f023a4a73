"""The meeting's join address as a QR code in the terminal.

:func:`qr_lines` draws a QR code with half-block characters, two modules high in one row of text,
the quiet zone included. A filled half (``▀``, ``▄``, ``█``) is a *dark* module and a space is a
light one, so the lines are drawn dark on light (for example Rich's ``"black on white"``), whatever
the terminal's own colours: a dark terminal would otherwise show the code inverted, which not every
phone's camera reads.

The code itself is made by segno (pure Python, no dependencies of its own, well kept, following ISO/IEC
18004): the encoding, error correction and mask choice are not ours to get wrong.
"""

from __future__ import annotations

QUIET_ZONE = 4
"""Light modules around the code, as the standard asks (readers need them to find the code)."""

_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the QR code of ``text``, quiet zone included: True is dark. Error correction
    M at least (segno raises it when that costs no extra size), as small a version as fits."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def qr_lines(text: str) -> list[str]:
    """The QR code of ``text`` as lines of terminal text: each character is two modules, the upper
    one and the lower one (see the module's text for the colours)."""
    matrix = qr_matrix(text)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(_HALVES[(top, bottom)] for top, bottom in zip(matrix[row], matrix[row + 1], strict=True))
        for row in range(0, len(matrix), 2)
    ]


def qr_lines_large(text: str) -> list[str]:
    """The QR code of ``text`` twice as large: each module two characters wide and one row high
    (full blocks), for a projector across a room."""
    return ["".join("██" if dark else "  " for dark in row) for row in qr_matrix(text)]
